// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title IGridStaking — GRID staking at a fixed, governed yield; licences and fee tiers
/// @notice Stakers deposit GRID and receive sGRID 1:1 (an ERC-4626 share that is also ERC20Votes,
/// so staked GRID keeps its voting power once delegated). Rewards are simple interest on the
/// principal held: after t seconds a position of P base units has earned P * rate * t / YEAR,
/// YEAR = 365.25 days, through one per-second accumulator (MakerDAO's Pot, linear instead of
/// compounding): index += rateBps * dt * 1e27 / (10_000 * YEAR). Rewards are paid from a funded
/// reserve (the treasury's GRID) and never promised beyond it: the index only advances for the
/// time the reserve covers at the current stake, so accrued obligations never exceed what was
/// funded. Nothing is lost while nobody stakes (the reserve is untouched). Earnings are kept with
/// 1e-27 precision and floored only when claimed: a claim loses less than 1 base unit, which stays
/// with the account for its next claim.
/// Utility: an account staking at least `licenceThreshold` holds an Application Host licence;
/// governed tiers give a discount (bps) on market fees by amount staked.
interface IGridStaking {
    /// @notice A governance argument out of range; `name` says which: "rateBps" (> MAX_RATE_BPS),
    /// "tierLengths" (thresholds and discounts differ in length), "tierCount" (> MAX_TIERS),
    /// "discountBps" (> 10_000), "tierThreshold" (not ascending), "tierDiscount" (decreasing).
    error GridStakingInvalidParameter(bytes32 name, uint256 value);
    /// @notice Only `account` itself may claim its rewards.
    error GridStakingNotAccount(address account, address caller);
    /// @notice `account` has less than one GRID base unit of rewards to claim.
    error GridStakingNothingToClaim(address account);
    /// @notice Zero amount where a positive amount is required.
    error GridStakingZeroAmount();

    /// @notice The reserve received `amount` GRID base units from `funder`.
    event RewardsFunded(address indexed funder, uint256 amount, uint256 reserve);
    /// @notice `account` was paid `amount` GRID base units of rewards, to `to`.
    event RewardsClaimed(address indexed account, address indexed to, uint256 amount);
    /// @notice New yield, bps a year.
    event RateUpdated(uint256 rateBps);
    /// @notice New Application Host licence threshold, sGRID base units.
    event LicenceThresholdUpdated(uint256 threshold);
    /// @notice New fee-discount tiers: stake thresholds (sGRID base units) and discounts (bps).
    event FeeTiersUpdated(uint256[] thresholds, uint256[] discountsBps);

    /// @notice Add `amount` GRID base units to the reward reserve (anyone; the treasury in practice).
    /// Emits RewardsFunded.
    /// @dev Reverts GridStakingZeroAmount; the token's errors if the transfer fails.
    /// @param amount GRID base units, pulled from the caller (approve first).
    function fundRewards(uint256 amount) external;

    /// @notice Pay `account`'s accrued rewards (GRID base units) to `to`; only `account` may claim.
    /// Emits RewardsClaimed.
    /// @dev Reverts GridStakingNotAccount, GridStakingNothingToClaim.
    /// @param account The staker (must be the caller).
    /// @param to Receiver of the rewards.
    /// @return amount GRID base units paid (floored; the fraction stays for the next claim).
    function claimRewards(address account, address to) external returns (uint256 amount);

    /// @notice Yield in bps a year, 0 .. MAX_RATE_BPS (DEFAULT_ADMIN_ROLE); accrues what the old
    /// rate earned first.
    /// Emits RateUpdated.
    /// @dev Reverts GridStakingInvalidParameter("rateBps").
    /// @param rateBps Yield, bps a year.
    function setRate(uint256 rateBps) external;

    /// @notice sGRID base units an Application Host must stake (DEFAULT_ADMIN_ROLE). Emits
    /// LicenceThresholdUpdated.
    /// @param threshold sGRID base units (0: every account holds a licence).
    function setLicenceThreshold(uint256 threshold) external;

    /// @notice Fee-discount tiers: ascending stake thresholds (sGRID base units) and non-decreasing
    /// discounts (bps <= 10_000), at most MAX_TIERS (DEFAULT_ADMIN_ROLE). Emits FeeTiersUpdated.
    /// @dev Reverts GridStakingInvalidParameter.
    /// @param thresholds Stake thresholds, sGRID base units, ascending.
    /// @param discountsBps Discount of each tier, bps, non-decreasing.
    function setFeeTiers(uint256[] calldata thresholds, uint256[] calldata discountsBps) external;

    /// @notice Rewards `account` could claim now, GRID base units.
    /// @param account The staker.
    function earned(address account) external view returns (uint256);

    /// @notice GRID base units funded and not yet promised to stakers.
    function rewardReserve() external view returns (uint256);

    /// @notice Unix s until which the reserve pays the current rate on the current stake
    /// (type(uint256).max while nothing is staked or the rate is 0).
    function fundedUntil() external view returns (uint256);

    /// @notice Yield, bps a year.
    function rateBps() external view returns (uint256);

    /// @notice GRID allocated to stakers and not yet claimed, base units (after the last drip).
    function allocatedRewards() external view returns (uint256);

    /// @notice Whether `account` holds an Application Host licence: its settled stake (see
    /// settledStakeOf) is at least licenceThreshold().
    /// @param account The account.
    function hasLicence(address account) external view returns (bool);

    /// @notice sGRID base units an Application Host must stake.
    function licenceThreshold() external view returns (uint256);

    /// @notice Market-fee discount of `account`'s tier by its settled stake, bps (0 below the
    /// first tier).
    /// @param account The account.
    function feeDiscountBps(address account) external view returns (uint256);

    /// @notice sGRID base units `account` has held since before the current block: its balance,
    /// or less if it rose in this block (stake added in this block counts from the next one, so a
    /// stake borrowed and returned within one transaction never buys a licence or a tier).
    /// @param account The account.
    function settledStakeOf(address account) external view returns (uint256);
}
