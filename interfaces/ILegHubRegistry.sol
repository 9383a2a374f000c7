// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title ILegHubRegistry — the hubs of a local electricity community (LEG) and their reputation
/// @notice A hub is an operator account with a grid zone and a capacity per resource type
/// (0 compute: Wh of job energy per offer; 1 storage: GB; 2 heat: Wh thermal). One hub per
/// operator. Hubs are Application Hosts: registering needs the suite's Application Host licence
/// (GridStaking.hasLicence: at least the governed threshold of GRID staked); the marketplace checks
/// it again whenever a hub posts an offer or is matched, so a licence that lapses (unstake, sGRID
/// transferred away) stops the hub from selling.
///
/// Zones: a hub's grid zone (e.g. the transformer station or the LEG's perimeter, free-form
/// bytes32, fixed at registration) gets a sequential zone id (from 1) when its first hub registers.
/// The marketplace trades only within a zone: an order names a zone, only that zone's hubs sell to
/// it, and a buyer that runs a hub orders in its own zone.
///
/// Reputation counters: `completed` settled trades, `late` trades whose usage was recorded after
/// the usage timeout or that the seller abandoned, `disputesLost` (these three are counted by the
/// marketplace in its own storage, next to the trade they come from, and read from it: the
/// registry's outcome source), the community operators' attested `uptimeBps`, and buyers'
/// feedback (0-100, only from the buyer of a settled trade, once per trade; the marketplace
/// enforces that). The score, 0..10000 basis points:
///   completion = (completed * 10000 + 5000) / (completed + late + 3 * disputesLost + 1)
///   uptime     = uptimeBps as last attested (5000 until attested)
///   feedback   = 100 * feedbackSum / feedbackCount (5000 without feedback)
///   score      = (5 * completion + 3 * uptime + 2 * feedback) / 10
/// A new hub scores 5000. Matching uses the reputation level floor(score * 8 / 10001), 0..7.
interface ILegHubRegistry {
    /// @notice One hub. Capacities per resource type (Wh, GB, Wh thermal).
    struct Hub {
        address operator;
        bytes32 zone;
        uint32 zoneId;
        uint64[3] capacity;
        uint32 completed;
        uint32 late;
        uint32 disputesLost;
        uint16 uptimeBps;
        uint32 feedbackCount;
        uint64 feedbackSum;
    }

    /// @notice `operator` already runs hub `hubId`.
    error LegHubAlreadyRegistered(address operator, uint256 hubId);
    /// @notice No hub with this id (ids start at 1).
    error LegHubUnknown(uint256 hubId);
    /// @notice `account` runs no hub.
    error LegHubNoHub(address account);
    /// @notice Resource types are 0 (compute), 1 (storage), 2 (heat).
    error LegHubInvalidResource(uint256 resource);
    /// @notice Uptime above 10000 basis points.
    error LegHubInvalidUptime(uint256 uptimeBps);
    /// @notice Feedback ratings are 0..100.
    error LegHubInvalidRating(uint256 rating);
    /// @notice The zero address where a contract is required.
    error LegHubZeroAddress();
    /// @notice `account` holds no Application Host licence (GridStaking.hasLicence).
    error LegHubNoLicence(address account);
    /// @notice A hub's zone must be non-zero.
    error LegHubInvalidZone(bytes32 zone);

    /// @notice `operator` registered hub `hubId` in `zone` with `capacity` (Wh, GB, Wh thermal).
    event HubRegistered(uint256 indexed hubId, address indexed operator, bytes32 zone, uint64[3] capacity);
    /// @notice Hub `hubId`'s capacity for `resource` is now `capacity` (Wh, GB or Wh thermal).
    event CapacitySet(uint256 indexed hubId, uint8 resource, uint64 capacity);
    /// @notice `attester` attested hub `hubId`'s availability, basis points.
    event UptimeAttested(uint256 indexed hubId, address indexed attester, uint16 uptimeBps);
    /// @notice The outcome source (the marketplace) is now `source`.
    event OutcomeSourceSet(address indexed source);
    /// @notice Zone `zone` got id `zoneId` (its first hub registered).
    event ZoneCreated(uint32 indexed zoneId, bytes32 zone);
    /// @notice A buyer rated hub `hubId` `rating` (0..100).
    event FeedbackRecorded(uint256 indexed hubId, uint8 rating);

    /// @notice Register the caller as the operator of a new hub.
    /// @param zone Grid zone (e.g. a transformer station id), free-form, non-zero; fixed.
    /// @param capacity Per resource type: compute Wh, storage GB, heat Wh thermal (largest offer).
    /// @return hubId The new hub's id (sequential from 1).
    /// @dev Reverts LegHubAlreadyRegistered if the caller runs a hub, LegHubInvalidZone for a zero
    /// zone, LegHubNoLicence without an Application Host licence.
    function registerHub(bytes32 zone, uint64[3] calldata capacity) external returns (uint256 hubId);

    /// @notice Set the caller's hub capacity for `resource` (Wh, GB or Wh thermal).
    /// @dev Reverts LegHubNoHub, LegHubInvalidResource. Emits CapacitySet.
    /// @param resource 0 compute, 1 storage, 2 heat.
    /// @param capacity Wh (compute), GB (storage) or Wh thermal (heat): the largest offer.
    function setCapacity(uint8 resource, uint64 capacity) external;

    /// @notice Attest `hubId`'s measured availability, basis points (ATTESTER_ROLE: the
    /// community's operators). The last attestation counts.
    /// @dev Reverts LegHubUnknown, LegHubInvalidUptime. Emits UptimeAttested.
    /// @param hubId The hub.
    /// @param uptimeBps Availability, basis points, 0..10000.
    function attestUptime(uint256 hubId, uint16 uptimeBps) external;

    /// @notice Set the contract whose `outcomes(hubId)` gives the completed, late and lost-dispute
    /// counts (the LEG marketplace; DEFAULT_ADMIN_ROLE).
    /// @dev Reverts LegHubZeroAddress. Emits OutcomeSourceSet.
    /// @param source The outcome source (not the zero address).
    function setOutcomeSource(address source) external;

    /// @notice Count one buyer's rating 0..100 of `hubId` (MARKET_ROLE: the marketplace, which
    /// lets only the buyer of a settled trade rate, once).
    /// @dev Reverts LegHubUnknown, LegHubInvalidRating. Emits FeedbackRecorded.
    /// @param hubId The hub.
    /// @param rating 0..100.
    function recordFeedback(uint256 hubId, uint8 rating) external;

    /// @notice The hub record (see `Hub`). Reverts LegHubUnknown.
    /// @param hubId The hub.
    function hub(uint256 hubId) external view returns (Hub memory);

    /// @notice The hub id run by `operator`, 0 if none.
    /// @param operator The account.
    function hubOf(address operator) external view returns (uint256);

    /// @notice The operator of `hubId`, its capacity for `resource` and its zone id.
    /// @dev Reverts LegHubUnknown, LegHubInvalidResource.
    /// @param hubId The hub.
    /// @param resource 0 compute, 1 storage, 2 heat.
    /// @return operator The hub's operator.
    /// @return capacity Wh, GB or Wh thermal.
    /// @return hubZoneId The hub's zone id.
    function sellerTerms(uint256 hubId, uint8 resource)
        external
        view
        returns (address operator, uint64 capacity, uint32 hubZoneId);

    /// @notice For an order of `buyer` in `zone`: the zone's id (0 if no hub is registered there)
    /// and the zone id of the hub `buyer` runs (0 if none). One call for the marketplace's checks.
    /// @param buyer The ordering account.
    /// @param zone The zone the order names.
    function buyerZone(address buyer, bytes32 zone) external view returns (uint32 id, uint32 buyerHubZoneId);

    /// @notice The id of `zone`, 0 if no hub registered there.
    /// @param zone The grid zone.
    function zoneId(bytes32 zone) external view returns (uint32);

    /// @notice Number of zones (the highest zone id).
    function zoneCount() external view returns (uint256);

    /// @notice The GridStaking whose `hasLicence` gates hubs.
    function licensing() external view returns (address);

    /// @notice Reputation score of `hubId`, 0..10000 basis points (formula above).
    /// @param hubId The hub.
    function score(uint256 hubId) external view returns (uint256);

    /// @notice Reputation level of `hubId` used by matching: floor(score * 8 / 10001), 0..7.
    /// @param hubId The hub.
    function level(uint256 hubId) external view returns (uint8);

    /// @notice Number of registered hubs (the highest id).
    function hubCount() external view returns (uint256);

    /// @notice The outcome source (the marketplace), or the zero address before it is set.
    function outcomeSource() external view returns (address);
}
