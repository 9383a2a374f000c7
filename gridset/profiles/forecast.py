"""Seeded noise on production: day-ahead forecasts and the meter readings of oracle operators.

Both are multiplicative: a value ``x`` Wh becomes ``round(x * (1 + sd * z))`` with ``z`` a
standard normal draw clipped to [-3, 3], one draw per element (and per operator). Zero stays
zero, so no one forecasts or meters production at night.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

SeedLike = int | Sequence[int]
Z_CLIP = 3.0
MAX_FORECAST_SD = 1.0
MAX_METER_NOISE = 0.2


def _energy_array(values: npt.ArrayLike, name: str) -> npt.NDArray:
    array = np.asarray(values)
    if array.dtype.kind not in "iu":
        raise ValueError(f"{name} must be integer Wh, got dtype {array.dtype}")
    if np.any(array < 0):
        raise ValueError(f"{name} must be non-negative Wh")
    return array.astype(np.int64)


def _clipped_normal(rng: np.random.Generator, shape: tuple[int, ...]) -> npt.NDArray:
    return np.clip(rng.standard_normal(shape), -Z_CLIP, Z_CLIP)


def forecast_production(
    actual_wh: npt.ArrayLike,
    seed: SeedLike,
    error_sd: float = 0.15,
    *,
    max_wh: int | None = None,
) -> npt.NDArray:
    """Return a seeded forecast of production, integer Wh (int64, same shape as ``actual_wh``).

    ``forecast = round(actual * (1 + error_sd * z))``, ``z ~ N(0, 1)`` clipped to [-3, 3] and
    drawn independently per element, floored at 0 and capped at ``max_wh``. With
    ``error_sd > 0`` the actual output falls short of the forecast in about half of the
    producing slots (the seller then delivers less than it sold).

    Args:
        actual_wh: true production per slot, non-negative integer Wh (any shape).
        seed: an integer or a sequence of integers (e.g. ``[seed, household, panel]``) for
            ``numpy.random.default_rng``.
        error_sd: standard deviation of the relative error, 0..1 (0.15 = 15 %).
        max_wh: optional cap in Wh, e.g. the array's ``capacity_w * slot_seconds / 3600``.

    Raises:
        ValueError: negative or non-integer energies, or ``error_sd`` outside 0..1.
    """
    actual = _energy_array(actual_wh, "actual_wh")
    if not 0 <= error_sd <= MAX_FORECAST_SD:
        raise ValueError(f"error_sd must be within 0..{MAX_FORECAST_SD}, got {error_sd}")
    z = _clipped_normal(np.random.default_rng(seed), actual.shape)
    factor = np.maximum(1 + error_sd * z, 0.0)
    forecast = np.rint(actual * factor).astype(np.int64)
    if max_wh is not None:
        forecast = np.minimum(forecast, max_wh)
    return forecast


def meter_readings(
    true_wh: npt.ArrayLike,
    n_operators: int,
    seed: SeedLike,
    *,
    capacity_w: int,
    slot_seconds: int,
    noise: float = 0.01,
) -> npt.NDArray:
    """Return each oracle operator's reading of a panel's production, integer Wh (int64).

    ``reading[k] = round(true * (1 + noise * z_k))``, ``z_k ~ N(0, 1)`` clipped to [-3, 3],
    independently per operator and element, then clipped to
    ``[0, floor(capacity_w * slot_seconds / 3600)]`` Wh (the panel cannot produce more than its
    nameplate capacity over the slot). So ``|reading - true| <= 3 * noise * true + 0.5``.

    Args:
        true_wh: the panel's true production per slot, integer Wh within the capacity bound.
        n_operators: number of oracle operators, >= 1.
        seed: an integer or a sequence of integers for ``numpy.random.default_rng``.
        capacity_w: the panel's nameplate capacity, W.
        slot_seconds: slot length, s.
        noise: standard deviation of the relative meter error, 0..0.2 (0.01 = 1 %).

    Returns:
        Shape ``(n_operators, *true_wh.shape)``.

    Raises:
        ValueError: invalid arguments, or a true value above the capacity bound.
    """
    true = _energy_array(true_wh, "true_wh")
    if n_operators < 1:
        raise ValueError(f"n_operators must be at least 1, got {n_operators}")
    if not 0 <= noise <= MAX_METER_NOISE:
        raise ValueError(f"noise must be within 0..{MAX_METER_NOISE}, got {noise}")
    if capacity_w <= 0 or slot_seconds <= 0:
        raise ValueError("capacity_w and slot_seconds must be positive")
    bound = capacity_w * slot_seconds // 3600
    if np.any(true > bound):
        raise ValueError(f"true_wh exceeds the capacity bound of {bound} Wh per slot")
    z = _clipped_normal(np.random.default_rng(seed), (n_operators, *true.shape))
    readings = np.rint(true * (1 + noise * z)).astype(np.int64)
    return np.clip(readings, 0, bound)
