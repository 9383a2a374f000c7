"""hand_over / verify_hand_over: the timelock alone holds admin powers; the deployer nothing."""

from __future__ import annotations

import pytest

from gridset.governance import (
    Action,
    HandOverError,
    Proposal,
    hand_over,
    pass_proposal,
    role_constants,
    verify_hand_over,
)

from .conftest import reverts


@pytest.fixture
def box(parameters_box):
    return parameters_box()


@pytest.fixture
def handed_over_box(box, timelock, deployer, guardian):
    hand_over([box], timelock, deployer, guardian.address)
    return box


def where(contract) -> str:
    return f"RoleGatedParameters@{contract.address}"


def test_role_constants__reads_every_role_getter_from_abi(box, timelock):
    assert set(role_constants(box)) == {"DEFAULT_ADMIN_ROLE", "PAUSER_ROLE", "ARBITER_ROLE"}
    assert set(role_constants(timelock)) == {
        "DEFAULT_ADMIN_ROLE",
        "PROPOSER_ROLE",
        "EXECUTOR_ROLE",
        "CANCELLER_ROLE",
    }


def test_hand_over__grants_governance_roles_and_pauser_then_deployer_renounces(
    handed_over_box, timelock, deployer, guardian
):
    box = handed_over_box
    assert box.hasRole(box.DEFAULT_ADMIN_ROLE(), timelock)
    assert box.hasRole(box.ARBITER_ROLE(), timelock)
    assert box.hasRole(box.PAUSER_ROLE(), guardian)
    assert not box.hasRole(box.PAUSER_ROLE(), timelock)
    assert not any(box.hasRole(role, deployer) for role in role_constants(box).values())
    verify_hand_over([box, timelock], timelock, deployer, guardian.address)


def test_hand_over__without_guardian__timelock_is_pauser(box, timelock, deployer):
    hand_over([box], timelock, deployer)

    assert box.hasRole(box.PAUSER_ROLE(), timelock)
    verify_hand_over([box], timelock, deployer)


def test_hand_over__run_twice__second_run_sends_nothing(
    handed_over_box, timelock, deployer, guardian
):
    assert hand_over([handed_over_box], timelock, deployer, guardian.address) == []


def test_hand_over__guardian_is_deployer__value_error_before_any_transaction(
    box, timelock, deployer
):
    with pytest.raises(ValueError, match="is the deployer, which keeps no role"):
        hand_over([box], timelock, deployer, deployer.address)

    assert box.hasRole(box.DEFAULT_ADMIN_ROLE(), deployer)
    assert not box.hasRole(box.DEFAULT_ADMIN_ROLE(), timelock)


@pytest.mark.parametrize(
    "method, args, role",
    [
        ("setFee", (7,), "DEFAULT_ADMIN_ROLE"),
        ("unpause", (), "DEFAULT_ADMIN_ROLE"),
        ("pause", (), "PAUSER_ROLE"),
        ("resolveDispute", (1, True), "ARBITER_ROLE"),
    ],
)
def test_admin_function__deployer_after_hand_over__reverts(
    handed_over_box, deployer, method, args, role
):
    box = handed_over_box
    with reverts(
        box.AccessControlUnauthorizedAccount, account=deployer, neededRole=getattr(box, role)()
    ):
        getattr(box, method)(*args, sender=deployer)


def test_grant_role__deployer_after_hand_over__reverts(handed_over_box, deployer):
    box = handed_over_box
    with reverts(
        box.AccessControlUnauthorizedAccount,
        account=deployer,
        neededRole=box.DEFAULT_ADMIN_ROLE(),
    ):
        box.grantRole(box.ARBITER_ROLE(), deployer, sender=deployer)


def test_verify__deployer_kept_roles__lists_every_violation(box, timelock, deployer):
    box.grantRole(box.DEFAULT_ADMIN_ROLE(), timelock, sender=deployer)  # granted, never renounced

    with pytest.raises(HandOverError) as raised:
        verify_hand_over([box], timelock, deployer)

    assert sorted(raised.value.violations) == sorted(
        [
            f"{where(box)}: the timelock does not hold ARBITER_ROLE",
            f"{where(box)}: the guardian {timelock.address} lacks PAUSER_ROLE",
            f"{where(box)}: deployer {deployer.address} holds ARBITER_ROLE",
            f"{where(box)}: deployer {deployer.address} holds DEFAULT_ADMIN_ROLE",
            f"{where(box)}: deployer {deployer.address} holds PAUSER_ROLE",
        ]
    )
    assert "governance hand-over incomplete (5)" in str(raised.value)


def test_verify__deployer_kept_only_pauser__one_violation(box, timelock, deployer, guardian):
    for role, account in [
        (box.DEFAULT_ADMIN_ROLE(), timelock),
        (box.ARBITER_ROLE(), timelock),
        (box.PAUSER_ROLE(), guardian),
    ]:
        box.grantRole(role, account, sender=deployer)
    box.renounceRole(box.ARBITER_ROLE(), deployer, sender=deployer)
    box.renounceRole(box.DEFAULT_ADMIN_ROLE(), deployer, sender=deployer)

    with pytest.raises(HandOverError) as raised:
        verify_hand_over([box], timelock, deployer, guardian.address)

    assert raised.value.violations == [
        f"{where(box)}: deployer {deployer.address} holds PAUSER_ROLE"
    ]


def test_verify__third_party_admin__reported(box, timelock, deployer, outsider):
    box.grantRole(box.DEFAULT_ADMIN_ROLE(), outsider, sender=deployer)
    hand_over([box], timelock, deployer)

    with pytest.raises(HandOverError) as raised:
        verify_hand_over([box], timelock, deployer)

    assert raised.value.violations == [
        f"{where(box)}: DEFAULT_ADMIN_ROLE also held by {outsider.address}"
    ]


def test_verify__third_party_pauser_besides_guardian__reported(
    box, timelock, deployer, guardian, outsider
):
    box.grantRole(box.PAUSER_ROLE(), outsider, sender=deployer)
    hand_over([box], timelock, deployer, guardian.address)

    with pytest.raises(HandOverError) as raised:
        verify_hand_over([box], timelock, deployer, guardian.address)

    assert raised.value.violations == [f"{where(box)}: PAUSER_ROLE also held by {outsider.address}"]


def test_verify__timelock_whose_deployer_kept_admin__reported(project, deployer, dao):
    timelock = deployer.deploy(project.GovernanceTimelock, 60, [dao], [dao], deployer)

    with pytest.raises(HandOverError) as raised:
        verify_hand_over([timelock], timelock, deployer)

    assert raised.value.violations == [
        f"GovernanceTimelock@{timelock.address}: "
        f"deployer {deployer.address} holds DEFAULT_ADMIN_ROLE"
    ]


def test_verify__contract_without_roles__reported(grid, timelock, deployer):
    with pytest.raises(HandOverError) as raised:
        verify_hand_over([grid], timelock, deployer)

    assert raised.value.violations == [
        f"GridToken@{grid.address}: has no AccessControl DEFAULT_ADMIN_ROLE"
    ]


def test_set_fee__above_maximum__reverts(box, deployer):
    with reverts(box.RoleGatedParametersFeeTooHigh, fee=10**18 + 1, maxFee=10**18):
        box.setFee(10**18 + 1, sender=deployer)


def test_guardian__pauses__only_governance_unpauses(
    handed_over_box, dao, timelock, alice, bob, guardian
):
    box = handed_over_box
    box.pause(sender=guardian)
    with reverts(
        box.AccessControlUnauthorizedAccount,
        account=guardian,
        neededRole=box.DEFAULT_ADMIN_ROLE(),
    ):
        box.unpause(sender=guardian)

    proposal = Proposal.create(dao, [Action.from_contract(box, "unpause")], "Resume the market")
    receipt = pass_proposal(dao, proposal, alice, [alice, bob])

    assert not box.paused()
    assert receipt.events.filter(box.Unpaused) == [box.Unpaused(timelock)]


def test_governance__sets_fee_and_resolves_dispute_in_one_proposal(
    handed_over_box, dao, alice, bob
):
    box = handed_over_box
    actions = [
        Action.from_contract(box, "setFee", 42),
        Action.from_contract(box, "resolveDispute", 7, True),
    ]
    proposal = Proposal.create(dao, actions, "Raise the fee; uphold dispute 7")

    receipt = pass_proposal(dao, proposal, alice, [alice, bob])

    assert (box.fee(), box.ruling(7)) == (42, True)
    assert receipt.events.filter(box.FeeUpdated) == [box.FeeUpdated(5, 42)]
    assert receipt.events.filter(box.DisputeResolved) == [box.DisputeResolved(7, True)]
