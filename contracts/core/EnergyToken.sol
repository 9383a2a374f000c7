// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {IEnergyToken} from "../../interfaces/IEnergyToken.sol";

/// @title EnergyToken — verified energy credits, 1 base unit = 1 Wh
/// @notice ERC-20 with EIP-2612 permit and escrow locks. Locked credits stay in the holder's
/// balance but cannot be transferred or burned until an escrow (ESCROW_ROLE) unlocks them or
/// moves them with `transferLocked`. Allowances follow OpenZeppelin: `type(uint256).max` is
/// an infinite allowance and is never decreased.
/// Invariant: `_locked[a] <= balanceOf(a)` for every account `a`.
contract EnergyToken is ERC20, ERC20Permit, AccessControl, IEnergyToken {
    /// @notice May mint credits (the settlement engine, for oracle-verified production).
    bytes32 public constant MINTER_ROLE = keccak256("MINTER_ROLE");
    /// @notice May lock, unlock and move locked credits (escrow contracts).
    bytes32 public constant ESCROW_ROLE = keccak256("ESCROW_ROLE");

    mapping(address account => uint256 wh) private _locked;

    /// @param admin Receives DEFAULT_ADMIN_ROLE (handed to governance at deployment).
    constructor(address admin) ERC20("GridSet Energy Credit", "GEC") ERC20Permit("GridSet Energy Credit") {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    /// @notice 3 decimals: 1.000 token = 1 kWh, one base unit = 1 Wh.
    function decimals() public pure override returns (uint8) {
        return 3;
    }

    /// @inheritdoc IEnergyToken
    function mint(address to, uint256 amount) external onlyRole(MINTER_ROLE) {
        if (amount == 0) revert EnergyTokenZeroAmount();
        _mint(to, amount);
        emit Mint(to, amount);
    }

    /// @inheritdoc IEnergyToken
    function burn(address from, uint256 amount) external {
        if (amount == 0) revert EnergyTokenZeroAmount();
        if (from != msg.sender) _spendAllowance(from, msg.sender, amount);
        _burn(from, amount);
        emit Burn(from, amount);
    }

    /// @inheritdoc IEnergyToken
    function lock(address account, uint256 amount) external onlyRole(ESCROW_ROLE) {
        if (amount == 0) revert EnergyTokenZeroAmount();
        uint256 available = _available(account);
        if (amount > available) revert EnergyTokenInsufficientAvailable(account, available, amount);
        // Overflow not possible: locked + amount <= locked + available = balance.
        unchecked {
            _locked[account] += amount;
        }
        emit Lock(account, amount, msg.sender);
    }

    /// @inheritdoc IEnergyToken
    function unlock(address account, uint256 amount) external onlyRole(ESCROW_ROLE) {
        _reduceLock(account, amount);
    }

    /// @inheritdoc IEnergyToken
    function transferLocked(address from, address to, uint256 amount) external onlyRole(ESCROW_ROLE) {
        _reduceLock(from, amount);
        _transfer(from, to, amount);
    }

    /// @inheritdoc IEnergyToken
    function getEnergyBalance(address account) external view returns (EnergyBalance memory) {
        uint256 locked = _locked[account];
        return EnergyBalance({total: balanceOf(account), locked: locked, available: balanceOf(account) - locked});
    }

    /// @inheritdoc IEnergyToken
    function lockedBalanceOf(address account) external view returns (uint256) {
        return _locked[account];
    }

    /// @dev Transfers and burns may spend only the unlocked part of `from`'s balance.
    function _update(address from, address to, uint256 value) internal override {
        if (from != address(0) && _locked[from] != 0) {
            uint256 available = _available(from);
            if (value > available) revert EnergyTokenInsufficientAvailable(from, available, value);
        }
        super._update(from, to, value);
    }

    function _reduceLock(address account, uint256 amount) private {
        if (amount == 0) revert EnergyTokenZeroAmount();
        uint256 locked = _locked[account];
        if (amount > locked) revert EnergyTokenInsufficientLocked(account, locked, amount);
        // Overflow not possible: amount <= locked.
        unchecked {
            _locked[account] = locked - amount;
        }
        emit Unlock(account, amount, msg.sender);
    }

    function _available(address account) private view returns (uint256) {
        // Cannot underflow: locked <= balance is kept by lock() and _update().
        return balanceOf(account) - _locked[account];
    }
}
