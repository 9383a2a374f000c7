// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title OrderedAddresses — removal from an address array that keeps the order of the rest
/// @notice For lists whose order carries meaning (netting order, circuit seats), where
/// swap-and-pop would reorder. Costs one write per element after the removed one.
library OrderedAddresses {
    /// @notice Remove the first occurrence of `item` from `list`, shifting the tail left by one.
    /// @dev The caller guarantees that `item` is in `list` (checked against its own registry);
    /// otherwise the search runs past the end and reverts with an array-bounds panic.
    function removeInOrder(address[] storage list, address item) internal {
        uint256 last = list.length - 1;
        uint256 i;
        while (list[i] != item) ++i;
        for (; i < last; ++i) {
            list[i] = list[i + 1];
        }
        list.pop();
    }
}
