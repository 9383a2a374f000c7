"""Gas of governance as a community uses it: deploying GRID, the timelock and the DAO, delegating
and moving GRID, each step of a proposal's life (1 and 3 actions; a relayed signed vote), the
guardian's veto and its own setter through a proposal. Functions GovernanceDAO and GridToken
inherit from OpenZeppelin are measured only where a user step needs them; the timelock (plain
OpenZeppelin) only inside ``GovernanceDAO.queue`` / ``execute``.

Deploys with the default deployment parameters (``config/deploy.yaml``); chain time is moved
between the steps (local chains).
"""

from __future__ import annotations

from collections.abc import Sequence

from ape import chain

from gridset.bench import GasTable
from gridset.governance import (
    Action,
    Proposal,
    Support,
    chain_time,
    delegate_votes,
    deploy_governance,
    execute,
    load_governance_params,
    propose,
    queue,
    veto,
    vote,
    wait_until,
)
from gridset.signatures import sign_ballot
from gridset.units import GRID

WHOLE_EXECUTE = (
    "whole GovernanceDAO.execute transaction of a 1-action proposal making this call "
    "(timelock executeBatch included)"
)


def run(table: GasTable, accounts: Sequence) -> None:
    """Record governance gas figures into ``table`` (keys ``"Contract.function[case]"``)."""
    deployer, alice, bob, carol, dave = accounts[:5]
    # dave is the guardian: he vetoes a queued proposal below.
    params = load_governance_params().for_chain(development=True).replaced(guardian=dave.address)
    grid, timelock, dao = deploy_governance(deployer, params)
    for contract in (grid, timelock, dao):
        name = contract.contract_type.name
        table.record(f"{name}.constructor[default config]", chain.get_receipt(contract.txn_hash))
    for holder, amount in ((alice, 200_000), (bob, 150_000), (dave, 20_000)):
        grid.transfer(holder, amount * GRID, sender=deployer)
    table.record("GridToken.delegate[self, first]", delegate_votes(grid, alice))
    grid.transfer(carol, 50_000 * GRID, sender=deployer)
    delegate_votes(grid, bob)
    delegate_votes(grid, carol, alice)  # alice votes with carol's GRID too
    delegate_votes(grid, dave)
    case = "[both delegated, checkpoints]"
    table.call(grid, "transfer", case, bob, 1_000 * GRID, sender=alice)
    wait_until(chain_time() + 1)  # proposing reads votes one second back

    def proposal(description: str, *calls: tuple) -> Proposal:
        actions = [Action.from_contract(contract, *call) for contract, *call in calls]
        return Proposal.create(dao, actions, description)

    one = proposal("Ten-minute votes", (dao, "setVotingPeriod", 600))
    three = proposal(
        "Tighten governance",
        (dao, "setVotingDelay", 2),
        (dao, "setProposalThreshold", 2_000 * GRID),
        (timelock, "updateDelay", 120),
    )
    guardian = proposal("Guardian", (dao, "setGuardian", dave))
    vetoed = proposal("Vetoed by the guardian", (dao, "setVotingDelay", 6))
    rounds = (("1 action", one), ("3 actions", three))
    for size, item in rounds:
        table.record(f"GovernanceDAO.propose[{size}]", propose(dao, item, alice))
    for item in (guardian, vetoed):
        propose(dao, item, alice)
    wait_until(dao.proposalSnapshot(vetoed.proposal_id) + 1)
    table.record("GovernanceDAO.castVote[for]", vote(dao, one.proposal_id, alice, Support.FOR))
    signature = sign_ballot(dao, guardian.proposal_id, Support.FOR, dave)
    args = (guardian.proposal_id, Support.FOR, dave, signature)
    table.call(dao, "castVoteBySig", "[for, first signature, relayed]", *args, sender=deployer)
    for item in (three, guardian, vetoed):
        vote(dao, item.proposal_id, alice, Support.FOR)
    wait_until(dao.proposalDeadline(vetoed.proposal_id) + 1)
    for size, item in rounds:
        table.record(f"GovernanceDAO.queue[{size}]", queue(dao, item, carol))
    for item in (guardian, vetoed):
        queue(dao, item, carol)
    table.record("GovernanceDAO.veto[queued, by guardian]", veto(dao, vetoed, dave))
    wait_until(dao.proposalEta(guardian.proposal_id))
    for size, item in rounds:
        table.record(f"GovernanceDAO.execute[{size}]", execute(dao, item, carol))
    table.record(
        "GovernanceDAO.setGuardian[through proposal execute]",
        execute(dao, guardian, carol),
        note=WHOLE_EXECUTE,
    )
