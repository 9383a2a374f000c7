// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IEnergyBrokerPool} from "../../interfaces/IEnergyBrokerPool.sol";

/// @title BrokerPoolProbe — a pool's whole state in one eth_call, for property tests only
contract BrokerPoolProbe {
    /// @return s reserve0, reserve1, pool balance of token0, of token1, LP total supply,
    /// `account`'s balance of token0, of token1, of LP tokens.
    function probe(IEnergyBrokerPool pool, address account) external view returns (uint256[8] memory s) {
        (s[0], s[1]) = pool.getReserves();
        s[2] = pool.token0().balanceOf(address(pool));
        s[3] = pool.token1().balanceOf(address(pool));
        s[4] = pool.totalSupply();
        s[5] = pool.token0().balanceOf(account);
        s[6] = pool.token1().balanceOf(account);
        s[7] = pool.balanceOf(account);
    }
}
