"""PV production from pvlib's TMY weather through PVWatts: units, physics, conservation."""

import datetime as dt

import numpy as np
import pandas as pd
import pvlib
import pytest

from gridset.profiles import PanelSpec, day_weather, load_tmy, panel_production_wh
from gridset.profiles.pv import DC_AC_RATIO
from gridset.profiles.weather import bundled_tmy_path

JUNE_DAY = dt.date(2025, 6, 21)
SOUTH_5KWP = PanelSpec(capacity_w=5_000, tilt_deg=30, azimuth_deg=180)


def _local_hour_slots(wh: np.ndarray, slot_seconds: int, start_h: float, end_h: float):
    per_hour = 3600 // slot_seconds if slot_seconds <= 3600 else 1
    return wh[int(start_h * per_hour) : int(end_h * per_hour)]


def test_tmy__default_file__is_greensboro_in_local_standard_time():
    data, site = load_tmy()
    assert site.tmy_file == "723170TYA.CSV"
    assert site.name == "GREENSBORO PIEDMONT TRIAD INT"
    assert (site.latitude, site.longitude, site.utc_offset_hours) == (36.1, -79.95, -5.0)
    assert len(data) == 8760


def test_day_weather__minutes__hold_the_irradiance_of_the_hour_they_belong_to():
    # Read the file independently: the row labelled 13:00 covers 12:00-13:00 (hour-ending).
    raw, _ = pvlib.iotools.read_tmy3(str(bundled_tmy_path()), coerce_year=2001)
    weather = day_weather(JUNE_DAY)
    for hour in range(24):
        label = pd.Timestamp(2001, 6, 21, tz=raw.index.tz) + pd.Timedelta(hours=hour + 1)
        minutes = slice(hour * 60, hour * 60 + 60)
        assert np.all(weather.ghi[minutes] == raw.loc[label, "ghi"])
        assert np.all(weather.dhi[minutes] == raw.loc[label, "dhi"])
    # Instantaneous temperature: interpolated between the readings at 12:00 and 13:00.
    noon, one = (pd.Timestamp(2001, 6, 21, h, tz=raw.index.tz) for h in (12, 13))
    t_noon, t_one = raw.loc[noon, "temp_air"], raw.loc[one, "temp_air"]
    assert min(t_noon, t_one) <= weather.temp_air[12 * 60 + 30] <= max(t_noon, t_one)


def test_day_weather__night__has_no_direct_beam_and_sun_below_horizon():
    weather = day_weather(JUNE_DAY)
    night = weather.solar_zenith >= 90
    assert night[: 4 * 60].all() and night[21 * 60 :].all()
    assert np.all(weather.dni[night] == 0)


def test_day_weather__leap_day__uses_the_weather_of_28_february():
    leap = day_weather(dt.date(2024, 2, 29))
    feb28 = day_weather(dt.date(2023, 2, 28))
    assert np.array_equal(leap.ghi, feb28.ghi)
    assert leap.date == dt.date(2024, 2, 29)


def test_production__5_kwp_south_on_june_days__physically_sensible_kwh():
    kwh = [
        panel_production_wh(SOUTH_5KWP, dt.date(2025, 6, day), 900).sum() / 1000
        for day in range(1, 31)
    ]
    assert 10 <= kwh[20] <= 40  # 21 June
    # Every June day of the TMY year: between a dark overcast day and ~8 full-sun hours.
    assert all(5 <= k <= 40 for k in kwh)
    assert 15 <= float(np.mean(kwh)) <= 30


def test_production__night_slots__are_zero():
    wh = panel_production_wh(SOUTH_5KWP, JUNE_DAY, 900)
    assert np.all(_local_hour_slots(wh, 900, 0, 4) == 0)
    assert np.all(_local_hour_slots(wh, 900, 21, 24) == 0)
    assert np.all(_local_hour_slots(wh, 900, 10, 15) > 0)
    winter = panel_production_wh(SOUTH_5KWP, dt.date(2025, 12, 21), 900)
    assert np.all(_local_hour_slots(winter, 900, 0, 6) == 0)
    assert np.all(_local_hour_slots(winter, 900, 18, 24) == 0)


@pytest.mark.parametrize("slot_seconds", [300, 675, 1800, 2400, 3600])
def test_production__slot_length__does_not_change_the_daily_energy(slot_seconds):
    for panel in (SOUTH_5KWP, PanelSpec(3_700, 22, 85), PanelSpec(9_800, 33, 265)):
        quarter_hours = panel_production_wh(panel, JUNE_DAY, 900)
        other = panel_production_wh(panel, JUNE_DAY, slot_seconds)
        assert other.sum() == quarter_hours.sum()
        if 3600 % slot_seconds == 0 or slot_seconds % 900 == 0:
            # Slots of the two grids nest: the coarser one sums the finer one exactly.
            fine, coarse = sorted((900, slot_seconds))
            fine_wh = quarter_hours if fine == 900 else other
            coarse_wh = other if fine == 900 else quarter_hours
            assert np.array_equal(fine_wh.reshape(-1, coarse // fine).sum(axis=1), coarse_wh)


@pytest.mark.parametrize("date", [dt.date(2025, 3, 21), JUNE_DAY, dt.date(2025, 12, 5)])
@pytest.mark.parametrize("slot_seconds", [300, 900, 3600])
def test_production__every_slot__stays_below_the_capacity_bound(date, slot_seconds):
    for capacity in (2_000, 5_000, 10_000):
        for azimuth in (90, 180, 270):
            panel = PanelSpec(capacity, 35, azimuth)
            wh = panel_production_wh(panel, date, slot_seconds)
            assert wh.dtype == np.int64
            assert np.all(wh >= 0)
            assert np.all(wh <= panel.max_slot_wh(slot_seconds))
            # The inverter's AC rating is capacity / DC_AC_RATIO; one Wh for rounding.
            assert np.all(wh <= panel.max_slot_wh(slot_seconds) / DC_AC_RATIO + 1)


def test_production__orientation__east_peaks_before_west():
    east = panel_production_wh(PanelSpec(5_000, 35, 90), JUNE_DAY, 3600)
    west = panel_production_wh(PanelSpec(5_000, 35, 270), JUNE_DAY, 3600)
    # Solar noon in Greensboro is about 12:20 local standard time.
    assert east[:12].sum() > west[:12].sum()
    assert west[13:].sum() > east[13:].sum()


def test_production__capacity__scales_linearly():
    small = panel_production_wh(PanelSpec(2_500, 30, 180), JUNE_DAY, 900)
    large = panel_production_wh(PanelSpec(10_000, 30, 180), JUNE_DAY, 900)
    assert np.all(np.abs(large - 4 * small) <= 5)
    assert abs(large.sum() - 4 * small.sum()) <= 2


def test_production__other_bundled_tmy__uses_its_own_site_and_weather():
    path = str(bundled_tmy_path("703165TY.csv"))
    _, site = load_tmy(path)
    assert site.name == "SAND POINT" and site.utc_offset_hours == -9.0
    alaska = panel_production_wh(SOUTH_5KWP, JUNE_DAY, 900, tmy_path=path)
    greensboro = panel_production_wh(SOUTH_5KWP, JUNE_DAY, 900)
    assert alaska.sum() > 0
    assert not np.array_equal(alaska, greensboro)
