// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IEnergyBrokerErrors} from "../../interfaces/IEnergyBrokerErrors.sol";

/// @title PoolAddress — the CREATE2 address of an Energy Broker pool
/// @notice The factory deploys each pool with salt = keccak256(abi.encode(token0, token1)) and
/// init code without constructor arguments, so the address depends on the pair alone.
library PoolAddress {
    /// @notice The pair in pool order (lower address first).
    function sortTokens(address tokenA, address tokenB) internal pure returns (address token0, address token1) {
        if (tokenA == tokenB) revert IEnergyBrokerErrors.EnergyBrokerEqualAssets(tokenA);
        (token0, token1) = tokenA < tokenB ? (tokenA, tokenB) : (tokenB, tokenA);
    }

    /// @notice The CREATE2 salt of a sorted pair.
    function salt(address token0, address token1) internal pure returns (bytes32) {
        return keccak256(abi.encode(token0, token1));
    }

    /// @notice The address of the pool of a sorted pair (whether deployed or not).
    function compute(address factory, bytes32 initCodeHash, address token0, address token1)
        internal
        pure
        returns (address)
    {
        return address(
            uint160(uint256(keccak256(abi.encodePacked(hex"ff", factory, salt(token0, token1), initCodeHash))))
        );
    }
}
