"""One private netting round end to end on a connected chain.

Households commit to their renewable balances (Poseidon with a random salt) on ``DUtility``; the
netting entity nets them off chain with :func:`gridset.netting.reference.settle` (exact shares),
commits to the after-balances, proves the netting with the ZoKrates circuit of the community's
size and submits it. Only commitments reach the chain.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from ape.api import AccountAPI
from ape.contracts import ContractInstance
from eth_utils import to_checksum_address

from gridset.netting import build, zk
from gridset.netting.reference import Deed, settle

#: 1 kWh in Ws, the balance unit.
KWH = 3_600_000


@dataclass(frozen=True)
class PrivateRoundResult:
    """What one private round did.

    Attributes:
        round_id: the DUtility round that was netted.
        households: number of households.
        seats: circuit size used (households padded with zero seats).
        before: balances before netting, Ws (private: never sent to the chain).
        after: balances after netting, Ws (private).
        after_salts: salts of the after-commitments; each household needs its own to open its
            new commitment (private).
        deeds: the netting's transfers (private).
        commitment_gas: gas of all households' ``commitBalance`` transactions.
        netting_gas: gas of ``submitNetting`` (verification and storage).
        witness_seconds: time to compute the witness, s.
        proving_seconds: time to generate the Groth16 proof, s.
        proof: the proof and its public inputs as submitted.
    """

    round_id: int
    households: int
    seats: int
    before: list[int]
    after: list[int]
    after_salts: list[int]
    deeds: list[Deed]
    commitment_gas: int
    netting_gas: int
    witness_seconds: float
    proving_seconds: float
    proof: zk.Proof


def register_households(
    dutility: ContractInstance, admin: AccountAPI, households: Sequence[str | AccountAPI]
) -> None:
    """Add the households that are not yet on ``dutility``, in order (``admin`` holds
    DEFAULT_ADMIN_ROLE).

    Raises:
        ValueError: ``dutility``'s households are not a prefix of ``households``.
    """
    addresses = [_address(h) for h in households]
    count = dutility.householdCount()
    if [dutility.householdAt(i) for i in range(count)] != addresses[:count]:
        raise ValueError("DUtility's households are not a prefix of the given households")
    for address in addresses[count:]:
        dutility.addHousehold(address, sender=admin)


def demo_balances(households: int, seed: int) -> list[int]:
    """A reproducible day of renewable balances for ``households`` households, Ws.

    About half the households are net producers (up to 30 kWh), the rest net consumers (up to
    25 kWh), at 1 Ws resolution.
    """
    rng = random.Random(seed)
    return [
        rng.randint(0, 30 * KWH) if rng.random() < 0.5 else -rng.randint(0, 25 * KWH)
        for _ in range(households)
    ]


def run_private_round(
    dutility: ContractInstance,
    operator: AccountAPI,
    households: Sequence[str | AccountAPI],
    balances: Sequence[int],
    reporter: AccountAPI | None = None,
) -> PrivateRoundResult:
    """Commit, net, prove and submit one round for ``households`` (DUtility's seats, in order).

    Args:
        dutility: a DUtility with verifiers for the community's size.
        operator: holds NETTING_ROLE on ``dutility``.
        households: DUtility's households in seat order (accounts or addresses).
        balances: their renewable balances, Ws.
        reporter: a METER_ROLE account that posts all commitments; without it each household
            (then an account) posts its own.

    Raises:
        ValueError: ``households`` differ from DUtility's, or a balance is out of range.
        ZkError: the netting circuit could not be built or proven.
        ContractLogicError: the chain rejected a commitment or the netting.
    """
    n = len(households)
    if len(balances) != n or dutility.householdCount() != n:
        raise ValueError("one balance per DUtility household is needed")
    if [dutility.householdAt(i) for i in range(n)] != [_address(h) for h in households]:
        raise ValueError("households are not DUtility's households in seat order")
    seats = zk.seats_for(n)
    build.ensure_built(seats)

    before = [(int(b), zk.random_salt()) for b in balances]
    before_commitments = zk.commitments(before)
    commitment_gas = 0
    for household, commitment in zip(households, before_commitments, strict=True):
        sender = reporter or household
        receipt = dutility.commitBalance(_address(household), commitment, sender=sender)
        commitment_gas += receipt.gas_used

    settlement = settle([b for b, _ in before], exact_shares=True)
    after = [(b, zk.random_salt()) for b in settlement.after]
    after_commitments = zk.commitments(after)
    round_id = dutility.currentRound()
    proof = zk.prove(
        seats,
        zk.witness_args(seats, round_id, before, after, before_commitments, after_commitments),
    )
    receipt = dutility.submitNetting(
        round_id, before_commitments, after_commitments, proof.contract_proof(), sender=operator
    )
    return PrivateRoundResult(
        round_id=round_id,
        households=n,
        seats=seats,
        before=[b for b, _ in before],
        after=settlement.after,
        after_salts=[s for _, s in after],
        deeds=settlement.deeds,
        commitment_gas=commitment_gas,
        netting_gas=receipt.gas_used,
        witness_seconds=proof.witness_seconds,
        proving_seconds=proof.proving_seconds,
        proof=proof,
    )


def report(result: PrivateRoundResult) -> str:
    """A human-readable summary of a private round (balances in kWh, gas, seconds)."""
    lines = [
        f"private netting round {result.round_id}: {result.households} households, "
        f"{result.seats}-seat circuit, {len(result.deeds)} transfers",
        f"  gas: commitments {result.commitment_gas:,}, netting proof + storage "
        f"{result.netting_gas:,}",
        f"  proof: witness {result.witness_seconds:.1f} s, proving {result.proving_seconds:.1f} s",
        "  balances kWh (private, known to the netting entity only):",
    ]
    for i, (b, a) in enumerate(zip(result.before, result.after, strict=True)):
        lines.append(f"    household {i:2d}: {b / KWH:9.3f} -> {a / KWH:9.3f}")
    return "\n".join(lines)


def _address(household: str | AccountAPI) -> str:
    """Checksummed address of an account or an address string."""
    return to_checksum_address(getattr(household, "address", household))
