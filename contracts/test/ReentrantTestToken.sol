// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";

/// @title ReentrantTestToken — TEST ONLY: ERC-20 that calls back into a target on transfer
/// @notice After `arm(target, data)`, the next transfer (not mint or burn) calls `target` with
/// `data` once and bubbles up a revert. Used to check the StakingVault's and the broker pool's
/// reentrancy guards.
contract ReentrantTestToken is ERC20 {
    address private _target;
    bytes private _data;

    constructor() ERC20("Reentrant Test Token", "RTT") {}

    /// @notice Mint `amount` base units to `to` (unrestricted, tests only).
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Call `target` with `data` during the next transfer.
    function arm(address target, bytes calldata data) external {
        _target = target;
        _data = data;
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        address target = _target;
        if (target == address(0) || from == address(0) || to == address(0)) return;
        delete _target;
        Address.functionCall(target, _data);
    }
}
