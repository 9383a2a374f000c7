"""Units of the Energy Broker: basis points, 1e18 rates, prices per kWh.

A constant-sum pool's rate is a 1e18 fixed-point number of numeraire (payment-token) base units
per asset base unit. EnergyToken has 1 base unit = 1 Wh, so a price shown to users in
payment-token base units per kWh is ``rate * WH_PER_KWH / WAD``.
"""

from __future__ import annotations

from enum import IntEnum

from gridset.units import WH_PER_KWH

#: Basis points in one (fees, utilisation, multipliers).
BPS = 10_000
#: Fixed-point scale of rates.
WAD = 10**18


class Formula(IntEnum):
    """``IEnergyBrokerPool.Formula``: how a pool prices swaps and deposits."""

    CONSTANT_PRODUCT = 0
    CONSTANT_SUM = 1


def rate_from_price_per_kwh(price_per_kwh: int, wh_per_unit: int = 1) -> int:
    """Return the rate (1e18 fixed point, payment base units per energy base unit) of a price.

    Args:
        price_per_kwh: Payment-token base units per kWh.
        wh_per_unit: Wh in one energy-token base unit (1 for EnergyToken).

    Raises:
        ValueError: the price is not positive or the rate rounds to zero.
    """
    if price_per_kwh <= 0:
        raise ValueError(f"price must be positive, got {price_per_kwh}")
    rate = price_per_kwh * wh_per_unit * WAD // WH_PER_KWH
    if rate == 0:
        raise ValueError(f"price {price_per_kwh} per kWh rounds to a zero rate")
    return rate


def price_per_kwh_from_rate(rate: int, wh_per_unit: int = 1) -> int:
    """Return the price in payment-token base units per kWh (rounded down) of a 1e18 rate."""
    return rate * WH_PER_KWH // (wh_per_unit * WAD)
