// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title IInternalBalances — payment-token balances a contract owes its users, withdrawn on demand
/// @notice Refunds, proceeds and payouts are booked to the user's internal balance instead of being
/// transferred one by one (Balancer V2's internal balances are the model): one storage write per
/// credit, one token transfer per withdrawal however many fills it gathers. A contract may also let
/// an internal balance fund new escrow without any token transfer. Balances are in base units of the
/// contract's payment token (`internalBalanceToken`). Withdrawals are never paused: what a user is
/// owed can always leave. A withdrawal pays the account itself, so a token's blacklist (WATT's)
/// applies to it as to any transfer.
interface IInternalBalances {
    /// @notice `amount` base units booked to `account`'s internal balance.
    event InternalBalanceCredited(address indexed account, uint256 amount);
    /// @notice `amount` base units of `account`'s internal balance used (e.g. as new escrow).
    event InternalBalanceDebited(address indexed account, uint256 amount);
    /// @notice `amount` base units of `account`'s internal balance transferred to it.
    event InternalBalanceWithdrawn(address indexed account, uint256 amount);

    /// @notice `account` holds `balance` base units internally, less than the `needed` amount.
    error InternalBalanceInsufficient(address account, uint256 balance, uint256 needed);
    /// @notice A withdrawal of zero base units.
    error InternalBalanceZeroWithdrawal();

    /// @notice Transfers `amount` base units of the caller's internal balance to the caller.
    /// Errors: InternalBalanceZeroWithdrawal (amount 0), InternalBalanceInsufficient (amount above
    /// the balance); the token's own errors (e.g. a blacklisted caller).
    /// @param amount Payment-token base units, 1 ≤ amount ≤ `internalBalanceOf(msg.sender)`.
    function withdraw(uint256 amount) external;

    /// @notice `account`'s internal balance, payment-token base units.
    function internalBalanceOf(address account) external view returns (uint256);

    /// @notice The ERC-20 in which internal balances are held and withdrawn.
    function internalBalanceToken() external view returns (address);
}
