"""Hypothesis: random books and random whole slots on chain.

1. Random books (up to 12 orders on a few neighbouring ticks, some cancelled, claimed in a random
   order): the on-chain clearing equals the reference (gridset.reference.clearing) order by order,
   and independently satisfies the uniform-price properties: the volume is the maximum over all
   ticks, every filled bid is priced at or above p* and every filled ask at or below it, fills sum
   to the volume on both sides, only one level per side is rationed (and at most one side), and
   refunds/releases are exactly the unfilled or overpaid part.
2. Random whole slots (orders of four traders, random production of the three with panels,
   settlement by keepers in a random order): money and energy are conserved (traders' WATT and
   stake plus the treasury unchanged, the treasury gaining exactly the fees), credits minted equal
   verified production, and nothing stays escrowed, encumbered, pooled or held; every trader's
   outcome equals a model of the documented settlement rule.
3. Relayed order entry (OrderRelay): signed orders, replays, reorders and expired signatures in
   any order over two batches: placed exactly as a model of the order-index rule says, escrow and
   encumbered stake conserved.

Each example runs on a chain snapshot (``isolated``); examples are few to keep the suite fast.
"""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st

from gridset.deploy.params import SettlementParams
from gridset.market.relay import OrderRequest, sign_order
from gridset.reference.clearing import BookOrder, clear_orders, order_fills

SP = SettlementParams()
TRADERS = ("alice", "bob", "carol", "dave")  # alice, bob, carol have a panel
quantities = st.one_of(st.sampled_from([100, 200, 300]), st.integers(10, 500))
cancelled = st.sampled_from([False, False, False, True])  # a quarter of the orders
orders = st.tuples(
    st.sampled_from(TRADERS), st.booleans(), st.integers(0, 4), quantities, cancelled
)
SETTINGS = settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],  # no slow "explain"
)


@dataclass(frozen=True)
class Placed:
    trader: str
    order: BookOrder


def _place(driver, accounts, slot, spec, base_tick) -> dict[int, Placed]:
    placed = {}
    for trader, is_bid, offset, wh, _ in spec:
        tick = base_tick + offset + is_bid  # bids one tick up: books that cross are common
        place = driver.bid if is_bid else driver.ask
        placed[place(accounts[trader], slot, tick, wh)] = Placed(
            trader, BookOrder(is_bid, tick, wh)
        )
    return placed


@SETTINGS
@given(
    spec=st.lists(orders, min_size=1, max_size=12),
    base_tick=st.integers(0, 250),
    data=st.data(),
)
def test_random_book__clearing_matches_reference_and_uniform_price_properties(
    isolated, driver, market, alice, bob, carol, dave, spec, base_tick, data
):
    accounts = dict(zip(TRADERS, (alice, bob, carol, dave), strict=True))
    with isolated():
        slot = driver.next_slot()
        placed = _place(driver, accounts, slot, spec, base_tick)
        for (order_id, p), (*_, cancel) in zip(placed.items(), spec, strict=True):
            if cancel:
                market.cancelOrder(order_id, sender=accounts[p.trader])
        live = {i: p.order for (i, p), s in zip(placed.items(), spec, strict=True) if not s[4]}
        cleared = driver.clear(slot).events[0]
        sequence = data.draw(st.permutations(sorted(live)), label="claim order")
        filled = driver.claim(sequence)[0].events.filter(market.OrderFilled) if live else []
        escrow = market.escrowOf(slot)

    reference = clear_orders(live.values())
    event("traded" if reference.volume else "nothing matched")
    price = driver.price(reference.clearing_tick) if reference.volume else 0
    assert (cleared.clearingPrice, cleared.totalQuantity) == (price, reference.volume)
    fills = {int(e.orderId): int(e.filledQuantity) for e in filled}
    assert fills == order_fills(live, reference, sequence)

    # The uniform-price properties, checked from the book alone.
    volume = int(cleared.totalQuantity)
    ticks = range(256)
    demand = [sum(o.quantity for o in live.values() if o.is_bid and o.tick >= t) for t in ticks]
    supply = [sum(o.quantity for o in live.values() if not o.is_bid and o.tick <= t) for t in ticks]
    assert volume == max(min(d, s) for d, s in zip(demand, supply, strict=True))
    bids = [(o, fills[i]) for i, o in live.items() if o.is_bid]
    asks = [(o, fills[i]) for i, o in live.items() if not o.is_bid]
    assert sum(f for _, f in bids) == volume == sum(f for _, f in asks)
    if volume:
        p_tick = (int(cleared.clearingPrice) - driver.price_floor) // driver.tick_size
        assert all(o.tick >= p_tick for o, f in bids if f)
        assert all(o.tick <= p_tick for o, f in asks if f)
    rationed = [{o.tick for o, f in side if 0 < f < o.quantity} for side in (bids, asks)]
    assert all(len(levels) <= 1 for levels in rationed)
    assert not (rationed[0] and rationed[1])
    for side, better in ((bids, int.__gt__), (asks, int.__lt__)):
        for o, f in side:  # price priority: a better-priced order fills before any worse one
            assert all(f == o.quantity for o2, f2 in side if better(o.tick, o2.tick) and f2)
    # Refunds and releases: exactly what the fill does not use.
    unit, stake_unit = int(cleared.clearingPrice) // 1000, driver.collateral_per_kwh // 1000
    for e in filled:
        o = live[int(e.orderId)]
        if o.is_bid:
            expected = o.quantity * driver.price(o.tick) // 1000 - e.filledQuantity * unit
        else:
            expected = (o.quantity - e.filledQuantity) * stake_unit
        assert e.refunded == expected
    assert escrow == volume * unit


# ---------------------------------------------------------------- whole slots


def _settlement_model(live, owners, fills, price, production, keeper_order, pp, fee_bps, coll):
    """Per-trader (WATT, stake, credits) change and the fees, by the documented rule."""
    unit, stake_unit = price // 1000, coll // 1000
    sold = {t: 0 for t in TRADERS}
    bought = dict(sold)
    for order_id, order in live.items():
        (bought if order.is_bid else sold)[owners[order_id]] += fills[order_id]
    delta = {t: [0, 0, 0] for t in TRADERS}
    fees = pool = delivered_total = 0
    sellers = {t for t in TRADERS if sold[t]}
    done, buyer_order = set(), []
    for trader in keeper_order + keeper_order:  # two keeper passes over the same list
        if trader not in done and (sold[trader] or production[trader]):
            delivered = min(sold[trader], production[trader])
            proceeds = delivered * unit
            fee = proceeds * fee_bps // 10_000
            short = sold[trader] - delivered
            penalty = min(short * (max(pp, price) // 1000), sold[trader] * stake_unit)
            delta[trader][0] += proceeds - fee
            delta[trader][1] -= penalty
            delta[trader][2] += production[trader] - delivered
            fees, pool, delivered_total = fees + fee, pool + penalty, delivered_total + delivered
        done.add(trader)
        if bought[trader] and trader not in buyer_order and sellers <= done:
            buyer_order.append(trader)
    bought_left, delivered_left = sum(bought.values()), delivered_total
    for trader in buyer_order:
        b = bought[trader]
        received = delivered_left if b == bought_left else b * delivered_left // bought_left
        short, short_left = b - received, bought_left - delivered_left
        share = 0 if not short else pool if short == short_left else short * pool // short_left
        bought_left, delivered_left, pool = bought_left - b, delivered_left - received, pool - share
        delta[trader][0] += share - received * unit
        delta[trader][2] += received
    return {t: tuple(v) for t, v in delta.items()}, fees


#: Random whole slots: up to 8 orders, production of the three traders with a panel.
slot_examples = given(
    spec=st.lists(orders, min_size=1, max_size=8),
    produced=st.tuples(*[st.one_of(st.just(0), st.integers(0, 1250))] * 3),
    data=st.data(),
)


def _open_slot(driver, market, accounts, spec) -> tuple[int, dict[int, Placed], dict]:
    """Place ``spec`` in the next slot and cancel the orders it marks; returns the slot, the
    placed orders and the live ones ``{order id: BookOrder}``."""
    slot = driver.next_slot()
    placed = _place(driver, accounts, slot, spec, 0)
    for (order_id, p), (*_, cancel) in zip(placed.items(), spec, strict=True):
        if cancel:
            market.cancelOrder(order_id, sender=accounts[p.trader])
    live = {i: p.order for (i, p), s in zip(placed.items(), spec, strict=True) if not s[4]}
    return slot, placed, live


def _expected(driver, placed, live, fills, price, production, keeper_order):
    """``_settlement_model`` at the deployed parameters for orders ``placed`` by name."""
    owners = {i: p.trader for i, p in placed.items()}
    return _settlement_model(
        live,
        owners,
        fills,
        price,
        production,
        list(keeper_order),
        SP.penalty_price_per_kwh,
        SP.fee_bps,
        driver.collateral_per_kwh,
    )


@SETTINGS
@slot_examples
def test_random_slot__money_and_energy_conserved_and_nothing_left(
    isolated,
    driver,
    market,
    settlement,
    vault,
    watt,
    token,
    panels,
    balances,
    nothing_left,
    alice,
    bob,
    carol,
    dave,
    spec,
    produced,
    data,
):
    accounts = dict(zip(TRADERS, (alice, bob, carol, dave), strict=True))
    production = dict(zip(TRADERS, (*produced, 0), strict=True))
    keeper_order = data.draw(st.permutations(TRADERS), label="keeper order")
    with isolated():
        before, supply = balances(), token.totalSupply()
        slot, placed, live = _open_slot(driver, market, accounts, spec)
        price = int(driver.clear(slot).events[0].clearingPrice)
        claims = driver.claim(live)[0].events.filter(market.OrderFilled) if live else []
        fills = {int(e.orderId): int(e.filledQuantity) for e in claims}
        driver.report(slot, {panels[accounts[t]]: production[t] for t in TRADERS[:3]})
        driver.finalize_oracle(slot)
        driver.open_settlement(slot)
        for _ in range(2):
            keepers = [accounts[t] for t in keeper_order]
            settlement.settleParticipants(slot, keepers, sender=driver.keeper)
        closed = settlement.finalizeTimeSlot(slot, sender=driver.keeper).events[0]
        after, minted = balances(), token.totalSupply() - supply
        nothing_left(slot)

    event("traded" if fills and any(fills.values()) else "nothing matched")
    expected, fees = _expected(driver, placed, live, fills, price, production, keeper_order)
    event("penalty" if any(v[1] for v in expected.values()) else "no penalty")
    change = {n: tuple(a - b for a, b in zip(after[n], before[n], strict=True)) for n in after}
    assert change == {**expected, "treasury": (fees, 0, 0)}
    # Conservation, independently of the model.
    assert int(closed.fees) == fees
    assert sum(change[t][0] + change[t][1] for t in TRADERS) == -fees
    assert minted == sum(production.values())
    assert sum(change[n][2] for n in change) == minted


# ---------------------------------------------------------------- relayed order entry
# Any mix of signed orders, replays, reorders and expired signatures, relayed in any order over
# two batches: exactly the entries a simple model accepts are placed (not expired, signed with the
# trader's next order index when relayed); every entry is placed or skipped; escrow is conserved
# (what left the traders = what the market holds for the slot = the placed bids' escrow) and the
# stake encumbered is the placed asks' collateral.

RELAY_TRADERS = ("alice", "bob", "carol")
relayed_entries = st.lists(
    st.tuples(
        st.sampled_from(RELAY_TRADERS),
        st.integers(0, 2),  # signed index
        st.booleans(),  # bid
        st.integers(0, 3),  # tick
        st.integers(10, 400),  # Wh
        st.sampled_from([False, False, False, True]),  # expired
    ),
    min_size=1,
    max_size=8,
)


@SETTINGS
@given(spec=relayed_entries, replays=st.lists(st.integers(0, 7), max_size=4), data=st.data())
def test_relayed_batches__any_replay_or_reorder__model_placed_and_escrow_conserved(
    spec,
    replays,
    data,
    relay,
    market,
    watt,
    vault,
    driver,
    chain,
    isolated,
    alice,
    bob,
    carol,
    dave,
):
    accounts = {"alice": alice, "bob": bob, "carol": carol}
    with isolated():
        slot = driver.next_slot()
        now = chain.pending_timestamp
        signed = []
        for trader, index, is_bid, tick, wh, expired in spec:
            deadline = now - 1 if expired else now + 3600
            request = OrderRequest(
                accounts[trader], slot, is_bid, driver.price(tick), wh, index, deadline
            )
            signed.append(
                ((trader, index, is_bid, tick, wh, expired), sign_order(relay, watt, request))
            )
        # Replays of earlier entries, then a random order, split over two batches.
        signed += [signed[i % len(signed)] for i in replays]
        order = data.draw(st.permutations(range(len(signed))))
        cut = data.draw(st.integers(1, len(signed)))
        batches = [[signed[i] for i in order[:cut]], [signed[i] for i in order[cut:]]]

        before = {t: watt.balanceOf(a) for t, a in accounts.items()}
        encumbered = {t: vault.encumberedStake(a) for t, a in accounts.items()}
        count = dict.fromkeys(RELAY_TRADERS, 0)
        expected, placed, skipped = [], [], 0
        for batch in batches:
            if not batch:
                continue
            for (trader, index, is_bid, tick, wh, expired), _ in batch:
                if not expired and index == count[trader]:
                    count[trader] += 1
                    expected.append((accounts[trader].address, is_bid, driver.price(tick), wh))
            tx = relay.placeOrders([entry for _, entry in batch], sender=dave)
            placed += [
                (e.trader, e.isBid, int(e.price), int(e.quantity))
                for e in tx.events.filter(market.OrderPlaced)
            ]
            skipped += len(tx.events.filter(relay.OrderSkipped))
            assert len(tx.events.filter(market.OrderPlaced)) + len(
                tx.events.filter(relay.OrderSkipped)
            ) == len(batch)

        assert placed == expected
        escrow = sum(wh * price // 1000 for _, is_bid, price, wh in placed if is_bid)
        paid = sum(before[t] - watt.balanceOf(a) for t, a in accounts.items())
        assert paid == escrow == market.escrowOf(slot)
        collateral = sum(
            wh * driver.collateral_per_kwh // 1000 for _, is_bid, _, wh in placed if not is_bid
        )
        grown = sum(vault.encumberedStake(a) - encumbered[t] for t, a in accounts.items())
        assert grown == collateral
        assert skipped == len(signed) - len(placed)
