"""The Application Host licence (GridStaking) that gates hubs, and trading within a grid zone.

Attacks: register then unstake (or move the sGRID away) and keep selling; fill the top of the book
with lapsed offers to block buyers; walk away from a matched trade after unstaking; buy across
zones; preferred hub in another zone; order as a company, then run a hub in another zone and
order in the old one (the marketplace keeps only hubs' zone checks).
"""

from __future__ import annotations

import ape
import pytest

from gridset.leg.deploy import take_licence

from .conftest import CAPACITY, LICENCE, WATT, ZONE

COMPUTE, HEAT = 0, 2
CENT = WATT // 100
PENDING, CANCELLED = 1, 5
ZONE_2 = b"zone-2".ljust(32, b"\0")


def _offer(legm, seller, amount, price, resource=COMPUTE):
    tx = legm.postOffer(resource, amount, price, sender=seller)
    return tx.events.filter(legm.OfferPosted)[0].offerId


def _order(legm, buyer, amount, max_price, zone=ZONE, hub=0):
    tx = legm.postOrder(COMPUTE, amount, max_price, 0, hub, 0, zone, sender=buyer)
    matched = tx.events.filter(legm.TradeMatched)
    return tx.events.filter(legm.OrderPosted)[0].orderId, (matched[0].tradeId if matched else 0), tx


def _unstake(licensing, account):
    licensing.withdraw(licensing.balanceOf(account), account, account, sender=account)


@pytest.fixture
def new_hub(accounts, hub_registry, licensing, deployer, watt):
    """A fresh licensed hub in ``zone`` (a generated account with ETH for gas)."""

    def new_hub(zone=ZONE, licensed=True):
        account = accounts.generate_test_account()
        deployer.transfer(account, 10**18)
        if licensed:
            take_licence(licensing, account, deployer)
        hub_registry.registerHub(zone, CAPACITY, sender=account)
        return account

    return new_hub


# ------------------------------------------------------------------ licence


def test_register__without_licence_or_zero_zone__reverts(
    hub_registry, licensing, deployer, attacker
):
    with ape.reverts(hub_registry.LegHubNoLicence, account=attacker):
        hub_registry.registerHub(ZONE, CAPACITY, sender=attacker)
    take_licence(licensing, attacker, deployer)
    assert licensing.balanceOf(attacker) == LICENCE
    with ape.reverts(hub_registry.LegHubInvalidZone, zone=b"\0" * 32):
        hub_registry.registerHub(b"\0" * 32, CAPACITY, sender=attacker)
    hub_registry.registerHub(ZONE, CAPACITY, sender=attacker)
    assert hub_registry.hubOf(attacker) == 4 and hub_registry.licensing() == licensing.address


def test_post_offer__licence_lapsed_or_moved__reverts(legm, licensing, alice, bob, carol):
    _unstake(licensing, alice)
    with ape.reverts(legm.LegMarketNoLicence, hubId=1, operator=alice):
        legm.postOffer(COMPUTE, 1_000, 15 * CENT, sender=alice)
    # The licence is a balance: moving the sGRID to another account moves the licence with it.
    licensing.transfer(carol, LICENCE, sender=bob)
    with ape.reverts(legm.LegMarketNoLicence, hubId=2, operator=bob):
        legm.postOffer(COMPUTE, 1_000, 15 * CENT, sender=bob)


def test_match__lapsed_offer_at_best_price__delisted_next_licensed_fills(
    legm, watt, licensing, alice, bob, carol
):
    # alice posts the cheapest offer, then unstakes: she must not sell, and must not block.
    lapsed = _offer(legm, alice, 10_000, 10 * CENT)
    good = _offer(legm, bob, 10_000, 15 * CENT)
    _unstake(licensing, alice)
    before = watt.balanceOf(carol)
    _, trade_id, tx = _order(legm, carol, 10_000, 20 * CENT)
    assert tx.events.filter(legm.OfferDelisted) == [legm.OfferDelisted(lapsed, 1, alice)]
    assert legm.offerOf(1, COMPUTE) == 0 and legm.offer(lapsed).available == 0
    trade = legm.trade(trade_id)
    assert trade.sellerHub == 2 and trade.price == 15 * CENT
    assert legm.offer(good).available == 0
    assert before - watt.balanceOf(carol) == 2 * WATT  # escrow at the buyer's maximum


def test_match__more_lapsed_offers_than_a_call_delists__order_rests_then_fills(
    legm, licensing, hub_registry, new_hub, bob, carol
):
    cap = 4  # offers of unlicensed hubs one match call withdraws (LegMarketplace._MAX_DELISTS)
    lapsed_hubs = [new_hub() for _ in range(cap + 1)]
    for hub in lapsed_hubs:
        _offer(legm, hub, 1_000, 10 * CENT)
        _unstake(licensing, hub)
    _offer(legm, bob, 1_000, 12 * CENT)
    order_id, trade_id, tx = _order(legm, carol, 1_000, 20 * CENT)
    # One call withdraws at most MAX_DELISTS offers; the order rests, nothing traded.
    assert trade_id == 0 and len(tx.events.filter(legm.OfferDelisted)) == cap
    assert legm.order(order_id).remaining == 1_000
    # The next call (anyone's) delists the last one and fills from bob.
    tx = legm.matchOrder(order_id, sender=carol)
    assert len(tx.events.filter(legm.OfferDelisted)) == 1
    (matched,) = tx.events.filter(legm.TradeMatched)
    assert matched.sellerHub == 2 and matched.price == 12 * CENT
    with ape.reverts(legm.LegMarketOrderClosed, orderId=order_id):
        legm.matchOrder(order_id, sender=carol)
    # A match call that meets only lapsed offers keeps its delisting (returns 0, no revert).
    late = new_hub()
    _offer(legm, late, 1_000, 10 * CENT)
    _unstake(licensing, late)
    order_id, trade_id, _ = _order(legm, carol, 2_000, 9 * CENT)  # below every offer: rests
    assert trade_id == 0
    with ape.reverts(legm.LegMarketNoEligibleOffer, orderId=order_id):
        legm.matchOrder(order_id, sender=carol)


def test_match__lapsed_heat_offer__credits_return_to_the_hub(
    legm, heat, licensing, deployer, alice, bob, carol, chain
):
    # alice earns heat credits from a settled compute job, offers them, then unstakes.
    with chain.isolate():
        heat.grantRole(heat.MINTER_ROLE(), deployer, sender=deployer)
        heat.mint(alice, 3_000, 0, sender=deployer)
        offer_id = _offer(legm, alice, 3_000, 5 * CENT, HEAT)
        assert heat.balanceOf(alice) == 0
        _unstake(licensing, alice)
        tx = legm.postOrder(HEAT, 1_000, 10 * CENT, 0, 0, 0, ZONE, sender=carol)
        assert tx.events.filter(legm.OfferDelisted) == [legm.OfferDelisted(offer_id, 1, alice)]
        assert not tx.events.filter(legm.TradeMatched)
        assert heat.balanceOf(alice) == 3_000 and heat.balanceOf(legm) == 0


def test_cancel_trade__seller_lost_licence__buyer_leaves_at_once_else_waits(
    legm, watt, licensing, hub_registry, alice, bob, carol, advance
):
    _offer(legm, alice, 20_000, 15 * CENT)
    _, first, _ = _order(legm, bob, 10_000, 20 * CENT)
    _, second, _ = _order(legm, carol, 10_000, 20 * CENT)
    with ape.reverts(legm.LegMarketTooEarly):
        legm.cancelTrade(first, sender=bob)  # licensed seller: the usage timeout applies
    _unstake(licensing, alice)
    before = watt.balanceOf(bob)
    tx = legm.cancelTrade(first, sender=bob)
    assert tx.events.filter(legm.TradeCancelled) == [legm.TradeCancelled(first, bob, 2 * WATT)]
    assert watt.balanceOf(bob) - before == 2 * WATT
    assert hub_registry.hub(1).late == 1
    # Work matched while licensed is still paid if the buyer lets it run: the other trade settles.
    legm.recordUsage(second, 10_000, 0, sender=alice)
    legm.confirm(second, sender=carol)
    advance(legm.params().disputeWindow)
    paid = watt.balanceOf(alice)
    legm.settle(second, sender=carol)
    legm.withdraw(1, sender=alice)  # earned proceeds leave without a licence too
    assert watt.balanceOf(alice) - paid == 1_425 * WATT // 1000
    assert legm.trade(first).status == CANCELLED


# ------------------------------------------------------------------ zones


def test_post_order__unknown_zone_or_hub_outside_its_zone__reverts(
    legm, hub_registry, new_hub, alice, carol
):
    with ape.reverts(legm.LegMarketUnknownZone, zone=ZONE_2):
        legm.postOrder(COMPUTE, 1_000, CENT, 0, 0, 0, ZONE_2, sender=carol)
    new_hub(ZONE_2)
    # alice runs hub 1 in ZONE: she buys in her own zone only; a company may name either zone.
    with ape.reverts(legm.LegMarketOutsideZone, buyer=alice, zone=ZONE_2):
        legm.postOrder(COMPUTE, 1_000, CENT, 0, 0, 0, ZONE_2, sender=alice)
    legm.postOrder(COMPUTE, 1_000, CENT, 0, 0, 0, ZONE_2, sender=carol)


def test_post_order__company_orders_then_runs_a_hub_elsewhere__its_old_zone_refused(
    legm, hub_registry, licensing, deployer, new_hub, alice, carol
):
    # The marketplace keeps the zone check a hub's operator passed (it never changes); a buyer
    # without a hub is asked again each order, so running a hub later binds it to that hub's zone.
    new_hub(ZONE_2)
    legm.postOrder(COMPUTE, 1_000, CENT, 0, 0, 0, ZONE, sender=carol)
    legm.postOrder(COMPUTE, 1_000, CENT, 0, 0, 0, ZONE, sender=alice)
    take_licence(licensing, carol, deployer)
    hub_registry.registerHub(ZONE_2, CAPACITY, sender=carol)
    with ape.reverts(legm.LegMarketOutsideZone, buyer=carol, zone=ZONE):
        legm.postOrder(COMPUTE, 1_000, CENT, 0, 0, 0, ZONE, sender=carol)
    legm.postOrder(COMPUTE, 1_000, CENT, 0, 0, 0, ZONE_2, sender=carol)
    # A hub's cached check holds for its own zone only.
    with ape.reverts(legm.LegMarketOutsideZone, buyer=alice, zone=ZONE_2):
        legm.postOrder(COMPUTE, 1_000, CENT, 0, 0, 0, ZONE_2, sender=alice)
    legm.postOrder(COMPUTE, 1_000, CENT, 0, 0, 0, ZONE, sender=alice)


def test_match__only_offers_of_the_order_zone__preferred_hub_elsewhere_ignored(
    legm, watt, new_hub, alice, carol
):
    far = new_hub(ZONE_2)
    watt.approve(legm, 2**256 - 1, sender=far)
    cheap_far = _offer(legm, far, 10_000, 5 * CENT)  # zone 2, cheapest of all
    _offer(legm, alice, 10_000, 15 * CENT)  # zone 1
    far_hub = legm.offer(cheap_far).hubId
    assert legm.offer(cheap_far).zoneId == 2
    # A zone-1 order, even preferring the far hub, trades with alice at her price.
    _, trade_id, tx = _order(legm, carol, 1_000, 20 * CENT, ZONE, hub=far_hub)
    assert legm.trade(trade_id).sellerHub == 1 and legm.trade(trade_id).price == 15 * CENT
    assert tx.events.filter(legm.OrderPosted)[0].zoneId == 1
    # A zone-2 order trades with the far hub.
    _, trade_id, _ = _order(legm, carol, 1_000, 20 * CENT, ZONE_2)
    assert legm.trade(trade_id).sellerHub == far_hub and legm.trade(trade_id).price == 5 * CENT
    # The far offer's rest fills a bigger zone-2 order; zone 1's offers never do.
    order_id, trade_id, _ = _order(legm, carol, 20_000, 20 * CENT, ZONE_2)
    assert trade_id != 0 and legm.trade(trade_id).amount == 9_000  # the far offer's rest only
    assert legm.order(order_id).remaining == 11_000
    with ape.reverts(legm.LegMarketNoEligibleOffer, orderId=order_id):
        legm.matchOrder(order_id, sender=carol)
