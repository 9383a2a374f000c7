"""Forecast errors and meter noise: seeded, bounded, never negative, never above capacity."""

import datetime as dt

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from gridset.profiles import PanelSpec, forecast_production, meter_readings, panel_production_wh

ENERGY = hnp.arrays(np.int64, st.integers(1, 96), elements=st.integers(0, 2_500))
SEED = st.integers(0, 2**32 - 1)


@settings(max_examples=50, deadline=None)
@given(actual=ENERGY, seed=SEED, sd=st.floats(0, 1))
def test_forecast__any_input__seeded_non_negative_and_bounded(actual, seed, sd):
    forecast = forecast_production(actual, seed, error_sd=sd)
    assert forecast.shape == actual.shape and forecast.dtype == np.int64
    assert np.array_equal(forecast, forecast_production(actual, seed, error_sd=sd))
    assert np.all(forecast >= 0)
    assert np.all(forecast[actual == 0] == 0)
    assert np.all(np.abs(forecast - actual) <= 3 * sd * actual + 0.5)
    capped = forecast_production(actual, seed, error_sd=sd, max_wh=1_000)
    assert np.all(capped <= 1_000)


def test_forecast__real_day__actual_sometimes_falls_short_of_the_forecast():
    actual = panel_production_wh(PanelSpec(6_000, 30, 180), dt.date(2025, 6, 21), 900)
    producing = actual > 20
    forecast = forecast_production(actual, seed=[7, 0, 0], error_sd=0.15)
    short = (forecast > actual)[producing]
    assert 0.2 <= short.mean() <= 0.8
    other = forecast_production(actual, seed=[7, 0, 1], error_sd=0.15)
    assert not np.array_equal(forecast, other)
    assert np.array_equal(forecast_production(actual, seed=1, error_sd=0), actual)


@settings(max_examples=50, deadline=None)
@given(
    data=st.data(),
    n_operators=st.integers(1, 7),
    seed=SEED,
    noise=st.floats(0, 0.2),
    capacity_w=st.integers(1_000, 10_000),
    slot_seconds=st.sampled_from([300, 900, 3600]),
)
def test_meter_readings__any_input__within_zero_and_capacity_bound(
    data, n_operators, seed, noise, capacity_w, slot_seconds
):
    bound = capacity_w * slot_seconds // 3600
    true = data.draw(hnp.arrays(np.int64, st.integers(1, 24), elements=st.integers(0, bound)))
    readings = meter_readings(
        true, n_operators, seed, capacity_w=capacity_w, slot_seconds=slot_seconds, noise=noise
    )
    assert readings.shape == (n_operators, *true.shape) and readings.dtype == np.int64
    assert np.all(readings >= 0)
    assert np.all(readings <= bound)
    assert np.all(np.abs(readings - true) <= 3 * noise * true + 0.5)
    again = meter_readings(
        true, n_operators, seed, capacity_w=capacity_w, slot_seconds=slot_seconds, noise=noise
    )
    assert np.array_equal(readings, again)


def test_meter_readings__operators__disagree_slightly():
    true = np.array([0, 400, 800, 1_200], dtype=np.int64)
    readings = meter_readings(true, 3, seed=4, capacity_w=5_000, slot_seconds=900, noise=0.01)
    assert np.all(readings[:, 0] == 0)
    assert len({tuple(r) for r in readings}) == 3
    exact = meter_readings(true, 3, seed=4, capacity_w=5_000, slot_seconds=900, noise=0)
    assert np.array_equal(exact, np.tile(true, (3, 1)))


def test_meter_readings__near_capacity__clipped_to_bound():
    true = np.full(200, 1_250, dtype=np.int64)  # a 5 kW panel at full output for 900 s
    readings = meter_readings(true, 2, seed=0, capacity_w=5_000, slot_seconds=900, noise=0.05)
    assert readings.max() == 1_250
    assert readings.min() < 1_250


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"true_wh": np.array([1_251])}, "exceeds the capacity bound of 1250 Wh"),
        ({"true_wh": np.array([-1])}, "non-negative"),
        ({"true_wh": np.array([1.5])}, "integer Wh"),
        ({"n_operators": 0}, "n_operators"),
        ({"noise": 0.5}, "noise"),
    ],
)
def test_meter_readings__invalid_input__raises(kwargs, match):
    args = {"true_wh": np.array([100]), "n_operators": 3, "noise": 0.01} | kwargs
    with pytest.raises(ValueError, match=match):
        meter_readings(
            args["true_wh"],
            args["n_operators"],
            0,
            capacity_w=5_000,
            slot_seconds=900,
            noise=args["noise"],
        )


def test_forecast__invalid_sd__raises():
    with pytest.raises(ValueError, match="error_sd"):
        forecast_production(np.array([1]), 0, error_sd=-0.1)
