"""One private netting round end to end on a connected chain.

Households commit to their renewable balances (Poseidon with a random salt) on ``DUtility``; the
netting entity nets them off chain with :func:`gridset.netting.reference.settle` (exact shares),
commits to the after-balances, proves the netting with the ZoKrates circuit of the community's
size and submits it. Only commitments reach the chain.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ape.api import AccountAPI
from ape.contracts import ContractInstance

from gridset.netting import build, zk
from gridset.netting.reference import Deed, settle


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


def register_households(
    dutility: ContractInstance, admin: AccountAPI, households: Sequence[AccountAPI]
) -> None:
    """Add the households that are not yet on ``dutility``, in order (``admin`` holds
    DEFAULT_ADMIN_ROLE).

    Raises:
        ValueError: ``dutility`` has other households or another order than ``households``.
    """
    count = dutility.householdCount()
    addresses = [h.address for h in households]
    existing = [dutility.householdAt(i) for i in range(count)]
    if existing != addresses[:count]:
        raise ValueError("DUtility's households are not a prefix of the given households")
    for address in addresses[count:]:
        dutility.addHousehold(address, sender=admin)


def run_private_round(
    dutility: ContractInstance,
    operator: AccountAPI,
    households: Sequence[AccountAPI],
    balances: Sequence[int],
) -> PrivateRoundResult:
    """Commit, net, prove and submit one round for ``households`` (DUtility's seats, in order).

    Args:
        dutility: a DUtility with verifiers for the community's size.
        operator: holds NETTING_ROLE on ``dutility``.
        households: the accounts of DUtility's households, in seat order; each posts its own
            commitment.
        balances: their renewable balances, Ws.

    Raises:
        ValueError: ``households`` differ from DUtility's, or a balance is out of range.
        ZkError: the netting circuit could not be built or proven.
        ContractLogicError: the chain rejected a commitment or the netting.
    """
    n = len(households)
    if len(balances) != n or dutility.householdCount() != n:
        raise ValueError("one balance per DUtility household is needed")
    if [dutility.householdAt(i) for i in range(n)] != [h.address for h in households]:
        raise ValueError("households are not DUtility's households in seat order")
    seats = zk.seats_for(n)
    build.ensure_built(seats)

    before = [(int(b), zk.random_salt()) for b in balances]
    before_commitments = zk.commitments(before)
    commitment_gas = 0
    for household, commitment in zip(households, before_commitments, strict=True):
        receipt = dutility.commitBalance(household.address, commitment, sender=household)
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
    )
