"""Python reference of EnergyMarket's clearing rule (one sealed batch auction per slot).

The book of a slot lives on a grid of ``N_TICKS`` = 256 price ticks (price = floor + i * tick).
With D(t) = bid quantity at ticks >= t and S(t) = ask quantity at ticks <= t (Wh):

1. the matched volume V(t) = min(D(t), S(t)); the clearing tick maximises V;
2. among the maximisers it minimises the imbalance |D(t) - S(t)|;
3. among those (a contiguous range of ticks) it takes the middle one, rounded down.

Fills follow price priority: bids from the highest tick down, asks from the lowest tick up, until
V; the tick where a side reaches V is its *marginal* tick and the only one of that side that can
be rationed. The marginal tick's orders share what is left for it (``marginal_*_fill``) by
sequential pro rata in the order they are claimed: each takes
``quantity * fill_left // quantity_left`` and the last one takes what is left, so the fills of a
level sum exactly. Nothing matches (V = 0) when no bid is priced at or above an ask.

This module scans all 256 ticks directly (the contract visits only occupied ticks and the gaps
between them); both must agree, which the property tests check on random books.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

N_TICKS = 256


@dataclass(frozen=True)
class Clearing:
    """Outcome of clearing one book. All ticks are 0..255; quantities are Wh.

    Attributes:
        volume: matched volume V (0 if nothing matches; then every other field is 0).
        clearing_tick: tick of the uniform clearing price p*.
        marginal_bid_tick: lowest tick with filled bids; bids above it fill completely.
        marginal_bid_fill: what the marginal bid tick's orders share.
        marginal_ask_tick: highest tick with filled asks; asks below it fill completely.
        marginal_ask_fill: what the marginal ask tick's orders share.
    """

    volume: int = 0
    clearing_tick: int = 0
    marginal_bid_tick: int = 0
    marginal_bid_fill: int = 0
    marginal_ask_tick: int = 0
    marginal_ask_fill: int = 0


@dataclass(frozen=True)
class BookOrder:
    """A live order of the book: ``quantity`` Wh at ``tick``; ``is_bid`` for bids."""

    is_bid: bool
    tick: int
    quantity: int


def levels(orders: Iterable[BookOrder]) -> tuple[list[int], list[int]]:
    """Aggregate ``orders`` into bid and ask quantity per tick (two lists of ``N_TICKS``).

    Raises:
        ValueError: a tick outside 0..255 or a non-positive quantity.
    """
    bids, asks = [0] * N_TICKS, [0] * N_TICKS
    for order in orders:
        if not 0 <= order.tick < N_TICKS or order.quantity <= 0:
            raise ValueError(f"invalid order {order}")
        (bids if order.is_bid else asks)[order.tick] += order.quantity
    return bids, asks


def demand_supply(bids: Sequence[int], asks: Sequence[int]) -> tuple[list[int], list[int]]:
    """Return D(t) (bids at ticks >= t) and S(t) (asks at ticks <= t) for every tick."""
    demand, supply = [0] * N_TICKS, [0] * N_TICKS
    running = 0
    for t in reversed(range(N_TICKS)):
        running += bids[t]
        demand[t] = running
    running = 0
    for t in range(N_TICKS):
        running += asks[t]
        supply[t] = running
    return demand, supply


def clear(bids: Sequence[int], asks: Sequence[int]) -> Clearing:
    """Clear a book given as bid and ask quantity (Wh) per tick (sequences of ``N_TICKS``).

    Raises:
        ValueError: the sequences do not have ``N_TICKS`` entries or hold negative quantities.
    """
    if len(bids) != N_TICKS or len(asks) != N_TICKS:
        raise ValueError(f"a book has {N_TICKS} ticks per side")
    if min(bids) < 0 or min(asks) < 0:
        raise ValueError("negative quantity in the book")
    demand, supply = demand_supply(bids, asks)
    volume = max(min(d, s) for d, s in zip(demand, supply, strict=True))
    if volume == 0:
        return Clearing()
    best = [t for t in range(N_TICKS) if min(demand[t], supply[t]) == volume]
    least = min(abs(demand[t] - supply[t]) for t in best)
    chosen = [t for t in best if abs(demand[t] - supply[t]) == least]
    lo, hi = chosen[0], chosen[-1]
    if chosen != list(range(lo, hi + 1)):  # cannot happen: D falls and S rises with t
        raise AssertionError(f"optimal ticks not contiguous: {chosen}")
    bid_tick, bid_fill = _marginal(bids, reversed(range(N_TICKS)), volume)
    ask_tick, ask_fill = _marginal(asks, range(N_TICKS), volume)
    return Clearing(volume, lo + (hi - lo) // 2, bid_tick, bid_fill, ask_tick, ask_fill)


def _marginal(quantities: Sequence[int], ticks: Iterable[int], volume: int) -> tuple[int, int]:
    filled = 0
    for t in ticks:
        if quantities[t] and filled + quantities[t] >= volume:
            return t, volume - filled
        filled += quantities[t]
    raise AssertionError("volume exceeds the side's quantity")


def clear_orders(orders: Iterable[BookOrder]) -> Clearing:
    """Clear a book given as live orders."""
    return clear(*levels(orders))


def order_fills(
    orders: Mapping[int, BookOrder], result: Clearing, claim_sequence: Iterable[int]
) -> dict[int, int]:
    """Fill (Wh) of each live order when the orders are claimed in ``claim_sequence``.

    Args:
        orders: the live orders of the book by id (cancelled orders excluded).
        result: ``clear_orders(orders.values())``.
        claim_sequence: every id of ``orders`` once, in claim order (it matters only for the
            sequential pro rata at the marginal ticks).

    Raises:
        ValueError: ``claim_sequence`` is not a permutation of the order ids.
    """
    sequence = list(claim_sequence)
    if sorted(sequence) != sorted(orders):
        raise ValueError("claim_sequence must list every order id exactly once")
    if result.volume == 0:
        return dict.fromkeys(sequence, 0)
    share_left = {True: result.marginal_bid_fill, False: result.marginal_ask_fill}
    marginal = {True: result.marginal_bid_tick, False: result.marginal_ask_tick}
    qty_left = {
        side: sum(o.quantity for o in orders.values() if o.is_bid == side and o.tick == tick)
        for side, tick in marginal.items()
    }
    fills = {}
    for order_id in sequence:
        order = orders[order_id]
        side, tick = order.is_bid, marginal[order.is_bid]
        if order.tick != tick:
            in_the_money = order.tick > tick if side else order.tick < tick
            fills[order_id] = order.quantity if in_the_money else 0
            continue
        left, qty = share_left[side], qty_left[side]
        fill = left if order.quantity == qty else order.quantity * left // qty
        share_left[side], qty_left[side] = left - fill, qty - order.quantity
        fills[order_id] = fill
    return fills


def price_of(tick: int, price_floor: int, tick_size: int) -> int:
    """Price of ``tick`` on the grid, payment-token base units per kWh."""
    return price_floor + tick * tick_size


def tick_of(price: int, price_floor: int, tick_size: int) -> int:
    """Tick of a grid ``price``.

    Raises:
        ValueError: ``price`` is not on the grid.
    """
    offset = price - price_floor
    if offset < 0 or offset % tick_size or offset // tick_size >= N_TICKS:
        raise ValueError(f"price {price} is not on the grid ({price_floor} + i * {tick_size})")
    return offset // tick_size
