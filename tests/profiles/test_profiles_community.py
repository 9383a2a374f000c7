"""The seeded community: reproducibility, data shapes, drawn ranges and build time."""

import datetime as dt
import time

import numpy as np
import pytest

from gridset.profiles import (
    OptionError,
    build_community,
    draw_households,
    load,
    load_tmy,
    pv,
    weather,
)

DATE = "2025-06-21"


def _arrays(community):
    return [
        array
        for h in community.households
        for array in (h.panel_production_wh, h.production_wh, h.consumption_wh)
    ]


def test_build_community__same_inputs__identical_outputs():
    first = build_community(20, DATE, 900, seed=42)
    second = build_community(20, DATE, 900, seed=42)
    assert np.array_equal(first.slot_starts, second.slot_starts)
    assert [h.panels for h in first.households] == [h.panels for h in second.households]
    for a, b in zip(_arrays(first), _arrays(second), strict=True):
        assert np.array_equal(a, b)


def test_build_community__different_seed__different_households():
    first = build_community(20, DATE, 900, seed=1)
    second = build_community(20, DATE, 900, seed=2)
    assert [h.panels for h in first.households] != [h.panels for h in second.households]
    assert not np.array_equal(first.production_wh, second.production_wh)
    assert not np.array_equal(first.consumption_wh, second.consumption_wh)


def test_build_community__shapes_and_units():
    community = build_community(12, DATE, 900, seed=3)
    n_slots = 96
    assert community.n_slots == n_slots
    assert community.date == dt.date(2025, 6, 21)
    assert community.site.name == "GREENSBORO PIEDMONT TRIAD INT"
    assert community.slot_starts[0] == int(
        dt.datetime(2025, 6, 21, 5, tzinfo=dt.timezone.utc).timestamp()
    )
    assert community.production_wh.shape == community.consumption_wh.shape == (12, n_slots)
    for i, household in enumerate(community.households):
        assert household.id == i
        assert household.panel_production_wh.shape == (len(household.panels), n_slots)
        assert household.panel_production_wh.dtype == np.int64
        assert np.array_equal(household.production_wh, household.panel_production_wh.sum(axis=0))
        assert household.consumption_wh.dtype == np.int64
        assert np.all(household.consumption_wh > 0)
        for panel, wh in zip(household.panels, household.panel_production_wh, strict=True):
            assert np.all(wh <= panel.max_slot_wh(900))
        if not household.is_prosumer:
            assert np.all(household.production_wh == 0)
        with pytest.raises(ValueError, match="read-only"):
            household.production_wh[0] = 1


def test_draw_households__quarter_consumers_and_drawn_ranges():
    specs = draw_households(400, seed=5)
    assert sum(1 for s in specs if not s.panels) == 100
    panels = [p for s in specs for p in s.panels]
    assert all(2_000 <= p.capacity_w <= 10_000 and p.capacity_w % 100 == 0 for p in panels)
    assert all(15 <= p.tilt_deg <= 40 for p in panels)
    assert all(80 <= p.azimuth_deg <= 280 for p in panels)
    assert all(1_500 <= s.annual_consumption_kwh <= 6_000 for s in specs)
    azimuths = np.array([p.azimuth_deg for p in panels])
    # East, south and west orientations all occur.
    assert (azimuths < 120).any() and ((azimuths > 150) & (azimuths < 210)).any()
    assert (azimuths > 240).any()
    assert len({s.annual_consumption_kwh for s in specs}) > 20


def test_build_community__slot_length__same_households_same_daily_energy():
    quarter = build_community(20, DATE, 900, seed=9)
    hourly = build_community(20, DATE, 3600, seed=9)
    assert hourly.n_slots == 24
    for q, h in zip(quarter.households, hourly.households, strict=True):
        assert q.panels == h.panels
        assert np.array_equal(q.production_wh.reshape(24, 4).sum(axis=1), h.production_wh)
        assert np.array_equal(q.consumption_wh.reshape(24, 4).sum(axis=1), h.consumption_wh)


def test_build_community__invalid_option__raises_option_error():
    with pytest.raises(OptionError, match="households must be between 1 and 500"):
        build_community(0, DATE)
    with pytest.raises(OptionError, match="slot length"):
        build_community(5, DATE, 1000)


def test_build_community__20_households_one_day__builds_in_well_under_seconds():
    for cached in (load_tmy, weather.day_weather, pv.specific_ac_power, load.h0_year_shares):
        cached.cache_clear()
    start = time.perf_counter()
    community = build_community(20, "2025-07-04", 900, seed=11)
    elapsed = time.perf_counter() - start
    assert len(community.households) == 20
    # About 1 s from cold caches on a 2-core machine (TMY read and BDEW year dominate).
    assert elapsed < 5.0
