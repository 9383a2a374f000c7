"""The seed's two worked scenarios, played through the gateway's HTTP API.

Scenario 1: hub B needs 10 kWh of compute at most 0.20 per kWh; hub A sells at 0.15. The job
runs, hub A records 10 kWh and the heat it made; settlement 1.50, network fee 0.075 (5 %), hub A
receives 1.425 and heat credits. Scenario 2: a company stores 1 TB for 12 months at most 0.10 per
GB-month; hub A sells at 0.05; each month bills 50.00 of which hub A receives 47.50.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import httpx

MONTH = 30 * 86_400


class ScenarioError(RuntimeError):
    """The API answered something the scenario did not expect (status and body included)."""


def _ok(response: httpx.Response) -> dict[str, Any]:
    if response.status_code != 200:
        raise ScenarioError(
            f"{response.request.method} {response.request.url} -> {response.status_code}: "
            f"{response.text}"
        )
    return response.json()


def _transaction(client: httpx.Client, hub_id: str, trade_id: str) -> dict[str, Any]:
    listing = _ok(client.get("/api/marketplace/transactions", params={"hubId": hub_id}))
    return next(t for t in listing["transactions"] if t["id"] == trade_id)


@dataclass
class ComputeOutcome:
    """What scenario 1 produced, in whole tokens and kWh."""

    order_id: str
    transaction_id: str
    total: Decimal
    fee: Decimal
    seller_receives: Decimal
    buyer_refund: Decimal
    heat_kwh: Decimal
    transaction: dict[str, Any]


@dataclass
class StorageOutcome:
    """What scenario 2 produced: the first month's bill and the hub's part of it."""

    order_id: str
    transaction_id: str
    monthly_bill: Decimal
    fee: Decimal
    seller_receives: Decimal
    transaction: dict[str, Any]


def scenario_compute(
    hub_a: httpx.Client,
    hub_b: httpx.Client,
    advance: Callable[[int], None],
    dispute_window: int,
    heat_kwh: Decimal = Decimal(8),
) -> ComputeOutcome:
    """Play scenario 1: A offers 10 kWh at 0.15, B orders 10 kWh at most 0.20, A records the job
    (10 kWh, ``heat_kwh`` of heat), B confirms, anyone settles after the dispute window, and A
    claims the heat credits of its job.

    Raises:
        ScenarioError: an API call failed.
    """
    hub_a_id = _ok(hub_a.get("/health"))["hubId"]
    _ok(
        hub_a.post(
            "/api/marketplace/offers",
            json={
                "offerType": "compute",
                "resourceAmount": 10,
                "resourceUnit": "kwh",
                "minPricePerUnitChf": 0.15,
            },
        )
    )
    order = _ok(
        hub_b.post(
            "/api/marketplace/orders",
            json={
                "orderType": "compute",
                "resourceAmount": 10,
                "resourceUnit": "kwh",
                "maxPricePerUnitChf": 0.20,
            },
        )
    )
    trade_id = order["transactionId"]
    if trade_id is None:
        raise ScenarioError(f"order {order['orderId']} was not matched")
    _ok(
        hub_a.post(
            f"/api/marketplace/transactions/{trade_id}/usage",
            json={"resourceAmount": 10, "heatKwh": float(heat_kwh)},
        )
    )
    _ok(hub_b.post(f"/api/marketplace/transactions/{trade_id}/confirm"))
    advance(dispute_window)
    _ok(hub_b.post(f"/api/marketplace/transactions/{trade_id}/settle"))
    # Settlement leaves the job's heat credits in the trade; A has them minted to itself.
    _ok(hub_a.post(f"/api/marketplace/transactions/{trade_id}/heat"))
    row = _transaction(hub_a, hub_a_id, trade_id)
    return ComputeOutcome(
        order_id=order["orderId"],
        transaction_id=trade_id,
        total=Decimal(str(row["totalPriceChf"])),
        fee=Decimal(str(row["networkFeeChf"])),
        seller_receives=Decimal(str(row["paidToSellerChf"])),
        buyer_refund=Decimal(str(row["refundChf"])),
        heat_kwh=Decimal(str(row["heatKwh"])),
        transaction=row,
    )


def scenario_storage(
    hub_a: httpx.Client, company: httpx.Client, advance: Callable[[int], None]
) -> StorageOutcome:
    """Play scenario 2: A offers 1 TB at 0.05 per GB-month, the company orders 1 TB for 12
    months at most 0.10, A records 1000 GB replicated, the company confirms, one month passes
    and the month is billed.

    Raises:
        ScenarioError: an API call failed.
    """
    hub_a_id = _ok(hub_a.get("/health"))["hubId"]
    _ok(
        hub_a.post(
            "/api/marketplace/offers",
            json={
                "offerType": "storage",
                "resourceAmount": 1,
                "resourceUnit": "tb",
                "minPricePerUnitChf": 0.05,
            },
        )
    )
    order = _ok(
        company.post(
            "/api/marketplace/orders",
            json={
                "orderType": "storage",
                "resourceAmount": 1,
                "resourceUnit": "tb",
                "maxPricePerUnitChf": 0.10,
                "durationMonths": 12,
            },
        )
    )
    trade_id = order["transactionId"]
    if trade_id is None:
        raise ScenarioError(f"order {order['orderId']} was not matched")
    _ok(
        hub_a.post(f"/api/marketplace/transactions/{trade_id}/usage", json={"resourceAmount": 1000})
    )
    _ok(company.post(f"/api/marketplace/transactions/{trade_id}/confirm"))
    advance(MONTH)
    _ok(company.post(f"/api/marketplace/transactions/{trade_id}/bill"))
    row = _transaction(hub_a, hub_a_id, trade_id)
    paid, fee = Decimal(str(row["paidToSellerChf"])), Decimal(str(row["networkFeeChf"]))
    return StorageOutcome(
        order_id=order["orderId"],
        transaction_id=trade_id,
        monthly_bill=paid + fee,
        fee=fee,
        seller_receives=paid,
        transaction=row,
    )
