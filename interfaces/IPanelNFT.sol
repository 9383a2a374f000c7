// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";

/// @title IPanelNFT — one ERC-721 token per production asset (a PV array, a panel string)
/// @notice Minted by INSTALLER_ROLE (an installer or certifier) with the asset's rated capacity
/// in watts. Token ids start at 1. A retired panel stays owned but cannot be transferred and
/// produces nothing after its retirement time. While a panel is registered in the PanelRegistry
/// it cannot be transferred (production is attributed to the registered owner); deregister first.
interface IPanelNFT is IERC721 {
    /// @notice Reference-compatible view of one panel.
    /// @param tokenId The panel id.
    /// @param metadataUri Off-chain metadata (datasheet, location, certificate), also `tokenURI`.
    /// @param capacityWatt Rated peak capacity in W (DC, as certified).
    /// @param installationTimestamp Unix time (s) of minting.
    /// @param isActive False once retired.
    struct PanelMetadata {
        uint256 tokenId;
        string metadataUri;
        uint256 capacityWatt;
        uint256 installationTimestamp;
        bool isActive;
    }

    /// @notice Capacity outside 1 W .. `MAX_CAPACITY_WATT`.
    error PanelNFTInvalidCapacity(uint256 capacityWatt, uint256 maxCapacityWatt);
    /// @notice Empty metadata URI.
    error PanelNFTEmptyMetadataUri();
    /// @notice The panel is retired: no transfer, no second retirement.
    error PanelNFTRetired(uint256 tokenId);
    /// @notice The panel is registered in the registry and cannot be transferred.
    error PanelNFTRegistered(uint256 tokenId);
    /// @notice The caller is neither the owner nor approved for the panel.
    error PanelNFTNotOwnerOrApproved(address caller, uint256 tokenId);
    /// @notice The registry link was already set (it is set once at deployment).
    error PanelNFTRegistryAlreadySet(address registry);
    /// @notice The zero address where a contract is required.
    error PanelNFTZeroAddress();

    /// @notice Panel `tokenId` minted to `to` with its metadata URI.
    event PanelMinted(address indexed to, uint256 indexed tokenId, string metadataUri);
    /// @notice Panel `tokenId` retired; it produces nothing after `retiredAt` (Unix s).
    event PanelRetired(uint256 indexed tokenId, uint256 retiredAt);
    /// @notice The registry consulted for the transfer lock and notified of retirements.
    event RegistrySet(address registry);

    /// @notice Mint a panel to `to` (INSTALLER_ROLE).
    /// @param metadataUri Non-empty metadata URI (returned by `tokenURI`).
    /// @param capacityWatt Rated capacity in W, 1 .. MAX_CAPACITY_WATT.
    /// @return tokenId The new panel id (ids start at 1).
    function mint(address to, string calldata metadataUri, uint256 capacityWatt)
        external
        returns (uint256 tokenId);

    /// @notice Retire panel `tokenId` (owner or approved). Deregisters it from the registry.
    /// @dev Reverts PanelNFTNotOwnerOrApproved, PanelNFTRetired, ERC721NonexistentToken.
    /// @param tokenId The panel.
    function retire(uint256 tokenId) external;

    /// @notice Metadata of panel `tokenId`. Reverts ERC721NonexistentToken for unknown ids.
    /// @param tokenId The panel.
    function getPanelMetadata(uint256 tokenId) external view returns (PanelMetadata memory);

    /// @notice Rated capacity (W), mint time (s) and retirement time (s, 0 = active) in one read.
    /// @param tokenId The panel.
    function panelSpec(uint256 tokenId)
        external
        view
        returns (uint256 capacityWatt, uint256 installationTimestamp, uint256 retiredAt);

    /// @notice Number of panels ever minted (retired panels included; none are burned).
    function totalSupply() external view returns (uint256);
}
