// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IEnergyBrokerRateProvider} from "./IEnergyBrokerRateProvider.sol";

/// @title IDynamicRateProvider — the seed's dynamic rate: rolling average of sales and capacity bands
/// @notice The pool acts as the seed's "warehouse" buying energy credits (the asset) for the
/// numeraire. Time is cut into periods of `periodLength` seconds. The rate of a period is
///   base = clamp(budgetPerPeriod * 1e36 / averageSalesWad, minRate, maxRate)
///   rate = base * multiplierBps(utilisation) / 10_000
/// where `averageSalesWad` is the rolling average of asset sold into the pool per completed period
/// (1e18-scaled; an exponential moving average with the centre of mass of a `windowPeriods`-period
/// simple average: alpha = 2 / (windowPeriods + 1), empty periods count as zero sales), and the
/// utilisation is the pool's asset reserve averaged over the whole previous period (time-weighted)
/// over `capacity`. That is the period's target rate; the rate actually paid moves from the previous
/// period's rate towards it by at most `rateMoveBoundBps` (the pool's LP fee) per period. This is the
/// seed's H = A * (Bn / Cn) * Multiplier per unit sold: a fixed budget A per period spread over
/// the average volume Cn. Capacity bands (seed defaults): utilisation up to `lowerBps` (45 %) earns
/// +minAdjustment .. +maxAdjustment (+1 % at 45 % up to +20 % when empty), up to `upperBps` (55 %)
/// is neutral, above it -minAdjustment .. -maxAdjustment (-20 % when full).
/// Anti-gaming: the rate is fixed for the whole period, so no trade moves the rate it trades at.
/// Across a boundary (issue 9.1: buying the warehouse empty in the last seconds of a period and
/// selling back at +20 % in the next, or the reverse), the time-weighted utilisation ignores a
/// reserve held for seconds, and the bounded move makes any round trip across one or two boundaries
/// lose: (1 - fee)^2 * (1 + fee)^2 < 1. A zero-fee pool's rate therefore never moves. Rates are 1e18
/// fixed point, numeraire base units per asset base unit.
interface IDynamicRateProvider is IEnergyBrokerRateProvider {
    /// @notice Capacity-band thresholds and adjustments, basis points.
    struct CapacityBands {
        uint16 lowerBps;
        uint16 upperBps;
        uint16 minAdjustmentBps;
        uint16 maxAdjustmentBps;
    }

    /// @notice Period `period` ended with `sales` asset base units sold into the pool; the rolling
    /// average after folding it in (and any empty periods since) is `averageSalesWad`.
    event PeriodClosed(uint256 indexed period, uint256 sales, uint256 averageSalesWad);
    /// @notice Period `period` trades at `rate` (1e18 fixed point); `utilisationBps` is the
    /// time-weighted utilisation of the period before it.
    event PeriodRateSet(uint256 indexed period, uint256 rate, uint256 utilisationBps);
    /// @notice The budget per period changed (numeraire base units).
    event BudgetUpdated(uint256 budgetPerPeriod);
    /// @notice The clamp of the base rate changed (1e18 fixed point).
    event RateBoundsUpdated(uint256 minRate, uint256 maxRate);
    /// @notice The warehouse capacity changed (asset base units).
    event CapacityUpdated(uint256 capacity);
    /// @notice The capacity bands changed (basis points).
    event CapacityBandsUpdated(uint256 lowerBps, uint256 upperBps, uint256 minAdjustmentBps, uint256 maxAdjustmentBps);
    /// @notice The pool allowed to report its updates changed.
    event PoolUpdated(address pool);

    /// @notice Smallest accepted rate bound (1e18 fixed point).
    function MIN_RATE() external view returns (uint256);

    /// @notice Largest accepted rate bound (1e18 fixed point).
    function MAX_RATE() external view returns (uint256);

    /// @notice Most periods of bounded moves that accrue at once after a silence.
    function MAX_ACCRUED_MOVES() external view returns (uint256);

    /// @notice Length of one period, seconds (immutable).
    function periodLength() external view returns (uint256);

    /// @notice Length of the rolling-average window, periods (immutable).
    function windowPeriods() external view returns (uint256);

    /// @notice Numeraire paid out per period at the average volume, numeraire base units.
    function budgetPerPeriod() external view returns (uint256);

    /// @notice Clamp of the base rate (1e18 fixed point).
    function rateBounds() external view returns (uint256 minRate, uint256 maxRate);

    /// @notice Warehouse capacity, asset base units.
    function capacity() external view returns (uint256);

    /// @notice The capacity bands, basis points.
    function capacityBands() external view returns (CapacityBands memory);

    /// @notice The pool whose updates are recorded (only it may call `onPoolUpdate`).
    function pool() external view returns (address);

    /// @notice Index of the current period (`block.timestamp / periodLength`).
    function currentPeriod() external view returns (uint256);

    /// @notice Rolling average of asset sold per completed period, asset base units * 1e18.
    function averageSalesWad() external view returns (uint256);

    /// @notice Asset sold into the pool so far in the current period, asset base units.
    function currentPeriodSales() external view returns (uint256);

    /// @notice Utilisation used for the current period: the asset reserve time-weighted over the
    /// previous period, over `capacity`, basis points (capped at 10_000).
    function utilisationBps() external view returns (uint256);

    /// @notice The rate before the capacity multiplier (1e18 fixed point).
    function baseRate() external view returns (uint256);

    /// @notice The current period's target: base rate times the capacity multiplier (1e18 fixed
    /// point); `rate()` moves towards it by at most `rateMoveBoundBps` per period.
    function targetRate() external view returns (uint256);

    /// @notice Largest move of the rate per period, basis points: the pool's LP fee (0 before a pool is
    /// set), so a round trip across a period boundary always pays more in fees than the move.
    function rateMoveBoundBps() external view returns (uint256);

    /// @notice The capacity multiplier for a utilisation, basis points (10_000 = neutral).
    /// @param utilisationBps_ Warehouse utilisation, basis points (0 .. 10_000).
    function capacityMultiplierBps(uint256 utilisationBps_) external view returns (uint256);

    /// @notice Set the budget per period, numeraire base units (DEFAULT_ADMIN_ROLE; positive).
    /// @param budgetPerPeriod_ Numeraire base units per period.
    function setBudgetPerPeriod(uint256 budgetPerPeriod_) external;

    /// @notice Set the clamp of the base rate (DEFAULT_ADMIN_ROLE; MIN_RATE <= min <= max <= MAX_RATE).
    /// @param minRate Lowest base rate, 1e18 fixed point.
    /// @param maxRate Highest base rate, 1e18 fixed point.
    function setRateBounds(uint256 minRate, uint256 maxRate) external;

    /// @notice Set the warehouse capacity, asset base units (DEFAULT_ADMIN_ROLE; positive).
    /// @param capacity_ Asset base units.
    function setCapacity(uint256 capacity_) external;

    /// @notice Set the capacity bands (DEFAULT_ADMIN_ROLE; 0 < lower < upper < 10_000,
    /// minAdjustment <= maxAdjustment <= 5_000).
    /// @param bands Utilisation bands and adjustments, basis points (see `CapacityBands`).
    function setCapacityBands(CapacityBands calldata bands) external;

    /// @notice Set the pool allowed to report updates (DEFAULT_ADMIN_ROLE; non-zero).
    /// @param pool_ The pool (not the zero address).
    function setPool(address pool_) external;
}
