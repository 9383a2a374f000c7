// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IEnergyBrokerRateProvider} from "./IEnergyBrokerRateProvider.sol";

/// @title IFixedRateProvider — a governed constant exchange rate for a constant-sum pool
/// @notice The pallet's runtime formula: one rate set by governance (DEFAULT_ADMIN_ROLE), in
/// numeraire base units per asset base unit, scaled by 1e18, within [MIN_RATE, MAX_RATE].
interface IFixedRateProvider is IEnergyBrokerRateProvider {
    /// @notice The rate changed (1e18 fixed point, numeraire per asset base unit).
    event RateUpdated(uint256 rate);

    /// @notice Smallest accepted rate (1e-18 numeraire base units per asset base unit).
    function MIN_RATE() external view returns (uint256);

    /// @notice Largest accepted rate (1e18 numeraire base units per asset base unit).
    function MAX_RATE() external view returns (uint256);

    /// @notice Set the rate (DEFAULT_ADMIN_ROLE), 1e18 fixed point.
    /// @param rate_ Numeraire base units per asset base unit, scaled by 1e18 (non-zero).
    function setRate(uint256 rate_) external;
}
