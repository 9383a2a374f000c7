"""Option validation: accepted ranges and one-line OptionError messages."""

import datetime as dt

import pytest

from gridset.profiles import OptionError, valid_slot_seconds, validate_options


def test_validate_options__valid__returns_typed_options():
    options = validate_options(20, "2025-06-21", 900, 7)
    assert options.households == 20
    assert options.date == dt.date(2025, 6, 21)
    assert options.slot_seconds == 900
    assert options.seed == 7


def test_validate_options__date_object_and_bounds__accepted():
    assert validate_options(1, dt.date(2024, 2, 29), 3600).date == dt.date(2024, 2, 29)
    assert validate_options(500, " 2025-01-01 ", 300).households == 500


def test_valid_slot_seconds__are_the_divisors_of_a_day_between_300_and_3600():
    slots = valid_slot_seconds()
    assert {300, 600, 900, 1800, 3600} <= set(slots)
    assert all(300 <= s <= 3600 and 86_400 % s == 0 for s in slots)
    assert 700 not in slots
    for s in slots:
        assert validate_options(1, "2025-06-21", s).slot_seconds == s


@pytest.mark.parametrize(
    ("households", "date", "slot_seconds", "seed", "fragment"),
    [
        (0, "2025-06-21", 900, 0, "households must be between 1 and 500, got 0"),
        (501, "2025-06-21", 900, 0, "households must be between 1 and 500, got 501"),
        ("20", "2025-06-21", 900, 0, "households must be an integer"),
        (True, "2025-06-21", 900, 0, "households must be an integer"),
        (20, "2025-02-30", 900, 0, "date must be a calendar day as YYYY-MM-DD"),
        (20, "21.06.2025", 900, 0, "date must be a calendar day as YYYY-MM-DD"),
        (20, 20250621, 900, 0, "date must be a calendar day as YYYY-MM-DD"),
        (20, dt.datetime(2025, 6, 21, 12), 900, 0, "not a time"),
        (20, "1969-12-31", 900, 0, "years 1971..2100"),
        (20, "2025-06-21", 299, 0, "between 300 and 3600 seconds, got 299"),
        (20, "2025-06-21", 7200, 0, "between 300 and 3600 seconds, got 7200"),
        (20, "2025-06-21", 700, 0, "must divide a day (86400 s) evenly, got 700"),
        (20, "2025-06-21", 900.0, 0, "slot length must be an integer"),
        (20, "2025-06-21", 900, -1, "seed must be a non-negative integer"),
    ],
)
def test_validate_options__invalid__raises_one_line_option_error(
    households, date, slot_seconds, seed, fragment
):
    with pytest.raises(OptionError) as info:
        validate_options(households, date, slot_seconds, seed)
    message = str(info.value)
    assert fragment in message
    assert "\n" not in message
    assert isinstance(info.value, ValueError)
