"""EnergyOracle: multi-operator reports, median at quorum, windows, finalisation, deviations."""

import ape
import pytest
from eth_utils import keccak

SLOT = 900
WINDOW = 1800
CAP_WH = 1250  # 5000 W for 900 s


@pytest.fixture
def panel(registered_panel, alice):
    return registered_panel(alice, 5000)


@pytest.fixture
def after_slot(panel, warp, slot):
    """Register `panel`, then move time to just after the slot ended (reports open)."""
    warp(slot + SLOT)
    return slot


def test_report__below_quorum__stored_but_not_accepted(
    oracle, registry, operators, panel, after_slot
):
    tx = oracle.reportProduction(panel, after_slot, 1000, sender=operators[0])
    assert tx.events == [oracle.ProductionReported(panel, after_slot, 1000, operators[0])]
    report = oracle.getProductionReport(panel, after_slot)
    assert (report.energyWh, report.reportCount, report.quorumReached) == (0, 1, False)
    assert oracle.getOperatorReport(panel, after_slot, operators[0]) == (True, 1000)
    assert registry.productionOf(panel, after_slot) == 0


def test_report__quorum_reached__median_written_to_registry(
    oracle, registry, operators, panel, alice, after_slot
):
    oracle.reportProduction(panel, after_slot, 1000, sender=operators[0])
    tx = oracle.reportProduction(panel, after_slot, 1201, sender=operators[1])
    # Two reports: floor of the mean of the two middle values.
    assert tx.events == [
        oracle.ProductionReported(panel, after_slot, 1201, operators[1]),
        registry.ProductionReported(panel, after_slot, 1100),
    ]
    assert registry.productionOf(panel, after_slot) == 1100
    assert registry.ownerProductionOf(alice, after_slot) == 1100
    assert oracle.getTotalProductionInSlot(after_slot) == 1100


def test_report__third_operator__median_replaces_value_without_double_count(
    oracle, registry, operators, panel, alice, after_slot
):
    for op, wh in zip(operators, [1000, 1200, 900], strict=True):
        oracle.reportProduction(panel, after_slot, wh, sender=op)
    assert registry.productionOf(panel, after_slot) == 1000
    assert registry.getTotalProduction(panel) == 1000
    assert registry.ownerProductionOf(alice, after_slot) == 1000
    assert oracle.getTotalProductionInSlot(after_slot) == 1000


def test_report__correction_by_same_operator__replaces_its_own_report(
    oracle, registry, operators, panel, after_slot
):
    for op, wh in zip(operators, [1000, 1200, 900], strict=True):
        oracle.reportProduction(panel, after_slot, wh, sender=op)
    oracle.reportProduction(panel, after_slot, 1250, sender=operators[0])
    report = oracle.getProductionReport(panel, after_slot)
    assert (report.energyWh, report.reportCount) == (1200, 3)
    assert oracle.getTotalProductionInSlot(after_slot) == 1200
    assert registry.getPanelRecord(panel).totalEnergyProduced == 1200
    assert registry.getPanelRecord(panel).lastReportTimestamp == after_slot


def test_report__above_capacity_bound__reverts(oracle, operators, panel, after_slot):
    with ape.reverts(
        oracle.EnergyOracleExceedsCapacity, panelId=panel, energyWh=CAP_WH + 1, maxEnergyWh=CAP_WH
    ):
        oracle.reportProduction(panel, after_slot, CAP_WH + 1, sender=operators[0])
    oracle.reportProduction(panel, after_slot, CAP_WH, sender=operators[0])


def test_report__unregistered_panel__reverts(oracle, operators, mint_panel, alice, after_slot):
    panel = mint_panel(alice)
    with ape.reverts(oracle.EnergyOraclePanelNotRegistered, panelId=panel, slot=after_slot):
        oracle.reportProduction(panel, after_slot, 10, sender=operators[0])


def test_report__panel_registered_after_slot_start__reverts(
    oracle, operators, registered_panel, alice, warp, slot
):
    warp(slot + 10)
    panel = registered_panel(alice)
    warp(slot + SLOT)
    with ape.reverts(oracle.EnergyOraclePanelNotRegistered, panelId=panel, slot=slot):
        oracle.reportProduction(panel, slot, 10, sender=operators[0])


def test_report__panel_deregistered_during_slot__reverts(
    oracle, registry, operators, panel, alice, warp, slot
):
    warp(slot + 100)
    registry.deregisterPanel(panel, sender=alice)
    warp(slot + SLOT)
    with ape.reverts(oracle.EnergyOraclePanelNotRegistered, panelId=panel, slot=slot):
        oracle.reportProduction(panel, slot, 10, sender=operators[0])


def test_report__panel_deregistered_after_slot_end__still_accepted(
    oracle, registry, operators, panel, alice, after_slot
):
    registry.deregisterPanel(panel, sender=alice)
    oracle.reportProduction(panel, after_slot, 10, sender=operators[0])
    oracle.reportProduction(panel, after_slot, 10, sender=operators[1])
    assert registry.ownerProductionOf(alice, after_slot) == 10


def test_report__panel_retired_during_slot__reverts(
    oracle, nft, operators, panel, alice, warp, slot
):
    warp(slot + 100)
    nft.retire(panel, sender=alice)
    warp(slot + SLOT)
    with ape.reverts(oracle.EnergyOraclePanelNotRegistered, panelId=panel, slot=slot):
        oracle.reportProduction(panel, slot, 10, sender=operators[0])


def test_report__slot_not_ended__reverts(oracle, operators, panel, warp, slot):
    warp(slot + SLOT - 1)
    with ape.reverts(
        oracle.EnergyOracleSlotNotEnded, slot=slot, endTime=slot + SLOT, nowTime=slot + SLOT - 1
    ):
        oracle.reportProduction(panel, slot, 10, sender=operators[0])


def test_report__misaligned_slot__reverts(oracle, operators, panel, after_slot):
    with ape.reverts(oracle.EnergyOracleSlotMisaligned, slot=after_slot + 1, slotLength=SLOT):
        oracle.reportProduction(panel, after_slot + 1, 10, sender=operators[0])


def test_report__after_window__reverts(oracle, operators, panel, warp, slot):
    deadline = slot + SLOT + WINDOW
    warp(deadline)
    with ape.reverts(
        oracle.EnergyOracleReportingClosed, slot=slot, deadline=deadline, nowTime=deadline
    ):
        oracle.reportProduction(panel, slot, 10, sender=operators[0])


def test_report__after_finalisation_even_if_window_reopened__reverts(
    oracle, deployer, operators, panel, warp, slot
):
    warp(slot + SLOT + WINDOW)
    oracle.finalizeTimeSlot(slot, sender=operators[0])
    oracle.setReportingWindow(7 * 86400, sender=deployer)
    with ape.reverts(oracle.EnergyOracleSlotFinalized, slot=slot):
        oracle.reportProduction(panel, slot, 10, sender=operators[0])


def test_report__not_operator__reverts(oracle, attacker, panel, after_slot):
    with ape.reverts(oracle.EnergyOracleNotOperator, caller=attacker):
        oracle.reportProduction(panel, after_slot, 10, sender=attacker)


def test_batch__reports_many_panels(
    oracle, registry, operators, registered_panel, alice, bob, warp, slot
):
    panels = [registered_panel(alice), registered_panel(alice), registered_panel(bob)]
    warp(slot + SLOT)
    for op in operators[:2]:
        tx = oracle.reportProductionBatch(slot, panels, [100, 200, 300], sender=op)
    assert len(tx.events.filter(registry.ProductionReported)) == 3
    assert registry.ownerProductionOf(alice, slot) == 300
    assert registry.ownerProductionOf(bob, slot) == 300
    assert oracle.getTotalProductionInSlot(slot) == 600


def test_batch__length_mismatch__reverts(oracle, operators, after_slot):
    with ape.reverts(oracle.EnergyOracleBatchLengthMismatch, panels=2, values=1):
        oracle.reportProductionBatch(after_slot, [1, 2], [5], sender=operators[0])


@pytest.mark.parametrize("size", [0, 401])
def test_batch__empty_or_too_large__reverts(oracle, operators, after_slot, size):
    with ape.reverts(oracle.EnergyOracleInvalidBatchSize, size=size, maxSize=400):
        oracle.reportProductionBatch(after_slot, [1] * size, [0] * size, sender=operators[0])


def test_batch__one_bad_panel__skipped_with_event_others_reported(
    oracle, registry, operators, registered_panel, mint_panel, alice, bob, warp, slot
):
    good = registered_panel(alice)
    unregistered = mint_panel(bob)
    warp(slot + SLOT)
    tx = oracle.reportProductionBatch(
        slot, [good, unregistered, good], [5, 10, CAP_WH + 1], sender=operators[0]
    )
    not_registered = keccak(text="EnergyOraclePanelNotRegistered(uint256,uint256)")[:4]
    exceeds = keccak(text="EnergyOracleExceedsCapacity(uint256,uint256,uint256)")[:4]
    assert tx.events == [
        oracle.ProductionReported(good, slot, 5, operators[0]),
        oracle.ProductionReportSkipped(unregistered, slot, operators[0], not_registered),
        oracle.ProductionReportSkipped(good, slot, operators[0], exceeds),
    ]
    assert oracle.getOperatorReport(good, slot, operators[0]) == (True, 5)


def test_batch_poisoning__reregistered_panel__batch_goes_through_for_everyone(
    oracle, registry, operators, registered_panel, alice, bob, attacker, warp, slot
):
    """Issue 9.2: after the slot ended, a panel owner deregisters and re-registers its panel. The
    registration in force during the slot still covers it, so nothing is rejected, no batch
    reverts, and the honest sellers get their production."""
    honest = [registered_panel(alice), registered_panel(bob)]
    poisoned = registered_panel(attacker)
    warp(slot + SLOT)
    registry.deregisterPanel(poisoned, sender=attacker)
    registry.registerPanel(poisoned, attacker, 5000, sender=attacker)
    assert registry.registrationCount(poisoned) == 2
    for op in operators[:2]:
        tx = oracle.reportProductionBatch(slot, [*honest, poisoned], [400, 500, 600], sender=op)
        assert not tx.events.filter(oracle.ProductionReportSkipped)
    assert registry.ownerProductionOf(alice, slot) == 400
    assert registry.ownerProductionOf(bob, slot) == 500
    assert registry.ownerProductionOf(attacker, slot) == 600
    # The new registration starts after the slot: only the old one covers it.
    assert registry.registrationAt(poisoned, slot) == (attacker, 5000)
    assert registry.registrationAt(poisoned, slot + SLOT) == (ape.utils.ZERO_ADDRESS, 0)


def test_registration_periods__panel_moved_to_new_owner__ended_slot_keeps_old_owner(
    oracle, registry, nft, operators, registered_panel, alice, bob, warp, slot
):
    panel = registered_panel(alice)
    warp(slot + SLOT)
    registry.deregisterPanel(panel, sender=alice)
    nft.transferFrom(alice, bob, panel, sender=alice)
    registry.registerPanel(panel, bob, 5000, sender=bob)
    for op in operators[:2]:
        oracle.reportProduction(panel, slot, 700, sender=op)
    assert registry.ownerProductionOf(alice, slot) == 700
    assert registry.ownerProductionOf(bob, slot) == 0


def test_registration_periods__many_cycles__binary_search_finds_each_period(
    registry, registered_panel, alice, warp, slot
):
    panel = registered_panel(alice)
    for k in range(1, 5):
        warp(slot + k * SLOT + 100)
        registry.deregisterPanel(panel, sender=alice)
        registry.registerPanel(panel, alice, 5000, sender=alice)
    assert registry.registrationCount(panel) == 5
    # The first slot lies in the first (past) period; the next four are cut by a (de)registration.
    assert registry.registrationAt(panel, slot) == (alice, 5000)
    for k in range(1, 5):
        assert registry.registrationAt(panel, slot + k * SLOT) == (ape.utils.ZERO_ADDRESS, 0)
    assert registry.registrationAt(panel, slot + 5 * SLOT) == (alice, 5000)


def test_finalize__after_window__freezes_and_reports_coverage(
    oracle, operators, registered_panel, alice, bob, warp, slot
):
    with_quorum = registered_panel(alice)
    lone = registered_panel(bob)
    warp(slot + SLOT)
    oracle.reportProductionBatch(slot, [with_quorum, lone], [700, 300], sender=operators[0])
    oracle.reportProduction(with_quorum, slot, 800, sender=operators[1])
    warp(slot + SLOT + WINDOW)
    tx = oracle.finalizeTimeSlot(slot, sender=bob)
    assert tx.events == [oracle.TimeSlotFinalized(slot, 750), oracle.TimeSlotCoverage(slot, 2, 1)]
    data = oracle.getTimeSlotData(slot)
    assert (data.startTime, data.endTime, data.totalEnergy, data.finalized) == (
        slot,
        slot + SLOT,
        750,
        True,
    )
    assert oracle.isTimeSlotFinalized(slot)
    assert oracle.finalizedAt(slot) == slot + SLOT + WINDOW


def test_finalize__before_window_closes__reverts(oracle, alice, warp, slot):
    deadline = slot + SLOT + WINDOW
    warp(deadline - 1)
    with ape.reverts(
        oracle.EnergyOracleReportingOpen, slot=slot, deadline=deadline, nowTime=deadline - 1
    ):
        oracle.finalizeTimeSlot(slot, sender=alice)


def test_finalize__twice__reverts(oracle, alice, warp, slot):
    warp(slot + SLOT + WINDOW)
    oracle.finalizeTimeSlot(slot, sender=alice)
    with ape.reverts(oracle.EnergyOracleSlotFinalized, slot=slot):
        oracle.finalizeTimeSlot(slot, sender=alice)


def test_finalize__misaligned__reverts(oracle, alice, slot):
    with ape.reverts(oracle.EnergyOracleSlotMisaligned, slot=slot + 5, slotLength=SLOT):
        oracle.finalizeTimeSlot(slot + 5, sender=alice)


def test_quorum__fixed_per_slot_at_first_report(oracle, deployer, operators, panel, after_slot):
    oracle.reportProduction(panel, after_slot, 1000, sender=operators[0])
    oracle.setQuorum(3, sender=deployer)
    oracle.reportProduction(panel, after_slot, 1100, sender=operators[1])
    assert oracle.getProductionReport(panel, after_slot).energyWh == 1050


def test_operators__add_remove_and_seats(oracle, deployer, operators, alice):
    assert oracle.getOperators() == [op.address for op in operators]
    tx = oracle.addOperator(alice, sender=deployer)
    assert tx.events == [oracle.OperatorAdded(alice, 4)]
    tx = oracle.removeOperator(operators[1], sender=deployer)
    assert tx.events == [oracle.OperatorRemoved(operators[1], 2)]
    assert not oracle.isOperator(operators[1])
    assert oracle.seatOf(alice) == 4


def test_add_operator__existing__reverts(oracle, deployer, operators):
    with ape.reverts(oracle.EnergyOracleOperatorExists, operator=operators[0]):
        oracle.addOperator(operators[0], sender=deployer)


def test_add_operator__zero__reverts(oracle, deployer):
    with ape.reverts(oracle.EnergyOracleInvalidParameter):
        oracle.addOperator(ape.utils.ZERO_ADDRESS, sender=deployer)


def test_add_operator__eighth__reverts(oracle, deployer, accounts):
    for account in accounts[5:9]:
        oracle.addOperator(account, sender=deployer)
    with ape.reverts(oracle.EnergyOracleTooManyOperators, maxOperators=7):
        oracle.addOperator(accounts[9], sender=deployer)


def test_add_operator__not_admin__reverts(oracle, attacker):
    with ape.reverts(oracle.AccessControlUnauthorizedAccount):
        oracle.addOperator(attacker, sender=attacker)


def test_remove_operator__unknown__reverts(oracle, deployer, alice):
    with ape.reverts(oracle.EnergyOracleUnknownOperator, operator=alice):
        oracle.removeOperator(alice, sender=deployer)


def test_remove_operator__below_quorum__reverts(oracle, deployer, operators):
    oracle.setQuorum(3, sender=deployer)
    with ape.reverts(oracle.EnergyOracleInvalidQuorum, quorum=3, operatorCount=2):
        oracle.removeOperator(operators[0], sender=deployer)


@pytest.mark.parametrize("quorum", [0, 4])
def test_set_quorum__out_of_range__reverts(oracle, deployer, quorum):
    with ape.reverts(oracle.EnergyOracleInvalidQuorum, quorum=quorum, operatorCount=3):
        oracle.setQuorum(quorum, sender=deployer)


@pytest.mark.parametrize("window", [59, 7 * 86400 + 1])
def test_set_reporting_window__out_of_range__reverts(oracle, deployer, window):
    with ape.reverts(oracle.EnergyOracleInvalidParameter):
        oracle.setReportingWindow(window, sender=deployer)


def test_set_deviation_tolerance__above_100_percent__reverts(oracle, deployer):
    with ape.reverts(oracle.EnergyOracleInvalidParameter):
        oracle.setDeviationTolerance(10_001, 0, sender=deployer)


def test_parameter_setters__emit_events(oracle, deployer):
    assert oracle.setQuorum(3, sender=deployer).events == [oracle.QuorumUpdated(3)]
    assert oracle.setReportingWindow(600, sender=deployer).events == [
        oracle.ReportingWindowUpdated(600)
    ]
    tx = oracle.setDeviationTolerance(100, 5, sender=deployer)
    assert tx.events == [oracle.DeviationToleranceUpdated(100, 5)]
    assert oracle.deviationTolerance() == (100, 5)


def test_update_oracle__rotates_key_keeping_seat_and_reports(
    oracle, operators, panel, alice, after_slot
):
    oracle.reportProduction(panel, after_slot, 1000, sender=operators[0])
    tx = oracle.updateOracle(alice, sender=operators[0])
    assert tx.events == [oracle.OracleUpdated(operators[0], alice)]
    assert oracle.seatOf(alice) == 1
    assert not oracle.isOperator(operators[0])
    assert oracle.getOperatorReport(panel, after_slot, alice) == (True, 1000)


def test_update_oracle__to_existing_operator__reverts(oracle, operators):
    with ape.reverts(oracle.EnergyOracleOperatorExists, operator=operators[1]):
        oracle.updateOracle(operators[1], sender=operators[0])


def test_update_oracle__to_zero__reverts(oracle, operators):
    with ape.reverts(oracle.EnergyOracleInvalidParameter):
        oracle.updateOracle(ape.utils.ZERO_ADDRESS, sender=operators[0])


@pytest.fixture
def finalised_slot(oracle, operators, panel, warp, slot):
    """Reports 1000, 1010 and 1200 (median 1010), then finalised."""
    warp(slot + SLOT)
    for op, wh in zip(operators, [1000, 1010, 1200], strict=True):
        oracle.reportProduction(panel, slot, wh, sender=op)
    warp(slot + SLOT + WINDOW)
    oracle.finalizeTimeSlot(slot, sender=operators[0])
    return slot


def test_flag_deviation__beyond_tolerance__emits_and_counts(
    oracle, operators, panel, finalised_slot, bob
):
    tx = oracle.flagDeviation(finalised_slot, panel, operators[2], sender=bob)
    assert tx.events == [oracle.OperatorDeviated(operators[2], panel, finalised_slot, 1200, 1010)]
    assert oracle.deviationCount(operators[2]) == 1


def test_flag_deviation__twice__reverts(oracle, operators, panel, finalised_slot, bob):
    oracle.flagDeviation(finalised_slot, panel, operators[2], sender=bob)
    with ape.reverts(
        oracle.EnergyOracleAlreadyFlagged, operator=operators[2], panelId=panel, slot=finalised_slot
    ):
        oracle.flagDeviation(finalised_slot, panel, operators[2], sender=bob)


def test_flag_deviation__within_tolerance__reverts(oracle, operators, panel, finalised_slot, bob):
    # Tolerance max(1010 * 5 %, 10 Wh) = 50 Wh.
    with ape.reverts(
        oracle.EnergyOracleWithinTolerance, reportedWh=1000, acceptedWh=1010, toleranceWh=50
    ):
        oracle.flagDeviation(finalised_slot, panel, operators[0], sender=bob)


def test_flag_deviation__not_finalised__reverts(oracle, operators, panel, slot, bob):
    with ape.reverts(oracle.EnergyOracleSlotNotFinalized, slot=slot):
        oracle.flagDeviation(slot, panel, operators[0], sender=bob)


def test_flag_deviation__unknown_operator__reverts(oracle, panel, finalised_slot, bob):
    with ape.reverts(oracle.EnergyOracleUnknownOperator, operator=bob):
        oracle.flagDeviation(finalised_slot, panel, bob, sender=bob)


def test_flag_deviation__no_report__reverts(
    oracle, operators, registered_panel, carol, finalised_slot, bob
):
    other = registered_panel(carol)
    with ape.reverts(
        oracle.EnergyOracleNoReport, operator=operators[0], panelId=other, slot=finalised_slot
    ):
        oracle.flagDeviation(finalised_slot, other, operators[0], sender=bob)


def test_flag_deviation__seat_taken_after_slot__reverts(
    oracle, deployer, operators, panel, finalised_slot, alice, bob
):
    oracle.removeOperator(operators[2], sender=deployer)
    oracle.addOperator(alice, sender=deployer)
    with ape.reverts(
        oracle.EnergyOracleNoReport, operator=alice, panelId=panel, slot=finalised_slot
    ):
        oracle.flagDeviation(finalised_slot, panel, alice, sender=bob)


def test_flag_deviation__quorum_not_reached__reverts(oracle, operators, panel, warp, slot, bob):
    warp(slot + SLOT)
    oracle.reportProduction(panel, slot, 900, sender=operators[0])
    warp(slot + SLOT + WINDOW)
    oracle.finalizeTimeSlot(slot, sender=bob)
    with ape.reverts(oracle.EnergyOracleQuorumNotReached, panelId=panel, slot=slot):
        oracle.flagDeviation(slot, panel, operators[0], sender=bob)


def test_constructor__zero_registry__reverts(deployer, project):
    with ape.reverts(project.EnergyOracle.EnergyOracleInvalidParameter):
        deployer.deploy(project.EnergyOracle, deployer, ape.utils.ZERO_ADDRESS, WINDOW)


def test_views__links_and_deadline(oracle, registry, slot):
    assert oracle.registry() == registry
    assert oracle.slotLength() == SLOT
    assert oracle.reportingWindow() == WINDOW
    assert oracle.quorum() == 2
    assert oracle.reportingDeadline(slot) == slot + SLOT + WINDOW


def test_registry_range__sums_accepted_production_over_slots(
    oracle, registry, operators, panel, warp, slot
):
    warp(slot + 2 * SLOT)
    for s, wh in [(slot, 400), (slot + SLOT, 600)]:
        oracle.reportProductionBatch(s, [panel], [wh], sender=operators[0])
        oracle.reportProductionBatch(s, [panel], [wh], sender=operators[1])
    assert registry.getProductionInTimeSlot(panel, slot, slot + 2 * SLOT) == 1000
    assert registry.getProductionInTimeSlot(panel, slot + SLOT, slot + 2 * SLOT) == 600


@pytest.fixture
def removed_reporter(oracle, deployer, operators, panel, after_slot):
    """Operator 0 reports 1250 Wh, operator 1 1000 Wh (accepted 1125); operator 0 is removed."""
    oracle.reportProduction(panel, after_slot, 1250, sender=operators[0])
    oracle.reportProduction(panel, after_slot, 1000, sender=operators[1])
    assert oracle.acceptedProductionOf(panel, after_slot) == 1125
    oracle.removeOperator(operators[0], sender=deployer)
    return operators[0]


def test_removed_operator__finalisation_waits_for_discard(
    oracle, removed_reporter, panel, after_slot, warp, bob
):
    """Issue 9.8: a removed operator's reports must not count in slots not yet finalised."""
    warp(after_slot + SLOT + WINDOW)
    with ape.reverts(oracle.EnergyOracleDiscardPending, slot=after_slot, seat=1, pending=1):
        oracle.finalizeTimeSlot(after_slot, sender=bob)


def test_removed_operator__discard__report_stops_counting(
    oracle, registry, removed_reporter, operators, panel, alice, after_slot, warp, bob
):
    tx = oracle.discardReports(after_slot, [panel], sender=bob)
    assert tx.events == [
        oracle.OperatorReportsDiscarded(panel, after_slot, 1),
        registry.ProductionReported(panel, after_slot, 0),
    ]
    assert oracle.getProductionReport(panel, after_slot).reportCount == 1
    assert registry.ownerProductionOf(alice, after_slot) == 0
    oracle.reportProduction(panel, after_slot, 1010, sender=operators[2])
    warp(after_slot + SLOT + WINDOW)
    tx = oracle.finalizeTimeSlot(after_slot, sender=bob)
    assert tx.events == [
        oracle.TimeSlotFinalized(after_slot, 1005),
        oracle.TimeSlotCoverage(after_slot, 1, 1),
    ]
    assert registry.ownerProductionOf(alice, after_slot) == 1005


def test_removed_operator__next_report_discards_in_passing(
    oracle, removed_reporter, operators, panel, after_slot
):
    tx = oracle.reportProduction(panel, after_slot, 1010, sender=operators[2])
    assert oracle.OperatorReportsDiscarded(panel, after_slot, 1) in tx.events
    assert oracle.acceptedProductionOf(panel, after_slot) == 1005


def test_removed_operator__seat_reused__new_holder_cannot_report_ended_slot(
    oracle, deployer, removed_reporter, carol, panel, after_slot, warp, bob
):
    oracle.addOperator(carol, sender=deployer)
    assert oracle.seatOf(carol) == 1
    since = oracle.provider.get_block("latest").timestamp
    with ape.reverts(
        oracle.EnergyOracleSeatedAfterSlot, operator=carol, slot=after_slot, since=since
    ):
        oracle.reportProduction(panel, after_slot, 900, sender=carol)
    # The old holder's report in the reused seat still has to go before finalisation.
    warp(after_slot + SLOT + WINDOW)
    with ape.reverts(oracle.EnergyOracleDiscardPending, slot=after_slot, seat=1, pending=1):
        oracle.finalizeTimeSlot(after_slot, sender=bob)


def test_discard__nothing_to_discard__reverts(oracle, operators, panel, after_slot, bob):
    oracle.reportProduction(panel, after_slot, 1000, sender=operators[0])
    with ape.reverts(oracle.EnergyOracleNothingToDiscard, panelId=panel, slot=after_slot):
        oracle.discardReports(after_slot, [panel], sender=bob)


@pytest.mark.parametrize("size", [0, 401])
def test_discard__empty_or_too_large__reverts(oracle, after_slot, bob, size):
    with ape.reverts(oracle.EnergyOracleInvalidBatchSize, size=size, maxSize=400):
        oracle.discardReports(after_slot, [1] * size, sender=bob)


def test_discard__finalised_slot__reverts(oracle, panel, finalised_slot, bob):
    with ape.reverts(oracle.EnergyOracleSlotFinalized, slot=finalised_slot):
        oracle.discardReports(finalised_slot, [panel], sender=bob)


MAX_ALIGNED = (2**256 - 1) // SLOT * SLOT
MAX_SLOT = 2**40 - 1


def test_huge_slot__report__named_error(oracle, operators, panel):
    with ape.reverts(oracle.EnergyOracleSlotOutOfRange, slot=MAX_ALIGNED, maxSlot=MAX_SLOT):
        oracle.reportProduction(panel, MAX_ALIGNED, 1, sender=operators[0])
    with ape.reverts(oracle.EnergyOracleSlotOutOfRange, slot=MAX_ALIGNED, maxSlot=MAX_SLOT):
        oracle.reportProductionBatch(MAX_ALIGNED, [panel], [1], sender=operators[0])


def test_huge_slot__finalize_discard_and_views__named_error(oracle, panel, bob):
    with ape.reverts(oracle.EnergyOracleSlotOutOfRange, slot=MAX_ALIGNED, maxSlot=MAX_SLOT):
        oracle.finalizeTimeSlot(MAX_ALIGNED, sender=bob)
    with ape.reverts(oracle.EnergyOracleSlotOutOfRange, slot=MAX_ALIGNED, maxSlot=MAX_SLOT):
        oracle.discardReports(MAX_ALIGNED, [panel], sender=bob)
    with ape.reverts(oracle.EnergyOracleSlotOutOfRange, slot=MAX_ALIGNED, maxSlot=MAX_SLOT):
        oracle.reportingDeadline(MAX_ALIGNED)
    with ape.reverts(oracle.EnergyOracleSlotOutOfRange, slot=MAX_ALIGNED, maxSlot=MAX_SLOT):
        oracle.getTimeSlotData(MAX_ALIGNED)


def test_largest_slot__accepted_bound__deadline_computed(oracle, registry, panel, alice):
    largest = MAX_SLOT // SLOT * SLOT
    assert oracle.reportingDeadline(largest) == largest + SLOT + WINDOW
    # The registry's lookup has no arithmetic that a huge slot could overflow.
    assert registry.registrationAt(panel, MAX_ALIGNED) == (alice, 5000)
