// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IUtilityBase} from "../../interfaces/IUtilityBase.sol";
import {OrderedAddresses} from "../libraries/OrderedAddresses.sol";

/// @title UtilityBase — household energy accounting (seed milestone one)
/// @notice Keeps every household's renewable and non-renewable balances and counters, and the
/// community totals, in Ws. See {IUtilityBase} for units, bounds and roles.
abstract contract UtilityBase is AccessControl, IUtilityBase {
    /// @notice May report energy for any household.
    bytes32 public constant METER_ROLE = keccak256("METER_ROLE");

    /// @dev One energy type of one household, Ws, in one slot. `open` marks a household (set
    /// on both of its accounts, so each update reads a single slot).
    struct Account {
        int88 balance;
        uint80 produced;
        uint80 consumed;
        bool open;
    }

    /// @dev Slot 0 (renewable) is what `settle()` reads and writes.
    struct Household {
        Account renewable;
        Account nonRenewable;
    }

    /// @dev Community totals of one energy type (sums over current households), Ws.
    struct Total {
        int128 balance;
        uint128 produced;
        uint128 consumed;
    }

    /// @dev Settlement order: insertion order, kept on removal.
    address[] internal _households;
    mapping(address household => Household) internal _data;
    Total private _renewableTotal;
    Total private _nonRenewableTotal;
    bool private _deactivated;

    modifier whenActive() {
        if (_deactivated) revert UtilityDeactivated();
        _;
    }

    /// @param admin Receives DEFAULT_ADMIN_ROLE (the owner).
    constructor(address admin) {
        if (admin == address(0)) revert UtilityZeroAddress();
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    /// @inheritdoc IUtilityBase
    function addHousehold(address household)
        external
        whenActive
        onlyRole(DEFAULT_ADMIN_ROLE)
        returns (bool)
    {
        if (household == address(0)) revert UtilityZeroAddress();
        Household storage h = _data[household];
        if (h.renewable.open) revert UtilityHouseholdExists(household);
        h.renewable.open = true;
        h.nonRenewable.open = true;
        _households.push(household);
        emit NewHousehold(household);
        return true;
    }

    /// @inheritdoc IUtilityBase
    function removeHousehold(address household)
        external
        whenActive
        onlyRole(DEFAULT_ADMIN_ROLE)
        returns (bool)
    {
        Household memory h = _existing(household);
        _remove(_renewableTotal, h.renewable);
        _remove(_nonRenewableTotal, h.nonRenewable);
        delete _data[household];
        OrderedAddresses.removeInOrder(_households, household);
        emit HouseholdRemoved(household);
        return true;
    }

    /// @inheritdoc IUtilityBase
    function updateRenewableEnergy(address household, int256 produced, int256 consumed)
        external
        whenActive
        returns (bool)
    {
        int256 delta = _record(household, _data[household].renewable, _renewableTotal, produced, consumed);
        emit RenewableEnergyChanged(household, delta);
        return true;
    }

    /// @inheritdoc IUtilityBase
    function updateNonRenewableEnergy(address household, int256 produced, int256 consumed)
        external
        whenActive
        returns (bool)
    {
        int256 delta =
            _record(household, _data[household].nonRenewable, _nonRenewableTotal, produced, consumed);
        emit NonRenewableEnergyChanged(household, delta);
        return true;
    }

    /// @inheritdoc IUtilityBase
    function deactivate() external whenActive onlyRole(DEFAULT_ADMIN_ROLE) {
        _deactivated = true;
        emit Deactivated(msg.sender);
    }

    /// @inheritdoc IUtilityBase
    function deactivated() external view returns (bool) {
        return _deactivated;
    }

    /// @inheritdoc IUtilityBase
    function getHousehold(address household)
        external
        view
        returns (bool, int256, int256, int256, int256, int256, int256)
    {
        Household memory h = _data[household];
        return (
            h.renewable.open,
            h.renewable.balance,
            h.nonRenewable.balance,
            int256(uint256(h.renewable.produced)),
            int256(uint256(h.renewable.consumed)),
            int256(uint256(h.nonRenewable.produced)),
            int256(uint256(h.nonRenewable.consumed))
        );
    }

    /// @inheritdoc IUtilityBase
    function householdCount() external view returns (uint256) {
        return _households.length;
    }

    /// @inheritdoc IUtilityBase
    function householdAt(uint256 index) external view returns (address) {
        return _households[index];
    }

    /// @inheritdoc IUtilityBase
    function totalEnergy() external view returns (int256) {
        return int256(_renewableTotal.balance) + _nonRenewableTotal.balance;
    }

    /// @inheritdoc IUtilityBase
    function totalProducedEnergy() external view returns (int256) {
        return int256(uint256(_renewableTotal.produced) + _nonRenewableTotal.produced);
    }

    /// @inheritdoc IUtilityBase
    function totalConsumedEnergy() external view returns (int256) {
        return int256(uint256(_renewableTotal.consumed) + _nonRenewableTotal.consumed);
    }

    /// @inheritdoc IUtilityBase
    function totalRenewableEnergy() external view returns (int256) {
        return _renewableTotal.balance;
    }

    /// @inheritdoc IUtilityBase
    function totalProducedRenewableEnergy() external view returns (int256) {
        return int256(uint256(_renewableTotal.produced));
    }

    /// @inheritdoc IUtilityBase
    function totalConsumedRenewableEnergy() external view returns (int256) {
        return int256(uint256(_renewableTotal.consumed));
    }

    /// @inheritdoc IUtilityBase
    function totalNonRenewableEnergy() external view returns (int256) {
        return _nonRenewableTotal.balance;
    }

    /// @inheritdoc IUtilityBase
    function totalProducedNonRenewableEnergy() external view returns (int256) {
        return int256(uint256(_nonRenewableTotal.produced));
    }

    /// @inheritdoc IUtilityBase
    function totalConsumedNonRenewableEnergy() external view returns (int256) {
        return int256(uint256(_nonRenewableTotal.consumed));
    }

    /// @inheritdoc IUtilityBase
    function balanceOf(address household) external view returns (int256) {
        Household memory h = _existing(household);
        return int256(h.renewable.balance) + h.nonRenewable.balance;
    }

    /// @inheritdoc IUtilityBase
    function balanceOfProducedEnergy(address household) external view returns (int256) {
        Household memory h = _existing(household);
        return int256(uint256(h.renewable.produced) + h.nonRenewable.produced);
    }

    /// @inheritdoc IUtilityBase
    function balanceOfConsumedEnergy(address household) external view returns (int256) {
        Household memory h = _existing(household);
        return int256(uint256(h.renewable.consumed) + h.nonRenewable.consumed);
    }

    /// @inheritdoc IUtilityBase
    function balanceOfRenewableEnergy(address household) external view returns (int256) {
        return _existing(household).renewable.balance;
    }

    /// @inheritdoc IUtilityBase
    function balanceOfProducedRenewableEnergy(address household) external view returns (int256) {
        return int256(uint256(_existing(household).renewable.produced));
    }

    /// @inheritdoc IUtilityBase
    function balanceOfConsumedRenewableEnergy(address household) external view returns (int256) {
        return int256(uint256(_existing(household).renewable.consumed));
    }

    /// @inheritdoc IUtilityBase
    function balanceOfNonRenewableEnergy(address household) external view returns (int256) {
        return _existing(household).nonRenewable.balance;
    }

    /// @inheritdoc IUtilityBase
    function balanceOfProducedNonRenewableEnergy(address household)
        external
        view
        returns (int256)
    {
        return int256(uint256(_existing(household).nonRenewable.produced));
    }

    /// @inheritdoc IUtilityBase
    function balanceOfConsumedNonRenewableEnergy(address household)
        external
        view
        returns (int256)
    {
        return int256(uint256(_existing(household).nonRenewable.consumed));
    }

    /// @dev The household's record; reverts for an address that is not a household.
    function _existing(address household) internal view returns (Household memory h) {
        h = _data[household];
        if (!h.renewable.open) revert UtilityUnknownHousehold(household);
    }

    /// @dev Checks a report (known household, caller is it or a meter, amounts >= 0) and adds it
    /// to `account` and `total`. Returns the balance change, produced - consumed (Ws).
    function _record(
        address household,
        Account storage account,
        Total storage total,
        int256 produced,
        int256 consumed
    ) private returns (int256 delta) {
        Account memory a = account;
        if (!a.open) revert UtilityUnknownHousehold(household);
        if (msg.sender != household) _checkRole(METER_ROLE);
        if (produced < 0 || consumed < 0) revert UtilityNegativeEnergy(household, produced, consumed);
        delta = produced - consumed;
        account.balance = SafeCast.toInt88(a.balance + delta);
        account.produced = SafeCast.toUint80(a.produced + uint256(produced));
        account.consumed = SafeCast.toUint80(a.consumed + uint256(consumed));
        total.balance = SafeCast.toInt128(total.balance + delta);
        total.produced += SafeCast.toUint128(uint256(produced));
        total.consumed += SafeCast.toUint128(uint256(consumed));
    }

    /// @dev Takes a removed household's `account` out of `total`.
    function _remove(Total storage total, Account memory account) private {
        total.balance -= account.balance;
        total.produced -= account.produced;
        total.consumed -= account.consumed;
    }
}
