# ruff: noqa: N803 (query names are the seed API's camelCase)
"""``/api/marketplace/offers``: what the gateway's hub sells (post, list, withdraw)."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import select

from gridset.leg.gateway.db import OfferRow
from gridset.leg.gateway.deps import DbSession, GatewayState, State
from gridset.leg.gateway.routers.common import base_units, chain_amount
from gridset.leg.gateway.schemas import (
    ErrorBody,
    OfferRequest,
    OfferResponse,
    OffersResponse,
    OfferView,
)
from gridset.leg.units import (
    API_UNIT,
    RESOURCE_NAMES,
    RESOURCES,
    from_base_units,
    from_chain_amount,
)

router = APIRouter(prefix="/api/marketplace", tags=["offers"])
ERRORS = {409: {"model": ErrorBody, "description": "The contract rejected the call"}}


@router.post("/offers", response_model=OfferResponse, responses=ERRORS)
def post_offer(body: OfferRequest, gw: State) -> OfferResponse:
    """Post (or replace) the hub's offer of one resource at a minimum price (a multiple of the
    0.001 tick). Heat offers hand the offered heat credits to the marketplace."""
    resource = RESOURCES[body.offerType]
    amount = chain_amount(resource, body.resourceAmount, body.resourceUnit, "resourceAmount")
    price = base_units(body.minPricePerUnitChf, gw.decimals, "minPricePerUnitChf")
    with gw.chain.lock:
        if resource == RESOURCES["heat"]:
            heat = _heat_token(gw)
            if heat.allowance(gw.chain.account, gw.chain.marketplace) < amount:
                gw.chain.send("approve", gw.chain.marketplace.address, 2**256 - 1, contract=heat)
        receipt = gw.chain.send("postOffer", resource, amount, price)
        gw.indexer.sync(receipt.block_number)
    offer_id = receipt.events.filter(gw.chain.marketplace.OfferPosted)[0].offerId
    return OfferResponse(offerId=str(offer_id))


@router.get("/offers", response_model=OffersResponse)
def list_offers(
    session: DbSession,
    gw: State,
    hubId: str | None = None,
    active: bool = True,
) -> OffersResponse:
    """Offers in the index, optionally of one hub; active ones by default (caught up first)."""
    gw.indexer.sync()
    query = select(OfferRow).where(OfferRow.active == active).order_by(OfferRow.id)
    if hubId is not None:
        query = query.where(OfferRow.hub_id == int(hubId))
    return OffersResponse(offers=[_view(row, gw.decimals) for row in session.scalars(query)])


@router.delete("/offers/{offer_id}", response_model=OfferResponse, responses=ERRORS)
def cancel_offer(offer_id: int, gw: State) -> OfferResponse:
    """Withdraw one of the hub's offers."""
    with gw.chain.lock:
        receipt = gw.chain.send("cancelOffer", offer_id)
        gw.indexer.sync(receipt.block_number)
    return OfferResponse(offerId=str(offer_id))


def _heat_token(gw: GatewayState):
    from ape import project

    return project.HeatCredit.at(gw.chain.marketplace.heatCredit())


def _view(row: OfferRow, decimals: int) -> OfferView:
    return OfferView(
        id=str(row.id),
        hubId=str(row.hub_id),
        offerType=RESOURCE_NAMES[row.resource],
        resourceAmount=float(from_chain_amount(row.resource, row.amount)),
        availableAmount=float(from_chain_amount(row.resource, row.available)),
        resourceUnit=API_UNIT[row.resource],
        pricePerUnitChf=float(from_base_units(int(row.price), decimals)),
        reputationLevel=row.level,
        active=row.active,
    )
