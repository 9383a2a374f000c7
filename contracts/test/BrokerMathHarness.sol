// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ConstantProduct} from "../libraries/ConstantProduct.sol";
import {ConstantSum} from "../libraries/ConstantSum.sol";

/// @title BrokerMathHarness — exposes the broker's formula libraries to tests
contract BrokerMathHarness {
    function constantProductOut(uint256 amountIn, uint256 reserveIn, uint256 reserveOut, uint256 feeBps)
        external
        pure
        returns (uint256)
    {
        return ConstantProduct.getAmountOut(amountIn, reserveIn, reserveOut, feeBps);
    }

    function constantProductIn(uint256 amountOut, uint256 reserveIn, uint256 reserveOut, uint256 feeBps)
        external
        pure
        returns (uint256)
    {
        return ConstantProduct.getAmountIn(amountOut, reserveIn, reserveOut, feeBps);
    }

    function constantSumOut(uint256 amountIn, bool assetIn, uint256 rate, uint256 feeBps)
        external
        pure
        returns (uint256)
    {
        return ConstantSum.getAmountOut(amountIn, assetIn, rate, feeBps);
    }

    function constantSumIn(uint256 amountOut, bool assetIn, uint256 rate, uint256 feeBps)
        external
        pure
        returns (uint256)
    {
        return ConstantSum.getAmountIn(amountOut, assetIn, rate, feeBps);
    }
}
