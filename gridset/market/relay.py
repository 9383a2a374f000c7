"""Relayed EnergyMarket orders: households sign EIP-712 orders, a licensed relayer places a batch.

The typed data is OrderRelay's ``Order`` (``interfaces/IOrderRelay.sol``) in the relay's own
domain (name "GridSet OrderRelay", version "1", chain id, the relay's address). ``index`` is the
trader's order index within the slot: the count of its orders there before this one
(``EnergyMarketLens.getOrderCount``), so each signature can be placed once, in order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from eip712.messages import EIP712Message
from eth_pydantic_types import abi

from gridset.signatures import contract_domain, sign_permit, vrs_arguments

#: An entry's permit field when it carries none (``value`` 0).
NO_PERMIT: tuple[int, int, int, bytes, bytes] = (0, 0, 0, b"\0" * 32, b"\0" * 32)


class Order(EIP712Message):
    """``Order(address trader,uint256 slot,bool isBid,uint256 price,uint256 quantity,uint256
    index,uint256 deadline)``: price in payment-token base units per kWh, quantity in Wh, slot
    and deadline in Unix s."""

    trader: abi.address
    slot: abi.uint256
    isBid: bool  # noqa: N815 (the EIP-712 struct's field name)
    price: abi.uint256
    quantity: abi.uint256
    index: abi.uint256
    deadline: abi.uint256


@dataclass(frozen=True)
class OrderRequest:
    """What a household wants placed: ``price`` base units per kWh, ``quantity`` Wh; ``index``
    its order index in the slot; ``permit_value`` base units to permit the market (0: none, the
    allowance is already there, or an ask)."""

    trader: Any
    slot: int
    is_bid: bool
    price: int
    quantity: int
    index: int
    deadline: int
    permit_value: int = 0


def sign_order(relay: Any, token: Any, request: OrderRequest) -> tuple[Any, ...]:
    """The ``SignedOrder`` tuple for ``relay.placeOrders``: ``request.trader`` (an Ape account)
    signs the order over the relay's domain and, with ``permit_value``, an EIP-2612 permit of
    ``token`` for the market at its current nonce (same deadline as the order)."""
    trader = request.trader
    # Plain ints and bools: callers may hold numpy scalars, which ABI encoding rejects.
    fields = (
        int(request.slot),
        bool(request.is_bid),
        int(request.price),
        int(request.quantity),
        int(request.index),
        int(request.deadline),
    )
    slot, is_bid, price, quantity, index, deadline = fields
    message = Order(
        trader=trader.address,
        slot=slot,
        isBid=is_bid,
        price=price,
        quantity=quantity,
        index=index,
        deadline=deadline,
        eip712_domain=contract_domain(relay),
    )
    signature = trader.sign_message(message).encode_rsv()
    permit: tuple[Any, ...] = NO_PERMIT
    if request.permit_value:
        market = relay.market()
        value = int(request.permit_value)
        signed = sign_permit(token, trader, _Address(market), value, deadline)
        permit = (value, deadline, *vrs_arguments(signed))
    return (trader.address, *fields, permit, signature)


def relay_orders(relay: Any, token: Any, requests: Sequence[OrderRequest], relayer: Any) -> Any:
    """Sign each request and place them all in one ``relay.placeOrders`` call from ``relayer``
    (an Application Host licence holder); return the receipt (``OrderPlaced`` per placed entry,
    ``OrderSkipped`` per skipped one).

    Raises:
        ValueError: two requests of one trader carry a permit (both would sign the same nonce)."""
    permitting = [r.trader.address for r in requests if r.permit_value]
    if len(permitting) != len(set(permitting)):
        raise ValueError("one permit per trader and batch: each is signed at the current nonce")
    entries = [sign_order(relay, token, request) for request in requests]
    return relay.placeOrders(entries, sender=relayer)


@dataclass(frozen=True)
class _Address:
    """An address where ``sign_permit`` expects an account."""

    address: str
