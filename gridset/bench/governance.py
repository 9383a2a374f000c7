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
from gridset.bench.signatures import sign_ballot
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
    table.record(
        "GridToken.transfer[both delegated, checkpoints]",
        grid.transfer(bob, 1_000 * GRID, sender=alice),
    )
    wait_until(chain_time() + 1)  # proposing reads votes one second back

    one = Proposal.create(
        dao, [Action.from_contract(dao, "setVotingPeriod", 600)], "Ten-minute votes"
    )
    three = Proposal.create(
        dao,
        [
            Action.from_contract(dao, "setVotingDelay", 2),
            Action.from_contract(dao, "setProposalThreshold", 2_000 * GRID),
            Action.from_contract(timelock, "updateDelay", 120),
        ],
        "Tighten governance",
    )
    guardian = Proposal.create(dao, [Action.from_contract(dao, "setGuardian", dave)], "Guardian")
    vetoed = Proposal.create(
        dao, [Action.from_contract(dao, "setVotingDelay", 6)], "Vetoed by the guardian"
    )
    table.record("GovernanceDAO.propose[1 action]", propose(dao, one, alice))
    table.record("GovernanceDAO.propose[3 actions]", propose(dao, three, alice))
    for proposal in (guardian, vetoed):
        propose(dao, proposal, alice)

    wait_until(dao.proposalSnapshot(vetoed.proposal_id) + 1)
    table.record("GovernanceDAO.castVote[for]", vote(dao, one.proposal_id, alice, Support.FOR))
    signature = sign_ballot(dao, guardian.proposal_id, Support.FOR, dave)
    table.record(
        "GovernanceDAO.castVoteBySig[for, first signature, relayed]",
        dao.castVoteBySig(guardian.proposal_id, Support.FOR, dave, signature, sender=deployer),
    )
    for proposal in (three, guardian, vetoed):
        vote(dao, proposal.proposal_id, alice, Support.FOR)
    wait_until(dao.proposalDeadline(vetoed.proposal_id) + 1)

    table.record("GovernanceDAO.queue[1 action]", queue(dao, one, carol))
    table.record("GovernanceDAO.queue[3 actions]", queue(dao, three, carol))
    for proposal in (guardian, vetoed):
        queue(dao, proposal, carol)
    table.record("GovernanceDAO.veto[queued, by guardian]", veto(dao, vetoed, dave))
    wait_until(dao.proposalEta(guardian.proposal_id))
    table.record("GovernanceDAO.execute[1 action]", execute(dao, one, carol))
    table.record("GovernanceDAO.execute[3 actions]", execute(dao, three, carol))
    table.record(
        "GovernanceDAO.setGuardian[through proposal execute]",
        execute(dao, guardian, carol),
        note=WHOLE_EXECUTE,
    )
