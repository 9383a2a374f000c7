// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title ConstantProduct — x * y = k swap math (Uniswap V2's formulas with the fee in basis points)
/// @notice With the fee f in basis points, `getAmountOut` is Uniswap V2's
/// `in*(1000-fee)*rOut / (rIn*1000 + in*(1000-fee))` scaled by 10: the same rational number, so
/// 30 bps gives exactly Uniswap V2's results. Rounding always favours the pool.
library ConstantProduct {
    uint256 internal constant BPS = 10_000;

    /// @notice Output for an exact input, fee kept in the pool, rounded down.
    /// @dev Callers check that both reserves are positive.
    function getAmountOut(uint256 amountIn, uint256 reserveIn, uint256 reserveOut, uint256 feeBps)
        internal
        pure
        returns (uint256)
    {
        uint256 amountInWithFee = amountIn * (BPS - feeBps);
        return (amountInWithFee * reserveOut) / (reserveIn * BPS + amountInWithFee);
    }

    /// @notice Smallest input paying an exact output, fee included, rounded up (Uniswap's `+ 1`).
    /// @dev Callers check that `amountOut < reserveOut`.
    function getAmountIn(uint256 amountOut, uint256 reserveIn, uint256 reserveOut, uint256 feeBps)
        internal
        pure
        returns (uint256)
    {
        return (reserveIn * amountOut * BPS) / ((reserveOut - amountOut) * (BPS - feeBps)) + 1;
    }

    /// @notice `amount` of one token at the reserve ratio, no fee, rounded down.
    function quote(uint256 amount, uint256 reserveFrom, uint256 reserveTo) internal pure returns (uint256) {
        return (amount * reserveTo) / reserveFrom;
    }
}
