// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC4626} from "@openzeppelin/contracts/token/ERC20/extensions/ERC4626.sol";
import {IERC20Permit, ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {Votes} from "@openzeppelin/contracts/governance/utils/Votes.sol";
import {IERC6372} from "@openzeppelin/contracts/interfaces/IERC6372.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";
import {IGridStaking} from "../../interfaces/IGridStaking.sol";

/// @title GridStaking — sGRID: GRID staked 1:1 at a fixed yield, with votes, licences and tiers
/// @notice See IGridStaking. Invariants (tests check them): GRID held >= totalSupply (principal)
/// + rewardReserve + rewards allocated and not yet claimed; the sum of every account's earnings
/// never exceeds the rewards allocated (each drip allocates the stake's earnings rounded up, each
/// account accrues its share rounded down).
contract GridStaking is ERC4626, ERC20Permit, ERC20Votes, AccessControl, IGridStaking {
    using SafeERC20 for IERC20;

    uint256 public constant YEAR = 31_557_600; // 365.25 days, s
    uint256 public constant MAX_RATE_BPS = 2000;
    uint256 public constant DEFAULT_RATE_BPS = 800;
    uint256 public constant MAX_TIERS = 8;
    uint256 private constant _RAY = 1e27;
    uint256 private constant _BPS = 10_000;
    uint256 private constant _BALANCE_MASK = (1 << 192) - 1;

    struct Account {
        uint256 index; // accumulator at the last accrual, 1e-27
        uint256 earnedRay; // earnings not yet claimed, GRID base units * 1e27
    }

    uint256 private _index; // sum of rateBps * dt * 1e27 / (10_000 * YEAR) over funded time
    uint64 private _lastDrip; // Unix s
    uint16 private _rateBps;
    uint256 private _reserve; // GRID base units funded, not yet allocated
    uint256 private _allocated; // GRID base units allocated to stakers, not yet claimed
    uint256 private _licenceThreshold;
    uint256[] private _tierThresholds;
    uint256[] private _tierDiscounts;
    mapping(address account => Account) private _accounts;
    // Block number << 192 | balance before the account's first increase in that block.
    mapping(address account => uint256 record) private _blockStarts;

    /// @param grid The GRID token (fixed supply).
    /// @param admin Receives DEFAULT_ADMIN_ROLE (governance).
    /// @param licenceThreshold_ sGRID base units an Application Host must stake.
    constructor(IERC20 grid, address admin, uint256 licenceThreshold_)
        ERC20("Staked GRID", "sGRID")
        ERC20Permit("Staked GRID")
        ERC4626(grid)
    {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _lastDrip = uint64(block.timestamp);
        _setRate(DEFAULT_RATE_BPS);
        _licenceThreshold = licenceThreshold_;
        emit LicenceThresholdUpdated(licenceThreshold_);
    }

    // ---------------------------------------------------------------- rewards

    /// @inheritdoc IGridStaking
    function fundRewards(uint256 amount) external {
        if (amount == 0) revert GridStakingZeroAmount();
        _drip();
        _reserve += amount;
        emit RewardsFunded(msg.sender, amount, _reserve);
        IERC20(asset()).safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @inheritdoc IGridStaking
    function claimRewards(address account, address to) external returns (uint256 amount) {
        if (account != msg.sender) revert GridStakingNotAccount(account, msg.sender);
        _drip();
        _accrue(account);
        Account storage position = _accounts[account];
        amount = position.earnedRay / _RAY;
        if (amount == 0) revert GridStakingNothingToClaim(account);
        // The fraction below one base unit stays with the account.
        position.earnedRay -= amount * _RAY;
        _allocated -= amount; // Cannot underflow: earnings never exceed the allocation.
        emit RewardsClaimed(account, to, amount);
        IERC20(asset()).safeTransfer(to, amount);
    }

    // ---------------------------------------------------------------- governance

    /// @inheritdoc IGridStaking
    function setRate(uint256 rateBps_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _drip();
        _setRate(rateBps_);
    }

    /// @inheritdoc IGridStaking
    function setLicenceThreshold(uint256 threshold) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _licenceThreshold = threshold;
        emit LicenceThresholdUpdated(threshold);
    }

    /// @inheritdoc IGridStaking
    function setFeeTiers(uint256[] calldata thresholds, uint256[] calldata discountsBps)
        external
        onlyRole(DEFAULT_ADMIN_ROLE)
    {
        uint256 n = thresholds.length;
        if (n != discountsBps.length) revert GridStakingInvalidParameter("tierLengths", discountsBps.length);
        if (n > MAX_TIERS) revert GridStakingInvalidParameter("tierCount", n);
        for (uint256 i; i < n; ++i) {
            if (discountsBps[i] > _BPS) revert GridStakingInvalidParameter("discountBps", discountsBps[i]);
            if (i != 0 && thresholds[i] <= thresholds[i - 1]) {
                revert GridStakingInvalidParameter("tierThreshold", thresholds[i]);
            }
            if (i != 0 && discountsBps[i] < discountsBps[i - 1]) {
                revert GridStakingInvalidParameter("tierDiscount", discountsBps[i]);
            }
        }
        _tierThresholds = thresholds;
        _tierDiscounts = discountsBps;
        emit FeeTiersUpdated(thresholds, discountsBps);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IGridStaking
    function earned(address account) external view returns (uint256) {
        (uint256 index,,) = _pendingDrip();
        Account memory position = _accounts[account];
        return (position.earnedRay + balanceOf(account) * (index - position.index)) / _RAY;
    }

    /// @inheritdoc IGridStaking
    function rewardReserve() external view returns (uint256 reserve) {
        (, reserve,) = _pendingDrip();
    }

    /// @inheritdoc IGridStaking
    function fundedUntil() external view returns (uint256) {
        uint256 staked = totalSupply();
        uint256 rate = _rateBps;
        if (staked == 0 || rate == 0) return type(uint256).max;
        // Stake and rate are unchanged since the last drip: the stored reserve lasts from then.
        return _lastDrip + Math.mulDiv(_reserve, _BPS * YEAR, staked * rate);
    }

    /// @inheritdoc IGridStaking
    function rateBps() external view returns (uint256) {
        return _rateBps;
    }

    /// @inheritdoc IGridStaking
    function hasLicence(address account) external view returns (bool) {
        return settledStakeOf(account) >= _licenceThreshold;
    }

    /// @inheritdoc IGridStaking
    function licenceThreshold() external view returns (uint256) {
        return _licenceThreshold;
    }

    /// @inheritdoc IGridStaking
    function feeDiscountBps(address account) external view returns (uint256 discount) {
        uint256 stake = settledStakeOf(account);
        uint256 n = _tierThresholds.length;
        for (uint256 i; i < n && stake >= _tierThresholds[i]; ++i) {
            discount = _tierDiscounts[i];
        }
    }

    /// @inheritdoc IGridStaking
    function settledStakeOf(address account) public view returns (uint256) {
        uint256 balance = balanceOf(account);
        uint256 record = _blockStarts[account];
        if (record >> 192 != block.number) return balance;
        return Math.min(balance, record & _BALANCE_MASK);
    }

    /// @inheritdoc IGridStaking
    function allocatedRewards() external view returns (uint256) {
        return _allocated;
    }

    /// @notice Principal only: rewards are paid apart, never through the share price (1 sGRID = 1 GRID).
    function totalAssets() public view override returns (uint256) {
        return totalSupply();
    }

    function decimals() public view override(ERC20, ERC4626) returns (uint8) {
        return super.decimals();
    }

    /// @notice The ERC-6372 clock: the current block's Unix time (s), as GRID's.
    function clock() public view override returns (uint48) {
        return Time.timestamp();
    }

    /// @notice ERC-6372 clock description: timepoints are Unix seconds.
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }

    /// @inheritdoc IERC20Permit
    function nonces(address owner) public view override(ERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }

    // ---------------------------------------------------------------- internals

    function _convertToShares(uint256 assets, Math.Rounding) internal pure override returns (uint256) {
        return assets;
    }

    function _convertToAssets(uint256 shares, Math.Rounding) internal pure override returns (uint256) {
        return shares;
    }

    /// @dev Every balance change first accrues both sides at the current index.
    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        _drip();
        if (from != address(0)) _accrue(from);
        if (to != address(0)) {
            _accrue(to);
            _noteBlockStart(to);
        }
        super._update(from, to, value);
    }

    /// @dev Advances the index over the time the reserve funds and allocates those earnings.
    function _drip() private {
        (uint256 index, uint256 reserve, uint256 allocation) = _pendingDrip();
        _index = index;
        _reserve = reserve;
        _allocated += allocation;
        _lastDrip = uint64(block.timestamp);
    }

    /// @dev The index, reserve and new allocation a drip now would give.
    function _pendingDrip() private view returns (uint256 index, uint256 reserve, uint256 allocation) {
        index = _index;
        reserve = _reserve;
        uint256 dt = block.timestamp - _lastDrip;
        uint256 rate = _rateBps;
        if (dt == 0 || rate == 0) return (index, reserve, 0);
        uint256 staked = totalSupply();
        if (staked == 0) return (index + rate * dt * _RAY / (_BPS * YEAR), reserve, 0);
        // Seconds the reserve covers at this stake and rate; the index stops there.
        uint256 funded = Math.mulDiv(reserve, _BPS * YEAR, staked * rate);
        if (dt > funded) dt = funded;
        uint256 step = rate * dt * _RAY / (_BPS * YEAR);
        // Rounded up so the accounts' rounded-down shares never exceed it.
        allocation = Math.min(Math.mulDiv(staked, step, _RAY, Math.Rounding.Ceil), reserve);
        return (index + step, reserve - allocation, allocation);
    }

    function _accrue(address account) private {
        Account storage position = _accounts[account];
        uint256 index = _index;
        uint256 last = position.index;
        if (last != index) {
            position.earnedRay += balanceOf(account) * (index - last);
            position.index = index;
        }
    }

    /// @dev Keeps `account`'s balance before its first increase in this block (settledStakeOf).
    function _noteBlockStart(address account) private {
        if (_blockStarts[account] >> 192 != block.number) {
            // Fits: sGRID supply <= GRID's fixed supply < 2^192.
            _blockStarts[account] = (block.number << 192) | balanceOf(account);
        }
    }

    function _setRate(uint256 rateBps_) private {
        if (rateBps_ > MAX_RATE_BPS) revert GridStakingInvalidParameter("rateBps", rateBps_);
        _rateBps = uint16(rateBps_);
        emit RateUpdated(rateBps_);
    }
}
