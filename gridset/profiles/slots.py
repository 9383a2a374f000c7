"""The slot grid of one day and the conversion of fine-grained energy into integer Wh per slot.

A day at the weather site is cut into ``86400 / slot_seconds`` slots starting at local midnight
(local *standard* time, the clock of the TMY file: no daylight saving). Energy series enter as
energy per fixed step (constant power within a step) and leave as integer watt-hours per slot.

Rounding is done on the *cumulative* energy (``wh[i] = round(E(t[i+1])) - round(E(t[i]))``), so
every slot is within 1 Wh of its exact value, no slot is negative, the day's total is
``round(total)`` whatever the slot length, and four 900 s slots add up exactly to the 3600 s slot
that covers them.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import numpy.typing as npt

from gridset.profiles.options import SECONDS_PER_DAY, check_slot_seconds


def site_timezone(utc_offset_hours: float) -> dt.timezone:
    """Return the fixed-offset time zone of a site whose local standard time is UTC+offset hours."""
    return dt.timezone(dt.timedelta(hours=utc_offset_hours))


def day_start_unix(date: dt.date, utc_offset_hours: float) -> int:
    """Return the Unix time (s) of local midnight starting ``date`` at a UTC+offset (hours) site."""
    midnight = dt.datetime.combine(date, dt.time(0), tzinfo=site_timezone(utc_offset_hours))
    return int(midnight.timestamp())


def slot_starts_unix(date: dt.date, utc_offset_hours: float, slot_seconds: int) -> npt.NDArray:
    """Return the Unix times (s, int64) of the starts of the day's slots of ``slot_seconds`` s."""
    check_slot_seconds(slot_seconds)
    start = day_start_unix(date, utc_offset_hours)
    return start + np.arange(0, SECONDS_PER_DAY, slot_seconds, dtype=np.int64)


def energy_per_slot_wh(
    step_energy_wh: npt.ArrayLike, step_seconds: int, slot_seconds: int
) -> npt.NDArray:
    """Return integer Wh per slot (int64) from the energy of equal steps covering one day.

    Args:
        step_energy_wh: energy in Wh of each of the ``86400 / step_seconds`` consecutive steps
            from local midnight; power is taken as constant within a step (so a slot boundary
            inside a step splits its energy in proportion to time).
        step_seconds: length of one step in seconds (60 for PV, 900 for BDEW load).
        slot_seconds: slot length in seconds.

    Raises:
        ValueError: the steps do not cover exactly one day, or an energy is negative or not finite.
    """
    check_slot_seconds(slot_seconds)
    energy = np.asarray(step_energy_wh, dtype=float)
    if energy.ndim != 1 or energy.size * step_seconds != SECONDS_PER_DAY:
        raise ValueError(
            f"{energy.size} steps of {step_seconds} s do not cover one day of {SECONDS_PER_DAY} s"
        )
    if not np.all(np.isfinite(energy)) or np.any(energy < 0):
        raise ValueError("step energies must be finite and non-negative (Wh)")
    cumulative = np.concatenate(([0.0], np.cumsum(energy)))
    step_edges = np.arange(energy.size + 1) * step_seconds
    slot_edges = np.arange(0, SECONDS_PER_DAY + 1, slot_seconds)
    at_edges = np.maximum.accumulate(np.interp(slot_edges, step_edges, cumulative))
    return np.diff(np.rint(at_edges)).astype(np.int64)
