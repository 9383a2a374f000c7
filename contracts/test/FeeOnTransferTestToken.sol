// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title FeeOnTransferTestToken — TEST ONLY: ERC-20 that burns a fee on every transfer
/// @notice Burns `FEE_BPS` of each transfer (not of mints or burns), so the recipient gets less
/// than the amount sent. Used to check that StakingVault and the broker reject such tokens.
contract FeeOnTransferTestToken is ERC20 {
    /// @notice Fee burnt per transfer, in basis points of the amount.
    uint256 public constant FEE_BPS = 100;

    constructor() ERC20("Fee Test Token", "FTT") {}

    /// @notice Mint `amount` base units to `to` (unrestricted, tests only).
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function _update(address from, address to, uint256 value) internal override {
        if (from == address(0) || to == address(0)) {
            super._update(from, to, value);
            return;
        }
        uint256 fee = (value * FEE_BPS) / 10_000;
        super._update(from, address(0), fee);
        super._update(from, to, value - fee);
    }
}
