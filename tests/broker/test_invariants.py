"""Hypothesis: no sequence of add / swap / remove breaks a pool or extracts value from it.

A trader (bob) acts on a pool that alice seeded. After every step, from one probe call:
- reserves equal the pool's balances;
- the value of one LP token never falls: sqrt(k) per LP token for constant product
  (k * S0**2 >= k0 * S**2), reserve value at the rate per LP token for constant sum;
- a swap never lowers k (constant product) or the reserve value (constant sum), fees included;
- constant sum: bob's tokens plus his LP claim, valued at the rate, never grow.
Round-trip rules check that swapping there and back, or adding and removing at once, returns
no more than went in. Values are kept exact (scaled by 1e18) so rounding cannot hide a gain.
"""

from typing import NamedTuple

import pytest
from ape.exceptions import ContractLogicError
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from gridset.broker.units import BPS, WAD

from .conftest import RATE

STATEFUL = settings(
    max_examples=5,
    stateful_step_count=6,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
#: Reverts a random step may legitimately hit (dust rounding to zero, a constant-sum reserve
#: smaller than the output); anything else fails the test.
EXPECTED_REVERTS = {"EnergyBrokerZeroAmount", "EnergyBrokerInsufficientLiquidity"}
SHARE = st.integers(min_value=1, max_value=5_000)


class Probe(NamedTuple):
    reserve0: int
    reserve1: int
    balance0: int
    balance1: int
    supply: int
    bob0: int
    bob1: int
    bob_lp: int


@pytest.fixture(scope="module")
def probe(project, admin):
    return admin.deploy(project.BrokerPoolProbe)


@pytest.mark.parametrize("formula", ["cp", "cs"])
def test_pool__random_operations__keep_invariants(
    request, project, chain, router, probe, fund, bob, formula
):
    pool = request.getfixturevalue(f"{formula}_pool")
    tokens = [
        project.MintableTestToken.at(pool.token0()),
        project.MintableTestToken.at(pool.token1()),
    ]
    fund(bob, 10**27, *tokens)
    pool.approve(router, 2**256 - 1, sender=bob)
    constant_sum = formula == "cs"
    asset_is_0 = constant_sum and project.FixedRateProvider.at(pool.rateProvider()).asset() == (
        tokens[0].address
    )

    def value(amount0: int, amount1: int) -> int:
        """Constant sum: numeraire value of token amounts at the rate, times 1e18 (exact)."""
        asset, numeraire = (amount0, amount1) if asset_is_0 else (amount1, amount0)
        return numeraire * WAD + asset * RATE

    def pool_value(s: Probe) -> int:
        return value(s.reserve0, s.reserve1) if constant_sum else s.reserve0 * s.reserve1

    class PoolMachine(RuleBasedStateMachine):
        def __init__(self):
            super().__init__()
            self.snapshot = chain.snapshot()
            self.state = self.probe()

        def probe(self) -> Probe:
            return Probe(*probe.probe(pool, bob))

        def send(self, method, *args) -> bool:
            """Send a router call from bob; False if it hit an expected revert."""
            try:
                method(*args, bob, chain.pending_timestamp + 3600, sender=bob)
            except ContractLogicError as err:
                assert type(err).__name__ in EXPECTED_REVERTS, repr(err)
                return False
            return True

        def step(self, swapped: bool) -> None:
            before, after = self.state, self.probe()
            assert (after.reserve0, after.reserve1) == (after.balance0, after.balance1)
            # Per-LP-token value: pool_value / supply (constant sum) or k / supply**2.
            power = 1 if constant_sum else 2
            assert pool_value(after) * before.supply**power >= pool_value(before) * (
                after.supply**power
            )
            if swapped:
                assert pool_value(after) >= pool_value(before)
            if constant_sum:
                # bob's tokens plus LP claim at the rate: v + lp * V / S, compared cross-multiplied.
                held_before = value(before.bob0, before.bob1) * before.supply
                held_after = value(after.bob0, after.bob1) * after.supply
                claim_before = before.bob_lp * pool_value(before)
                claim_after = after.bob_lp * pool_value(after)
                assert (held_after + claim_after) * before.supply <= (
                    held_before + claim_before
                ) * after.supply
            self.state = after

        def path(self, zero_for_one: bool) -> list:
            return tokens if zero_for_one else tokens[::-1]

        @rule(zero_for_one=st.booleans(), exact_in=st.booleans(), share_bps=SHARE)
        def swap(self, zero_for_one, exact_in, share_bps):
            s = self.state
            reserve_in, reserve_out = (
                (s.reserve0, s.reserve1) if zero_for_one else (s.reserve1, s.reserve0)
            )
            if exact_in:
                amount = reserve_in * share_bps // BPS + 1
                self.send(router.swapExactTokensForTokens, amount, 0, self.path(zero_for_one))
            elif reserve_out * share_bps // BPS:
                amount = reserve_out * share_bps // BPS
                self.send(router.swapTokensForExactTokens, amount, 2**255, self.path(zero_for_one))
            self.step(swapped=True)

        @rule(share_a=SHARE, share_b=st.integers(min_value=0, max_value=5_000))
        def add(self, share_a, share_b):
            s = self.state
            amount0 = s.reserve0 * share_a // BPS + 1
            amount1 = s.reserve1 * share_b // BPS + (0 if constant_sum else 1)
            self.send(router.addLiquidity, *tokens, amount0, amount1, 0, 0)
            self.step(swapped=False)

        @rule(share=SHARE)
        def remove(self, share):
            liquidity = self.state.bob_lp * share // BPS
            if liquidity:
                self.send(router.removeLiquidity, *tokens, liquidity, 0, 0)
            self.step(swapped=False)

        @rule(zero_for_one=st.booleans(), share_bps=SHARE)
        def swap_there_and_back(self, zero_for_one, share_bps):
            start = self.state
            amount = (start.reserve0 if zero_for_one else start.reserve1) * share_bps // BPS + 1
            if self.send(router.swapExactTokensForTokens, amount, 0, self.path(zero_for_one)):
                self.step(swapped=True)
                mid = self.state
                received = (mid.bob1 - start.bob1) if zero_for_one else (mid.bob0 - start.bob0)
                self.send(router.swapExactTokensForTokens, received, 0, self.path(not zero_for_one))
            self.step(swapped=True)
            end = self.state
            sold, bought = (0, 1) if zero_for_one else (1, 0)
            assert end[5 + bought] == start[5 + bought]  # all of the bought token went back
            assert end[5 + sold] <= start[5 + sold]

        @rule(share=SHARE)
        def add_and_remove(self, share):
            start = self.state
            amounts = (start.reserve0 * share // BPS + 1, start.reserve1 * share // BPS + 1)
            if self.send(router.addLiquidity, *tokens, *amounts, 0, 0):
                self.step(swapped=False)
                self.send(router.removeLiquidity, *tokens, self.state.bob_lp - start.bob_lp, 0, 0)
            self.step(swapped=False)
            assert self.state.bob0 <= start.bob0
            assert self.state.bob1 <= start.bob1

        @invariant()
        def pool_keeps_liquidity(self):
            assert self.state.supply > 0

        def teardown(self):
            chain.restore(self.snapshot)

    run_state_machine_as_test(PoolMachine, settings=STATEFUL)
