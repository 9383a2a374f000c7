"""WattToken: minter allowances, quorum-attested reserves with a maximum age, redemption
requests and fulfilment, pause, and the blacklist on every transfer path (permit included)."""

from __future__ import annotations

import ape
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from gridset.chain_time import advance_to
from gridset.signatures import permit_args
from gridset.tokens.watt import issue_watt, setup_issuer
from gridset.units import WATT

REF = b"iban-hash".ljust(32, b"\x00")


@pytest.fixture(scope="session")
def token(deployer, project, installer, operators):
    """A fresh WATT: ``installer`` mints (allowance 10,000 WATT); the three operators attest
    (quorum 2); the deployer holds every other role."""
    token = deployer.deploy(project.WattToken, deployer)
    setup_issuer(token, installer.address, deployer, 10_000 * WATT)
    token.removeAttestor(installer, sender=deployer)
    for op in operators:
        token.addAttestor(op, sender=deployer)
    token.setAttestationRules(2, 24 * 3600, sender=deployer)
    for role in ("PAUSER_ROLE", "BLACKLISTER_ROLE", "REDEEMER_ROLE"):
        token.grantRole(getattr(token, role)(), deployer, sender=deployer)
    return token


@pytest.fixture(scope="session", autouse=True)
def _watt_state(token):
    """Deploy once, before the first test's snapshot."""


def _attest(token, operators, amounts):
    for op, amount in zip(operators, amounts, strict=False):
        token.attestReserves(amount, sender=op)


def test_mint_within_quorum_reserves__issues_and_spends_allowance(
    token, operators, installer, alice
):
    _attest(token, operators, [1_000 * WATT, 800 * WATT, 500 * WATT])
    assert token.attestedReserves() == (800 * WATT, 3)  # two attestors reach 800
    tx = token.mint(alice, 800 * WATT, sender=installer)
    assert tx.events.filter(token.Issued) == [token.Issued(alice, 800 * WATT)]
    assert token.minterAllowance(installer) == 9_200 * WATT
    with ape.reverts(token.WattReservesExceeded, supplyAfter=800 * WATT + 1, reserves=800 * WATT):
        token.mint(alice, 1, sender=installer)


def test_mint_with_stale_or_missing_attestations__reverts(
    chain, token, operators, installer, alice
):
    with ape.reverts(token.WattStaleAttestation, fresh=0, quorum=2):
        token.mint(alice, 1, sender=installer)
    token.attestReserves(100 * WATT, sender=operators[0])
    tx = token.attestReserves(100 * WATT, sender=operators[1])
    token.mint(alice, 10 * WATT, sender=installer)
    advance_to(chain, tx.timestamp + 24 * 3600 + 1)
    with ape.reverts(token.WattStaleAttestation, fresh=0, quorum=2):
        token.mint(alice, 1, sender=installer)


def test_mint_above_allowance__reverts(token, operators, installer, alice):
    _attest(token, operators, [10**30, 10**30])
    with ape.reverts(
        token.WattMinterAllowanceExceeded,
        minter=installer.address,
        allowance=10_000 * WATT,
        amount=10_001 * WATT,
    ):
        token.mint(alice, 10_001 * WATT, sender=installer)


def test_attest_by_stranger__reverts(token, attacker, deployer):
    with ape.reverts(token.WattNotAttestor, account=attacker.address):
        token.attestReserves(1, sender=attacker)
    with ape.reverts(token.WattNotAttestor, account=attacker.address):
        token.removeAttestor(attacker, sender=deployer)


def test_attestor_admin_errors(token, deployer, operators):
    with ape.reverts(token.WattAttestorExists, account=operators[0].address):
        token.addAttestor(operators[0], sender=deployer)
    with ape.reverts(token.WattInvalidParameter, value=0):
        token.addAttestor("0x0000000000000000000000000000000000000000", sender=deployer)
    for i in range(13):
        token.addAttestor(f"0x{i + 1:040x}", sender=deployer)
    with ape.reverts(token.WattInvalidParameter, value=17):
        token.addAttestor("0x00000000000000000000000000000000000000ff", sender=deployer)
    with ape.reverts(token.WattInvalidParameter, value=0):
        token.setAttestationRules(0, 3600, sender=deployer)
    with ape.reverts(token.WattInvalidParameter, value=59):
        token.setAttestationRules(1, 59, sender=deployer)
    with ape.reverts(token.WattInvalidParameter, value=2**192):
        token.attestReserves(2**192, sender=operators[0])


def test_redeem__burns_and_records_request_then_fulfilment(
    token, operators, installer, deployer, alice
):
    _attest(token, operators, [100 * WATT, 100 * WATT])
    token.mint(alice, 100 * WATT, sender=installer)
    tx = token.redeem(40 * WATT, REF, sender=alice)
    assert tx.events.filter(token.RedemptionRequested) == [
        token.RedemptionRequested(0, alice, 40 * WATT, REF)
    ]
    assert token.totalSupply() == 60 * WATT
    assert token.getRedemption(0) == (alice.address, 40 * WATT, REF, False)
    tx = token.fulfilRedemption(0, sender=deployer)
    assert tx.events == [token.RedemptionFulfilled(0, alice, 40 * WATT)]
    with ape.reverts(token.WattRedemptionFulfilled, id=0):
        token.fulfilRedemption(0, sender=deployer)
    with ape.reverts(token.WattUnknownRedemption, id=1):
        token.fulfilRedemption(1, sender=deployer)
    with ape.reverts(token.WattRedemptionExceedsBalance, balance=60 * WATT, amount=61 * WATT):
        token.redeem(61 * WATT, REF, sender=alice)
    with ape.reverts(token.WattInvalidParameter, value=0):
        token.redeem(0, REF, sender=alice)


def test_blacklist__every_path_blocked(token, operators, installer, deployer, alice, bob, carol):
    _attest(token, operators, [100 * WATT, 100 * WATT])
    token.mint(alice, 50 * WATT, sender=installer)
    token.approve(bob, 2**256 - 1, sender=alice)
    token.setBlacklisted(bob, True, sender=deployer)
    with ape.reverts(token.WattBlacklisted, account=bob.address):
        token.transfer(bob, 1, sender=alice)
    with ape.reverts(token.WattBlacklisted, account=bob.address):
        token.transferFrom(alice, carol, 1, sender=bob)  # unlimited allowance: spender checked
    with ape.reverts(token.WattBlacklisted, account=bob.address):
        token.approve(bob, 1, sender=alice)
    with ape.reverts(token.WattBlacklisted, account=bob.address):
        token.permit(*permit_args(token, alice, bob, 5), sender=carol)
    with ape.reverts(token.WattBlacklisted, account=bob.address):
        token.mint(bob, 1, sender=installer)
    token.setBlacklisted(alice, True, sender=deployer)
    with ape.reverts(token.WattBlacklisted, account=alice.address):
        token.burn(1, sender=alice)
    with ape.reverts(token.WattBlacklisted, account=alice.address):
        token.redeem(1, REF, sender=alice)


def test_pause__stops_transfers(token, operators, installer, deployer, alice, bob):
    _attest(token, operators, [100 * WATT, 100 * WATT])
    token.mint(alice, 10 * WATT, sender=installer)
    token.pause(sender=deployer)
    with ape.reverts(token.EnforcedPause):
        token.transfer(bob, 1, sender=alice)
    token.unpause(sender=deployer)
    token.transfer(bob, 1, sender=alice)


def test_issue_watt_helper__attests_then_mints(deployer, project, installer, alice):
    watt = deployer.deploy(project.WattToken, deployer)
    setup_issuer(watt, installer.address, deployer)
    issue_watt(watt, installer, alice, 5 * WATT)
    issue_watt(watt, installer, alice, 7 * WATT)
    assert watt.balanceOf(alice) == 12 * WATT
    assert watt.attestedReserves() == (12 * WATT, 1)


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],
)
@given(
    flow=st.lists(
        st.tuples(
            st.sampled_from(["attest", "mint", "burn", "wait"]),
            st.integers(0, 2),
            st.integers(1, 400),
        ),
        min_size=3,
        max_size=12,
    )
)
def test_random_flow__supply_never_exceeds_reserves_after_a_mint(
    chain, isolated, token, operators, installer, alice, flow
):
    """Property: after every successful mint, totalSupply <= attested reserves; a refused mint
    leaves the supply unchanged."""
    with isolated():
        for kind, who, amount in flow:
            if kind == "attest":
                token.attestReserves(amount * WATT, sender=operators[who])
            elif kind == "wait":
                advance_to(chain, chain.pending_timestamp + amount * 600)
            elif kind == "burn" and token.balanceOf(alice):
                token.burn(min(amount * WATT, token.balanceOf(alice)), sender=alice)
            elif kind == "mint":
                supply = token.totalSupply()
                try:
                    token.mint(alice, amount * WATT, sender=installer)
                except ape.exceptions.ContractLogicError:
                    assert token.totalSupply() == supply
                    continue
                assert token.totalSupply() <= token.attestedReserves()[0]
