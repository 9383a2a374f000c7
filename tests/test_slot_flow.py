"""One slot end to end on the eth-tester chain (the anvil run is in tests/integration)."""

from __future__ import annotations

import pytest

from gridset.reference.oracle import accepted_wh
from gridset.slot_flow import run_one_slot


@pytest.mark.parametrize(
    ("reports", "quorum", "accepted"),
    [
        ((1000, 1201), 2, 1100),  # even count: floor of the mean of the two middle values
        ((1000, 1200, 900), 2, 1000),
        ((1000,), 2, 0),  # below quorum counts 0
        ((), 1, 0),
        ((5, 1, 9, 7), 3, 6),
    ],
)
def test_expected_accepted_wh__oracle_rule(reports, quorum, accepted):
    assert accepted_wh(reports, quorum) == accepted


def test_run_one_slot__three_operators__median_finalised(suite, installer, alice, operators):
    reports = (1000, 1250, 980)
    outcome = run_one_slot(suite, installer, alice, operators, reports, capacity_w=5000)
    assert outcome.slot % 900 == 0
    assert outcome.reported_wh == reports
    assert (outcome.accepted_wh, outcome.report_count, outcome.quorum_reached) == (1000, 3, True)
    assert outcome.registry_wh == outcome.owner_wh == outcome.slot_total_wh == 1000
    assert outcome.finalized
    assert outcome.finalized_at >= suite.energy_oracle.reportingDeadline(outcome.slot)
    assert suite.panel_nft.ownerOf(outcome.panel_id) == alice


def test_run_one_slot__below_quorum__finalised_at_zero(suite, installer, bob, operators):
    outcome = run_one_slot(suite, installer, bob, operators[:1], (700,))
    assert outcome.reported_wh == (700,)
    assert (outcome.accepted_wh, outcome.report_count, outcome.quorum_reached) == (0, 1, False)
    assert outcome.registry_wh == outcome.owner_wh == 0
    assert outcome.finalized


def test_run_one_slot__reports_operators_mismatch__value_error(suite, installer, bob, operators):
    with pytest.raises(ValueError, match="3 operators but 2 reports"):
        run_one_slot(suite, installer, bob, operators, (1, 2))
