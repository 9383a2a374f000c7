# ruff: noqa: N815 (field names are the seed API's camelCase)
"""Request and response models (the OpenAPI document is generated from them).

Money in the API is in whole payment-token units (WATT, pegged 1:1 to CHF, hence the seed's
``...Chf`` field names); amounts in the resource's unit (kWh, GB, kWh thermal).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

ResourceName = Literal["compute", "storage", "heat"]
TradeStatus = Literal["pending", "confirmed", "disputed", "settled", "cancelled"]


class Model(BaseModel):
    """Strict about unknown fields: a typo is a 422 naming it, not a silent default."""

    model_config = ConfigDict(extra="forbid")


class OrderConstraints(Model):
    """The seed's optional constraints."""

    hubId: str | None = Field(None, pattern=r"^[0-9]+$", description="Preferred hub (tried first)")
    minReputation: Decimal | None = Field(
        None, ge=0, le=100, description="Minimum score 0-100, rounded down to its level of 12.5"
    )
    location: str | None = Field(
        None,
        min_length=1,
        max_length=32,
        description="Grid zone the order trades in (only its hubs sell to it); default: the "
        "gateway hub's zone, else LEG_ZONE",
    )


class OrderRequest(Model):
    """``POST /api/marketplace/orders`` (the seed's body, plus the storage term)."""

    orderType: ResourceName
    resourceAmount: Decimal = Field(gt=0)
    resourceUnit: Literal["kwh", "gb", "tb", "compute-hours"]
    maxPricePerUnitChf: Decimal = Field(gt=0, description="Per kWh, or per GB-month for storage")
    durationMonths: int = Field(0, ge=0, le=120, description="Storage term; 0 otherwise")
    constraints: OrderConstraints | None = None


class OrderResponse(BaseModel):
    success: Literal[True] = True
    orderId: str
    transactionId: str | None = None


class OfferRequest(Model):
    """``POST /api/marketplace/offers``: what the gateway's hub sells."""

    offerType: ResourceName
    resourceAmount: Decimal = Field(gt=0)
    resourceUnit: Literal["kwh", "gb", "tb", "compute-hours"]
    minPricePerUnitChf: Decimal = Field(gt=0)


class OfferResponse(BaseModel):
    success: Literal[True] = True
    offerId: str


class OfferView(BaseModel):
    id: str
    hubId: str
    offerType: ResourceName
    resourceAmount: float
    availableAmount: float
    resourceUnit: str
    pricePerUnitChf: float
    reputationLevel: int
    active: bool


class OffersResponse(BaseModel):
    success: Literal[True] = True
    offers: list[OfferView]


class UsageRequest(Model):
    """The seller's record of actual usage."""

    resourceAmount: Decimal = Field(ge=0, description="kWh used, GB stored or kWh thermal")
    heatKwh: Decimal = Field(Decimal(0), ge=0, description="Heat the compute job generated")


class TransactionView(BaseModel):
    """The seed's transaction fields, plus the settlement figures."""

    id: str
    orderId: str
    transactionType: ResourceName
    sellerHubId: str
    buyerHubId: str
    resourceAmount: float
    resourceUnit: str
    pricePerUnitChf: float
    totalPriceChf: float
    usedAmount: float | None
    heatKwh: float
    months: int
    billedMonths: int
    paidToSellerChf: float
    networkFeeChf: float
    refundChf: float
    status: TradeStatus
    createdAt: str


class TransactionsResponse(BaseModel):
    success: Literal[True] = True
    transactions: list[TransactionView]


class ActionResponse(BaseModel):
    success: Literal[True] = True
    transactionId: str
    txHash: str


class HubView(BaseModel):
    success: Literal[True] = True
    hubId: str
    operator: str
    zone: str = Field(description="Grid zone; the hub trades only within it")
    score: float = Field(description="Reputation 0-100")
    level: int
    completed: int
    late: int
    disputesLost: int
    proceedsChf: float = Field(
        description="Proceeds credited on chain to the hub and not yet withdrawn, whole tokens"
    )


class WithdrawResponse(BaseModel):
    success: Literal[True] = True
    hubId: str
    amountChf: float = Field(description="Proceeds sent to the hub's operator, whole tokens")
    txHash: str | None = Field(description="None when nothing was credited (nothing sent)")


class ErrorBody(BaseModel):
    """A revert: the contract's custom error and its values."""

    success: Literal[False] = False
    error: str
    args: dict
