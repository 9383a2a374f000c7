// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IEnergyBrokerErrors} from "./IEnergyBrokerErrors.sol";

/// @title IEnergyBrokerRateProvider — the exchange rate of a constant-sum pool
/// @notice A constant-sum pool prices its `asset` (e.g. EnergyToken credits) in its `numeraire`
/// (e.g. the payment token) at `rate()`, whatever its reserves. The rate is a 1e18 fixed-point
/// number of numeraire base units per asset base unit: with EnergyToken (1 base unit = 1 Wh) and
/// an 18-decimal payment token, a price of P payment-token base units per kWh is a rate of
/// P * 1e18 / 1000.
interface IEnergyBrokerRateProvider is IEnergyBrokerErrors {
    /// @notice The priced token (one side of the pool).
    function asset() external view returns (address);

    /// @notice The token the rate is denominated in (the other side of the pool).
    function numeraire() external view returns (address);

    /// @notice The current rate: numeraire base units per asset base unit, scaled by 1e18.
    /// Never zero.
    function rate() external view returns (uint256);

    /// @notice Hook called by the priced pool after each of its swaps, deposits and withdrawals.
    /// A revert here reverts swaps and deposits; withdrawals ignore it.
    /// @param assetReserve The pool's asset reserve after the operation, asset base units.
    /// @param assetSold Asset base units sold into the pool by this operation (0 unless a swap
    /// with the asset as input).
    function onPoolUpdate(uint256 assetReserve, uint256 assetSold) external;
}
