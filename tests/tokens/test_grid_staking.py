"""GridStaking (sGRID): fixed-rate simple interest from a funded reserve, votes, licence, tiers."""

from __future__ import annotations

import ape
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from gridset.chain_time import advance_to
from gridset.units import GRID

YEAR = 31_557_600
RATE = 800


@pytest.fixture(scope="session")
def grid(deployer, alice, bob, carol, project):
    holders = [deployer, alice, bob, carol]
    return deployer.deploy(
        project.GridToken, "GRID", "GRID", holders, [10_000_000 * GRID] + [1_000_000 * GRID] * 3
    )


@pytest.fixture(scope="session")
def staking(deployer, grid, alice, bob, carol, project):
    staking = deployer.deploy(project.GridStaking, grid, deployer, 10_000 * GRID)
    for holder in (deployer, alice, bob, carol):
        grid.approve(staking, 2**256 - 1, sender=holder)
    return staking


@pytest.fixture(scope="session", autouse=True)
def _staking_state(staking):
    """Deploy once, before the first test's snapshot."""


def _earned(principal: int, seconds: int, rate: int = RATE) -> int:
    return principal * rate * seconds // (10_000 * YEAR)


def test_deposit__one_share_per_grid_and_votes_follow(staking, grid, alice):
    tx = staking.deposit(5_000 * GRID, alice, sender=alice)
    assert staking.balanceOf(alice) == 5_000 * GRID
    assert staking.totalAssets() == 5_000 * GRID
    assert [log.shares for log in tx.events if log.event_name == "Deposit"] == [5_000 * GRID]
    staking.invoke_transaction("delegate", alice, sender=alice)  # Ape has its own .delegate
    assert staking.getVotes(alice) == 5_000 * GRID
    assert staking.CLOCK_MODE() == "mode=timestamp"


def test_funded_position__earns_simple_interest_at_8_percent(chain, staking, deployer, alice):
    staking.fundRewards(1_000_000 * GRID, sender=deployer)
    start = staking.deposit(10_000 * GRID, alice, sender=alice).timestamp
    for seconds in (1, 3600, 30 * 86_400, YEAR):
        advance_to(chain, start + seconds)
        chain.mine()
        expected = _earned(10_000 * GRID, chain.pending_timestamp - 1 - start)
        assert abs(staking.earned(alice) - expected) <= 1
    tx = staking.claimRewards(alice, alice, sender=alice)
    paid = tx.events.filter(staking.RewardsClaimed)[0].amount
    assert abs(paid - _earned(10_000 * GRID, tx.timestamp - start)) <= 1
    assert staking.earned(alice) == 0


def test_claim_for_someone_else__reverts(staking, alice, attacker):
    with ape.reverts(staking.GridStakingNotAccount, account=alice.address, caller=attacker):
        staking.claimRewards(alice, attacker, sender=attacker)


def test_claim_with_nothing_earned__reverts(staking, alice):
    with ape.reverts(staking.GridStakingNothingToClaim, account=alice.address):
        staking.claimRewards(alice, alice, sender=alice)


def test_fund_zero__reverts(staking, deployer):
    with ape.reverts(staking.GridStakingZeroAmount):
        staking.fundRewards(0, sender=deployer)


def test_reserve_runs_out__never_promises_more_and_view_says_when(
    chain, staking, grid, deployer, alice
):
    reserve = 100 * GRID
    staking.fundRewards(reserve, sender=deployer)
    start = staking.deposit(100_000 * GRID, alice, sender=alice).timestamp
    # 8 % of 100,000 GRID is 8,000 GRID a year: 100 GRID last 100/8000 of a year.
    until = staking.fundedUntil()
    assert until == start + reserve * 10_000 * YEAR // (100_000 * GRID * RATE)
    advance_to(chain, start + YEAR)
    tx = staking.claimRewards(alice, alice, sender=alice)
    paid = tx.events.filter(staking.RewardsClaimed)[0].amount
    assert reserve - 1 <= paid <= reserve
    assert staking.rewardReserve() <= 1
    advance_to(chain, tx.timestamp + YEAR)
    chain.mine()
    assert staking.earned(alice) <= 1
    assert grid.balanceOf(staking) >= staking.totalSupply() + staking.allocatedRewards()


def test_nobody_staking__reserve_untouched(chain, staking, deployer):
    tx = staking.fundRewards(500 * GRID, sender=deployer)
    assert staking.fundedUntil() == 2**256 - 1
    advance_to(chain, tx.timestamp + YEAR)
    chain.mine()
    assert staking.rewardReserve() == 500 * GRID


def test_withdraw__keeps_earnings_and_returns_principal(chain, staking, grid, deployer, bob):
    staking.fundRewards(1_000 * GRID, sender=deployer)
    start = staking.deposit(1_000 * GRID, bob, sender=bob).timestamp
    advance_to(chain, start + 86_400)
    before = grid.balanceOf(bob)
    tx = staking.redeem(1_000 * GRID, bob, bob, sender=bob)
    assert grid.balanceOf(bob) == before + 1_000 * GRID
    assert abs(staking.earned(bob) - _earned(1_000 * GRID, tx.timestamp - start)) <= 1


def test_rate_change__old_rate_until_the_change(chain, staking, deployer, carol):
    staking.fundRewards(1_000_000 * GRID, sender=deployer)
    start = staking.deposit(10_000 * GRID, carol, sender=carol).timestamp
    advance_to(chain, start + 1000)
    change = staking.setRate(1600, sender=deployer)
    assert change.events == [staking.RateUpdated(1600)]
    advance_to(chain, change.timestamp + 1000)
    chain.mine()
    now = chain.pending_timestamp - 1
    expected = _earned(10_000 * GRID, change.timestamp - start) + _earned(
        10_000 * GRID, now - change.timestamp, 1600
    )
    assert abs(staking.earned(carol) - expected) <= 1
    with ape.reverts(staking.GridStakingInvalidParameter, value=2001):
        staking.setRate(2001, sender=deployer)


def test_licence_and_fee_tiers(staking, deployer, alice, bob):
    staking.deposit(10_000 * GRID, alice, sender=alice)
    staking.deposit(500 * GRID, bob, sender=bob)
    assert staking.hasLicence(alice) and not staking.hasLicence(bob)
    staking.setFeeTiers([100 * GRID, 5_000 * GRID], [1000, 2500], sender=deployer)
    assert staking.feeDiscountBps(alice) == 2500
    assert staking.feeDiscountBps(bob) == 1000
    staking.setLicenceThreshold(100 * GRID, sender=deployer)
    assert staking.hasLicence(bob)


@pytest.mark.parametrize(
    "thresholds, discounts, name",
    [
        ([1], [1, 2], "tierLengths"),
        ([1] * 9, [1] * 9, "tierCount"),
        ([1], [10_001], "discountBps"),
        ([2, 2], [1, 2], "tierThreshold"),
        ([1, 2], [2, 1], "tierDiscount"),
    ],
)
def test_bad_fee_tiers__revert(staking, deployer, thresholds, discounts, name):
    with ape.reverts(staking.GridStakingInvalidParameter, name=name.encode().ljust(32, b"\0")):
        staking.setFeeTiers(thresholds, discounts, sender=deployer)


steps = st.lists(
    st.tuples(
        st.sampled_from(["deposit", "redeem", "claim", "fund", "transfer"]),
        st.integers(0, 2),
        st.integers(1, 50_000),
        st.integers(0, 40 * 86_400),
    ),
    min_size=3,
    max_size=10,
)


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],
)
@given(flow=steps)
def test_random_flow__obligations_never_exceed_funding(
    isolated, chain, staking, grid, deployer, alice, bob, carol, flow
):
    """Property: GRID held >= principal + reserve + allocated, and the stakers' earnings never
    exceed the allocation, across random deposits, redemptions, claims, funding and time."""
    people = (alice, bob, carol)
    with isolated():
        staking.fundRewards(50 * GRID, sender=deployer)
        for kind, who, amount, wait in flow:
            account = people[who]
            advance_to(chain, chain.pending_timestamp + wait)
            if kind == "deposit":
                staking.deposit(amount * GRID, account, sender=account)
            elif kind == "redeem" and staking.balanceOf(account):
                staking.redeem(
                    staking.balanceOf(account) // 2 or 1, account, account, sender=account
                )
            elif kind == "claim" and staking.earned(account):
                staking.claimRewards(account, account, sender=account)
            elif kind == "fund":
                staking.fundRewards(amount * GRID // 1000 + 1, sender=deployer)
            elif kind == "transfer" and staking.balanceOf(account):
                staking.transfer(
                    people[(who + 1) % 3], staking.balanceOf(account) // 3, sender=account
                )
            chain.mine()
            held = grid.balanceOf(staking)
            allocated = staking.allocatedRewards()
            assert held >= staking.totalSupply() + staking.rewardReserve() + allocated
            # What the stakers could claim now never exceeds what was funded and not kept in
            # reserve (held - principal - reserve = allocated + what the pending drip allocates).
            promised = held - staking.totalSupply() - staking.rewardReserve()
            assert sum(staking.earned(p) for p in people) <= promised
