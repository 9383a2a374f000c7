"""Adding and removing liquidity through the router, both formulas."""

from math import isqrt

import pytest

from gridset.broker.units import WAD

from .conftest import MAX_UINT, RATE, WITHDRAWAL_FEE_BPS, pool_balances, reverts

DEAD = "0x000000000000000000000000000000000000dEaD"
MINIMUM_LIQUIDITY = 1000


def _in_pool_order(pool, token_a, amount_a, amount_b):
    return (amount_a, amount_b) if pool.token0() == token_a.address else (amount_b, amount_a)


def test_add_liquidity__first_constant_product_deposit__locks_minimum(
    project, router, new_pool, fund, alice, bob, fresh_pair, deadline
):
    token_a, token_b = fresh_pair
    pool = new_pool(token_a, token_b)
    fund(alice, 10**24, token_a, token_b)

    tx = router.addLiquidity(
        token_a, token_b, 4 * 10**20, 10**20, 0, 0, bob, deadline, sender=alice
    )

    minted = isqrt(4 * 10**20 * 10**20) - MINIMUM_LIQUIDITY
    amount0, amount1 = _in_pool_order(pool, token_a, 4 * 10**20, 10**20)
    assert tx.events.filter(pool.LiquidityAdded) == [
        pool.LiquidityAdded(router, bob, amount0, amount1, minted)
    ]
    assert pool.balanceOf(bob) == minted
    assert pool.balanceOf(DEAD) == MINIMUM_LIQUIDITY
    assert pool.getReserves() == pool_balances(project, pool) == (amount0, amount1)


def test_add_liquidity__constant_product_excess_b__deposits_at_reserve_ratio(
    router, cp_pool, alice, watt, grid, deadline
):
    supply = cp_pool.totalSupply()

    tx = router.addLiquidity(watt, grid, 10**20, 5 * 10**20, 0, 0, alice, deadline, sender=alice)

    (mint,) = tx.events.filter(cp_pool.LiquidityAdded)
    assert (mint.amount0, mint.amount1) == (10**20, 10**20)
    assert mint.liquidity == 10**20 * supply // 10**24


def test_add_liquidity__constant_product_excess_a__deposits_at_reserve_ratio(
    router, cp_pool, alice, watt, grid, deadline
):

    tx = router.addLiquidity(watt, grid, 7 * 10**20, 10**20, 0, 0, alice, deadline, sender=alice)

    (mint,) = tx.events.filter(cp_pool.LiquidityAdded)
    assert (mint.amount0, mint.amount1) == (10**20, 10**20)


def test_add_liquidity__ratio_below_minimum__reverts(router, cp_pool, alice, watt, grid, deadline):
    with reverts(
        router.EnergyBrokerDepositDidNotMeetMinimum,
        token=grid.address,
        amount=10**20,
        minimum=2 * 10**20,
    ):
        router.addLiquidity(
            watt, grid, 10**20, 5 * 10**20, 0, 2 * 10**20, alice, deadline, sender=alice
        )
    with reverts(
        router.EnergyBrokerDepositDidNotMeetMinimum,
        token=watt.address,
        amount=10**20,
        minimum=10**20 + 1,
    ):
        router.addLiquidity(
            watt, grid, 5 * 10**20, 10**20, 10**20 + 1, 0, alice, deadline, sender=alice
        )


def test_add_liquidity__constant_product_one_side_zero__reverts(
    router, cp_pool, alice, watt, grid, deadline
):
    with reverts(router.EnergyBrokerWrongDesiredAmount, amountADesired=10**20, amountBDesired=0):
        router.addLiquidity(watt, grid, 10**20, 0, 0, 0, alice, deadline, sender=alice)


def test_add_liquidity__first_deposit_too_small__reverts(
    router, new_pool, fund, alice, fresh_pair, deadline
):
    token_a, token_b = fresh_pair
    new_pool(token_a, token_b)
    fund(alice, 10**24, token_a, token_b)
    with reverts(router.EnergyBrokerInsufficientLiquidityMinted, liquidity=2000, minimum=2001):
        router.addLiquidity(token_a, token_b, 2000, 2000, 0, 0, alice, deadline, sender=alice)


def test_add_liquidity__dust_after_price_moved__reverts(
    router, cp_pool, alice, watt, grid, deadline
):
    router.swapExactTokensForTokens(10**23, 0, [watt, grid], alice, deadline, sender=alice)

    with reverts(router.EnergyBrokerInsufficientLiquidityMinted, liquidity=0, minimum=1):
        router.addLiquidity(grid, watt, 1, 1, 0, 0, alice, deadline, sender=alice)


def test_add_liquidity__first_constant_sum_deposit__mints_value_in_numeraire(
    router, fund, alice, watt, fresh_cs, deadline
):
    pool, token, _ = fresh_cs
    fund(alice, 10**24, token, watt)

    tx = router.addLiquidity(token, watt, 10**6, 10**20, 0, 0, alice, deadline, sender=alice)

    value = 10**20 + 10**6 * RATE // WAD
    (mint,) = tx.events.filter(pool.LiquidityAdded)
    assert mint.liquidity == value - MINIMUM_LIQUIDITY
    assert pool.totalSupply() == value


def test_add_liquidity__constant_sum_single_sided__mints_share_of_value(
    router, cs_pool, alice, energy, watt, deadline
):
    supply = cs_pool.totalSupply()
    reserves_value = 2500 * 10**18 + 10**7 * RATE // WAD

    tx = router.addLiquidity(energy, watt, 4 * 10**6, 0, 0, 0, alice, deadline, sender=alice)

    (mint,) = tx.events.filter(cs_pool.LiquidityAdded)
    assert mint.liquidity == (4 * 10**6 * RATE // WAD) * supply // reserves_value
    assert energy.balanceOf(cs_pool) == 14 * 10**6


def test_add_liquidity__constant_sum_nothing__reverts(
    router, cp_pool, alice, energy, watt, deadline
):
    with reverts(router.EnergyBrokerWrongDesiredAmount, amountADesired=0, amountBDesired=0):
        router.addLiquidity(energy, watt, 0, 0, 0, 0, alice, deadline, sender=alice)


def test_add_liquidity__constant_sum_reserves_worth_nothing__reverts(
    router, factory, admin, fund, alice, watt, fresh_cs, deadline
):
    # Rate 1001 WATT-wei per Wh: sell 2 Wh for the whole 2,002 WATT-wei reserve, then let
    # governance cut the rate to 1e-18: the 2 Wh left are worth 0, so no deposit can be priced.
    pool, token, provider = fresh_cs
    provider.setRate(1001 * WAD, sender=admin)
    factory.setPoolFees(token, watt, 0, 0, sender=admin)
    fund(alice, 10**24, token, watt)
    router.addLiquidity(token, watt, 0, 2002, 0, 0, alice, deadline, sender=alice)
    router.swapExactTokensForTokens(2, 0, [token, watt], alice, deadline, sender=alice)
    provider.setRate(1, sender=admin)

    with reverts(router.EnergyBrokerZeroLiquidity, pool=pool.address):
        router.addLiquidity(token, watt, 0, 10**18, 0, 0, alice, deadline, sender=alice)


def test_add_liquidity__expired__reverts(router, cp_pool, alice, watt, grid, chain):
    deadline = chain.pending_timestamp - 1
    with reverts(router.EnergyBrokerExpired, deadline=deadline):
        router.addLiquidity(watt, grid, 10**18, 10**18, 0, 0, alice, deadline, sender=alice)


def test_add_liquidity__no_pool__reverts(router, alice, watt, create_token, deadline):
    other = create_token("OTHER")
    with reverts(router.EnergyBrokerPoolNotFound, tokenA=other.address, tokenB=watt.address):
        router.addLiquidity(other, watt, 10**18, 10**18, 0, 0, alice, deadline, sender=alice)


def test_add_liquidity__same_token__reverts(router, alice, watt, deadline):
    with reverts(router.EnergyBrokerEqualAssets, token=watt.address):
        router.addLiquidity(watt, watt, 10**18, 10**18, 0, 0, alice, deadline, sender=alice)


def test_add_liquidity__fee_on_transfer_token__reverts(
    project, router, new_pool, admin, fund, alice, watt, deadline
):
    fot = admin.deploy(project.FeeOnTransferTestToken)
    pool = new_pool(fot, watt)
    fund(alice, 10**24, fot, watt)

    with reverts(
        router.EnergyBrokerInputNotReceived, token=fot.address, received=99 * 10**18, needed=10**20
    ):
        router.addLiquidity(fot, watt, 10**20, 10**20, 0, 0, alice, deadline, sender=alice)
    assert pool.totalSupply() == 0


def test_mint__direct_call_without_payment__reverts(cp_pool, alice, watt):
    token0 = cp_pool.token0()
    with reverts(cp_pool.EnergyBrokerInputNotReceived, token=token0, received=0, needed=1):
        cp_pool.mint(alice, 1, 0, sender=alice)


def test_remove_liquidity__constant_product__pays_share_less_withdrawal_fee(
    router, cp_pool, alice, bob, watt, grid, deadline
):
    cp_pool.approve(router, MAX_UINT, sender=alice)
    supply = cp_pool.totalSupply()
    burn = 10**22
    redeemed = burn - -(-burn * WITHDRAWAL_FEE_BPS // 10_000)

    tx = router.removeLiquidity(watt, grid, burn, 0, 0, bob, deadline, sender=alice)

    share = redeemed * 10**24 // supply
    assert tx.events.filter(cp_pool.LiquidityRemoved) == [
        cp_pool.LiquidityRemoved(router, bob, burn, share, share)
    ]
    assert (watt.balanceOf(bob), grid.balanceOf(bob)) == (share, share)
    assert cp_pool.totalSupply() == supply - burn
    assert cp_pool.getReserves() == (10**24 - share, 10**24 - share)


def test_remove_liquidity__constant_sum__pays_both_tokens_pro_rata(
    router, cs_pool, alice, bob, energy, watt, deadline
):
    cs_pool.approve(router, MAX_UINT, sender=alice)
    supply = cs_pool.totalSupply()

    router.removeLiquidity(energy, watt, supply // 10, 0, 0, bob, deadline, sender=alice)

    redeemed = supply // 10 - -(-(supply // 10) * WITHDRAWAL_FEE_BPS // 10_000)
    assert energy.balanceOf(bob) == redeemed * 10**7 // supply
    assert watt.balanceOf(bob) == redeemed * 2500 * 10**18 // supply


def test_remove_liquidity__below_minimum__reverts(router, cp_pool, alice, watt, grid, deadline):
    cp_pool.approve(router, MAX_UINT, sender=alice)
    with reverts(
        router.EnergyBrokerWithdrawalDidNotMeetMinimum,
        token=grid.address,
        minimum=10**22,
    ):
        router.removeLiquidity(watt, grid, 10**22, 0, 10**22, alice, deadline, sender=alice)


def test_remove_liquidity__zero__reverts(router, cp_pool, alice, watt, grid, deadline):
    with reverts(router.EnergyBrokerZeroLiquidity, pool=cp_pool.address):
        router.removeLiquidity(watt, grid, 0, 0, 0, alice, deadline, sender=alice)


def test_remove_liquidity__one_unit_eaten_by_fee__reverts(
    router, cp_pool, alice, watt, grid, deadline
):
    cp_pool.approve(router, MAX_UINT, sender=alice)
    with reverts(router.EnergyBrokerZeroAmount):
        router.removeLiquidity(watt, grid, 1, 0, 0, alice, deadline, sender=alice)


@pytest.mark.parametrize("formula", ["cp", "cs"])
def test_pause__blocks_deposits__withdrawals_stay_open(
    request, router, factory, guardian, alice, watt, grid, energy, deadline, formula
):
    pool = request.getfixturevalue(f"{formula}_pool")
    token_a, token_b = (watt, grid) if formula == "cp" else (energy, watt)
    factory.pausePool(token_a, token_b, sender=guardian)
    pool.approve(router, MAX_UINT, sender=alice)

    with reverts(router.EnergyBrokerPoolPaused, pool=pool.address):
        router.addLiquidity(token_a, token_b, 10**6, 10**6, 0, 0, alice, deadline, sender=alice)
    tx = router.removeLiquidity(token_a, token_b, 10**18, 0, 0, alice, deadline, sender=alice)
    assert len(tx.events.filter(pool.LiquidityRemoved)) == 1
