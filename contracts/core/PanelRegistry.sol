// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IEnergyOracle} from "../../interfaces/IEnergyOracle.sol";
import {IPanelNFT} from "../../interfaces/IPanelNFT.sol";
import {IPanelRegistry} from "../../interfaces/IPanelRegistry.sol";

/// @title PanelRegistry — registered panels and their accepted production per time slot
/// @notice Per-slot production of a panel lives once, in the EnergyOracle (one word per panel and
/// slot); per-owner slot totals and per-panel lifetime totals live here. Every per-slot query is
/// O(1) (the reference scanned a growing log). Only the linked oracle writes production: it sends
/// the old and new accepted value whenever a panel's value changes, so nothing is counted twice.
contract PanelRegistry is AccessControl, IPanelRegistry {
    using SafeCast for uint256;

    /// @notice May register and deregister panels on behalf of their owners (e.g. a community operator).
    bytes32 public constant REGISTRAR_ROLE = keccak256("REGISTRAR_ROLE");
    /// @notice Longest range `getProductionInTimeSlot` sums, in slots (31 days of 15-minute slots).
    uint256 public constant MAX_RANGE_SLOTS = 2976;
    /// @notice Most distinct panels one owner may ever register (bounds `ownerProductionOf`).
    uint256 public constant MAX_PANELS_PER_OWNER = 32;
    /// @notice Panels per word of the capacity table (7 x 32-bit capacities + 32-bit change time).
    uint256 public constant CAPACITY_TABLE_PANELS = 7;
    /// @notice Panels per registration-summary word (128-bit bitmap, change time, capacity floor).
    uint256 public constant SUMMARY_PANELS = 128;

    // One storage slot per registration. Times are Unix seconds (uint32 lasts until 2106).
    struct Registration {
        address owner;
        uint32 capacityWatt;
        uint32 registeredAt;
        uint32 deregisteredAt;
    }

    // One storage slot per panel: accepted production over all slots and the latest slot changed.
    struct Totals {
        uint192 totalWh;
        uint64 lastSlot;
    }

    IPanelNFT private immutable _panelNFT;
    uint256 private immutable _slotLength;

    // The panel's latest registration (ended or not), and its earlier ones in time order.
    mapping(uint256 tokenId => Registration) private _registrations;
    mapping(uint256 tokenId => Registration[]) private _pastRegistrations;
    mapping(uint256 tokenId => Totals) private _totals;
    mapping(address owner => mapping(uint256 slot => uint256 wh)) private _ownerProduction;
    IEnergyOracle private _oracle;
    uint256[] private _registered;
    mapping(uint256 tokenId => uint256 indexPlusOne) private _registeredIndex;
    // Word i: capacities (W, 0 = not registered) of panels 7i .. 7i+6 in bits [32k, 32k+32), and the
    // Unix time of the latest registration change among them in bits [224, 256).
    mapping(uint256 index => uint256 word) private _capacityTable;
    // Word i: bit k set when panel 128i + k is registered now (k < 128); bits [128, 168) the Unix time
    // of the latest registration change among them; bits [168, 200) a capacity floor in W, at most
    // the capacity of every panel registered among them (the smallest ever registered there).
    mapping(uint256 index => uint256 word) private _registrationSummary;
    // Every panel an owner ever registered (for summing aggregated reports at read time).
    mapping(address owner => uint256[] tokenIds) private _ownerPanels;
    mapping(address owner => mapping(uint256 tokenId => bool)) private _ownerListed;

    /// @param admin Receives DEFAULT_ADMIN_ROLE (handed to governance at deployment).
    /// @param panelNFT_ The PanelNFT whose tokens are registered.
    /// @param slotLength_ Time-slot length in seconds: 60 .. 3,600 and a divisor of 86,400.
    constructor(address admin, address panelNFT_, uint256 slotLength_) {
        if (panelNFT_ == address(0)) revert PanelRegistryInvalidParameter("panelNFT", 0);
        if (slotLength_ < 60 || slotLength_ > 3600 || 86_400 % slotLength_ != 0) {
            revert PanelRegistryInvalidParameter("slotLength", slotLength_);
        }
        _panelNFT = IPanelNFT(panelNFT_);
        _slotLength = slotLength_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    /// @inheritdoc IPanelRegistry
    function registerPanel(uint256 tokenId, address owner, uint256 capacityWatt) external {
        (uint256 nftCapacity, uint256 installedAt, uint256 retiredAt) = _panelNFT.panelSpec(tokenId);
        if (installedAt == 0) revert PanelRegistryUnknownPanel(tokenId);
        if (retiredAt != 0) revert PanelRegistryPanelRetired(tokenId);
        address actualOwner = _panelNFT.ownerOf(tokenId);
        if (owner != actualOwner) revert PanelRegistryOwnerMismatch(tokenId, owner, actualOwner);
        if (capacityWatt != nftCapacity) revert PanelRegistryCapacityMismatch(tokenId, capacityWatt, nftCapacity);
        if (isRegistered(tokenId)) revert PanelRegistryAlreadyRegistered(tokenId);
        _requireManager(owner, tokenId);

        // Registration periods: an ended registration stays on record, so the slots it covered keep
        // their owner and capacity (a re-registration never changes a slot that already started).
        Registration memory previous = _registrations[tokenId];
        if (previous.registeredAt != 0) _pastRegistrations[tokenId].push(previous);
        _registrations[tokenId] = Registration({
            owner: owner,
            capacityWatt: uint32(capacityWatt), // Fits: the PanelNFT caps capacity at type(uint32).max.
            registeredAt: block.timestamp.toUint32(),
            deregisteredAt: 0
        });
        _registered.push(tokenId);
        _registeredIndex[tokenId] = _registered.length;
        if (!_ownerListed[owner][tokenId]) {
            if (_ownerPanels[owner].length == MAX_PANELS_PER_OWNER) {
                revert PanelRegistryTooManyPanels(owner, MAX_PANELS_PER_OWNER);
            }
            _ownerListed[owner][tokenId] = true;
            _ownerPanels[owner].push(tokenId);
        }
        _setCapacityEntry(tokenId, capacityWatt);
        emit PanelRegistered(tokenId, owner, capacityWatt);
    }

    /// @inheritdoc IPanelRegistry
    function deregisterPanel(uint256 tokenId) external {
        if (!isRegistered(tokenId)) revert PanelRegistryNotRegistered(tokenId);
        address owner = _registrations[tokenId].owner;
        _requireManager(owner, tokenId);
        _deregister(tokenId, owner);
    }

    /// @inheritdoc IPanelRegistry
    function onPanelRetired(uint256 tokenId) external {
        if (msg.sender != address(_panelNFT)) revert PanelRegistryNotPanelNFT(msg.sender);
        if (isRegistered(tokenId)) _deregister(tokenId, _registrations[tokenId].owner);
    }

    /// @inheritdoc IPanelRegistry
    function setOracle(address oracle_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (oracle_ == address(0)) revert PanelRegistryInvalidParameter("oracle", 0);
        if (address(_oracle) != address(0)) revert PanelRegistryOracleAlreadySet(address(_oracle));
        _oracle = IEnergyOracle(oracle_);
        emit OracleSet(oracle_);
    }

    /// @inheritdoc IPanelRegistry
    function reportProduction(uint256 tokenId, uint256 timestamp, uint256 previous, uint256 energyWh) external {
        if (msg.sender != address(_oracle)) revert PanelRegistryNotOracle(msg.sender);
        (address owner,) = _registrationAt(tokenId, timestamp);
        // The oracle reports only panels registered for the whole slot, so `owner` is the slot's owner
        // and its slot total includes `previous`: subtracting it first cannot underflow.
        _ownerProduction[owner][timestamp] = _ownerProduction[owner][timestamp] - previous + energyWh;
        Totals memory totals = _totals[tokenId];
        _totals[tokenId] = Totals({
            totalWh: (uint256(totals.totalWh) - previous + energyWh).toUint192(),
            lastSlot: timestamp > totals.lastSlot ? timestamp.toUint64() : totals.lastSlot
        });
        emit ProductionReported(tokenId, timestamp, energyWh);
    }

    /// @inheritdoc IPanelRegistry
    function getPanelRecord(uint256 tokenId) external view returns (PanelRecord memory) {
        Registration memory reg = _registrations[tokenId];
        Totals memory totals = _totals[tokenId];
        return PanelRecord({
            tokenId: tokenId,
            owner: reg.owner,
            capacityWatt: reg.capacityWatt,
            totalEnergyProduced: totals.totalWh,
            lastReportTimestamp: totals.lastSlot,
            isRegistered: reg.registeredAt != 0 && reg.deregisteredAt == 0
        });
    }

    /// @inheritdoc IPanelRegistry
    function getTotalProduction(uint256 tokenId) external view returns (uint256) {
        return _totals[tokenId].totalWh;
    }

    /// @inheritdoc IPanelRegistry
    function getProductionInTimeSlot(uint256 tokenId, uint256 start, uint256 end) external view returns (uint256 sum) {
        uint256 len = _slotLength;
        if (start % len != 0 || end % len != 0 || end <= start || (end - start) / len > MAX_RANGE_SLOTS) {
            revert PanelRegistryInvalidRange(start, end, len);
        }
        for (uint256 slot = start; slot < end; slot += len) {
            sum += _oracle.acceptedProductionOf(tokenId, slot);
        }
    }

    /// @inheritdoc IPanelRegistry
    function productionOf(uint256 tokenId, uint256 slot) external view returns (uint256) {
        return _oracle.acceptedProductionOf(tokenId, slot);
    }

    /// @inheritdoc IPanelRegistry
    function oracle() external view returns (address) {
        return address(_oracle);
    }

    /// @inheritdoc IPanelRegistry
    function ownerProductionOf(address owner, uint256 slot) external view returns (uint256 total) {
        total = _ownerProduction[owner][slot];
        // Aggregated reports are not pushed per owner (too costly per panel): add them here.
        IEnergyOracle oracle_ = _oracle;
        if (address(oracle_) == address(0)) return total;
        uint256[] storage panels = _ownerPanels[owner];
        uint256 n = panels.length;
        for (uint256 i; i < n; ++i) {
            uint256 tokenId = panels[i];
            (address slotOwner,) = _registrationAt(tokenId, slot);
            if (slotOwner == owner) total += oracle_.aggregatedProductionOf(tokenId, slot);
        }
    }

    /// @inheritdoc IPanelRegistry
    function capacityTables(uint256 fromIndex, uint256 count) external view returns (uint256[] memory words) {
        words = new uint256[](count);
        for (uint256 i; i < count; ++i) {
            words[i] = _capacityTable[fromIndex + i];
        }
    }

    /// @inheritdoc IPanelRegistry
    function registrationSummaries(uint256 fromIndex, uint256 count) external view returns (uint256[] memory words) {
        words = new uint256[](count);
        for (uint256 i; i < count; ++i) {
            words[i] = _registrationSummary[fromIndex + i];
        }
    }

    /// @inheritdoc IPanelRegistry
    function reportingSpec(uint256 tokenId)
        external
        view
        returns (uint256 capacityWatt, uint256 registeredAt, uint256 deregisteredAt)
    {
        Registration memory reg = _registrations[tokenId];
        return (reg.capacityWatt, reg.registeredAt, reg.deregisteredAt);
    }

    /// @inheritdoc IPanelRegistry
    function registrationAt(uint256 tokenId, uint256 slot) external view returns (address owner, uint256 capacityWatt) {
        return _registrationAt(tokenId, slot);
    }

    /// @inheritdoc IPanelRegistry
    function registrationCount(uint256 tokenId) external view returns (uint256) {
        return _pastRegistrations[tokenId].length + (_registrations[tokenId].registeredAt != 0 ? 1 : 0);
    }

    /// @inheritdoc IPanelRegistry
    function isRegistered(uint256 tokenId) public view returns (bool) {
        Registration storage reg = _registrations[tokenId];
        return reg.registeredAt != 0 && reg.deregisteredAt == 0;
    }

    /// @inheritdoc IPanelRegistry
    function getRegisteredPanels() external view returns (uint256[] memory) {
        return _registered;
    }

    /// @inheritdoc IPanelRegistry
    function registeredPanelCount() external view returns (uint256) {
        return _registered.length;
    }

    /// @inheritdoc IPanelRegistry
    function slotLength() external view returns (uint256) {
        return _slotLength;
    }

    /// @inheritdoc IPanelRegistry
    function panelNFT() external view returns (address) {
        return address(_panelNFT);
    }

    /// @dev The registration in force for the whole slot [slot, slot + slotLength), or (0, 0). The latest
    /// registration is checked first (one read: the usual case); earlier ones by binary search.
    function _registrationAt(uint256 tokenId, uint256 slot) private view returns (address, uint256) {
        Registration memory reg = _registrations[tokenId];
        if (reg.registeredAt == 0) return (address(0), 0);
        if (reg.registeredAt > slot) {
            Registration[] storage past = _pastRegistrations[tokenId];
            // Latest past registration that started at or before `slot` (start times never decrease).
            uint256 low;
            uint256 high = past.length;
            while (low < high) {
                uint256 mid = Math.average(low, high);
                if (past[mid].registeredAt > slot) high = mid;
                else low = mid + 1;
            }
            if (low == 0) return (address(0), 0);
            reg = past[low - 1];
        }
        // Ended before the slot's end (written without `slot + _slotLength`, which could overflow).
        if (reg.deregisteredAt != 0 && (reg.deregisteredAt < slot || reg.deregisteredAt - slot < _slotLength)) {
            return (address(0), 0);
        }
        return (reg.owner, reg.capacityWatt);
    }

    /// @dev Capacity-table entry of `tokenId` (0 when deregistered) and the word's change time, and
    /// the panel's bit, change time and capacity floor in its registration-summary word. The floor
    /// only falls (a deregistration leaves it): it stays at most every registered panel's capacity.
    function _setCapacityEntry(uint256 tokenId, uint256 capacityWatt) private {
        uint256 index = tokenId / CAPACITY_TABLE_PANELS;
        uint256 shift = (tokenId % CAPACITY_TABLE_PANELS) * 32;
        uint256 word = _capacityTable[index] & ~(uint256(type(uint32).max) << shift) & ~(uint256(type(uint32).max) << 224);
        _capacityTable[index] = word | (capacityWatt << shift) | (block.timestamp << 224);
        uint256 summary = _registrationSummary[tokenId / SUMMARY_PANELS];
        uint256 bitmap = uint128(summary);
        uint256 floor = (summary >> 168) & type(uint32).max;
        uint256 bit = 1 << (tokenId % SUMMARY_PANELS);
        if (capacityWatt == 0) {
            bitmap &= ~bit;
        } else {
            bitmap |= bit;
            if (floor == 0 || capacityWatt < floor) floor = capacityWatt;
        }
        // Fits: block.timestamp < 2**32 (the registration's times are stored with toUint32).
        _registrationSummary[tokenId / SUMMARY_PANELS] = bitmap | (block.timestamp << 128) | (floor << 168);
    }

    function _deregister(uint256 tokenId, address owner) private {
        _setCapacityEntry(tokenId, 0);
        _registrations[tokenId].deregisteredAt = block.timestamp.toUint32();
        // Swap-and-pop: the list is an unordered index for tools.
        uint256 index = _registeredIndex[tokenId] - 1;
        uint256 last = _registered[_registered.length - 1];
        _registered[index] = last;
        _registeredIndex[last] = index + 1;
        _registered.pop();
        delete _registeredIndex[tokenId];
        emit PanelDeregistered(tokenId, owner);
    }

    /// @dev The owner, an account approved for the panel in the PanelNFT, or REGISTRAR_ROLE.
    function _requireManager(address owner, uint256 tokenId) private view {
        if (
            msg.sender == owner || hasRole(REGISTRAR_ROLE, msg.sender) || _panelNFT.getApproved(tokenId) == msg.sender
                || _panelNFT.isApprovedForAll(owner, msg.sender)
        ) return;
        revert PanelRegistryUnauthorized(msg.sender, tokenId);
    }
}
