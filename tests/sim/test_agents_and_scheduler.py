"""Trading agents' order rules and the event scheduler's ordering (pure Python)."""

import numpy as np
import pytest

from gridset.sim.agents import Tariffs, slot_orders, snap_to_grid
from gridset.sim.scheduler import Event, run_events
from gridset.units import WATT

FLOOR, TICK = 50 * WATT // 1000, 2 * WATT // 1000
TARIFFS = Tariffs()


@pytest.mark.parametrize(
    ("price", "expected"),
    [(FLOOR, FLOOR), (FLOOR + TICK // 2 - 1, FLOOR), (FLOOR + TICK, FLOOR + TICK), (0, FLOOR)],
)
def test_snap_to_grid__nearest_tick_within_grid(price, expected):
    assert snap_to_grid(price, FLOOR, TICK) == expected


def test_snap_to_grid__above_top__top_tick():
    assert snap_to_grid(10**30, FLOOR, TICK) == FLOOR + 255 * TICK


def test_slot_orders__no_forecast_surplus__no_orders():
    net = np.array([-500, -20, 5])  # the only surplus is below the minimum order
    assert slot_orders(net, np.random.default_rng(1), TARIFFS, FLOOR, TICK, 10) == []


def test_slot_orders__surplus_and_deficits__asks_and_bids_within_tariffs():
    net = np.array([800, -300, -5, 0, 40])
    orders = slot_orders(net, np.random.default_rng(1), TARIFFS, FLOOR, TICK, 10)
    assert [(o.household, o.is_bid, o.quantity_wh) for o in orders] == [
        (0, False, 800),
        (1, True, 300),
        (4, False, 40),
    ]
    for order in orders:
        assert (order.price - FLOOR) % TICK == 0
        assert TARIFFS.feed_in - TICK <= order.price <= TARIFFS.retail + TICK
    spread = TARIFFS.retail - TARIFFS.feed_in
    asks = [o.price for o in orders if not o.is_bid]
    assert all(p <= TARIFFS.feed_in + spread // 4 + TICK for p in asks)


def test_slot_orders__same_seed__same_orders():
    net = np.array([600, -250, -400, 90])
    first = slot_orders(net, np.random.default_rng(7), TARIFFS, FLOOR, TICK, 10)
    second = slot_orders(net, np.random.default_rng(7), TARIFFS, FLOOR, TICK, 10)
    assert first == second


def test_run_events__time_then_rank_order_and_chain_time_moves_forward(chain):
    start, seen = chain.pending_timestamp, []

    def note(label):
        return lambda: seen.append((label, chain.pending_timestamp - start))

    events = [
        Event(start + 300, 20, 0, "clear", note("clear")),
        Event(start + 200, 10, 1, "orders-1", note("orders-1")),
        Event(start + 300, 10, 0, "orders-0", note("orders-0")),
        Event(start - 50, 10, 2, "overdue", note("overdue")),
    ]
    assert run_events(chain, events) == 4
    # An overdue event runs at once; chain time never moves back.
    assert seen == [("overdue", 0), ("orders-1", 200), ("orders-0", 300), ("clear", 300)]
