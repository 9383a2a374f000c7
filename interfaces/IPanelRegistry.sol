// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title IPanelRegistry — registered production assets and their accepted production per slot
/// @notice A panel (a PanelNFT) is registered for its owner, who is credited with its production.
/// Per-slot production of a panel is read from the linked EnergyOracle, which stores it once (one
/// packed word per panel and slot: an O(1) read). When a panel's accepted value changes, the oracle
/// tells the registry the old and new value, and the registry adjusts the owner's total for that
/// slot (for O(1) settlement) and the panel's lifetime total by the difference: never counted twice.
/// Time slots are identified by their start time (Unix s, a multiple of `slotLength`).
/// A registration covers the slots that start at or after `registeredAt` and end at or before
/// `deregisteredAt` (0 = still registered); reports outside that interval are rejected.
/// Registration periods: ended registrations stay on record, so deregistering and registering again
/// never changes the owner or capacity of a slot that had already started (`registrationAt`).
interface IPanelRegistry {
    /// @notice Reference-compatible view of one registration.
    /// @param tokenId The panel id.
    /// @param owner The account credited with the panel's production.
    /// @param capacityWatt Rated capacity in W (equal to the PanelNFT's).
    /// @param totalEnergyProduced Accepted production over all slots, Wh.
    /// @param lastReportTimestamp Start (Unix s) of the latest slot whose accepted value changed.
    /// @param isRegistered True while registered.
    struct PanelRecord {
        uint256 tokenId;
        address owner;
        uint256 capacityWatt;
        uint256 totalEnergyProduced;
        uint256 lastReportTimestamp;
        bool isRegistered;
    }

    /// @notice No PanelNFT with this id exists.
    error PanelRegistryUnknownPanel(uint256 tokenId);
    /// @notice The panel is retired in the PanelNFT.
    error PanelRegistryPanelRetired(uint256 tokenId);
    /// @notice `owner` does not own the panel.
    error PanelRegistryOwnerMismatch(uint256 tokenId, address owner, address actualOwner);
    /// @notice The capacity given differs from the PanelNFT's.
    error PanelRegistryCapacityMismatch(uint256 tokenId, uint256 capacityWatt, uint256 nftCapacityWatt);
    /// @notice The panel is already registered.
    error PanelRegistryAlreadyRegistered(uint256 tokenId);
    /// @notice The panel is not registered.
    error PanelRegistryNotRegistered(uint256 tokenId);
    /// @notice The caller may not (de)register this panel: not its owner, not approved, no REGISTRAR_ROLE.
    error PanelRegistryUnauthorized(address caller, uint256 tokenId);
    /// @notice Only the PanelNFT may call this.
    error PanelRegistryNotPanelNFT(address caller);
    /// @notice Only the linked EnergyOracle may call this.
    error PanelRegistryNotOracle(address caller);
    /// @notice The oracle link was already set (it is set once at deployment).
    error PanelRegistryOracleAlreadySet(address oracle);
    /// @notice A slot bound that is not a multiple of `slotLength`, or an empty or too long range.
    error PanelRegistryInvalidRange(uint256 start, uint256 end, uint256 slotLength);
    /// @notice The owner has registered MAX_PANELS_PER_OWNER distinct panels already.
    error PanelRegistryTooManyPanels(address owner, uint256 maxPanels);
    /// @notice A constructor argument out of range (zero address, slot length not dividing a day).
    error PanelRegistryInvalidParameter(bytes32 name, uint256 value);

    event PanelRegistered(uint256 indexed tokenId, address indexed owner, uint256 capacityWatt);
    event PanelDeregistered(uint256 indexed tokenId, address indexed owner);
    /// @notice The accepted production of `tokenId` in the slot starting at `timestamp` is now `energyWh`.
    event ProductionReported(uint256 indexed tokenId, uint256 indexed timestamp, uint256 energyWh);
    /// @notice The EnergyOracle `oracle` was linked.
    event OracleSet(address oracle);

    /// @notice Register panel `tokenId` for `owner`. Caller: `owner`, an account approved for the
    /// panel, or REGISTRAR_ROLE.
    /// @param capacityWatt Must equal the PanelNFT's rated capacity (W).
    /// @dev Reverts PanelRegistryUnknownPanel, PanelRegistryPanelRetired, PanelRegistryOwnerMismatch,
    /// PanelRegistryCapacityMismatch, PanelRegistryAlreadyRegistered, PanelRegistryUnauthorized.
    /// @param tokenId The PanelNFT id.
    /// @param owner The account credited with the panel's production (the NFT's owner).
    function registerPanel(uint256 tokenId, address owner, uint256 capacityWatt) external;

    /// @notice Deregister panel `tokenId` (its registered owner, an approved account or REGISTRAR_ROLE).
    /// Slots that ended before now keep their registration (late reports for them are still accepted).
    /// @dev Reverts PanelRegistryNotRegistered, PanelRegistryUnauthorized.
    /// @param tokenId The PanelNFT id.
    function deregisterPanel(uint256 tokenId) external;

    /// @notice The accepted production of `tokenId` in the slot starting at `timestamp` changed from
    /// `previousWh` to `energyWh` (the linked oracle only): the owner's slot total and the panel's
    /// lifetime total move by the difference. Emits ProductionReported(tokenId, timestamp, energyWh).
    /// @dev Replaces the reference's `reportProduction(tokenId, timestamp, energyWh)`, which made
    /// the registry store every value a second time (about 24k gas per panel and slot).
    /// Error: PanelRegistryNotOracle.
    /// @param tokenId The PanelNFT id.
    /// @param timestamp Slot start, Unix s.
    /// @param previousWh The previously accepted value, Wh.
    /// @param energyWh The newly accepted value, Wh.
    function reportProduction(uint256 tokenId, uint256 timestamp, uint256 previousWh, uint256 energyWh) external;

    /// @notice Link the EnergyOracle (DEFAULT_ADMIN_ROLE, once): the only writer of production.
    /// @param oracle_ The EnergyOracle.
    function setOracle(address oracle_) external;

    /// @notice Called by the PanelNFT when a panel is retired: deregisters it if registered.
    /// @param tokenId The retired panel.
    function onPanelRetired(uint256 tokenId) external;

    /// @notice The panel's registration record (see `PanelRecord`).
    /// @param tokenId The PanelNFT id.
    function getPanelRecord(uint256 tokenId) external view returns (PanelRecord memory);

    /// @notice Accepted production of `tokenId` over all slots, Wh.
    /// @param tokenId The PanelNFT id.
    function getTotalProduction(uint256 tokenId) external view returns (uint256);

    /// @notice Accepted production of `tokenId` summed over the slots in [`start`, `end`), Wh.
    /// Both bounds are slot boundaries (multiples of `slotLength`); at most MAX_RANGE_SLOTS slots.
    /// @param tokenId The PanelNFT id.
    /// @param start First slot start, Unix s (inclusive).
    /// @param end Last slot end, Unix s (exclusive).
    function getProductionInTimeSlot(uint256 tokenId, uint256 start, uint256 end)
        external
        view
        returns (uint256);

    /// @notice Accepted production of `tokenId` in the slot starting at `slot`, Wh (one oracle read).
    /// @param tokenId The PanelNFT id.
    /// @param slot Slot start, Unix s.
    function productionOf(uint256 tokenId, uint256 slot) external view returns (uint256);

    /// @notice The linked EnergyOracle (zero address before `setOracle`).
    function oracle() external view returns (address);

    /// @notice Accepted production of all panels registered to `owner` in slot `slot`, Wh: the total
    /// the per-operator reports keep, plus the aggregated reports of the owner's panels (read from
    /// the oracle, at most MAX_PANELS_PER_OWNER panels).
    /// @param owner The panels' owner.
    /// @param slot Slot start, Unix s.
    function ownerProductionOf(address owner, uint256 slot) external view returns (uint256);

    /// @notice Words fromIndex .. fromIndex + count - 1 of the capacity table the oracle checks an
    /// aggregated report's median against when its registration summary cannot vouch for it (see
    /// registrationSummaries): word i holds the capacities in W
    /// (0 = not registered now) of panels 7*i .. 7*i+6 in bits [32k, 32k+32), and the Unix time (s)
    /// of the latest registration change among them in bits [224, 256).
    /// @param fromIndex First word.
    /// @param count Number of words.
    /// @return words The table words (layout above).
    function capacityTables(uint256 fromIndex, uint256 count) external view returns (uint256[] memory words);

    /// @notice Words fromIndex .. fromIndex + count - 1 of the registration summary the oracle checks
    /// aggregated reports against first (one word per 128 panels): word i has bit k set when panel
    /// 128*i + k is registered now (k < 128), in bits [128, 168) the Unix time (s) of the latest
    /// registration change among those panels, in bits [168, 200) a capacity floor in W (at most the
    /// capacity of every panel registered among them).
    function registrationSummaries(uint256 fromIndex, uint256 count) external view returns (uint256[] memory words);

    /// @notice What the oracle checks a report against, in one call.
    /// @return capacityWatt Rated capacity in W.
    /// @return registeredAt Unix s (0 = never registered).
    /// @return deregisteredAt Unix s (0 = still registered).
    /// @param tokenId The PanelNFT id.
    function reportingSpec(uint256 tokenId)
        external
        view
        returns (uint256 capacityWatt, uint256 registeredAt, uint256 deregisteredAt);

    /// @notice The registration in force for the whole slot starting at `slot` (Unix s).
    /// @return owner The account credited with the panel's production in that slot (0 = none: not
    /// registered for the whole slot).
    /// @return capacityWatt Rated capacity in W (0 when `owner` is 0).
    /// @param tokenId The PanelNFT id.
    /// @param slot Slot start, Unix s.
    function registrationAt(uint256 tokenId, uint256 slot) external view returns (address owner, uint256 capacityWatt);

    /// @notice Number of registrations the panel has had (ended ones included).
    /// @param tokenId The PanelNFT id.
    function registrationCount(uint256 tokenId) external view returns (uint256);

    /// @notice Whether panel `tokenId` is registered now.
    /// @param tokenId The PanelNFT id.
    function isRegistered(uint256 tokenId) external view returns (bool);

    /// @notice Ids of all currently registered panels (unordered). A view for tools; O(n).
    function getRegisteredPanels() external view returns (uint256[] memory);

    function registeredPanelCount() external view returns (uint256);

    /// @notice Time-slot length in seconds (a divisor of 86,400 between 60 and 3,600).
    function slotLength() external view returns (uint256);

    function panelNFT() external view returns (address);
}
