"""``/api/marketplace/hubs/{hubId}``: a hub's reputation as the registry computes it, its proceeds
credited on chain, and their withdrawal."""

from __future__ import annotations

from fastapi import APIRouter

from gridset.leg.gateway.deps import State
from gridset.leg.gateway.schemas import ErrorBody, HubView, WithdrawResponse
from gridset.leg.units import from_base_units, zone_name

router = APIRouter(prefix="/api/marketplace/hubs", tags=["hubs"])


@router.get("/{hub_id}", response_model=HubView, responses={409: {"model": ErrorBody}})
def get_hub(hub_id: int, gw: State) -> HubView:
    """The hub's operator, reputation score (0-100), matching level, counters and the proceeds
    credited to it on chain (price minus fee of its settled trades and billed months) not yet
    withdrawn."""
    from ape.exceptions import ContractLogicError

    from gridset.leg.gateway.chain import decode_revert

    registry = gw.chain.registry
    try:
        hub, score, level, proceeds = gw.chain.call(
            lambda: (
                registry.hub(hub_id),
                registry.score(hub_id),
                registry.level(hub_id),
                gw.chain.marketplace.proceeds(hub_id),
            )
        )
    except ContractLogicError as error:
        raise decode_revert(error) from error
    return HubView(
        hubId=str(hub_id),
        operator=str(hub.operator),
        zone=zone_name(hub.zone),
        score=score / 100,
        level=level,
        completed=hub.completed,
        late=hub.late,
        disputesLost=hub.disputesLost,
        proceedsChf=float(from_base_units(int(proceeds), gw.decimals)),
    )


@router.post(
    "/{hub_id}/withdraw", response_model=WithdrawResponse, responses={409: {"model": ErrorBody}}
)
def withdraw(hub_id: int, gw: State) -> WithdrawResponse:
    """Send the hub's credited proceeds to its operator (one token transfer; any gateway may ask,
    the money only goes to the operator). Nothing credited: amount 0 and no transaction."""
    market = gw.chain.marketplace
    with gw.chain.lock:
        amount = int(gw.chain.call(lambda: market.proceeds(hub_id)))
        if amount == 0:
            return WithdrawResponse(hubId=str(hub_id), amountChf=0.0, txHash=None)
        receipt = gw.chain.send("withdraw", hub_id)
    sent = receipt.events.filter(market.ProceedsWithdrawn)[0].amount
    return WithdrawResponse(
        hubId=str(hub_id),
        amountChf=float(from_base_units(int(sent), gw.decimals)),
        txHash=str(receipt.txn_hash),
    )
