"""CDA operations for the command line and the demo: decimal prices and energy to base units,
order placement, cancel, claim, withdrawal of the internal balance and a printable book.

Prices on the command line are decimal payment-token units per kWh (``0.15``), converted with
the token's decimals; energy is decimal kWh (``20`` or ``1.5``), converted to Wh.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from gridset.tokens.balances import withdraw_internal_balance


def to_base_units(text: str, decimals: int) -> int:
    """``"0.15"`` with 18 decimals -> 150000000000000000.

    Raises:
        ValueError: not a non-negative decimal, or finer than the token's precision.
    """
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"not a number: {text!r}") from None
    scaled = value * (Decimal(10) ** decimals)
    if value < 0 or scaled != scaled.to_integral_value():
        raise ValueError(f"{text!r} is negative or finer than {decimals} decimals")
    return int(scaled)


def kwh_to_wh(text: str) -> int:
    """``"1.5"`` kWh -> 1500 Wh.

    Raises:
        ValueError: not a non-negative whole number of Wh.
    """
    return to_base_units(text, 3)


def fmt_units(amount: int, decimals: int, places: int = 4) -> str:
    """Base units -> a decimal string with ``places`` decimals."""
    return f"{Decimal(amount) / (Decimal(10) ** decimals):.{places}f}"


@dataclass(frozen=True)
class Placed:
    """Outcome of one ``placeOrder``: resting order id (0 if none), Wh traded at once, trades
    (price base units per kWh, Wh, value, grid fee) and the receipt."""

    order_id: int
    filled_wh: int
    trades: list[tuple[int, int, int, int]]
    receipt: Any


def place(
    cda: Any, account: Any, slot: int, is_bid: bool, price: int, wh: int, ioc: bool = False
) -> Placed:
    """Place an order and read its outcome from the receipt's events.

    Raises:
        ape.exceptions.ContractLogicError: the CDA's named errors (gate closed, price off grid...).
    """
    receipt = cda.placeOrder(slot, is_bid, price, wh, ioc, sender=account)
    placed = receipt.events.filter(cda.OrderPlaced)
    trades = [(e.price, e.quantity, e.value, e.gridFee) for e in receipt.events.filter(cda.Traded)]
    return Placed(placed[0].orderId if placed else 0, sum(t[1] for t in trades), trades, receipt)


def book_lines(cda: Any, slot: int, decimals: int) -> list[str]:
    """The slot's book, asks above bids, one line per level: side, price per kWh, kWh."""
    lines = []
    for level in reversed(cda.getBook(slot, False)):
        lines.append(
            f"  ASK {fmt_units(level.price, decimals)} /kWh  {level.quantity / 1000:g} kWh"
        )
    lines.append("  ----")
    for level in cda.getBook(slot, True):
        lines.append(
            f"  BID {fmt_units(level.price, decimals)} /kWh  {level.quantity / 1000:g} kWh"
        )
    return lines


def withdraw_all(cda: Any, account: Any) -> int:
    """Withdraw ``account``'s whole internal balance on the CDA (its proceeds and refunds);
    return the amount, payment-token base units (0: nothing owed, no transaction).

    Raises:
        ape.exceptions.ContractLogicError: the payment token's errors (e.g. a blacklisted account).
    """
    return withdraw_internal_balance(cda, account)[0]
