// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title OracleReports — the reports of up to 7 operators for one panel and slot in one word
/// @notice Layout of the 256-bit word: bits [32*(s-1), 32*s) hold seat s's report in Wh (s = 1..7);
/// bit 224 + (s-1) is set when seat s has reported. Values are at most type(uint32).max Wh, which
/// the PanelNFT's capacity cap guarantees (capacity W * slot s / 3600 <= capacity for slots <= 1 h).
library OracleReports {
    uint256 internal constant MAX_SEATS = 7;
    uint256 private constant _MASK_SHIFT = 224;
    uint256 private constant _VALUE_MASK = 0xffffffff;

    /// @notice `word` with seat `seat` (1..7) reporting `energyWh` (replacing its earlier value).
    function record(uint256 word, uint256 seat, uint256 energyWh) internal pure returns (uint256) {
        uint256 shift = (seat - 1) * 32;
        return (word & ~(_VALUE_MASK << shift)) | (energyWh << shift) | (1 << (_MASK_SHIFT + seat - 1));
    }

    /// @notice Whether seat `seat` reported, and its value in Wh.
    function reportOf(uint256 word, uint256 seat) internal pure returns (bool reported, uint256 energyWh) {
        reported = (word >> (_MASK_SHIFT + seat - 1)) & 1 == 1;
        energyWh = (word >> ((seat - 1) * 32)) & _VALUE_MASK;
    }

    /// @notice `word` without seat `seat`'s report (value and flag cleared).
    function erase(uint256 word, uint256 seat) internal pure returns (uint256) {
        return word & ~(_VALUE_MASK << ((seat - 1) * 32)) & ~(1 << (_MASK_SHIFT + seat - 1));
    }

    /// @notice Seats that reported: bit s-1 set for seat s.
    function reportedMask(uint256 word) internal pure returns (uint256) {
        return word >> _MASK_SHIFT;
    }

    /// @notice Number of seats that reported.
    function count(uint256 word) internal pure returns (uint256 n) {
        uint256 mask = word >> _MASK_SHIFT;
        while (mask != 0) {
            n += mask & 1;
            mask >>= 1;
        }
    }

    /// @notice Accepted value in Wh: the median of the reports if at least `quorum` seats reported,
    /// else 0. For an even number of reports, the floor of the mean of the two middle values.
    function accepted(uint256 word, uint256 quorum) internal pure returns (uint256) {
        uint256[MAX_SEATS] memory values;
        uint256 n;
        for (uint256 seat = 1; seat <= MAX_SEATS; ++seat) {
            (bool reported, uint256 value) = reportOf(word, seat);
            if (!reported) continue;
            // Insertion sort: at most 7 values.
            uint256 j = n;
            while (j > 0 && values[j - 1] > value) {
                values[j] = values[j - 1];
                --j;
            }
            values[j] = value;
            ++n;
        }
        if (n == 0 || n < quorum) return 0;
        // Overflow not possible: both values are below 2**32.
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
