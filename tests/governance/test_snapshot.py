"""Votes are weighed at the proposal snapshot, and only delegated GRID votes."""

from __future__ import annotations

from gridset.governance import Support, delegate_votes, propose, vote, wait_until
from gridset.units import GRID


def test_vote__tokens_moved_after_snapshot__do_not_vote_twice(dao, grid, alice, bob, make_proposal):
    proposal = make_proposal()
    propose(dao, proposal, alice)
    wait_until(dao.proposalSnapshot(proposal.proposal_id) + 1)
    vote(dao, proposal.proposal_id, alice, Support.FOR)

    grid.transfer(bob, 300 * GRID, sender=alice)  # after the snapshot: bob now has 550 live votes
    receipt = vote(dao, proposal.proposal_id, bob, Support.FOR)

    assert dao.getVotingPower(bob) == 550 * GRID
    assert receipt.events == [dao.VoteCast(bob, proposal.proposal_id, Support.FOR, 250 * GRID, "")]
    assert dao.proposalVotes(proposal.proposal_id) == (0, 550 * GRID, 0)


def test_vote__tokens_received_before_snapshot__count_for_receiver(
    dao, grid, alice, bob, make_proposal
):
    proposal = make_proposal()
    propose(dao, proposal, alice)
    grid.transfer(bob, 100 * GRID, sender=alice)  # during the voting delay: before the snapshot
    wait_until(dao.proposalSnapshot(proposal.proposal_id) + 1)

    alice_vote = vote(dao, proposal.proposal_id, alice, Support.FOR)
    bob_vote = vote(dao, proposal.proposal_id, bob, Support.AGAINST)

    assert alice_vote.events[0].weight == 200 * GRID
    assert bob_vote.events[0].weight == 350 * GRID


def test_vote__undelegated_holder__counts_zero(dao, grid, alice, dave, make_proposal):
    grid.transfer(dave, 100 * GRID, sender=alice)  # dave holds GRID but never delegated
    proposal = make_proposal()
    propose(dao, proposal, alice)
    wait_until(dao.proposalSnapshot(proposal.proposal_id) + 1)

    receipt = vote(dao, proposal.proposal_id, dave, Support.AGAINST)

    assert grid.balanceOf(dave) == 100 * GRID
    assert receipt.events == [dao.VoteCast(dave, proposal.proposal_id, Support.AGAINST, 0, "")]
    assert dao.hasVoted(proposal.proposal_id, dave)
    assert dao.proposalVotes(proposal.proposal_id) == (0, 0, 0)


def test_vote__delegated_to_another__delegate_votes_holder_cannot(
    dao, grid, alice, bob, dave, make_proposal
):
    grid.transfer(dave, 100 * GRID, sender=alice)
    delegate_votes(grid, dave, bob)  # dave's 100 GRID vote through bob
    proposal = make_proposal()
    propose(dao, proposal, alice)
    wait_until(dao.proposalSnapshot(proposal.proposal_id) + 1)

    bob_vote = vote(dao, proposal.proposal_id, bob, Support.FOR)
    dave_vote = vote(dao, proposal.proposal_id, dave, Support.AGAINST)

    assert bob_vote.events[0].weight == 350 * GRID
    assert dave_vote.events[0].weight == 0
    assert dao.proposalVotes(proposal.proposal_id) == (0, 350 * GRID, 0)


def test_quorum__fixed_at_snapshot_supply_percentage(dao, grid, alice, make_proposal):
    proposal = make_proposal()
    propose(dao, proposal, alice)
    wait_until(dao.proposalSnapshot(proposal.proposal_id) + 1)

    assert grid.totalSupply() == 1000 * GRID
    assert dao.quorum(dao.proposalSnapshot(proposal.proposal_id)) == 100 * GRID
