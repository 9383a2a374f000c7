// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IEnergyBrokerRateProvider} from "../../interfaces/IEnergyBrokerRateProvider.sol";
import {IFixedRateProvider} from "../../interfaces/IFixedRateProvider.sol";

/// @title FixedRateProvider — a governed constant rate for a constant-sum pool
/// @notice The pallet's runtime formula: the exchange rate is a parameter, not a market outcome.
contract FixedRateProvider is IFixedRateProvider, AccessControl {
    /// @inheritdoc IFixedRateProvider
    uint256 public constant MIN_RATE = 1;
    /// @inheritdoc IFixedRateProvider
    uint256 public constant MAX_RATE = 1e36;

    /// @inheritdoc IEnergyBrokerRateProvider
    address public immutable asset;
    /// @inheritdoc IEnergyBrokerRateProvider
    address public immutable numeraire;

    uint256 private _rate;

    /// @param admin Receives DEFAULT_ADMIN_ROLE (hand it to the governance timelock).
    /// @param asset_ The priced token (e.g. EnergyToken).
    /// @param numeraire_ The token of the price (e.g. the payment token).
    /// @param rate_ Numeraire base units per asset base unit, 1e18 fixed point.
    constructor(address admin, address asset_, address numeraire_, uint256 rate_) {
        if (admin == address(0) || asset_ == address(0) || numeraire_ == address(0)) {
            revert EnergyBrokerZeroAddress();
        }
        if (asset_ == numeraire_) revert EnergyBrokerEqualAssets(asset_);
        asset = asset_;
        numeraire = numeraire_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _setRate(rate_);
    }

    /// @inheritdoc IEnergyBrokerRateProvider
    function rate() external view returns (uint256) {
        return _rate;
    }

    /// @inheritdoc IEnergyBrokerRateProvider
    /// @dev Nothing to record: the rate does not depend on trading, so any caller is harmless.
    function onPoolUpdate(uint256, uint256) external {}

    /// @inheritdoc IFixedRateProvider
    function setRate(uint256 rate_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setRate(rate_);
    }

    function _setRate(uint256 rate_) private {
        if (rate_ < MIN_RATE || rate_ > MAX_RATE) revert EnergyBrokerInvalidParameter("rate", rate_);
        _rate = rate_;
        emit RateUpdated(rate_);
    }
}
