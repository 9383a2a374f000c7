"""The GRIDSET reference's read helpers on GovernanceDAO: getProposal, hasVoted,
getVotingPower, isProposalExecutable; plus ERC-165 and the clock."""

from __future__ import annotations

import ape
from eth_utils import function_signature_to_4byte_selector

from gridset.governance import (
    ProposalState,
    Support,
    cancel,
    delegate_votes,
    execute,
    proposal_info,
    propose,
    queue,
    vote,
    wait_until,
)
from gridset.units import GRID

from .conftest import TIMELOCK_DELAY, VOTING_DELAY, VOTING_PERIOD, reverts


def test_get_proposal__through_lifecycle__reports_times_tallies_state(
    dao, alice, bob, carol, make_proposal
):
    proposal = make_proposal()
    receipt = propose(dao, proposal, alice)
    created = ape.chain.blocks[receipt.block_number].timestamp
    pid = proposal.proposal_id

    pending = dao.getProposal(pid)
    assert (pending.proposalId, pending.proposer) == (pid, alice)
    assert (pending.startTime, pending.endTime) == (
        created + VOTING_DELAY,
        created + VOTING_DELAY + VOTING_PERIOD,
    )
    assert (pending.state, pending.quorum, pending.eta) == (ProposalState.PENDING, 0, 0)
    assert not pending.executed and not pending.cancelled

    wait_until(pending.startTime + 1)
    vote(dao, pid, alice, Support.FOR)
    vote(dao, pid, bob, Support.AGAINST)
    vote(dao, pid, carol, Support.ABSTAIN)
    active = dao.getProposal(pid)
    assert (active.forVotes, active.againstVotes, active.abstainVotes) == (
        300 * GRID,
        250 * GRID,
        50 * GRID,
    )
    assert (active.state, active.quorum) == (ProposalState.ACTIVE, 100 * GRID)

    wait_until(pending.endTime + 1)
    assert dao.getProposal(pid).state == ProposalState.SUCCEEDED
    queued_at = ape.chain.blocks[queue(dao, proposal, alice).block_number].timestamp
    queued = dao.getProposal(pid)
    assert (queued.state, queued.eta) == (ProposalState.QUEUED, queued_at + TIMELOCK_DELAY)

    wait_until(queued.eta)
    execute(dao, proposal, alice)
    done = dao.getProposal(pid)
    assert (done.state, done.executed, done.cancelled) == (ProposalState.EXECUTED, True, False)


def test_get_proposal__cancelled_before_snapshot__quorum_zero_no_revert(dao, alice, make_proposal):
    proposal = make_proposal()
    propose(dao, proposal, alice)
    cancel(dao, proposal, alice)

    cancelled = dao.getProposal(proposal.proposal_id)

    assert (cancelled.state, cancelled.cancelled, cancelled.quorum) == (
        ProposalState.CANCELED,
        True,
        0,
    )


def test_get_proposal__unknown_id__reverts(dao):
    with reverts(dao.GovernorNonexistentProposal, proposalId=123):
        dao.getProposal(123)


def test_has_voted__false_until_vote(dao, alice, bob, make_proposal):
    proposal = make_proposal()
    propose(dao, proposal, alice)
    wait_until(dao.proposalSnapshot(proposal.proposal_id) + 1)
    vote(dao, proposal.proposal_id, alice)

    assert dao.hasVoted(proposal.proposal_id, alice)
    assert not dao.hasVoted(proposal.proposal_id, bob)


def test_get_voting_power__counts_delegated_votes_only(dao, grid, alice, dave):
    grid.transfer(dave, 40 * GRID, sender=alice)
    assert dao.getVotingPower(dave) == 0

    delegate_votes(grid, dave)

    assert dao.getVotingPower(dave) == 40 * GRID
    assert dao.getVotingPower(alice) == 260 * GRID


def test_is_proposal_executable__true_only_between_eta_and_execution(dao, alice, make_proposal):
    proposal = make_proposal()
    pid = proposal.proposal_id
    assert not dao.isProposalExecutable(pid)  # unknown yet
    propose(dao, proposal, alice)
    wait_until(dao.proposalSnapshot(pid) + 1)
    vote(dao, pid, alice)
    wait_until(dao.proposalDeadline(pid) + 1)
    assert not dao.isProposalExecutable(pid)  # succeeded, not queued
    queue(dao, proposal, alice)
    assert not dao.isProposalExecutable(pid)  # queued, delay running

    wait_until(dao.proposalEta(pid))

    assert dao.isProposalExecutable(pid)
    assert proposal_info(dao, pid).executable
    execute(dao, proposal, alice)
    assert not dao.isProposalExecutable(pid)


def test_proposal_info__mirrors_get_proposal(dao, alice, make_proposal):
    proposal = make_proposal()
    propose(dao, proposal, alice)

    info = proposal_info(dao, proposal.proposal_id)

    raw = dao.getProposal(proposal.proposal_id)
    assert (info.start_time, info.end_time, info.state) == (
        raw.startTime,
        raw.endTime,
        ProposalState.PENDING,
    )
    assert info.proposer == alice.address and not info.executable


def test_supports_interface__igovernance_dao_and_igovernor(dao):
    own = [
        "veto(address[],uint256[],bytes[],bytes32)",
        "setGuardian(address)",
        "guardian()",
        "getProposal(uint256)",
        "getVote(uint256,address)",
        "getVotingPower(address)",
        "isProposalExecutable(uint256)",
    ]
    interface_id = 0
    for signature in own:
        interface_id ^= int.from_bytes(function_signature_to_4byte_selector(signature), "big")

    assert dao.supportsInterface(interface_id.to_bytes(4, "big"))
    assert dao.supportsInterface(bytes.fromhex("01ffc9a7"))  # ERC-165
    assert not dao.supportsInterface(bytes.fromhex("ffffffff"))


def test_clock__timestamp_mode_in_dao_and_token(dao, grid):
    now = ape.chain.blocks.head.timestamp
    assert dao.CLOCK_MODE() == grid.CLOCK_MODE() == "mode=timestamp"
    assert now <= dao.clock() == grid.clock()
