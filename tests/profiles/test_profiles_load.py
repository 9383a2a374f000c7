"""Household consumption from demandlib's BDEW H0 profile, scaled by annual consumption."""

import datetime as dt

import numpy as np
import pytest
from demandlib.bdew import ElecSlp

from gridset.profiles import consumption_wh, h0_day_shares

SATURDAY = dt.date(2025, 6, 21)


def test_consumption__quarter_hours__match_demandlib_scaled_profile():
    annual_kwh = 4_000
    # demandlib's own scaling: get_profile gives mean power (kW for kWh/a) per quarter hour.
    power_kw = ElecSlp(2025).get_profile({"h0_dyn": annual_kwh})["h0_dyn"]
    expected_wh = power_kw.loc[str(SATURDAY)].to_numpy() * 1000 / 4
    wh = consumption_wh(annual_kwh, SATURDAY, 900)
    assert wh.dtype == np.int64 and wh.size == 96
    # Within 1 Wh (cumulative rounding) plus demandlib's 1.6e-5 non-normalised year.
    assert np.all(np.abs(wh - expected_wh) <= 1)


@pytest.mark.parametrize("annual_kwh", [3_500, 1_000_000])
def test_consumption__whole_year__adds_up_to_the_annual_consumption(annual_kwh):
    day = dt.date(2025, 1, 1)
    total = 0
    while day.year == 2025:
        total += int(consumption_wh(annual_kwh, day, 3600).sum())
        day += dt.timedelta(days=1)
    # Each day's total is rounded to the Wh: at most half a Wh off per day.
    assert abs(total - annual_kwh * 1000) <= 365 * 0.5


@pytest.mark.parametrize("date", [dt.date(2025, 1, 15), SATURDAY, dt.date(2024, 2, 29)])
def test_consumption__daily_total__is_annual_times_the_days_h0_share(date):
    for annual_kwh in (1_500, 4_200, 6_000):
        daily = consumption_wh(annual_kwh, date, 900).sum()
        assert abs(daily - annual_kwh * 1000 * h0_day_shares(date).sum()) <= 0.5
        # A day of H0 is between ~0.7 and ~1.4 times the average day.
        assert 0.7 <= daily / (annual_kwh * 1000 / 365) <= 1.4


def test_consumption__annual_consumption__scales_linearly():
    small = consumption_wh(1_500, SATURDAY, 900)
    large = consumption_wh(6_000, SATURDAY, 900)
    assert np.all(np.abs(large - 4 * small) <= 5)


def test_consumption__winter_day__exceeds_summer_day():
    # BDEW H0 with dynamisation: winter households use more than summer households.
    winter = consumption_wh(4_000, dt.date(2025, 1, 18), 900).sum()  # a Saturday
    assert winter > consumption_wh(4_000, SATURDAY, 900).sum() * 1.2


def test_consumption__weekday_shape__evening_peak_above_night():
    wh = consumption_wh(4_000, dt.date(2025, 6, 18), 3600)  # a Wednesday
    assert wh[19] > 2 * wh[3]


@pytest.mark.parametrize("slot_seconds", [300, 675, 1800, 3600])
def test_consumption__slot_length__keeps_the_daily_total(slot_seconds):
    quarter_hours = consumption_wh(4_000, SATURDAY, 900)
    other = consumption_wh(4_000, SATURDAY, slot_seconds)
    assert other.sum() == quarter_hours.sum()
    if slot_seconds % 900 == 0:
        assert np.array_equal(quarter_hours.reshape(-1, slot_seconds // 900).sum(axis=1), other)


def test_consumption__negative_annual__raises():
    with pytest.raises(ValueError, match="non-negative"):
        consumption_wh(-1, SATURDAY, 900)
