"""One private netting round end to end on a connected chain.

Households commit to their renewable balances (Poseidon with a random salt) on ``DUtility``; the
netting entity nets them off chain with :func:`gridset.reference.netting.settle` (exact shares),
commits to the after-balances, proves the netting with the ZoKrates circuit of the community's
size (demo keys, or a ceremony's: :mod:`gridset.netting.keys`) and submits it. Only commitments
reach the chain.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from ape.api import AccountAPI
from ape.contracts import ContractInstance
from eth_utils import to_checksum_address

from gridset.netting import keys, zk
from gridset.reference.netting import Deed, settle

#: 1 kWh in Ws, the balance unit.
KWH = 3_600_000


@dataclass(frozen=True)
class PrivateRoundResult:
    """What one private round did.

    Attributes:
        round_id: the DUtility round that was netted.
        households: number of households (seats in use, including those left out).
        seats: circuit size used (households padded with zero seats).
        skipped: seat indices of the households left out of the round (no balance, or a frozen
            commitment the netting entity could not open); their commitments are unchanged.
        before: balances before netting per household, Ws (private: never sent to the chain);
            for a left-out household its given balance (None: none given).
        after: balances after netting, Ws (private); a left-out household's is its before.
        after_salts: salts of the after-commitments; each household needs its own to open its
            new commitment (private; None for a left-out household).
        deeds: the netting's transfers ``(producer seat, consumer seat, Ws)`` (private).
        commitment_gas: gas of all households' ``commitBalance`` transactions.
        close_gas: gas of ``closeRound`` (the cut-off).
        netting_gas: gas of ``submitNetting`` (verification and storage).
        witness_seconds: time to compute the witness, s.
        proving_seconds: time to generate the Groth16 proof, s.
        proof: the proof and its public inputs as submitted.
    """

    round_id: int
    households: int
    seats: int
    skipped: list[int]
    before: list[int | None]
    after: list[int | None]
    after_salts: list[int | None]
    deeds: list[Deed]
    commitment_gas: int
    close_gas: int
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
    balances: Sequence[int | None],
    reporter: AccountAPI | None = None,
) -> PrivateRoundResult:
    """Commit, close, net, prove and submit one round for ``households`` (DUtility's seats, in
    order).

    The households' commitments are posted, then the round is closed (``closeRound``: the
    cut-off that freezes them), the frozen commitments are read back and every household whose
    frozen commitment is not the one posted here (someone re-committed before the cut-off, with
    an opening the netting entity does not know) is left out, as is every household with no
    balance (``None``: did not commit in time). The others are netted and proven; the left-out
    ones keep their commitments (``NettingSkipped`` on chain).

    Args:
        dutility: a DUtility with verifiers for the community's size, its round open.
        operator: holds NETTING_ROLE on ``dutility``.
        households: DUtility's households in seat order (accounts or addresses).
        balances: their renewable balances, Ws; ``None`` for a household that does not take part.
        reporter: a METER_ROLE account that posts all commitments; without it each household
            (then an account) posts its own.

    Raises:
        ValueError: ``households`` differ from DUtility's, or a balance is out of range.
        ZkError: the netting circuit could not be built or proven.
        ContractLogicError: the chain rejected a commitment, the cut-off or the netting.
    """
    n = len(households)
    if len(balances) != n or dutility.householdCount() != n:
        raise ValueError("one balance per DUtility household is needed")
    addresses = [_address(h) for h in households]
    if [dutility.householdAt(i) for i in range(n)] != addresses:
        raise ValueError("households are not DUtility's households in seat order")
    seats = zk.seats_for(n)
    keys.ensure_ready(seats)

    posted: list[tuple[int, int] | None] = [
        None if b is None else (int(b), zk.random_salt()) for b in balances
    ]
    posted_commitments = zk.commitments([p for p in posted if p is not None])
    commitment_gas = 0
    by_seat: list[int] = []
    for household, opening in zip(households, posted, strict=True):
        if opening is None:
            by_seat.append(0)
            continue
        commitment = posted_commitments.pop(0)
        receipt = dutility.commitBalance(
            _address(household), commitment, sender=reporter or household
        )
        commitment_gas += receipt.gas_used
        by_seat.append(commitment)

    round_id = dutility.currentRound()
    close_gas = dutility.closeRound(round_id, sender=operator).gas_used
    frozen = [dutility.commitmentOf(a) for a in addresses]
    taking = [i for i in range(n) if posted[i] is not None and frozen[i] == by_seat[i]]
    skipped = [i for i in range(n) if i not in taking]

    settlement = settle([posted[i][0] for i in taking], exact_shares=True)
    before: list[tuple[int, int]] = [(0, 0)] * n
    after: list[tuple[int, int]] = [(0, 0)] * n
    before_commitments, after_commitments = [0] * n, [0] * n
    new_openings = [(b, zk.random_salt()) for b in settlement.after]
    for seat, opening, commitment, new_opening, new_commitment in zip(
        taking,
        [posted[i] for i in taking],
        [by_seat[i] for i in taking],
        new_openings,
        zk.commitments(new_openings),
        strict=True,
    ):
        before[seat], after[seat] = opening, new_opening
        before_commitments[seat], after_commitments[seat] = commitment, new_commitment
    proof = keys.prove(
        seats,
        zk.witness_args(seats, round_id, before, after, before_commitments, after_commitments),
    )
    receipt = dutility.submitNetting(
        round_id, before_commitments, after_commitments, proof.contract_proof(), sender=operator
    )
    # A left-out household's balance is unchanged by the round (None: it posted nothing).
    unchanged = {i: None if posted[i] is None else posted[i][0] for i in skipped}
    return PrivateRoundResult(
        round_id=round_id,
        households=n,
        seats=seats,
        skipped=skipped,
        before=[unchanged[i] if i in unchanged else before[i][0] for i in range(n)],
        after=[unchanged[i] if i in unchanged else after[i][0] for i in range(n)],
        after_salts=[None if i in unchanged else after[i][1] for i in range(n)],
        deeds=[Deed(taking[d.producer], taking[d.consumer], d.amount) for d in settlement.deeds],
        commitment_gas=commitment_gas,
        close_gas=close_gas,
        netting_gas=receipt.gas_used,
        witness_seconds=proof.witness_seconds,
        proving_seconds=proof.proving_seconds,
        proof=proof,
    )


def report(result: PrivateRoundResult) -> str:
    """A human-readable summary of a private round (balances in kWh, gas, seconds)."""
    lines = [
        f"private netting round {result.round_id}: {result.households} households, "
        f"{result.seats}-seat circuit, {len(result.deeds)} transfers"
        + (f", {len(result.skipped)} left out (seats {result.skipped})" if result.skipped else ""),
        f"  gas: commitments {result.commitment_gas:,}, netting proof + storage "
        f"{result.netting_gas:,}",
        f"  proof: witness {result.witness_seconds:.1f} s, proving {result.proving_seconds:.1f} s",
        "  balances kWh (private, known to the netting entity only):",
    ]
    for i, (b, a) in enumerate(zip(result.before, result.after, strict=True)):
        if i in result.skipped:
            lines.append(f"    household {i:2d}: left out")
        else:
            lines.append(f"    household {i:2d}: {b / KWH:9.3f} -> {a / KWH:9.3f}")
    return "\n".join(lines)


def _address(household: str | AccountAPI) -> str:
    """Checksummed address of an account or an address string."""
    return to_checksum_address(getattr(household, "address", household))
