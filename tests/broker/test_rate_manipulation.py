"""Issue 9.1: the dynamic rate cannot be steered by trading around a period boundary.

Before the fix, the next period's capacity multiplier came from the pool's energy reserve after
the last trade of the period, so whoever traded last picked it: buying the whole energy reserve in
the last seconds of a period (warehouse empty: +20 %) and selling it back in the first block of
the next one made 27 WATT (20.7 % of the reserve's value) out of the liquidity providers, and the
reverse (fill the warehouse: -20 %, buy back cheap) worked too. Now the utilisation is the reserve
averaged over the whole period (time-weighted) and the rate moves at most the LP fee per period,
so a round trip across a boundary pays more in fees than the rate can move.
"""

import pytest
from ape.exceptions import ContractLogicError
from eth_utils import keccak
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gridset.broker.deploy import deploy_dynamic_rate_provider
from gridset.broker.units import BPS, Formula
from gridset.chain_time import set_next_block_time

from .conftest import MAX_UINT
from .test_rate_providers import CAPACITY, CONFIG, LP_FEE_BPS, PERIOD

LP_ENERGY = CAPACITY // 2  # 50 % utilisation: the neutral band
LP_WATT = 1000 * 10**18
EXPECTED_REVERTS = {"EnergyBrokerZeroAmount", "EnergyBrokerInsufficientLiquidity"}
#: Their selectors, as they appear when a revert bubbles up from the pool undecoded.
EXPECTED_SELECTORS = {
    repr(keccak(text=sig)[:4])[2:-1]
    for sig in (
        "EnergyBrokerZeroAmount()",
        "EnergyBrokerInsufficientLiquidity(uint256,uint256)",
    )
}


def _expected_revert(error: ContractLogicError) -> bool:
    """A revert a random step may legitimately hit; anything else fails the test."""
    text = f"{type(error).__name__} {error!r}"
    return any(name in text for name in EXPECTED_REVERTS | EXPECTED_SELECTORS)


@pytest.fixture(scope="module")
def warehouse(admin, create_token, new_pool, fund, router, alice, bob, watt, chain):
    """A dynamic-rate EC/WATT pool holding 500 kWh (50 % of capacity) and 1,000 WATT for a whole
    period, so its rate is settled; ``bob`` (the attacker) holds energy and WATT."""
    chain.mine(timestamp=(chain.pending_timestamp // PERIOD + 1) * PERIOD)
    token = create_token("EC4", 3)
    provider = deploy_dynamic_rate_provider(admin, token, watt, CONFIG)
    pool = new_pool(token, watt, Formula.CONSTANT_SUM, provider)
    provider.setPool(pool, sender=admin)
    fund(alice, 10**24, token, watt)
    fund(bob, 10**24, token, watt)
    router.addLiquidity(token, watt, LP_ENERGY, LP_WATT, 0, 0, alice, 2**40, sender=alice)
    chain.mine(timestamp=(chain.pending_timestamp // PERIOD + 2) * PERIOD)
    router.swapExactTokensForTokens(1000, 0, [token, watt], alice, 2**40, sender=alice)
    return provider, pool, token


def _balances(bob, watt, token) -> tuple[int, int]:
    return watt.balanceOf(bob), token.balanceOf(bob)


def _at(chain, timestamp: int) -> None:
    set_next_block_time(chain, timestamp)


def test_attack__buy_warehouse_empty_before_boundary__round_trip_loses(
    warehouse, router, bob, watt, chain
):
    provider, pool, token = warehouse
    period_end = (chain.pending_timestamp // PERIOD + 1) * PERIOD
    reserves_before = pool.getReserves()
    watt_before, energy_before = _balances(bob, watt, token)
    reserve = token.balanceOf(pool)
    rate_before = provider.rate()

    _at(chain, period_end - 5)
    router.swapTokensForExactTokens(reserve, MAX_UINT, [watt, token], bob, 2**40, sender=bob)
    _at(chain, period_end)
    # Empty for 5 s of a 3600 s period: utilisation barely moves, the rate by at most the fee.
    assert provider.utilisationBps() >= 4_990
    assert provider.rate() <= rate_before * (BPS + LP_FEE_BPS) // BPS
    router.swapExactTokensForTokens(reserve, 0, [token, watt], bob, 2**40, sender=bob)

    watt_after, energy_after = _balances(bob, watt, token)
    assert energy_after == energy_before
    assert watt_after < watt_before  # the attacker loses (the fees)
    energy_reserve_index = 0 if pool.token0() == token.address else 1
    after = pool.getReserves()
    assert after[energy_reserve_index] == reserves_before[energy_reserve_index]
    assert after[1 - energy_reserve_index] > reserves_before[1 - energy_reserve_index]


def test_attack__fill_warehouse_before_boundary__buy_back_loses(
    warehouse, router, bob, watt, chain
):
    provider, pool, token = warehouse
    period_end = (chain.pending_timestamp // PERIOD + 1) * PERIOD
    reserves_before = pool.getReserves()
    watt_before, energy_before = _balances(bob, watt, token)
    rate_before = provider.rate()

    _at(chain, period_end - 5)
    tx = router.swapExactTokensForTokens(CAPACITY, 0, [token, watt], bob, 2**40, sender=bob)
    received = tx.events.filter(pool.SwapExecuted)[0].amountOut
    _at(chain, period_end)
    assert provider.rate() >= rate_before * (BPS - LP_FEE_BPS) // BPS
    router.swapExactTokensForTokens(received, 0, [watt, token], bob, 2**40, sender=bob)

    watt_after, energy_after = _balances(bob, watt, token)
    assert watt_after == watt_before
    assert energy_after < energy_before
    watt_index = 0 if pool.token0() == watt.address else 1
    after = pool.getReserves()
    assert after[watt_index] == reserves_before[watt_index]
    assert after[1 - watt_index] > reserves_before[1 - watt_index]


def test_attack__warehouse_held_empty_all_period__rate_moves_one_step_only(
    warehouse, router, bob, watt, chain
):
    """Even a genuinely empty warehouse for a whole period moves the rate by the fee only."""
    provider, pool, token = warehouse
    period = chain.pending_timestamp // PERIOD + 1
    reserve = token.balanceOf(pool)
    _at(chain, period * PERIOD + 1)
    tx = router.swapTokensForExactTokens(reserve, MAX_UINT, [watt, token], bob, 2**40, sender=bob)
    (rate_set,) = tx.events.filter(provider.PeriodRateSet)
    chain.mine(timestamp=(period + 1) * PERIOD)
    # Empty for all but the first second of the period.
    assert provider.utilisationBps() <= 2
    assert provider.targetRate() > rate_set.rate * 11_000 // BPS
    assert provider.rate() == rate_set.rate * (BPS + LP_FEE_BPS) // BPS


STEP = st.tuples(
    st.booleans(),  # buy energy (True) or sell it
    st.integers(min_value=1, max_value=10_000),  # share of the pool reserve / bob's holding, bps
    st.integers(min_value=0, max_value=120),  # seconds from the boundary
    st.booleans(),  # before (False) or after (True) the boundary
)


@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
@given(steps=st.lists(STEP, min_size=1, max_size=4))
def test_property__swaps_around_boundary__never_end_with_more_value(
    warehouse, router, bob, watt, chain, isolated, steps
):
    """Any sequence of swaps in the last two minutes of a period and the first two of the next,
    closed so that bob holds the energy he started with, leaves him no more WATT than he had, and
    the pool no less (fees included)."""
    _provider, pool, token = warehouse
    with isolated():
        boundary = (chain.pending_timestamp // PERIOD + 1) * PERIOD
        watt_before, energy_before = _balances(bob, watt, token)
        pool_watt_before = watt.balanceOf(pool)
        ordered = sorted(steps, key=lambda s: (s[3], s[2] if s[3] else -s[2]))
        last = chain.pending_timestamp
        for buy, share, offset, after in ordered:
            when = max(boundary + offset if after else boundary - 1 - offset, last)
            _at(chain, when)
            last = when + 1
            try:
                if buy:
                    amount = token.balanceOf(pool) * share // BPS
                    router.swapTokensForExactTokens(
                        amount, MAX_UINT, [watt, token], bob, 2**40, sender=bob
                    )
                else:
                    amount = CAPACITY * share // BPS
                    router.swapExactTokensForTokens(
                        amount, 0, [token, watt], bob, 2**40, sender=bob
                    )
            except ContractLogicError as error:
                assert _expected_revert(error), error
        _at(chain, max(boundary + 121, last))
        delta = token.balanceOf(bob) - energy_before
        if delta > 0:
            router.swapExactTokensForTokens(delta, 0, [token, watt], bob, 2**40, sender=bob)
        elif delta < 0:
            router.swapTokensForExactTokens(-delta, MAX_UINT, [watt, token], bob, 2**40, sender=bob)
        watt_after, energy_after = _balances(bob, watt, token)
        assert energy_after == energy_before
        assert watt_after <= watt_before
        assert watt.balanceOf(pool) >= pool_watt_before
