// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IInternalBalances} from "../../interfaces/IInternalBalances.sol";

/// @title InternalBalances — the one implementation of IInternalBalances, inherited by our markets
/// @notice The inheriting contract names its payment token (`_internalBalanceToken`) and books what
/// it owes with `_credit`, spends a user's balance with `_debit`. Invariant the inheritor keeps: its
/// token balance ≥ the sum of internal balances + whatever else it holds in custody (escrow); every
/// `_credit` moves value it already holds from custody to the user, never creates it.
abstract contract InternalBalances is IInternalBalances {
    using SafeERC20 for IERC20;

    mapping(address account => uint256 amount) private _internalBalances;

    /// @inheritdoc IInternalBalances
    function withdraw(uint256 amount) external {
        if (amount == 0) revert InternalBalanceZeroWithdrawal();
        _debitBalance(msg.sender, amount);
        emit InternalBalanceWithdrawn(msg.sender, amount);
        _internalBalanceToken().safeTransfer(msg.sender, amount);
    }

    /// @inheritdoc IInternalBalances
    function internalBalanceOf(address account) external view returns (uint256) {
        return _internalBalances[account];
    }

    /// @inheritdoc IInternalBalances
    function internalBalanceToken() external view returns (address) {
        return address(_internalBalanceToken());
    }

    /// @dev The ERC-20 the balances are held in (standard, without transfer fees).
    function _internalBalanceToken() internal view virtual returns (IERC20);

    /// @dev Books `amount` base units to `account`; no-op for 0 (no event).
    function _credit(address account, uint256 amount) internal {
        if (amount == 0) return;
        _internalBalances[account] += amount;
        emit InternalBalanceCredited(account, amount);
    }

    /// @dev Spends `amount` base units of `account`'s balance; InternalBalanceInsufficient if short.
    function _debit(address account, uint256 amount) internal {
        _debitBalance(account, amount);
        emit InternalBalanceDebited(account, amount);
    }

    /// @dev Spends up to `amount` base units of `account`'s balance, as much as it holds; returns
    /// the amount spent (0 .. amount; no event for 0). For escrow funded from the balance first and
    /// by a token transfer for the rest.
    function _debitUpTo(address account, uint256 amount) internal returns (uint256 debited) {
        uint256 balance = _internalBalances[account];
        debited = amount < balance ? amount : balance;
        if (debited == 0) return 0;
        unchecked {
            // Cannot underflow: debited <= balance.
            _internalBalances[account] = balance - debited;
        }
        emit InternalBalanceDebited(account, debited);
    }

    function _debitBalance(address account, uint256 amount) private {
        uint256 balance = _internalBalances[account];
        if (amount > balance) revert InternalBalanceInsufficient(account, balance, amount);
        unchecked {
            // Cannot underflow: checked against `balance` above.
            _internalBalances[account] = balance - amount;
        }
    }
}
