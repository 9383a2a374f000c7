"""Resource types and the conversions between the API's decimal units and on-chain integers.

On chain: compute amounts in Wh (price per kWh), storage in GB (price per GB-month), heat in Wh
thermal (price per kWh thermal); money in payment-token base units (WATT: 18 decimals).
"""

from __future__ import annotations

from decimal import Decimal

from gridset.units import WATT_DECIMALS

#: Resource name -> on-chain resource type.
RESOURCES: dict[str, int] = {"compute": 0, "storage": 1, "heat": 2}
RESOURCE_NAMES: dict[int, str] = {v: k for k, v in RESOURCES.items()}
#: On-chain trade status -> API status.
STATUSES: dict[int, str] = {
    1: "pending",
    2: "confirmed",
    3: "disputed",
    4: "settled",
    5: "cancelled",
}
#: The unit each resource's on-chain amount is counted in, and its API unit.
CHAIN_UNIT: dict[int, str] = {0: "wh", 1: "gb", 2: "wh"}
API_UNIT: dict[int, str] = {0: "kwh", 1: "gb", 2: "kwh"}
#: Price tick per resource (compute, storage, heat), in whole tokens: 0.001 per kWh / GB-month.
DEFAULT_TICK = Decimal("0.001")


class UnitError(ValueError):
    """An amount or price that cannot be expressed on chain (wrong unit, too fine, negative)."""


def zone_bytes(name: str) -> bytes:
    """A grid zone's name as the registry's ``bytes32`` (UTF-8, zero-padded on the right).

    Raises:
        UnitError: empty, or longer than 32 bytes in UTF-8.
    """
    raw = name.encode()
    if not raw or len(raw) > 32:
        raise UnitError(f"a zone name is 1 to 32 bytes of UTF-8, got {len(raw)}")
    return raw.ljust(32, b"\0")


def zone_name(zone: bytes) -> str:
    """The text of a ``bytes32`` zone (inverse of :func:`zone_bytes`)."""
    return bytes(zone).rstrip(b"\0").decode(errors="replace")


def to_chain_amount(resource: int, amount: Decimal, unit: str) -> int:
    """Convert an API amount to the on-chain integer (Wh or GB).

    Units: ``kwh`` (compute, heat), ``compute-hours`` (compute at 1 kW, i.e. kWh), ``gb`` and
    ``tb`` (storage, 1 TB = 1000 GB).

    Raises:
        UnitError: the unit does not fit the resource, or the amount is negative or finer than
            1 Wh / 1 GB.
    """
    unit = unit.lower()
    if resource == RESOURCES["storage"]:
        factor = {"gb": 1, "tb": 1000}.get(unit)
    else:
        factor = {"kwh": 1000, "compute-hours": 1000, "wh": 1}.get(unit)
        if unit == "compute-hours" and resource != RESOURCES["compute"]:
            factor = None
    if factor is None:
        raise UnitError(f"unit {unit!r} does not fit resource {RESOURCE_NAMES[resource]!r}")
    value = Decimal(amount) * factor
    if value < 0 or value != value.to_integral_value():
        raise UnitError(
            f"amount {amount} {unit} is negative or finer than 1 {CHAIN_UNIT[resource]}"
        )
    return int(value)


def from_chain_amount(resource: int, amount: int) -> Decimal:
    """The on-chain amount in the API unit (kWh or GB)."""
    return Decimal(amount) / 1000 if resource != RESOURCES["storage"] else Decimal(amount)


def to_base_units(value: Decimal, decimals: int = WATT_DECIMALS) -> int:
    """Whole tokens -> base units (exact).

    Raises:
        UnitError: negative, or finer than one base unit.
    """
    scaled = Decimal(value) * (Decimal(10) ** decimals)
    if scaled < 0 or scaled != scaled.to_integral_value():
        raise UnitError(f"{value} is negative or finer than one base unit")
    return int(scaled)


def from_base_units(value: int, decimals: int = WATT_DECIMALS) -> Decimal:
    """Base units -> whole tokens (exact)."""
    return Decimal(value) / (Decimal(10) ** decimals)
