// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title HeatCredit (HEAT) — heat recorded by LEG hubs, in Wh thermal
/// @notice 1 base unit = 1 Wh thermal; `decimals() == 3`, so 1.000 HEAT = 1 kWh thermal. Issued
/// only by the marketplace (MINTER_ROLE) to a hub for the heat its settled compute jobs recorded;
/// freely transferable, and sold to buyers through the marketplace's heat trades.
contract HeatCredit is ERC20, AccessControl {
    /// @notice May issue credits for recorded heat (the LEG marketplace).
    bytes32 public constant MINTER_ROLE = keccak256("MINTER_ROLE");

    /// @notice Issued `amountWh` Wh thermal of credits to `to` for heat recorded in trade `tradeId`.
    event HeatIssued(address indexed to, uint256 amountWh, uint256 indexed tradeId);

    /// @param admin Receives DEFAULT_ADMIN_ROLE (handed to governance at deployment).
    constructor(address admin) ERC20("GridSet LEG Heat Credit", "HEAT") {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    /// @notice 3 decimals: 1 base unit is 1 Wh thermal.
    function decimals() public pure override returns (uint8) {
        return 3;
    }

    /// @notice Issue `amountWh` Wh thermal to `to` for the heat recorded in trade `tradeId` (MINTER_ROLE).
    /// @dev Reverts ERC20InvalidReceiver for the zero address.
    function mint(address to, uint256 amountWh, uint256 tradeId) external onlyRole(MINTER_ROLE) {
        _mint(to, amountWh);
        emit HeatIssued(to, amountWh, tradeId);
    }
}
