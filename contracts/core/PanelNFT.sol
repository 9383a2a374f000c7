// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IPanelNFT} from "../../interfaces/IPanelNFT.sol";
import {IPanelRegistry} from "../../interfaces/IPanelRegistry.sol";

/// @title PanelNFT — one ERC-721 token per certified production asset
/// @notice Minted by INSTALLER_ROLE with the rated capacity (W). Retirement is permanent; a retired
/// panel cannot move. A registered panel cannot move either (its production is attributed to the
/// registered owner); the owner deregisters it first.
contract PanelNFT is ERC721, AccessControl, IPanelNFT {
    using SafeCast for uint256;

    /// @notice May mint panels (installers, certifiers).
    bytes32 public constant INSTALLER_ROLE = keccak256("INSTALLER_ROLE");
    /// @notice Largest rated capacity in W (about 4.29 GW): reports are stored as 32-bit Wh.
    uint256 public constant MAX_CAPACITY_WATT = type(uint32).max;

    // One storage slot per panel: capacity (W), mint time and retirement time (Unix s).
    struct Panel {
        uint32 capacityWatt;
        uint40 installedAt;
        uint40 retiredAt;
    }

    mapping(uint256 tokenId => Panel) private _panels;
    mapping(uint256 tokenId => string) private _metadataUris;
    uint256 private _minted;
    IPanelRegistry private _registry;

    /// @param admin Receives DEFAULT_ADMIN_ROLE (handed to governance at deployment).
    constructor(address admin) ERC721("GridSet Panel", "GSP") {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    /// @notice Link the PanelRegistry (DEFAULT_ADMIN_ROLE, once): transfer lock and retirement hook.
    function setRegistry(address registry_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (registry_ == address(0)) revert PanelNFTZeroAddress();
        if (address(_registry) != address(0)) revert PanelNFTRegistryAlreadySet(address(_registry));
        _registry = IPanelRegistry(registry_);
        emit RegistrySet(registry_);
    }

    /// @inheritdoc IPanelNFT
    function mint(address to, string calldata metadataUri, uint256 capacityWatt)
        external
        onlyRole(INSTALLER_ROLE)
        returns (uint256 tokenId)
    {
        if (capacityWatt == 0 || capacityWatt > MAX_CAPACITY_WATT) {
            revert PanelNFTInvalidCapacity(capacityWatt, MAX_CAPACITY_WATT);
        }
        if (bytes(metadataUri).length == 0) revert PanelNFTEmptyMetadataUri();
        tokenId = ++_minted;
        _panels[tokenId] = Panel({capacityWatt: uint32(capacityWatt), installedAt: block.timestamp.toUint40(), retiredAt: 0});
        _metadataUris[tokenId] = metadataUri;
        _safeMint(to, tokenId);
        emit PanelMinted(to, tokenId, metadataUri);
    }

    /// @inheritdoc IPanelNFT
    function retire(uint256 tokenId) external {
        address owner = _requireOwned(tokenId);
        if (!_isAuthorized(owner, msg.sender, tokenId)) revert PanelNFTNotOwnerOrApproved(msg.sender, tokenId);
        Panel storage panel = _panels[tokenId];
        if (panel.retiredAt != 0) revert PanelNFTRetired(tokenId);
        panel.retiredAt = block.timestamp.toUint40();
        emit PanelRetired(tokenId, block.timestamp);
        IPanelRegistry registry_ = _registry;
        if (address(registry_) != address(0)) registry_.onPanelRetired(tokenId);
    }

    /// @inheritdoc IPanelNFT
    function getPanelMetadata(uint256 tokenId) external view returns (PanelMetadata memory) {
        _requireOwned(tokenId);
        Panel memory panel = _panels[tokenId];
        return PanelMetadata({
            tokenId: tokenId,
            metadataUri: _metadataUris[tokenId],
            capacityWatt: panel.capacityWatt,
            installationTimestamp: panel.installedAt,
            isActive: panel.retiredAt == 0
        });
    }

    /// @inheritdoc IPanelNFT
    /// @dev Returns zeros for an id that was never minted (installationTimestamp 0 = unknown).
    function panelSpec(uint256 tokenId)
        external
        view
        returns (uint256 capacityWatt, uint256 installationTimestamp, uint256 retiredAt)
    {
        Panel memory panel = _panels[tokenId];
        return (panel.capacityWatt, panel.installedAt, panel.retiredAt);
    }

    /// @inheritdoc IPanelNFT
    function totalSupply() external view returns (uint256) {
        return _minted;
    }

    /// @notice The registry linked by `setRegistry` (zero until set).
    function registry() external view returns (address) {
        return address(_registry);
    }

    /// @notice The panel's metadata URI. Reverts ERC721NonexistentToken for unknown ids.
    function tokenURI(uint256 tokenId) public view override returns (string memory) {
        _requireOwned(tokenId);
        return _metadataUris[tokenId];
    }

    /// @inheritdoc IERC165
    function supportsInterface(bytes4 interfaceId) public view override(ERC721, AccessControl, IERC165) returns (bool) {
        return interfaceId == type(IPanelNFT).interfaceId || super.supportsInterface(interfaceId);
    }

    /// @dev Transfers (not mints) of retired or registered panels are refused.
    function _update(address to, uint256 tokenId, address auth) internal override returns (address) {
        if (_ownerOf(tokenId) != address(0)) {
            if (_panels[tokenId].retiredAt != 0) revert PanelNFTRetired(tokenId);
            IPanelRegistry registry_ = _registry;
            if (address(registry_) != address(0) && registry_.isRegistered(tokenId)) {
                revert PanelNFTRegistered(tokenId);
            }
        }
        return super._update(to, tokenId, auth);
    }
}
