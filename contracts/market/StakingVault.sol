// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IStakingVault} from "../../interfaces/IStakingVault.sol";

/// @title StakingVault — collateral behind sell obligations and oracle duties
/// @notice Holds one ERC-20 stake token (the payment token by default) in its base units.
/// Per staker: bonded stake = free + encumbered, plus one unbonding bucket (amount, releaseAt).
/// The market encumbers free stake against open asks (obligation = the slot) and releases it when
/// they settle; settlement takes penalties out of encumbered stake and pays them to the injured
/// buyers; governance slashes free and unbonding stake to the treasury, never encumbered stake, so
/// the encumbered stake always equals the sum of the open obligations' collateral (events carry
/// the obligation). Withdrawal is two-step (request, then withdraw after
/// the unbonding delay), and unbonding stake stays slashable.
/// Invariants (tests check them): `stakeToken.balanceOf(vault) == getTotalStaked()` (barring
/// tokens sent to the vault outside `depositStake`); `getTotalStaked()` equals the sum over
/// stakers of free + encumbered + unbonding; `getTotalStaked() < 2**128` (enforced on deposit),
/// so any sum of one staker's buckets fits in uint128.
contract StakingVault is AccessControl, ReentrancyGuardTransient, IStakingVault {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;

    /// @notice May encumber and release stake (the market and the settlement engine).
    bytes32 public constant ENCUMBRANCER_ROLE = keccak256("ENCUMBRANCER_ROLE");
    /// @notice May take encumbered stake as a delivery-shortfall penalty (the settlement engine).
    bytes32 public constant PENALIZER_ROLE = keccak256("PENALIZER_ROLE");
    /// @notice May slash stake to the treasury (governance).
    bytes32 public constant SLASHER_ROLE = keccak256("SLASHER_ROLE");
    /// @notice May lock any staker's stake against unbonding (stakers may always lock their own).
    bytes32 public constant LOCKER_ROLE = keccak256("LOCKER_ROLE");

    /// @notice Shortest allowed unbonding delay (s); longer than any dispute window is the aim.
    uint256 public constant MIN_UNBONDING_DELAY = 1 hours;
    /// @notice Longest allowed unbonding delay (s).
    uint256 public constant MAX_UNBONDING_DELAY = 90 days;
    /// @notice Longest lock one `lockStake` call may set (s from now).
    uint256 public constant MAX_LOCK_DURATION = 365 days;

    /// @dev Two storage slots per staker. Slot 0 (`free`, `encumbered`) is the only one that
    /// `encumber` and `release` touch (the market's hot path); slot 1 holds the unbonding bucket
    /// and the lock, which only unbonding, withdrawal, locking and slashing read. Every `uint128(x)`
    /// cast in this contract narrows a value bounded by a bucket or by `_totalStaked < 2**128`.
    struct StakeAccount {
        uint128 free;
        uint128 encumbered;
        uint128 unbonding;
        uint64 releaseAt;
        uint64 lockUntil;
    }

    IERC20 private immutable _stakeToken;

    mapping(address staker => StakeAccount) private _accounts;
    /// @dev uint128 caps the whole vault, hence every staker's buckets and their sums.
    uint128 private _totalStaked;
    address private _treasury;
    uint64 private _unbondingDelay;

    /// @param stakeToken_ ERC-20 held as stake (must transfer exact amounts: no fee-on-transfer).
    /// @param admin Receives DEFAULT_ADMIN_ROLE (handed to the governance timelock at deployment).
    /// @param treasury_ Receives slashed stake.
    /// @param unbondingDelay_ Seconds between `requestUnbonding` and `withdrawStake`.
    constructor(address stakeToken_, address admin, address treasury_, uint256 unbondingDelay_) {
        if (stakeToken_ == address(0) || admin == address(0)) revert StakingVaultZeroAddress();
        _stakeToken = IERC20(stakeToken_);
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _setTreasury(treasury_);
        _setUnbondingDelay(unbondingDelay_);
    }

    // ---------------------------------------------------------------- stakers

    /// @inheritdoc IStakingVault
    function depositStake(uint256 amount) external nonReentrant {
        if (amount == 0) revert StakingVaultZeroAmount();
        // The vault never holds 2**128 or more: keeps every bucket sum within uint128.
        uint256 total = _totalStaked;
        if (amount > type(uint128).max - total) {
            revert StakingVaultStakeCapExceeded(total, amount, type(uint128).max);
        }
        _totalStaked = uint128(total + amount); // Fits: checked just above.
        // Overflow not possible: free + amount <= totalStaked < 2**128 (just checked).
        unchecked {
            _accounts[msg.sender].free += uint128(amount);
        }
        emit StakeDeposited(msg.sender, amount);

        uint256 balanceBefore = _stakeToken.balanceOf(address(this));
        _stakeToken.safeTransferFrom(msg.sender, address(this), amount);
        // Stake accounting must match tokens held: reject tokens that deliver a different amount.
        uint256 received = _stakeToken.balanceOf(address(this)) - balanceBefore;
        if (received != amount) revert StakingVaultDepositAmountMismatch(msg.sender, amount, received);
    }

    /// @inheritdoc IStakingVault
    function requestUnbonding(uint256 amount) external {
        if (amount == 0) revert StakingVaultZeroAmount();
        StakeAccount storage account = _accounts[msg.sender];
        uint256 lockUntil = account.lockUntil;
        if (block.timestamp < lockUntil) revert StakingVaultStakeLocked(msg.sender, lockUntil);
        uint256 free = account.free;
        if (amount > free) revert StakingVaultInsufficientFreeStake(msg.sender, free, amount);

        uint256 releaseAt = block.timestamp + _unbondingDelay;
        // Overflow not possible: amount <= free, and free + unbonding <= totalStaked < 2**128.
        unchecked {
            account.free = uint128(free - amount);
            account.unbonding += uint128(amount);
        }
        account.releaseAt = releaseAt.toUint64();
        emit UnbondingRequested(msg.sender, amount, releaseAt);
    }

    /// @inheritdoc IStakingVault
    function withdrawStake(uint256 amount) external nonReentrant {
        if (amount == 0) revert StakingVaultZeroAmount();
        StakeAccount storage account = _accounts[msg.sender];
        uint256 unbonding = account.unbonding;
        uint256 releaseAt = account.releaseAt;
        uint256 matured = block.timestamp >= releaseAt ? unbonding : 0;
        if (amount > matured) revert StakingVaultUnbondingNotMatured(msg.sender, matured, amount, releaseAt);

        // Overflow not possible: amount <= unbonding <= totalStaked.
        unchecked {
            account.unbonding = uint128(unbonding - amount);
            _totalStaked -= uint128(amount);
        }
        // An emptied bucket reports no release time.
        if (amount == unbonding) account.releaseAt = 0;
        emit StakeWithdrawn(msg.sender, amount);

        _stakeToken.safeTransfer(msg.sender, amount);
    }

    /// @inheritdoc IStakingVault
    function lockStake(address staker, uint256 lockDuration) external {
        if (msg.sender != staker) _checkRole(LOCKER_ROLE);
        if (staker == address(0)) revert StakingVaultZeroAddress();
        if (lockDuration == 0) revert StakingVaultZeroAmount();
        if (lockDuration > MAX_LOCK_DURATION) {
            revert StakingVaultLockTooLong(staker, lockDuration, MAX_LOCK_DURATION);
        }

        StakeAccount storage account = _accounts[staker];
        uint256 lockUntil = block.timestamp + lockDuration;
        // A lock never shortens: a call that would end earlier leaves state (and the log) as is.
        if (lockUntil <= account.lockUntil) return;
        account.lockUntil = lockUntil.toUint64();
        emit StakeLocked(staker, lockUntil);
    }

    // ---------------------------------------------------------------- market and settlement

    /// @inheritdoc IStakingVault
    function encumber(address staker, uint256 amount, uint256 obligation) external onlyRole(ENCUMBRANCER_ROLE) {
        if (amount == 0) revert StakingVaultZeroAmount();
        StakeAccount storage account = _accounts[staker];
        uint256 free = account.free;
        if (amount > free) revert StakingVaultInsufficientFreeStake(staker, free, amount);
        // Overflow not possible: amount <= free, and free + encumbered <= totalStaked < 2**128.
        unchecked {
            account.free = uint128(free - amount);
            account.encumbered += uint128(amount);
        }
        emit StakeEncumbered(staker, obligation, amount);
    }

    /// @inheritdoc IStakingVault
    function release(address staker, uint256 amount, uint256 obligation) external onlyRole(ENCUMBRANCER_ROLE) {
        if (amount == 0) revert StakingVaultZeroAmount();
        StakeAccount storage account = _accounts[staker];
        uint256 encumbered = account.encumbered;
        if (amount > encumbered) revert StakingVaultInsufficientEncumbered(staker, encumbered, amount);
        // Overflow not possible: amount <= encumbered, and free + encumbered <= totalStaked < 2**128.
        unchecked {
            account.encumbered = uint128(encumbered - amount);
            account.free += uint128(amount);
        }
        emit StakeReleased(staker, obligation, amount);
    }

    /// @inheritdoc IStakingVault
    /// @dev Takes nothing, emits nothing and transfers nothing when nothing is encumbered.
    function applyPenalty(address staker, uint256 amount, string calldata reason)
        external
        onlyRole(PENALIZER_ROLE)
        nonReentrant
        returns (uint256 taken)
    {
        if (amount == 0) revert StakingVaultZeroAmount();
        StakeAccount storage account = _accounts[staker];
        uint256 encumbered = account.encumbered;
        taken = amount < encumbered ? amount : encumbered;
        if (taken == 0) return 0;

        // Overflow not possible: taken <= encumbered <= totalStaked.
        unchecked {
            account.encumbered = uint128(encumbered - taken);
            _totalStaked -= uint128(taken);
        }
        emit PenaltyApplied(staker, taken, reason, msg.sender);

        _stakeToken.safeTransfer(msg.sender, taken);
    }

    // ---------------------------------------------------------------- governance

    /// @inheritdoc IStakingVault
    /// @dev Never touches encumbered stake: every encumbrance backs one open obligation, and the
    /// market and the settlement engine release or penalise exactly what they encumbered for it.
    function slash(address staker, uint256 amount, string calldata reason) external onlyRole(SLASHER_ROLE) nonReentrant {
        if (amount == 0) revert StakingVaultZeroAmount();
        StakeAccount storage account = _accounts[staker];
        uint256 free = account.free;
        uint256 unbonding = account.unbonding;
        uint256 slashable = free + unbonding;
        if (amount > slashable) revert StakingVaultSlashExceedsStake(staker, slashable, amount);

        // Overflow not possible: each subtraction takes at most what is left in its bucket, and
        // the two buckets together cover `amount` (checked above).
        unchecked {
            uint256 fromFree = amount < free ? amount : free;
            uint256 fromUnbonding = amount - fromFree;
            account.free = uint128(free - fromFree);
            if (fromUnbonding != 0) {
                account.unbonding = uint128(unbonding - fromUnbonding);
                if (fromUnbonding == unbonding) account.releaseAt = 0;
            }
            _totalStaked -= uint128(amount);
        }
        address treasury_ = _treasury;
        emit SlashExecuted(staker, amount, reason, treasury_);

        _stakeToken.safeTransfer(treasury_, amount);
    }

    /// @inheritdoc IStakingVault
    function setUnbondingDelay(uint256 delay) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setUnbondingDelay(delay);
    }

    /// @inheritdoc IStakingVault
    function setTreasury(address newTreasury) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setTreasury(newTreasury);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IStakingVault
    function getStake(address staker) external view returns (uint256) {
        StakeAccount storage account = _accounts[staker];
        return uint256(account.free) + account.encumbered;
    }

    /// @inheritdoc IStakingVault
    function getStakeInfo(address staker) external view returns (StakeInfo memory) {
        StakeAccount storage account = _accounts[staker];
        uint256 lockUntil = account.lockUntil;
        return StakeInfo({
            staker: staker,
            amount: uint256(account.free) + account.encumbered,
            lockUntil: lockUntil,
            isLocked: block.timestamp < lockUntil
        });
    }

    /// @inheritdoc IStakingVault
    function getTotalStaked() external view returns (uint256) {
        return _totalStaked;
    }

    /// @inheritdoc IStakingVault
    function isStakeSufficient(address staker, uint256 required) external view returns (bool) {
        return _accounts[staker].free >= required;
    }

    /// @inheritdoc IStakingVault
    function freeStake(address staker) external view returns (uint256) {
        return _accounts[staker].free;
    }

    /// @inheritdoc IStakingVault
    function encumberedStake(address staker) external view returns (uint256) {
        return _accounts[staker].encumbered;
    }

    /// @inheritdoc IStakingVault
    function unbondingOf(address staker) external view returns (uint256 amount, uint256 releaseAt) {
        StakeAccount storage account = _accounts[staker];
        return (account.unbonding, account.releaseAt);
    }

    /// @inheritdoc IStakingVault
    function stakeToken() external view returns (address) {
        return address(_stakeToken);
    }

    /// @inheritdoc IStakingVault
    function treasury() external view returns (address) {
        return _treasury;
    }

    /// @inheritdoc IStakingVault
    function unbondingDelay() external view returns (uint256) {
        return _unbondingDelay;
    }

    // ---------------------------------------------------------------- internal

    function _setUnbondingDelay(uint256 delay) private {
        if (delay < MIN_UNBONDING_DELAY || delay > MAX_UNBONDING_DELAY) {
            revert StakingVaultInvalidParameter("unbondingDelay", delay);
        }
        // Cast is lossless: delay <= MAX_UNBONDING_DELAY.
        _unbondingDelay = uint64(delay);
        emit UnbondingDelayUpdated(delay);
    }

    function _setTreasury(address newTreasury) private {
        if (newTreasury == address(0)) revert StakingVaultZeroAddress();
        _treasury = newTreasury;
        emit TreasuryUpdated(newTreasury);
    }
}
