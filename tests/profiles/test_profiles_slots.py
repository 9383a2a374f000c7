"""The slot grid and the cumulative rounding of energy into integer Wh per slot."""

import datetime as dt

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from gridset.profiles import energy_per_slot_wh, slot_starts_unix, valid_slot_seconds

STEP_ENERGIES = hnp.arrays(
    np.float64, 96, elements=st.floats(0, 5_000, allow_nan=False, allow_infinity=False)
)


def test_slot_starts__start_at_local_standard_midnight():
    starts = slot_starts_unix(dt.date(2025, 6, 21), -5.0, 900)
    # 2025-06-21 00:00 at UTC-5 is 05:00 UTC.
    midnight = dt.datetime(2025, 6, 21, 5, tzinfo=dt.timezone.utc)
    assert starts[0] == int(midnight.timestamp())
    assert starts.size == 96
    assert starts.dtype == np.int64
    assert set(np.diff(starts).tolist()) == {900}


@settings(max_examples=60, deadline=None)
@given(energy=STEP_ENERGIES, slot_seconds=st.sampled_from(valid_slot_seconds()))
def test_energy_per_slot__any_slot_length__conserves_the_day_and_stays_within_1_wh(
    energy, slot_seconds
):
    slots = energy_per_slot_wh(energy, 900, slot_seconds)
    assert slots.dtype == np.int64
    assert slots.size == 86_400 // slot_seconds
    assert np.all(slots >= 0)
    assert slots.sum() == np.rint(np.cumsum(energy)[-1])
    # Exact energy per slot, power being constant within each 900 s step.
    exact = np.repeat(energy / 900, 900).reshape(-1, slot_seconds).sum(axis=1)
    assert np.all(np.abs(slots - exact) <= 1 + 1e-9 * exact)


@settings(max_examples=40, deadline=None)
@given(energy=STEP_ENERGIES)
def test_energy_per_slot__hour_slots__equal_the_sum_of_their_quarter_hours(energy):
    quarters = energy_per_slot_wh(energy, 900, 900)
    hours = energy_per_slot_wh(energy, 900, 3600)
    assert np.array_equal(quarters.reshape(24, 4).sum(axis=1), hours)


def test_energy_per_slot__steps_not_covering_a_day__raises():
    with pytest.raises(ValueError, match="do not cover one day"):
        energy_per_slot_wh(np.ones(95), 900, 900)


def test_energy_per_slot__negative_energy__raises():
    energy = np.ones(96)
    energy[3] = -1
    with pytest.raises(ValueError, match="non-negative"):
        energy_per_slot_wh(energy, 900, 900)
