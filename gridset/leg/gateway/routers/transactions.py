# ruff: noqa: N803 (query names are the seed API's camelCase)
"""``/api/marketplace/transactions``: the seed's list, and the lifecycle actions on one trade."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query

from gridset.leg.gateway.db import TradeRow
from gridset.leg.gateway.deps import DbSession, GatewayState, State
from gridset.leg.gateway.indexer import trades
from gridset.leg.gateway.routers.common import chain_amount
from gridset.leg.gateway.schemas import (
    ActionResponse,
    ErrorBody,
    TradeStatus,
    TransactionsResponse,
    TransactionView,
    UsageRequest,
)
from gridset.leg.units import (
    API_UNIT,
    RESOURCE_NAMES,
    RESOURCES,
    from_base_units,
    from_chain_amount,
)

router = APIRouter(prefix="/api/marketplace/transactions", tags=["transactions"])
ERRORS = {409: {"model": ErrorBody, "description": "The contract rejected the call"}}


@router.get("", response_model=TransactionsResponse)
def list_transactions(
    session: DbSession,
    gw: State,
    hubId: Annotated[str | None, Query(pattern=r"^[0-9]+$")] = None,
    status: TradeStatus | None = None,
) -> TransactionsResponse:
    """Trades where ``hubId`` sells or buys (all without it), optionally of one status.

    The index first catches up with the chain (other hubs' gateways move trades too)."""
    gw.indexer.sync()
    rows = trades(session, int(hubId) if hubId else None, status)
    return TransactionsResponse(transactions=[view(row, gw.decimals) for row in rows])


@router.post("/{trade_id}/usage", response_model=ActionResponse, responses=ERRORS)
def record_usage(trade_id: int, body: UsageRequest, gw: State) -> ActionResponse:
    """The seller hub records actual usage (kWh of the job and the heat it made, GB stored, or
    kWh thermal delivered)."""
    resource = int(gw.chain.call(lambda: gw.chain.marketplace.trade(trade_id).resource))
    unit = "gb" if resource == RESOURCES["storage"] else "kwh"
    used = chain_amount(resource, body.resourceAmount, unit, "resourceAmount")
    heat = chain_amount(RESOURCES["heat"], body.heatKwh, "kwh", "heatKwh")
    return _act(gw, "recordUsage", trade_id, used, heat)


@router.post("/{trade_id}/confirm", response_model=ActionResponse, responses=ERRORS)
def confirm(trade_id: int, gw: State) -> ActionResponse:
    """Confirm the usage record (the buyer at once, anyone after the confirmation timeout)."""
    return _act(gw, "confirm", trade_id)


@router.post("/{trade_id}/settle", response_model=ActionResponse, responses=ERRORS)
def settle(trade_id: int, gw: State) -> ActionResponse:
    """Settle a confirmed compute or heat trade after the dispute window."""
    return _act(gw, "settle", trade_id)


@router.post("/{trade_id}/heat", response_model=ActionResponse, responses=ERRORS)
def claim_heat(trade_id: int, gw: State) -> ActionResponse:
    """Deliver a settled trade's heat credits (Wh thermal) to their owner: a compute job's heat
    to the seller hub, a heat trade's credits to the buyer (anyone may ask)."""
    return _act(gw, "claimHeat", trade_id)


@router.post("/{trade_id}/bill", response_model=ActionResponse, responses=ERRORS)
def bill(trade_id: int, gw: State) -> ActionResponse:
    """Bill every elapsed month of a storage trade."""
    return _act(gw, "billStorage", trade_id)


@router.post("/{trade_id}/cancel", response_model=ActionResponse, responses=ERRORS)
def cancel(trade_id: int, gw: State) -> ActionResponse:
    """Cancel a pending trade before its usage record, or give notice on a storage trade."""
    status = int(gw.chain.call(lambda: gw.chain.marketplace.trade(trade_id).status))
    return _act(gw, "cancelStorage" if status == 2 else "cancelTrade", trade_id)


@router.post("/{trade_id}/dispute", response_model=ActionResponse, responses=ERRORS)
def dispute(trade_id: int, gw: State) -> ActionResponse:
    """Dispute a confirmed trade (the buyer; posts the dispute bond)."""
    return _act(gw, "openDispute", trade_id)


@router.post("/{trade_id}/dispute/concede", response_model=ActionResponse, responses=ERRORS)
def concede(trade_id: int, gw: State) -> ActionResponse:
    """Concede a dispute (the seller): the buyer is refunded."""
    return _act(gw, "concedeDispute", trade_id)


@router.post("/{trade_id}/dispute/escalate", response_model=ActionResponse, responses=ERRORS)
def escalate(trade_id: int, gw: State) -> ActionResponse:
    """Escalate a dispute to the arbiter (the seller; posts an equal bond)."""
    return _act(gw, "escalateDispute", trade_id)


def _act(gw: GatewayState, method: str, trade_id: int, *args: int) -> ActionResponse:
    with gw.chain.lock:
        needs_bond = method in ("openDispute", "escalateDispute")
        if needs_bond:
            gw.chain.ensure_allowance(int(gw.chain.marketplace.params().disputeBond))
        receipt = gw.chain.send(method, trade_id, *args)
        gw.indexer.sync(receipt.block_number)
    return ActionResponse(transactionId=str(trade_id), txHash=str(receipt.txn_hash))


def view(row: TradeRow, decimals: int) -> TransactionView:
    """A trade row in the seed's shape. ``totalPriceChf`` is amount x price (x months for
    storage): what the buyer owes for the full agreed amount."""
    price = from_base_units(int(row.price), decimals)
    amount = from_chain_amount(row.resource, row.amount)
    total = amount * price * (row.months if row.resource == RESOURCES["storage"] else 1)
    return TransactionView(
        id=str(row.id),
        orderId=str(row.order_id),
        transactionType=RESOURCE_NAMES[row.resource],
        sellerHubId=str(row.seller_hub),
        buyerHubId=str(row.buyer_hub) if row.buyer_hub else row.buyer,
        resourceAmount=float(amount),
        resourceUnit=API_UNIT[row.resource],
        pricePerUnitChf=float(price),
        totalPriceChf=float(total),
        usedAmount=None if row.used is None else float(from_chain_amount(row.resource, row.used)),
        heatKwh=float(Decimal(row.heat_wh) / 1000),
        months=row.months,
        billedMonths=row.billed_months,
        paidToSellerChf=float(from_base_units(int(row.paid), decimals)),
        networkFeeChf=float(from_base_units(int(row.fee), decimals)),
        refundChf=float(from_base_units(int(row.refund), decimals)),
        status=row.status,
        createdAt=row.created_at.isoformat(),
    )


def not_found(what: str) -> HTTPException:
    return HTTPException(status_code=404, detail=f"{what} not found")
