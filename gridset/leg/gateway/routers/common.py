"""Shared conversions between API values and the chain's integers."""

from __future__ import annotations

from decimal import Decimal

from fastapi import HTTPException

from gridset.leg.units import UnitError, to_base_units, to_chain_amount


def chain_amount(resource: int, amount: Decimal, unit: str, field: str) -> int:
    """The on-chain amount, or a 422 naming ``field``."""
    try:
        return to_chain_amount(resource, amount, unit)
    except UnitError as error:
        raise unprocessable(field, str(error)) from error


def base_units(value: Decimal, decimals: int, field: str) -> int:
    """Whole tokens -> base units, or a 422 naming ``field``."""
    try:
        return to_base_units(value, decimals)
    except UnitError as error:
        raise unprocessable(field, str(error)) from error


def unprocessable(field: str, message: str) -> HTTPException:
    """A 422 in FastAPI's validation shape, naming the body field."""
    return HTTPException(
        status_code=422,
        detail=[{"loc": ["body", *field.split(".")], "msg": message, "type": "value_error"}],
    )
