"""Gas of governance: GRID transfers, allowances and delegation (also signed), each step of a
proposal's life (signed votes too), and every onlyGovernance call through a proposal.

Deploys GRID, the timelock and the DAO with the default deployment parameters
(``config/deploy.yaml``), hands GRID to four holders and measures, from receipts, every
state-changing call a community makes. Chain time is moved between the steps (local chains).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ape import chain

from gridset.bench import GasTable
from gridset.bench.governance_timelock import record_direct_timelock_calls, timelock_operation_id
from gridset.bench.signatures import (
    sign_ballot,
    sign_delegation,
    sign_permit,
    vrs_arguments,
)
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
from gridset.governance import (
    veto as veto_proposal,
)
from gridset.units import GRID

_REASON = "keeps the timelock meaningful"
#: Case of onlyGovernance calls, measured as a community makes them.
THROUGH_EXECUTE = "[through proposal execute]"
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

    first_transfer = grid.transfer(alice, 200_000 * GRID, sender=deployer)
    table.record("GridToken.transfer[to undelegated]", first_transfer)
    table.record("GridToken.delegate[self, first]", delegate_votes(grid, alice))
    grid.transfer(bob, 150_000 * GRID, sender=deployer)
    grid.transfer(carol, 50_000 * GRID, sender=deployer)
    delegate_votes(grid, bob)
    table.record("GridToken.delegate[to another holder]", delegate_votes(grid, carol, alice))
    table.record(
        "GridToken.transfer[both delegated, checkpoints]",
        grid.transfer(bob, 1_000 * GRID, sender=alice),
    )
    wait_until(chain_time() + 1)  # proposing reads votes one second back

    ten_minutes = Action.from_contract(dao, "setVotingPeriod", 600)
    one = Proposal.create(dao, [ten_minutes], "Ten-minute votes")
    three = Proposal.create(
        dao,
        [
            Action.from_contract(dao, "setVotingDelay", 2),
            Action.from_contract(dao, "setProposalThreshold", 2_000 * GRID),
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

    _allowances_and_signatures(table, grid, deployer, alice, bob, carol, dave)
    _governance_only_calls(table, grid, timelock, dao, deployer, alice, bob, dave)
    record_direct_timelock_calls(table, deployer, params.timelock_delay)


def _allowances_and_signatures(
    table: GasTable, grid: Any, relayer: Any, alice: Any, bob: Any, carol: Any, dave: Any
) -> None:
    """GRID allowances (approve, transferFrom, EIP-2612 permit) and a signed delegation; a new
    holder, ``dave``, delegates to himself by signature, sent by ``relayer``."""
    grid.transfer(dave, 20_000 * GRID, sender=relayer)
    expiry = chain_time() + 3600
    v, r, s = vrs_arguments(sign_delegation(grid, dave, dave, expiry))
    table.record(
        "GridToken.delegateBySig[self, first, first signature, relayed]",
        grid.delegateBySig(dave, grid.nonces(dave), expiry, v, r, s, sender=relayer),
    )
    table.record("GridToken.approve[new allowance]", grid.approve(bob, 5_000 * GRID, sender=alice))
    table.record(
        "GridToken.transferFrom[both delegated, checkpoints]",
        grid.transferFrom(alice, dave, 1_000 * GRID, sender=bob),
    )
    v, r, s = vrs_arguments(sign_permit(grid, alice, carol, 5_000 * GRID, expiry))
    table.record(
        "GridToken.permit[new allowance, first signature]",
        grid.permit(alice, carol, 5_000 * GRID, expiry, v, r, s, sender=carol),
    )


def _governance_only_calls(
    table: GasTable,
    grid: Any,
    timelock: Any,
    dao: Any,
    relayer: Any,
    alice: Any,
    bob: Any,
    dave: Any,
) -> None:
    """One proposal per onlyGovernance setter, plus a veto of a queued proposal through the
    timelock and one by the guardian (dave); records each
    ``execute`` receipt under the setter's key, and the signed votes on the first proposals.

    Values keep the deployment usable (defaults restored, the same timelock). The relay
    returns 1 GRID sent to the DAO by mistake to the treasury. The veto relays
    ``timelock.cancel`` of another queued proposal: the only way to stop one once queued
    (``GovernanceDAO.cancel`` accepts Pending proposals only, from their proposer).
    """
    grid.transfer(dao, GRID, sender=relayer)
    setters = {
        "GovernanceDAO.setVotingDelay": Action.from_contract(dao, "setVotingDelay", 1),
        "GovernanceDAO.setVotingPeriod": Action.from_contract(dao, "setVotingPeriod", 300),
        "GovernanceDAO.setProposalThreshold": Action.from_contract(
            dao, "setProposalThreshold", 1_000 * GRID
        ),
        "GovernanceDAO.updateQuorumNumerator": Action.from_contract(
            dao, "updateQuorumNumerator", 5
        ),
        "GovernanceTimelock.updateDelay": Action.from_contract(timelock, "updateDelay", 60),
        "GovernanceDAO.relay": Action.from_contract(
            dao, "relay", grid, 0, grid.transfer.encode_input(timelock, GRID)
        ),
        "GovernanceDAO.updateTimelock": Action.from_contract(dao, "updateTimelock", timelock),
        "GovernanceDAO.setGuardian": Action.from_contract(dao, "setGuardian", dave),
    }
    proposals = {key: Proposal.create(dao, [a], f"Bench: {key}") for key, a in setters.items()}
    doomed = Proposal.create(
        dao, [Action.from_contract(dao, "setVotingDelay", 5)], "Bench: vetoed while queued"
    )
    cancel_doomed = timelock.cancel.encode_input(timelock_operation_id(dao, timelock, doomed))
    veto = Proposal.create(
        dao, [Action.from_contract(dao, "relay", timelock, 0, cancel_doomed)], "Bench: veto"
    )
    vetoed = Proposal.create(
        dao, [Action.from_contract(dao, "setVotingDelay", 6)], "Bench: vetoed by the guardian"
    )
    everything = [*proposals.values(), doomed, veto, vetoed]
    for proposal in everything:
        propose(dao, proposal, alice)
    wait_until(dao.proposalSnapshot(veto.proposal_id) + 1)

    _signed_votes(table, dao, relayer, [p.proposal_id for p in everything[:3]], dave, bob)
    for proposal in everything:
        vote(dao, proposal.proposal_id, alice, Support.FOR)
    wait_until(dao.proposalDeadline(veto.proposal_id) + 1)
    for proposal in everything:
        queue(dao, proposal, bob)
    table.record("GovernanceDAO.veto[queued, by guardian]", veto_proposal(dao, vetoed, dave))
    wait_until(dao.proposalEta(veto.proposal_id))

    table.record(
        "GovernanceTimelock.cancel[queued proposal, relayed through proposal execute]",
        execute(dao, veto, bob),
        note=WHOLE_EXECUTE + " (GovernanceDAO.relay calling timelock.cancel)",
    )
    for key, proposal in proposals.items():
        executed = execute(dao, proposal, bob)
        table.record(f"{key}{THROUGH_EXECUTE}", executed, note=WHOLE_EXECUTE)


def _signed_votes(
    table: GasTable, dao: Any, relayer: Any, proposal_ids: Sequence[int], dave: Any, bob: Any
) -> None:
    """The first For vote on each of three proposals: ``dave``'s and ``bob``'s first signed
    ballots (Governor nonce 0 -> 1), sent by ``relayer``, and ``bob`` voting with a reason."""
    first, second, third = proposal_ids
    signature = sign_ballot(dao, first, Support.FOR, dave)
    table.record(
        "GovernanceDAO.castVoteBySig[for, first signature, relayed]",
        dao.castVoteBySig(first, Support.FOR, dave, signature, sender=relayer),
    )
    table.record(
        "GovernanceDAO.castVoteWithReasonAndParams[for, empty params]",
        dao.castVoteWithReasonAndParams(second, Support.FOR, _REASON, b"", sender=bob),
    )
    signature = sign_ballot(dao, third, Support.FOR, bob, _REASON, b"")
    table.record(
        "GovernanceDAO.castVoteWithReasonAndParamsBySig"
        "[for, empty params, first signature, relayed]",
        dao.castVoteWithReasonAndParamsBySig(
            third, Support.FOR, bob, _REASON, b"", signature, sender=relayer
        ),
    )
