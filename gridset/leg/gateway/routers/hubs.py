"""``GET /api/marketplace/hubs/{hubId}``: a hub's reputation as the registry computes it."""

from __future__ import annotations

from fastapi import APIRouter

from gridset.leg.gateway.deps import State
from gridset.leg.gateway.schemas import ErrorBody, HubView
from gridset.leg.units import zone_name

router = APIRouter(prefix="/api/marketplace/hubs", tags=["hubs"])


@router.get("/{hub_id}", response_model=HubView, responses={409: {"model": ErrorBody}})
def get_hub(hub_id: int, gw: State) -> HubView:
    """The hub's operator, reputation score (0-100), matching level and counters."""
    from ape.exceptions import ContractLogicError

    from gridset.leg.gateway.chain import decode_revert

    registry = gw.chain.registry
    try:
        hub, score, level = gw.chain.call(
            lambda: (registry.hub(hub_id), registry.score(hub_id), registry.level(hub_id))
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
    )
