"""Gas of governance: GRID delegation and transfers, and each step of a proposal's life.

Deploys GRID, the timelock and the DAO with the default deployment parameters
(``config/deploy.yaml``), hands GRID to three voters and measures, from receipts, every
state-changing call a community makes. Chain time is moved between the steps (local chains).
"""

from __future__ import annotations

from collections.abc import Sequence

from ape import chain

from gridset.bench import GasTable
from gridset.governance import (
    Action,
    Proposal,
    Support,
    cancel,
    chain_time,
    delegate_votes,
    deploy_governance,
    execute,
    load_governance_params,
    propose,
    queue,
    vote,
    wait_until,
)

_GRID = 10**18


def run(table: GasTable, accounts: Sequence) -> None:
    """Record governance gas figures into ``table`` (keys ``"Contract.function[case]"``)."""
    deployer, alice, bob, carol = accounts[:4]
    grid, timelock, dao = deploy_governance(deployer, load_governance_params())
    for contract in (grid, timelock, dao):
        name = contract.contract_type.name
        table.record(f"{name}.constructor[default config]", chain.get_receipt(contract.txn_hash))

    first_transfer = grid.transfer(alice, 200_000 * _GRID, sender=deployer)
    table.record("GridToken.transfer[to undelegated]", first_transfer)
    table.record("GridToken.delegate[self, first]", delegate_votes(grid, alice))
    grid.transfer(bob, 150_000 * _GRID, sender=deployer)
    grid.transfer(carol, 50_000 * _GRID, sender=deployer)
    delegate_votes(grid, bob)
    table.record("GridToken.delegate[to another holder]", delegate_votes(grid, carol, alice))
    table.record(
        "GridToken.transfer[both delegated, checkpoints]",
        grid.transfer(bob, 1_000 * _GRID, sender=alice),
    )
    wait_until(chain_time() + 1)  # proposing reads votes one second back

    ten_minutes = Action.from_contract(dao, "setVotingPeriod", 600)
    one = Proposal.create(dao, [ten_minutes], "Ten-minute votes")
    three = Proposal.create(
        dao,
        [
            Action.from_contract(dao, "setVotingDelay", 2),
            Action.from_contract(dao, "setProposalThreshold", 2_000 * _GRID),
            Action.from_contract(timelock, "updateDelay", 120),
        ],
        "Tighten governance",
    )
    withdrawn = Proposal.create(dao, [Action.from_contract(dao, "setVotingDelay", 3)], "Withdrawn")
    table.record("GovernanceDAO.propose[1 action]", propose(dao, one, alice))
    table.record("GovernanceDAO.propose[3 actions]", propose(dao, three, alice))
    propose(dao, withdrawn, alice)
    table.record("GovernanceDAO.cancel[pending, by proposer]", cancel(dao, withdrawn, alice))

    wait_until(dao.proposalSnapshot(three.proposal_id) + 1)
    table.record("GovernanceDAO.castVote[for]", vote(dao, one.proposal_id, alice, Support.FOR))
    against = vote(dao, one.proposal_id, bob, Support.AGAINST)  # 151k against 249k for
    table.record("GovernanceDAO.castVote[against]", against)
    table.record(
        "GovernanceDAO.castVoteWithReason[for]",
        vote(dao, three.proposal_id, alice, Support.FOR, "keeps the timelock meaningful"),
    )
    wait_until(dao.proposalDeadline(three.proposal_id) + 1)

    table.record("GovernanceDAO.queue[1 action]", queue(dao, one, carol))
    table.record("GovernanceDAO.queue[3 actions]", queue(dao, three, carol))
    wait_until(dao.proposalEta(three.proposal_id))
    table.record("GovernanceDAO.execute[1 action]", execute(dao, one, carol))
    table.record("GovernanceDAO.execute[3 actions]", execute(dao, three, carol))
