// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title IStakingVault — collateral behind sell obligations and oracle duties
/// @notice Stake is an ERC-20 (the payment token by default), in its base units.
/// A staker's bonded stake is split into free stake and encumbered stake (reserved by the market
/// against open sell obligations). Withdrawal is two-step: `requestUnbonding` moves free stake
/// into unbonding, `withdrawStake` pays it out after `unbondingDelay` seconds; unbonding stake
/// stays slashable. A penalty (settlement, for a delivery shortfall) takes encumbered stake and
/// pays it to the calling settlement contract for the injured buyers; a slash (governance, for
/// severe misbehaviour) sends stake to the treasury. Penalty and slash are distinct.
interface IStakingVault {
    /// @notice Snapshot of one staker (reference-compatible shape).
    /// @param staker The staker.
    /// @param amount Bonded stake (free + encumbered), stake-token base units; excludes unbonding.
    /// @param lockUntil Unix time (s) before which no unbonding may be requested (0 = none).
    /// @param isLocked True while `block.timestamp < lockUntil`.
    struct StakeInfo {
        address staker;
        uint256 amount;
        uint256 lockUntil;
        bool isLocked;
    }

    /// @notice Zero amount where a positive amount is required.
    error StakingVaultZeroAmount();
    /// @notice Free stake (bonded - encumbered) is below what the call needs.
    error StakingVaultInsufficientFreeStake(address staker, uint256 free, uint256 needed);
    /// @notice Release of more than is encumbered.
    error StakingVaultInsufficientEncumbered(address staker, uint256 encumbered, uint256 needed);
    /// @notice Withdrawal of more than the matured unbonding amount.
    error StakingVaultUnbondingNotMatured(address staker, uint256 matured, uint256 needed, uint256 releaseAt);
    /// @notice Unbonding requested while the stake is locked.
    error StakingVaultStakeLocked(address staker, uint256 lockUntil);
    /// @notice A slash larger than the staker's slashable stake (free + unbonding; encumbered stake
    /// backs open obligations and is never slashed).
    error StakingVaultSlashExceedsStake(address staker, uint256 stake, uint256 needed);
    /// @notice A deposit that would take the vault's total stake to 2**128 or more.
    error StakingVaultStakeCapExceeded(uint256 totalStaked, uint256 amount, uint256 cap);
    /// @notice A governed parameter outside its allowed range.
    error StakingVaultInvalidParameter(bytes32 name, uint256 value);
    /// @notice The zero address where an account is required.
    error StakingVaultZeroAddress();
    /// @notice The stake token delivered `received` base units for a deposit of `amount`
    /// (fee-on-transfer or rebasing tokens are not supported as stake).
    error StakingVaultDepositAmountMismatch(address staker, uint256 amount, uint256 received);
    /// @notice A lock longer than `maxLockDuration` seconds.
    error StakingVaultLockTooLong(address staker, uint256 lockDuration, uint256 maxLockDuration);

    /// @notice `staker` deposited `amount` stake-token base units.
    event StakeDeposited(address indexed staker, uint256 amount);
    /// @notice `staker` moved `amount` base units into unbonding (its whole pending amount is
    /// withdrawable from `releaseAt`, Unix s).
    event UnbondingRequested(address indexed staker, uint256 amount, uint256 releaseAt);
    /// @notice `staker` withdrew `amount` base units of matured unbonding stake.
    event StakeWithdrawn(address indexed staker, uint256 amount);
    /// @notice `amount` of free stake reserved for `obligation` (the market: the slot id of an ask).
    /// `obligation` is data, not a topic: it keeps the market's hot path under 10,000 gas.
    event StakeEncumbered(address indexed staker, uint256 obligation, uint256 amount);
    /// @notice `amount` of the stake reserved for `obligation` returned to free stake.
    event StakeReleased(address indexed staker, uint256 obligation, uint256 amount);
    /// @notice `staker`'s stake cannot start unbonding before `lockUntil` (Unix s).
    event StakeLocked(address indexed staker, uint256 lockUntil);
    /// @notice Encumbered stake taken for a delivery shortfall and paid to `recipient` (settlement).
    event PenaltyApplied(address indexed staker, uint256 amount, string reason, address recipient);
    /// @notice Stake confiscated by governance and sent to the treasury.
    event SlashExecuted(address indexed staker, uint256 amount, string reason, address treasury);
    /// @notice New unbonding delay, seconds.
    event UnbondingDelayUpdated(uint256 delay);
    /// @notice New receiver of slashed stake.
    event TreasuryUpdated(address treasury);

    /// @notice Deposit `amount` stake-token base units as bonded stake (needs ERC-20 approval).
    /// Errors: StakingVaultZeroAmount, StakingVaultStakeCapExceeded (vault total would reach 2**128),
    /// StakingVaultDepositAmountMismatch. Emits StakeDeposited.
    /// @param amount Stake-token base units.
    function depositStake(uint256 amount) external;

    /// @notice Move `amount` of free stake into unbonding; it can be withdrawn after
    /// `unbondingDelay` seconds. A second request adds to the pending amount and restarts the timer.
    /// Emits UnbondingRequested. Errors: StakingVaultZeroAmount, StakingVaultStakeLocked,
    /// StakingVaultInsufficientFreeStake.
    /// @param amount Stake-token base units.
    function requestUnbonding(uint256 amount) external;

    /// @notice Withdraw `amount` of matured unbonding stake to the caller. Emits StakeWithdrawn.
    /// Errors: StakingVaultZeroAmount, StakingVaultUnbondingNotMatured.
    /// @param amount Stake-token base units.
    function withdrawStake(uint256 amount) external;

    /// @notice Reserve `amount` (stake-token base units) of `staker`'s free stake against
    /// `obligation` (ENCUMBRANCER_ROLE; the market uses the slot id). Errors: StakingVaultZeroAmount,
    /// StakingVaultInsufficientFreeStake. Emits StakeEncumbered.
    /// @param staker The staker.
    /// @param amount Stake-token base units.
    /// @param obligation Caller-defined id (the market: the slot id).
    function encumber(address staker, uint256 amount, uint256 obligation) external;

    /// @notice Release `amount` (base units) of the stake reserved for `obligation` back to free
    /// (ENCUMBRANCER_ROLE). Errors: StakingVaultZeroAmount, StakingVaultInsufficientEncumbered.
    /// Emits StakeReleased.
    /// @param staker The staker.
    /// @param amount Stake-token base units.
    /// @param obligation The id it was encumbered for.
    function release(address staker, uint256 amount, uint256 obligation) external;

    /// @notice Take up to `amount` of `staker`'s encumbered stake for a shortfall and transfer it
    /// to the caller (PENALIZER_ROLE: the settlement engine), which pays the injured buyers. Emits
    /// PenaltyApplied.
    /// @param staker The penalised staker.
    /// @param amount Stake-token base units wanted.
    /// @param reason Caller-defined text (e.g. "shortfall"), logged in `PenaltyApplied`.
    /// @return taken min(amount, encumbered), base units (slashes never reduce encumbered stake, so a
    /// caller penalising at most what it encumbered always gets `amount`).
    function applyPenalty(address staker, uint256 amount, string calldata reason) external returns (uint256 taken);

    /// @notice Confiscate `amount` of `staker`'s stake to the treasury (SLASHER_ROLE: governance).
    /// Takes free stake first, then unbonding stake; never encumbered stake (it backs open sales).
    /// Errors: StakingVaultZeroAmount, StakingVaultSlashExceedsStake (above free + unbonding).
    /// Emits SlashExecuted.
    /// @param staker The slashed staker.
    /// @param amount Stake-token base units.
    /// @param reason Governance-defined text (e.g. a proposal reference), logged in `SlashExecuted`.
    function slash(address staker, uint256 amount, string calldata reason) external;

    /// @notice Lock `staker`'s stake against unbonding until `block.timestamp + lockDuration` (s);
    /// callable by the staker itself or LOCKER_ROLE. Never shortens an existing lock. Emits
    /// StakeLocked. Errors: StakingVaultZeroAddress, StakingVaultZeroAmount,
    /// StakingVaultLockTooLong, AccessControlUnauthorizedAccount.
    /// @param staker The staker.
    /// @param lockDuration Seconds from now, 1 .. MAX_LOCK_DURATION.
    function lockStake(address staker, uint256 lockDuration) external;

    /// @notice Set the delay (s) between `requestUnbonding` and `withdrawStake` (DEFAULT_ADMIN_ROLE).
    /// Applies to later requests; a pending unbonding keeps its `releaseAt`.
    /// Emits UnbondingDelayUpdated. Error: StakingVaultInvalidParameter.
    /// @param delay Seconds, MIN_UNBONDING_DELAY .. MAX_UNBONDING_DELAY.
    function setUnbondingDelay(uint256 delay) external;

    /// @notice Set the account that receives slashed stake (DEFAULT_ADMIN_ROLE); not the zero address.
    /// Emits TreasuryUpdated. Error: StakingVaultZeroAddress.
    /// @param newTreasury The new receiver.
    function setTreasury(address newTreasury) external;

    /// @notice Bonded stake (free + encumbered) of `staker`, stake-token base units.
    /// @param staker The staker.
    function getStake(address staker) external view returns (uint256);

    /// @notice `staker`'s bonded stake and lock as one record (see `StakeInfo`).
    /// @param staker The staker.
    function getStakeInfo(address staker) external view returns (StakeInfo memory);

    /// @notice Sum of all bonded and unbonding stake held by the vault.
    function getTotalStaked() external view returns (uint256);

    /// @notice True if `staker`'s free stake is at least `required`.
    /// @param staker The staker.
    /// @param required Stake-token base units.
    function isStakeSufficient(address staker, uint256 required) external view returns (bool);

    /// @notice Free stake (bonded - encumbered) of `staker`: what can be encumbered or unbonded.
    /// @param staker The staker.
    function freeStake(address staker) external view returns (uint256);

    /// @notice Stake of `staker` reserved against open obligations, stake-token base units.
    /// @param staker The staker.
    function encumberedStake(address staker) external view returns (uint256);

    /// @return amount Pending unbonding stake, stake-token base units.
    /// @return releaseAt Unix time (s) from which it can be withdrawn.
    /// @param staker The staker.
    function unbondingOf(address staker) external view returns (uint256 amount, uint256 releaseAt);

    /// @notice The ERC-20 held as stake.
    function stakeToken() external view returns (address);

    /// @notice The account that receives slashed stake.
    function treasury() external view returns (address);

    /// @notice Seconds between `requestUnbonding` and `withdrawStake`.
    function unbondingDelay() external view returns (uint256);
}
