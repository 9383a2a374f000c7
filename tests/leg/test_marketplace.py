"""LegMarketplace: the seed's scenarios, the matching rule, the lifecycle, storage billing,
disputes, heat credits, fees and governance; an attack test per entry point."""

from __future__ import annotations

import ape
from ape.utils import ZERO_ADDRESS

from gridset.tokens.watt import issue_watt
from gridset.units import WATT

from .conftest import CAPACITY, PARAMS, ZONE

COMPUTE, STORAGE, HEAT = 0, 1, 2
PENDING, CONFIRMED, DISPUTED, SETTLED, CANCELLED = 1, 2, 3, 4, 5
MONTH = 30 * 86_400
CENT = WATT // 100
MILLI = WATT // 1000


def _order(legm, buyer, resource, amount, max_price, months=0, hub=0, level=0, zone=ZONE):
    tx = legm.postOrder(resource, amount, max_price, months, hub, level, zone, sender=buyer)
    order_id = tx.events.filter(legm.OrderPosted)[0].orderId
    matched = tx.events.filter(legm.TradeMatched)
    return order_id, (matched[0].tradeId if matched else 0), tx


def _offer(legm, seller, resource, amount, price):
    tx = legm.postOffer(resource, amount, price, sender=seller)
    return tx.events.filter(legm.OfferPosted)[0].offerId


def _confirmed_compute(legm, seller, buyer, used=10_000, heat_wh=8_000):
    _offer(legm, seller, COMPUTE, 10_000, 15 * CENT)
    _, trade_id, _ = _order(legm, buyer, COMPUTE, 10_000, 20 * CENT)
    legm.recordUsage(trade_id, used, heat_wh, sender=seller)
    legm.confirm(trade_id, sender=buyer)
    return trade_id


# ------------------------------------------------------------------ the seed's scenarios


def test_scenario1__compute_10kwh_at_015__settles_150_fee_0075_hub_receives_1425_plus_heat(
    legm, watt, heat, hub_registry, alice, bob, treasury_account, advance
):
    offer_id = _offer(legm, alice, COMPUTE, 10_000, 15 * CENT)
    order_id, trade_id, tx = _order(legm, bob, COMPUTE, 10_000, 20 * CENT)
    assert trade_id == 1
    assert legm.trade(trade_id).price == 15 * CENT
    assert legm.trade(trade_id).escrow == 2 * WATT  # 10 kWh x 0.20
    legm.recordUsage(trade_id, 10_000, 8_000, sender=alice)
    legm.confirm(trade_id, sender=bob)
    advance(PARAMS.dispute_window)
    alice_before, bob_before = watt.balanceOf(alice), watt.balanceOf(bob)
    tx = legm.settle(trade_id, sender=treasury_account)
    fee = 75 * MILLI  # 0.075
    assert tx.events.filter(legm.TradeSettled) == [
        legm.TradeSettled(trade_id, 1425 * MILLI, fee, WATT // 2, 8_000)
    ]
    assert watt.balanceOf(bob) - bob_before == WATT // 2  # escrow rest: 2.00 - 1.50
    # Hub A's 1.425 is credited here and leaves in one withdrawal (anyone may ask; it goes to A).
    assert watt.balanceOf(alice) == alice_before and legm.proceeds(1) == 1425 * MILLI
    tx = legm.withdraw(1, sender=bob)
    assert tx.events == [
        legm.ProceedsWithdrawn(1, alice, 1425 * MILLI),
        watt.Transfer(legm, alice, 1425 * MILLI),
    ]
    assert watt.balanceOf(alice) - alice_before == 1425 * MILLI and legm.proceeds(1) == 0
    # The 8 kWh thermal of heat credits wait in the trade; a claim (anyone's) mints them to hub A.
    assert heat.balanceOf(alice) == 0 and legm.trade(trade_id).heatWh == 8_000
    tx = legm.claimHeat(trade_id, sender=bob)
    assert tx.events == [
        legm.HeatClaimed(trade_id, alice, 8_000),
        heat.Transfer(ZERO_ADDRESS, alice, 8_000),
        heat.HeatIssued(alice, 8_000, trade_id),
    ]
    assert heat.balanceOf(alice) == 8_000 and legm.trade(trade_id).heatWh == 0
    assert legm.accruedFees() == fee
    legm.collectFees(sender=bob)
    assert watt.balanceOf(treasury_account) >= fee
    assert legm.trade(trade_id).status == SETTLED
    assert hub_registry.hub(1).completed == 1
    assert order_id == 1 and offer_id == 1


def test_scenario2__storage_1tb_12_months_at_005__bills_50_a_month_hub_receives_4750(
    legm, watt, alice, carol, advance
):
    _offer(legm, alice, STORAGE, 1_000, 5 * CENT)
    _, trade_id, _ = _order(legm, carol, STORAGE, 1_000, 10 * CENT, months=12)
    assert legm.trade(trade_id).escrow == 1_000 * 10 * CENT * 12  # 1,200 prepaid at the maximum
    legm.recordUsage(trade_id, 1_000, 0, sender=alice)
    legm.confirm(trade_id, sender=carol)
    advance(MONTH)
    before = watt.balanceOf(alice)
    tx = legm.billStorage(trade_id, sender=carol)
    assert tx.events.filter(legm.StorageBilled) == [
        legm.StorageBilled(trade_id, 1, 4750 * CENT, 250 * CENT)
    ]
    assert legm.proceeds(1) == 4750 * CENT and watt.balanceOf(alice) == before
    legm.withdraw(1, sender=alice)
    assert watt.balanceOf(alice) - before == 4750 * CENT
    # Three months at once.
    advance(3 * MONTH)
    tx = legm.billStorage(trade_id, sender=carol)
    assert tx.events.filter(legm.StorageBilled) == [
        legm.StorageBilled(trade_id, 3, 3 * 4750 * CENT, 3 * 250 * CENT)
    ]
    # The whole term: the last bill settles and refunds the prepaid rest (0.05 x 12 x 1000).
    advance(9 * MONTH)
    carol_before = watt.balanceOf(carol)
    tx = legm.billStorage(trade_id, sender=carol)
    assert tx.events.filter(legm.StorageBilled)[0].months == 8
    assert watt.balanceOf(carol) - carol_before == 600 * WATT
    assert legm.trade(trade_id).status == SETTLED
    assert legm.trade(trade_id).escrow == 0
    with ape.reverts(legm.LegMarketWrongStatus, tradeId=trade_id, status=SETTLED):
        legm.billStorage(trade_id, sender=carol)


# ------------------------------------------------------------------ matching rule


def test_match__lowest_price_first_then_higher_level_then_earliest(
    legm, hub_registry, registrar, alice, bob, dave, carol
):
    # bob's hub gets a better reputation level: uptime attested at 100 %.
    hub_registry.attestUptime(2, 10_000, sender=registrar)
    assert hub_registry.level(2) > hub_registry.level(1)
    a = _offer(legm, alice, COMPUTE, 1_000, 15 * CENT)  # level 3, 0.15
    d = _offer(legm, dave, COMPUTE, 1_000, 14 * CENT)  # level 3, 0.14: cheapest
    b = _offer(legm, bob, COMPUTE, 1_000, 15 * CENT)  # level 4, 0.15
    fills = []
    for _ in range(3):
        _, trade_id, _ = _order(legm, carol, COMPUTE, 1_000, 20 * CENT)
        fills.append(legm.trade(trade_id).sellerHub)
    assert fills == [3, 2, 1]  # price first, then the higher level, then the rest
    assert [legm.offer(x).available for x in (a, d, b)] == [0, 0, 0]


def test_match__same_price_and_level__earliest_offer_first(legm, alice, bob, carol):
    _offer(legm, bob, COMPUTE, 1_000, 15 * CENT)
    _offer(legm, alice, COMPUTE, 1_000, 15 * CENT)
    _, trade_id, _ = _order(legm, carol, COMPUTE, 500, 15 * CENT)
    assert legm.trade(trade_id).sellerHub == 2


def test_match__offer_above_maximum__order_rests_then_matches_later(legm, alice, carol):
    _offer(legm, alice, COMPUTE, 1_000, 25 * CENT)
    order_id, trade_id, _ = _order(legm, carol, COMPUTE, 1_000, 20 * CENT)
    assert trade_id == 0
    assert legm.bestOffer(order_id) == 0
    with ape.reverts(legm.LegMarketNoEligibleOffer, orderId=order_id):
        legm.matchOrder(order_id, sender=carol)
    offer_id = _offer(legm, alice, COMPUTE, 1_000, 19 * CENT)  # replaces the dear offer
    assert legm.bestOffer(order_id) == offer_id
    tx = legm.matchOrder(order_id, sender=alice)
    assert tx.events.filter(legm.TradeMatched)[0].price == 19 * CENT


def test_match__preferred_hub_eligible__beats_a_cheaper_offer(legm, alice, bob, carol):
    _offer(legm, alice, COMPUTE, 1_000, 10 * CENT)
    _offer(legm, bob, COMPUTE, 1_000, 18 * CENT)
    _, trade_id, _ = _order(legm, carol, COMPUTE, 1_000, 20 * CENT, hub=2)
    assert legm.trade(trade_id).sellerHub == 2
    # A preferred hub too dear falls back to the rule.
    _offer(legm, bob, COMPUTE, 1_000, 30 * CENT)
    _, trade_id, _ = _order(legm, carol, COMPUTE, 1_000, 20 * CENT, hub=2)
    assert legm.trade(trade_id).sellerHub == 1


def test_match__minimum_level_above_every_offer__rests(legm, hub_registry, alice, carol):
    _offer(legm, alice, COMPUTE, 1_000, 10 * CENT)
    assert hub_registry.level(1) == 3
    order_id, trade_id, _ = _order(legm, carol, COMPUTE, 1_000, 20 * CENT, level=4)
    assert trade_id == 0 and legm.order(order_id).remaining == 1_000


def test_match__partial_fills__escrow_split_exactly(legm, watt, alice, bob, carol):
    _offer(legm, alice, COMPUTE, 333, 15 * CENT)
    _offer(legm, bob, COMPUTE, 1_000, 16 * CENT)
    order_id, first, _ = _order(legm, carol, COMPUTE, 1_000, 17 * CENT)
    escrow = (1_000 * 17 * CENT + 999) // 1000
    assert legm.trade(first).amount == 333
    second = legm.matchOrder(order_id, sender=carol).events.filter(legm.TradeMatched)[0].tradeId
    assert legm.trade(second).amount == 667
    assert legm.trade(first).escrow + legm.trade(second).escrow == escrow
    assert legm.order(order_id).remaining == 0
    with ape.reverts(legm.LegMarketOrderClosed, orderId=order_id):
        legm.matchOrder(order_id, sender=carol)


# ------------------------------------------------------------------ offers and orders: attacks


def test_post_offer__bad_inputs__revert_with_values(legm, alice, attacker):
    with ape.reverts(legm.LegMarketInvalidResource, resource=3):
        legm.postOffer(3, 1, CENT, sender=alice)
    with ape.reverts(legm.LegMarketZeroAmount):
        legm.postOffer(COMPUTE, 0, CENT, sender=alice)
    with ape.reverts(legm.LegMarketNoHub, account=attacker):
        legm.postOffer(COMPUTE, 1, CENT, sender=attacker)
    with ape.reverts(
        legm.LegMarketExceedsCapacity,
        hubId=1,
        resource=0,
        capacity=CAPACITY[0],
        amount=CAPACITY[0] + 1,
    ):
        legm.postOffer(COMPUTE, CAPACITY[0] + 1, CENT, sender=alice)
    for price in (0, MILLI + 1, 65_536 * MILLI):
        with ape.reverts(legm.LegMarketInvalidPrice, price=price, tick=MILLI):
            legm.postOffer(COMPUTE, 1, price, sender=alice)


def test_cancel_offer__stranger_or_twice__reverts(legm, alice, attacker):
    offer_id = _offer(legm, alice, COMPUTE, 1_000, CENT)
    with ape.reverts(legm.LegMarketNotOfferOwner, offerId=offer_id, caller=attacker):
        legm.cancelOffer(offer_id, sender=attacker)
    tx = legm.cancelOffer(offer_id, sender=alice)
    assert tx.events == [legm.OfferCancelled(offer_id, 1, 1_000)]
    with ape.reverts(legm.LegMarketUnknownOffer, offerId=offer_id):
        legm.cancelOffer(offer_id, sender=alice)


def test_post_order__bad_inputs__revert_with_values(legm, carol):
    with ape.reverts(legm.LegMarketInvalidResource, resource=7):
        legm.postOrder(7, 1, CENT, 0, 0, 0, ZONE, sender=carol)
    with ape.reverts(legm.LegMarketZeroAmount):
        legm.postOrder(COMPUTE, 1, 0, 0, 0, 0, ZONE, sender=carol)
    with ape.reverts(legm.LegMarketInvalidMonths, months=1, min=0, max=0):
        legm.postOrder(COMPUTE, 1, CENT, 1, 0, 0, ZONE, sender=carol)
    with ape.reverts(legm.LegMarketInvalidMonths, months=0, min=1, max=PARAMS.max_months):
        legm.postOrder(STORAGE, 1, CENT, 0, 0, 0, ZONE, sender=carol)
    with ape.reverts(legm.LegMarketInvalidLevel, level=8):
        legm.postOrder(COMPUTE, 1, CENT, 0, 0, 8, ZONE, sender=carol)
    with ape.reverts(legm.LegMarketUnknownHub, hubId=4):
        legm.postOrder(COMPUTE, 1, CENT, 0, 4, 0, ZONE, sender=carol)
    # The maximum is on the offers' tick grid (0.001) and at most 65,535 ticks.
    with ape.reverts(legm.LegMarketInvalidPrice, price=CENT + 1, tick=MILLI):
        legm.postOrder(COMPUTE, 1, CENT + 1, 0, 0, 0, ZONE, sender=carol)
    with ape.reverts(legm.LegMarketInvalidPrice, price=65_536 * MILLI, tick=MILLI):
        legm.postOrder(COMPUTE, 1, 65_536 * MILLI, 0, 0, 0, ZONE, sender=carol)


def test_post_order__without_allowance__reverts_and_leaves_nothing(legm, watt, attacker, installer):
    issue_watt(watt, installer, attacker, WATT)
    with ape.reverts(watt.ERC20InsufficientAllowance):
        legm.postOrder(COMPUTE, 1_000, CENT, 0, 0, 0, ZONE, sender=attacker)


def test_cancel_order__refunds_rest__stranger_and_twice_revert(legm, watt, carol, attacker):
    order_id, _, _ = _order(legm, carol, COMPUTE, 1_000, 20 * CENT)
    with ape.reverts(legm.LegMarketNotBuyer, id=order_id, caller=attacker):
        legm.cancelOrder(order_id, sender=attacker)
    before = watt.balanceOf(carol)
    legm.cancelOrder(order_id, sender=carol)
    assert watt.balanceOf(carol) - before == 20 * CENT
    with ape.reverts(legm.LegMarketOrderClosed, orderId=order_id):
        legm.cancelOrder(order_id, sender=carol)


# ------------------------------------------------------------------ lifecycle


def test_record_usage__stranger_excess_heat_or_twice__reverts(legm, alice, bob, attacker):
    _offer(legm, alice, COMPUTE, 10_000, 15 * CENT)
    _, trade_id, _ = _order(legm, bob, COMPUTE, 10_000, 20 * CENT)
    with ape.reverts(legm.LegMarketNotSeller, tradeId=trade_id, caller=attacker):
        legm.recordUsage(trade_id, 1, 0, sender=attacker)
    with ape.reverts(
        legm.LegMarketUsageExceedsAmount, tradeId=trade_id, amount=10_000, used=10_001
    ):
        legm.recordUsage(trade_id, 10_001, 0, sender=alice)
    with ape.reverts(legm.LegMarketHeatExceedsUsage, tradeId=trade_id, used=100, heatWh=101):
        legm.recordUsage(trade_id, 100, 101, sender=alice)
    legm.recordUsage(trade_id, 100, 100, sender=alice)
    with ape.reverts(legm.LegMarketWrongStatus, tradeId=trade_id, status=PENDING):
        legm.recordUsage(trade_id, 100, 100, sender=alice)


def test_confirm__silence_confirms_after_timeout_only(legm, chain, alice, bob, attacker, advance):
    _offer(legm, alice, COMPUTE, 10_000, 15 * CENT)
    _, trade_id, _ = _order(legm, bob, COMPUTE, 10_000, 20 * CENT)
    with ape.reverts(legm.LegMarketWrongStatus, tradeId=trade_id, status=PENDING):
        legm.confirm(trade_id, sender=bob)  # no usage yet
    tx = legm.recordUsage(trade_id, 10_000, 0, sender=alice)
    ready = chain.blocks[tx.block_number].timestamp + PARAMS.confirm_timeout
    with ape.reverts(legm.LegMarketTooEarly, tradeId=trade_id, readyAt=ready):
        legm.confirm(trade_id, sender=attacker)
    advance(PARAMS.confirm_timeout)
    tx = legm.confirm(trade_id, sender=attacker)
    assert tx.events == [legm.TradeConfirmed(trade_id, attacker)]


def test_cancel_trade__seller_any_time_buyer_after_timeout__hub_counted_late(
    legm, watt, chain, hub_registry, alice, bob, attacker, advance
):
    _offer(legm, alice, COMPUTE, 20_000, 15 * CENT)
    _, first, tx = _order(legm, bob, COMPUTE, 10_000, 20 * CENT)
    _, second, _ = _order(legm, bob, COMPUTE, 10_000, 20 * CENT)
    legm.cancelTrade(first, sender=alice)
    ready = chain.blocks[tx.block_number].timestamp + PARAMS.usage_timeout
    with ape.reverts(legm.LegMarketTooEarly, tradeId=first + 1, readyAt=ready + 1):
        legm.cancelTrade(second, sender=bob)
    with ape.reverts(legm.LegMarketNotBuyer, id=second, caller=attacker):
        legm.cancelTrade(second, sender=attacker)
    advance(PARAMS.usage_timeout)
    before = watt.balanceOf(bob)
    legm.cancelTrade(second, sender=bob)
    assert watt.balanceOf(bob) - before == 2 * WATT
    assert hub_registry.hub(1).late == 2
    with ape.reverts(legm.LegMarketWrongStatus, tradeId=second, status=CANCELLED):
        legm.cancelTrade(second, sender=bob)


def test_settle__before_window_storage_or_twice__reverts(legm, chain, alice, bob, carol, advance):
    trade_id = _confirmed_compute(legm, alice, bob)
    ready = legm.trade(trade_id).confirmedAt + PARAMS.dispute_window
    with ape.reverts(legm.LegMarketTooEarly, tradeId=trade_id, readyAt=ready):
        legm.settle(trade_id, sender=bob)
    advance(PARAMS.dispute_window)
    legm.settle(trade_id, sender=bob)
    with ape.reverts(legm.LegMarketWrongStatus, tradeId=trade_id, status=SETTLED):
        legm.settle(trade_id, sender=bob)
    _offer(legm, alice, STORAGE, 10, CENT)
    _, storage_trade, _ = _order(legm, carol, STORAGE, 10, CENT, months=1)
    legm.recordUsage(storage_trade, 10, 0, sender=alice)
    legm.confirm(storage_trade, sender=carol)
    with ape.reverts(legm.LegMarketWrongResource, tradeId=storage_trade, resource=STORAGE):
        legm.settle(storage_trade, sender=carol)


def test_settle__partial_usage__pays_usage_refunds_rest(legm, watt, alice, bob, advance):
    trade_id = _confirmed_compute(legm, alice, bob, used=4_000, heat_wh=0)
    advance(PARAMS.dispute_window)
    tx = legm.settle(trade_id, sender=bob)
    # 4 kWh x 0.15 = 0.60, fee 0.03; refund 2.00 - 0.60.
    assert tx.events.filter(legm.TradeSettled) == [
        legm.TradeSettled(trade_id, 57 * CENT, 3 * CENT, 140 * CENT, 0)
    ]


# ------------------------------------------------------------------ storage


def test_storage__notice__keeps_a_full_notice_month_paid_and_refunds_rest(
    legm, watt, alice, carol, advance
):
    _offer(legm, alice, STORAGE, 100, 5 * CENT)
    _, trade_id, _ = _order(legm, carol, STORAGE, 100, 5 * CENT, months=6)
    legm.recordUsage(trade_id, 100, 0, sender=alice)
    legm.confirm(trade_id, sender=carol)
    advance(MONTH + 10)  # 10 s into month 2
    before = watt.balanceOf(carol)
    tx = legm.cancelStorage(trade_id, sender=carol)
    # A full month of notice from now ends inside month 3: the term becomes 3 months and the
    # three months after it are refunded.
    assert tx.events.filter(legm.StorageNoticeGiven) == [
        legm.StorageNoticeGiven(trade_id, carol, 3, 3 * 100 * 5 * CENT)
    ]
    assert watt.balanceOf(carol) - before == 3 * 100 * 5 * CENT
    advance(2 * MONTH)
    tx = legm.billStorage(trade_id, sender=alice)
    assert tx.events.filter(legm.StorageBilled)[0].months == 3
    assert legm.trade(trade_id).status == SETTLED
    assert legm.trade(trade_id).escrow == 0


def test_storage__notice_at_a_month_boundary__exactly_notice_months_more(legm, chain, alice, carol):
    _offer(legm, alice, STORAGE, 100, 5 * CENT)
    _, trade_id, _ = _order(legm, carol, STORAGE, 100, 5 * CENT, months=6)
    legm.recordUsage(trade_id, 100, 0, sender=alice)
    legm.confirm(trade_id, sender=carol)
    chain.pending_timestamp = legm.trade(trade_id).confirmedAt + 2 * MONTH
    tx = legm.cancelStorage(trade_id, sender=alice)
    assert tx.events.filter(legm.StorageNoticeGiven)[0].endMonth == 3


def test_storage__attacks__revert(legm, alice, bob, carol, attacker):
    _offer(legm, alice, STORAGE, 100, 5 * CENT)
    _, trade_id, _ = _order(legm, carol, STORAGE, 100, 5 * CENT, months=2)
    with ape.reverts(legm.LegMarketWrongStatus, tradeId=trade_id, status=PENDING):
        legm.billStorage(trade_id, sender=carol)
    with ape.reverts(legm.LegMarketWrongStatus, tradeId=trade_id, status=PENDING):
        legm.cancelStorage(trade_id, sender=carol)
    legm.recordUsage(trade_id, 100, 0, sender=alice)
    legm.confirm(trade_id, sender=carol)
    with ape.reverts(legm.LegMarketNothingDue, tradeId=trade_id):
        legm.billStorage(trade_id, sender=attacker)
    with ape.reverts(legm.LegMarketNotBuyer, id=trade_id, caller=attacker):
        legm.cancelStorage(trade_id, sender=attacker)
    with ape.reverts(legm.LegMarketWrongResource, tradeId=trade_id, resource=STORAGE):
        legm.openDispute(trade_id, sender=carol)
    compute = _confirmed_compute(legm, alice, bob)
    with ape.reverts(legm.LegMarketWrongResource, tradeId=compute, resource=COMPUTE):
        legm.billStorage(compute, sender=bob)
    with ape.reverts(legm.LegMarketWrongResource, tradeId=compute, resource=COMPUTE):
        legm.cancelStorage(compute, sender=bob)


# ------------------------------------------------------------------ heat


def test_heat__credits_earned_by_compute_sold_to_buyer(legm, heat, alice, bob, carol, advance):
    trade_id = _confirmed_compute(legm, alice, bob, heat_wh=8_000)
    advance(PARAMS.dispute_window)
    legm.settle(trade_id, sender=bob)
    legm.claimHeat(trade_id, sender=carol)
    assert heat.balanceOf(alice) == 8_000
    offer_id = _offer(legm, alice, HEAT, 8_000, 5 * CENT)
    assert heat.balanceOf(legm) == 8_000
    _, heat_trade, _ = _order(legm, carol, HEAT, 5_000, 6 * CENT)
    assert legm.offer(offer_id).available == 3_000
    legm.recordUsage(heat_trade, 5_000, 0, sender=alice)
    legm.confirm(heat_trade, sender=carol)
    advance(PARAMS.dispute_window)
    legm.settle(heat_trade, sender=carol)
    # The bought credits wait in the trade until claimed; a claim by anyone sends them to carol.
    assert heat.balanceOf(carol) == 0 and legm.trade(heat_trade).heatWh == 5_000
    tx = legm.claimHeat(heat_trade, sender=alice)
    assert tx.events == [
        legm.HeatClaimed(heat_trade, carol, 5_000),
        heat.Transfer(legm, carol, 5_000),
    ]
    assert heat.balanceOf(carol) == 5_000
    legm.cancelOffer(offer_id, sender=alice)
    assert heat.balanceOf(alice) == 3_000
    assert heat.balanceOf(legm) == 0


def test_claim_heat__unsettled_no_heat_or_twice__reverts(legm, heat, alice, bob, attacker, advance):
    trade_id = _confirmed_compute(legm, alice, bob, heat_wh=2_000)
    with ape.reverts(legm.LegMarketWrongStatus, tradeId=trade_id, status=CONFIRMED):
        legm.claimHeat(trade_id, sender=attacker)
    advance(PARAMS.dispute_window)
    legm.settle(trade_id, sender=bob)
    legm.claimHeat(trade_id, sender=attacker)  # the credits go to the hub, not to the caller
    assert heat.balanceOf(alice) == 2_000 and heat.balanceOf(attacker) == 0
    with ape.reverts(legm.LegMarketNothingDue, tradeId=trade_id):
        legm.claimHeat(trade_id, sender=attacker)
    no_heat = _confirmed_compute(legm, alice, bob, heat_wh=0)
    advance(PARAMS.dispute_window)
    legm.settle(no_heat, sender=bob)
    with ape.reverts(legm.LegMarketNothingDue, tradeId=no_heat):
        legm.claimHeat(no_heat, sender=alice)


def test_heat__mint_only_by_marketplace(heat, attacker):
    with ape.reverts(
        heat.AccessControlUnauthorizedAccount, account=attacker, neededRole=heat.MINTER_ROLE()
    ):
        heat.mint(attacker, 1, 0, sender=attacker)
    assert heat.decimals() == 3


# ------------------------------------------------------------------ disputes


def test_dispute__seller_silent__buyer_wins_by_timeout(
    legm, watt, hub_registry, alice, bob, attacker, advance
):
    trade_id = _confirmed_compute(legm, alice, bob)
    with ape.reverts(legm.LegMarketNotBuyer, id=trade_id, caller=attacker):
        legm.openDispute(trade_id, sender=attacker)
    before = watt.balanceOf(bob)
    legm.openDispute(trade_id, sender=bob)
    assert watt.balanceOf(bob) == before - PARAMS.dispute_bond
    opened = legm.dispute(trade_id).openedAt
    with ape.reverts(
        legm.LegMarketTooEarly, tradeId=trade_id, readyAt=opened + PARAMS.response_window
    ):
        legm.resolveDisputeByTimeout(trade_id, sender=attacker)
    advance(PARAMS.response_window)
    tx = legm.resolveDisputeByTimeout(trade_id, sender=attacker)
    assert tx.events.filter(legm.DisputeResolved) == [legm.DisputeResolved(trade_id, True, True)]
    assert watt.balanceOf(bob) == before + 2 * WATT  # escrow and bond back
    assert hub_registry.hub(1).disputesLost == 1
    assert legm.trade(trade_id).status == CANCELLED


def test_dispute__seller_concedes__buyer_wins_and_offer_withdrawn(legm, alice, bob, attacker):
    trade_id = _confirmed_compute(legm, alice, bob)
    offer_id = _offer(legm, alice, COMPUTE, 500, CENT)
    legm.openDispute(trade_id, sender=bob)
    with ape.reverts(legm.LegMarketNotSeller, tradeId=trade_id, caller=attacker):
        legm.concedeDispute(trade_id, sender=attacker)
    legm.concedeDispute(trade_id, sender=alice)
    assert legm.offerOf(1, COMPUTE) == 0
    assert legm.offer(offer_id).available == 0
    with ape.reverts(legm.LegMarketWrongStatus, tradeId=trade_id, status=CANCELLED):
        legm.concedeDispute(trade_id, sender=alice)


def test_dispute__escalated__arbiter_decides_loser_bond_to_treasury(
    legm, watt, deployer, alice, bob, attacker, advance
):
    trade_id = _confirmed_compute(legm, alice, bob)
    legm.openDispute(trade_id, sender=bob)
    with ape.reverts(legm.LegMarketWrongStatus, tradeId=trade_id, status=DISPUTED):
        legm.arbitrate(trade_id, True, sender=deployer)  # not escalated
    legm.escalateDispute(trade_id, sender=alice)
    with ape.reverts(legm.LegMarketWrongStatus, tradeId=trade_id, status=DISPUTED):
        legm.escalateDispute(trade_id, sender=alice)
    with ape.reverts(
        legm.AccessControlUnauthorizedAccount, account=attacker, neededRole=legm.ARBITER_ROLE()
    ):
        legm.arbitrate(trade_id, False, sender=attacker)
    fees = legm.accruedFees()
    tx = legm.arbitrate(trade_id, False, sender=deployer)
    assert tx.events.filter(legm.DisputeResolved) == [legm.DisputeResolved(trade_id, False, False)]
    # The buyer's bond and the 0.075 fee accrue for the treasury.
    assert legm.accruedFees() - fees == PARAMS.dispute_bond + 75 * MILLI
    assert legm.trade(trade_id).status == SETTLED


def test_dispute__arbiter_silent__usage_stands_bonds_return(legm, watt, alice, bob, advance):
    trade_id = _confirmed_compute(legm, alice, bob)
    legm.openDispute(trade_id, sender=bob)
    legm.escalateDispute(trade_id, sender=alice)
    escalated = legm.dispute(trade_id).escalatedAt
    with ape.reverts(
        legm.LegMarketTooEarly, tradeId=trade_id, readyAt=escalated + PARAMS.arbitration_timeout
    ):
        legm.resolveDisputeByTimeout(trade_id, sender=bob)
    advance(PARAMS.arbitration_timeout)
    bob_before = watt.balanceOf(bob)
    legm.resolveDisputeByTimeout(trade_id, sender=bob)
    assert watt.balanceOf(bob) - bob_before == PARAMS.dispute_bond + WATT // 2
    with ape.reverts(legm.LegMarketWrongStatus, tradeId=trade_id, status=SETTLED):
        legm.resolveDisputeByTimeout(trade_id, sender=bob)


def test_dispute__window_closed_or_response_late__reverts(legm, alice, bob, advance):
    trade_id = _confirmed_compute(legm, alice, bob)
    deadline = legm.trade(trade_id).confirmedAt + PARAMS.dispute_window
    advance(PARAMS.dispute_window)
    with ape.reverts(legm.LegMarketTooLate, tradeId=trade_id, deadline=deadline):
        legm.openDispute(trade_id, sender=bob)
    other = _confirmed_compute(legm, alice, bob)
    legm.openDispute(other, sender=bob)
    deadline = legm.dispute(other).openedAt + PARAMS.response_window
    advance(PARAMS.response_window)
    with ape.reverts(legm.LegMarketTooLate, tradeId=other, deadline=deadline):
        legm.escalateDispute(other, sender=alice)


# ------------------------------------------------------------------ reputation


def test_reputation__completed_late_and_lost_dispute__counted_and_scored(
    legm, hub_registry, alice, bob, advance
):
    settled = _confirmed_compute(legm, alice, bob)
    advance(PARAMS.dispute_window)
    legm.settle(settled, sender=bob)
    _offer(legm, alice, COMPUTE, 10_000, 15 * CENT)
    _, abandoned, _ = _order(legm, bob, COMPUTE, 10_000, 20 * CENT)
    legm.cancelTrade(abandoned, sender=alice)  # late
    disputed = _confirmed_compute(legm, alice, bob)
    legm.openDispute(disputed, sender=bob)
    legm.concedeDispute(disputed, sender=alice)  # lost
    assert legm.outcomes(1) == (1, 1, 1)
    hub = hub_registry.hub(1)
    assert (hub.completed, hub.late, hub.disputesLost) == (1, 1, 1)
    # completion (10000 + 5000) / (1 + 1 + 3 + 1) = 2500; uptime and feedback 5000.
    assert hub_registry.score(1) == (5 * 2500 + 3 * 5000 + 2 * 5000) // 10 == 3750
    assert hub_registry.level(1) == 2


def test_settle__usage_after_the_usage_timeout__counts_completed_and_late(
    legm, hub_registry, alice, bob, advance
):
    _offer(legm, alice, COMPUTE, 10_000, 15 * CENT)
    _, trade_id, _ = _order(legm, bob, COMPUTE, 10_000, 20 * CENT)
    advance(PARAMS.usage_timeout + 1)
    legm.recordUsage(trade_id, 10_000, 0, sender=alice)
    legm.confirm(trade_id, sender=bob)
    advance(PARAMS.dispute_window)
    legm.settle(trade_id, sender=bob)
    assert legm.outcomes(1) == (1, 1, 0)


# ------------------------------------------------------------------ feedback, fees, governance


def test_feedback__only_buyer_of_settled_trade_once(
    legm, hub_registry, alice, bob, attacker, advance
):
    trade_id = _confirmed_compute(legm, alice, bob)
    with ape.reverts(legm.LegMarketWrongStatus, tradeId=trade_id, status=CONFIRMED):
        legm.giveFeedback(trade_id, 90, sender=bob)
    advance(PARAMS.dispute_window)
    legm.settle(trade_id, sender=bob)
    with ape.reverts(legm.LegMarketNotBuyer, id=trade_id, caller=attacker):
        legm.giveFeedback(trade_id, 90, sender=attacker)
    with ape.reverts(hub_registry.LegHubInvalidRating, rating=101):
        legm.giveFeedback(trade_id, 101, sender=bob)
    legm.giveFeedback(trade_id, 90, sender=bob)
    with ape.reverts(legm.LegMarketFeedbackGiven, tradeId=trade_id):
        legm.giveFeedback(trade_id, 90, sender=bob)
    hub = hub_registry.hub(1)
    assert (hub.feedbackCount, hub.feedbackSum, hub.completed) == (1, 90, 1)
    # completion (10000 + 5000) / 2 = 7500; uptime 5000; feedback 9000.
    assert hub_registry.score(1) == (5 * 7500 + 3 * 5000 + 2 * 9000) // 10


def test_collect_fees__nothing_accrued__returns_zero_without_transfer(legm, attacker):
    tx = legm.collectFees(sender=attacker)
    assert tx.events == []


def test_withdraw__proceeds_of_several_trades__one_transfer_to_the_operator_only(
    legm, watt, alice, bob, attacker, advance
):
    assert legm.withdraw(1, sender=attacker).events == []  # nothing credited: no transfer
    first = _confirmed_compute(legm, alice, bob, heat_wh=0)
    second = _confirmed_compute(legm, alice, bob, used=4_000, heat_wh=0)
    advance(PARAMS.dispute_window)
    held = watt.balanceOf(legm)
    legm.settle(first, sender=bob)
    legm.settle(second, sender=bob)
    # 10 kWh and 4 kWh at 0.15, less 5 %: 1.425 + 0.57, held here with the fees.
    assert legm.proceeds(1) == 1425 * MILLI + 570 * MILLI
    assert watt.balanceOf(legm) == legm.proceeds(1) + legm.accruedFees()
    assert held - watt.balanceOf(legm) == 2 * WATT + 2 * WATT - 1_500 * MILLI - 600 * MILLI
    before = watt.balanceOf(alice)
    # A stranger's call pays the operator, never the caller; the credit is paid once.
    tx = legm.withdraw(1, sender=attacker)
    assert tx.events == [
        legm.ProceedsWithdrawn(1, alice, 1_995 * MILLI),
        watt.Transfer(legm, alice, 1_995 * MILLI),
    ]
    assert watt.balanceOf(alice) - before == 1_995 * MILLI
    assert legm.withdraw(1, sender=alice).events == []
    assert legm.proceeds(1) == 0 and watt.balanceOf(legm) == legm.accruedFees()


def test_set_params__bounds_and_admin_only(legm, deployer, attacker):
    good = list(PARAMS.as_tuple())
    for index, name, value in (
        (0, "feeBps", 199),
        (0, "feeBps", 501),
        (1, "usageTimeout", 59),
        (5, "arbitrationTimeout", 90 * 86_400 + 1),
        (6, "noticeMonths", 0),
        (7, "maxMonths", 121),
    ):
        bad = list(good)
        bad[index] = value
        with ape.reverts(
            legm.LegMarketInvalidParameter, name=name.encode().ljust(32, b"\0"), value=value
        ):
            legm.setParams(bad, sender=deployer)
    with ape.reverts(legm.AccessControlUnauthorizedAccount):
        legm.setParams(good, sender=attacker)
    good[0] = 200
    tx = legm.setParams(good, sender=deployer)
    assert legm.params().feeBps == 200
    assert len(tx.events) == 1


def test_set_treasury__zero_reverts_admin_sets(legm, deployer, attacker):
    with ape.reverts(legm.LegMarketZeroAddress):
        legm.setTreasury("0x0000000000000000000000000000000000000000", sender=deployer)
    tx = legm.setTreasury(attacker, sender=deployer)
    assert tx.events == [legm.TreasuryUpdated(attacker)]
    assert legm.treasury() == attacker
