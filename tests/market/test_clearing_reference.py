"""gridset.reference.clearing: the Python reference of the clearing rule (no chain needed), on the
contract's band and on signed bands with negative prices (issue 12)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gridset.reference.clearing import (
    N_TICKS,
    Band,
    BookOrder,
    CashFlow,
    Clearing,
    cash_flows,
    clear,
    clear_orders,
    demand_supply,
    levels,
    order_fills,
    price_of,
    tick_of,
)


def _book(*orders: tuple[bool, int, int]) -> dict[int, BookOrder]:
    return {i: BookOrder(*o) for i, o in enumerate(orders)}


def test_clear__crossing_book__max_volume_then_least_imbalance_at_one_tick():
    # D(20) = 1000, S(20) = 1100: the only tick where 1000 Wh match.
    book = _book(
        (False, 10, 600), (False, 20, 200), (False, 20, 300), (False, 40, 100),
        (True, 30, 400), (True, 5, 100), (True, 20, 600),
    )  # fmt: skip
    assert clear_orders(book.values()) == Clearing(1000, 20, 20, 600, 20, 400)


@pytest.mark.parametrize(("ask", "bid", "tick"), [(10, 20, 15), (10, 13, 11), (0, 255, 127)])
def test_clear__tie_over_a_range__middle_tick_rounded_down(ask, bid, tick):
    result = clear_orders([BookOrder(False, ask, 500), BookOrder(True, bid, 500)])
    assert (result.volume, result.clearing_tick) == (500, tick)


def test_clear__least_imbalance_narrows_the_range():
    book = [BookOrder(False, 10, 300), BookOrder(True, 20, 300), BookOrder(True, 14, 200)]
    assert clear_orders(book).clearing_tick == 17  # |D - S| = 0 only at ticks 15..20


@pytest.mark.parametrize(
    "book",
    [
        [],
        [BookOrder(True, 5, 100)],
        [BookOrder(False, 5, 100)],
        [BookOrder(False, 30, 100), BookOrder(True, 29, 100)],
    ],
)
def test_clear__nothing_crosses__empty_result(book):
    assert clear_orders(book) == Clearing()


def test_order_fills__marginal_level__sequential_pro_rata_sums_exactly():
    book = _book((False, 10, 100), (False, 10, 100), (False, 10, 100), (True, 10, 200))
    result = clear_orders(book.values())
    assert order_fills(book, result, [0, 1, 2, 3]) == {0: 66, 1: 67, 2: 67, 3: 200}
    assert order_fills(book, result, [2, 3, 1, 0]) == {2: 66, 3: 200, 1: 67, 0: 67}


def test_order_fills__price_priority_outside_the_marginal_tick():
    book = _book((True, 30, 400), (True, 5, 100), (False, 40, 100), (False, 10, 600),
                 (False, 20, 500), (True, 20, 600))  # fmt: skip
    fills = order_fills(book, clear_orders(book.values()), range(6))
    assert fills == {0: 400, 1: 0, 2: 0, 3: 600, 4: 400, 5: 600}


def test_order_fills__nothing_matched__all_zero():
    book = _book((False, 30, 100), (True, 29, 100))
    assert order_fills(book, clear_orders(book.values()), [1, 0]) == {1: 0, 0: 0}


def test_order_fills__sequence_not_a_permutation__raises():
    book = _book((False, 10, 100), (True, 10, 100))
    with pytest.raises(ValueError, match="exactly once"):
        order_fills(book, clear_orders(book.values()), [0, 0])


@pytest.mark.parametrize("order", [BookOrder(True, 256, 10), BookOrder(False, -1, 10),
                                   BookOrder(True, 0, 0)])  # fmt: skip
def test_levels__invalid_order__raises(order):
    with pytest.raises(ValueError, match="invalid order"):
        levels([order])


def test_clear__wrong_book_shape_or_negative__raises():
    with pytest.raises(ValueError, match="256 ticks"):
        clear([0] * 10, [0] * N_TICKS)
    with pytest.raises(ValueError, match="negative"):
        clear([-1] + [0] * 255, [0] * N_TICKS)


def test_price_and_tick__round_trip_and_off_grid():
    floor, tick = 50 * 10**15, 2 * 10**15
    assert price_of(20, floor, tick) == 90 * 10**15
    assert tick_of(90 * 10**15, floor, tick) == 20
    for off_grid in (floor - tick, floor + 1, floor + 256 * tick):
        with pytest.raises(ValueError, match="not on the grid"):
            tick_of(off_grid, floor, tick)


# ---------------------------------------------------------------- signed bands (issue 12)

#: The day-ahead band of issue 12 at 0.0001 WATT/kWh: -0.50 .. +4.00 per kWh.
TICK = 10**14
DAY_AHEAD = Band(-5_000, 40_000)
SMALL = Band(-12, 12)
signed_orders = st.lists(
    st.builds(BookOrder, st.booleans(), st.integers(SMALL.lo, SMALL.hi), st.integers(1, 500)),
    max_size=14,
)


def test_clear__midday_surplus_below_zero__negative_price_sellers_pay_buyers_paid():
    # Surplus offered at -0.05 and -0.01 WATT/kWh; a battery bids for 600 Wh down to -0.03.
    book = _book((False, -500, 400), (False, -100, 400), (True, -300, 600))
    result = clear_orders(book.values(), DAY_AHEAD)
    assert result == Clearing(400, -400, -300, 400, -500, 400)
    fills = order_fills(book, result, [0, 1, 2])
    assert fills == {0: 400, 1: 0, 2: 400}
    flows = cash_flows(book, fills, result, 0, TICK)
    price = price_of(-400, 0, TICK)  # -0.04 WATT/kWh
    # The first seller escrowed 400 Wh x 0.05 and pays 400 Wh x 0.04; the buyer escrowed nothing
    # and is paid 400 Wh x 0.04; the unfilled ask gets its escrow back.
    assert flows[0] == CashFlow(400 * 5 * 10**16 // 1000, 400 * (5 * 10**16 + price) // 1000)
    assert flows[1] == CashFlow(400 * 10**16 // 1000, 400 * 10**16 // 1000)
    assert flows[2] == CashFlow(0, -400 * price // 1000)


def test_clear__day_ahead_band_top_and_bottom__clears_at_the_edges():
    book = [BookOrder(False, DAY_AHEAD.lo, 100), BookOrder(True, DAY_AHEAD.hi, 100)]
    result = clear_orders(book, DAY_AHEAD)
    assert (result.volume, result.clearing_tick) == (100, (DAY_AHEAD.lo + DAY_AHEAD.hi) // 2)


def test_levels_and_tick_of__outside_the_band__raise():
    with pytest.raises(ValueError, match="invalid order"):
        levels([BookOrder(True, SMALL.hi + 1, 10)], SMALL)
    with pytest.raises(ValueError, match="not on the grid"):
        tick_of(-(SMALL.lo - 1) * -TICK, 0, TICK, SMALL)
    assert tick_of(-5 * 10**17, 0, TICK, DAY_AHEAD) == DAY_AHEAD.lo


def test_cash_flows__price_not_a_multiple_of_1000__raises():
    book = _book((False, 0, 10), (True, 1, 10))
    result = clear_orders(book.values())
    with pytest.raises(ValueError, match="multiples of 1000"):
        cash_flows(book, order_fills(book, result, [0, 1]), result, 0, 1_500)


@settings(max_examples=100, deadline=None)
@given(signed_orders)
def test_signed_book__same_rule_as_the_shifted_contract_band(orders):
    shift = -SMALL.lo  # the contract's band 0..24 holds the same book
    shifted = [BookOrder(o.is_bid, o.tick + shift, o.quantity) for o in orders]
    signed, unsigned = clear_orders(orders, SMALL), clear_orders(shifted, Band(0, len(SMALL) - 1))
    if signed.volume == 0:
        assert unsigned == signed == Clearing()
        return
    assert signed == Clearing(
        unsigned.volume,
        unsigned.clearing_tick - shift,
        unsigned.marginal_bid_tick - shift,
        unsigned.marginal_bid_fill,
        unsigned.marginal_ask_tick - shift,
        unsigned.marginal_ask_fill,
    )


@settings(max_examples=100, deadline=None)
@given(signed_orders, st.randoms(use_true_random=False))
def test_signed_book__uniform_price_properties_and_money_conserved(orders, rnd):
    book = dict(enumerate(orders))
    result = clear_orders(orders, SMALL)
    demand, supply = demand_supply(*levels(orders, SMALL))
    assert result.volume == max(min(d, s) for d, s in zip(demand, supply, strict=True))
    sequence = list(book)
    rnd.shuffle(sequence)
    fills = order_fills(book, result, sequence)
    for side in (True, False):
        assert sum(f for i, f in fills.items() if book[i].is_bid == side) == result.volume
    for i, fill in fills.items():
        if fill:  # no filled bid above p* nor filled ask below it, at either sign
            order = book[i]
            assert (
                order.tick >= result.clearing_tick
                if order.is_bid
                else order.tick <= result.clearing_tick
            )
    flows = cash_flows(book, fills, result, 0, TICK)
    assert sum(f.escrow for f in flows.values()) == sum(f.payout for f in flows.values())
    for i, flow in flows.items():
        assert flow.payout >= 0  # nobody owes more than it escrowed at its own limit
        order, limit = book[i], price_of(book[i].tick, 0, TICK)
        net = flow.payout - flow.escrow  # received (+) or paid (-)
        if order.is_bid:
            assert -net <= fills[i] * limit // 1000  # pays at most its limit
        else:
            assert net >= fills[i] * limit // 1000  # receives at least its limit
