// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title PriceLevelBitmap — the set of occupied price levels 0..65535, lowest first in O(1)
/// @notice Two levels: 256 words of 256 bits, and a summary word whose bit `w` is set iff word `w`
/// is non-zero. Finding the lowest occupied level reads two storage slots whatever the number of
/// levels (or resting offers) in use.
/// Invariant: bit `w` of `summary` is set iff `words[w] != 0`.
library PriceLevelBitmap {
    struct Bitmap {
        uint256 summary;
        mapping(uint256 word => uint256) words;
    }

    /// @notice Mark `level` occupied (idempotent).
    function set(Bitmap storage self, uint16 level) internal {
        uint256 w = level >> 8;
        uint256 word = self.words[w];
        if (word == 0) self.summary |= 1 << w;
        self.words[w] = word | (1 << (level & 0xff));
    }

    /// @notice Mark `level` free (idempotent).
    function clear(Bitmap storage self, uint16 level) internal {
        uint256 w = level >> 8;
        uint256 word = self.words[w] & ~(1 << (level & 0xff));
        self.words[w] = word;
        if (word == 0) self.summary &= ~(1 << w);
    }

    /// @notice The lowest occupied level, if any.
    /// @return found False if no level is occupied.
    /// @return level The lowest occupied level (0 if none).
    function lowest(Bitmap storage self) internal view returns (bool found, uint16 level) {
        uint256 summary = self.summary;
        if (summary == 0) return (false, 0);
        uint256 w = _lowestBit(summary);
        uint256 bit = _lowestBit(self.words[w]);
        return (true, uint16((w << 8) | bit));
    }

    /// @dev Index of the lowest set bit of a non-zero `x`: isolate it (x & -x), then log2.
    function _lowestBit(uint256 x) private pure returns (uint256) {
        unchecked {
            // Wrapping negation is intended: x & (~x + 1) keeps only the lowest set bit.
            return Math.log2(x & (~x + 1));
        }
    }
}
