// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Money} from "../libraries/Money.sol";

/// @title MoneyHarness — the Money library over batches of inputs, for tests only
/// @notice One call evaluates a whole batch (eth_call is the slow part of a property test).
contract MoneyHarness {
    /// @notice (paymentDown, paymentUp) of each (Wh, base units per kWh) row.
    function payments(uint256[2][] calldata rows) external pure returns (uint256[2][] memory results) {
        results = new uint256[2][](rows.length);
        for (uint256 i; i < rows.length; ++i) {
            results[i] = [Money.paymentDown(rows[i][0], rows[i][1]), Money.paymentUp(rows[i][0], rows[i][1])];
        }
    }
}
