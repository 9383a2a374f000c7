// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {PriceLevelBitmap} from "./PriceLevelBitmap.sol";

/// @title UniformPriceAuction — clearing of a batch auction over up to 65,536 sparse price levels
/// @notice The book is aggregated per price level: `levels[t]` holds the bid and ask quantity (Wh)
/// at level t, and two two-level bitmaps (PriceLevelBitmap: one 256-bit word per 256 levels plus a
/// summary word, as Uniswap v3/v4's tick bitmap) mark the levels with bids and with asks. Clearing
/// visits only occupied levels, reading one bitmap word per 256 levels that hold any: its cost
/// depends on the number of occupied levels, never on the number of orders or on the band's width.
///
/// With D(t) = bids at levels >= t and S(t) = asks at levels <= t, the clearing level maximises
/// V = min(D, S); among maximisers it minimises |D - S|; among those (a contiguous range, since D is
/// non-increasing and S non-decreasing) it takes the middle level, rounded down. Fills follow price
/// priority: bids are filled from the highest level down, asks from the lowest level up, until V;
/// the level where each side reaches V is its marginal level, the only one rationed.
/// Invariant: a level's bit is set in `bids` (`asks`) iff its `bidQty` (`askQty`) is non-zero.
library UniformPriceAuction {
    using PriceLevelBitmap for PriceLevelBitmap.Bitmap;

    /// @notice Aggregated quantities at one level, Wh.
    struct Level {
        uint128 bidQty;
        uint128 askQty;
    }

    /// @notice One auction's aggregated book.
    struct Book {
        PriceLevelBitmap.Bitmap bids;
        PriceLevelBitmap.Bitmap asks;
        mapping(uint256 level => Level) levels;
    }

    /// @notice Clearing outcome. Levels are 0..65535; marginal fills are what the marginal level's
    /// orders share (Wh). All zero when nothing matches (`volume == 0`).
    struct Result {
        uint256 volume;
        uint256 clearingLevel;
        uint256 marginalBidLevel;
        uint256 marginalBidFill;
        uint256 marginalAskLevel;
        uint256 marginalAskFill;
    }

    // The best (volume, imbalance) found so far and its level range, while scanning.
    struct Scan {
        uint256 demand;
        uint256 supply;
        uint256 volume;
        uint256 imbalance;
        uint256 lo;
        uint256 hi;
    }

    /// @notice Add `quantity` Wh at `level` to one side of the book.
    /// @return fresh True if the level held nothing on that side before.
    function add(Book storage self, uint16 level, uint256 quantity, bool isBid) internal returns (bool fresh) {
        Level storage stored = self.levels[level];
        if (isBid) {
            fresh = stored.bidQty == 0;
            if (fresh) self.bids.set(level);
            stored.bidQty += uint128(quantity); // Fits: quantities are uint32 and orders per book < 2**24.
        } else {
            fresh = stored.askQty == 0;
            if (fresh) self.asks.set(level);
            stored.askQty += uint128(quantity); // Fits: as above.
        }
    }

    /// @notice Remove `quantity` Wh (added before) at `level` from one side of the book.
    function remove(Book storage self, uint16 level, uint256 quantity, bool isBid) internal {
        Level storage stored = self.levels[level];
        // Cannot underflow: the quantity was added at this level before.
        if (isBid) {
            stored.bidQty -= uint128(quantity);
            if (stored.bidQty == 0) self.bids.clear(level);
        } else {
            stored.askQty -= uint128(quantity);
            if (stored.askQty == 0) self.asks.clear(level);
        }
    }

    /// @notice Clear the book. `totalBid` must equal the sum of all bid quantities in the book.
    function clear(Book storage self, uint256 totalBid) internal view returns (Result memory result) {
        Scan memory scan = _bestRange(self, totalBid);
        if (scan.volume == 0) return result;
        result.volume = scan.volume;
        result.clearingLevel = scan.lo + (scan.hi - scan.lo) / 2;
        (result.marginalBidLevel, result.marginalBidFill) = _marginal(self, scan.volume, true);
        (result.marginalAskLevel, result.marginalAskFill) = _marginal(self, scan.volume, false);
    }

    /// @notice The levels occupied on either side, ascending.
    function occupied(Book storage self) internal view returns (uint256[] memory list) {
        uint256 summary = self.bids.summary | self.asks.summary;
        uint256 n;
        for (uint256 rest = summary; rest != 0; rest &= rest - 1) {
            uint256 w = PriceLevelBitmap.lowestBit(rest);
            n += _popcount(self.bids.words[w] | self.asks.words[w]);
        }
        list = new uint256[](n);
        uint256 i;
        for (; summary != 0; summary &= summary - 1) {
            uint256 w = PriceLevelBitmap.lowestBit(summary);
            for (uint256 word = self.bids.words[w] | self.asks.words[w]; word != 0; word &= word - 1) {
                list[i++] = (w << 8) | PriceLevelBitmap.lowestBit(word);
            }
        }
    }

    /// @dev Scans every occupied level and each gap between occupied levels (where D and S are
    /// constant) for the best (volume, imbalance); returns it with its level range [lo, hi]. The gaps
    /// below the lowest and above the highest occupied level match nothing (S = 0, resp. D = 0).
    function _bestRange(Book storage self, uint256 totalBid) private view returns (Scan memory scan) {
        scan.imbalance = type(uint256).max;
        scan.demand = totalBid; // D at the current level: bids at levels >= it
        uint256 next; // the level after the previous occupied one (0 before the first)
        for (uint256 summary = self.bids.summary | self.asks.summary; summary != 0; summary &= summary - 1) {
            uint256 w = PriceLevelBitmap.lowestBit(summary);
            for (uint256 word = self.bids.words[w] | self.asks.words[w]; word != 0; word &= word - 1) {
                uint256 t = (w << 8) | PriceLevelBitmap.lowestBit(word);
                if (t > next && next != 0) _consider(scan, next, t - 1);
                Level memory level = self.levels[t];
                scan.supply += level.askQty;
                _consider(scan, t, t);
                scan.demand -= level.bidQty;
                next = t + 1;
            }
        }
    }

    function _consider(Scan memory scan, uint256 from, uint256 to) private pure {
        (uint256 demand, uint256 supply) = (scan.demand, scan.supply);
        uint256 volume = demand < supply ? demand : supply;
        uint256 imbalance = demand > supply ? demand - supply : supply - demand;
        if (volume > scan.volume || (volume == scan.volume && imbalance < scan.imbalance)) {
            (scan.volume, scan.imbalance, scan.lo, scan.hi) = (volume, imbalance, from, to);
        } else if (volume == scan.volume && imbalance == scan.imbalance) {
            // Equal on both criteria: the optimum is contiguous and ranges are visited ascending.
            scan.hi = to;
        }
    }

    /// @dev Walks one side in price priority (bids from the highest level down, asks from the lowest
    /// up) until `volume`; returns the level where it is reached and what that level's orders share.
    function _marginal(Book storage self, uint256 volume, bool isBid) private view returns (uint256 level, uint256 fill) {
        PriceLevelBitmap.Bitmap storage side = isBid ? self.bids : self.asks;
        uint256 filled;
        for (uint256 summary = side.summary;;) {
            uint256 w = _next(summary, isBid);
            summary &= ~(1 << w);
            for (uint256 word = side.words[w]; word != 0;) {
                uint256 bit = _next(word, isBid);
                word &= ~(1 << bit);
                level = (w << 8) | bit;
                Level memory stored = self.levels[level];
                uint256 qty = isBid ? stored.bidQty : stored.askQty;
                if (filled + qty >= volume) return (level, volume - filled);
                filled += qty;
            }
        }
    }

    /// @dev The highest (bids) or lowest (asks) set bit of a non-zero `bits`.
    function _next(uint256 bits, bool isBid) private pure returns (uint256) {
        return isBid ? Math.log2(bits) : PriceLevelBitmap.lowestBit(bits);
    }

    function _popcount(uint256 bits) private pure returns (uint256 n) {
        for (; bits != 0; bits &= bits - 1) ++n;
    }
}
