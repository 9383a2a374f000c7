// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title MintableTestToken — TEST ONLY: a plain OpenZeppelin ERC-20 with free minting
/// @notice Any name, symbol and decimals: the broker's pool tokens and benchmarks, the
/// StakingVault's stake token.
contract MintableTestToken is ERC20 {
    uint8 private immutable _decimals;

    constructor(string memory name_, string memory symbol_, uint8 decimals_) ERC20(name_, symbol_) {
        _decimals = decimals_;
    }

    function decimals() public view override returns (uint8) {
        return _decimals;
    }

    /// @notice Mint `amount` base units to `to` (anyone; test token).
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }
}
