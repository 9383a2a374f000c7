"""GovernanceDAO lifecycle: pending, active, defeated, succeeded, queued, executed, cancelled."""

from __future__ import annotations

import ape
import pytest
from eth_utils import keccak

from gridset.governance import (
    Action,
    ProposalState,
    Support,
    cancel,
    execute,
    propose,
    queue,
    vote,
    wait_until,
)
from gridset.units import GRID

from .conftest import TIMELOCK_DELAY, VOTING_DELAY, VOTING_PERIOD, reverts


def state_bitmap(*states: ProposalState) -> bytes:
    """Governor's ``expectedStates`` argument: one bit per allowed state."""
    return sum(1 << s for s in states).to_bytes(32, "big")


def open_voting(dao, proposal):
    """Move chain time past the snapshot (the proposal becomes Active)."""
    wait_until(dao.proposalSnapshot(proposal.proposal_id) + 1)


def close_voting(dao, proposal):
    """Move chain time past the deadline (the proposal becomes Succeeded or Defeated)."""
    wait_until(dao.proposalDeadline(proposal.proposal_id) + 1)


def decide(dao, proposal, proposer, *votes) -> ProposalState:
    """Propose, cast each ``(voter, support)`` once voting opens, close voting; return the state."""
    propose(dao, proposal, proposer)
    open_voting(dao, proposal)
    for voter, support in votes:
        vote(dao, proposal.proposal_id, voter, support)
    close_voting(dao, proposal)
    return ProposalState(dao.state(proposal.proposal_id))


def queue_until_ready(dao, proposal, sender) -> None:
    """Queue a Succeeded proposal and move chain time to its eta."""
    queue(dao, proposal, sender)
    wait_until(dao.proposalEta(proposal.proposal_id))


def salt_of(dao, proposal) -> bytes:
    """GovernorTimelockControl's timelock salt: ``bytes20(governor) ^ descriptionHash``."""
    governor = bytes.fromhex(dao.address[2:]).ljust(32, b"\0")
    return bytes(a ^ b for a, b in zip(governor, proposal.description_hash, strict=True))


def test_propose__emits_proposal_created_with_snapshot_and_deadline_in_seconds(
    dao, alice, make_proposal
):
    proposal = make_proposal()

    receipt = propose(dao, proposal, alice)

    now = ape.chain.blocks[receipt.block_number].timestamp
    targets, values, calldatas = proposal.call_arguments
    assert receipt.events == [
        dao.ProposalCreated(
            proposal.proposal_id,
            alice,
            targets,
            values,
            [""],
            calldatas,
            now + VOTING_DELAY,
            now + VOTING_DELAY + VOTING_PERIOD,
            proposal.description,
        )
    ]
    assert dao.state(proposal.proposal_id) == ProposalState.PENDING


def test_propose__below_threshold__reverts(dao, dave, make_proposal):
    with reverts(
        dao.GovernorInsufficientProposerVotes, proposer=dave, votes=0, threshold=10 * GRID
    ):
        propose(dao, make_proposal(), dave)


def test_propose__same_actions_and_description_twice__reverts(dao, alice, make_proposal):
    proposal = make_proposal()
    propose(dao, proposal, alice)

    with reverts(
        dao.GovernorUnexpectedProposalState,
        proposalId=proposal.proposal_id,
        current=ProposalState.PENDING,
        expectedStates=bytes(32),
    ):
        propose(dao, proposal, alice)


def test_vote__while_pending__reverts(dao, alice, make_proposal):
    proposal = make_proposal()
    propose(dao, proposal, alice)

    with reverts(
        dao.GovernorUnexpectedProposalState,
        proposalId=proposal.proposal_id,
        current=ProposalState.PENDING,
        expectedStates=state_bitmap(ProposalState.ACTIVE),
    ):
        vote(dao, proposal.proposal_id, alice)


def test_vote__after_snapshot__active_and_counted(dao, alice, make_proposal):
    proposal = make_proposal()
    propose(dao, proposal, alice)
    open_voting(dao, proposal)

    receipt = vote(dao, proposal.proposal_id, alice, Support.FOR, reason="longer votes")

    assert dao.state(proposal.proposal_id) == ProposalState.ACTIVE
    assert receipt.events == [
        dao.VoteCast(alice, proposal.proposal_id, Support.FOR, 300 * GRID, "longer votes")
    ]
    assert dao.proposalVotes(proposal.proposal_id) == (0, 300 * GRID, 0)


def test_vote__twice__reverts(dao, alice, make_proposal):
    proposal = make_proposal()
    propose(dao, proposal, alice)
    open_voting(dao, proposal)
    vote(dao, proposal.proposal_id, alice)

    with reverts(dao.GovernorAlreadyCastVote, voter=alice):
        vote(dao, proposal.proposal_id, alice, Support.AGAINST)


def test_vote__after_deadline__reverts(dao, alice, bob, make_proposal):
    proposal = make_proposal()
    decide(dao, proposal, alice, (alice, Support.FOR))

    with reverts(
        dao.GovernorUnexpectedProposalState,
        proposalId=proposal.proposal_id,
        current=ProposalState.SUCCEEDED,
        expectedStates=state_bitmap(ProposalState.ACTIVE),
    ):
        vote(dao, proposal.proposal_id, bob)


def test_lifecycle__quorum_not_reached__defeated_and_not_queueable(
    dao, alice, carol, make_proposal
):
    proposal = make_proposal()

    state = decide(dao, proposal, alice, (carol, Support.FOR))  # 50 GRID < quorum 100 GRID

    assert dao.quorum(dao.proposalSnapshot(proposal.proposal_id)) == 100 * GRID
    assert state == ProposalState.DEFEATED
    with reverts(
        dao.GovernorUnexpectedProposalState,
        proposalId=proposal.proposal_id,
        current=ProposalState.DEFEATED,
        expectedStates=state_bitmap(ProposalState.SUCCEEDED),
    ):
        queue(dao, proposal, alice)


def test_lifecycle__abstain_counts_for_quorum_only__defeated_without_for_majority(
    dao, alice, bob, carol, make_proposal
):
    proposal = make_proposal()

    # Quorum reached by abstention alone; no For votes.
    state = decide(dao, proposal, alice, (alice, Support.ABSTAIN), (carol, Support.AGAINST))

    assert dao.proposalVotes(proposal.proposal_id) == (50 * GRID, 0, 300 * GRID)
    assert state == ProposalState.DEFEATED


def test_lifecycle__majority_against__defeated(dao, alice, bob, carol, make_proposal):
    proposal = make_proposal()

    state = decide(dao, proposal, alice, (bob, Support.AGAINST), (carol, Support.FOR))

    assert dao.proposalVotes(proposal.proposal_id) == (250 * GRID, 50 * GRID, 0)
    assert state == ProposalState.DEFEATED


def test_lifecycle__tie__defeated(dao, alice, bob, make_proposal, grid):
    grid.transfer(bob, 25 * GRID, sender=alice)  # alice 275, bob 275
    proposal = make_proposal()

    state = decide(dao, proposal, alice, (alice, Support.FOR), (bob, Support.AGAINST))

    assert dao.proposalVotes(proposal.proposal_id) == (275 * GRID, 275 * GRID, 0)
    assert state == ProposalState.DEFEATED


def test_lifecycle__succeeded_queued_executed__changes_voting_period(
    dao, timelock, alice, bob, outsider, make_proposal
):
    proposal = make_proposal()
    state = decide(dao, proposal, alice, (alice, Support.FOR), (bob, Support.AGAINST))
    assert state == ProposalState.SUCCEEDED

    queued = queue(dao, proposal, outsider)  # anyone may queue and execute

    eta = ape.chain.blocks[queued.block_number].timestamp + TIMELOCK_DELAY
    assert dao.state(proposal.proposal_id) == ProposalState.QUEUED
    assert dao.proposalEta(proposal.proposal_id) == eta
    assert queued.events.filter(dao.ProposalQueued) == [
        dao.ProposalQueued(proposal.proposal_id, eta)
    ]
    assert len(queued.events.filter(timelock.CallScheduled)) == 1

    wait_until(eta)
    executed = execute(dao, proposal, outsider)

    assert dao.state(proposal.proposal_id) == ProposalState.EXECUTED
    assert dao.votingPeriod() == 200
    assert executed.events.filter(dao.VotingPeriodSet) == [dao.VotingPeriodSet(VOTING_PERIOD, 200)]
    assert executed.events.filter(dao.ProposalExecuted) == [
        dao.ProposalExecuted(proposal.proposal_id)
    ]


def test_execute__before_timelock_delay__reverts(dao, timelock, alice, make_proposal):
    proposal = make_proposal()
    decide(dao, proposal, alice, (alice, Support.FOR))
    queue(dao, proposal, alice)
    targets, values, calldatas = proposal.call_arguments
    operation = timelock.hashOperationBatch(
        targets, values, calldatas, bytes(32), salt_of(dao, proposal)
    )

    with reverts(
        timelock.TimelockUnexpectedOperationState,
        operationId=bytes(operation),
        expectedStates=(1 << 2).to_bytes(32, "big"),  # Ready
    ):
        execute(dao, proposal, alice)


def test_execute__twice__reverts(dao, alice, make_proposal):
    proposal = make_proposal()
    decide(dao, proposal, alice, (alice, Support.FOR))
    queue_until_ready(dao, proposal, alice)
    execute(dao, proposal, alice)

    with reverts(
        dao.GovernorUnexpectedProposalState,
        proposalId=proposal.proposal_id,
        current=ProposalState.EXECUTED,
        expectedStates=state_bitmap(ProposalState.SUCCEEDED, ProposalState.QUEUED),
    ):
        execute(dao, proposal, alice)


def test_cancel__by_proposer_while_pending__cancelled_and_unvotable(dao, alice, make_proposal):
    proposal = make_proposal()
    propose(dao, proposal, alice)

    receipt = cancel(dao, proposal, alice)

    assert receipt.events == [dao.ProposalCanceled(proposal.proposal_id)]
    assert dao.state(proposal.proposal_id) == ProposalState.CANCELED
    open_voting(dao, proposal)
    with reverts(
        dao.GovernorUnexpectedProposalState,
        proposalId=proposal.proposal_id,
        current=ProposalState.CANCELED,
        expectedStates=state_bitmap(ProposalState.ACTIVE),
    ):
        vote(dao, proposal.proposal_id, alice)


def test_cancel__by_someone_else__reverts(dao, alice, bob, make_proposal):
    proposal = make_proposal()
    propose(dao, proposal, alice)

    with reverts(dao.GovernorUnableToCancel, proposalId=proposal.proposal_id, account=bob):
        cancel(dao, proposal, bob)


def test_cancel__by_proposer_once_voting_opened__reverts(dao, alice, make_proposal):
    proposal = make_proposal()
    propose(dao, proposal, alice)
    open_voting(dao, proposal)

    with reverts(dao.GovernorUnableToCancel, proposalId=proposal.proposal_id, account=alice):
        cancel(dao, proposal, alice)


@pytest.mark.parametrize(
    "method, args",
    [
        ("setVotingDelay", (1,)),
        ("setVotingPeriod", (1,)),
        ("setProposalThreshold", (0,)),
        ("updateQuorumNumerator", (1,)),
    ],
)
def test_settings__set_directly_by_anyone__reverts(dao, alice, method, args):
    with reverts(dao.GovernorOnlyExecutor, account=alice):
        getattr(dao, method)(*args, sender=alice)


def test_proposal__description_hash_is_keccak_of_text(make_proposal):
    proposal = make_proposal(description="x")
    assert proposal.description_hash == keccak(text="x")


def test_proposal__multi_action_executes_all_in_order(dao, timelock, alice, bob, make_proposal):
    actions = [
        Action.from_contract(dao, "setVotingDelay", 20),
        Action.from_contract(dao, "setProposalThreshold", 20 * GRID),
        Action.from_contract(timelock, "updateDelay", 120),
    ]
    proposal = make_proposal(actions, "Tighten governance")
    decide(dao, proposal, alice, (alice, Support.FOR))
    queue_until_ready(dao, proposal, alice)

    receipt = execute(dao, proposal, alice)

    assert (dao.votingDelay(), dao.proposalThreshold(), timelock.getMinDelay()) == (
        20,
        20 * GRID,
        120,
    )
    assert receipt.events.filter(timelock.MinDelayChange) == [
        timelock.MinDelayChange(TIMELOCK_DELAY, 120)
    ]
    assert [e.index for e in receipt.events.filter(timelock.CallExecuted)] == [0, 1, 2]
