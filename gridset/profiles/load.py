"""Household consumption per slot from the BDEW standard load profile H0.

Source: demandlib's ``demandlib.bdew.ElecSlp`` (BDEW standard load profiles, 15-minute
resolution, distinguishing workdays, Saturdays and Sundays in winter, summer and transition
seasons). We use its *dynamised* household profile ``h0_dyn``: H0 times the BDEW dynamisation
polynomial of the day of the year, which smooths the seasonal steps. demandlib normalises H0 to
a yearly sum of 1; the dynamisation moves that sum by about 1.6e-5, so we divide by the year's
sum again and a household's year adds up to its annual consumption exactly.

The energy of one quarter hour is ``annual_kwh * 1000 * share`` Wh (power constant within the
quarter hour); 60-minute and other slots aggregate or split those quarter hours. Public holidays
are ignored (every date is a workday, Saturday or Sunday by its weekday). The profile's clock is
taken as the local standard time of the weather site.
"""

from __future__ import annotations

import datetime as dt
import functools

import numpy.typing as npt
from demandlib.bdew import ElecSlp

from gridset.profiles.slots import energy_per_slot_wh

PROFILE = "h0_dyn"
QUARTER_HOUR_SECONDS = 900
QUARTER_HOURS_PER_DAY = 96


@functools.lru_cache(maxsize=4)
def h0_year_shares(year: int) -> npt.NDArray:
    """Return the share of annual consumption in each quarter hour of ``year`` (sums to 1).

    Source: BDEW H0 with dynamisation (demandlib ``ElecSlp(year).slp_frame["h0_dyn"]``),
    renormalised to a yearly sum of exactly 1. Cached: demandlib builds the year in ~0.6 s.
    """
    shares = ElecSlp(year).slp_frame[PROFILE].to_numpy(dtype=float)
    shares = shares / shares.sum()
    shares.flags.writeable = False
    return shares


def h0_day_shares(date: dt.date) -> npt.NDArray:
    """Return the 96 quarter-hour shares of annual consumption falling on ``date`` (unitless)."""
    start = (date.timetuple().tm_yday - 1) * QUARTER_HOURS_PER_DAY
    return h0_year_shares(date.year)[start : start + QUARTER_HOURS_PER_DAY]


def quarter_hour_consumption_wh(annual_kwh: float, date: dt.date) -> npt.NDArray:
    """Return a household's consumption in each quarter hour of ``date``, Wh (floats).

    Args:
        annual_kwh: the household's yearly consumption, kWh/a (BDEW H0 scales linearly).
        date: calendar day.
    """
    if annual_kwh < 0:
        raise ValueError(f"annual consumption must be non-negative, got {annual_kwh} kWh")
    return h0_day_shares(date) * annual_kwh * 1000


def consumption_wh(annual_kwh: float, date: dt.date, slot_seconds: int) -> npt.NDArray:
    """Return a household's consumption per slot of ``date``, integer Wh (int64).

    Each slot is within 1 Wh of the scaled H0 value; the day's total does not depend on the
    slot length.
    """
    return energy_per_slot_wh(
        quarter_hour_consumption_wh(annual_kwh, date), QUARTER_HOUR_SECONDS, slot_seconds
    )
