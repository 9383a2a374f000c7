// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {IERC5805} from "@openzeppelin/contracts/interfaces/IERC5805.sol";

/// @title IGridToken — GRID, the GridSet governance token
/// @notice ERC-20 (18 decimals) with ERC-2612 `permit` and ERC-5805 vote delegation on a
/// timestamp clock: `clock()` is `block.timestamp` (seconds) and `CLOCK_MODE()` is
/// `"mode=timestamp"`, so every governance timepoint and duration is in seconds.
///
/// Supply is fixed: the whole supply is minted once, in the constructor, to the initial
/// distribution; there is no mint or burn, so no one (governance included) can dilute voters.
/// A community treasury share is an ordinary balance of the timelock, moved by proposals.
///
/// Voting power is delegated, not held: an account's balance votes only after it calls
/// `delegate(self)` (or another delegate, or `delegateBySig`). Votes are checkpointed per
/// second, so a proposal counts the votes delegated at its snapshot time, not live balances.
interface IGridToken is IERC20Metadata, IERC20Permit, IERC5805 {
    /// @notice The constructor got a different number of recipients and amounts.
    error GridTokenDistributionLengthMismatch(uint256 recipients, uint256 amounts);
    /// @notice The constructor got no recipients: the supply would be zero forever.
    error GridTokenEmptyDistribution();
    /// @notice A recipient of the initial distribution was allotted zero tokens.
    error GridTokenZeroAllocation(address recipient);
}
