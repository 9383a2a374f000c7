// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IEnergyOracle} from "../../interfaces/IEnergyOracle.sol";
import {IPanelRegistry} from "../../interfaces/IPanelRegistry.sol";
import {OracleReports} from "../libraries/OracleReports.sol";

/// @title EnergyOracle — multi-operator production reports, median per panel, finalised per slot
/// @notice Operators sit in numbered seats (1..7); each seat's report for a (slot, panel) lives in
/// one packed word (see OracleReports), so a corrected report overwrites the operator's own earlier
/// value in place. The slot's total and the registry's per-panel and per-owner figures are adjusted
/// by the change of the accepted value only, so nothing is ever counted twice.
contract EnergyOracle is AccessControl, IEnergyOracle {
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

    // Governed configuration, one storage slot.
    struct Config {
        uint8 quorum;
        uint8 operatorCount;
        uint8 seatMask; // bit s-1 set when seat s is taken
        uint32 reportingWindow; // s
        uint16 toleranceBps;
        uint64 minToleranceWh;
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

    IPanelRegistry private immutable _registry;
    uint256 private immutable _slotLength;

    Config private _config;
    mapping(uint256 seat => Seat) private _seats;
    mapping(address operator => uint256 seat) private _seatOf;
    mapping(uint256 slot => SlotHeader) private _slots;
    mapping(uint256 slot => mapping(uint256 panelId => uint256 word)) private _reports;
    // Per slot: for each seat s, bits [32*(s-1), 32*s) count the panels holding a report of seat s.
    mapping(uint256 slot => uint256 counts) private _seatReportCounts;
    mapping(address operator => uint256 count) private _deviations;
    mapping(bytes32 key => bool) private _flagged;

    /// @param admin Receives DEFAULT_ADMIN_ROLE (handed to governance at deployment).
    /// @param registry_ The PanelRegistry (linked to this oracle by its `setOracle`); its slot length is used.
    /// @param reportingWindow_ Seconds after a slot's end during which reports are accepted.
    constructor(address admin, address registry_, uint256 reportingWindow_) {
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
            if (!registered) {
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
        uint256 acceptedWh = word.accepted(header.quorum);
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
        return _reports[slot][panelId].accepted(_slotQuorum(slot));
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
        uint256 invalid = word.reportedMask() == 0 ? 0 : _invalidSeats(slot);
        (bool reported,) = word.reportOf(seat);
        // Overflow not possible: a seat's count is at most the number of panels (< 2**32 ids reported).
        if (!reported) counts += 1 << ((seat - 1) * 32);
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
        uint256 slotEnd = slot + _slotLength;
        for (uint256 seat = 1; seat <= MAX_OPERATORS; ++seat) {
            Seat memory s = _seats[seat];
            if (s.holder == address(0) || s.since > slotEnd) invalid |= 1 << (seat - 1);
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
        uint256 since = _seats[seat].since;
        if (since > slot + _slotLength) revert EnergyOracleSeatedAfterSlot(account, slot, since);
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
