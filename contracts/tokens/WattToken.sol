// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Burnable} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Burnable.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

/// @title WattToken (WATT) — the suite's fiat-pegged payment token
/// @notice 18 decimals; 1 WATT is meant to track one unit of the local currency, backed 1:1 by reserves
/// held off chain by the issuer. The issuer (MINTER_ROLE) mints against deposits; holders burn to
/// redeem. Any standard ERC-20 stablecoin can replace it as the market's payment token.
contract WattToken is ERC20, ERC20Burnable, ERC20Permit, AccessControl {
    /// @notice May issue WATT against fiat deposits (the issuer's on-ramp).
    bytes32 public constant MINTER_ROLE = keccak256("MINTER_ROLE");

    /// @notice Issued `amount` base units to `to` against fiat held in reserve.
    event Issued(address indexed to, uint256 amount);

    /// @param admin Receives DEFAULT_ADMIN_ROLE (handed to governance at deployment).
    constructor(address admin) ERC20("GridSet Watt", "WATT") ERC20Permit("GridSet Watt") {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    /// @notice Issue `amount` WATT base units (1e-18 WATT) to `to` (MINTER_ROLE).
    /// @dev Reverts ERC20InvalidReceiver for the zero address.
    function mint(address to, uint256 amount) external onlyRole(MINTER_ROLE) {
        _mint(to, amount);
        emit Issued(to, amount);
    }
}
