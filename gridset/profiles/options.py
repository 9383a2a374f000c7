"""Validation of the community-simulation options (households, date, slot length, seed).

The CLI prints an :class:`OptionError` as its one-line message, without a traceback, so every
message here is a single line that names the option, the accepted range and the value given.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

SECONDS_PER_DAY = 86_400
MIN_SLOT_SECONDS = 300
MAX_SLOT_SECONDS = 3_600
DEFAULT_SLOT_SECONDS = 900
MAX_HOUSEHOLDS = 500
# Slot starts are Unix seconds on chain: keep them positive and well inside a uint64.
MIN_YEAR = 1971
MAX_YEAR = 2100


class OptionError(ValueError):
    """An invalid simulation option; ``str(error)`` is a one-line message for the user."""


@dataclass(frozen=True)
class SimulationOptions:
    """Validated options of one simulated community day.

    Attributes:
        households: number of households, 1..500.
        date: the calendar day simulated (local standard time of the weather site).
        slot_seconds: slot length in seconds (a divisor of 86,400 between 300 and 3,600).
        seed: seed of every random draw (households, forecasts, meter noise), >= 0.
    """

    households: int
    date: dt.date
    slot_seconds: int = DEFAULT_SLOT_SECONDS
    seed: int = 0


def valid_slot_seconds() -> tuple[int, ...]:
    """Return every accepted slot length in seconds: the divisors of 86,400 in [300, 3600]."""
    return tuple(
        s for s in range(MIN_SLOT_SECONDS, MAX_SLOT_SECONDS + 1) if SECONDS_PER_DAY % s == 0
    )


def check_slot_seconds(slot_seconds: object) -> int:
    """Return ``slot_seconds`` (seconds) if it is a divisor of 86,400 in [300, 3600].

    Raises:
        OptionError: not an integer, out of range, or a day is not a whole number of slots.
    """
    if isinstance(slot_seconds, bool) or not isinstance(slot_seconds, int):
        raise OptionError(f"slot length must be an integer number of seconds, got {slot_seconds!r}")
    if not MIN_SLOT_SECONDS <= slot_seconds <= MAX_SLOT_SECONDS:
        raise OptionError(
            f"slot length must be between {MIN_SLOT_SECONDS} and {MAX_SLOT_SECONDS} seconds, "
            f"got {slot_seconds}"
        )
    if SECONDS_PER_DAY % slot_seconds:
        raise OptionError(
            f"slot length must divide a day (86400 s) evenly, got {slot_seconds} "
            f"(e.g. 300, 600, 900, 1800 or 3600)"
        )
    return slot_seconds


def parse_date(value: object) -> dt.date:
    """Return the calendar day for ``value``: a ``datetime.date`` or an ISO string ``YYYY-MM-DD``.

    Raises:
        OptionError: not a real calendar date, or its year is outside 1971..2100.
    """
    if isinstance(value, dt.datetime):
        raise OptionError(f"date must be a calendar day (YYYY-MM-DD), not a time: {value!s}")
    if isinstance(value, dt.date):
        day = value
    elif isinstance(value, str):
        try:
            day = dt.date.fromisoformat(value.strip())
        except ValueError:
            raise OptionError(f"date must be a calendar day as YYYY-MM-DD, got {value!r}") from None
    else:
        raise OptionError(f"date must be a calendar day as YYYY-MM-DD, got {value!r}")
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise OptionError(f"date must lie in the years {MIN_YEAR}..{MAX_YEAR}, got {day}")
    return day


def validate_options(
    households: object,
    date: object,
    slot_seconds: object = DEFAULT_SLOT_SECONDS,
    seed: object = 0,
) -> SimulationOptions:
    """Check the simulation options and return them typed.

    Args:
        households: number of households, an integer in 1..500.
        date: calendar day, ``datetime.date`` or ``YYYY-MM-DD``.
        slot_seconds: slot length in seconds, a divisor of 86,400 in [300, 3600].
        seed: non-negative integer seed.

    Raises:
        OptionError: the first invalid option, with a one-line message.
    """
    if isinstance(households, bool) or not isinstance(households, int):
        raise OptionError(f"households must be an integer, got {households!r}")
    if not 1 <= households <= MAX_HOUSEHOLDS:
        raise OptionError(f"households must be between 1 and {MAX_HOUSEHOLDS}, got {households}")
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise OptionError(f"seed must be a non-negative integer, got {seed!r}")
    return SimulationOptions(
        households=households,
        date=parse_date(date),
        slot_seconds=check_slot_seconds(slot_seconds),
        seed=seed,
    )
