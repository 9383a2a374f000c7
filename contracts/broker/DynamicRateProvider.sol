// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IDynamicRateProvider} from "../../interfaces/IDynamicRateProvider.sol";
import {IEnergyBrokerPool} from "../../interfaces/IEnergyBrokerPool.sol";
import {IEnergyBrokerRateProvider} from "../../interfaces/IEnergyBrokerRateProvider.sol";

/// @title DynamicRateProvider — rolling average of sales and capacity-band multipliers
/// @notice See IDynamicRateProvider for the formula. State advances lazily: the first pool update
/// of a new period folds the finished period's sales into the average, closes the finished period's
/// time-weighted reserve, and fixes the new period's rate (moved at most `rateMoveBoundBps` per
/// period from the last one); the views compute the same values for a period nobody has touched
/// yet, so the rate seen by a quote equals the rate the next trade pays.
contract DynamicRateProvider is IDynamicRateProvider, AccessControl {
    /// @notice Deployment configuration (units as in IDynamicRateProvider).
    struct Config {
        uint256 periodLength;
        uint256 windowPeriods;
        uint256 initialRate;
        uint256 budgetPerPeriod;
        uint256 minRate;
        uint256 maxRate;
        uint256 capacity;
        CapacityBands bands;
    }

    /// @dev The period being recorded and the asset sold into the pool in it: one slot.
    struct PeriodState {
        uint64 period;
        uint192 sales;
    }

    /// @dev Asset reserve after the pool's latest update and the rate of the recorded period: one slot.
    struct RateState {
        uint128 lastReserve;
        uint128 periodRate;
    }

    /// @dev Time-weighted reserve of the recorded period so far (reserve * seconds up to `lastUpdate`)
    /// and the utilisation its rate was computed from: one slot. Reserves are uint112 in the pool and
    /// a period is at most 365 days (< 2**25 s), so the integral stays below 2**137.
    struct ReserveIntegral {
        uint64 lastUpdate;
        uint176 reserveSeconds;
        uint16 utilisationBps;
    }

    /// @inheritdoc IDynamicRateProvider
    uint256 public constant MIN_RATE = 1;
    /// @inheritdoc IDynamicRateProvider
    uint256 public constant MAX_RATE = 1e36;
    /// @inheritdoc IDynamicRateProvider
    uint256 public constant MAX_ACCRUED_MOVES = 64;
    uint256 private constant BPS = 10_000;
    uint256 private constant WAD = 1e18;
    uint256 private constant MAX_ADJUSTMENT_BPS = 5000;
    uint256 private constant MAX_WINDOW_PERIODS = 10_000;
    uint256 private constant MAX_PERIOD_LENGTH = 365 days;
    uint256 private constant MAX_BUDGET = 1e36;

    /// @inheritdoc IEnergyBrokerRateProvider
    address public immutable asset;
    /// @inheritdoc IEnergyBrokerRateProvider
    address public immutable numeraire;
    /// @inheritdoc IDynamicRateProvider
    uint256 public immutable periodLength;
    /// @inheritdoc IDynamicRateProvider
    uint256 public immutable windowPeriods;

    uint256 private _budgetPerPeriod;
    uint256 private _minRate;
    uint256 private _maxRate;
    uint256 private _capacity;
    CapacityBands private _bands;
    address private _pool;

    PeriodState private _periodState;
    uint256 private _averageSalesWad;
    RateState private _rateState;
    ReserveIntegral private _integral;

    /// @param admin Receives DEFAULT_ADMIN_ROLE (hand it to the governance timelock).
    /// @param asset_ The priced token (e.g. EnergyToken).
    /// @param numeraire_ The token of the price (e.g. the payment token).
    /// @param config Period length (1 s .. 365 days), window (1 .. 10_000 periods), the rate the
    /// average starts at (within the bounds), and the governed parameters.
    constructor(address admin, address asset_, address numeraire_, Config memory config) {
        if (admin == address(0) || asset_ == address(0) || numeraire_ == address(0)) {
            revert EnergyBrokerZeroAddress();
        }
        if (asset_ == numeraire_) revert EnergyBrokerEqualAssets(asset_);
        if (config.periodLength == 0 || config.periodLength > MAX_PERIOD_LENGTH) {
            revert EnergyBrokerInvalidParameter("periodLength", config.periodLength);
        }
        if (config.windowPeriods == 0 || config.windowPeriods > MAX_WINDOW_PERIODS) {
            revert EnergyBrokerInvalidParameter("windowPeriods", config.windowPeriods);
        }
        asset = asset_;
        numeraire = numeraire_;
        periodLength = config.periodLength;
        windowPeriods = config.windowPeriods;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _setBudgetPerPeriod(config.budgetPerPeriod);
        _setRateBounds(config.minRate, config.maxRate);
        _setCapacity(config.capacity);
        _setCapacityBands(config.bands);
        if (config.initialRate < config.minRate || config.initialRate > config.maxRate) {
            revert EnergyBrokerInvalidParameter("initialRate", config.initialRate);
        }
        // Start the average at the volume whose budget share is the initial rate.
        _averageSalesWad = Math.mulDiv(config.budgetPerPeriod, WAD * WAD, config.initialRate);
        _periodState.period = SafeCast.toUint64(block.timestamp / config.periodLength);
        // First period: the initial rate with the empty warehouse's multiplier (nothing to bound it by).
        _rateState.periodRate = SafeCast.toUint128((config.initialRate * capacityMultiplierBps(0)) / BPS);
        _integral.lastUpdate = SafeCast.toUint64(block.timestamp);
    }

    // ---------------------------------------------------------------- rate

    /// @inheritdoc IEnergyBrokerRateProvider
    function rate() external view returns (uint256 rate_) {
        (rate_,,) = _currentPeriod();
    }

    /// @inheritdoc IEnergyBrokerRateProvider
    function onPoolUpdate(uint256 assetReserve, uint256 assetSold) external {
        if (msg.sender != _pool) revert EnergyBrokerUnauthorized(msg.sender);
        uint256 current = block.timestamp / periodLength;
        PeriodState memory state = _periodState;
        RateState memory rs = _rateState;
        ReserveIntegral memory acc = _integral;
        if (current != state.period) {
            (uint256 rate_, uint256 averageWad, uint256 utilisation) = _roll(state, rs, acc, current);
            _averageSalesWad = averageWad;
            emit PeriodClosed(state.period, state.sales, averageWad);
            emit PeriodRateSet(current, rate_, utilisation);
            state = PeriodState({period: SafeCast.toUint64(current), sales: 0});
            rs.periodRate = SafeCast.toUint128(rate_);
            // Fits: utilisation is capped at 10_000 bps.
            acc = ReserveIntegral({
                lastUpdate: SafeCast.toUint64(current * periodLength),
                reserveSeconds: 0,
                utilisationBps: uint16(utilisation)
            });
        }
        // The reserve held since the last update counts for the time it was held.
        acc.reserveSeconds = SafeCast.toUint176(acc.reserveSeconds + rs.lastReserve * (block.timestamp - acc.lastUpdate));
        acc.lastUpdate = SafeCast.toUint64(block.timestamp);
        state.sales = SafeCast.toUint192(state.sales + assetSold);
        rs.lastReserve = SafeCast.toUint128(assetReserve);
        _periodState = state;
        _rateState = rs;
        _integral = acc;
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IDynamicRateProvider
    function budgetPerPeriod() external view returns (uint256) {
        return _budgetPerPeriod;
    }

    /// @inheritdoc IDynamicRateProvider
    function rateBounds() external view returns (uint256 minRate, uint256 maxRate) {
        return (_minRate, _maxRate);
    }

    /// @inheritdoc IDynamicRateProvider
    function capacity() external view returns (uint256) {
        return _capacity;
    }

    /// @inheritdoc IDynamicRateProvider
    function capacityBands() external view returns (CapacityBands memory) {
        return _bands;
    }

    /// @inheritdoc IDynamicRateProvider
    function pool() external view returns (address) {
        return _pool;
    }

    /// @inheritdoc IDynamicRateProvider
    function currentPeriod() external view returns (uint256) {
        return block.timestamp / periodLength;
    }

    /// @inheritdoc IDynamicRateProvider
    function averageSalesWad() external view returns (uint256 averageWad) {
        (, averageWad,) = _currentPeriod();
    }

    /// @inheritdoc IDynamicRateProvider
    function currentPeriodSales() external view returns (uint256) {
        PeriodState memory state = _periodState;
        return state.period == block.timestamp / periodLength ? state.sales : 0;
    }

    /// @inheritdoc IDynamicRateProvider
    function utilisationBps() external view returns (uint256 utilisation) {
        (,, utilisation) = _currentPeriod();
    }

    /// @inheritdoc IDynamicRateProvider
    function baseRate() external view returns (uint256) {
        (, uint256 averageWad,) = _currentPeriod();
        return _baseRate(averageWad);
    }

    /// @inheritdoc IDynamicRateProvider
    function targetRate() external view returns (uint256) {
        (, uint256 averageWad, uint256 utilisation) = _currentPeriod();
        return _targetRate(averageWad, utilisation);
    }

    /// @inheritdoc IDynamicRateProvider
    function rateMoveBoundBps() public view returns (uint256) {
        address pool_ = _pool;
        return pool_ == address(0) ? 0 : IEnergyBrokerPool(pool_).lpFeeBps();
    }

    /// @inheritdoc IDynamicRateProvider
    function capacityMultiplierBps(uint256 utilisationBps_) public view returns (uint256) {
        CapacityBands memory b = _bands;
        uint256 u = Math.min(utilisationBps_, BPS);
        uint256 span = b.maxAdjustmentBps - b.minAdjustmentBps;
        if (u <= b.lowerBps) {
            return BPS + b.minAdjustmentBps + (span * (b.lowerBps - u)) / b.lowerBps;
        }
        if (u <= b.upperBps) return BPS;
        return BPS - b.minAdjustmentBps - (span * (u - b.upperBps)) / (BPS - b.upperBps);
    }

    // ---------------------------------------------------------------- governance

    /// @inheritdoc IDynamicRateProvider
    function setBudgetPerPeriod(uint256 budgetPerPeriod_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setBudgetPerPeriod(budgetPerPeriod_);
    }

    /// @inheritdoc IDynamicRateProvider
    function setRateBounds(uint256 minRate, uint256 maxRate) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setRateBounds(minRate, maxRate);
    }

    /// @inheritdoc IDynamicRateProvider
    function setCapacity(uint256 capacity_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setCapacity(capacity_);
    }

    /// @inheritdoc IDynamicRateProvider
    function setCapacityBands(CapacityBands calldata bands) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setCapacityBands(bands);
    }

    /// @inheritdoc IDynamicRateProvider
    function setPool(address pool_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (pool_ == address(0)) revert EnergyBrokerZeroAddress();
        _pool = pool_;
        emit PoolUpdated(pool_);
    }

    // ---------------------------------------------------------------- internals

    /// @dev Rate, average and utilisation of the current period, whether or not the pool has
    /// reported in it yet.
    function _currentPeriod() private view returns (uint256 rate_, uint256 averageWad, uint256 utilisation) {
        uint256 current = block.timestamp / periodLength;
        PeriodState memory state = _periodState;
        if (current == state.period) {
            return (_rateState.periodRate, _averageSalesWad, _integral.utilisationBps);
        }
        return _roll(state, _rateState, _integral, current);
    }

    /// @dev The rate of period `current` from the recorded period's state. Utilisation: the asset
    /// reserve averaged over the whole previous period, weighted by time (a reserve held for seconds
    /// barely moves it); if the previous period saw no update, the reserve held through it. The rate
    /// then moves from the last period's rate towards the target by at most `rateMoveBoundBps` per
    /// elapsed period (at most MAX_ACCRUED_MOVES periods' worth): a round trip across a boundary
    /// pays the LP fee twice, which is more than the rate can move in one period.
    function _roll(PeriodState memory state, RateState memory rs, ReserveIntegral memory acc, uint256 current)
        private
        view
        returns (uint256 rate_, uint256 averageWad, uint256 utilisation)
    {
        uint256 elapsed = current - state.period;
        uint256 reserve = rs.lastReserve;
        if (elapsed == 1) {
            // `acc.lastUpdate` lies in the recorded period, so it is at most its end.
            uint256 periodEnd = (state.period + 1) * periodLength;
            reserve = (acc.reserveSeconds + reserve * (periodEnd - acc.lastUpdate)) / periodLength;
        }
        utilisation = _utilisationBps(reserve);
        averageWad = _fold(_averageSalesWad, state.sales, elapsed);
        rate_ = _boundedMove(rs.periodRate, _targetRate(averageWad, utilisation), elapsed);
    }

    /// @dev `target` clamped to `previous` * (1 +- bound)^k, k = min(elapsed, MAX_ACCRUED_MOVES).
    function _boundedMove(uint256 previous, uint256 target, uint256 elapsed) private view returns (uint256) {
        uint256 bound = Math.min(rateMoveBoundBps(), BPS);
        uint256 upper = previous;
        uint256 lower = previous;
        uint256 steps = bound == 0 ? 0 : Math.min(elapsed, MAX_ACCRUED_MOVES);
        for (uint256 k; k < steps && (target > upper || target < lower); ++k) {
            upper = (upper * (BPS + bound)) / BPS;
            lower = (lower * (BPS - bound)) / BPS;
        }
        return Math.max(Math.min(Math.max(target, lower), upper), MIN_RATE);
    }

    function _targetRate(uint256 averageWad, uint256 utilisation) private view returns (uint256) {
        return (_baseRate(averageWad) * capacityMultiplierBps(utilisation)) / BPS;
    }

    /// @dev Exponential moving average with alpha = 2 / (N + 1): fold in the finished period's
    /// `sales`, then `elapsed - 1` empty periods (each multiplies by (N - 1) / (N + 1)).
    function _fold(uint256 averageWad, uint256 sales, uint256 elapsed) private view returns (uint256) {
        uint256 n = windowPeriods;
        averageWad = (averageWad * (n - 1) + 2 * sales * WAD) / (n + 1);
        uint256 factor = ((n - 1) * WAD) / (n + 1);
        // Exponentiation by squaring: at most 64 rounds, as elapsed < 2**64 periods.
        for (uint256 k = elapsed - 1; k != 0 && averageWad != 0; k >>= 1) {
            if (k & 1 != 0) averageWad = Math.mulDiv(averageWad, factor, WAD);
            factor = Math.mulDiv(factor, factor, WAD);
        }
        return averageWad;
    }

    /// @dev Budget over average volume, clamped; no volume at all means the ceiling.
    function _baseRate(uint256 averageWad) private view returns (uint256) {
        if (averageWad == 0) return _maxRate;
        uint256 base = Math.mulDiv(_budgetPerPeriod, WAD * WAD, averageWad);
        return Math.min(Math.max(base, _minRate), _maxRate);
    }

    function _utilisationBps(uint256 assetReserve) private view returns (uint256) {
        return Math.min(Math.mulDiv(assetReserve, BPS, _capacity), BPS);
    }

    function _setBudgetPerPeriod(uint256 budgetPerPeriod_) private {
        if (budgetPerPeriod_ == 0 || budgetPerPeriod_ > MAX_BUDGET) {
            revert EnergyBrokerInvalidParameter("budgetPerPeriod", budgetPerPeriod_);
        }
        _budgetPerPeriod = budgetPerPeriod_;
        emit BudgetUpdated(budgetPerPeriod_);
    }

    function _setRateBounds(uint256 minRate, uint256 maxRate) private {
        if (minRate < MIN_RATE) revert EnergyBrokerInvalidParameter("minRate", minRate);
        if (maxRate < minRate || maxRate > MAX_RATE) revert EnergyBrokerInvalidParameter("maxRate", maxRate);
        _minRate = minRate;
        _maxRate = maxRate;
        emit RateBoundsUpdated(minRate, maxRate);
    }

    function _setCapacity(uint256 capacity_) private {
        if (capacity_ == 0) revert EnergyBrokerInvalidParameter("capacity", capacity_);
        _capacity = capacity_;
        emit CapacityUpdated(capacity_);
    }

    function _setCapacityBands(CapacityBands memory bands) private {
        if (bands.lowerBps == 0) revert EnergyBrokerInvalidParameter("lowerBps", bands.lowerBps);
        if (bands.upperBps <= bands.lowerBps || bands.upperBps >= BPS) {
            revert EnergyBrokerInvalidParameter("upperBps", bands.upperBps);
        }
        if (bands.maxAdjustmentBps > MAX_ADJUSTMENT_BPS) {
            revert EnergyBrokerInvalidParameter("maxAdjustmentBps", bands.maxAdjustmentBps);
        }
        if (bands.minAdjustmentBps > bands.maxAdjustmentBps) {
            revert EnergyBrokerInvalidParameter("minAdjustmentBps", bands.minAdjustmentBps);
        }
        _bands = bands;
        emit CapacityBandsUpdated(bands.lowerBps, bands.upperBps, bands.minAdjustmentBps, bands.maxAdjustmentBps);
    }
}
