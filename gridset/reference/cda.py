"""Python reference of CdaMarket's matching rule (integers, the contract's units).

Quantities in Wh, prices in payment-token base units per kWh (multiples of 1000), fees in bps.
An incoming order trades against resting orders of the other side at the resting price, best
price first; within a price, the zone queue whose pair fee is cheapest for the taker first (ties:
lower zone id), and first come first served within a queue. The rest rests unless
immediate-or-cancel. Fees per Wh: ``floor(price / 1000 * bps / 10_000)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class RefOrder:
    """A resting order: ``quantity`` Wh still resting (unfilled, uncancelled)."""

    order_id: int
    trader: str
    is_bid: bool
    price: int
    zone: int
    quantity: int
    own_fee_bps: int
    filled: int = 0


@dataclass
class RefTrade:
    """One take against one zone queue: ``quantity`` Wh at ``price``; ``grid_fee`` charged at the
    take (buyer taker: the whole pair fee; seller taker: the cross-zone surcharge)."""

    taker: str
    taker_is_bid: bool
    price: int
    maker_zone: int
    taker_zone: int
    quantity: int
    value: int
    grid_fee: int


@dataclass
class RefBook:
    """One slot's book. ``fees[(a, b)]`` is the symmetric zone fee table (bps, default 0)."""

    fees: dict[tuple[int, int], int] = field(default_factory=dict)
    zones: dict[str, int] = field(default_factory=dict)
    orders: list[RefOrder] = field(default_factory=list)
    zone_fees: dict[int, int] = field(default_factory=dict)
    next_id: int = 0

    def fee(self, a: int, b: int) -> int:
        """Fee between zones ``a`` and ``b``, bps."""
        return self.fees.get((min(a, b), max(a, b)), 0)

    def place(
        self, trader: str, is_bid: bool, price: int, quantity: int, ioc: bool = False
    ) -> tuple[RefOrder | None, list[RefTrade]]:
        """Match an incoming order; return the resting order (or None) and the trades."""
        zone = self.zones.get(trader, 0)
        trades: list[RefTrade] = []
        remaining = quantity

        def key(order: RefOrder) -> tuple[int, int, int, int]:
            price_rank = order.price if not is_bid else -order.price
            return (-price_rank, self.fee(zone, order.zone), order.zone, order.order_id)

        makers = sorted(
            (
                o
                for o in self.orders
                if o.is_bid != is_bid
                and o.quantity > 0
                and (o.price <= price if is_bid else o.price >= price)
            ),
            key=key,
        )
        for maker in makers:
            if remaining == 0:
                break
            x = min(remaining, maker.quantity)
            maker.quantity -= x
            maker.filled += x
            remaining -= x
            trades.append(self._trade(trader, is_bid, zone, maker, x))
        trades = _merge(trades)
        resting = None
        if remaining and not ioc:
            resting = RefOrder(
                self.next_id, trader, is_bid, price, zone, remaining, self.fee(zone, zone)
            )
            self.next_id += 1
            self.orders.append(resting)
        return resting, trades

    def cancel(self, order: RefOrder) -> int:
        """Cancel what rests of ``order``; return the Wh cancelled."""
        rest, order.quantity = order.quantity, 0
        return rest

    def _trade(self, taker: str, is_bid: bool, zone: int, maker: RefOrder, x: int) -> RefTrade:
        unit = maker.price // 1000
        buyer_zone = zone if is_bid else maker.zone
        own = unit * self.fee(buyer_zone, buyer_zone) // 10_000
        pair = max(unit * self.fee(zone, maker.zone) // 10_000, own)
        surcharge = x * (pair - own)
        seller_share = surcharge // 2
        grid_fee = x * pair if is_bid else surcharge
        seller_zone = maker.zone if is_bid else zone
        self._credit(seller_zone, seller_share)
        self._credit(buyer_zone, grid_fee - seller_share)
        if not is_bid:
            # The resting bid pays its own-zone rate (fixed when it rested) when claimed.
            self._credit(maker.zone, x * (unit * maker.own_fee_bps // 10_000))
        return RefTrade(taker, is_bid, maker.price, maker.zone, zone, x, x * unit, grid_fee)

    def _credit(self, zone: int, amount: int) -> None:
        if amount:
            self.zone_fees[zone] = self.zone_fees.get(zone, 0) + amount

    def levels(self, is_bid: bool) -> list[tuple[int, int]]:
        """Live (price, Wh) levels of one side, best first."""
        totals: dict[int, int] = {}
        for o in self.orders:
            if o.is_bid == is_bid and o.quantity > 0:
                totals[o.price] = totals.get(o.price, 0) + o.quantity
        return sorted(totals.items(), reverse=is_bid)


def _merge(trades: list[RefTrade]) -> list[RefTrade]:
    """Sum consecutive trades against the same (price, maker zone) queue, as the contract emits
    one ``Traded`` event per queue consumed."""
    merged: list[RefTrade] = []
    for t in trades:
        last = merged[-1] if merged else None
        if last and (last.price, last.maker_zone) == (t.price, t.maker_zone):
            last.quantity += t.quantity
            last.value += t.value
            last.grid_fee += t.grid_fee
        else:
            merged.append(RefTrade(**vars(t)))
    return merged
