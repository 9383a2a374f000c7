// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title IUtilityBase — energy accounting of the households of a local energy community
/// @notice Unit: 1 = 1 Ws (1 kWh = 3,600,000 Ws). A household's balance of an energy type is
/// signed: positive = produced and unspent, negative = still required. Each update adds
/// `produced - consumed` to the balance and to the produced/consumed counters.
/// Invariant: every total equals the sum of that figure over the current households (removing a
/// household removes its figures from the totals).
/// Bounds: a household's balances are stored as int88 (|x| < 2^87 Ws, about 4.3e19 kWh) and its
/// produced/consumed counters as uint80 (< 2^80 Ws); an update that would leave that range
/// reverts with OpenZeppelin's `SafeCastOverflowedIntDowncast` / `SafeCastOverflowedUintDowncast`.
/// Roles: `DEFAULT_ADMIN_ROLE` (the owner; the governance timelock after deployment) adds and
/// removes households and may deactivate the contract; `METER_ROLE` may report for any household.
interface IUtilityBase {
    /// @notice `household` is already a household.
    error UtilityHouseholdExists(address household);
    /// @notice `household` is not a household.
    error UtilityUnknownHousehold(address household);
    /// @notice The zero address cannot be a household.
    error UtilityZeroAddress();
    /// @notice Produced and consumed energy must be >= 0 (Ws).
    error UtilityNegativeEnergy(address household, int256 produced, int256 consumed);
    /// @notice The contract was permanently deactivated; only views still work.
    error UtilityDeactivated();

    /// @notice `household` was added (it is last in settlement order).
    event NewHousehold(address indexed household);
    /// @notice `household` was removed with its figures; the others keep their order.
    event HouseholdRemoved(address indexed household);
    /// @notice The renewable balance of `household` changed by `energy` (produced - consumed, Ws)
    /// in an update; `settle()` does not emit it.
    event RenewableEnergyChanged(address indexed household, int256 energy);
    /// @notice The non-renewable balance of `household` changed by `energy` (Ws) in an update.
    event NonRenewableEnergyChanged(address indexed household, int256 energy);
    /// @notice `account` permanently deactivated the contract.
    event Deactivated(address indexed account);

    /// @notice Add `household` at the end of the settlement order (DEFAULT_ADMIN_ROLE). Errors:
    /// UtilityZeroAddress, UtilityHouseholdExists.
    /// @return success Always true (failures revert).
    /// @param household The household's account (not the zero address, not yet a household).
    function addHousehold(address household) external returns (bool success);

    /// @notice Remove `household` and its figures (DEFAULT_ADMIN_ROLE); the remaining households
    /// keep their insertion order. Error: UtilityUnknownHousehold.
    /// @return success Always true (failures revert).
    /// @param household A current household.
    function removeHousehold(address household) external returns (bool success);

    /// @notice Report renewable energy of `household` (the household itself or METER_ROLE).
    /// @param produced Renewable energy produced since the last report, Ws (>= 0).
    /// @param consumed Renewable energy consumed since the last report, Ws (>= 0).
    /// @return success Always true (failures revert).
    function updateRenewableEnergy(address household, int256 produced, int256 consumed)
        external
        returns (bool success);

    /// @notice Report non-renewable energy of `household` (the household itself or METER_ROLE).
    /// @param produced Non-renewable energy produced since the last report, Ws (>= 0).
    /// @param consumed Non-renewable energy consumed since the last report, Ws (>= 0).
    /// @return success Always true (failures revert).
    function updateNonRenewableEnergy(address household, int256 produced, int256 consumed)
        external
        returns (bool success);

    /// @notice Permanently deactivate the contract (DEFAULT_ADMIN_ROLE). Replaces the seed's
    /// `selfdestruct`: since EIP-6780 `selfdestruct` no longer deletes code or storage (except in
    /// the creating transaction), so it cannot retire a contract; an explicit, irreversible flag
    /// does, and keeps the history readable.
    function deactivate() external;

    /// @notice True once `deactivate()` was called.
    function deactivated() external view returns (bool);

    /// @notice Figures of `household`, Ws; `initialized` is false (and all figures 0) for an
    /// address that is not a household.
    /// @return initialized True for a current household.
    /// @return renewable Renewable balance (the figure `settle()` moves), Ws.
    /// @return nonRenewable Non-renewable balance, Ws.
    /// @return producedRenewable Renewable energy produced so far, Ws.
    /// @return consumedRenewable Renewable energy consumed so far, Ws.
    /// @return producedNonRenewable Non-renewable energy produced so far, Ws.
    /// @return consumedNonRenewable Non-renewable energy consumed so far, Ws.
    /// @param household Any address.
    function getHousehold(address household)
        external
        view
        returns (
            bool initialized,
            int256 renewable,
            int256 nonRenewable,
            int256 producedRenewable,
            int256 consumedRenewable,
            int256 producedNonRenewable,
            int256 consumedNonRenewable
        );

    /// @notice Number of current households.
    function householdCount() external view returns (uint256);

    /// @notice The household at `index` (0-based) of the settlement order.
    /// @param index 0 .. householdCount() - 1.
    function householdAt(uint256 index) external view returns (address);

    /// @notice Sum of all balances (renewable + non-renewable), Ws.
    function totalEnergy() external view returns (int256);
    /// @notice Energy produced, all types, Ws.
    function totalProducedEnergy() external view returns (int256);
    /// @notice Energy consumed, all types, Ws.
    function totalConsumedEnergy() external view returns (int256);
    /// @notice Sum of renewable balances, Ws.
    function totalRenewableEnergy() external view returns (int256);
    /// @notice Renewable energy produced, Ws.
    function totalProducedRenewableEnergy() external view returns (int256);
    /// @notice Renewable energy consumed, Ws.
    function totalConsumedRenewableEnergy() external view returns (int256);
    /// @notice Sum of non-renewable balances, Ws.
    function totalNonRenewableEnergy() external view returns (int256);
    /// @notice Non-renewable energy produced, Ws.
    function totalProducedNonRenewableEnergy() external view returns (int256);
    /// @notice Non-renewable energy consumed, Ws.
    function totalConsumedNonRenewableEnergy() external view returns (int256);

    /// @notice Balance (renewable + non-renewable) of `household`, Ws; reverts for a non-household.
    /// @param household A current household.
    function balanceOf(address household) external view returns (int256);
    /// @notice Energy produced by `household`, all types, Ws.
    /// @param household A current household.
    function balanceOfProducedEnergy(address household) external view returns (int256);
    /// @notice Energy consumed by `household`, all types, Ws.
    /// @param household A current household.
    function balanceOfConsumedEnergy(address household) external view returns (int256);
    /// @notice Current renewable balance of `household`, Ws (the figure `settle()` moves).
    /// @param household A current household.
    function balanceOfRenewableEnergy(address household) external view returns (int256);
    /// @notice Renewable energy produced by `household`, Ws.
    /// @param household A current household.
    function balanceOfProducedRenewableEnergy(address household) external view returns (int256);
    /// @notice Renewable energy consumed by `household`, Ws.
    /// @param household A current household.
    function balanceOfConsumedRenewableEnergy(address household) external view returns (int256);
    /// @notice Current non-renewable balance of `household`, Ws.
    /// @param household A current household.
    function balanceOfNonRenewableEnergy(address household) external view returns (int256);
    /// @notice Non-renewable energy produced by `household`, Ws.
    /// @param household A current household.
    function balanceOfProducedNonRenewableEnergy(address household) external view returns (int256);
    /// @notice Non-renewable energy consumed by `household`, Ws.
    /// @param household A current household.
    function balanceOfConsumedNonRenewableEnergy(address household) external view returns (int256);
}
