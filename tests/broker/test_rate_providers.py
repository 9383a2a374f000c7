"""Rate providers: the governed fixed rate and the seed's dynamic rate (rolling sales average,
capacity bands), priced through a real constant-sum pool."""

from dataclasses import replace

import pytest

from gridset.broker.deploy import CapacityBands, DynamicRateConfig, deploy_dynamic_rate_provider
from gridset.broker.units import BPS, WAD, Formula
from gridset.reference.broker import cs_amount_out

from .conftest import RATE, ZERO_ADDRESS, reverts

PERIOD = 3600
WINDOW = 3  # alpha = 2 / (3 + 1) = 1/2, so averages are easy to follow
BUDGET = 100 * 10**18  # 100 WATT per period
CAPACITY = 10**6  # 1 MWh
CONFIG = DynamicRateConfig(
    initial_rate=RATE,
    budget_per_period=BUDGET,
    min_rate=RATE // 10,
    max_rate=RATE * 10,
    capacity=CAPACITY,
    period_length=PERIOD,
    window_periods=WINDOW,
)
LP_FEE_BPS = 100


def _name(text: str) -> bytes:
    return text.encode().ljust(32, b"\0")


SEED_BANDS = CapacityBands()


def multiplier(utilisation_bps: int, bands: CapacityBands = SEED_BANDS) -> int:
    """Reference capacity multiplier (basis points), from the seed's bands."""
    u = min(utilisation_bps, BPS)
    span = bands.max_adjustment_bps - bands.min_adjustment_bps
    if u <= bands.lower_bps:
        return BPS + bands.min_adjustment_bps + span * (bands.lower_bps - u) // bands.lower_bps
    if u <= bands.upper_bps:
        return BPS
    return BPS - bands.min_adjustment_bps - span * (u - bands.upper_bps) // (BPS - bands.upper_bps)


def fold(average_wad: int, sales: int, elapsed: int) -> int:
    """Reference rolling average after a period with ``sales`` and ``elapsed - 1`` empty ones
    (window 3: each empty period halves the average exactly)."""
    average_wad = (average_wad * (WINDOW - 1) + 2 * sales * WAD) // (WINDOW + 1)
    return average_wad >> (elapsed - 1)


def base_rate(average_wad: int) -> int:
    return min(max(BUDGET * WAD * WAD // average_wad, CONFIG.min_rate), CONFIG.max_rate)


def bounded_move(previous: int, target: int, elapsed: int, bound_bps: int = LP_FEE_BPS) -> int:
    """Reference: ``target`` clamped to ``previous * (1 +- bound)^k`` (k = elapsed, at most 64)."""
    upper = lower = previous
    for _ in range(min(elapsed, 64) if bound_bps else 0):
        if lower <= target <= upper:
            break
        upper = upper * (BPS + bound_bps) // BPS
        lower = lower * (BPS - bound_bps) // BPS
    return max(min(max(target, lower), upper), 1)


def test_fixed_rate__set_by_admin__reprices_pool(router, admin, fixed_rate, cs_pool, energy, watt):
    tx = fixed_rate.setRate(2 * RATE, sender=admin)

    assert tx.events == [fixed_rate.RateUpdated(2 * RATE)]
    assert router.quote(1000, energy, watt) == 1000 * 2 * RATE // WAD


@pytest.mark.parametrize("rate", [0, 10**36 + 1])
def test_fixed_rate__out_of_range__reverts(admin, fixed_rate, rate):
    with reverts(fixed_rate.EnergyBrokerInvalidParameter, name=_name("rate"), value=rate):
        fixed_rate.setRate(rate, sender=admin)


def test_fixed_rate__not_admin__reverts(alice, fixed_rate):
    with reverts(fixed_rate.AccessControlUnauthorizedAccount, account=alice.address):
        fixed_rate.setRate(RATE, sender=alice)


def test_fixed_rate__constructor_checks(project, admin, watt):
    provider = project.FixedRateProvider
    with reverts(provider.EnergyBrokerEqualAssets):
        admin.deploy(provider, admin, watt, watt, RATE)
    with reverts(provider.EnergyBrokerZeroAddress):
        admin.deploy(provider, admin, ZERO_ADDRESS, watt, RATE)


@pytest.fixture(scope="module")
def dynamic(admin, create_token, new_pool, fund, router, alice, bob, watt, chain):
    """A dynamic-rate EC/WATT pool at the start of a period, 1,000 WATT deposited by alice."""
    chain.mine(timestamp=(chain.pending_timestamp // PERIOD + 1) * PERIOD)
    token = create_token("EC3", 3)
    provider = deploy_dynamic_rate_provider(admin, token, watt, CONFIG)
    pool = new_pool(token, watt, Formula.CONSTANT_SUM, provider)
    provider.setPool(pool, sender=admin)
    fund(alice, 10**24, token, watt)
    fund(bob, 10**24, token)
    router.addLiquidity(token, watt, 0, 1000 * 10**18, 0, 0, alice, 2**40, sender=alice)
    return provider, pool, token


def _next_period(chain, periods: int = 1) -> None:
    chain.mine(timestamp=(chain.pending_timestamp // PERIOD + periods) * PERIOD)


def test_capacity_multiplier__seed_bands(dynamic):
    provider, _, _ = dynamic
    for utilisation, expected in [
        (0, 12_000),  # empty warehouse: +20 %
        (2_250, 11_050),
        (4_500, 10_100),  # top of the under-capacity band: +1 %
        (5_000, 10_000),  # neutral
        (5_500, 10_000),
        (5_501, 9_900),  # just over: -1 %
        (10_000, 8_000),  # full: -20 %
        (20_000, 8_000),  # over full counts as full
    ]:
        assert provider.capacityMultiplierBps(utilisation) == expected == multiplier(utilisation)


def test_dynamic_rate__first_period__initial_rate_with_empty_warehouse_bonus(dynamic, router, watt):
    provider, _, token = dynamic
    assert provider.averageSalesWad() == BUDGET * WAD * WAD // RATE
    assert provider.baseRate() == RATE
    assert provider.utilisationBps() == 0
    assert provider.rate() == RATE * 12_000 // BPS
    assert router.quote(1000, token, watt) == 1000 * (RATE * 12_000 // BPS) // WAD


def test_dynamic_rate__sales_in_period__fold_into_next_periods_rate(
    dynamic, router, bob, watt, chain
):
    provider, pool, token = dynamic
    rate0 = provider.rate()
    router.swapExactTokensForTokens(2 * 10**5, 0, [token, watt], bob, 2**40, sender=bob)
    # Same period: neither the trade nor the new reserve moves the rate.
    assert provider.rate() == rate0
    assert provider.currentPeriodSales() == 2 * 10**5

    # The reserve was 0 until the sale, then 2e5 for the rest of the period (time-weighted).
    sold_at = chain.blocks.head.timestamp
    _next_period(chain)
    period_end = (sold_at // PERIOD + 1) * PERIOD

    average = fold(BUDGET * WAD * WAD // RATE, 2 * 10**5, 1)
    utilisation = (2 * 10**5 * (period_end - sold_at) // PERIOD) * BPS // CAPACITY
    target = base_rate(average) * multiplier(utilisation) // BPS
    expected_rate = bounded_move(rate0, target, 1)
    assert expected_rate == rate0 * (BPS + LP_FEE_BPS) // BPS  # the target is far: a 1 % step
    assert provider.averageSalesWad() == average
    assert provider.utilisationBps() == utilisation
    assert provider.targetRate() == target
    assert provider.currentPeriodSales() == 0
    assert provider.rate() == expected_rate
    assert provider.rateMoveBoundBps() == LP_FEE_BPS
    # The first trade of the period closes the last one and pays the new rate.
    tx = router.swapExactTokensForTokens(10**5, 0, [token, watt], bob, 2**40, sender=bob)
    period = chain.blocks.head.timestamp // PERIOD - 1
    assert tx.events.filter(provider.PeriodClosed) == [
        provider.PeriodClosed(period, 2 * 10**5, average)
    ]
    assert tx.events.filter(provider.PeriodRateSet) == [
        provider.PeriodRateSet(period + 1, expected_rate, utilisation)
    ]
    (swap,) = tx.events.filter(pool.SwapExecuted)
    assert swap.amountOut == cs_amount_out(10**5, True, expected_rate, LP_FEE_BPS)


def test_dynamic_rate__empty_periods__decay_average_and_raise_rate(
    dynamic, router, bob, watt, chain
):
    provider, _, token = dynamic
    router.swapExactTokensForTokens(2 * 10**5, 0, [token, watt], bob, 2**40, sender=bob)

    _next_period(chain, 4)

    average = fold(BUDGET * WAD * WAD // RATE, 2 * 10**5, 4)
    assert provider.averageSalesWad() == average
    assert provider.baseRate() == base_rate(average) > RATE


def test_dynamic_rate__long_silence__clamps_at_max_rate(dynamic, chain):
    provider, _, _ = dynamic
    _next_period(chain, 200)

    assert provider.baseRate() == CONFIG.max_rate


def test_dynamic_rate__tiny_budget__clamps_at_min_rate(dynamic, admin):
    provider, _, _ = dynamic
    tx = provider.setBudgetPerPeriod(1, sender=admin)

    assert tx.events == [provider.BudgetUpdated(1)]
    assert provider.baseRate() == CONFIG.min_rate


def test_dynamic_rate__report_from_other_than_pool__reverts(dynamic, alice):
    provider, _, _ = dynamic
    with reverts(provider.EnergyBrokerUnauthorized, caller=alice.address):
        provider.onPoolUpdate(0, 10**9, sender=alice)


def test_dynamic_rate__provider_rejecting_pool__blocks_trades_not_exits(
    dynamic, router, admin, alice, bob, watt
):
    provider, pool, token = dynamic
    provider.setPool(bob, sender=admin)
    pool.approve(router, 2**256 - 1, sender=alice)

    with reverts(router.EnergyBrokerUnauthorized, caller=pool.address):
        router.swapExactTokensForTokens(10**3, 0, [token, watt], bob, 2**40, sender=bob)
    tx = router.removeLiquidity(token, watt, 10**18, 0, 0, alice, 2**40, sender=alice)
    assert len(tx.events.filter(pool.LiquidityRemoved)) == 1


def test_dynamic_rate__governed_setters__emit_and_apply(dynamic, admin, alice):
    provider, _, _ = dynamic
    bands = (4_000, 6_000, 200, 1_000)

    assert provider.setRateBounds(1, 10**30, sender=admin).events == [
        provider.RateBoundsUpdated(1, 10**30)
    ]
    assert provider.setCapacity(5, sender=admin).events == [provider.CapacityUpdated(5)]
    assert provider.setCapacityBands(bands, sender=admin).events == [
        provider.CapacityBandsUpdated(*bands)
    ]
    assert provider.setPool(alice, sender=admin).events == [provider.PoolUpdated(alice)]
    assert provider.rateBounds() == (1, 10**30)
    assert provider.capacity() == 5
    assert tuple(provider.capacityBands()) == bands
    assert provider.pool() == alice.address
    assert provider.capacityMultiplierBps(0) == multiplier(0, CapacityBands(*bands))


@pytest.mark.parametrize(
    ("setter", "args", "name", "value"),
    [
        ("setBudgetPerPeriod", (0,), "budgetPerPeriod", 0),
        ("setRateBounds", (0, 1), "minRate", 0),
        ("setRateBounds", (5, 4), "maxRate", 4),
        ("setRateBounds", (1, 10**36 + 1), "maxRate", 10**36 + 1),
        ("setCapacity", (0,), "capacity", 0),
        ("setCapacityBands", ((0, 5_500, 100, 2_000),), "lowerBps", 0),
        ("setCapacityBands", ((4_500, 4_500, 100, 2_000),), "upperBps", 4_500),
        # 65,000 rather than 10,000: Ape reads revert data that happens to be valid UTF-8 as a
        # string message, and the error selector plus 0x2710 is.
        ("setCapacityBands", ((4_500, 65_000, 100, 2_000),), "upperBps", 65_000),
        ("setCapacityBands", ((4_500, 5_500, 100, 5_001),), "maxAdjustmentBps", 5_001),
        ("setCapacityBands", ((4_500, 5_500, 300, 200),), "minAdjustmentBps", 300),
    ],
)
def test_dynamic_rate__setter_out_of_range__reverts(dynamic, admin, setter, args, name, value):
    provider, _, _ = dynamic
    with reverts(provider.EnergyBrokerInvalidParameter, name=_name(name), value=value):
        getattr(provider, setter)(*args, sender=admin)


def test_dynamic_rate__setter_not_admin__reverts(dynamic, alice):
    provider, _, _ = dynamic
    with reverts(provider.AccessControlUnauthorizedAccount, account=alice.address):
        provider.setCapacity(1, sender=alice)


def test_dynamic_rate__zero_pool__reverts(dynamic, admin):
    provider, _, _ = dynamic
    with reverts(provider.EnergyBrokerZeroAddress):
        provider.setPool(ZERO_ADDRESS, sender=admin)


@pytest.mark.parametrize(
    ("field", "value", "name"),
    [
        ("period_length", 0, "periodLength"),
        ("window_periods", 0, "windowPeriods"),
        ("initial_rate", RATE * 11, "initialRate"),
    ],
)
def test_dynamic_rate__constructor_out_of_range__reverts(
    project, admin, energy, watt, field, value, name
):
    with reverts(
        project.DynamicRateProvider.EnergyBrokerInvalidParameter, name=_name(name), value=value
    ):
        deploy_dynamic_rate_provider(admin, energy, watt, replace(CONFIG, **{field: value}))
