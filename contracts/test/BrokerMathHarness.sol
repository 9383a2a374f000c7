// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ConstantProduct} from "../libraries/ConstantProduct.sol";
import {ConstantSum} from "../libraries/ConstantSum.sol";

/// @notice The two Uniswap V2 Router02 quote functions the harness compares against.
interface IUniswapV2Quotes {
    function getAmountOut(uint256 amountIn, uint256 reserveIn, uint256 reserveOut) external pure returns (uint256);
    function getAmountIn(uint256 amountOut, uint256 reserveIn, uint256 reserveOut) external pure returns (uint256);
}

/// @title BrokerMathHarness — the broker's formula libraries over batches of inputs, for tests only
/// @notice One call evaluates a whole batch (eth_call is the slow part of a property test).
contract BrokerMathHarness {
    /// @notice ConstantProduct.getAmountOut (exactIn) or getAmountIn over (amount, reserveIn, reserveOut) rows.
    function constantProduct(bool exactIn, uint256[3][] calldata rows, uint256 feeBps)
        external
        pure
        returns (uint256[] memory results)
    {
        results = new uint256[](rows.length);
        for (uint256 i; i < rows.length; ++i) {
            (uint256 amount, uint256 reserveIn, uint256 reserveOut) = (rows[i][0], rows[i][1], rows[i][2]);
            results[i] = exactIn
                ? ConstantProduct.getAmountOut(amount, reserveIn, reserveOut, feeBps)
                : ConstantProduct.getAmountIn(amount, reserveIn, reserveOut, feeBps);
        }
    }

    /// @notice Uniswap V2's getAmountOut (exactIn) or getAmountIn over the same rows.
    function uniswap(IUniswapV2Quotes router, bool exactIn, uint256[3][] calldata rows)
        external
        view
        returns (uint256[] memory results)
    {
        results = new uint256[](rows.length);
        for (uint256 i; i < rows.length; ++i) {
            results[i] = exactIn
                ? router.getAmountOut(rows[i][0], rows[i][1], rows[i][2])
                : router.getAmountIn(rows[i][0], rows[i][1], rows[i][2]);
        }
    }

    /// @notice ConstantSum.getAmountOut (exactIn) or getAmountIn over (amount, assetIn, rate, feeBps) rows.
    function constantSum(bool exactIn, uint256[4][] calldata rows) external pure returns (uint256[] memory results) {
        results = new uint256[](rows.length);
        for (uint256 i; i < rows.length; ++i) {
            (uint256 amount, bool assetIn, uint256 rate, uint256 feeBps) =
                (rows[i][0], rows[i][1] != 0, rows[i][2], rows[i][3]);
            results[i] = exactIn
                ? ConstantSum.getAmountOut(amount, assetIn, rate, feeBps)
                : ConstantSum.getAmountIn(amount, assetIn, rate, feeBps);
        }
    }
}
