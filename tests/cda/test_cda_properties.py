"""Hypothesis: random order flows on the CDA match the Python reference, trade by trade.

Each example (on a chain snapshot) opens a fresh slot with four traders in three grid zones and
a fee table, plays random limit/IOC orders on five neighbouring ticks, random cancels and
makers' claims before gate closure, then
checks: every take's trades equal the reference (price-time priority with the zone rule, trades
at the resting price, so no trade through a better resting price and every fill within both
limits); the book equals the reference; after the CDA's gate closure and the makers' claims,
bought == sold, each position equals the reference, the sold Wh stay encumbered as delivery
obligations (and nothing else); money is conserved: the traders' WATT plus their internal
balances on the CDA plus the zones' grid fees equal the WATT they started with, and once every
internal balance is withdrawn the CDA holds exactly the zones' grid fees: nothing stuck.
"""

from __future__ import annotations

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from gridset.chain_time import advance_to, next_slot_start
from gridset.reference.cda import RefBook

from .conftest import PARAMS, price

TRADERS = ("alice", "bob", "carol", "dave")
ZONES = {"alice": 1, "bob": 2, "carol": 1, "dave": 0}
FEES = {(1, 1): 100, (2, 2): 200, (1, 2): 500, (0, 1): 150, (0, 2): 300}
ops = st.lists(
    st.tuples(
        st.sampled_from(["place", "place", "place", "cancel", "claim"]),
        st.sampled_from(TRADERS),
        st.booleans(),
        st.integers(0, 4),
        st.integers(10, 300),
        st.sampled_from([False, False, True]),
        st.integers(0, 50),
    ),
    min_size=4,
    max_size=14,
)
SETTINGS = settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],
)


def _trades(cda, tx) -> list[tuple[int, int, int, int, int, int]]:
    return [
        (e.price, e.makerZone, e.takerZone, e.quantity, e.value, e.gridFee)
        for e in tx.events.filter(cda.Traded)
    ]


@SETTINGS
@given(flow=ops)
def test_random_flow__matches_reference_and_nothing_stuck(
    isolated, chain, cda, deployer, market, watt, vault, alice, bob, carol, dave, flow
):
    accounts = dict(zip(TRADERS, (alice, bob, carol, dave), strict=True))
    with isolated():
        for trader, zone in ZONES.items():
            cda.setZone(accounts[trader], zone, sender=deployer)
        for (a, b), bps in sorted(FEES.items(), key=lambda kv: kv[0][0] != kv[0][1]):
            cda.setZoneFee(a, b, bps, sender=deployer)
        slot = next_slot_start(chain.pending_timestamp + 3600, 900)
        advance_to(chain, slot - market.gateClosureLead())
        ref = RefBook(fees=dict(FEES), zones=dict(ZONES))
        money_in = sum(watt.balanceOf(a) for a in accounts.values())
        chain_ids: dict[int, int] = {}  # reference order id -> chain order id
        owners: dict[int, str] = {}
        bought = dict.fromkeys(TRADERS, 0)
        sold = dict.fromkeys(TRADERS, 0)
        for kind, trader, is_bid, tick, wh, ioc, pick in flow:
            live = [o for o in ref.orders if o.quantity > 0]
            if kind == "cancel" and live:
                order = live[pick % len(live)]
                cda.cancelOrder(chain_ids[order.order_id], sender=accounts[order.trader])
                ref.cancel(order)
                continue
            if kind == "claim":
                # Makers' partial claims before gate closure (anyone may claim; skips the rest).
                if chain_ids:
                    ids = sorted(chain_ids.values())
                    cda.claimMany(ids[pick % len(ids) :], sender=deployer)
                continue
            tick = tick + (1 if is_bid else 0)  # bids one tick up: books cross often
            tx = cda.placeOrder(slot, is_bid, price(tick), wh, ioc, sender=accounts[trader])
            resting, trades = ref.place(trader, is_bid, price(tick), wh, ioc)
            assert _trades(cda, tx) == [
                (t.price, t.maker_zone, t.taker_zone, t.quantity, t.value, t.grid_fee)
                for t in trades
            ]
            for t in trades:
                # Within both limits: the taker's limit and the resting price.
                assert t.price <= price(tick) if is_bid else t.price >= price(tick)
            filled = sum(t.quantity for t in trades)
            (bought if is_bid else sold)[trader] += filled
            if resting:
                placed = tx.events.filter(cda.OrderPlaced)[0]
                chain_ids[resting.order_id] = placed.orderId
                owners[placed.orderId] = trader
        assert [tuple(level) for level in cda.getBook(slot, True)] == ref.levels(True)
        assert [tuple(level) for level in cda.getBook(slot, False)] == ref.levels(False)

        advance_to(chain, slot - PARAMS.cda_gate_lead)
        if chain_ids:
            cda.claimMany(list(chain_ids.values()), sender=deployer)
        for order in ref.orders:
            (bought if order.is_bid else sold)[order.trader] += order.filled
        cpw = PARAMS.collateral_per_kwh // 1000
        for name, account in accounts.items():
            position = cda.getPosition(slot, account)
            assert (position.bought, position.sold, position.openOrders) == (
                bought[name],
                sold[name],
                0,
            )
            assert vault.encumberedStake(account) == sold[name] * cpw
        assert sum(bought.values()) == sum(sold.values())
        fees = [cda.gridFeesOf(zone) for zone in range(3)]
        assert fees == [ref.zone_fees.get(zone, 0) for zone in range(3)]
        owed = {name: cda.internalBalanceOf(account) for name, account in accounts.items()}
        assert (
            sum(watt.balanceOf(a) for a in accounts.values()) + sum(owed.values()) + sum(fees)
            == money_in
        )
        assert watt.balanceOf(cda) == sum(fees) + sum(owed.values())
        for name, amount in owed.items():
            if amount:
                cda.withdraw(amount, sender=accounts[name])
        assert sum(watt.balanceOf(a) for a in accounts.values()) + sum(fees) == money_in
        assert watt.balanceOf(cda) == sum(fees)
