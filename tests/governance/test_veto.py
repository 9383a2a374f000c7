"""The guardian's veto: a proposal can be cancelled by the guardian until its timelock eta, by
nobody else, and never once executable; plus the recorded description and votes (getProposal,
getVote) of the reference interface."""

from __future__ import annotations

import ape
import pytest
from eth_utils import keccak
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gridset.governance import (
    Action,
    Proposal,
    ProposalState,
    Support,
    delegate_votes,
    deploy_governance,
    execute,
    pass_proposal,
    propose,
    queue,
    veto,
    vote,
    wait_until,
)
from gridset.units import GRID

from .conftest import TIMELOCK_DELAY, reverts

ZERO = "0x" + "00" * 20


@pytest.fixture(scope="module")
def vetoable(deployer, params, guardian, alice, bob, carol):
    """GRID / timelock / DAO whose guardian may veto (same distribution and timings)."""
    contracts = deploy_governance(deployer, params.replaced(guardian=guardian.address))
    for voter in (alice, bob, carol):
        delegate_votes(contracts.grid, voter)
    return contracts


@pytest.fixture
def passed(vetoable, alice, bob, make_proposal):
    """Factory: a proposal voted through on the vetoable DAO, left Succeeded (or Queued)."""
    dao = vetoable.dao

    def passed(queued: bool = True, description: str = "Lengthen the voting period to 200 s"):
        proposal = Proposal.create(
            dao, [Action.from_contract(dao, "setVotingPeriod", 200)], description
        )
        propose(dao, proposal, alice)
        wait_until(dao.proposalSnapshot(proposal.proposal_id) + 1)
        vote(dao, proposal.proposal_id, alice, Support.FOR)
        vote(dao, proposal.proposal_id, bob, Support.FOR)
        wait_until(dao.proposalDeadline(proposal.proposal_id) + 1)
        if queued:
            queue(dao, proposal, alice)
        return proposal

    return passed


def _operation_id(timelock, dao, proposal) -> bytes:
    """The timelock operation of a queued proposal (GovernorTimelockControl's batch, salted with
    ``bytes20(dao) ^ descriptionHash``)."""
    targets, values, calldatas = proposal.call_arguments
    dao_bytes = bytes.fromhex(dao.address[2:]).ljust(32, b"\0")
    salt = bytes(a ^ b for a, b in zip(dao_bytes, proposal.description_hash, strict=True))
    return bytes(timelock.hashOperationBatch(targets, values, calldatas, bytes(32), salt))


def test_veto__queued_before_eta__proposal_and_timelock_operation_cancelled(
    vetoable, guardian, alice, passed
):
    dao, timelock = vetoable.dao, vetoable.timelock
    proposal = passed()
    pid = proposal.proposal_id
    operation = _operation_id(timelock, dao, proposal)
    assert timelock.isOperationPending(operation)
    wait_until(dao.proposalEta(pid) - 2)  # the veto lands one second before the eta

    receipt = veto(dao, proposal, guardian)

    assert receipt.events == [
        dao.ProposalCanceled(pid),
        timelock.Cancelled(operation),
        dao.ProposalVetoed(pid, guardian),
    ]
    assert dao.state(pid) == ProposalState.CANCELED
    assert not timelock.isOperation(operation)
    assert dao.getProposal(pid).cancelled
    wait_until(ape.chain.pending_timestamp + TIMELOCK_DELAY)
    with reverts(dao.GovernorUnexpectedProposalState, proposalId=pid):
        execute(dao, proposal, alice)
    assert dao.votingPeriod() == 100


def test_veto__at_eta__too_late_and_proposal_executes(vetoable, guardian, alice, passed):
    dao = vetoable.dao
    proposal = passed()
    eta = dao.proposalEta(proposal.proposal_id)
    wait_until(eta - 1)  # the veto is mined at the eta

    with reverts(
        dao.GovernanceDAOVetoTooLate, proposalId=proposal.proposal_id, eta=eta, timestamp=eta
    ):
        veto(dao, proposal, guardian)

    execute(dao, proposal, alice)
    assert dao.votingPeriod() == 200


@pytest.mark.parametrize("queued", [False, True])
def test_veto__by_anyone_else__reverts_not_guardian(
    vetoable, guardian, alice, outsider, passed, queued
):
    dao = vetoable.dao
    proposal = passed(queued=queued)
    for caller in (alice, outsider):
        with reverts(dao.GovernanceDAONotGuardian, caller=caller, guardian=guardian):
            veto(dao, proposal, caller)
    assert dao.state(proposal.proposal_id) == (
        ProposalState.QUEUED if queued else ProposalState.SUCCEEDED
    )


def test_veto__succeeded_not_yet_queued__cancelled_and_cannot_be_queued(
    vetoable, guardian, alice, passed
):
    dao = vetoable.dao
    proposal = passed(queued=False)

    receipt = veto(dao, proposal, guardian)

    pid = proposal.proposal_id
    assert receipt.events == [dao.ProposalCanceled(pid), dao.ProposalVetoed(pid, guardian)]
    with reverts(dao.GovernorUnexpectedProposalState, proposalId=pid):
        queue(dao, proposal, alice)


def test_veto__twice__second_reverts_unexpected_state(vetoable, guardian, passed):
    dao = vetoable.dao
    proposal = passed()
    veto(dao, proposal, guardian)

    with reverts(dao.GovernorUnexpectedProposalState, proposalId=proposal.proposal_id):
        veto(dao, proposal, guardian)


def test_veto__unknown_proposal__reverts_nonexistent(vetoable, guardian, make_proposal):
    dao = vetoable.dao
    proposal = make_proposal(description="never proposed")

    with reverts(dao.GovernorNonexistentProposal, proposalId=proposal.proposal_id):
        dao.veto(*proposal.call_arguments, proposal.description_hash, sender=guardian)


def test_veto__dao_without_guardian__nobody_can_veto(
    dao, governance, alice, deployer, make_proposal
):
    proposal = make_proposal(description="no guardian here")
    propose(dao, proposal, alice)
    assert dao.guardian() == ZERO
    for caller in (alice, deployer):
        with reverts(dao.GovernanceDAONotGuardian, caller=caller, guardian=ZERO):
            veto(dao, proposal, caller)


def test_set_guardian__directly__only_governance(vetoable, guardian, outsider):
    dao = vetoable.dao
    for caller in (guardian, outsider):
        with reverts(dao.GovernorOnlyExecutor, account=caller):
            dao.setGuardian(outsider, sender=caller)
    assert dao.guardian() == guardian


def test_set_guardian__through_a_proposal__replaced_and_event(
    vetoable, guardian, outsider, alice, bob
):
    dao = vetoable.dao
    proposal = Proposal.create(
        dao, [Action.from_contract(dao, "setGuardian", outsider)], "New guardian"
    )
    receipt = pass_proposal(dao, proposal, alice, [alice, bob])

    assert dao.GuardianChanged(guardian, outsider) in receipt.events
    assert dao.guardian() == outsider
    assert vetoable.dao.getProposal(proposal.proposal_id).description == "New guardian"
    pending = Proposal.create(dao, [Action.from_contract(dao, "setVotingDelay", 2)], "Later")
    propose(dao, pending, alice)
    with reverts(dao.GovernanceDAONotGuardian, caller=guardian, guardian=outsider):
        veto(dao, pending, guardian)  # the former guardian has no veto any more
    veto(dao, pending, outsider)
    assert dao.state(pending.proposal_id) == ProposalState.CANCELED


def test_constructor__guardian__recorded_with_event(vetoable, guardian):
    dao = vetoable.dao
    created = ape.chain.get_receipt(dao.txn_hash)
    assert dao.guardian() == guardian
    assert dao.GuardianChanged(ZERO, guardian) in created.events


# ---------------------------------------------------------------- reference read helpers


def test_get_proposal__description_as_proposed(dao, alice, make_proposal):
    text = "Lengthen the voting period to 200 s — a description longer than one storage slot"
    proposal = make_proposal(description=text)
    propose(dao, proposal, alice)

    assert dao.getProposal(proposal.proposal_id).description == text
    assert keccak(text=text) == proposal.description_hash


def test_get_vote__each_support__voter_support_weight(dao, alice, bob, carol, dave, make_proposal):
    proposal = make_proposal(description="who voted how")
    pid = proposal.proposal_id
    propose(dao, proposal, alice)
    wait_until(dao.proposalSnapshot(pid) + 1)
    vote(dao, pid, alice, Support.FOR)
    vote(dao, pid, bob, Support.AGAINST)
    vote(dao, pid, carol, Support.ABSTAIN)
    vote(dao, pid, dave, Support.FOR)  # no GRID delegated: a vote of weight 0

    assert dao.getVote(pid, alice) == (alice, Support.FOR, 300 * GRID)
    assert dao.getVote(pid, bob) == (bob, Support.AGAINST, 250 * GRID)
    assert dao.getVote(pid, carol) == (carol, Support.ABSTAIN, 50 * GRID)
    assert dao.getVote(pid, dave) == (dave, Support.FOR, 0)


def test_get_vote__not_voted_or_unknown_proposal__all_zero(dao, alice, make_proposal):
    proposal = make_proposal(description="nobody voted")
    propose(dao, proposal, alice)

    assert dao.getVote(proposal.proposal_id, alice) == (ZERO, 0, 0)
    assert dao.getVote(12345, alice) == (ZERO, 0, 0)


def test_get_vote__second_vote__reverts_and_first_ballot_kept(dao, alice, make_proposal):
    proposal = make_proposal(description="vote twice")
    pid = proposal.proposal_id
    propose(dao, proposal, alice)
    wait_until(dao.proposalSnapshot(pid) + 1)
    vote(dao, pid, alice, Support.AGAINST)

    with reverts(dao.GovernorAlreadyCastVote, voter=alice):
        vote(dao, pid, alice, Support.FOR)
    assert dao.getVote(pid, alice) == (alice, Support.AGAINST, 300 * GRID)


@settings(
    max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(offset=st.integers(-3, 2))
def test_veto__any_time_around_the_eta__allowed_exactly_before_it(
    vetoable, guardian, passed, offset
):
    dao = vetoable.dao
    proposal = passed(description=f"veto at eta{offset:+d} #{ape.chain.blocks.height}")
    eta = dao.proposalEta(proposal.proposal_id)
    wait_until(eta + offset - 1)  # the veto is mined at eta + offset

    if offset < 0:
        veto(dao, proposal, guardian)
        assert dao.state(proposal.proposal_id) == ProposalState.CANCELED
    else:
        with reverts(dao.GovernanceDAOVetoTooLate, proposalId=proposal.proposal_id, eta=eta):
            veto(dao, proposal, guardian)
        assert dao.isProposalExecutable(proposal.proposal_id)
