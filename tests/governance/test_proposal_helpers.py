"""Python proposal helpers: action encoding, recovery from logs, pass_proposal, chain time."""

from __future__ import annotations

import re

import ape
import pytest

from gridset import chain_time as chain_time_module
from gridset.governance import (
    Action,
    ChainTimeError,
    Proposal,
    ProposalNotPassedError,
    ProposalState,
    Support,
    action_from_text,
    chain_time,
    load_proposal,
    pass_proposal,
    propose,
    wait_until,
)
from gridset.units import GRID

from .conftest import VOTING_PERIOD, reverts


def test_action_from_signature__same_calldata_as_contract_abi(dao):
    by_signature = Action.from_signature(dao.address.lower(), "setVotingPeriod(uint32)", [600])

    assert by_signature == Action.from_contract(dao, "setVotingPeriod", 600)
    assert by_signature.target == dao.address


def test_action_from_text__converts_each_type(dao, alice):
    action = action_from_text(
        dao.address,
        "f(uint256, address, bool, bytes32, string, uint8[], (int16,bool))",
        ["0x10", alice.address.lower(), "true", "0x" + "ab" * 32, "hi", "[1, 2]", '[-3, "false"]'],
    )
    expected = Action.from_signature(
        dao.address,
        "f(uint256,address,bool,bytes32,string,uint8[],(int16,bool))",
        [16, alice.address, True, b"\xab" * 32, "hi", [1, 2], (-3, False)],
    )
    assert action == expected


@pytest.mark.parametrize(
    "signature, args, message",
    [
        ("setQuorum", ["3"], "function signature must look like name(type,...)"),
        ("setQuorum(uint256)", [], "setQuorum(uint256) takes 1 argument(s), got 0"),
        ("setQuorum(uint257)", ["3"], "bad parameter types"),
        ("setFlag(bool)", ["maybe"], "bool must be true or false"),
        ("setList(uint8[])", ["3"], "uint8[] needs a JSON list"),
    ],
)
def test_action_from_text__bad_input__value_error(dao, signature, args, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        action_from_text(dao.address, signature, args)


@pytest.mark.parametrize(
    "text, support",
    [
        ("for", Support.FOR),
        ("Against", Support.AGAINST),
        ("ABSTAIN", Support.ABSTAIN),
        ("1", Support.FOR),
    ],
)
def test_support_parse__names_and_numbers(text, support):
    assert Support.parse(text) is support


def test_support_parse__unknown__value_error():
    with pytest.raises(ValueError, match="vote must be for, against or abstain, got 'yes'"):
        Support.parse("yes")


def test_proposal_create__no_actions__value_error(dao):
    with pytest.raises(ValueError, match="at least one action"):
        Proposal.create(dao, [], "empty")


def test_proposal_create__id_matches_proposal_created_event(dao, alice, make_proposal):
    proposal = make_proposal()

    receipt = propose(dao, proposal, alice)

    assert receipt.events[0].proposalId == proposal.proposal_id


def test_load_proposal__recovers_actions_and_description_from_log(
    dao, timelock, alice, make_proposal
):
    actions = [
        Action.from_contract(dao, "setVotingPeriod", 200),
        Action.from_contract(timelock, "updateDelay", 5),
    ]
    proposal = make_proposal(actions, "Two changes\n\nwith a body")
    propose(dao, proposal, alice)

    assert load_proposal(dao, proposal.proposal_id) == proposal


def test_load_proposal__unknown_id__lookup_error(dao):
    with pytest.raises(LookupError, match="no ProposalCreated log for proposal 5"):
        load_proposal(dao, 5)


def test_pass_proposal__executes_timelock_delay_change(dao, timelock, alice, bob):
    proposal = Proposal.create(
        dao, [Action.from_contract(timelock, "updateDelay", 30)], "Halve the delay"
    )

    receipt = pass_proposal(dao, proposal, alice, [alice, bob])

    assert timelock.getMinDelay() == 30
    assert receipt.events.filter(timelock.MinDelayChange) == [timelock.MinDelayChange(60, 30)]
    assert dao.state(proposal.proposal_id) == ProposalState.EXECUTED


def test_pass_proposal__treasury_grid_granted_to_new_household(
    dao, grid, timelock, alice, bob, dave
):
    grant = Action.from_contract(grid, "transfer", dave, 40 * GRID)
    proposal = Proposal.create(dao, [grant], "Welcome dave: 40 GRID from the treasury")

    receipt = pass_proposal(dao, proposal, alice, [alice, bob])

    assert (grid.balanceOf(dave), grid.balanceOf(timelock)) == (40 * GRID, 360 * GRID)
    assert receipt.events.filter(grid.Transfer) == [grid.Transfer(timelock, dave, 40 * GRID)]
    assert grid.totalSupply() == 1000 * GRID


def test_pass_proposal__quorum_changed_by_governance__applies_to_later_proposals(
    dao, alice, bob, carol
):
    raise_quorum = Proposal.create(
        dao, [Action.from_contract(dao, "updateQuorumNumerator", 60)], "Quorum 60 %"
    )
    pass_proposal(dao, raise_quorum, alice, [alice, bob])
    later = Proposal.create(
        dao, [Action.from_contract(dao, "setVotingPeriod", 50)], "Shorter votes"
    )

    with pytest.raises(ProposalNotPassedError) as raised:
        pass_proposal(dao, later, alice, [alice, carol])  # 350 GRID < 600 GRID quorum

    assert raised.value.info.state == ProposalState.DEFEATED
    assert (raised.value.info.for_votes, raised.value.info.quorum) == (350 * GRID, 600 * GRID)
    assert dao.votingPeriod() == VOTING_PERIOD


def test_pass_proposal__zero_quorum_proposal__execution_reverts(dao, alice, bob):
    proposal = Proposal.create(
        dao, [Action.from_contract(dao, "updateQuorumNumerator", 0)], "No quorum"
    )

    with reverts(dao.GovernanceDAOZeroQuorum):
        pass_proposal(dao, proposal, alice, [alice, bob])

    assert dao.quorumNumerator() == 10


def test_pass_proposal__not_enough_votes__not_passed_error_with_tally(
    dao, alice, carol, make_proposal
):
    proposal = make_proposal()

    with pytest.raises(ProposalNotPassedError, match="ended DEFEATED: for 50000000000000000000"):
        pass_proposal(dao, proposal, alice, [carol])


def test_wait_until__local_chain__mines_block_at_exact_time():
    target = chain_time() + 1234

    assert wait_until(target) == target
    assert ape.chain.blocks.head.timestamp == target
    assert wait_until(target - 10) == target  # already there: nothing mined


def test_wait_until__live_network_without_wait__chain_time_error(monkeypatch):
    monkeypatch.setattr(chain_time_module, "can_warp", lambda: False)
    target = chain_time() + 100

    with pytest.raises(ChainTimeError, match=r"\(100 s to go\)"):
        wait_until(target)
