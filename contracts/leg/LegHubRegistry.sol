// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ILegHubRegistry} from "../../interfaces/ILegHubRegistry.sol";
import {ILegMarketplace} from "../../interfaces/ILegMarketplace.sol";
import {IGridStaking} from "../../interfaces/IGridStaking.sol";

/// @title LegHubRegistry — hubs, their capacities and their reputation counters
/// @notice See ILegHubRegistry. Needs: the marketplace as outcome source (`setOutcomeSource`) and
/// MARKET_ROLE holder (feedback); ATTESTER_ROLE for the community's operators; the suite's
/// GridStaking, whose `hasLicence` is the Application Host licence a hub operator must hold.
contract LegHubRegistry is AccessControl, ILegHubRegistry {
    /// @notice Counts buyers' feedback (the LEG marketplace).
    bytes32 public constant MARKET_ROLE = keccak256("MARKET_ROLE");
    /// @notice Attests hub uptime (the community's operators).
    bytes32 public constant ATTESTER_ROLE = keccak256("ATTESTER_ROLE");

    uint256 private constant _BPS = 10_000;
    uint16 private constant _UNKNOWN_BPS = 5000;

    // What the registry itself stores of a hub (trade outcomes live in the outcome source).
    struct HubRecord {
        address operator; // with the zone id: one slot
        uint32 zoneId;
        bytes32 zone;
        uint64[3] capacity;
        uint16 uptimeBps; // with the feedback: set at registration, so a rating rewrites a used slot
        uint32 feedbackCount;
        uint64 feedbackSum;
    }

    mapping(uint256 hubId => HubRecord) private _hubs;
    mapping(address operator => uint256 hubId) private _hubOf;
    mapping(bytes32 zone => uint32 zoneId) private _zoneIds;
    uint256 private _hubCount;
    uint256 private _zoneCount;
    ILegMarketplace private _outcomeSource;
    IGridStaking private immutable _licensing;

    /// @param admin Receives DEFAULT_ADMIN_ROLE (handed to governance at deployment).
    /// @param licensing The suite's GridStaking: `hasLicence(operator)` gates hubs (governance sets
    /// its threshold; a threshold of 0 opens registration to everyone).
    constructor(address admin, IGridStaking licensing) {
        if (address(licensing) == address(0)) revert LegHubZeroAddress();
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _licensing = licensing;
    }

    /// @inheritdoc ILegHubRegistry
    function registerHub(bytes32 zone, uint64[3] calldata capacity) external returns (uint256 hubId) {
        uint256 existing = _hubOf[msg.sender];
        if (existing != 0) revert LegHubAlreadyRegistered(msg.sender, existing);
        if (zone == bytes32(0)) revert LegHubInvalidZone(zone);
        if (!_licensing.hasLicence(msg.sender)) revert LegHubNoLicence(msg.sender);
        uint32 id = _zoneIds[zone];
        if (id == 0) {
            // At most one new zone per hub, so zone ids never exceed hub ids (uint32 in offers).
            id = uint32(++_zoneCount);
            _zoneIds[zone] = id;
            emit ZoneCreated(id, zone);
        }
        hubId = ++_hubCount;
        HubRecord storage h = _hubs[hubId];
        h.operator = msg.sender;
        h.zone = zone;
        h.zoneId = id;
        h.capacity = capacity;
        h.uptimeBps = _UNKNOWN_BPS;
        _hubOf[msg.sender] = hubId;
        emit HubRegistered(hubId, msg.sender, zone, capacity);
    }

    /// @inheritdoc ILegHubRegistry
    function setCapacity(uint8 resource, uint64 capacity) external {
        uint256 hubId = _hubOf[msg.sender];
        if (hubId == 0) revert LegHubNoHub(msg.sender);
        if (resource > 2) revert LegHubInvalidResource(resource);
        _hubs[hubId].capacity[resource] = capacity;
        emit CapacitySet(hubId, resource, capacity);
    }

    /// @inheritdoc ILegHubRegistry
    function attestUptime(uint256 hubId, uint16 uptimeBps) external onlyRole(ATTESTER_ROLE) {
        HubRecord storage h = _existing(hubId);
        if (uptimeBps > _BPS) revert LegHubInvalidUptime(uptimeBps);
        h.uptimeBps = uptimeBps;
        emit UptimeAttested(hubId, msg.sender, uptimeBps);
    }

    /// @inheritdoc ILegHubRegistry
    function setOutcomeSource(address source) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (source == address(0)) revert LegHubZeroAddress();
        _outcomeSource = ILegMarketplace(source);
        emit OutcomeSourceSet(source);
    }

    /// @inheritdoc ILegHubRegistry
    function recordFeedback(uint256 hubId, uint8 rating) external onlyRole(MARKET_ROLE) {
        HubRecord storage h = _existing(hubId);
        if (rating > 100) revert LegHubInvalidRating(rating);
        ++h.feedbackCount;
        h.feedbackSum += rating;
        emit FeedbackRecorded(hubId, rating);
    }

    /// @inheritdoc ILegHubRegistry
    function hub(uint256 hubId) external view returns (Hub memory) {
        HubRecord storage h = _existing(hubId);
        ILegMarketplace.Outcomes memory o = _outcomes(hubId);
        return Hub({
            operator: h.operator,
            zone: h.zone,
            zoneId: h.zoneId,
            capacity: h.capacity,
            completed: o.completed,
            late: o.late,
            disputesLost: o.disputesLost,
            uptimeBps: h.uptimeBps,
            feedbackCount: h.feedbackCount,
            feedbackSum: h.feedbackSum
        });
    }

    /// @inheritdoc ILegHubRegistry
    function hubOf(address operator) external view returns (uint256) {
        return _hubOf[operator];
    }

    /// @inheritdoc ILegHubRegistry
    function sellerTerms(uint256 hubId, uint8 resource) external view returns (address, uint64, uint32) {
        if (resource > 2) revert LegHubInvalidResource(resource);
        HubRecord storage h = _existing(hubId);
        return (h.operator, h.capacity[resource], h.zoneId);
    }

    /// @inheritdoc ILegHubRegistry
    function buyerZone(address buyer, bytes32 zone) external view returns (uint32 id, uint32 buyerHubZoneId) {
        id = _zoneIds[zone];
        uint256 hubId = _hubOf[buyer];
        if (hubId != 0) buyerHubZoneId = _hubs[hubId].zoneId;
    }

    /// @inheritdoc ILegHubRegistry
    function zoneId(bytes32 zone) external view returns (uint32) {
        return _zoneIds[zone];
    }

    /// @inheritdoc ILegHubRegistry
    function zoneCount() external view returns (uint256) {
        return _zoneCount;
    }

    /// @inheritdoc ILegHubRegistry
    function licensing() external view returns (address) {
        return address(_licensing);
    }

    /// @inheritdoc ILegHubRegistry
    function score(uint256 hubId) public view returns (uint256) {
        HubRecord storage h = _existing(hubId);
        ILegMarketplace.Outcomes memory o = _outcomes(hubId);
        uint256 completion = (uint256(o.completed) * _BPS + _BPS / 2)
            / (uint256(o.completed) + o.late + 3 * uint256(o.disputesLost) + 1);
        uint256 feedback = h.feedbackCount == 0 ? _UNKNOWN_BPS : (100 * uint256(h.feedbackSum)) / h.feedbackCount;
        return (5 * completion + 3 * uint256(h.uptimeBps) + 2 * feedback) / 10;
    }

    /// @inheritdoc ILegHubRegistry
    function level(uint256 hubId) external view returns (uint8) {
        // score <= 10000, so the level is at most 7.
        return uint8((score(hubId) * 8) / (_BPS + 1));
    }

    /// @inheritdoc ILegHubRegistry
    function hubCount() external view returns (uint256) {
        return _hubCount;
    }

    /// @inheritdoc ILegHubRegistry
    function outcomeSource() external view returns (address) {
        return address(_outcomeSource);
    }

    function _outcomes(uint256 hubId) private view returns (ILegMarketplace.Outcomes memory o) {
        if (address(_outcomeSource) != address(0)) o = _outcomeSource.outcomes(hubId);
    }

    function _existing(uint256 hubId) private view returns (HubRecord storage h) {
        h = _hubs[hubId];
        if (h.operator == address(0)) revert LegHubUnknown(hubId);
    }
}
