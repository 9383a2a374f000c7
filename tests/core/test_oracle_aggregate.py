"""EnergyOracle.reportAggregated: one transaction carries the operators' agreed report (issue 11).

Chainlink OCR's shape: the transmitter computes the medians off chain, a quorum of operators sign
the report (EIP-712), the report carries the observers' readings as evidence. Quorum 2 of 3
operators (tests/conftest.py; seats 1, 2, 3). Panels of 5000 W: at most 1250 Wh per 900 s slot.
"""

from dataclasses import replace

import ape
import pytest
from eth_utils import keccak

from gridset.oracle_aggregate import NO_READING, build_report, pack_values, sign_report

SLOT = 900
WINDOW = 1800
CAP_WH = 1250


def selector(signature: str) -> bytes:
    return keccak(text=signature)[:4]


def error_selector(error: type) -> bytes:
    """The 4-byte selector of a contract's custom error class (skip events carry it)."""
    return selector(error.abi.selector)


NOT_REGISTERED = selector("EnergyOraclePanelNotRegistered(uint256,uint256)")
EXCEEDS_CAPACITY = selector("EnergyOracleExceedsCapacity(uint256,uint256,uint256)")
ALREADY_AGGREGATED = selector("EnergyOracleAlreadyAggregated(uint256,uint256)")
INVALID_SIGNATURE = selector("ECDSAInvalidSignature()")
NOT_OPERATOR = selector("EnergyOracleNotOperator(address)")
SEATED_AFTER_SLOT = selector("EnergyOracleSeatedAfterSlot(address,uint256,uint256)")


@pytest.fixture
def panels(registered_panel, alice, bob, carol):
    """Three registered panels (ids 1, 2, 3: id 0 never exists)."""
    ids = [registered_panel(alice), registered_panel(bob), registered_panel(carol)]
    assert ids == [1, 2, 3]
    return ids


@pytest.fixture
def ended(panels, warp, slot):
    warp(slot + SLOT)
    return slot


def agreed(slot, vectors, caps=(None, CAP_WH, CAP_WH, CAP_WH)):
    """The transmitter's report of panels 0..3: ``vectors[s - 1]`` is seat s's readings; panel 0
    is not registered (no capacity bound, so no median)."""
    readings = {seat: list(values) for seat, values in enumerate(vectors, start=1)}
    return build_report(slot, 0, readings, 2, list(caps)[: len(vectors[0])])


def signatures(oracle, report, signers):
    return [sign_report(oracle, op, report) for op in signers]


def transmit(oracle, report, signers, sender):
    return oracle.reportAggregated(
        report.as_args(), signatures(oracle, report, signers), sender=sender
    )


def with_median(report, index, wh):
    """``report`` with its median of panel ``index`` replaced (a lying transmitter)."""
    medians = list(report.medians)
    shift = 224 - 32 * (index % 8)
    medians[index // 8] = (medians[index // 8] & ~(NO_READING << shift)) | (wh << shift)
    return replace(report, medians=medians)


THREE = [[None, 1000, 500, 0], [None, 1010, 520, 10], [None, 990, 700, 20]]


def test_aggregate__three_operators__medians_stored_in_one_transaction(
    oracle, registry, operators, panels, alice, bob, carol, ended
):
    report = agreed(ended, THREE)
    tx = transmit(oracle, report, operators, alice)
    assert tx.events == [oracle.AggregateReported(ended, 0, 4, 3, 1000 + 520 + 10, 0b111)]
    assert [oracle.acceptedProductionOf(p, ended) for p in panels] == [1000, 520, 10]
    assert registry.ownerProductionOf(alice, ended) == 1000
    assert registry.ownerProductionOf(bob, ended) == 520
    assert registry.ownerProductionOf(carol, ended) == 10
    assert registry.productionOf(panels[0], ended) == 1000
    assert oracle.getTotalProductionInSlot(ended) == 1530


def test_aggregate__honest_report__every_median_matches_its_readings(
    oracle, operators, panels, alice, ended
):
    # The off-chain medians (gridset.reference.oracle) and the contract agree, panel by panel.
    report = agreed(ended, THREE)
    transmit(oracle, report, operators, alice)
    for index, wh in ((1, 1000), (2, 520), (3, 10)):
        with ape.reverts(oracle.EnergyOracleMedianMatches, panelId=index, slot=ended, medianWh=wh):
            oracle.disputeMedian(report.as_args(), index, sender=alice)


def test_aggregate__finalised__coverage_and_total(oracle, operators, panels, alice, ended, warp):
    transmit(oracle, agreed(ended, THREE[:2]), operators[:2], alice)
    warp(ended + SLOT + WINDOW)
    tx = oracle.finalizeTimeSlot(ended, sender=alice)
    assert tx.events == [
        oracle.TimeSlotFinalized(ended, 1005 + 510 + 5),
        oracle.TimeSlotCoverage(ended, 3, 3),
    ]


def test_aggregate__invalid_signature__skipped_rest_accepted(
    oracle, operators, panels, alice, ended
):
    report = agreed(ended, THREE)
    signed = signatures(oracle, report, operators)
    signed[0] = b"\x01" * 65
    tx = oracle.reportAggregated(report.as_args(), signed, sender=alice)
    skipped = tx.events.filter(oracle.AggregateSignatureSkipped)
    assert [(e.index, e.reason) for e in skipped] == [(0, INVALID_SIGNATURE)]
    assert oracle.acceptedProductionOf(panels[0], ended) == 1000


def test_aggregate__signer_without_role__skipped(oracle, operators, panels, attacker, ended):
    report = agreed(ended, THREE)
    tx = transmit(oracle, report, [operators[0], operators[1], attacker], attacker)
    (skip,) = tx.events.filter(oracle.AggregateSignatureSkipped)
    assert (skip.index, skip.signer, skip.reason) == (2, attacker.address, NOT_OPERATOR)
    assert tx.events.filter(oracle.AggregateReported)[0].signers == 0b011


def test_aggregate__quorum_short_by_one__reverts(oracle, operators, panels, attacker, ended):
    report = agreed(ended, THREE)
    with ape.reverts(
        oracle.EnergyOracleAggregateQuorumNotReached, slot=ended, validSignatures=1, quorum=2
    ):
        transmit(oracle, report, [operators[0], attacker], attacker)
    # The same operator signing twice counts once.
    with ape.reverts(
        oracle.EnergyOracleAggregateQuorumNotReached, slot=ended, validSignatures=1, quorum=2
    ):
        transmit(oracle, report, [operators[0], operators[0]], attacker)


def test_aggregate__duplicate_signer__event_names_it(oracle, operators, panels, alice, ended):
    report = agreed(ended, THREE)
    tx = transmit(oracle, report, [operators[0], operators[0], operators[1]], alice)
    (skip,) = tx.events.filter(oracle.AggregateSignatureSkipped)
    duplicate = error_selector(oracle.EnergyOracleDuplicateSigner)
    assert (skip.index, skip.signer, skip.reason) == (1, operators[0].address, duplicate)


def test_aggregate__forged_report__signatures_do_not_count(
    oracle, operators, panels, attacker, ended
):
    # The attacker raises its own panel's median after the operators signed: every signature now
    # recovers to some other address, nothing is stored.
    report = agreed(ended, THREE)
    signed = signatures(oracle, report, operators)
    forged = with_median(report, 1, CAP_WH)
    with ape.reverts(
        oracle.EnergyOracleAggregateQuorumNotReached, slot=ended, validSignatures=0, quorum=2
    ):
        oracle.reportAggregated(forged.as_args(), signed, sender=attacker)
    # Signatures of one slot replayed for another (still open) slot do not count either.
    earlier = replace(report, slot=ended - SLOT)
    with ape.reverts(
        oracle.EnergyOracleAggregateQuorumNotReached, slot=ended - SLOT, validSignatures=0, quorum=2
    ):
        oracle.reportAggregated(earlier.as_args(), signed, sender=attacker)
    assert oracle.acceptedProductionOf(1, ended) == 0


def test_aggregate__same_chunk_twice__duplicate_skipped(oracle, operators, panels, alice, ended):
    transmit(oracle, agreed(ended, THREE[:2]), operators[:2], alice)
    again = agreed(ended, [[None, 1, 1, 1]] * 2)
    tx = transmit(oracle, again, operators[:2], alice)
    assert tx.events == [
        oracle.AggregateChunkSkipped(ended, 0),
        oracle.AggregateReported(ended, 0, 4, 0, 0, 0b11),
    ]
    assert oracle.acceptedProductionOf(panels[0], ended) == 1005


def test_aggregate__after_window__stale_reverts(oracle, operators, panels, alice, slot, warp):
    deadline = slot + SLOT + WINDOW
    report = agreed(slot, THREE)
    signed = signatures(oracle, report, operators)
    warp(deadline)
    with ape.reverts(
        oracle.EnergyOracleReportingClosed, slot=slot, deadline=deadline, nowTime=deadline
    ):
        oracle.reportAggregated(report.as_args(), signed, sender=alice)


def test_aggregate__observers__too_few_or_not_seated__revert(
    oracle, operators, panels, alice, ended
):
    one = agreed(ended, THREE[:1])
    with ape.reverts(oracle.EnergyOracleTooFewObservers, observers=0b1, quorum=2):
        transmit(oracle, one, operators, alice)
    # Seat 5 is vacant: a report may not attribute readings to it.
    ghost = build_report(ended, 0, {1: THREE[0], 5: THREE[1]}, 2, [None, CAP_WH, CAP_WH, CAP_WH])
    with ape.reverts(oracle.EnergyOracleInvalidObservers, observers=0b10001, validSeats=0b111):
        transmit(oracle, ghost, operators, alice)


def test_aggregate__one_bad_entry__skipped_rest_stored(oracle, operators, panels, alice, ended):
    # A transmitter's medians for an unregistered panel (0) and above the capacity bound (2): both
    # skipped with a named event, the rest stored.
    report = with_median(with_median(agreed(ended, THREE), 0, 700), 2, CAP_WH + 1)
    tx = transmit(oracle, report, operators, alice)
    assert tx.events == [
        oracle.AggregateEntrySkipped(0, ended, NOT_REGISTERED),
        oracle.AggregateEntrySkipped(2, ended, EXCEEDS_CAPACITY),
        oracle.AggregateReported(ended, 0, 4, 2, 1000 + 10, 0b111),
    ]
    assert [oracle.acceptedProductionOf(p, ended) for p in panels] == [1000, 0, 10]
    # The fallback path stays open for the skipped panel.
    oracle.reportProduction(2, ended, 300, sender=operators[0])
    oracle.reportProduction(2, ended, 310, sender=operators[1])
    assert oracle.acceptedProductionOf(2, ended) == 305


def test_aggregate__then_per_operator_report__reverts_or_skips(
    oracle, operators, panels, alice, ended
):
    transmit(oracle, agreed(ended, THREE), operators, alice)
    with ape.reverts(oracle.EnergyOracleAlreadyAggregated, panelId=1, slot=ended):
        oracle.reportProduction(1, ended, 900, sender=operators[0])
    tx = oracle.reportProductionBatch(ended, [1], [900], sender=operators[0])
    assert tx.events == [oracle.ProductionReportSkipped(1, ended, operators[0], ALREADY_AGGREGATED)]


def test_aggregate__after_per_operator_reports__panel_skipped(
    oracle, registry, operators, panels, alice, ended
):
    oracle.reportProduction(1, ended, 900, sender=operators[0])
    oracle.reportProduction(1, ended, 910, sender=operators[1])
    tx = transmit(oracle, agreed(ended, THREE), operators, alice)
    already_reported = error_selector(oracle.EnergyOracleAlreadyReported)
    assert already_reported == selector("EnergyOracleAlreadyReported(uint256,uint256)")
    assert oracle.AggregateEntrySkipped(1, ended, already_reported) in tx.events
    assert registry.ownerProductionOf(alice, ended) == 905  # not counted twice
    assert oracle.getTotalProductionInSlot(ended) == 905 + 520 + 10


def test_aggregate__misaligned_first_panel__reverts(oracle, operators, panels, alice, ended):
    report = build_report(ended, 1, {1: [1000], 2: [1000]}, 2, [CAP_WH])
    with ape.reverts(oracle.EnergyOracleAggregateMisaligned, firstPanel=1, chunkPanels=256):
        transmit(oracle, report, operators[:2], alice)


def test_aggregate__length_mismatch__reverts(oracle, operators, panels, alice, ended):
    report = agreed(ended, THREE)
    with ape.reverts(oracle.EnergyOracleBatchLengthMismatch, panels=1, values=2):
        transmit(oracle, replace(report, medians=report.medians * 2), operators, alice)
    with ape.reverts(oracle.EnergyOracleBatchLengthMismatch, panels=3, values=2):
        transmit(oracle, replace(report, readings=report.readings[:2]), operators, alice)


def test_aggregate__empty_or_oversized__reverts(oracle, operators, panels, alice, ended):
    report = agreed(ended, THREE)
    with ape.reverts(oracle.EnergyOracleInvalidBatchSize, size=0, maxSize=7):
        oracle.reportAggregated(report.as_args(), [], sender=alice)
    with ape.reverts(oracle.EnergyOracleInvalidBatchSize, size=0, maxSize=1024):
        transmit(oracle, replace(report, count=0), operators, alice)
    big = replace(report, count=1025, medians=pack_values([None] * 1025))
    with ape.reverts(oracle.EnergyOracleInvalidBatchSize, size=1025, maxSize=1024):
        transmit(oracle, big, operators, alice)


def test_aggregate__count_trims_padding__last_word_padding_reads_no_value(
    oracle, operators, panels, alice, ended
):
    report = agreed(ended, [v[:2] for v in THREE])
    transmit(oracle, report, operators, alice)
    assert oracle.acceptedProductionOf(1, ended) == 1000
    # Panel 2 lies beyond `count`: not stored, so the per-operator path decides it.
    assert oracle.aggregatedProductionOf(2, ended) == 0
    oracle.reportProduction(2, ended, 400, sender=operators[0])


def test_aggregate__operator_seated_after_slot__signature_skipped_observer_refused(
    oracle, deployer, operators, panels, dave, alice, ended, warp
):
    warp(ended + SLOT + 10)
    oracle.addOperator(dave, sender=deployer)
    report = agreed(ended, THREE)
    tx = transmit(oracle, report, [*operators[:2], dave], alice)
    (skip,) = tx.events.filter(oracle.AggregateSignatureSkipped)
    assert (skip.index, skip.reason) == (2, SEATED_AFTER_SLOT)
    late = build_report(ended, 0, {1: THREE[0], 4: THREE[1]}, 2, [None, CAP_WH, CAP_WH, CAP_WH])
    with ape.reverts(oracle.EnergyOracleInvalidObservers, observers=0b1001, validSeats=0b111):
        transmit(oracle, late, operators, alice)


def test_aggregate__deregistered_during_slot__entry_skipped(
    oracle, registry, operators, panels, alice, bob, slot, warp
):
    warp(slot + 100)
    registry.deregisterPanel(panels[1], sender=bob)
    warp(slot + SLOT)
    tx = transmit(oracle, agreed(slot, THREE), operators, alice)
    assert oracle.AggregateEntrySkipped(panels[1], slot, NOT_REGISTERED) in tx.events
    assert oracle.acceptedProductionOf(panels[1], slot) == 0


def test_dispute__wrong_median__signers_flagged_chunk_voided_report_refused(
    oracle, registry, operators, panels, alice, attacker, ended
):
    # Two operators sign a report whose median of panel 1 is not the median of its readings.
    honest = agreed(ended, THREE)
    lying = with_median(honest, 1, 1240)
    transmit(oracle, lying, operators[:2], attacker)
    assert registry.ownerProductionOf(alice, ended) == 1240
    tx = oracle.disputeMedian(lying.as_args(), 1, sender=alice)
    assert tx.events == [
        oracle.OperatorDeviated(operators[0], 1, ended, 1240, 1000),
        oracle.OperatorDeviated(operators[1], 1, ended, 1240, 1000),
        oracle.AggregateDisputed(ended, 1, 1240, 1000, 0b011, True),
    ]
    assert [oracle.deviationCount(op) for op in operators] == [1, 1, 0]
    # The chunk's values are gone (the victims lose nothing for good: the slot is open again).
    assert oracle.getTotalProductionInSlot(ended) == 0
    assert registry.ownerProductionOf(alice, ended) == 0
    with ape.reverts(oracle.EnergyOracleReportDisputed):
        transmit(oracle, lying, operators, attacker)
    with ape.reverts(oracle.EnergyOracleReportNotStored):
        oracle.disputeMedian(lying.as_args(), 1, sender=alice)
    transmit(oracle, honest, operators, alice)
    assert oracle.acceptedProductionOf(1, ended) == 1000


def test_dispute__median_without_quorum__disputed(oracle, operators, panels, alice, ended):
    # Panel 3: one reading within the bound only (two above): no median, yet the report gives one.
    vectors = [[None, 1000, 500, 5], [None, 1010, 520, CAP_WH + 1], [None, 990, 700, CAP_WH + 9]]
    lying = with_median(agreed(ended, vectors), 3, 5)
    transmit(oracle, lying, operators, alice)
    tx = oracle.disputeMedian(lying.as_args(), 3, sender=alice)
    assert tx.events[-1] == oracle.AggregateDisputed(ended, 3, 5, NO_READING, 0b111, True)


def test_dispute__after_finalisation__evidence_only(oracle, operators, panels, alice, ended, warp):
    lying = with_median(agreed(ended, THREE), 2, 900)
    transmit(oracle, lying, operators, alice)
    warp(ended + SLOT + WINDOW)
    oracle.finalizeTimeSlot(ended, sender=alice)
    tx = oracle.disputeMedian(lying.as_args(), 2, sender=alice)
    assert tx.events[-1] == oracle.AggregateDisputed(ended, 2, 900, 520, 0b111, False)
    assert oracle.acceptedProductionOf(2, ended) == 900  # finalised slots never change
    assert oracle.deviationCount(operators[2]) == 1


def test_dispute__bad_input__named_errors(oracle, operators, panels, alice, ended):
    report = agreed(ended, THREE)
    with ape.reverts(oracle.EnergyOracleReportNotStored, slot=ended, panelId=1):
        oracle.disputeMedian(report.as_args(), 1, sender=alice)
    transmit(oracle, report, operators, alice)
    with ape.reverts(oracle.EnergyOracleInvalidBatchSize, size=4, maxSize=4):
        oracle.disputeMedian(report.as_args(), 4, sender=alice)
    with ape.reverts(oracle.EnergyOraclePanelNotRegistered, panelId=0, slot=ended):
        oracle.disputeMedian(report.as_args(), 0, sender=alice)


def test_prove_deviation__own_signature_is_the_evidence(
    oracle, operators, panels, alice, ended, warp
):
    report = agreed(ended, [[None, 1000, 500, 0], [None, 1010, 520, 10], [None, 1200, 510, 5]])
    signed = signatures(oracle, report, operators)
    oracle.reportAggregated(report.as_args(), signed, sender=alice)
    args = report.as_args()
    with ape.reverts(oracle.EnergyOracleSlotNotFinalized, slot=ended):
        oracle.proveDeviation(args, signed[2], 1, sender=alice)
    warp(ended + SLOT + WINDOW)
    oracle.finalizeTimeSlot(ended, sender=alice)
    tx = oracle.proveDeviation(args, signed[2], 1, sender=alice)
    assert tx.events == [oracle.OperatorDeviated(operators[2], 1, ended, 1200, 1010)]
    assert oracle.deviationCount(operators[2]) == 1
    with ape.reverts(
        oracle.EnergyOracleAlreadyFlagged, operator=operators[2], panelId=1, slot=ended
    ):
        oracle.proveDeviation(args, signed[2], 1, sender=alice)
    with ape.reverts(oracle.EnergyOracleWithinTolerance):
        oracle.proveDeviation(args, signed[0], 1, sender=alice)
    with ape.reverts(oracle.EnergyOracleNoReport, operator=operators[0], panelId=0, slot=ended):
        oracle.proveDeviation(args, signed[0], 0, sender=alice)
    with ape.reverts(oracle.EnergyOracleInvalidBatchSize, size=4, maxSize=4):
        oracle.proveDeviation(args, signed[0], 4, sender=alice)


def test_prove_deviation__forged_or_not_an_observer__refused(
    oracle, operators, panels, attacker, alice, ended, warp
):
    report = agreed(ended, THREE[:2])
    signed = signatures(oracle, report, operators)  # seat 3 signs without observing
    oracle.reportAggregated(report.as_args(), signed, sender=alice)
    warp(ended + SLOT + WINDOW)
    oracle.finalizeTimeSlot(ended, sender=alice)
    forged = sign_report(oracle, attacker, report)
    with ape.reverts(oracle.EnergyOracleUnknownOperator, operator=attacker):
        oracle.proveDeviation(report.as_args(), forged, 1, sender=alice)
    with ape.reverts(oracle.EnergyOracleNoReport, operator=operators[2], panelId=1, slot=ended):
        oracle.proveDeviation(report.as_args(), signed[2], 1, sender=alice)


def test_registry__owner_panel_limit__named_error(registry, mint_panel, registered_panel, dave):
    for _ in range(32):
        registered_panel(dave, 100)
    extra = mint_panel(dave, 100)
    with ape.reverts(registry.PanelRegistryTooManyPanels, owner=dave, maxPanels=32):
        registry.registerPanel(extra, dave, 100, sender=dave)


@pytest.mark.parametrize("wh", [65_534, 65_535, 16_777_215, 20_000_000])
def test_aggregate__large_values__stored_in_wider_bytes_exactly(
    oracle, registry, operators, registered_panel, alice, warp, slot, wh
):
    # 2 bytes per value while the chunk's largest fits below 0xffff (all ones = none), else 3 or 4.
    big = registered_panel(alice, 100_000_000)  # 25,000,000 Wh per 900 s slot
    small = registered_panel(alice)
    warp(slot + SLOT)
    caps = [None] * big + [25_000_000, CAP_WH]
    readings = {seat: [None] * big + [wh, 7] for seat in (1, 2)}
    report = build_report(slot, 0, readings, 2, caps)
    transmit(oracle, report, operators[:2], alice)
    assert oracle.aggregatedProductionOf(big, slot) == wh
    assert oracle.aggregatedProductionOf(small, slot) == 7
    assert oracle.acceptedProductionOf(small + 1, slot) == 0  # beyond count


def test_registry__capacity_tables__seven_capacities_and_change_time_per_word(
    registry, panels, chain
):
    first, second = registry.capacityTables(0, 2)
    assert [(first >> (32 * k)) & 0xFFFFFFFF for k in range(7)] == [0, 5000, 5000, 5000, 0, 0, 0]
    assert 0 < first >> 224 <= chain.blocks.head.timestamp
    assert second == 0
