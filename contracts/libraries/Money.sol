// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title Money — token amounts for energy quantities at a price per kWh
/// @notice Every amount the market and the settlement engine move is an energy quantity in Wh
/// times a rate in token base units per kWh (a price in payment-token base units per kWh, or a
/// collateral or penalty rate in stake-token base units per kWh): amount = Wh × rate / 1000.
/// The rounding direction is in the name (as Morpho Blue's `toSharesDown`): `Up` for what a
/// trader must put up or owes (escrow, collateral, cost, penalty), `Down` for what is paid out
/// (proceeds, refunds), so the contracts never promise more than they hold.
/// All products go through OpenZeppelin's `Math.mulDiv` (full 512-bit precision, no overflow of
/// the intermediate product). The market's grids and rates are multiples of 1000 base units per
/// kWh, so every amount is exact and both directions agree; the names still say which way a
/// result would move if a rate were not.
library Money {
    /// @notice Wh per kWh: the divisor of every amount.
    uint256 internal constant WH_PER_KWH = 1000;

    /// @notice `wh` Wh at `ratePerKWh` base units per kWh, rounded down (base units).
    function paymentDown(uint256 wh, uint256 ratePerKWh) internal pure returns (uint256) {
        return Math.mulDiv(wh, ratePerKWh, WH_PER_KWH);
    }

    /// @notice `wh` Wh at `ratePerKWh` base units per kWh, rounded up (base units).
    function paymentUp(uint256 wh, uint256 ratePerKWh) internal pure returns (uint256) {
        // Math.mulDiv's own rounding up, without its Rounding-enum dispatch (smaller code).
        return Math.mulDiv(wh, ratePerKWh, WH_PER_KWH) + (mulmod(wh, ratePerKWh, WH_PER_KWH) == 0 ? 0 : 1);
    }
}
