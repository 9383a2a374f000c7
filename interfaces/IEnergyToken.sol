// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title IEnergyToken — fungible energy credits
/// @notice One base unit is one watt-hour (Wh) of verified energy; `decimals() == 3`, so 1.000
/// token = 1 kWh. Part of an account's balance can be locked by escrow contracts (ESCROW_ROLE);
/// transfers and burns only spend the available part (`balance - locked`). Credits are minted by
/// MINTER_ROLE (the settlement engine, for oracle-verified production).
/// Invariant: for every account, locked <= balance.
interface IEnergyToken is IERC20 {
    /// @notice An account's credits split into locked and available parts, all in Wh.
    struct EnergyBalance {
        uint256 total;
        uint256 locked;
        uint256 available;
    }

    /// @notice Zero amount where a positive amount is required.
    error EnergyTokenZeroAmount();
    /// @notice A transfer, burn or lock needs more than the account's available (unlocked) Wh.
    error EnergyTokenInsufficientAvailable(address account, uint256 available, uint256 needed);
    /// @notice An unlock or locked transfer needs more than the account's locked Wh.
    error EnergyTokenInsufficientLocked(address account, uint256 locked, uint256 needed);

    /// @notice `amount` Wh of credits issued to `to` (also emitted: ERC-20 Transfer from 0).
    event Mint(address indexed to, uint256 amount);
    /// @notice `amount` Wh of credits destroyed from `from` (also emitted: ERC-20 Transfer to 0).
    event Burn(address indexed from, uint256 amount);
    /// @notice `amount` Wh of `account`'s balance locked by escrow `by`.
    event Lock(address indexed account, uint256 amount, address indexed by);
    /// @notice `amount` Wh of `account`'s locked balance released (or moved by `transferLocked`).
    event Unlock(address indexed account, uint256 amount, address indexed by);

    /// @notice Issue `amount` Wh of credits to `to` (MINTER_ROLE).
    /// @dev Reverts EnergyTokenZeroAmount for 0, ERC20InvalidReceiver for the zero address.
    /// @param to Receiver of the credits.
    /// @param amount Wh.
    function mint(address to, uint256 amount) external;

    /// @notice Destroy `amount` Wh of `from`'s available credits, e.g. to retire certificates.
    /// The caller is `from` itself or a spender with allowance (consumed as by `transferFrom`).
    /// @dev Reverts EnergyTokenZeroAmount, EnergyTokenInsufficientAvailable,
    /// ERC20InsufficientAllowance.
    /// @param from Owner of the credits.
    /// @param amount Wh.
    function burn(address from, uint256 amount) external;

    /// @notice Lock `amount` Wh of `account`'s available credits (ESCROW_ROLE).
    /// @dev Reverts EnergyTokenZeroAmount, EnergyTokenInsufficientAvailable.
    /// @param account Owner of the credits.
    /// @param amount Wh.
    function lock(address account, uint256 amount) external;

    /// @notice Release `amount` Wh of `account`'s locked credits (ESCROW_ROLE).
    /// @dev Reverts EnergyTokenZeroAmount, EnergyTokenInsufficientLocked.
    /// @param account Owner of the credits.
    /// @param amount Wh.
    function unlock(address account, uint256 amount) external;

    /// @notice Move `amount` Wh of `from`'s locked credits to `to` (arriving unlocked) (ESCROW_ROLE).
    /// @dev Reverts EnergyTokenZeroAmount, EnergyTokenInsufficientLocked, ERC20InvalidReceiver.
    /// @param from Owner of the locked credits.
    /// @param to Receiver (its credits arrive available).
    /// @param amount Wh.
    function transferLocked(address from, address to, uint256 amount) external;

    /// @notice `account`'s total, locked and available credits in Wh.
    /// @param account The holder.
    function getEnergyBalance(address account) external view returns (EnergyBalance memory);

    /// @notice `account`'s locked credits in Wh.
    /// @param account The holder.
    function lockedBalanceOf(address account) external view returns (uint256);
}
