// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IUtility} from "../../interfaces/IUtility.sol";

/// @title UtilityDoubleSettler — test helper: two settlements in one transaction (one block)
/// @notice Needs OPERATOR_ROLE on the Utility it settles.
contract UtilityDoubleSettler {
    /// @notice Call `utility.settle()` twice.
    function settleTwice(IUtility utility) external {
        utility.settle();
        utility.settle();
    }
}
