// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title UniformPriceAuction — clearing of a batch auction over at most 256 price ticks
/// @notice The book is aggregated per tick: `levels[t]` holds the bid and ask quantity (Wh) at tick t,
/// and two 256-bit maps mark the ticks with bids and with asks. Clearing visits only marked ticks, so
/// its cost depends on the number of price levels (<= 256), never on the number of orders.
///
/// With D(t) = bids at ticks >= t and S(t) = asks at ticks <= t, the clearing tick maximises
/// V = min(D, S); among maximisers it minimises |D - S|; among those (a contiguous range, since D is
/// non-increasing and S non-decreasing) it takes the middle tick, rounded down. Fills follow price
/// priority: bids are filled from the highest tick down, asks from the lowest tick up, until V; the
/// tick where each side reaches V is its marginal tick, the only one rationed.
library UniformPriceAuction {
    /// @notice Aggregated quantities at one tick, Wh.
    struct Level {
        uint128 bidQty;
        uint128 askQty;
    }

    /// @notice Clearing outcome. Ticks are 0..255; marginal fills are what the marginal tick's orders
    /// share (Wh). All zero when nothing matches (`volume == 0`).
    struct Result {
        uint256 volume;
        uint256 clearingTick;
        uint256 marginalBidTick;
        uint256 marginalBidFill;
        uint256 marginalAskTick;
        uint256 marginalAskFill;
    }

    /// @notice Clear the book. `totalBid` must equal the sum of all bid quantities in `levels`.
    function clear(
        mapping(uint256 tick => Level) storage levels,
        uint256 bidTicks,
        uint256 askTicks,
        uint256 totalBid
    ) internal view returns (Result memory result) {
        (uint256 volume, uint256 lo, uint256 hi) = _bestRange(levels, bidTicks | askTicks, totalBid);
        if (volume == 0) return result;
        result.volume = volume;
        result.clearingTick = lo + (hi - lo) / 2;
        (result.marginalBidTick, result.marginalBidFill) = _marginalBid(levels, bidTicks, volume);
        (result.marginalAskTick, result.marginalAskFill) = _marginalAsk(levels, askTicks, volume);
    }

    /// @notice The ticks marked in `bits`, ascending.
    function ticks(uint256 bits) internal pure returns (uint256[] memory list) {
        list = new uint256[](_popcount(bits));
        for (uint256 i; bits != 0; ++i) {
            list[i] = lowest(bits);
            bits &= bits - 1;
        }
    }

    /// @notice Index of the lowest set bit of a non-zero `bits`.
    function lowest(uint256 bits) internal pure returns (uint256) {
        // Two's complement isolates the lowest set bit; wrapping is intended.
        unchecked {
            return Math.log2(bits & (0 - bits));
        }
    }

    /// @notice Index of the highest set bit of a non-zero `bits`.
    function highest(uint256 bits) internal pure returns (uint256) {
        return Math.log2(bits);
    }

    /// @dev Scans every marked tick and each gap between marked ticks (where D and S are constant)
    /// for the best (volume, imbalance); returns the best volume and its tick range [lo, hi].
    function _bestRange(mapping(uint256 => Level) storage levels, uint256 active, uint256 totalBid)
        private
        view
        returns (uint256 bestVolume, uint256 lo, uint256 hi)
    {
        uint256 bestImbalance = type(uint256).max;
        uint256 supply; // S at the current tick
        uint256 demand = totalBid; // D at the current tick: bids at ticks >= it
        while (active != 0) {
            uint256 t = lowest(active);
            active &= active - 1;
            Level memory level = levels[t];
            supply += level.askQty;
            (bestVolume, bestImbalance, lo, hi) = _consider(t, t, demand, supply, bestVolume, bestImbalance, lo, hi);
            demand -= level.bidQty;
            uint256 next = active == 0 ? 256 : lowest(active);
            if (next > t + 1) {
                (bestVolume, bestImbalance, lo, hi) =
                    _consider(t + 1, next - 1, demand, supply, bestVolume, bestImbalance, lo, hi);
            }
        }
    }

    function _consider(
        uint256 from,
        uint256 to,
        uint256 demand,
        uint256 supply,
        uint256 bestVolume,
        uint256 bestImbalance,
        uint256 lo,
        uint256 hi
    ) private pure returns (uint256, uint256, uint256, uint256) {
        uint256 volume = demand < supply ? demand : supply;
        uint256 imbalance = demand > supply ? demand - supply : supply - demand;
        if (volume > bestVolume || (volume == bestVolume && imbalance < bestImbalance)) {
            return (volume, imbalance, from, to);
        }
        // Equal on both criteria: the optimum is contiguous and ranges are visited ascending.
        if (volume == bestVolume && imbalance == bestImbalance) return (bestVolume, bestImbalance, lo, to);
        return (bestVolume, bestImbalance, lo, hi);
    }

    function _marginalBid(mapping(uint256 => Level) storage levels, uint256 bits, uint256 volume)
        private
        view
        returns (uint256 tick, uint256 fill)
    {
        uint256 filled;
        while (true) {
            tick = highest(bits);
            bits &= ~(1 << tick);
            uint256 qty = levels[tick].bidQty;
            if (filled + qty >= volume) return (tick, volume - filled);
            filled += qty;
        }
    }

    function _marginalAsk(mapping(uint256 => Level) storage levels, uint256 bits, uint256 volume)
        private
        view
        returns (uint256 tick, uint256 fill)
    {
        uint256 filled;
        while (true) {
            tick = lowest(bits);
            bits &= bits - 1;
            uint256 qty = levels[tick].askQty;
            if (filled + qty >= volume) return (tick, volume - filled);
            filled += qty;
        }
    }

    function _popcount(uint256 bits) private pure returns (uint256 n) {
        for (; bits != 0; bits &= bits - 1) ++n;
    }
}
