// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";

/// @title GovernanceTimelock — the TimelockController that holds every GridSet admin role
/// @notice OpenZeppelin's TimelockController, unchanged; this named subclass only gives the
/// deployment tooling a project artifact to deploy. Once deployment finishes it is the only
/// holder of `DEFAULT_ADMIN_ROLE` on every GridSet contract and on itself; the GovernanceDAO is
/// its only proposer, canceller and executor, so every admin action is a passed proposal that
/// waited `getMinDelay()` seconds in the queue.
contract GovernanceTimelock is TimelockController {
    /// @param minDelay Seconds between queueing and earliest execution.
    /// @param proposers Accounts granted PROPOSER_ROLE and CANCELLER_ROLE.
    /// @param executors Accounts granted EXECUTOR_ROLE (address(0) would open execution to all).
    /// @param admin Optional temporary admin for set-up (address(0) for none); must renounce.
    constructor(uint256 minDelay, address[] memory proposers, address[] memory executors, address admin)
        TimelockController(minDelay, proposers, executors, admin)
    {}
}
