"""CdaMarket: matching, fills, cancel, claims, zone fees, and every named error."""

from __future__ import annotations

import ape
import pytest

from gridset.chain_time import advance_to

from .conftest import PARAMS, held, outcome, own_events, place, price

UNIT = price(10) // 1000  # base units per Wh at tick 10


def _cpw() -> int:
    return PARAMS.collateral_per_kwh // 1000


def test_ask_rests_then_bid_takes__trades_at_resting_price(cda, watt, vault, open_slot, alice, bob):
    tx = cda.placeOrder(open_slot, False, price(10), 500, False, sender=alice)
    ask_id = outcome(cda, tx)[0]
    assert tx.events.filter(cda.OrderPlaced)[0].quantity == 500
    assert vault.encumberedStake(alice) == 500 * _cpw()
    before = watt.balanceOf(bob)
    tx = cda.placeOrder(open_slot, True, price(20), 300, True, sender=bob)
    assert outcome(cda, tx) == (0, 300)
    assert watt.balanceOf(bob) == before - 300 * UNIT
    [traded] = tx.events.filter(cda.Traded)
    assert (traded.price, traded.quantity, traded.value, traded.gridFee) == (
        price(10),
        300,
        300 * UNIT,
        0,
    )
    assert cda.getOrder(ask_id).filled == 300
    assert cda.getPosition(open_slot, bob).bought == 300
    tx = cda.claim(ask_id, sender=bob)  # anyone may claim; the money goes to the maker
    assert own_events(cda, tx) == [
        cda.OrderClaimed(ask_id, alice, 300, 300 * UNIT, 0),
        cda.InternalBalanceCredited(alice, 300 * UNIT),
    ]
    assert cda.getPosition(open_slot, alice).sold == 300
    assert cda.getBook(open_slot, False) == [(price(10), 200)]
    assert cda.bookOf(open_slot) == (
        PARAMS.price_floor,
        PARAMS.tick_size,
        PARAMS.collateral_per_kwh,
        open_slot - PARAMS.cda_gate_lead,
    )


def test_fifo_within_level__first_maker_fills_first(cda, open_slot, alice, bob, carol):
    first = place(cda, open_slot, False, price(10), 100, False, sender=alice)[0]
    second = place(cda, open_slot, False, price(10), 100, False, sender=bob)[0]
    cda.placeOrder(open_slot, True, price(10), 150, False, sender=carol)
    assert cda.getOrder(first).filled == 100
    assert cda.getOrder(second).filled == 50


def test_price_priority__better_ask_first_and_no_trade_through(cda, open_slot, alice, bob, carol):
    worse = place(cda, open_slot, False, price(12), 100, False, sender=alice)[0]
    better = place(cda, open_slot, False, price(11), 100, False, sender=bob)[0]
    tx = cda.placeOrder(open_slot, True, price(11), 150, False, sender=carol)
    order_id, filled = outcome(cda, tx)
    assert filled == 100
    assert cda.getOrder(better).filled == 100
    assert cda.getOrder(worse).filled == 0
    assert cda.getOrder(order_id).quantity == 50
    assert cda.bestBid(open_slot) == price(11)
    assert cda.bestAsk(open_slot) == price(12)


def test_bid_rests_then_ask_takes__seller_paid_at_once(cda, watt, vault, open_slot, alice, bob):
    bid_id = place(cda, open_slot, True, price(10), 400, False, sender=bob)[0]
    before = held(cda, watt, alice)
    tx = cda.placeOrder(open_slot, False, price(5), 250, False, sender=alice)
    assert outcome(cda, tx) == (0, 250)
    assert held(cda, watt, alice) == before + 250 * UNIT
    assert vault.encumberedStake(alice) == 250 * _cpw()
    assert cda.getOrder(bid_id).filled == 250


def test_taking_many_makers_on_one_level__all_filled_and_claimable(cda, open_slot, alice, bob):
    ids = [place(cda, open_slot, False, price(10), 10, False, sender=alice)[0] for _ in range(12)]
    tx = cda.placeOrder(open_slot, True, price(10), 120, False, sender=bob)
    assert outcome(cda, tx) == (0, 120)
    cda.claimMany(ids, sender=bob)
    assert cda.getPosition(open_slot, alice).sold == 120
    assert cda.getBook(open_slot, False) == []


def test_cancel_middle_order__takers_skip_its_hole(cda, watt, open_slot, alice, bob, carol):
    a = place(cda, open_slot, False, price(10), 100, False, sender=alice)[0]
    b = place(cda, open_slot, False, price(10), 100, False, sender=bob)[0]
    c = place(cda, open_slot, False, price(10), 100, False, sender=alice)[0]
    cda.placeOrder(open_slot, True, price(10), 50, False, sender=carol)  # a half filled
    tx = cda.cancelOrder(b, sender=bob)
    assert own_events(cda, tx) == [
        cda.OrderCancelled(b, bob, 100),
        cda.OrderClaimed(b, bob, 0, 0, 100 * _cpw()),
    ]
    cda.placeOrder(open_slot, True, price(10), 120, False, sender=carol)
    assert cda.getOrder(a).filled == 100
    assert cda.getOrder(c).filled == 70
    assert cda.getBook(open_slot, False) == [(price(10), 30)]


def test_cancel_partially_filled_tail_bid__refunds_rest_and_claims_fill(
    cda, watt, open_slot, alice, bob
):
    bid = place(cda, open_slot, True, price(10), 100, False, sender=bob)[0]
    cda.placeOrder(open_slot, False, price(10), 40, False, sender=alice)
    before = held(cda, watt, bob)
    tx = cda.cancelOrder(bid, sender=bob)
    assert own_events(cda, tx) == [
        cda.OrderCancelled(bid, bob, 60),
        cda.OrderClaimed(bid, bob, 40, 0, 60 * UNIT),
        cda.InternalBalanceCredited(bob, 60 * UNIT),
    ]
    assert held(cda, watt, bob) == before + 60 * UNIT
    assert cda.getPosition(open_slot, bob).bought == 40
    assert cda.getPosition(open_slot, bob).openOrders == 0
    # The level is free again: a new ask rests instead of trading with the cancelled bid.
    assert place(cda, open_slot, False, price(10), 10, False, sender=alice)[1] == 0


def test_claim_after_gate_closure__closes_order_and_refunds(
    cda, chain, watt, open_slot, alice, bob
):
    bid = place(cda, open_slot, True, price(10), 100, False, sender=bob)[0]
    cda.placeOrder(open_slot, False, price(10), 30, False, sender=alice)
    advance_to(chain, open_slot - PARAMS.cda_gate_lead)
    tx = cda.claim(bid, sender=alice)
    assert own_events(cda, tx) == [
        cda.OrderClaimed(bid, bob, 30, 0, 70 * UNIT),
        cda.InternalBalanceCredited(bob, 70 * UNIT),
    ]
    assert cda.getPosition(open_slot, bob).openOrders == 0
    assert not cda.getOrder(bid).isActive
    assert cda.getBook(open_slot, True) == []


def test_cross_zone_fees__buyer_pays_pair_fee_and_zones_are_credited(
    cda, deployer, watt, open_slot, alice, bob, carol, treasury_account
):
    cda.setZone(alice, 1, sender=deployer)
    cda.setZone(bob, 2, sender=deployer)
    cda.setZoneFee(1, 1, 100, sender=deployer)
    cda.setZoneFee(2, 2, 200, sender=deployer)
    cda.setZoneFee(1, 2, 500, sender=deployer)
    cda.setZoneOperator(1, carol, sender=deployer)
    cda.setZoneOperator(2, treasury_account, sender=deployer)
    cda.placeOrder(open_slot, False, price(10), 100, False, sender=alice)
    before = held(cda, watt, bob)
    cda.placeOrder(open_slot, True, price(10), 100, False, sender=bob)
    pair_fee = 100 * (UNIT * 500 // 10_000)
    own = 100 * (UNIT * 200 // 10_000)
    assert held(cda, watt, bob) == before - 100 * UNIT - pair_fee
    surcharge = pair_fee - own
    assert cda.gridFeesOf(1) == surcharge // 2
    assert cda.gridFeesOf(2) == pair_fee - surcharge // 2
    tx = cda.withdrawGridFees(1, sender=carol)
    assert own_events(cda, tx) == [cda.GridFeesWithdrawn(1, carol, surcharge // 2)]


def test_seller_takes_cross_zone_bid__pays_surcharge_buyer_pays_own_rate(
    cda, deployer, watt, open_slot, alice, bob
):
    cda.setZone(alice, 1, sender=deployer)
    cda.setZone(bob, 2, sender=deployer)
    cda.setZoneFee(2, 2, 100, sender=deployer)
    cda.setZoneFee(1, 2, 300, sender=deployer)
    bob_before = held(cda, watt, bob)
    bid = place(cda, open_slot, True, price(10), 100, False, sender=bob)[0]
    own_per_wh = UNIT * 100 // 10_000
    assert held(cda, watt, bob) == bob_before - 100 * (UNIT + own_per_wh)
    before = held(cda, watt, alice)
    cda.placeOrder(open_slot, False, price(10), 100, False, sender=alice)
    surcharge = 100 * (UNIT * 300 // 10_000 - own_per_wh)
    assert held(cda, watt, alice) == before + 100 * UNIT - surcharge
    cda.claim(bid, sender=bob)
    assert cda.gridFeesOf(2) == 100 * own_per_wh + surcharge - surcharge // 2
    assert cda.gridFeesOf(1) == surcharge // 2


def test_same_price_two_zones__taker_meets_cheapest_zone_first(
    cda, deployer, open_slot, alice, bob, carol
):
    cda.setZone(alice, 1, sender=deployer)
    cda.setZone(carol, 2, sender=deployer)
    cda.setZoneFee(1, 2, 400, sender=deployer)
    remote = place(cda, open_slot, False, price(10), 100, False, sender=alice)[0]
    cda.setZone(bob, 2, sender=deployer)
    local = place(cda, open_slot, False, price(10), 100, False, sender=bob)[0]
    cda.placeOrder(open_slot, True, price(10), 100, False, sender=carol)
    assert cda.getOrder(local).filled == 100
    assert cda.getOrder(remote).filled == 0


def test_pause__stops_orders_not_cancel(cda, deployer, open_slot, alice):
    order = place(cda, open_slot, False, price(10), 100, False, sender=alice)[0]
    cda.pause(sender=deployer)
    with ape.reverts(cda.EnforcedPause):
        cda.placeOrder(open_slot, False, price(10), 100, False, sender=alice)
    cda.cancelOrder(order, sender=alice)
    cda.unpause(sender=deployer)


# ---------------------------------------------------------------- errors


def test_order_outside_window__reverts(cda, chain, market, open_slot, alice):
    later = open_slot + 3 * 900
    opens = later - market.gateClosureLead()
    with ape.reverts(cda.CdaMarketNotOpen, slot=later, opensAt=opens):
        cda.placeOrder(later, False, price(10), 100, False, sender=alice)
    with ape.reverts(cda.CdaMarketSlotMisaligned, slot=open_slot + 1, slotLength=900):
        cda.placeOrder(open_slot + 1, False, price(10), 100, False, sender=alice)
    cda.placeOrder(open_slot, False, price(10), 100, False, sender=alice)
    gate = open_slot - PARAMS.cda_gate_lead
    advance_to(chain, gate)
    with ape.reverts(cda.CdaMarketGateClosed, slot=open_slot, gateClosure=gate):
        cda.placeOrder(open_slot, False, price(10), 100, False, sender=alice)
    fresh = open_slot - 900
    with ape.reverts(cda.CdaMarketGateClosed, slot=fresh):
        cda.placeOrder(fresh, False, price(10), 100, False, sender=alice)


def test_cancel_after_gate__reverts(cda, chain, open_slot, alice):
    order = place(cda, open_slot, False, price(10), 100, False, sender=alice)[0]
    gate = open_slot - PARAMS.cda_gate_lead
    advance_to(chain, gate)
    with ape.reverts(cda.CdaMarketGateClosed, slot=open_slot, gateClosure=gate):
        cda.cancelOrder(order, sender=alice)


def test_auction_with_orders_not_cleared__reverts(cda, chain, market, vault, watt, alice):
    slot = (chain.pending_timestamp // 900 + 4) * 900
    watt.approve(market, 10**30, sender=alice)
    market.placeAsk(slot, price(10), 100, sender=alice)
    advance_to(chain, slot - market.gateClosureLead())
    with ape.reverts(cda.CdaMarketAuctionNotCleared, slot=slot):
        cda.placeOrder(slot, True, price(10), 100, False, sender=alice)
    market.clearAuction(slot, sender=alice)
    cda.placeOrder(slot, True, price(10), 100, False, sender=alice)


def test_bad_price_and_quantity__revert(cda, open_slot, alice):
    floor, tick = PARAMS.price_floor, PARAMS.tick_size
    with ape.reverts(
        cda.CdaMarketPriceOffGrid, price=floor + 1000, priceFloor=floor, tickSize=tick
    ):
        cda.placeOrder(open_slot, True, floor + 1000, 100, False, sender=alice)
    with ape.reverts(cda.CdaMarketPriceOffGrid, price=floor - tick):
        cda.placeOrder(open_slot, True, floor - tick, 100, False, sender=alice)
    top = floor + 256 * tick
    with ape.reverts(cda.CdaMarketPriceOffGrid, price=top):
        cda.placeOrder(open_slot, True, top, 100, False, sender=alice)
    with ape.reverts(cda.CdaMarketQuantityOutOfRange, quantity=0, minimum=1, maximum=2**32 - 1):
        cda.placeOrder(open_slot, True, price(1), 0, False, sender=alice)
    with ape.reverts(cda.CdaMarketQuantityOutOfRange, quantity=2**32):
        cda.placeOrder(open_slot, True, price(1), 2**32, False, sender=alice)


def test_order_errors__unknown_owner_inactive_filled_nothing(cda, open_slot, alice, bob):
    with ape.reverts(cda.CdaMarketUnknownOrder, orderId=12345):
        cda.claim(12345, sender=alice)
    order = place(cda, open_slot, False, price(10), 100, False, sender=alice)[0]
    with ape.reverts(cda.CdaMarketNotOrderOwner, orderId=order, caller=bob):
        cda.cancelOrder(order, sender=bob)
    with ape.reverts(cda.CdaMarketNothingToClaim, orderId=order):
        cda.claim(order, sender=bob)
    cda.placeOrder(open_slot, True, price(10), 100, False, sender=bob)
    with ape.reverts(cda.CdaMarketOrderFilled, orderId=order):
        cda.cancelOrder(order, sender=alice)
    other = place(cda, open_slot, False, price(10), 50, False, sender=alice)[0]
    cda.cancelOrder(other, sender=alice)
    with ape.reverts(cda.CdaMarketOrderNotActive, orderId=other):
        cda.cancelOrder(other, sender=alice)
    with ape.reverts(cda.CdaMarketOrderNotActive, orderId=other):
        cda.claim(other, sender=alice)
    with ape.reverts(cda.CdaMarketInvalidBatchSize, size=0, maximum=100):
        cda.claimMany([], sender=alice)
    cda.claimMany([other, order], sender=alice)  # inactive skipped, filled one claimed
    assert cda.getPosition(open_slot, alice).sold == 100


def test_zone_governance_errors(cda, deployer, alice, attacker):
    with ape.reverts(cda.CdaMarketInvalidZone, zone=16, maximum=15):
        cda.setZone(alice, 16, sender=deployer)
    with ape.reverts(cda.CdaMarketInvalidZone, zone=16, maximum=15):
        cda.setZoneOperator(16, alice, sender=deployer)
    with ape.reverts(cda.CdaMarketInvalidZone, zone=16, maximum=15):
        cda.setZoneFee(16, 0, 10, sender=deployer)
    with ape.reverts(cda.CdaMarketInvalidZone, zone=16, maximum=15):
        cda.setZoneFee(0, 16, 10, sender=deployer)
    with ape.reverts(cda.CdaMarketInvalidParameter, value=2001):
        cda.setZoneFee(0, 1, 2001, sender=deployer)
    cda.setZoneFee(1, 1, 300, sender=deployer)
    with ape.reverts(cda.CdaMarketFeeOrder, zoneA=1, zoneB=2, feeBps=200, minimum=300):
        cda.setZoneFee(1, 2, 200, sender=deployer)
    cda.setZoneFee(1, 2, 400, sender=deployer)
    with ape.reverts(cda.CdaMarketInvalidParameter, value=0):
        cda.setZoneOperator(1, "0x0000000000000000000000000000000000000000", sender=deployer)
    with ape.reverts(cda.CdaMarketInvalidParameter, value=0):
        cda.setZone("0x0000000000000000000000000000000000000000", 1, sender=deployer)
    with ape.reverts(cda.AccessControlUnauthorizedAccount):
        cda.setZone(attacker, 3, sender=attacker)
    with ape.reverts(cda.CdaMarketNotZoneOperator, zone=1, caller=attacker):
        cda.withdrawGridFees(1, sender=attacker)
    cda.setZoneOperator(1, alice, sender=deployer)
    with ape.reverts(cda.CdaMarketNoFees, zone=1):
        cda.withdrawGridFees(1, sender=alice)


@pytest.mark.parametrize(
    "args, name",
    [
        ((0, 0, 0, 60, 1), "tickSize"),
        ((1, 1000, 0, 60, 1), "priceFloor"),
        ((0, 1000 * 2**62, 0, 60, 1), "priceCeiling"),
        ((0, 1000 * 2**48, 0, 60, 1), "tickSize"),  # the ceiling fits, the tick does not
        ((0, 1000, 1, 60, 1), "collateralPerKWh"),
        ((0, 1000, 1000 * 2**56, 60, 1), "collateralPerKWh"),
        ((0, 1000, 0, 86_401, 1), "cdaGateLead"),
        ((0, 1000, 0, 60, 0), "minOrderWh"),
    ],
)
def test_set_parameters__bad_values_revert(cda, deployer, args, name):
    with ape.reverts(cda.CdaMarketInvalidParameter, name=name.encode().ljust(32, b"\0")):
        cda.setParameters(*args, sender=deployer)


def test_many_holes_before_a_maker__take_steps_over_all_of_them(cda, open_slot, alice, bob, carol):
    """Griefing: 20 cancelled orders ahead of a live one; the taker still fills it exactly and the
    holes' owners got everything back."""
    holes = [place(cda, open_slot, False, price(10), 10, False, sender=bob)[0] for _ in range(20)]
    live = place(cda, open_slot, False, price(10), 10, False, sender=alice)[0]
    for order_id in holes:
        cda.cancelOrder(order_id, sender=bob)
    tx = cda.placeOrder(open_slot, True, price(10), 10, True, sender=carol)
    assert outcome(cda, tx) == (0, 10)
    assert cda.getOrder(live).filled == 10
    assert tx.gas_used < 200_000  # 20 holes stepped over: about 5.3k gas each
    assert cda.getPosition(open_slot, bob).openOrders == 0
    with ape.reverts(cda.CdaMarketOrderNotActive, orderId=holes[0]):
        cda.claim(holes[0], sender=bob)


def test_claim_twice_before_gate__second_has_nothing(cda, open_slot, alice, bob):
    ask = place(cda, open_slot, False, price(10), 100, False, sender=alice)[0]
    cda.placeOrder(open_slot, True, price(10), 30, False, sender=bob)
    cda.claim(ask, sender=bob)
    with ape.reverts(cda.CdaMarketNothingToClaim, orderId=ask):
        cda.claim(ask, sender=bob)
    cda.placeOrder(open_slot, True, price(10), 30, False, sender=bob)
    tx = cda.claim(ask, sender=alice)
    assert tx.events.filter(cda.OrderClaimed)[0].filled == 30
    assert cda.getPosition(open_slot, alice).sold == 60
    assert cda.getOrder(ask).quantity == 40
