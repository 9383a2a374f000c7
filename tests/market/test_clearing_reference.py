"""gridset.market.clearing: the Python reference of the clearing rule (no chain needed)."""

from __future__ import annotations

import pytest

from gridset.market.clearing import (
    N_TICKS,
    BookOrder,
    Clearing,
    clear,
    clear_orders,
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
