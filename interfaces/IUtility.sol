// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IUtilityBase} from "./IUtilityBase.sol";

/// @title IUtility — on-chain netting of households' renewable balances (milestone one)
/// @notice `settle()` runs the seed's algorithm exactly (the Python reference is
/// `gridset.netting.reference.settle`): households in insertion order; producers and consumers
/// meet in proportion to their truncated integer percentage of their group's total; every
/// transfer is recorded as a deed of the block, oriented producer -> consumer with a positive
/// amount (Ws). Settlement moves renewable balances only, never produced/consumed counters or
/// totals. `OPERATOR_ROLE` settles; the reference let anyone call `settle()`.
interface IUtility is IUtilityBase {
    /// @notice One transfer recorded by `settle()`, Ws (> 0 for the settled energy type, 0 for
    /// the other; settlement moves renewable energy only).
    struct Deed {
        address producer;
        address consumer;
        int256 renewableEnergyTransferred;
        int256 nonRenewableEnergyTransferred;
    }

    /// @notice No deed `index` in block `blockNumber`, which has `length` deeds.
    error UtilityDeedOutOfRange(uint256 blockNumber, uint256 index, uint256 length);

    /// @notice After a settlement of a community total <= 0, `household` still needs `energy` Ws
    /// (its |renewable balance|) from non-renewable sources.
    event RequestNonRenewableEnergy(address indexed household, int256 energy);
    /// @notice `energy` Ws were offset between the two balances of `household`: its negative
    /// renewable balance was covered by non-renewable energy (`isRenewable` true) or its negative
    /// non-renewable balance by renewable energy (`isRenewable` false).
    event EnergyCompensated(address household, int256 energy, bool isRenewable);
    /// @notice A settlement in `blockNumber` recorded `deeds` deeds (appended to the block's list).
    event Settled(uint256 indexed blockNumber, uint256 deeds);

    /// @notice Net the renewable balances of all households (OPERATOR_ROLE). Emits Settled, and
    /// RequestNonRenewableEnergy per household left short when the community total is <= 0. Errors:
    /// UtilityDeactivated, AccessControlUnauthorizedAccount.
    /// @return success Always true (failures revert).
    function settle() external returns (bool success);

    /// @notice Offset min(|nonRenewable|, |renewable|) Ws between the two balances of `household`
    /// when they have opposite signs (the household itself or OPERATOR_ROLE). Emits EnergyCompensated.
    /// Errors: UtilityUnknownHousehold, UtilityDeactivated, AccessControlUnauthorizedAccount.
    /// @param household The household whose balances are offset.
    /// @return compensated False when the balances did not have opposite signs.
    function compensateEnergy(address household) external returns (bool compensated);

    /// @notice Number of deeds recorded in block `blockNumber`.
    /// @param blockNumber The block of the settlements.
    function deedsLength(uint256 blockNumber) external view returns (uint256);

    /// @notice Deed `index` (0-based, in recording order) of block `blockNumber`. Error:
    /// UtilityDeedOutOfRange.
    /// @param blockNumber The block of the settlements.
    /// @param index 0 .. deedsLength(blockNumber) - 1.
    function getDeed(uint256 blockNumber, uint256 index) external view returns (Deed memory);
}
