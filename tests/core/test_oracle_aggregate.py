"""EnergyOracle.reportAggregated: one transaction carries all operators' signed readings (issue 11).

Quorum 2 of 3 operators (tests/conftest.py). Panels of 5000 W: at most 1250 Wh per 900 s slot.
"""

import ape
import pytest
from eth_utils import keccak

from gridset.oracle_aggregate import pack_values, sign_readings

SLOT = 900
WINDOW = 1800
CAP_WH = 1250


def selector(signature: str) -> bytes:
    return keccak(text=signature)[:4]


def error_selector(error: type) -> bytes:
    """The 4-byte selector of a contract's custom error class (skip events carry it)."""
    return selector(error.abi.selector)


NOT_REGISTERED = selector("EnergyOraclePanelNotRegistered(uint256,uint256)")
QUORUM_NOT_REACHED = selector("EnergyOracleQuorumNotReached(uint256,uint256)")
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


def signed(oracle, signers, slot, vectors):
    return [
        sign_readings(oracle, op, slot, 0, values)
        for op, values in zip(signers, vectors, strict=False)
    ]


def test_aggregate__three_operators__medians_stored_in_one_transaction(
    oracle, registry, operators, panels, alice, bob, carol, ended
):
    vectors = [[None, 1000, 500, 0], [None, 1010, 520, 10], [None, 990, 700, 20]]
    tx = oracle.reportAggregated(
        ended, 0, 4, signed(oracle, operators, ended, vectors), sender=alice
    )
    assert tx.events == [
        oracle.AggregateEntrySkipped(0, ended, NOT_REGISTERED),
        oracle.AggregateReported(ended, 0, 4, 3, 1000 + 520 + 10, 0b111),
    ]
    assert [oracle.acceptedProductionOf(p, ended) for p in panels] == [1000, 520, 10]
    assert registry.ownerProductionOf(alice, ended) == 1000
    assert registry.ownerProductionOf(bob, ended) == 520
    assert registry.ownerProductionOf(carol, ended) == 10
    assert registry.productionOf(panels[0], ended) == 1000
    assert oracle.getTotalProductionInSlot(ended) == 1530


def test_aggregate__finalised__coverage_and_total(oracle, operators, panels, alice, ended, warp):
    vectors = [[None, 1000, 500, 0], [None, 1010, 520, 10]]
    oracle.reportAggregated(ended, 0, 4, signed(oracle, operators, ended, vectors), sender=alice)
    warp(ended + SLOT + WINDOW)
    tx = oracle.finalizeTimeSlot(ended, sender=alice)
    assert tx.events == [
        oracle.TimeSlotFinalized(ended, 1005 + 510 + 5),
        oracle.TimeSlotCoverage(ended, 3, 3),
    ]


def test_aggregate__invalid_signature__skipped_rest_accepted(
    oracle, operators, panels, alice, ended
):
    readings = signed(oracle, operators, ended, [[None, 1000, 500, 0]] * 3)
    readings[0] = (readings[0][0], b"\x01" * 65)
    tx = oracle.reportAggregated(ended, 0, 4, readings, sender=alice)
    skipped = tx.events.filter(oracle.AggregateReadingSkipped)
    assert [(e.index, e.reason) for e in skipped] == [(0, INVALID_SIGNATURE)]
    assert oracle.acceptedProductionOf(panels[0], ended) == 1000


def test_aggregate__tampered_values__signer_mismatch_skipped(
    oracle, operators, panels, alice, ended
):
    readings = signed(oracle, operators, ended, [[None, 1000, 500, 0]] * 3)
    readings[2] = (pack_values([None, 1250, 500, 0]), readings[2][1])
    tx = oracle.reportAggregated(ended, 0, 4, readings, sender=alice)
    (skip,) = tx.events.filter(oracle.AggregateReadingSkipped)
    assert (skip.index, skip.reason) == (2, NOT_OPERATOR)
    assert oracle.acceptedProductionOf(panels[0], ended) == 1000


def test_aggregate__signer_without_role__skipped(oracle, operators, panels, attacker, ended):
    readings = signed(oracle, [operators[0], operators[1], attacker], ended, [[0, 800, 0, 0]] * 3)
    tx = oracle.reportAggregated(ended, 0, 4, readings, sender=attacker)
    (skip,) = tx.events.filter(oracle.AggregateReadingSkipped)
    assert (skip.index, skip.signer, skip.reason) == (2, attacker.address, NOT_OPERATOR)
    assert tx.events.filter(oracle.AggregateReported)[0].signers == 0b011


def test_aggregate__duplicate_signer__skipped_then_below_quorum__reverts(
    oracle, operators, panels, alice, ended
):
    one = sign_readings(oracle, operators[0], ended, 0, [0, 800, 0, 0])
    with ape.reverts(
        oracle.EnergyOracleAggregateQuorumNotReached, slot=ended, validReadings=1, quorum=2
    ):
        oracle.reportAggregated(ended, 0, 4, [one, one], sender=alice)


def test_aggregate__duplicate_signer__event_names_it(oracle, operators, panels, alice, ended):
    one = sign_readings(oracle, operators[0], ended, 0, [0, 800, 0, 0])
    two = sign_readings(oracle, operators[1], ended, 0, [0, 800, 0, 0])
    tx = oracle.reportAggregated(ended, 0, 4, [one, one, two], sender=alice)
    (skip,) = tx.events.filter(oracle.AggregateReadingSkipped)
    duplicate = error_selector(oracle.EnergyOracleDuplicateSigner)
    assert (skip.index, skip.signer, skip.reason) == (1, operators[0].address, duplicate)


def test_aggregate__same_chunk_twice__duplicate_skipped(oracle, operators, panels, alice, ended):
    readings = signed(oracle, operators, ended, [[None, 1000, 500, 0]] * 2)
    oracle.reportAggregated(ended, 0, 4, readings, sender=alice)
    again = signed(oracle, operators, ended, [[None, 1, 1, 1]] * 2)
    tx = oracle.reportAggregated(ended, 0, 4, again, sender=alice)
    assert tx.events == [
        oracle.AggregateChunkSkipped(ended, 0),
        oracle.AggregateReported(ended, 0, 4, 0, 0, 0b11),
    ]
    assert oracle.acceptedProductionOf(panels[0], ended) == 1000


def test_aggregate__after_window__stale_reverts(oracle, operators, panels, alice, slot, warp):
    deadline = slot + SLOT + WINDOW
    readings = signed(oracle, operators, slot, [[None, 1000, 500, 0]] * 2)
    warp(deadline)
    with ape.reverts(
        oracle.EnergyOracleReportingClosed, slot=slot, deadline=deadline, nowTime=deadline
    ):
        oracle.reportAggregated(slot, 0, 4, readings, sender=alice)


def test_aggregate__one_bad_entry__skipped_rest_stored(oracle, operators, panels, alice, ended):
    # Panel 2: two of three readings above its capacity bound leave one: below quorum.
    vectors = [[None, 1000, CAP_WH + 1, 5], [None, 1000, CAP_WH + 5, 5], [None, 1000, 300, 5]]
    tx = oracle.reportAggregated(
        ended, 0, 4, signed(oracle, operators, ended, vectors), sender=alice
    )
    assert oracle.AggregateEntrySkipped(2, ended, QUORUM_NOT_REACHED) in tx.events
    assert [oracle.acceptedProductionOf(p, ended) for p in panels] == [1000, 0, 5]
    # The fallback path stays open for the skipped panel.
    oracle.reportProduction(2, ended, 300, sender=operators[0])
    oracle.reportProduction(2, ended, 310, sender=operators[1])
    assert oracle.acceptedProductionOf(2, ended) == 305


def test_aggregate__then_per_operator_report__reverts_or_skips(
    oracle, operators, panels, alice, ended
):
    readings = signed(oracle, operators, ended, [[None, 1000, 500, 0]] * 2)
    oracle.reportAggregated(ended, 0, 4, readings, sender=alice)
    with ape.reverts(oracle.EnergyOracleAlreadyAggregated, panelId=1, slot=ended):
        oracle.reportProduction(1, ended, 900, sender=operators[0])
    tx = oracle.reportProductionBatch(ended, [1], [900], sender=operators[0])
    assert tx.events == [oracle.ProductionReportSkipped(1, ended, operators[0], ALREADY_AGGREGATED)]


def test_aggregate__after_per_operator_reports__panel_skipped(
    oracle, registry, operators, panels, alice, ended
):
    oracle.reportProduction(1, ended, 900, sender=operators[0])
    oracle.reportProduction(1, ended, 910, sender=operators[1])
    readings = signed(oracle, operators, ended, [[None, 1000, 500, 0]] * 2)
    tx = oracle.reportAggregated(ended, 0, 4, readings, sender=alice)
    already_reported = error_selector(oracle.EnergyOracleAlreadyReported)
    assert already_reported == selector("EnergyOracleAlreadyReported(uint256,uint256)")
    assert oracle.AggregateEntrySkipped(1, ended, already_reported) in tx.events
    assert registry.ownerProductionOf(alice, ended) == 905  # not counted twice
    assert oracle.getTotalProductionInSlot(ended) == 905 + 500


def test_aggregate__misaligned_first_panel__reverts(oracle, operators, panels, alice, ended):
    readings = [sign_readings(oracle, op, ended, 1, [1000]) for op in operators[:2]]
    with ape.reverts(oracle.EnergyOracleAggregateMisaligned, firstPanel=1, chunkPanels=256):
        oracle.reportAggregated(ended, 1, 1, readings, sender=alice)


def test_aggregate__length_mismatch__reverts(oracle, operators, panels, alice, ended):
    readings = [
        sign_readings(oracle, operators[0], ended, 0, [0, 1]),
        sign_readings(oracle, operators[1], ended, 0, [0] * 9),
    ]
    with ape.reverts(oracle.EnergyOracleBatchLengthMismatch, panels=1, values=2):
        oracle.reportAggregated(ended, 0, 2, readings, sender=alice)


def test_aggregate__empty_or_oversized__reverts(oracle, operators, panels, alice, ended):
    with ape.reverts(oracle.EnergyOracleInvalidBatchSize, size=0, maxSize=7):
        oracle.reportAggregated(ended, 0, 4, [], sender=alice)
    one = [sign_readings(oracle, operators[0], ended, 0, [0])]
    with ape.reverts(oracle.EnergyOracleInvalidBatchSize, size=0, maxSize=1024):
        oracle.reportAggregated(ended, 0, 0, one, sender=alice)
    with ape.reverts(oracle.EnergyOracleInvalidBatchSize, size=1025, maxSize=1024):
        oracle.reportAggregated(ended, 0, 1025, one, sender=alice)


def test_aggregate__count_trims_padding__last_word_padding_reads_no_value(
    oracle, operators, panels, alice, ended
):
    readings = signed(oracle, operators, ended, [[None, 1000, 500, 0]] * 2)
    oracle.reportAggregated(ended, 0, 2, readings, sender=alice)
    assert oracle.acceptedProductionOf(1, ended) == 1000
    # Panel 2 lies beyond `count`: not stored, so the per-operator path decides it.
    assert oracle.aggregatedProductionOf(2, ended) == 0
    oracle.reportProduction(2, ended, 400, sender=operators[0])


def test_aggregate__operator_seated_after_slot__reading_skipped(
    oracle, deployer, operators, panels, dave, alice, ended, warp
):
    warp(ended + SLOT + 10)
    oracle.addOperator(dave, sender=deployer)
    readings = signed(oracle, [*operators[:2], dave], ended, [[None, 1000, 500, 0]] * 3)
    tx = oracle.reportAggregated(ended, 0, 4, readings, sender=alice)
    (skip,) = tx.events.filter(oracle.AggregateReadingSkipped)
    assert (skip.index, skip.reason) == (2, SEATED_AFTER_SLOT)


def test_aggregate__deregistered_during_slot__entry_skipped(
    oracle, registry, operators, panels, alice, bob, slot, warp
):
    warp(slot + 100)
    registry.deregisterPanel(panels[1], sender=bob)
    warp(slot + SLOT)
    readings = signed(oracle, operators, slot, [[None, 1000, 500, 0]] * 2)
    tx = oracle.reportAggregated(slot, 0, 4, readings, sender=alice)
    assert oracle.AggregateEntrySkipped(panels[1], slot, NOT_REGISTERED) in tx.events
    assert oracle.acceptedProductionOf(panels[1], slot) == 0


def test_prove_deviation__own_signature_is_the_evidence(
    oracle, operators, panels, alice, ended, warp
):
    vectors = [[None, 1000, 500, 0], [None, 1010, 520, 10], [None, 1200, 510, 5]]
    readings = signed(oracle, operators, ended, vectors)
    oracle.reportAggregated(ended, 0, 4, readings, sender=alice)
    with ape.reverts(oracle.EnergyOracleSlotNotFinalized, slot=ended):
        oracle.proveDeviation(ended, 0, readings[2], 1, sender=alice)
    warp(ended + SLOT + WINDOW)
    oracle.finalizeTimeSlot(ended, sender=alice)
    tx = oracle.proveDeviation(ended, 0, readings[2], 1, sender=alice)
    assert tx.events == [oracle.OperatorDeviated(operators[2], 1, ended, 1200, 1010)]
    assert oracle.deviationCount(operators[2]) == 1
    with ape.reverts(
        oracle.EnergyOracleAlreadyFlagged, operator=operators[2], panelId=1, slot=ended
    ):
        oracle.proveDeviation(ended, 0, readings[2], 1, sender=alice)
    with ape.reverts(oracle.EnergyOracleWithinTolerance):
        oracle.proveDeviation(ended, 0, readings[0], 1, sender=alice)
    with ape.reverts(oracle.EnergyOracleNoReport, operator=operators[0], panelId=0, slot=ended):
        oracle.proveDeviation(ended, 0, readings[0], 0, sender=alice)
    with ape.reverts(oracle.EnergyOracleNoReport, operator=operators[0], panelId=4, slot=ended):
        oracle.proveDeviation(ended, 0, readings[0], 4, sender=alice)  # padding
    with ape.reverts(oracle.EnergyOracleInvalidBatchSize, size=8, maxSize=8):
        oracle.proveDeviation(ended, 0, readings[0], 8, sender=alice)


def test_prove_deviation__forged_signature__unknown_operator(
    oracle, operators, panels, attacker, alice, ended, warp
):
    readings = signed(oracle, operators, ended, [[None, 1000, 500, 0]] * 2)
    oracle.reportAggregated(ended, 0, 4, readings, sender=alice)
    warp(ended + SLOT + WINDOW)
    oracle.finalizeTimeSlot(ended, sender=alice)
    forged = sign_readings(oracle, attacker, ended, 0, [None, 5, 500, 0])
    with ape.reverts(oracle.EnergyOracleUnknownOperator, operator=attacker):
        oracle.proveDeviation(ended, 0, forged, 1, sender=alice)


def test_registry__owner_panel_limit__named_error(registry, mint_panel, registered_panel, dave):
    for _ in range(32):
        registered_panel(dave, 100)
    extra = mint_panel(dave, 100)
    with ape.reverts(registry.PanelRegistryTooManyPanels, owner=dave, maxPanels=32):
        registry.registerPanel(extra, dave, 100, sender=dave)
