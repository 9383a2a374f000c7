// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Money} from "./Money.sol";

/// @title SettlementShares — the amounts of one settlement, shared by SettlementEngine and SettlementLens
/// @notice Pure functions, so that what the engine settles and what the lens previews are one formula.
/// Energy in Wh; prices in base units per kWh; money in base units (payment token for proceeds and
/// fees, stake token for penalties).
library SettlementShares {
    /// @notice A sale's amounts: proceeds of the delivered Wh at p* before the fee, the fee, and the
    /// shortfall penalty: (sold - delivered) at max(penaltyPricePerKWh, p*), capped at the collateral
    /// encumbered for the sold Wh (ISettlementEngine's seller rule).
    /// @param sold Wh sold in the slot.
    /// @param delivered Wh delivered (<= sold).
    /// @param price p*, payment-token base units per kWh.
    /// @param collateralPerKWh The slot's collateral, stake-token base units per kWh.
    /// @param feeBps Trading fee on proceeds, basis points.
    /// @param penaltyPricePerKWh Shortfall penalty price, stake-token base units per kWh.
    /// @return proceeds Payment-token base units, before the fee (rounded down).
    /// @return fee Payment-token base units (rounded down).
    /// @return penalty Stake-token base units (rounded up, capped by the collateral).
    function sellerTerms(
        uint256 sold,
        uint256 delivered,
        uint256 price,
        uint256 collateralPerKWh,
        uint256 feeBps,
        uint256 penaltyPricePerKWh
    ) internal pure returns (uint256 proceeds, uint256 fee, uint256 penalty) {
        proceeds = Money.paymentDown(delivered, price);
        fee = proceeds * feeBps / 10_000;
        uint256 collateral = Money.paymentUp(sold, collateralPerKWh);
        if (penaltyPricePerKWh < price) penaltyPricePerKWh = price;
        penalty = Money.paymentUp(sold - delivered, penaltyPricePerKWh);
        if (penalty > collateral) penalty = collateral;
    }

    /// @notice Sequential pro rata: `part` of `whole` takes floor(part * amount / whole), the last part
    /// (part == whole) all that is left, so the shares sum exactly to `amount` (no dust).
    /// @param part The participant's quantity (Wh).
    /// @param whole The quantity of the participants not yet settled, this one included (Wh).
    /// @param amount What is left to share among them (Wh or base units).
    /// @return share The part's share of `amount`.
    /// @return left `amount - share`.
    function shareOf(uint256 part, uint256 whole, uint256 amount) internal pure returns (uint256 share, uint256 left) {
        if (part == 0 || whole == 0) return (0, amount);
        share = part == whole ? amount : part * amount / whole;
        return (share, amount - share);
    }

    /// @notice A buyer's first-tranche shares of `bought` Wh among `boughtLeft` Wh still to settle,
    /// `unallocated` Wh of which wait for disputed sellers (second tranche).
    /// @param bought Wh the buyer bought.
    /// @param boughtLeft Wh bought by buyers whose first share is not settled, this one included.
    /// @param unallocated Wh of `boughtLeft` left for the second tranche.
    /// @param deliveredLeft Wh delivered by the first-tranche sellers not yet handed to buyers.
    /// @param pool Stake-token base units of shortfall penalties pooled for the first tranche.
    /// @return covered Wh of the purchase the first tranche covers.
    /// @return received Wh the buyer receives of `deliveredLeft`.
    /// @return penalty The buyer's share of `pool` (stake-token base units), pro rata to its shortfall.
    function firstTranche(uint256 bought, uint256 boughtLeft, uint256 unallocated, uint256 deliveredLeft, uint256 pool)
        internal
        pure
        returns (uint256 covered, uint256 received, uint256 penalty)
    {
        // Covered volume left (X) >= delivered left (D) holds for every sequential step.
        uint256 coveredLeft = boughtLeft - unallocated;
        (covered,) = shareOf(bought, boughtLeft, coveredLeft);
        (received,) = shareOf(bought, boughtLeft, deliveredLeft);
        // The shortfall left before this buyer: X - D.
        (penalty,) = shareOf(covered - received, coveredLeft - deliveredLeft, pool);
    }
}
