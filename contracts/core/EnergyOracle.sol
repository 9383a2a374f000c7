// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {Create2} from "@openzeppelin/contracts/utils/Create2.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IEnergyOracle} from "../../interfaces/IEnergyOracle.sol";
import {IPanelRegistry} from "../../interfaces/IPanelRegistry.sol";
import {OracleReports} from "../libraries/OracleReports.sol";

/// @title EnergyOracle — multi-operator production reports, median per panel, finalised per slot
/// @notice Operators sit in numbered seats (1..7); each seat's report for a (slot, panel) lives in
/// one packed word (see OracleReports), so a corrected report overwrites the operator's own earlier
/// value in place. The slot's total and the registry's per-panel and per-owner figures are adjusted
/// by the change of the accepted value only, so nothing is ever counted twice.
contract EnergyOracle is AccessControl, EIP712, IEnergyOracle {
    using OracleReports for uint256;
    using SafeCast for uint256;

    uint256 public constant MAX_OPERATORS = OracleReports.MAX_SEATS;
    /// @notice Most panels per `reportProductionBatch` call (about 30k-60k gas each).
    uint256 public constant MAX_BATCH_SIZE = 400;
    uint256 public constant MIN_REPORTING_WINDOW = 60;
    uint256 public constant MAX_REPORTING_WINDOW = 7 days;
    /// @notice Latest accepted slot start (Unix s): far beyond any real slot, and low enough that
    /// slot + slotLength + reportingWindow never overflows.
    uint256 public constant MAX_SLOT = type(uint40).max;
    uint256 private constant _COUNT_MASK = 0xffffffff;
    /// @notice Panels per stored block of aggregated values (a report starts at a multiple of it).
    uint256 public constant CHUNK_PANELS = 256;
    /// @notice Most panels per `reportAggregated` call.
    uint256 public constant MAX_AGGREGATE_PANELS = 1024;
    /// @notice A reading value meaning "this operator has no reading for this panel".
    uint256 public constant NO_READING = type(uint32).max;
    bytes32 public constant READINGS_TYPEHASH =
        keccak256("Readings(uint256 slot,uint256 firstPanel,bytes32 valuesHash)");

    // Governed configuration, one storage slot.
    struct Config {
        uint8 quorum;
        uint8 operatorCount;
        uint8 seatMask; // bit s-1 set when seat s is taken
        uint32 reportingWindow; // s
        uint16 toleranceBps;
        uint64 minToleranceWh;
        uint40 lastSeatTakenAt; // Unix s of the latest addOperator: seats taken later matter only to older slots
    }

    // Per slot, one storage slot.
    struct SlotHeader {
        uint64 totalEnergy; // Wh, sum of accepted values
        uint8 quorum; // fixed at the slot's first report (0 = no report yet)
        bool finalized;
        uint40 finalizedAt; // Unix s
        uint32 panelsReported;
        uint32 panelsWithQuorum;
    }

    // Per seat: holder and the time (Unix s) it took the seat (key rotation keeps the time).
    struct Seat {
        address holder;
        uint40 since;
    }

    // The fixed inputs of one aggregated report (keeps the stack small).
    struct Context {
        uint256 slot;
        uint256 quorum;
        uint256 firstPanel;
        uint256 validReadings; // bit j set when readings[j] counts
    }

    // Working memory of one chunk's medians.
    struct Scratch {
        uint256[7] words; // the current packed word of each reading
        uint256[7] sorted; // the panel's readings, sorted
        uint256 table; // the registry's capacity-table word of the current panel
        uint256 perOperator; // the chunk's per-operator bitmap
    }

    IPanelRegistry private immutable _registry;
    uint256 private immutable _slotLength;

    Config private _config;
    mapping(uint256 seat => Seat) private _seats;
    mapping(address operator => uint256 seat) private _seatOf;
    mapping(uint256 slot => SlotHeader) private _slots;
    mapping(uint256 slot => mapping(uint256 panelId => uint256 word)) private _reports;
    // Per slot: for each seat s, bits [32*(s-1), 32*s) count the panels holding a report of seat s.
    mapping(uint256 slot => uint256 counts) private _seatReportCounts;
    // Aggregated reports: per slot and chunk of CHUNK_PANELS ids, the address of a code-only data
    // contract holding 4 bytes (uint32 Wh, NO_READING = none) per panel, after a 0x00 stop byte.
    mapping(uint256 slot => mapping(uint256 chunk => address data)) private _aggregates;
    // Per slot and chunk: bit i set when panel chunk * CHUNK_PANELS + i has per-operator reports.
    mapping(uint256 slot => mapping(uint256 chunk => uint256 bits)) private _perOperatorPanels;
    mapping(address operator => uint256 count) private _deviations;
    mapping(bytes32 key => bool) private _flagged;

    /// @param admin Receives DEFAULT_ADMIN_ROLE (handed to governance at deployment).
    /// @param registry_ The PanelRegistry (linked to this oracle by its `setOracle`); its slot length is used.
    /// @param reportingWindow_ Seconds after a slot's end during which reports are accepted.
    constructor(address admin, address registry_, uint256 reportingWindow_) EIP712("EnergyOracle", "1") {
        if (registry_ == address(0)) revert EnergyOracleInvalidParameter("registry", 0);
        _registry = IPanelRegistry(registry_);
        _slotLength = IPanelRegistry(registry_).slotLength();
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _config.quorum = 1;
        _setReportingWindow(reportingWindow_);
    }

    // ---------------------------------------------------------------- reporting

    /// @inheritdoc IEnergyOracle
    function reportProduction(uint256 panelId, uint256 timestamp, uint256 energyWh) external {
        SlotHeader memory header = _openForReports(timestamp);
        uint256 seat = _requireSeatFor(msg.sender, timestamp);
        if (_aggregatedWord(timestamp, panelId) != NO_READING) revert EnergyOracleAlreadyAggregated(panelId, timestamp);
        (uint256 maxWh, bool registered) = _reportSpec(timestamp, panelId);
        if (!registered) revert EnergyOraclePanelNotRegistered(panelId, timestamp);
        if (energyWh > maxWh) revert EnergyOracleExceedsCapacity(panelId, energyWh, maxWh);
        uint256 counts = _report(timestamp, header, _seatReportCounts[timestamp], panelId, energyWh, seat);
        _slots[timestamp] = header;
        _seatReportCounts[timestamp] = counts;
    }

    /// @inheritdoc IEnergyOracle
    function reportProductionBatch(uint256 slot, uint256[] calldata panelIds, uint256[] calldata energyWh) external {
        uint256 n = panelIds.length;
        if (n != energyWh.length) revert EnergyOracleBatchLengthMismatch(n, energyWh.length);
        if (n == 0 || n > MAX_BATCH_SIZE) revert EnergyOracleInvalidBatchSize(n, MAX_BATCH_SIZE);
        SlotHeader memory header = _openForReports(slot);
        uint256 seat = _requireSeatFor(msg.sender, slot);
        uint256 counts = _seatReportCounts[slot];
        for (uint256 i; i < n; ++i) {
            uint256 panelId = panelIds[i];
            (uint256 maxWh, bool registered) = _reportSpec(slot, panelId);
            // One bad panel never blocks the others: it is skipped with the error the single path raises.
            if (_aggregatedWord(slot, panelId) != NO_READING) {
                emit ProductionReportSkipped(panelId, slot, msg.sender, EnergyOracleAlreadyAggregated.selector);
            } else if (!registered) {
                emit ProductionReportSkipped(panelId, slot, msg.sender, EnergyOraclePanelNotRegistered.selector);
            } else if (energyWh[i] > maxWh) {
                emit ProductionReportSkipped(panelId, slot, msg.sender, EnergyOracleExceedsCapacity.selector);
            } else {
                counts = _report(slot, header, counts, panelId, energyWh[i], seat);
            }
        }
        _slots[slot] = header;
        _seatReportCounts[slot] = counts;
    }

    /// @inheritdoc IEnergyOracle
    function discardReports(uint256 slot, uint256[] calldata panelIds) external {
        uint256 n = panelIds.length;
        if (n == 0 || n > MAX_BATCH_SIZE) revert EnergyOracleInvalidBatchSize(n, MAX_BATCH_SIZE);
        _requireSlot(slot);
        SlotHeader memory header = _slots[slot];
        if (header.finalized) revert EnergyOracleSlotFinalized(slot);
        uint256 invalid = _invalidSeats(slot);
        uint256 counts = _seatReportCounts[slot];
        for (uint256 i; i < n; ++i) {
            uint256 panelId = panelIds[i];
            uint256 word = _reports[slot][panelId];
            if (word.reportedMask() & invalid == 0) revert EnergyOracleNothingToDiscard(panelId, slot);
            counts = _store(slot, header, counts, panelId, word, word, invalid);
        }
        _slots[slot] = header;
        _seatReportCounts[slot] = counts;
    }

    /// @inheritdoc IEnergyOracle
    function reportAggregated(uint256 slot, uint256 firstPanel, uint256 count, SignedReadings[] calldata readings)
        external
    {
        SlotHeader memory header = _openForReports(slot);
        if (firstPanel % CHUNK_PANELS != 0) revert EnergyOracleAggregateMisaligned(firstPanel, CHUNK_PANELS);
        uint256 k = readings.length;
        if (k == 0 || k > MAX_OPERATORS) revert EnergyOracleInvalidBatchSize(k, MAX_OPERATORS);
        if (count == 0 || count > MAX_AGGREGATE_PANELS) revert EnergyOracleInvalidBatchSize(count, MAX_AGGREGATE_PANELS);
        (uint256 signers, uint256 validReadings) = _verifySigners(slot, firstPanel, readings, (count + 7) / 8);
        uint256 valid = _popCount(validReadings);
        if (valid < header.quorum) revert EnergyOracleAggregateQuorumNotReached(slot, valid, header.quorum);
        (uint256 totalWh, uint256 accepted) = _storeChunks(
            Context({slot: slot, quorum: header.quorum, firstPanel: firstPanel, validReadings: validReadings}),
            count,
            readings
        );
        header.totalEnergy = (header.totalEnergy + totalWh).toUint64();
        header.panelsReported += accepted.toUint32();
        header.panelsWithQuorum += accepted.toUint32();
        _slots[slot] = header;
        emit AggregateReported(slot, firstPanel, count, accepted, totalWh, signers);
    }

    /// @dev Stores the medians chunk by chunk (one data contract each); an already reported chunk
    /// is skipped (AggregateChunkSkipped).
    function _storeChunks(Context memory ctx, uint256 n, SignedReadings[] calldata readings)
        private
        returns (uint256 totalWh, uint256 accepted)
    {
        for (uint256 start; start < n; start += CHUNK_PANELS) {
            uint256 chunk = (ctx.firstPanel + start) / CHUNK_PANELS;
            if (_aggregates[ctx.slot][chunk] != address(0)) {
                emit AggregateChunkSkipped(ctx.slot, chunk);
                continue;
            }
            uint256 end = start + CHUNK_PANELS < n ? start + CHUNK_PANELS : n;
            (bytes memory data, uint256 chunkWh, uint256 chunkAccepted) = _medians(ctx, start, end, readings);
            _aggregates[ctx.slot][chunk] =
                Create2.deploy(0, keccak256(abi.encode(ctx.slot, chunk)), _dataContractCode(data));
            totalWh += chunkWh;
            accepted += chunkAccepted;
        }
    }

    /// @inheritdoc IEnergyOracle
    function proveDeviation(uint256 slot, uint256 firstPanel, SignedReadings calldata reading, uint256 index)
        external
    {
        if (!_slots[slot].finalized) revert EnergyOracleSlotNotFinalized(slot);
        if (index >= reading.values.length * 8) revert EnergyOracleInvalidBatchSize(index, reading.values.length * 8);
        address signer = _recover(slot, firstPanel, reading);
        uint256 seat = _seatOf[signer];
        if (seat == 0) revert EnergyOracleUnknownOperator(signer);
        uint256 panelId = firstPanel + index;
        uint256 reportedWh = _slotOf(reading.values[index / 8], index);
        uint256 acceptedWh = _aggregatedWord(slot, panelId);
        if (acceptedWh == NO_READING || reportedWh == NO_READING) revert EnergyOracleNoReport(signer, panelId, slot);
        _flag(slot, panelId, signer, reportedWh, acceptedWh);
    }

    /// @dev Seats (bit s-1) of the readings whose signature recovers to an operator seated for the
    /// slot, each seat once; any other reading is skipped with AggregateReadingSkipped.
    function _verifySigners(uint256 slot, uint256 firstPanel, SignedReadings[] calldata readings, uint256 words)
        private
        returns (uint256 signers, uint256 validReadings)
    {
        uint256 slotEnd = slot + _slotLength;
        uint256 lastTaken = _config.lastSeatTakenAt;
        for (uint256 j; j < readings.length; ++j) {
            if (readings[j].values.length != words) {
                revert EnergyOracleBatchLengthMismatch(words, readings[j].values.length);
            }
            bytes32 digest = _readingsDigest(slot, firstPanel, readings[j].values);
            (address signer, ECDSA.RecoverError error,) = ECDSA.tryRecover(digest, readings[j].signature);
            uint256 seat = error == ECDSA.RecoverError.NoError ? _seatOf[signer] : 0;
            bytes4 reason;
            if (error != ECDSA.RecoverError.NoError) reason = ECDSA.ECDSAInvalidSignature.selector;
            else if (seat == 0) reason = EnergyOracleNotOperator.selector;
            else if (signers & (1 << (seat - 1)) != 0) reason = EnergyOracleDuplicateSigner.selector;
            else if (lastTaken > slotEnd && _seats[seat].since > slotEnd) reason = EnergyOracleSeatedAfterSlot.selector;
            if (reason != bytes4(0)) {
                emit AggregateReadingSkipped(slot, j, signer, reason);
                continue;
            }
            signers |= 1 << (seat - 1);
            validReadings |= 1 << j;
        }
    }

    /// @dev Medians of panels [start, end) of the report, as a data blob (4 bytes each), with their
    /// sum and count. A panel is left out (NO_READING, AggregateEntrySkipped) when it is not
    /// registered for the slot, already has per-operator reports, or has fewer than `quorum_`
    /// readings within its capacity bound.
    function _medians(Context memory ctx, uint256 start, uint256 end, SignedReadings[] calldata readings)
        private
        returns (bytes memory data, uint256 sumWh, uint256 accepted)
    {
        // 8 values per word, the first in the top bits: packed, the words are the data's bytes.
        uint256[] memory out = new uint256[]((end - start + 7) / 8);
        Scratch memory sc;
        sc.perOperator = _perOperatorPanels[ctx.slot][(ctx.firstPanel + start) / CHUNK_PANELS];
        for (uint256 i = start; i < end; ++i) {
            uint256 panelId = ctx.firstPanel + i;
            if (i == start || panelId % 7 == 0) sc.table = _registry.capacityTable(panelId / 7);
            if (i % 8 == 0) _loadWords(sc.words, readings, ctx.validReadings, i / 8);
            (uint256 median, bytes4 reason) = _entry(ctx, sc, i);
            if (reason != bytes4(0)) {
                emit AggregateEntrySkipped(panelId, ctx.slot, reason);
            } else {
                sumWh += median;
                ++accepted;
            }
            out[(i - start) / 8] |= median << (224 - 32 * (i % 8));
        }
        // Unused places of the last word read as "no value".
        for (uint256 i = end; i % 8 != 0; ++i) {
            out[(i - start) / 8] |= NO_READING << (224 - 32 * (i % 8));
        }
        data = abi.encodePacked(out);
    }

    /// @dev Word `w` of every counted reading into `words`.
    function _loadWords(uint256[7] memory words, SignedReadings[] calldata readings, uint256 validReadings, uint256 w)
        private
        pure
    {
        for (uint256 j; j < readings.length; ++j) {
            if (validReadings & (1 << j) != 0) words[j] = readings[j].values[w];
        }
    }

    /// @dev The accepted value of panel index `i` of the report, or NO_READING and the skip reason.
    function _entry(Context memory ctx, Scratch memory sc, uint256 i)
        private
        view
        returns (uint256 median, bytes4 reason)
    {
        uint256 panelId = ctx.firstPanel + i;
        (bool registered, uint256 maxWh) = _maxWhFromTable(ctx.slot, panelId, sc.table);
        if (!registered) return (NO_READING, EnergyOraclePanelNotRegistered.selector);
        if (sc.perOperator & (1 << (panelId % CHUNK_PANELS)) != 0) {
            return (NO_READING, EnergyOracleAlreadyReported.selector);
        }
        uint256 m;
        for (uint256 j; j < MAX_OPERATORS; ++j) {
            if (ctx.validReadings & (1 << j) == 0) continue;
            uint256 v = _slotOf(sc.words[j], i);
            if (v == NO_READING || v > maxWh) continue;
            // Insertion sort: at most 7 values.
            uint256 p = m;
            while (p > 0 && sc.sorted[p - 1] > v) {
                sc.sorted[p] = sc.sorted[p - 1];
                --p;
            }
            sc.sorted[p] = v;
            ++m;
        }
        if (m == 0 || m < ctx.quorum) return (NO_READING, EnergyOracleQuorumNotReached.selector);
        // Overflow not possible: values are below 2**32.
        median = m % 2 == 1 ? sc.sorted[m / 2] : (sc.sorted[m / 2 - 1] + sc.sorted[m / 2]) / 2;
    }

    /// @dev Value `i % 8` of a packed word (the first in the top bits).
    function _slotOf(uint256 word, uint256 i) private pure returns (uint256) {
        return (word >> (224 - 32 * (i % 8))) & _COUNT_MASK;
    }

    /// @inheritdoc IEnergyOracle
    function finalizeTimeSlot(uint256 slot) external {
        _requireSlot(slot);
        uint256 deadline = reportingDeadline(slot);
        if (block.timestamp < deadline) revert EnergyOracleReportingOpen(slot, deadline, block.timestamp);
        SlotHeader storage header = _slots[slot];
        if (header.finalized) revert EnergyOracleSlotFinalized(slot);
        // Reports of removed operators (or of a seat's earlier holder) must be discarded first, so
        // that only operators seated for the slot count in its final values.
        uint256 counts = _seatReportCounts[slot];
        if (counts != 0) {
            uint256 invalid = _invalidSeats(slot);
            for (uint256 seat = 1; seat <= MAX_OPERATORS; ++seat) {
                uint256 pending = (counts >> ((seat - 1) * 32)) & _COUNT_MASK;
                if (pending != 0 && invalid & (1 << (seat - 1)) != 0) {
                    revert EnergyOracleDiscardPending(slot, seat, pending);
                }
            }
        }
        header.finalized = true;
        header.finalizedAt = block.timestamp.toUint40();
        emit TimeSlotFinalized(slot, header.totalEnergy);
        emit TimeSlotCoverage(slot, header.panelsReported, header.panelsWithQuorum);
    }

    /// @inheritdoc IEnergyOracle
    function flagDeviation(uint256 slot, uint256 panelId, address operator) external {
        SlotHeader memory header = _slots[slot];
        if (!header.finalized) revert EnergyOracleSlotNotFinalized(slot);
        uint256 seat = _seatOf[operator];
        if (seat == 0) revert EnergyOracleUnknownOperator(operator);
        uint256 word = _reports[slot][panelId];
        (bool reported, uint256 reportedWh) = word.reportOf(seat);
        // A seat taken after the slot ended may hold the previous holder's report: not attributable.
        if (!reported || _seats[seat].since > slot + _slotLength) revert EnergyOracleNoReport(operator, panelId, slot);
        if (word.count() < header.quorum) revert EnergyOracleQuorumNotReached(panelId, slot);
        _flag(slot, panelId, operator, reportedWh, word.accepted(header.quorum));
    }

    // ---------------------------------------------------------------- operators and parameters

    /// @inheritdoc IEnergyOracle
    function updateOracle(address newOracle) external {
        uint256 seat = _requireSeat(msg.sender);
        if (newOracle == address(0)) revert EnergyOracleInvalidParameter("newOracle", 0);
        if (_seatOf[newOracle] != 0) revert EnergyOracleOperatorExists(newOracle);
        delete _seatOf[msg.sender];
        _seatOf[newOracle] = seat;
        _seats[seat].holder = newOracle;
        emit OracleUpdated(msg.sender, newOracle);
    }

    /// @inheritdoc IEnergyOracle
    function addOperator(address operator) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (operator == address(0)) revert EnergyOracleInvalidParameter("operator", 0);
        if (_seatOf[operator] != 0) revert EnergyOracleOperatorExists(operator);
        Config memory config = _config;
        if (config.operatorCount == MAX_OPERATORS) revert EnergyOracleTooManyOperators(MAX_OPERATORS);
        uint256 seat = 1;
        while (config.seatMask & (1 << (seat - 1)) != 0) ++seat;
        config.seatMask |= uint8(1 << (seat - 1));
        ++config.operatorCount;
        config.lastSeatTakenAt = block.timestamp.toUint40();
        _config = config;
        _seatOf[operator] = seat;
        _seats[seat] = Seat({holder: operator, since: block.timestamp.toUint40()});
        emit OperatorAdded(operator, seat);
    }

    /// @inheritdoc IEnergyOracle
    function removeOperator(address operator) external onlyRole(DEFAULT_ADMIN_ROLE) {
        uint256 seat = _seatOf[operator];
        if (seat == 0) revert EnergyOracleUnknownOperator(operator);
        Config memory config = _config;
        if (config.operatorCount - 1 < config.quorum) {
            revert EnergyOracleInvalidQuorum(config.quorum, config.operatorCount - 1);
        }
        config.seatMask &= ~uint8(1 << (seat - 1));
        --config.operatorCount;
        _config = config;
        delete _seatOf[operator];
        delete _seats[seat];
        emit OperatorRemoved(operator, seat);
    }

    /// @inheritdoc IEnergyOracle
    function setQuorum(uint256 quorum_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        uint256 operators = _config.operatorCount;
        if (quorum_ == 0 || quorum_ > operators) revert EnergyOracleInvalidQuorum(quorum_, operators);
        _config.quorum = uint8(quorum_); // Fits: quorum <= operatorCount <= 7.
        emit QuorumUpdated(quorum_);
    }

    /// @inheritdoc IEnergyOracle
    function setReportingWindow(uint256 reportingWindow_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setReportingWindow(reportingWindow_);
    }

    /// @inheritdoc IEnergyOracle
    function setDeviationTolerance(uint256 toleranceBps, uint256 minToleranceWh) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (toleranceBps > 10_000) revert EnergyOracleInvalidParameter("toleranceBps", toleranceBps);
        _config.toleranceBps = uint16(toleranceBps);
        _config.minToleranceWh = minToleranceWh.toUint64();
        emit DeviationToleranceUpdated(toleranceBps, minToleranceWh);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IEnergyOracle
    function getProductionReport(uint256 panelId, uint256 timestamp) external view returns (ProductionReport memory) {
        uint256 word = _reports[timestamp][panelId];
        uint256 quorum_ = _slotQuorum(timestamp);
        uint256 n = word.count();
        return ProductionReport({
            panelId: panelId,
            timeSlot: timestamp,
            energyWh: word.accepted(quorum_),
            reportCount: n,
            quorumReached: n != 0 && n >= quorum_
        });
    }

    /// @inheritdoc IEnergyOracle
    function acceptedProductionOf(uint256 panelId, uint256 slot) external view returns (uint256) {
        uint256 aggregated = _aggregatedWord(slot, panelId);
        if (aggregated != NO_READING) return aggregated;
        return _reports[slot][panelId].accepted(_slotQuorum(slot));
    }

    /// @inheritdoc IEnergyOracle
    function aggregatedProductionOf(uint256 panelId, uint256 slot) external view returns (uint256) {
        uint256 aggregated = _aggregatedWord(slot, panelId);
        return aggregated == NO_READING ? 0 : aggregated;
    }

    /// @inheritdoc IEnergyOracle
    function getOperatorReport(uint256 panelId, uint256 slot, address operator)
        external
        view
        returns (bool reported, uint256 energyWh)
    {
        uint256 seat = _seatOf[operator];
        if (seat == 0) return (false, 0);
        return _reports[slot][panelId].reportOf(seat);
    }

    /// @inheritdoc IEnergyOracle
    function getTimeSlotData(uint256 slot) external view returns (TimeSlotData memory) {
        if (slot > MAX_SLOT) revert EnergyOracleSlotOutOfRange(slot, MAX_SLOT);
        SlotHeader memory header = _slots[slot];
        return TimeSlotData({
            startTime: slot, endTime: slot + _slotLength, totalEnergy: header.totalEnergy, finalized: header.finalized
        });
    }

    /// @inheritdoc IEnergyOracle
    function getTotalProductionInSlot(uint256 slot) external view returns (uint256) {
        return _slots[slot].totalEnergy;
    }

    /// @inheritdoc IEnergyOracle
    function isTimeSlotFinalized(uint256 slot) external view returns (bool) {
        return _slots[slot].finalized;
    }

    /// @inheritdoc IEnergyOracle
    function finalizedAt(uint256 slot) external view returns (uint256) {
        return _slots[slot].finalizedAt;
    }

    /// @inheritdoc IEnergyOracle
    function reportingDeadline(uint256 slot) public view returns (uint256) {
        if (slot > MAX_SLOT) revert EnergyOracleSlotOutOfRange(slot, MAX_SLOT);
        return slot + _slotLength + _config.reportingWindow;
    }

    /// @inheritdoc IEnergyOracle
    function isOperator(address account) external view returns (bool) {
        return _seatOf[account] != 0;
    }

    /// @inheritdoc IEnergyOracle
    function getOperators() external view returns (address[] memory operators) {
        operators = new address[](_config.operatorCount);
        uint256 n;
        for (uint256 seat = 1; seat <= MAX_OPERATORS; ++seat) {
            address holder = _seats[seat].holder;
            if (holder != address(0)) operators[n++] = holder;
        }
    }

    /// @notice The seat (1..7) of `operator`, 0 if not an operator.
    function seatOf(address operator) external view returns (uint256) {
        return _seatOf[operator];
    }

    /// @inheritdoc IEnergyOracle
    function quorum() external view returns (uint256) {
        return _config.quorum;
    }

    /// @inheritdoc IEnergyOracle
    function reportingWindow() external view returns (uint256) {
        return _config.reportingWindow;
    }

    /// @notice Deviation tolerance: basis points of the accepted value and an absolute floor in Wh.
    function deviationTolerance() external view returns (uint256 toleranceBps, uint256 minToleranceWh) {
        return (_config.toleranceBps, _config.minToleranceWh);
    }

    /// @inheritdoc IEnergyOracle
    function slotLength() external view returns (uint256) {
        return _slotLength;
    }

    /// @inheritdoc IEnergyOracle
    function deviationCount(address operator) external view returns (uint256) {
        return _deviations[operator];
    }

    /// @inheritdoc IEnergyOracle
    function registry() external view returns (address) {
        return address(_registry);
    }

    // ---------------------------------------------------------------- internals

    /// @dev Records a deviation beyond tolerance (once per operator, panel and slot).
    function _flag(uint256 slot, uint256 panelId, address operator, uint256 reportedWh, uint256 acceptedWh) private {
        Config memory config = _config;
        uint256 tolerance = acceptedWh * config.toleranceBps / 10_000;
        if (tolerance < config.minToleranceWh) tolerance = config.minToleranceWh;
        uint256 deviation = reportedWh > acceptedWh ? reportedWh - acceptedWh : acceptedWh - reportedWh;
        if (deviation <= tolerance) revert EnergyOracleWithinTolerance(reportedWh, acceptedWh, tolerance);
        bytes32 key = keccak256(abi.encode(slot, panelId, operator));
        if (_flagged[key]) revert EnergyOracleAlreadyFlagged(operator, panelId, slot);
        _flagged[key] = true;
        ++_deviations[operator];
        emit OperatorDeviated(operator, panelId, slot, reportedWh, acceptedWh);
    }

    function _readingsDigest(uint256 slot, uint256 firstPanel, uint256[] calldata values)
        private
        view
        returns (bytes32)
    {
        bytes32 valuesHash = keccak256(abi.encodePacked(values));
        return _hashTypedDataV4(keccak256(abi.encode(READINGS_TYPEHASH, slot, firstPanel, valuesHash)));
    }

    /// @dev The signer of `reading`; reverts ECDSAInvalidSignature* for a malformed signature.
    function _recover(uint256 slot, uint256 firstPanel, SignedReadings calldata reading) private view returns (address) {
        return ECDSA.recover(_readingsDigest(slot, firstPanel, reading.values), reading.signature);
    }

    function _popCount(uint256 mask) private pure returns (uint256 n) {
        for (; mask != 0; mask >>= 1) {
            n += mask & 1;
        }
    }

    /// @dev The aggregated value of the panel in the slot, NO_READING if none.
    function _aggregatedWord(uint256 slot, uint256 panelId) private view returns (uint256) {
        address data = _aggregates[slot][panelId / CHUNK_PANELS];
        if (data == address(0)) return NO_READING;
        bytes memory code = data.code;
        uint256 o = 1 + (panelId % CHUNK_PANELS) * 4; // after the stop byte
        if (o + 4 > code.length) return NO_READING;
        return (uint256(uint8(code[o])) << 24) | (uint256(uint8(code[o + 1])) << 16)
            | (uint256(uint8(code[o + 2])) << 8) | uint256(uint8(code[o + 3]));
    }

    /// @dev Registration and energy bound (Wh) from a capacity-table word; when a registration among
    /// its 7 panels changed after the slot started, from the registry's history instead.
    function _maxWhFromTable(uint256 slot, uint256 panelId, uint256 table)
        private
        view
        returns (bool registered, uint256 maxWh)
    {
        if (table >> 224 > slot) {
            (maxWh, registered) = _reportSpec(slot, panelId);
            return (registered, maxWh);
        }
        uint256 capacityWatt = (table >> ((panelId % 7) * 32)) & _COUNT_MASK;
        return (capacityWatt != 0, capacityWatt * _slotLength / 3600);
    }

    /// @dev Creation code of a contract whose runtime code is 0x00 (stop) followed by `data`.
    function _dataContractCode(bytes memory data) private pure returns (bytes memory) {
        // PUSH2 size, DUP1, PUSH1 10, RETURNDATASIZE, CODECOPY, RETURNDATASIZE, RETURN; then the code.
        return abi.encodePacked(hex"61", uint16(data.length + 1), hex"80600a3d393df3", hex"00", data);
    }

    /// @dev Stores seat `seat`'s report of `energyWh` (already validated), discarding in passing the
    /// reports of seats no longer valid for the slot, and propagates a change of the accepted value.
    function _report(
        uint256 slot,
        SlotHeader memory header,
        uint256 counts,
        uint256 panelId,
        uint256 energyWh,
        uint256 seat
    ) private returns (uint256) {
        uint256 word = _reports[slot][panelId];
        // Only a panel that already holds reports can hold one that must be discarded.
        uint256 invalid = word.reportedMask() == 0 ? 0 : _invalidSeats(slot);
        (bool reported,) = word.reportOf(seat);
        // Overflow not possible: a seat's count is at most the number of panels (< 2**32 ids reported).
        if (!reported) counts += 1 << ((seat - 1) * 32);
        if (word == 0) _perOperatorPanels[slot][panelId / CHUNK_PANELS] |= 1 << (panelId % CHUNK_PANELS);
        emit ProductionReported(panelId, slot, energyWh, msg.sender);
        return _store(slot, header, counts, panelId, word, word.record(seat, energyWh), invalid);
    }

    /// @dev Writes `newWord` minus the reports of the seats in `invalid` (their per-seat counts drop),
    /// then commits the change.
    function _store(
        uint256 slot,
        SlotHeader memory header,
        uint256 counts,
        uint256 panelId,
        uint256 oldWord,
        uint256 newWord,
        uint256 invalid
    ) private returns (uint256) {
        uint256 discarded = newWord.reportedMask() & invalid;
        if (discarded != 0) {
            for (uint256 seat = 1; seat <= MAX_OPERATORS; ++seat) {
                if (discarded & (1 << (seat - 1)) == 0) continue;
                newWord = newWord.erase(seat);
                // Underflow not possible: the seat's report was counted when stored.
                counts -= 1 << ((seat - 1) * 32);
            }
            emit OperatorReportsDiscarded(panelId, slot, discarded);
        }
        _commit(slot, header, panelId, oldWord, newWord);
        return counts;
    }

    /// @dev Stores the panel's word, updates the slot's coverage, and passes a change of the accepted
    /// value to the slot total and the registry.
    function _commit(uint256 slot, SlotHeader memory header, uint256 panelId, uint256 oldWord, uint256 newWord)
        private
    {
        _reports[slot][panelId] = newWord;
        uint256 quorum_ = header.quorum;
        uint256 oldCount = oldWord.count();
        uint256 newCount = newWord.count();
        if (oldCount == 0 && newCount != 0) ++header.panelsReported;
        if (oldCount != 0 && newCount == 0) --header.panelsReported;
        if (oldCount < quorum_ && newCount >= quorum_) ++header.panelsWithQuorum;
        if (oldCount >= quorum_ && newCount < quorum_) --header.panelsWithQuorum;
        uint256 oldAccepted = oldWord.accepted(quorum_);
        uint256 newAccepted = newWord.accepted(quorum_);
        if (newAccepted != oldAccepted) {
            header.totalEnergy = (uint256(header.totalEnergy) - oldAccepted + newAccepted).toUint64();
            _registry.reportProduction(panelId, slot, oldAccepted, newAccepted);
        }
    }

    /// @dev Energy bound (Wh) and whether the panel was registered for the whole slot (registration
    /// periods: the registration in force at the slot's time, whatever happened to it since).
    function _reportSpec(uint256 slot, uint256 panelId) private view returns (uint256 maxWh, bool registered) {
        (address owner, uint256 capacityWatt) = _registry.registrationAt(panelId, slot);
        return (capacityWatt * _slotLength / 3600, owner != address(0));
    }

    /// @dev Seats (bit s-1 for seat s) whose reports must not count in `slot`: vacant seats (operator
    /// removed) and seats taken after the slot ended (their earlier holder's reports).
    function _invalidSeats(uint256 slot) private view returns (uint256 invalid) {
        Config memory config = _config;
        invalid = ~uint256(config.seatMask) & ((1 << MAX_OPERATORS) - 1);
        uint256 slotEnd = slot + _slotLength;
        // Usual case, one read: no seat was taken after the slot ended, so only vacant seats are invalid.
        if (config.lastSeatTakenAt <= slotEnd) return invalid;
        for (uint256 seat = 1; seat <= MAX_OPERATORS; ++seat) {
            if (_seats[seat].since > slotEnd) invalid |= 1 << (seat - 1);
        }
    }

    /// @dev Checks that `slot` accepts reports now and fixes its quorum at the first report.
    function _openForReports(uint256 slot) private view returns (SlotHeader memory header) {
        _requireSlot(slot);
        uint256 slotEnd = slot + _slotLength;
        if (block.timestamp < slotEnd) revert EnergyOracleSlotNotEnded(slot, slotEnd, block.timestamp);
        uint256 deadline = slotEnd + _config.reportingWindow;
        if (block.timestamp >= deadline) revert EnergyOracleReportingClosed(slot, deadline, block.timestamp);
        header = _slots[slot];
        if (header.finalized) revert EnergyOracleSlotFinalized(slot);
        if (header.quorum == 0) header.quorum = _config.quorum;
    }

    function _slotQuorum(uint256 slot) private view returns (uint256) {
        uint256 fixedQuorum = _slots[slot].quorum;
        return fixedQuorum != 0 ? fixedQuorum : _config.quorum;
    }

    function _requireSeat(address account) private view returns (uint256 seat) {
        seat = _seatOf[account];
        if (seat == 0) revert EnergyOracleNotOperator(account);
    }

    /// @dev The caller's seat, which it must have held since before `slot` ended.
    function _requireSeatFor(address account, uint256 slot) private view returns (uint256 seat) {
        seat = _requireSeat(account);
        uint256 slotEnd = slot + _slotLength;
        if (_config.lastSeatTakenAt <= slotEnd) return seat; // no seat taken since the slot ended
        uint256 since = _seats[seat].since;
        if (since > slotEnd) revert EnergyOracleSeatedAfterSlot(account, slot, since);
    }

    /// @dev `slot` is aligned to the slot length and at most MAX_SLOT (so no bound arithmetic overflows).
    function _requireSlot(uint256 slot) private view {
        if (slot > MAX_SLOT) revert EnergyOracleSlotOutOfRange(slot, MAX_SLOT);
        if (slot % _slotLength != 0) revert EnergyOracleSlotMisaligned(slot, _slotLength);
    }

    function _setReportingWindow(uint256 window) private {
        if (window < MIN_REPORTING_WINDOW || window > MAX_REPORTING_WINDOW) {
            revert EnergyOracleInvalidParameter("reportingWindow", window);
        }
        _config.reportingWindow = uint32(window); // Fits: at most 7 days.
        emit ReportingWindowUpdated(window);
    }
}
