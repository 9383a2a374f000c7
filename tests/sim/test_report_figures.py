"""The day's gas figures (issue 11): per household and slot, per kWh traded, per 30 M-gas block."""

from types import SimpleNamespace

from gridset.oracle_aggregate import build_report
from gridset.sim.report import BLOCK_GAS, DayGasFigures, day_gas_figures


def _sim(households, slots, summary):
    """A finished run's shape: configuration, slot records and module summaries (their gas)."""
    summaries = {name: SimpleNamespace(**fields) for name, fields in summary.items()}
    return SimpleNamespace(
        config=SimpleNamespace(households=households), records=[None] * slots, summary=summaries
    )


def test_day_gas_figures__oracle_and_market_gas_per_household_slot_and_kwh():
    summary = {
        "oracle": {"gas": {"report": 600_000, "finalise": 200_000}},
        "market": {"gas": {"orders": 3_000_000, "settle": 1_000_000}, "cleared_wh": 2_500},
        "governance": {"gas": {"vote": 9_999_999}},  # not part of the figure
    }
    figures = day_gas_figures(_sim(households=20, slots=4, summary=summary))
    assert figures == DayGasFigures(
        gas_per_household_slot=4_800_000 // 80,
        gas_per_kwh_traded=round(4_800_000 / 2.5),
        households_per_block=BLOCK_GAS // 60_000,
        gas_counted={"oracle": 800_000, "market": 4_000_000},
    )


def test_day_gas_figures__nothing_traded__no_per_kwh_figure():
    summary = {"oracle": {"gas": {"report": 1_000}}, "market": {"gas": {}, "cleared_wh": 0}}
    figures = day_gas_figures(_sim(households=1, slots=1, summary=summary))
    assert figures.gas_per_kwh_traded is None
    assert figures.gas_per_household_slot == 1_000


def test_build_report__medians_within_bound_and_quorum__seat_order():
    # Panel 0: three readings, median 1000. Panel 1: one reading above the bound leaves two,
    # floor of their mean. Panel 2: below quorum after the bound. Panel 3: not registered.
    readings = {3: [990, 1300, 5, 1], 1: [1000, 1000, 6, 1], 2: [1010, 1001, 1300, 1]}
    report = build_report(900, 0, readings, 2, [1250, 1250, 5, None])
    assert report.observers == 0b111
    # Panels 2 and 3 and the last word's 4 padding places read NO_READING (all ones).
    assert report.medians == [(1000 << 224) | (1000 << 192) | (2**192 - 1)]
    assert len(report.readings) == 3  # one word per observer, seat 1 first
    assert report.readings[0] >> 224 == 1000
    assert report.readings[2] >> 224 == 990
