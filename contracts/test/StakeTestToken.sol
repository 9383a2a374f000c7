// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title StakeTestToken — TEST ONLY: plain ERC-20 stake token with an open mint
/// @notice Stands in for the payment token in StakingVault tests and benchmarks. Anyone may
/// mint; never deploy outside a test chain.
contract StakeTestToken is ERC20 {
    constructor() ERC20("Stake Test Token", "STT") {}

    /// @notice Mint `amount` base units to `to` (unrestricted, tests only).
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }
}
