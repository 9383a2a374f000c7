"""Gas of the LEG marketplace: hub registry, heat credits, offers, orders, matching (with 1, 100
and 1,000 resting offers), the trade lifecycle, storage billing, disputes, fees and governance.

Realistic inputs: the seed's scenarios (10 kWh of compute at 0.15 WATT/kWh against a 0.20
maximum; 1 TB of storage at 0.05 WATT per GB-month). Steady-state cases (``[warm]``) run after a
first trade so balances and counters already exist, as on a community running for a while.
Every hub is in one zone (the match-cost book is one zone's). The licence threshold is 0, so the
1,000 contract hubs of the match-cost book need no stake; each match still reads the seller's
licence (``GridStaking.hasLicence``: its balance and the threshold) as in operation.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ape import chain, project

from gridset.bench import GasTable
from gridset.leg.deploy import LegParams, deploy_dev_licensing, deploy_leg
from gridset.tokens.watt import issue_watt, setup_issuer
from gridset.units import WATT

CENT = WATT // 100
MONTH = 30 * 86_400
COMPUTE, STORAGE, HEAT = 0, 1, 2
CAPACITY = (1_000_000, 2_000, 500_000)
ZONE = b"zone-1".ljust(32, b"\0")
#: Resting offers for the match-cost cases.
BOOK_SIZES = (1, 100, 1_000)
FILL_BATCH = 50


def _advance(seconds: int) -> None:
    chain.pending_timestamp = chain.pending_timestamp + seconds


def _trade_id(market: Any, receipt: Any) -> int:
    return receipt.events.filter(market.TradeMatched)[0].tradeId


def _order_id(market: Any, receipt: Any) -> int:
    return receipt.events.filter(market.OrderPosted)[0].orderId


def _confirmed(market: Any, seller: Any, buyer: Any, heat_wh: int = 0) -> int:
    market.postOffer(COMPUTE, 10_000, 15 * CENT, sender=seller)
    trade_id = _trade_id(
        market, market.postOrder(COMPUTE, 10_000, 20 * CENT, 0, 0, 0, ZONE, sender=buyer)
    )
    market.recordUsage(trade_id, 10_000, heat_wh, sender=seller)
    market.confirm(trade_id, sender=buyer)
    return trade_id


def _deploy(admin: Any, treasury: Any, attester: Any) -> tuple[Any, Any]:
    payment = admin.deploy(project.WattToken, admin)
    setup_issuer(payment, admin.address, admin)
    params = LegParams(attesters=(attester.address,))
    licensing = deploy_dev_licensing(admin, 0)
    return deploy_leg(admin, payment, treasury.address, licensing, params), payment


def run(table: GasTable, accounts: Sequence) -> None:
    """Deploy a fresh LEG (payment: a fresh WATT) and measure every state-changing entry point."""
    admin, treasury, attester, hub_a, hub_b, company, hub_c = accounts[:7]
    leg, watt = _deploy(admin, treasury, attester)
    registry, heat, market = leg.registry, leg.heat, leg.marketplace
    for account in (hub_a, hub_b, company, hub_c):
        issue_watt(watt, admin, account, 100_000 * WATT)
        watt.approve(market, 2**256 - 1, sender=account)
        heat.approve(market, 2**256 - 1, sender=account)

    # Registry.
    table.record(
        "LegHubRegistry.registerHub[new]", registry.registerHub(ZONE, CAPACITY, sender=hub_a)
    )
    registry.registerHub(ZONE, CAPACITY, sender=hub_b)
    registry.registerHub(ZONE, CAPACITY, sender=hub_c)
    table.record("LegHubRegistry.setCapacity[update]", registry.setCapacity(1, 3_000, sender=hub_a))
    table.record(
        "LegHubRegistry.attestUptime[first]", registry.attestUptime(1, 9_900, sender=attester)
    )
    registry.grantRole(registry.MARKET_ROLE(), admin, sender=admin)
    table.record(
        "LegHubRegistry.setOutcomeSource[update]",
        registry.setOutcomeSource(market, sender=admin),
    )
    table.record(
        "LegHubRegistry.recordFeedback[first]", registry.recordFeedback(3, 90, sender=admin)
    )

    # Offers.
    table.record(
        "LegMarketplace.postOffer[first of its price level]",
        market.postOffer(COMPUTE, 10_000, 15 * CENT, sender=hub_a),
    )
    table.record(
        "LegMarketplace.postOffer[replaces own offer]",
        market.postOffer(COMPUTE, 10_000, 15 * CENT, sender=hub_a),
    )
    offer = market.postOffer(COMPUTE, 10_000, 16 * CENT, sender=hub_b)
    offer_id = offer.events.filter(market.OfferPosted)[0].offerId
    table.record("LegMarketplace.postOffer[queue behind others]", offer)
    table.record(
        "LegMarketplace.cancelOffer[last of its price level]",
        market.cancelOffer(offer_id, sender=hub_b),
    )

    # Scenario 1 end to end, first time (cold balances and counters).
    receipt = market.postOrder(COMPUTE, 10_000, 20 * CENT, 0, 0, 0, ZONE, sender=hub_b)
    table.record("LegMarketplace.postOrder[matched at once, offer used up]", receipt)
    trade_id = _trade_id(market, receipt)
    table.record(
        "LegMarketplace.recordUsage[compute, heat]",
        market.recordUsage(trade_id, 10_000, 8_000, sender=hub_a),
    )
    table.record("LegMarketplace.confirm[buyer]", market.confirm(trade_id, sender=hub_b))
    _advance(LegParams().dispute_window)
    table.record(
        "LegMarketplace.settle[compute, heat credits, first trade]",
        market.settle(trade_id, sender=hub_b),
    )
    table.record(
        "LegMarketplace.claimHeat[compute heat minted to the hub, first]",
        market.claimHeat(trade_id, sender=hub_a),
    )
    table.record(
        "LegMarketplace.giveFeedback[first]", market.giveFeedback(trade_id, 95, sender=hub_b)
    )
    table.record("LegMarketplace.collectFees[accrued]", market.collectFees(sender=hub_b))
    market.withdraw(1, sender=hub_a)  # the marketplace holds nothing again

    # Scenario 1 again: the steady state.
    market.postOffer(COMPUTE, 10_000, 15 * CENT, sender=hub_a)
    receipt = market.postOrder(COMPUTE, 10_000, 10 * CENT, 0, 0, 0, ZONE, sender=hub_b)
    table.record("LegMarketplace.postOrder[rests, marketplace held no escrow]", receipt)
    first_resting = _order_id(market, receipt)
    receipt = market.postOrder(COMPUTE, 10_000, 10 * CENT, 0, 0, 0, ZONE, sender=hub_b)
    table.record("LegMarketplace.postOrder[rests]", receipt)
    order_id = _order_id(market, receipt)
    receipt = market.postOrder(COMPUTE, 10_000, 10 * CENT, 0, 0, 0, ZONE, sender=company)
    table.record("LegMarketplace.postOrder[rests, buyer runs no hub]", receipt)
    market.cancelOrder(_order_id(market, receipt), sender=company)
    market.cancelOrder(first_resting, sender=hub_b)
    table.record(
        "LegMarketplace.cancelOrder[unmatched]", market.cancelOrder(order_id, sender=hub_b)
    )
    receipt = market.postOrder(COMPUTE, 10_000, 20 * CENT, 0, 0, 0, ZONE, sender=hub_b)
    trade_id = _trade_id(market, receipt)
    market.recordUsage(trade_id, 10_000, 8_000, sender=hub_a)
    _advance(LegParams().confirm_timeout)
    table.record(
        "LegMarketplace.confirm[silence, by anyone]", market.confirm(trade_id, sender=admin)
    )
    _advance(LegParams().dispute_window)
    table.record(
        "LegMarketplace.settle[compute, heat credits, warm]", market.settle(trade_id, sender=hub_b)
    )
    table.record(
        "LegMarketplace.claimHeat[compute heat minted to the hub, warm]",
        market.claimHeat(trade_id, sender=hub_a),
    )
    trade_id = _confirmed(market, hub_a, hub_b, heat_wh=0)
    _advance(LegParams().dispute_window)
    table.record(
        "LegMarketplace.settle[compute, no heat, warm]", market.settle(trade_id, sender=hub_b)
    )
    table.record(
        "LegMarketplace.withdraw[proceeds of two trades]", market.withdraw(1, sender=hub_a)
    )

    # Heat: hub A sells the credits its jobs earned.
    market.postOffer(HEAT, 8_000, 5 * CENT, sender=hub_a)
    receipt = market.postOrder(HEAT, 8_000, 6 * CENT, 0, 0, 0, ZONE, sender=company)
    trade_id = _trade_id(market, receipt)
    market.recordUsage(trade_id, 8_000, 0, sender=hub_a)
    market.confirm(trade_id, sender=company)
    _advance(LegParams().dispute_window)
    table.record(
        "LegMarketplace.settle[heat credits to buyer]", market.settle(trade_id, sender=company)
    )
    table.record(
        "LegMarketplace.claimHeat[bought credits to the buyer]",
        market.claimHeat(trade_id, sender=company),
    )

    # Pending trade cancelled by its seller.
    market.postOffer(COMPUTE, 10_000, 15 * CENT, sender=hub_a)
    trade_id = _trade_id(
        market, market.postOrder(COMPUTE, 10_000, 20 * CENT, 0, 0, 0, ZONE, sender=hub_b)
    )
    table.record("LegMarketplace.cancelTrade[seller]", market.cancelTrade(trade_id, sender=hub_a))

    # Scenario 2: storage, 1 TB for 12 months.
    market.postOffer(STORAGE, 2_000, 5 * CENT, sender=hub_a)
    trade_id = _trade_id(
        market, market.postOrder(STORAGE, 1_000, 10 * CENT, 12, 0, 0, ZONE, sender=company)
    )
    market.recordUsage(trade_id, 1_000, 0, sender=hub_a)
    market.confirm(trade_id, sender=company)
    _advance(MONTH)
    table.record(
        "LegMarketplace.billStorage[one month]", market.billStorage(trade_id, sender=hub_a)
    )
    _advance(MONTH)
    table.record(
        "LegMarketplace.billStorage[one month, warm]", market.billStorage(trade_id, sender=hub_a)
    )
    _advance(3 * MONTH)
    table.record(
        "LegMarketplace.billStorage[three months at once]",
        market.billStorage(trade_id, sender=hub_a),
    )
    table.record(
        "LegMarketplace.cancelStorage[notice]", market.cancelStorage(trade_id, sender=company)
    )
    _advance(2 * MONTH)
    table.record(
        "LegMarketplace.billStorage[last month, settles and refunds]",
        market.billStorage(trade_id, sender=hub_a),
    )

    # Disputes.
    trade_id = _confirmed(market, hub_a, hub_b)
    table.record("LegMarketplace.openDispute[bond]", market.openDispute(trade_id, sender=hub_b))
    table.record(
        "LegMarketplace.concedeDispute[buyer refunded]",
        market.concedeDispute(trade_id, sender=hub_a),
    )
    trade_id = _confirmed(market, hub_c, hub_b)
    market.openDispute(trade_id, sender=hub_b)
    table.record(
        "LegMarketplace.escalateDispute[bond]", market.escalateDispute(trade_id, sender=hub_c)
    )
    table.record(
        "LegMarketplace.arbitrate[seller wins, settles]",
        market.arbitrate(trade_id, False, sender=admin),
    )
    trade_id = _confirmed(market, hub_c, hub_b)
    market.openDispute(trade_id, sender=hub_b)
    _advance(LegParams().response_window)
    table.record(
        "LegMarketplace.resolveDisputeByTimeout[seller silent]",
        market.resolveDisputeByTimeout(trade_id, sender=hub_b),
    )

    # Governance.
    table.record(
        "LegMarketplace.setParams[fee 2 %]",
        market.setParams((200, *LegParams().as_tuple()[1:]), sender=admin),
    )
    table.record("LegMarketplace.setTreasury[update]", market.setTreasury(treasury, sender=admin))

    # Heat credit token.
    heat.grantRole(heat.MINTER_ROLE(), admin, sender=admin)
    table.record("HeatCredit.mint[new holder]", heat.mint(admin, 1_000, 0, sender=admin))
    table.record("HeatCredit.transfer[existing holder]", heat.transfer(hub_a, 100, sender=company))
    table.record("HeatCredit.approve[new allowance]", heat.approve(hub_b, 500, sender=company))
    table.record(
        "HeatCredit.transferFrom[finite allowance]",
        heat.transferFrom(company, hub_b, 100, sender=hub_b),
    )

    _match_cost(table, market, company, hub_a, registry)


def _match_cost(table: GasTable, market: Any, buyer: Any, seller: Any, registry: Any) -> None:
    """Matching with 1, 100 and 1,000 resting offers (one hub each, over 50 price levels from
    0.30 WATT/kWh): ``matchOrder`` of a resting order once a cheaper offer (``seller``'s, 0.28)
    arrived, and ``postOrder`` matching the cheapest resting offer at once. Both take part of an
    offer, so each size measures the same kind of fill."""
    filler = buyer.deploy(project.LegOfferFiller)
    resting = 1  # seller's offer, posted (again) before each match
    for size in BOOK_SIZES:
        while resting < size:
            batch = min(FILL_BATCH, size - resting)
            filler.fill(registry, market, batch, 100_000, 30 * CENT, CENT // 10, 50, sender=buyer)
            resting += batch
        previous = market.offerOf(1, COMPUTE)
        if previous:
            market.cancelOffer(previous, sender=seller)
        order_id = _order_id(
            market, market.postOrder(COMPUTE, 1_000, 29 * CENT, 0, 0, 0, ZONE, sender=buyer)
        )
        market.postOffer(COMPUTE, 900_000, 28 * CENT, sender=seller)
        table.record(
            f"LegMarketplace.matchOrder[{size} resting offers]",
            market.matchOrder(order_id, sender=buyer),
        )
        table.record(
            f"LegMarketplace.postOrder[matched at once, {size} resting offers]",
            market.postOrder(COMPUTE, 1_000, 40 * CENT, 0, 0, 0, ZONE, sender=buyer),
        )
