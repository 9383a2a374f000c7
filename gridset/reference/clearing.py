"""Python reference of EnergyMarket's clearing rule (one sealed batch auction per slot).

The book of a slot lives on a band of consecutive price ticks (price = floor + i * tick): the
contract's band is ``CONTRACT_BAND`` = ticks 0..255 (``N_TICKS`` = 256). The rule does not depend
on the band, so the reference also clears signed bands (e.g. the day-ahead band -5,000..40,000 at
0.0001 per kWh that issue 12 asks for), where ticks and prices may be negative.
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

Money at a signed clearing price (``cash_flows``): a bid escrows quantity x max(limit, 0), an
ask escrows quantity x max(-limit, 0) (what each may owe at its own limit); at p* buyers pay and
sellers receive fill x p*, so at a negative p* sellers pay and buyers are paid. Nobody ends below
zero and the escrows equal the payouts (conservation), whatever the signs.

This module scans every tick of the band directly (the contract visits only occupied ticks and
the gaps between them); both must agree, which the property tests check on random books.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

N_TICKS = 256


@dataclass(frozen=True)
class Band:
    """Consecutive ticks ``lo..hi`` (inclusive, signed)."""

    lo: int
    hi: int

    def __len__(self) -> int:
        return self.hi - self.lo + 1

    def __contains__(self, tick: object) -> bool:
        return isinstance(tick, int) and self.lo <= tick <= self.hi


#: The contract's band: ticks 0..255.
CONTRACT_BAND = Band(0, N_TICKS - 1)


@dataclass(frozen=True)
class Clearing:
    """Outcome of clearing one book. Ticks are the band's; quantities are Wh.

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


def levels(orders: Iterable[BookOrder], band: Band = CONTRACT_BAND) -> tuple[list[int], list[int]]:
    """Aggregate ``orders`` into bid and ask quantity per tick of ``band`` (two lists, index 0
    is ``band.lo``).

    Raises:
        ValueError: a tick outside the band or a non-positive quantity.
    """
    bids, asks = [0] * len(band), [0] * len(band)
    for order in orders:
        if order.tick not in band or order.quantity <= 0:
            raise ValueError(f"invalid order {order}")
        (bids if order.is_bid else asks)[order.tick - band.lo] += order.quantity
    return bids, asks


def demand_supply(bids: Sequence[int], asks: Sequence[int]) -> tuple[list[int], list[int]]:
    """Return D(t) (bids at ticks >= t) and S(t) (asks at ticks <= t) for every tick (indices
    of the band, as ``levels`` gives them)."""
    n = len(bids)
    demand, supply = [0] * n, [0] * n
    running = 0
    for t in reversed(range(n)):
        running += bids[t]
        demand[t] = running
    running = 0
    for t in range(n):
        running += asks[t]
        supply[t] = running
    return demand, supply


def clear(bids: Sequence[int], asks: Sequence[int], band: Band = CONTRACT_BAND) -> Clearing:
    """Clear a book given as bid and ask quantity (Wh) per tick of ``band`` (index 0 is
    ``band.lo``); the result's ticks are the band's.

    Raises:
        ValueError: the sequences do not have one entry per tick of the band or hold negative
            quantities.
    """
    n = len(band)
    if len(bids) != n or len(asks) != n:
        raise ValueError(f"a book has {n} ticks per side")
    if min(bids) < 0 or min(asks) < 0:
        raise ValueError("negative quantity in the book")
    demand, supply = demand_supply(bids, asks)
    volume = max(min(d, s) for d, s in zip(demand, supply, strict=True))
    if volume == 0:
        return Clearing()
    best = [t for t in range(n) if min(demand[t], supply[t]) == volume]
    least = min(abs(demand[t] - supply[t]) for t in best)
    chosen = [t for t in best if abs(demand[t] - supply[t]) == least]
    lo, hi = chosen[0], chosen[-1]
    if chosen != list(range(lo, hi + 1)):  # cannot happen: D falls and S rises with t
        raise AssertionError(f"optimal ticks not contiguous: {chosen}")
    bid_tick, bid_fill = _marginal(bids, reversed(range(n)), volume)
    ask_tick, ask_fill = _marginal(asks, range(n), volume)
    at = band.lo
    return Clearing(
        volume, at + lo + (hi - lo) // 2, at + bid_tick, bid_fill, at + ask_tick, ask_fill
    )


def _marginal(quantities: Sequence[int], ticks: Iterable[int], volume: int) -> tuple[int, int]:
    filled = 0
    for t in ticks:
        if quantities[t] and filled + quantities[t] >= volume:
            return t, volume - filled
        filled += quantities[t]
    raise AssertionError("volume exceeds the side's quantity")


def clear_orders(orders: Iterable[BookOrder], band: Band = CONTRACT_BAND) -> Clearing:
    """Clear a book given as live orders on ``band``."""
    return clear(*levels(orders, band), band)


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
    """Price of ``tick`` on the grid, payment-token base units per kWh (signed)."""
    return price_floor + tick * tick_size


def tick_of(price: int, price_floor: int, tick_size: int, band: Band = CONTRACT_BAND) -> int:
    """Tick of a grid ``price`` (``band``: the ticks the grid has).

    Raises:
        ValueError: ``price`` is not on the grid.
    """
    offset = price - price_floor
    if offset % tick_size or offset // tick_size not in band:
        raise ValueError(f"price {price} is not on the grid ({price_floor} + i * {tick_size})")
    return offset // tick_size


@dataclass(frozen=True)
class CashFlow:
    """One order's money, payment-token base units: ``escrow`` put up when it is placed and
    ``payout`` returned when it is claimed (never negative)."""

    escrow: int
    payout: int


def cash_flows(
    orders: Mapping[int, BookOrder],
    fills: Mapping[int, int],
    result: Clearing,
    price_floor: int,
    tick_size: int,
) -> dict[int, CashFlow]:
    """Escrow and payout of each order at a signed clearing price (issue 12's money rule).

    Each side escrows what it may owe at its own limit: a bid quantity x max(limit, 0), an ask
    quantity x max(-limit, 0) (amounts are Wh x price per kWh / 1000, exact on grids of
    multiples of 1000). At p* a bid pays fill x p* and an ask receives fill x p*: at a negative
    p* the seller pays and the buyer is paid. A bid's payout is its escrow minus what it paid,
    an ask's its escrow plus what it received.

    Raises:
        ValueError: a price is not a multiple of 1000 (amounts would not be exact).
    """
    price = price_of(result.clearing_tick, price_floor, tick_size) if result.volume else 0
    flows = {}
    for order_id, order in orders.items():
        limit = price_of(order.tick, price_floor, tick_size)
        if limit % 1000 or price % 1000:
            raise ValueError(f"prices must be multiples of 1000: {limit}, {price}")
        owed_at_limit = limit if order.is_bid else -limit
        escrow = order.quantity * max(owed_at_limit, 0) // 1000
        paid = fills[order_id] * price // 1000 * (1 if order.is_bid else -1)
        flows[order_id] = CashFlow(escrow, escrow - paid)
    return flows
