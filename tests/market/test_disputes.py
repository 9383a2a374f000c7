"""Issue 9 item 3: disputes hold only the disputed participant hostage.

The standard book (tests/market/conftest.py) clears 1,000 Wh at tick 20: alice sold 760 Wh and
produced 700, bob sold 240 and produced 300; carol bought 400 Wh, dave 600. A dispute on alice
(a seller) defers her volume to a second tranche: bob's delivery reaches the buyers at once, and
alice's after her dispute is resolved or expires. The totals equal an undisputed settlement.
"""

from __future__ import annotations

import ape
import pytest

from gridset.deploy.params import MarketParams, SettlementParams
from gridset.market.states import DisputeStatus

MP, SP = MarketParams(), SettlementParams()
P20 = MP.price_floor + 20 * MP.tick_size
UNIT = P20 // 1000
PENALTY_UNIT = max(SP.penalty_price_per_kwh, P20) // 1000
ALICE_PENALTY = 60 * PENALTY_UNIT
DAY = 86_400
EXPIRY = 14 * DAY  # the default dispute expiry


def _name(text: str) -> bytes:
    return text.encode().ljust(32, b"\x00")


@pytest.fixture
def disputed(driver, claimed, panels, settlement, alice, bob, dave, slot):
    """Production reported and finalised; dave (a buyer, as attacker) disputes alice; settlement
    is open.
    Returns the dispute's expiry (Unix s)."""
    driver.report(slot, {panels[alice]: 700, panels[bob]: 300})
    driver.finalize_oracle(slot)
    tx = settlement.raiseDispute(slot, alice, sender=dave)
    driver.open_settlement(slot)
    return tx.timestamp + EXPIRY


def _received(tx, settlement, who) -> tuple[int, int, int]:
    """(delivered Wh, shortfall Wh, penalty) of ``who``'s buyer-side SettlementExecuted."""
    (event,) = [e for e in tx.events.filter(settlement.SettlementExecuted) if e.participant == who]
    return int(event.energyDelivered), int(event.shortfall), int(event.penalty)


def test_dispute_on_a_seller__buyers_settle_undisputed_volume_then_the_rest_after_expiry(
    lens,
    driver,
    settlement,
    watt,
    disputed,
    balances,
    nothing_left,
    warp,
    alice,
    bob,
    carol,
    dave,
    attacker,
    treasury_account,
    slot,
):
    """The attack of issue 9 item 3: one dispute used to freeze every buyer until governance
    voted. Now bob's 240 Wh reach carol and dave at once; alice's 700 Wh (and her penalty) follow
    when her dispute expires, with no vote; the disputer's bond goes to the treasury."""
    settlement.settleParticipant(slot, bob, sender=attacker)
    tx = settlement.settleParticipant(slot, carol, sender=attacker)
    assert _received(tx, settlement, carol) == (96, 0, 0)  # 400 / 1000 of bob's 240 Wh
    tx = settlement.settleParticipant(slot, dave, sender=attacker)
    assert _received(tx, settlement, dave) == (144, 0, 0)
    with ape.reverts(settlement.SettlementDisputed, slot=slot, participant=alice):
        settlement.settleParticipant(slot, alice, sender=attacker)
    with ape.reverts(settlement.SettlementSellersPending):
        settlement.settleParticipant(slot, carol, sender=attacker)

    warp(disputed)
    treasury_before = watt.balanceOf(treasury_account)
    tx = settlement.settleParticipant(slot, alice, sender=attacker)
    assert tx.events.filter(settlement.DisputeExpired) == [
        settlement.DisputeExpired(slot, alice, SP.dispute_bond)
    ]
    assert watt.balanceOf(treasury_account) == treasury_before + SP.dispute_bond
    assert lens.getDispute(slot, alice)[2] == DisputeStatus.EXPIRED
    tx = settlement.settleParticipant(slot, carol, sender=attacker)
    carol_penalty = 24 * ALICE_PENALTY // 60
    assert _received(tx, settlement, carol) == (280, 24, carol_penalty)  # 304 of 760 pending
    tx = settlement.settleParticipant(slot, dave, sender=attacker)
    assert _received(tx, settlement, dave) == (420, 36, ALICE_PENALTY - carol_penalty)
    # Same totals as an undisputed slot: 376 and 564 Wh delivered.
    assert settlement.getSettlementRecord(slot, carol).energyConsumed == 376
    assert settlement.getSettlementRecord(slot, dave).energyConsumed == 564
    settlement.finalizeTimeSlot(slot, sender=attacker)
    assert settlement.isTimeSlotSettled(slot) is True
    nothing_left(slot)


def test_dispute_on_a_seller__resolved_before_buyers__settles_in_one_tranche(
    settlement, deployer, disputed, nothing_left, alice, bob, carol, dave, attacker, slot
):
    settlement.resolveDispute(slot, alice, True, 760, sender=deployer)
    settlement.settleParticipants(slot, [alice, bob, carol, dave], sender=attacker)
    assert settlement.getSettlementRecord(slot, carol).energyConsumed == 400
    assert settlement.getSettlementRecord(slot, dave).energyConsumed == 600
    settlement.finalizeTimeSlot(slot, sender=attacker)
    nothing_left(slot)


def test_dispute_on_a_buyer__sellers_and_other_buyers_settle(
    driver, claimed, panels, settlement, alice, bob, carol, dave, attacker, slot
):
    driver.report(slot, {panels[alice]: 700, panels[bob]: 300})
    driver.finalize_oracle(slot)
    settlement.raiseDispute(slot, carol, sender=dave)
    driver.open_settlement(slot)
    tx = settlement.settleParticipants(slot, [alice, bob, carol, dave], sender=attacker)
    assert tx.events.filter(settlement.SettlementBatchCompleted) == [
        settlement.SettlementBatchCompleted(slot, 3, 1)
    ]
    assert settlement.getSettlementRecord(slot, dave).isSettled is True


def test_resolve_dispute__after_expiry__reverts(settlement, deployer, disputed, warp, alice, slot):
    warp(disputed)
    with ape.reverts(
        settlement.SettlementDisputeExpired, slot=slot, participant=alice, expiresAt=disputed
    ):
        settlement.resolveDispute(slot, alice, True, 0, sender=deployer)


def test_raise_dispute__bond_scales_with_disputed_volume(
    driver, claimed, panels, settlement, watt, deployer, alice, bob, dave, slot
):
    per_kwh = 100 * 10**18  # 100 WATT per disputed kWh
    settlement.setDisputeParameters(EXPIRY, per_kwh, sender=deployer)
    driver.report(slot, {panels[alice]: 700, panels[bob]: 300})
    driver.finalize_oracle(slot)
    tx = settlement.raiseDispute(slot, alice, sender=dave)
    bond = 760 * per_kwh // 1000  # alice's sale is her largest disputed figure
    assert tx.events == [
        settlement.DisputeRaised(slot, alice, dave, bond),
        watt.Transfer(dave, settlement, bond),
    ]


def test_set_dispute_parameters__updates_and_emits(settlement, deployer):
    tx = settlement.setDisputeParameters(DAY, 7_000, sender=deployer)
    assert tx.events == [settlement.DisputeParametersUpdated(DAY, 7_000)]
    assert settlement.disputeParameters() == (DAY, 7_000)


@pytest.mark.parametrize(
    ("name", "expiry", "per_kwh"),
    [
        ("disputeExpiry", 3_599, 0),
        ("disputeExpiry", 30 * DAY + 1, 0),
        ("disputeBondPerKWh", DAY, 2**80),
    ],
)
def test_set_dispute_parameters__out_of_range__reverts(settlement, deployer, name, expiry, per_kwh):
    value = per_kwh if name == "disputeBondPerKWh" else expiry
    with ape.reverts(settlement.SettlementInvalidParameter, name=_name(name), value=value):
        settlement.setDisputeParameters(expiry, per_kwh, sender=deployer)


def test_set_dispute_parameters__without_admin_role__reverts(settlement, attacker):
    with ape.reverts(
        settlement.AccessControlUnauthorizedAccount,
        account=attacker,
        neededRole=settlement.DEFAULT_ADMIN_ROLE(),
    ):
        settlement.setDisputeParameters(DAY, 0, sender=attacker)
