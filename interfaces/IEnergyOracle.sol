// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title IEnergyOracle — measured production per panel and time slot, from several operators
/// @notice A governed set of up to MAX_OPERATORS meter operators report each registered panel's
/// production (Wh) for a time slot after the slot has ended and before its reporting window closes.
/// Each operator holds one report per panel per slot; a new report from the same operator replaces
/// its own earlier one (never counted twice). A panel's accepted value is the median of its
/// operators' reports once at least `quorum` operators reported (the quorum is fixed per slot at
/// its first report); below quorum the panel counts as producing 0 (the seller's risk, visible in
/// `TimeSlotCoverage`). Changes of accepted values are passed to the PanelRegistry (owner totals),
/// which emits ProductionReported(panel, slot, acceptedWh) for each.
/// After the reporting window anyone may finalise the slot; finalised data never changes.
/// Slot identity: a slot is identified by its start time (Unix s), a multiple of `slotLength`.
/// Median of an even number of reports: the floor of the mean of the two middle values.
interface IEnergyOracle {
    /// @notice Reference-compatible summary of one slot.
    /// @param startTime Slot start (Unix s) = the slot id.
    /// @param endTime startTime + slotLength.
    /// @param totalEnergy Sum of the accepted production of all panels, Wh.
    /// @param finalized True once finalised.
    struct TimeSlotData {
        uint256 startTime;
        uint256 endTime;
        uint256 totalEnergy;
        bool finalized;
    }

    /// @notice One panel's state in one slot.
    /// @param energyWh Accepted production (median, or 0 below quorum), Wh.
    /// @param panelId The panel.
    /// @param timeSlot Slot start, Unix s.
    /// @param reportCount Operators that reported.
    /// @param quorumReached reportCount >= the slot's quorum.
    struct ProductionReport {
        uint256 panelId;
        uint256 timeSlot;
        uint256 energyWh;
        uint256 reportCount;
        bool quorumReached;
    }

    /// @notice One slot's report agreed off chain by the operators (Chainlink OCR's shape) for
    /// panels firstPanel .. firstPanel + count - 1. Values are uint32 Wh packed 8 per word, the first
    /// panel in the top 32 bits, NO_READING = no value (also the last word's padding).
    /// @param slot Slot start, Unix s.
    /// @param firstPanel First panel id, a multiple of CHUNK_PANELS.
    /// @param count Panels covered, 1..MAX_AGGREGATE_PANELS.
    /// @param observers Seats (bit s-1 for seat s) whose readings the report carries.
    /// @param medians ceil(count / 8) words: per panel the median the transmitter computed off chain
    /// of the observers' readings within the panel's capacity bound (NO_READING below quorum).
    /// @param readings Each observer's readings, ceil(count / 8) words per observer in ascending seat
    /// order: the evidence against a wrong median (`disputeMedian`) or a deviating operator (`proveDeviation`).
    struct AgreedReport {
        uint256 slot;
        uint256 firstPanel;
        uint256 count;
        uint256 observers;
        uint256[] medians;
        uint256[] readings;
    }

    /// @notice The caller is not an oracle operator.
    error EnergyOracleNotOperator(address caller);
    /// @notice `slot` is not a multiple of the slot length.
    error EnergyOracleSlotMisaligned(uint256 slot, uint256 slotLength);
    /// @notice The slot has not ended yet (reports are accepted from `endTime`).
    error EnergyOracleSlotNotEnded(uint256 slot, uint256 endTime, uint256 nowTime);
    /// @notice The reporting window of the slot closed at `deadline`.
    error EnergyOracleReportingClosed(uint256 slot, uint256 deadline, uint256 nowTime);
    /// @notice The reporting window of the slot is still open until `deadline` (finalisation too early).
    error EnergyOracleReportingOpen(uint256 slot, uint256 deadline, uint256 nowTime);
    /// @notice The slot is already finalised.
    error EnergyOracleSlotFinalized(uint256 slot);
    /// @notice The slot is not finalised yet.
    error EnergyOracleSlotNotFinalized(uint256 slot);
    /// @notice The panel was not registered for the whole slot (unknown, retired, deregistered, or registered later).
    error EnergyOraclePanelNotRegistered(uint256 panelId, uint256 slot);
    /// @notice The report exceeds what the panel's rated capacity can produce in one slot.
    error EnergyOracleExceedsCapacity(uint256 panelId, uint256 energyWh, uint256 maxEnergyWh);
    /// @notice Batch arrays of different lengths.
    error EnergyOracleBatchLengthMismatch(uint256 panels, uint256 values);
    /// @notice Empty batch or one above MAX_BATCH_SIZE.
    error EnergyOracleInvalidBatchSize(uint256 size, uint256 maxSize);
    /// @notice The account is already an operator.
    error EnergyOracleOperatorExists(address operator);
    /// @notice The account is not an operator.
    error EnergyOracleUnknownOperator(address operator);
    /// @notice All MAX_OPERATORS seats are taken.
    error EnergyOracleTooManyOperators(uint256 maxOperators);
    /// @notice Quorum must be between 1 and the number of operators.
    error EnergyOracleInvalidQuorum(uint256 quorum, uint256 operatorCount);
    /// @notice A parameter out of its allowed range.
    error EnergyOracleInvalidParameter(bytes32 name, uint256 value);
    /// @notice The operator did not report this panel in this slot.
    error EnergyOracleNoReport(address operator, uint256 panelId, uint256 slot);
    /// @notice The report is within tolerance of the accepted value (nothing to flag).
    error EnergyOracleWithinTolerance(uint256 reportedWh, uint256 acceptedWh, uint256 toleranceWh);
    /// @notice The panel's value in the slot was not accepted (quorum not reached): nothing to compare with.
    error EnergyOracleQuorumNotReached(uint256 panelId, uint256 slot);
    /// @notice This deviation was already flagged.
    error EnergyOracleAlreadyFlagged(address operator, uint256 panelId, uint256 slot);
    /// @notice An aggregated report must start at a multiple of CHUNK_PANELS.
    error EnergyOracleAggregateMisaligned(uint256 firstPanel, uint256 chunkPanels);
    /// @notice Fewer valid operator signatures on an agreed report than the slot's quorum.
    error EnergyOracleAggregateQuorumNotReached(uint256 slot, uint256 validSignatures, uint256 quorum);
    /// @notice An agreed report carries the readings of fewer operators than the slot's quorum.
    error EnergyOracleTooFewObservers(uint256 observers, uint256 quorum);
    /// @notice An agreed report names an observer seat that is vacant or was taken after the slot ended.
    error EnergyOracleInvalidObservers(uint256 observers, uint256 validSeats);
    /// @notice This agreed report was shown to hold a wrong median (`disputeMedian`): never accepted again.
    error EnergyOracleReportDisputed(bytes32 reportHash);
    /// @notice The panel's stored aggregated value did not come from this report.
    error EnergyOracleReportNotStored(uint256 slot, uint256 panelId, bytes32 reportHash);
    /// @notice The report's median of the panel is the median of its readings: nothing to dispute.
    error EnergyOracleMedianMatches(uint256 panelId, uint256 slot, uint256 medianWh);
    /// @notice The panel's value in the slot came from an aggregated report: per-operator reports
    /// are closed for it.
    error EnergyOracleAlreadyAggregated(uint256 panelId, uint256 slot);
    /// @notice (Skip reason) the panel already has per-operator reports in the slot.
    error EnergyOracleAlreadyReported(uint256 panelId, uint256 slot);
    /// @notice (Skip reason) a second signature by the same operator.
    error EnergyOracleDuplicateSigner(address operator);
    /// @notice A slot start above MAX_SLOT (Unix s): rejected before any arithmetic on it.
    error EnergyOracleSlotOutOfRange(uint256 slot, uint256 maxSlot);
    /// @notice The operator took its seat at `since` (Unix s), after the slot ended: it may report
    /// only slots that end at or after the time it was seated.
    error EnergyOracleSeatedAfterSlot(address operator, uint256 slot, uint256 since);
    /// @notice `pending` panels of the slot still hold a report of seat `seat`, whose operator was
    /// removed (or which changed holder after the slot ended): `discardReports` them before finalising.
    error EnergyOracleDiscardPending(uint256 slot, uint256 seat, uint256 pending);
    /// @notice The panel holds no report of a removed operator in this slot.
    error EnergyOracleNothingToDiscard(uint256 panelId, uint256 slot);

    /// @notice One operator's report (accepted or replacing its own earlier report).
    /// @param panelId The panel.
    /// @param timestamp Slot start, Unix s.
    /// @param energyWh The reported production, Wh.
    /// @param reporter The operator.
    event ProductionReported(
        uint256 indexed panelId, uint256 indexed timestamp, uint256 energyWh, address indexed reporter
    );
    /// @notice A batch entry was skipped (the rest of the batch went ahead); `reason` is the selector
    /// of the error `reportProduction` raises for it (EnergyOraclePanelNotRegistered,
    /// EnergyOracleExceedsCapacity).
    /// @param panelId The skipped panel.
    /// @param slot Slot start, Unix s.
    /// @param reporter The operator.
    /// @param reason Error selector.
    event ProductionReportSkipped(
        uint256 indexed panelId, uint256 indexed slot, address indexed reporter, bytes4 reason
    );
    /// @notice Reports of the seats in `seats` (bit s-1 for seat s) for the panel and slot no longer
    /// count: their operator was removed, or the seat changed holder after the slot ended.
    /// @param panelId The panel.
    /// @param slot Slot start, Unix s.
    /// @param seats Bit mask of the discarded seats (bit s-1 for seat s).
    event OperatorReportsDiscarded(uint256 indexed panelId, uint256 indexed slot, uint256 seats);
    /// @notice An agreed report was stored: `accepted` of its `panels` panels got a value (`totalWh`
    /// Wh together); `signers` has bit s-1 set for each seat whose signature counted.
    /// @param slot Slot start, Unix s.
    /// @param firstPanel First panel id of the report.
    /// @param panels Panels the report covers.
    /// @param accepted Panels that got a value.
    /// @param totalWh Sum of the accepted values, Wh.
    /// @param signers Bit mask of the counted seats.
    event AggregateReported(
        uint256 indexed slot, uint256 firstPanel, uint256 panels, uint256 accepted, uint256 totalWh, uint256 signers
    );
    /// @notice Signature `index` of an agreed report did not count; `reason` is an error selector
    /// (ECDSAInvalidSignature, EnergyOracleNotOperator, EnergyOracleDuplicateSigner,
    /// EnergyOracleSeatedAfterSlot).
    /// @param slot Slot start, Unix s.
    /// @param index Position of the signature in `signatures`.
    /// @param signer The recovered signer (address(0) if none).
    /// @param reason Error selector.
    event AggregateSignatureSkipped(uint256 indexed slot, uint256 index, address signer, bytes4 reason);
    /// @notice A panel of an agreed report got no value (the per-operator path stays open for it);
    /// `reason`: EnergyOraclePanelNotRegistered, EnergyOracleExceedsCapacity, EnergyOracleAlreadyReported.
    /// @param panelId The panel.
    /// @param slot Slot start, Unix s.
    /// @param reason Error selector.
    event AggregateEntrySkipped(uint256 indexed panelId, uint256 indexed slot, bytes4 reason);
    /// @notice The signed median of the panel (`signedWh`) is not the median of the report's readings
    /// (`correctWh`, NO_READING = none): each signer in `signers` got a deviation; `voided`: the slot
    /// was not finalised, so the panel's chunk lost its values and reopened to the per-operator path.
    /// @param slot Slot start, Unix s.
    /// @param panelId The panel.
    /// @param signedWh The signed median, Wh.
    /// @param correctWh The median of the readings, Wh (NO_READING = none).
    /// @param signers Bit mask of the signer seats that got a deviation.
    /// @param voided True if the chunk's values were voided (slot not finalised).
    event AggregateDisputed(
        uint256 indexed slot, uint256 indexed panelId, uint256 signedWh, uint256 correctWh, uint256 signers, bool voided
    );
    /// @notice A chunk of an aggregated report was already reported for the slot (duplicate): skipped.
    /// @param slot Slot start, Unix s.
    /// @param chunk Chunk index (firstPanel / CHUNK_PANELS).
    event AggregateChunkSkipped(uint256 indexed slot, uint256 chunk);
    /// @notice The slot was finalised; its data never changes from now.
    /// @param slot Slot start, Unix s.
    /// @param totalEnergy Sum of the accepted production, Wh.
    event TimeSlotFinalized(uint256 indexed slot, uint256 totalEnergy);
    /// @notice At finalisation: panels with at least one report, and with a quorum (the rest count 0).
    /// @param slot Slot start, Unix s.
    /// @param panelsReported Panels with at least one report.
    /// @param panelsWithQuorum Panels whose value was accepted.
    event TimeSlotCoverage(uint256 indexed slot, uint256 panelsReported, uint256 panelsWithQuorum);
    /// @notice An operator moved its seat to a new key (`updateOracle`).
    /// @param oldOracle The previous key.
    /// @param newOracle The new key.
    event OracleUpdated(address indexed oldOracle, address indexed newOracle);
    /// @notice An operator took a seat.
    /// @param operator The operator.
    /// @param seat Seat number, 1..MAX_OPERATORS.
    event OperatorAdded(address indexed operator, uint256 seat);
    /// @notice An operator left its seat.
    /// @param operator The operator.
    /// @param seat Seat number, 1..MAX_OPERATORS.
    event OperatorRemoved(address indexed operator, uint256 seat);
    /// @notice Quorum for slots first reported from now on.
    /// @param quorum Operators, 1..operator count.
    event QuorumUpdated(uint256 quorum);
    /// @notice New reporting window.
    /// @param reportingWindow Seconds after a slot's end, 60 s .. 7 days.
    event ReportingWindowUpdated(uint256 reportingWindow);
    /// @notice New deviation tolerance.
    /// @param toleranceBps Basis points of the accepted value, <= 10,000.
    /// @param minToleranceWh Absolute floor, Wh.
    event DeviationToleranceUpdated(uint256 toleranceBps, uint256 minToleranceWh);
    /// @notice A finalised report deviated from the accepted value beyond tolerance (evidence for slashing).
    /// @param operator The deviating operator.
    /// @param panelId The panel.
    /// @param slot Slot start, Unix s.
    /// @param reportedWh The operator's reading, Wh.
    /// @param acceptedWh The accepted value, Wh.
    event OperatorDeviated(
        address indexed operator, uint256 indexed panelId, uint256 indexed slot, uint256 reportedWh, uint256 acceptedWh
    );

    /// @notice Report `energyWh` produced by panel `panelId` in the slot starting at `timestamp` (operator).
    /// The panel must have been registered for the whole slot (the registration in force then, even if
    /// it ended since) and `energyWh` at most capacityWatt * slotLength / 3600.
    /// @param panelId The panel.
    /// @param timestamp Slot start, Unix s, a multiple of `slotLength`, the slot ended.
    /// @param energyWh Production in the slot, Wh.
    /// @dev Reverts EnergyOracleSlotOutOfRange, EnergyOracleSlotMisaligned, EnergyOracleSlotNotEnded,
    /// EnergyOracleReportingClosed, EnergyOracleSlotFinalized, EnergyOracleNotOperator,
    /// EnergyOracleSeatedAfterSlot, EnergyOracleAlreadyAggregated, EnergyOraclePanelNotRegistered,
    /// EnergyOracleExceedsCapacity.
    function reportProduction(uint256 panelId, uint256 timestamp, uint256 energyWh) external;

    /// @notice Report many panels of one slot in one transaction (operator). Slot-wide problems revert
    /// as in `reportProduction`; a panel not registered for the slot or a value above its capacity
    /// bound is skipped with ProductionReportSkipped, never blocking the other panels.
    /// @param slot Slot start, Unix s.
    /// @param panelIds Panel ids, 1..MAX_BATCH_SIZE entries.
    /// @param energyWh Production in Wh, one per panel.
    /// @dev Reverts EnergyOracleBatchLengthMismatch, EnergyOracleInvalidBatchSize and the slot-wide
    /// errors of `reportProduction`.
    function reportProductionBatch(uint256 slot, uint256[] calldata panelIds, uint256[] calldata energyWh) external;

    /// @notice Store one slot's agreed report (anyone may transmit; the authority is in the
    /// signatures). Operators agree off chain on the per-panel medians (Chainlink OCR's shape) and a
    /// quorum of them sign the report with EIP-712: Report(uint256 slot, uint256 firstPanel,
    /// uint256 count, uint256 observers, bytes32 mediansHash, bytes32 readingsHash). The contract
    /// checks the signatures (distinct operators seated for the slot, at least the slot's quorum) and
    /// each median against the registry (registered for the slot, within capacity * slotLength / 3600
    /// Wh, no per-operator reports), and stores the medians packed (4 bytes per panel in a code-only
    /// data contract per slot and chunk of CHUNK_PANELS). It does not recompute the medians: the
    /// report carries the observers' readings, so `disputeMedian` shows a wrong one. A bad signature
    /// or panel is skipped with a named event; the rest goes ahead. A panel's per-operator reports
    /// and its aggregated value exclude each other; the per-operator path stays the fallback.
    /// @param report The agreed report (see AgreedReport); reporting window open, slot not finalised.
    /// @param signatures 1..7 EIP-712 signatures (65-byte r, s, v) of operators over the report.
    /// @dev Reverts the slot-wide errors of `reportProduction` (except EnergyOracleNotOperator; a stale
    /// report: EnergyOracleReportingClosed), EnergyOracleAggregateMisaligned, EnergyOracleInvalidBatchSize,
    /// EnergyOracleBatchLengthMismatch, EnergyOracleReportDisputed, EnergyOracleInvalidObservers,
    /// EnergyOracleTooFewObservers, EnergyOracleAggregateQuorumNotReached.
    function reportAggregated(AgreedReport calldata report, bytes[] calldata signatures) external;

    /// @notice Show that a stored agreed report's median of panel firstPanel + index is not the median
    /// of its observers' readings within the capacity bound (NO_READING below the slot's quorum)
    /// (anyone, any time). Every signer of the report gets a deviation (OperatorDeviated, slashable
    /// by governance); the report is never accepted again; before finalisation the panel's chunk
    /// loses its values (the slot total drops) and reopens to the per-operator path or a new report.
    /// @param report The stored agreed report, as transmitted.
    /// @param index Position of the panel in the report, 0..count-1.
    /// @dev Reverts the shape errors of `reportAggregated`, EnergyOracleInvalidBatchSize (index),
    /// EnergyOracleReportNotStored, EnergyOraclePanelNotRegistered, EnergyOracleMedianMatches.
    function disputeMedian(AgreedReport calldata report, uint256 index) external;

    /// @notice After finalisation, show with an operator's own signature over an agreed report that
    /// its reading of panel firstPanel + index deviates from the accepted aggregated value beyond
    /// tolerance (anyone). Emits OperatorDeviated and counts it, as `flagDeviation`.
    /// @param report The agreed report the operator signed.
    /// @param signature The operator's EIP-712 signature over it (65 bytes r, s, v).
    /// @param index Position of the panel in the report, 0..count-1.
    /// @dev Reverts EnergyOracleSlotNotFinalized, the shape errors of `reportAggregated`,
    /// EnergyOracleInvalidBatchSize (index), ECDSAInvalidSignature*, EnergyOracleUnknownOperator,
    /// EnergyOracleNoReport, EnergyOracleWithinTolerance, EnergyOracleAlreadyFlagged.
    function proveDeviation(AgreedReport calldata report, bytes calldata signature, uint256 index) external;

    /// @notice Discard, for the listed panels of an unfinalised slot, the reports of seats that may not
    /// count in it (operator removed, or seat taken after the slot ended) and update the accepted
    /// values (anyone). A new report of a panel does the same in passing. Finalisation waits until no
    /// such report is left.
    /// @param slot Slot start, Unix s.
    /// @param panelIds 1..MAX_BATCH_SIZE panels, each holding at least one such report.
    /// @dev Reverts EnergyOracleInvalidBatchSize, EnergyOracleSlotOutOfRange, EnergyOracleSlotMisaligned,
    /// EnergyOracleSlotFinalized, EnergyOracleNothingToDiscard.
    function discardReports(uint256 slot, uint256[] calldata panelIds) external;

    /// @notice Finalise slot `slot` once its reporting window has closed (anyone).
    /// @param slot Slot start, Unix s.
    /// @dev Reverts EnergyOracleSlotOutOfRange, EnergyOracleSlotMisaligned, EnergyOracleReportingOpen,
    /// EnergyOracleSlotFinalized, EnergyOracleDiscardPending.
    function finalizeTimeSlot(uint256 slot) external;

    /// @notice Flag an operator's finalised report that deviates from the accepted value by more than
    /// max(accepted * toleranceBps / 10,000, minToleranceWh) (anyone). Emits OperatorDeviated and counts
    /// it in `deviationCount`; slashing is governance's decision (StakingVault.slash).
    /// @param slot Slot start, Unix s (finalised).
    /// @param panelId The panel.
    /// @param operator The operator whose report is flagged.
    /// @dev Reverts EnergyOracleSlotNotFinalized, EnergyOracleUnknownOperator, EnergyOracleNoReport,
    /// EnergyOracleQuorumNotReached, EnergyOracleWithinTolerance, EnergyOracleAlreadyFlagged.
    function flagDeviation(uint256 slot, uint256 panelId, address operator) external;

    /// @notice Move the caller's operator seat (and its reports) to `newOracle` (key rotation).
    /// @param newOracle The new key, not address(0) and not an operator.
    /// @dev Reverts EnergyOracleNotOperator, EnergyOracleInvalidParameter, EnergyOracleOperatorExists.
    function updateOracle(address newOracle) external;

    /// @notice Add an operator in the lowest free seat (DEFAULT_ADMIN_ROLE). A seat freed by a removed
    /// operator is reused: the new holder's reports replace the old holder's in unfinalised slots.
    /// @param operator The account, not address(0).
    /// @dev Reverts AccessControlUnauthorizedAccount, EnergyOracleInvalidParameter,
    /// EnergyOracleOperatorExists, EnergyOracleTooManyOperators.
    function addOperator(address operator) external;

    /// @notice Remove an operator (DEFAULT_ADMIN_ROLE); the quorum must stay reachable. Its reports stop
    /// counting in every slot not yet finalised (see `discardReports`).
    /// @param operator The operator.
    /// @dev Reverts AccessControlUnauthorizedAccount, EnergyOracleUnknownOperator, EnergyOracleInvalidQuorum.
    function removeOperator(address operator) external;

    /// @notice Operators needed for a panel's value to be accepted, for slots first reported from now on.
    /// @param quorum Operators, 1..operator count.
    /// @dev Reverts AccessControlUnauthorizedAccount, EnergyOracleInvalidQuorum.
    function setQuorum(uint256 quorum) external;

    /// @notice Seconds after a slot's end during which reports are accepted (60 s .. 7 days).
    /// @param reportingWindow Seconds, 60 .. 604,800.
    /// @dev Reverts AccessControlUnauthorizedAccount, EnergyOracleInvalidParameter.
    function setReportingWindow(uint256 reportingWindow) external;

    /// @notice Deviation tolerance: relative in basis points (<= 10,000) and an absolute floor in Wh.
    /// @param toleranceBps Basis points of the accepted value, <= 10,000.
    /// @param minToleranceWh Absolute floor, Wh.
    /// @dev Reverts AccessControlUnauthorizedAccount, EnergyOracleInvalidParameter.
    function setDeviationTolerance(uint256 toleranceBps, uint256 minToleranceWh) external;

    /// @notice Accepted production of `panelId` in the slot starting at `timestamp`.
    /// @param panelId The panel.
    /// @param timestamp Slot start, Unix s.
    /// @return The panel's state in the slot (see `ProductionReport`; zeros if none).
    function getProductionReport(uint256 panelId, uint256 timestamp) external view returns (ProductionReport memory);

    /// @notice Accepted production of `panelId` in the slot, Wh (median at quorum, else 0).
    /// @param panelId The panel.
    /// @param slot Slot start, Unix s.
    /// @return Wh.
    function acceptedProductionOf(uint256 panelId, uint256 slot) external view returns (uint256);

    /// @notice The panel's value from an aggregated report in the slot, Wh (0 if none).
    /// @param panelId The panel.
    /// @param slot Slot start, Unix s.
    /// @return Wh.
    function aggregatedProductionOf(uint256 panelId, uint256 slot) external view returns (uint256);

    /// @notice One operator's report: `reported` false if none; `energyWh` in Wh.
    /// @param panelId The panel.
    /// @param slot Slot start, Unix s.
    /// @param operator The operator.
    /// @return reported True if the operator's seat holds a report.
    /// @return energyWh The report, Wh (0 if none).
    function getOperatorReport(uint256 panelId, uint256 slot, address operator)
        external
        view
        returns (bool reported, uint256 energyWh);

    /// @notice Reference-compatible summary of the slot.
    /// @param slot Slot start, Unix s.
    /// @return The summary (see `TimeSlotData`).
    /// @dev Reverts EnergyOracleSlotOutOfRange.
    function getTimeSlotData(uint256 slot) external view returns (TimeSlotData memory);

    /// @notice Sum of accepted production in the slot, Wh.
    /// @param slot Slot start, Unix s.
    /// @return Wh.
    function getTotalProductionInSlot(uint256 slot) external view returns (uint256);

    /// @notice Whether the slot is finalised.
    /// @param slot Slot start, Unix s.
    /// @return True once finalised.
    function isTimeSlotFinalized(uint256 slot) external view returns (bool);

    /// @notice Unix time (s) of finalisation, 0 if not finalised.
    /// @param slot Slot start, Unix s.
    /// @return Unix s.
    function finalizedAt(uint256 slot) external view returns (uint256);

    /// @notice Unix time (s) at which the slot's reporting window closes.
    /// @param slot Slot start, Unix s.
    /// @return Unix s (slot + slotLength + reportingWindow).
    /// @dev Reverts EnergyOracleSlotOutOfRange.
    function reportingDeadline(uint256 slot) external view returns (uint256);

    /// @notice Whether `account` holds an operator seat.
    /// @param account The account.
    /// @return True for an operator.
    function isOperator(address account) external view returns (bool);

    /// @notice The current operators.
    /// @return operators Their addresses, in seat order.
    function getOperators() external view returns (address[] memory);

    /// @notice The seat (1..7) of `operator`, 0 if not an operator.
    /// @param operator The account.
    /// @return Seat number (0 = none).
    function seatOf(address operator) external view returns (uint256);

    /// @notice Deviation tolerance: basis points of the accepted value and an absolute floor in Wh.
    /// @return toleranceBps Relative tolerance, basis points.
    /// @return minToleranceWh Absolute floor, Wh.
    function deviationTolerance() external view returns (uint256 toleranceBps, uint256 minToleranceWh);

    /// @notice Operators needed for a panel's value to be accepted, for slots first reported from now on.
    /// @return Operators.
    function quorum() external view returns (uint256);

    /// @notice Seconds after a slot's end during which reports are accepted.
    /// @return Seconds.
    function reportingWindow() external view returns (uint256);

    /// @notice Slot length in seconds (copied from the registry at deployment).
    /// @return Seconds.
    function slotLength() external view returns (uint256);

    /// @notice Number of deviations flagged against `operator`.
    /// @param operator The operator.
    /// @return Count.
    function deviationCount(address operator) external view returns (uint256);

    /// @notice The PanelRegistry that holds panels and owner totals.
    /// @return Registry address.
    function registry() external view returns (address);
}
