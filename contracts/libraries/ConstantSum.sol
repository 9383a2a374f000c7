// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title ConstantSum — fixed-rate swap math (the energy-broker pallet's runtime formula)
/// @notice Both tokens are valued at a rate R: numeraire base units per asset base unit, 1e18
/// fixed point. An exact-input swap first takes the fee, then converts:
/// `out = quote(in * (BPS - fee) / BPS)`, each step rounded down (the pallet's order). The
/// exact-output inverse rounds each step up, so it returns the smallest input whose exact-input
/// output reaches the wanted amount. Rounding always favours the pool.
library ConstantSum {
    uint256 internal constant BPS = 10_000;
    uint256 internal constant WAD = 1e18;

    /// @notice `amount` converted at `rate`, rounded down: asset to numeraire if `fromAsset`,
    /// else numeraire to asset.
    function quote(uint256 amount, bool fromAsset, uint256 rate) internal pure returns (uint256) {
        return fromAsset ? Math.mulDiv(amount, rate, WAD) : Math.mulDiv(amount, WAD, rate);
    }

    /// @notice Output for an exact input, fee kept in the pool, rounded down.
    function getAmountOut(uint256 amountIn, bool assetIn, uint256 rate, uint256 feeBps)
        internal
        pure
        returns (uint256)
    {
        return quote((amountIn * (BPS - feeBps)) / BPS, assetIn, rate);
    }

    /// @notice Smallest input paying an exact output, fee included, rounded up.
    function getAmountIn(uint256 amountOut, bool assetIn, uint256 rate, uint256 feeBps)
        internal
        pure
        returns (uint256)
    {
        uint256 netIn = assetIn
            ? Math.mulDiv(amountOut, WAD, rate, Math.Rounding.Ceil)
            : Math.mulDiv(amountOut, rate, WAD, Math.Rounding.Ceil);
        return Math.mulDiv(netIn, BPS, BPS - feeBps, Math.Rounding.Ceil);
    }

    /// @notice Value of a numeraire amount plus an asset amount, in numeraire base units, rounded down.
    function value(uint256 numeraireAmount, uint256 assetAmount, uint256 rate) internal pure returns (uint256) {
        return numeraireAmount + Math.mulDiv(assetAmount, rate, WAD);
    }
}
