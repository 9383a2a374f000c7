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
    /// @notice EIP-712 type of an agreed report: `mediansHash` and `readingsHash` are the keccak-256
    /// of `abi.encodePacked(medians)` and `abi.encodePacked(readings)` (see AgreedReport).
    bytes32 public constant REPORT_TYPEHASH = keccak256(
        "Report(uint256 slot,uint256 firstPanel,uint256 count,uint256 observers,bytes32 mediansHash,bytes32 readingsHash)"
    );
    // Data contract layout: 0x00 stop byte, report hash (32 bytes), signer seats (1 byte), value
    // width in bytes (1 byte, 2..4), then the values.
    uint256 private constant _DATA_SIGNERS = 33;
    uint256 private constant _DATA_WIDTH = 34;
    uint256 private constant _DATA_VALUES = 35;
    // Creation code of every data contract (28 bytes): STATICCALL the creator's
    // dataContractRuntime() (selector 0xcdd43adc), INVALID if it failed, else RETURN what it
    // returned as the runtime code. The same code for every chunk, so a chunk's data contract has an
    // address derived from (slot, chunk, generation) alone: nothing is stored to find it.
    bytes28 private constant _DATA_INITCODE = hex"63cdd43adc5f525f5f6004601c335afa601457fe5b3d5f5f3e3d5ff3";
    bytes32 private constant _DATA_INITCODE_HASH = keccak256(abi.encodePacked(_DATA_INITCODE));
    // Panels per registration-summary word of the registry (PanelRegistry.SUMMARY_PANELS).
    uint256 private constant _SUMMARY_PANELS = 128;

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
        bool operatorReports; // a per-operator report was stored (per-seat counts, per-chunk bitmaps)
        bool disputed; // an agreed report was disputed and its chunk voided (see _disputed, _generations)
        bool aggregated; // an agreed report of the slot was stored (data contracts may exist)
    }

    // Per seat: holder and the time (Unix s) it took the seat (key rotation keeps the time).
    struct Seat {
        address holder;
        uint40 since;
    }

    // Walking one chunk of an agreed report: the slot, the chunk's per-operator bitmap, the
    // registry's registration-summary words of its panels, and the capacity-table word last read.
    struct Cursor {
        uint256 slot;
        uint256 firstPanel; // the chunk's first panel id
        uint256 perOperator;
        uint256[] summaries; // one word per SUMMARY_PANELS panels from firstPanel
        uint256 slotLength; // s
        uint256 sumWh; // of the medians kept so far
        uint256 accepted;
        uint256 maxWh;
        uint256 tableIndex; // of `table` in the capacity table, plus one (0 = none read yet)
        uint256 table;
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
    // Aggregated reports: per slot and chunk of CHUNK_PANELS ids, a code-only data contract at the
    // CREATE2 address of salt keccak256(slot, chunk, generation) and _DATA_INITCODE: a 0x00 stop byte, the report's EIP-712 struct hash (32 bytes), its signers' seats
    // (1 byte, bit s-1 for seat s), the value width w (1 byte: 2, 3 or 4, the fewest that fit the
    // chunk's largest value), then w bytes per panel (Wh; all ones = none).
    // Per slot and chunk: how many stored reports were voided by a dispute (the data contract's
    // generation; read only when the slot's header says `disputed`).
    mapping(uint256 slot => mapping(uint256 chunk => uint256 voided)) private _generations;
    // Per slot and chunk: bit i set when panel chunk * CHUNK_PANELS + i has per-operator reports.
    mapping(uint256 slot => mapping(uint256 chunk => uint256 bits)) private _perOperatorPanels;
    mapping(address operator => uint256 count) private _deviations;
    mapping(bytes32 key => bool) private _flagged;
    // Struct hashes of agreed reports shown to hold a wrong median: never accepted again.
    mapping(bytes32 reportHash => bool) private _disputed;

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
    function reportAggregated(AgreedReport calldata report, bytes[] calldata signatures) external {
        uint256 slot = report.slot;
        SlotHeader memory header = _openForReports(slot);
        bytes32 reportHash = _reportHash(report);
        // Only a slot with a voided chunk can be offered a disputed report (a finalised one refuses all).
        if (header.disputed && _disputed[reportHash]) revert EnergyOracleReportDisputed(reportHash);
        uint256 observers = report.observers;
        uint256 validSeats = ~_invalidSeats(slot) & ((1 << MAX_OPERATORS) - 1);
        if (observers & ~validSeats != 0) revert EnergyOracleInvalidObservers(observers, validSeats);
        if (_popCount(observers) < header.quorum) revert EnergyOracleTooFewObservers(observers, header.quorum);
        uint256 signers = _verifySigners(slot, _hashTypedDataV4(reportHash), signatures);
        uint256 valid = _popCount(signers);
        if (valid < header.quorum) revert EnergyOracleAggregateQuorumNotReached(slot, valid, header.quorum);
        (uint256 totalWh, uint256 accepted) = _storeChunks(report, reportHash, signers);
        header.totalEnergy = (header.totalEnergy + totalWh).toUint64();
        header.panelsReported += accepted.toUint32();
        header.panelsWithQuorum += accepted.toUint32();
        header.aggregated = true;
        _slots[slot] = header;
        emit AggregateReported(slot, report.firstPanel, report.count, accepted, totalWh, signers);
    }

    /// @dev Stores the checked medians chunk by chunk (one data contract each); a chunk already
    /// reported is skipped (AggregateChunkSkipped).
    function _storeChunks(AgreedReport calldata report, bytes32 reportHash, uint256 signers)
        private
        returns (uint256 totalWh, uint256 accepted)
    {
        uint256 n = report.count;
        for (uint256 start; start < n; start += CHUNK_PANELS) {
            uint256 chunk = (report.firstPanel + start) / CHUNK_PANELS;
            bytes32 salt = _dataSalt(report.slot, chunk);
            if (Create2.computeAddress(salt, _DATA_INITCODE_HASH).code.length != 0) {
                emit AggregateChunkSkipped(report.slot, chunk);
                continue;
            }
            uint256 end = start + CHUNK_PANELS < n ? start + CHUNK_PANELS : n;
            (uint256[] memory values, uint256 chunkWh, uint256 chunkAccepted, uint256 maxWh) =
                _checkedMedians(report, start, end);
            _deployData(salt, _dataContractRuntime(reportHash, signers, values, end - start, _width(maxWh)));
            totalWh += chunkWh;
            accepted += chunkAccepted;
        }
    }

    /// @dev The report's medians of panels [start, end) (8 per word, as signed), each checked against
    /// the registry: a panel not registered for the slot, above its capacity bound or already holding
    /// per-operator reports becomes NO_READING (AggregateEntrySkipped). Also the kept values' sum
    /// (Wh), count and largest value.
    function _checkedMedians(AgreedReport calldata report, uint256 start, uint256 end)
        private
        returns (uint256[] memory values, uint256 sumWh, uint256 accepted, uint256 maxWh)
    {
        Cursor memory c;
        c.slot = report.slot;
        c.firstPanel = report.firstPanel + start;
        // Read only when the slot holds per-operator reports at all (its header, warm, says so).
        if (_slots[c.slot].operatorReports) c.perOperator = _perOperatorPanels[c.slot][c.firstPanel / CHUNK_PANELS];
        c.slotLength = _slotLength;
        // One registry call, one storage word per 128 panels (the chunk starts at a multiple of 256).
        c.summaries = _registry.registrationSummaries(c.firstPanel / _SUMMARY_PANELS, (end - start - 1) / _SUMMARY_PANELS + 1);
        values = new uint256[]((end - start + 7) / 8);
        {
            uint256[] calldata medians = report.medians;
            assembly ("memory-safe") {
                calldatacopy(add(values, 0x20), add(medians.offset, shl(5, shr(3, start))), shl(5, mload(values)))
            }
        }
        uint256 slow = _fastChecks(c, values, end - start);
        (sumWh, accepted, maxWh) = (c.sumWh, c.accepted, c.maxWh);
        for (uint256 i; slow >> i != 0; ++i) {
            if ((slow >> i) & 1 == 0) continue;
            uint256 v = _slotOf(values[i / 8], i);
            bytes4 reason = _skipReason(c, c.firstPanel + i, v);
            if (reason != bytes4(0)) {
                values[i / 8] |= NO_READING << (224 - 32 * (i % 8));
                emit AggregateEntrySkipped(c.firstPanel + i, c.slot, reason);
                continue;
            }
            sumWh += v;
            ++accepted;
            if (v > maxWh) maxWh = v;
        }
    }

    /// @dev The usual case of every median in `values` (the chunk's words, in place), inline, from
    /// the panel's registration-summary word: registered now, no registration change among its 128
    /// panels since the slot started, v * 3600 <= floor * slotLength (v within the bound of the
    /// capacity floor, so within its own), no per-operator reports: counted in the sum, count and
    /// largest value (in `c`). Padding (index >= n) becomes NO_READING. Any other median gets bit i
    /// of `slow` (for _skipReason). Bounds: `c.summaries` covers every panel of the chunk.
    function _fastChecks(Cursor memory c, uint256[] memory values, uint256 n) private pure returns (uint256 slow) {
        // Cursor layout: slot 0x00, firstPanel 0x20, perOperator 0x40, summaries 0x60, slotLength
        // 0x80, sumWh 0xa0, accepted 0xc0, maxWh 0xe0 (few locals: no stack too deep without the
        // optimizer either).
        assembly ("memory-safe") {
            for { let i := 0 } lt(i, shl(3, mload(values))) { i := add(i, 1) } {
                let p := add(add(values, 0x20), shl(5, shr(3, i)))
                let v := and(shr(sub(224, shl(5, and(i, 7))), mload(p)), 0xffffffff)
                if iszero(eq(v, 0xffffffff)) {
                    switch lt(i, n)
                    case 0 { mstore(p, or(mload(p), shl(sub(224, shl(5, and(i, 7))), 0xffffffff))) }
                    default {
                        let summary := mload(add(add(mload(add(c, 0x60)), 0x20), shl(5, shr(7, i))))
                        switch or(
                            or(iszero(and(shr(and(i, 127), summary), 1)), gt(and(shr(128, summary), 0xffffffffff), mload(c))),
                            or(
                                gt(mul(v, 3600), mul(and(shr(168, summary), 0xffffffff), mload(add(c, 0x80)))),
                                and(shr(i, mload(add(c, 0x40))), 1)
                            )
                        )
                        case 0 {
                            mstore(add(c, 0xa0), add(mload(add(c, 0xa0)), v))
                            mstore(add(c, 0xc0), add(mload(add(c, 0xc0)), 1))
                            if gt(v, mload(add(c, 0xe0))) { mstore(add(c, 0xe0), v) }
                        }
                        default { slow := or(slow, shl(i, 1)) }
                    }
                }
            }
        }
    }

    /// @dev Why the median `v` (Wh) of the panel cannot be kept (0 if it can): the panel is not
    /// registered for the slot, `v` exceeds its capacity bound, or it holds per-operator reports.
    /// Reads the panel's capacity-table word (7 panels, reused for the next panels) and, when one of
    /// those 7 registrations changed after the slot started, the registration in force for the slot.
    function _skipReason(Cursor memory c, uint256 panelId, uint256 v) private view returns (bytes4) {
        uint256 index = panelId / 7;
        if (c.tableIndex != index + 1) {
            c.table = _registry.capacityTables(index, 1)[0];
            c.tableIndex = index + 1;
        }
        uint256 capacityWatt = (c.table >> ((panelId % 7) * 32)) & _COUNT_MASK;
        bool registered = capacityWatt != 0;
        // A registration among these 7 panels changed after the slot started: its history decides.
        if (c.table >> 224 > c.slot) (capacityWatt, registered) = _registrationAt(c.slot, panelId);
        if (!registered) return EnergyOraclePanelNotRegistered.selector;
        if (v > capacityWatt * _slotLength / 3600) return EnergyOracleExceedsCapacity.selector;
        if (c.perOperator & (1 << (panelId % CHUNK_PANELS)) != 0) return EnergyOracleAlreadyReported.selector;
        return bytes4(0);
    }

    /// @notice The runtime code of the data contract being created (raw bytes, not ABI-encoded):
    /// called back by its creation code during `reportAggregated`; empty at any other time.
    function dataContractRuntime() external view {
        assembly ("memory-safe") {
            let n := tload(0)
            let p := mload(0x40)
            for { let i := 0 } lt(shl(5, i), n) { i := add(i, 1) } {
                mstore(add(p, shl(5, i)), tload(add(i, 1)))
            }
            return(p, n)
        }
    }

    /// @inheritdoc IEnergyOracle
    function disputeMedian(AgreedReport calldata report, uint256 index) external {
        uint256 slot = report.slot;
        bytes32 reportHash = _reportHash(report);
        if (index >= report.count) revert EnergyOracleInvalidBatchSize(index, report.count);
        uint256 panelId = report.firstPanel + index;
        uint256 chunk = panelId / CHUNK_PANELS;
        SlotHeader memory header = _slots[slot];
        address data = _dataAddress(slot, chunk);
        // No data contract (or none for this report): its code reads as zeros.
        if (_dataWord(data, 1) != uint256(reportHash)) revert EnergyOracleReportNotStored(slot, panelId, reportHash);
        uint256 signedWh = _slotOf(report.medians[index / 8], index);
        uint256 correctWh = _medianOf(report, index, header.quorum);
        if (signedWh == correctWh) revert EnergyOracleMedianMatches(panelId, slot, signedWh);
        uint256 signers = _dataWord(data, _DATA_SIGNERS) >> 248;
        for (uint256 seat = 1; seat <= MAX_OPERATORS; ++seat) {
            if (signers & (1 << (seat - 1)) == 0) continue;
            address operator = _seats[seat].holder;
            bytes32 key = keccak256(abi.encode(slot, panelId, operator));
            if (operator == address(0) || _flagged[key]) continue;
            _flagged[key] = true;
            ++_deviations[operator];
            emit OperatorDeviated(operator, panelId, slot, signedWh, correctWh);
        }
        _disputed[reportHash] = true;
        bool voided = !header.finalized;
        if (voided) {
            // The chunk's panels lose their values and reopen to the per-operator path.
            (uint256 chunkWh, uint256 chunkAccepted) = _chunkTotals(data);
            header.totalEnergy -= chunkWh.toUint64();
            header.panelsReported -= chunkAccepted.toUint32();
            header.panelsWithQuorum -= chunkAccepted.toUint32();
            header.disputed = true;
            _slots[slot] = header;
            // The next report of the chunk goes to a fresh address.
            ++_generations[slot][chunk];
        }
        emit AggregateDisputed(slot, panelId, signedWh, correctWh, signers, voided);
    }

    /// @inheritdoc IEnergyOracle
    function proveDeviation(AgreedReport calldata report, bytes calldata signature, uint256 index) external {
        uint256 slot = report.slot;
        if (!_slots[slot].finalized) revert EnergyOracleSlotNotFinalized(slot);
        bytes32 reportHash = _reportHash(report);
        if (index >= report.count) revert EnergyOracleInvalidBatchSize(index, report.count);
        address signer = ECDSA.recover(_hashTypedDataV4(reportHash), signature);
        uint256 seat = _seatOf[signer];
        if (seat == 0) revert EnergyOracleUnknownOperator(signer);
        uint256 panelId = report.firstPanel + index;
        uint256 seatBit = 1 << (seat - 1);
        if (report.observers & seatBit == 0) revert EnergyOracleNoReport(signer, panelId, slot);
        uint256 row = _popCount(report.observers & (seatBit - 1)) * report.medians.length;
        uint256 reportedWh = _slotOf(report.readings[row + index / 8], index);
        uint256 acceptedWh = _aggregatedWord(slot, panelId);
        if (acceptedWh == NO_READING || reportedWh == NO_READING) revert EnergyOracleNoReport(signer, panelId, slot);
        _flag(slot, panelId, signer, reportedWh, acceptedWh);
    }

    /// @dev Seats (bit s-1) of the signatures that recover to an operator seated for the slot, each
    /// seat once; any other signature is skipped with AggregateSignatureSkipped.
    function _verifySigners(uint256 slot, bytes32 digest, bytes[] calldata signatures)
        private
        returns (uint256 signers)
    {
        if (signatures.length == 0 || signatures.length > MAX_OPERATORS) {
            revert EnergyOracleInvalidBatchSize(signatures.length, MAX_OPERATORS);
        }
        uint256 slotEnd = slot + _slotLength;
        uint256 lastTaken = _config.lastSeatTakenAt;
        for (uint256 j; j < signatures.length; ++j) {
            (address signer, ECDSA.RecoverError error,) = ECDSA.tryRecover(digest, signatures[j]);
            uint256 seat = error == ECDSA.RecoverError.NoError ? _seatOf[signer] : 0;
            bytes4 reason;
            if (error != ECDSA.RecoverError.NoError) reason = ECDSA.ECDSAInvalidSignature.selector;
            else if (seat == 0) reason = EnergyOracleNotOperator.selector;
            else if (signers & (1 << (seat - 1)) != 0) reason = EnergyOracleDuplicateSigner.selector;
            else if (lastTaken > slotEnd && _seats[seat].since > slotEnd) reason = EnergyOracleSeatedAfterSlot.selector;
            if (reason != bytes4(0)) {
                emit AggregateSignatureSkipped(slot, j, signer, reason);
                continue;
            }
            signers |= 1 << (seat - 1);
        }
    }

    /// @dev EIP-712 struct hash of the report, after checking its shape: firstPanel a multiple of
    /// CHUNK_PANELS, count 1..MAX_AGGREGATE_PANELS, ceil(count / 8) median words and as many
    /// reading words per observer.
    function _reportHash(AgreedReport calldata report) private pure returns (bytes32) {
        if (report.firstPanel % CHUNK_PANELS != 0) {
            revert EnergyOracleAggregateMisaligned(report.firstPanel, CHUNK_PANELS);
        }
        uint256 count = report.count;
        if (count == 0 || count > MAX_AGGREGATE_PANELS) revert EnergyOracleInvalidBatchSize(count, MAX_AGGREGATE_PANELS);
        uint256 words = (count + 7) / 8;
        if (report.medians.length != words) revert EnergyOracleBatchLengthMismatch(words, report.medians.length);
        uint256 readingWords = words * _popCount(report.observers);
        if (report.readings.length != readingWords) {
            revert EnergyOracleBatchLengthMismatch(readingWords, report.readings.length);
        }
        return keccak256(
            abi.encode(
                REPORT_TYPEHASH,
                report.slot,
                report.firstPanel,
                count,
                report.observers,
                keccak256(abi.encodePacked(report.medians)),
                keccak256(abi.encodePacked(report.readings))
            )
        );
    }

    /// @dev The median of the observers' readings of panel `index` within its capacity bound (the
    /// registration in force for the slot), NO_READING below `quorum_` such readings. Reverts
    /// EnergyOraclePanelNotRegistered for a panel not registered for the slot (its value was never kept).
    function _medianOf(AgreedReport calldata report, uint256 index, uint256 quorum_) private view returns (uint256) {
        uint256 panelId = report.firstPanel + index;
        (uint256 maxWh, bool registered) = _reportSpec(report.slot, panelId);
        if (!registered) revert EnergyOraclePanelNotRegistered(panelId, report.slot);
        uint256 words = report.medians.length;
        uint256 rows = report.readings.length / words;
        uint256[7] memory sorted; // MAX_OPERATORS
        uint256 m;
        for (uint256 r; r < rows; ++r) {
            uint256 v = _slotOf(report.readings[r * words + index / 8], index);
            if (v == NO_READING || v > maxWh) continue;
            // Insertion sort: at most 7 values.
            uint256 p = m;
            while (p > 0 && sorted[p - 1] > v) {
                sorted[p] = sorted[p - 1];
                --p;
            }
            sorted[p] = v;
            ++m;
        }
        if (m == 0 || m < quorum_) return NO_READING;
        // Overflow not possible: values are below 2**32.
        return m % 2 == 1 ? sorted[m / 2] : (sorted[m / 2 - 1] + sorted[m / 2]) / 2;
    }

    /// @dev Sum (Wh) and number of the values a data contract holds.
    function _chunkTotals(address data) private view returns (uint256 sumWh, uint256 accepted) {
        uint256 width = _dataWord(data, _DATA_WIDTH) >> 248;
        uint256 none = (1 << (8 * width)) - 1;
        uint256 size = data.code.length;
        for (uint256 o = _DATA_VALUES; o + width <= size; o += width) {
            uint256 v = _dataWord(data, o) >> (256 - 8 * width);
            if (v == none) continue;
            sumWh += v;
            ++accepted;
        }
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
        // Only a slot with per-operator reports has per-seat counts to check.
        uint256 counts = header.operatorReports ? _seatReportCounts[slot] : 0;
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

    /// @inheritdoc IEnergyOracle
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

    /// @inheritdoc IEnergyOracle
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

    function _popCount(uint256 mask) private pure returns (uint256 n) {
        for (; mask != 0; mask >>= 1) {
            n += mask & 1;
        }
    }

    /// @dev The aggregated value of the panel in the slot, NO_READING if none.
    function _aggregatedWord(uint256 slot, uint256 panelId) private view returns (uint256) {
        address data = _dataAddress(slot, panelId / CHUNK_PANELS);
        if (data == address(0)) return NO_READING;
        uint256 width = _dataWord(data, _DATA_WIDTH) >> 248;
        if (width == 0) return NO_READING; // no data contract at the address
        uint256 o = _DATA_VALUES + (panelId % CHUNK_PANELS) * width;
        if (o + width > data.code.length) return NO_READING;
        uint256 v = _dataWord(data, o) >> (256 - 8 * width);
        return v == (1 << (8 * width)) - 1 ? NO_READING : v;
    }

    /// @dev 32 bytes of the data contract's code from `offset` (zero beyond its end).
    function _dataWord(address data, uint256 offset) private view returns (uint256 word) {
        assembly ("memory-safe") {
            let p := mload(0x40)
            extcodecopy(data, p, offset, 32)
            word := mload(p)
        }
    }

    /// @dev Capacity (W) of the registration in force for the whole slot, and whether there is one.
    function _registrationAt(uint256 slot, uint256 panelId) private view returns (uint256 capacityWatt, bool registered) {
        address owner;
        (owner, capacityWatt) = _registry.registrationAt(panelId, slot);
        registered = owner != address(0);
    }

    /// @dev Bytes per stored value: the fewest (2..4) whose all-ones pattern (NO_READING) exceeds `maxWh`.
    function _width(uint256 maxWh) private pure returns (uint256) {
        if (maxWh < type(uint16).max) return 2;
        if (maxWh < type(uint24).max) return 3;
        return 4;
    }

    /// @dev Runtime code of a data contract: 0x00 (stop), `reportHash`, the signers' seats (1 byte),
    /// `width` (1 byte), then the first `n` values of `values` (8 uint32 per word, the first in the
    /// top bits) in `width` bytes each (NO_READING as all ones).
    function _dataContractRuntime(
        bytes32 reportHash,
        uint256 signers,
        uint256[] memory values,
        uint256 n,
        uint256 width
    ) private pure returns (bytes memory code) {
        code = abi.encodePacked(hex"00", reportHash, uint8(signers), uint8(width));
        uint256 bits = 8 * width;
        uint256 none = (1 << bits) - 1;
        assembly ("memory-safe") {
            // Values go right after the header, each written as a word whose top `width` bytes are
            // the value (the next value overwrites the rest); 32 bytes of slack are reserved.
            let p := add(add(code, 0x20), mload(code))
            let src := add(values, 0x20)
            for { let i := 0 } lt(i, n) { i := add(i, 1) } {
                let v := and(shr(sub(224, mul(32, and(i, 7))), mload(add(src, mul(0x20, shr(3, i))))), 0xffffffff)
                if eq(v, 0xffffffff) { v := none }
                mstore(p, shl(sub(256, bits), v))
                p := add(p, width)
            }
            mstore(code, add(mload(code), mul(n, width)))
            mstore(0x40, add(p, 0x20))
        }
    }

    /// @dev Deploys a data contract with runtime `code` at the CREATE2 address of `salt`: the code
    /// waits in transient storage (slot 0 its length, slots 1.. its words) for the creation code's
    /// call to dataContractRuntime(), and is cleared after.
    function _deployData(bytes32 salt, bytes memory code) private {
        assembly ("memory-safe") {
            let n := mload(code)
            tstore(0, n)
            for { let i := 0 } lt(shl(5, i), n) { i := add(i, 1) } {
                tstore(add(i, 1), mload(add(code, shl(5, add(i, 1)))))
            }
            mstore(0, _DATA_INITCODE)
            // Cannot fail short of gas (the address was checked empty): bubble whatever it returned.
            if iszero(create2(0, 0, 28, salt)) {
                returndatacopy(0, 0, returndatasize())
                revert(0, returndatasize())
            }
            tstore(0, 0)
        }
    }

    /// @dev CREATE2 salt of the data contract of (slot, chunk): its generation counts the slot's
    /// voided reports of the chunk (read only when the slot's header says it had a dispute).
    function _dataSalt(uint256 slot, uint256 chunk) private view returns (bytes32) {
        return keccak256(abi.encode(slot, chunk, _slots[slot].disputed ? _generations[slot][chunk] : 0));
    }

    /// @dev The data contract's address of (slot, chunk); address(0) when no agreed report of the
    /// slot was stored. It holds no code when the chunk has none.
    function _dataAddress(uint256 slot, uint256 chunk) private view returns (address) {
        if (!_slots[slot].aggregated) return address(0);
        return Create2.computeAddress(_dataSalt(slot, chunk), _DATA_INITCODE_HASH);
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
        header.operatorReports = true;
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
        uint256 capacityWatt;
        (capacityWatt, registered) = _registrationAt(slot, panelId);
        maxWh = capacityWatt * _slotLength / 3600;
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
