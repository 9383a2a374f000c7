"""Trading agents: what each household bids or offers for a slot, from forecasts.

Prosumers offer their forecast surplus (forecast PV minus expected load) at a price near their
marginal cost (the feed-in tariff they would get from the grid, plus a small markup); households
short of energy bid for their forecast deficit up to a willingness to pay below the grid's retail
tariff. The grid tariffs bound all prices: nobody sells below feed-in or buys above retail.
Prices are snapped to the market's tick grid. Everything is drawn from seeded generators.
PV forecasts are public (weather), so when no household expects a surplus nobody places orders:
a bid into a book without sellers only costs gas (households then buy from the grid).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gridset.units import WATT


@dataclass(frozen=True)
class Tariffs:
    """Grid tariffs bounding the local market, payment-token base units per kWh.

    Attributes:
        feed_in: what the grid pays for exported energy (a seller's outside option).
        retail: what the grid charges for imported energy (a buyer's outside option).
    """

    feed_in: int = 80 * WATT // 1000  # 0.080 WATT/kWh
    retail: int = 320 * WATT // 1000  # 0.320 WATT/kWh


@dataclass(frozen=True)
class Order:
    """One order an agent wants placed: ``quantity_wh`` Wh at ``price`` base units per kWh."""

    household: int
    is_bid: bool
    price: int
    quantity_wh: int


def snap_to_grid(price: int, floor: int, tick: int, max_tick: int = 255) -> int:
    """Round ``price`` to the nearest price of the grid ``floor + i * tick``, i in 0..max_tick."""
    index = min(max(round((price - floor) / tick), 0), max_tick)
    return floor + index * tick


def slot_orders(
    forecast_net_wh: np.ndarray,
    rng: np.random.Generator,
    tariffs: Tariffs,
    floor: int,
    tick: int,
    min_order_wh: int,
) -> list[Order]:
    """Orders of all households for one slot.

    Args:
        forecast_net_wh: shape ``(n_households,)``, forecast production minus expected load, Wh.
        rng: the slot's generator (prices are drawn from it).
        tariffs: grid feed-in and retail tariffs (base units per kWh).
        floor: the market's lowest price; tick: its price step (base units per kWh).
        min_order_wh: the market's smallest order.

    Returns:
        No orders when no household's surplus reaches ``min_order_wh``. Otherwise an ask of the
        surplus for each household with surplus >= ``min_order_wh``, priced
        uniformly in [feed-in, feed-in + 25 % of the tariff spread]; a bid of the deficit for
        each household short by >= ``min_order_wh``, priced uniformly in [retail - 60 % of the
        spread, retail].
    """
    if not (forecast_net_wh >= min_order_wh).any():
        return []
    spread = tariffs.retail - tariffs.feed_in
    orders = []
    for household, net in enumerate(forecast_net_wh):
        quantity = abs(int(net))
        if quantity < min_order_wh:
            continue
        if net > 0:
            price = tariffs.feed_in + rng.uniform(0, 0.25) * spread
        else:
            price = tariffs.retail - rng.uniform(0, 0.60) * spread
        orders.append(Order(household, net < 0, snap_to_grid(int(price), floor, tick), quantity))
    return orders
