"""``POST /api/marketplace/orders``: a buyer's order, escrowed and matched on chain."""

from __future__ import annotations

from fastapi import APIRouter

from gridset.leg.gateway.deps import State
from gridset.leg.gateway.routers.common import base_units, chain_amount, unprocessable
from gridset.leg.gateway.schemas import ErrorBody, OrderRequest, OrderResponse
from gridset.leg.units import RESOURCES, UnitError, zone_bytes

router = APIRouter(prefix="/api/marketplace", tags=["orders"])


def order_zone(location: str | None, gw: State) -> bytes:
    """The zone an order trades in: ``location`` if given, else the gateway hub's zone, else the
    gateway's ``LEG_ZONE``; a 422 naming ``constraints.location`` if none applies."""
    if location is None:
        hub_id = gw.chain.hub_id()
        if hub_id:
            return bytes(gw.chain.call(lambda: gw.chain.registry.hub(hub_id)).zone)
        location = gw.zone
        if location is None:
            raise unprocessable(
                "constraints.location", "this gateway runs no hub and has no LEG_ZONE: name a zone"
            )
    try:
        return zone_bytes(location)
    except UnitError as error:
        raise unprocessable("constraints.location", str(error)) from error


def reputation_level(score: float) -> int:
    """The matching level 0..7 of a 0-100 reputation score (rounded down to 12.5-point steps)."""
    return min(int(score * 8 // 100), 7)


@router.post(
    "/orders",
    response_model=OrderResponse,
    responses={409: {"model": ErrorBody, "description": "The contract rejected the order"}},
)
def post_order(body: OrderRequest, gw: State) -> OrderResponse:
    """Escrow the order on chain and match it with the best eligible offer if one rests.

    The order is on chain and indexed when this returns, or (on a revert, answered 409 with the
    contract's error) neither.
    """
    resource = RESOURCES[body.orderType]
    amount = chain_amount(resource, body.resourceAmount, body.resourceUnit, "resourceAmount")
    max_price = base_units(body.maxPricePerUnitChf, gw.decimals, "maxPricePerUnitChf")
    if resource == RESOURCES["storage"] and body.durationMonths == 0:
        raise unprocessable("durationMonths", "storage orders need a term in months")
    constraints = body.constraints
    hub = int(constraints.hubId) if constraints and constraints.hubId else 0
    level = (
        reputation_level(float(constraints.minReputation))
        if constraints and constraints.minReputation is not None
        else 0
    )
    zone = order_zone(constraints.location if constraints else None, gw)
    months = body.durationMonths if resource == RESOURCES["storage"] else 0
    escrow = amount * max_price * months if months else -(-amount * max_price // 1000)
    with gw.chain.lock:
        gw.chain.ensure_allowance(escrow)
        receipt = gw.chain.send("postOrder", resource, amount, max_price, months, hub, level, zone)
        gw.indexer.sync(receipt.block_number)
    market = gw.chain.marketplace
    order_id = receipt.events.filter(market.OrderPosted)[0].orderId
    matched = receipt.events.filter(market.TradeMatched)
    return OrderResponse(
        orderId=str(order_id), transactionId=str(matched[0].tradeId) if matched else None
    )
