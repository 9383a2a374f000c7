"""Swaps through the router: exact input and output, one and two hops, limits and failures."""

import pytest

from gridset.broker.units import WAD
from gridset.reference.broker import cp_amount_in, cp_amount_out, cs_amount_in, cs_amount_out

from .conftest import LP_FEE_BPS, MAX_PATH_LENGTH, MAX_UINT, RATE, pool_balances, reverts

CP_RESERVE = 10**24
CS_ENERGY, CS_WATT = 10**7, 2500 * 10**18


def test_swap_exact_in__one_hop_constant_product__pays_formula_output(
    project, router, cp_pool, alice, bob, watt, grid, deadline
):
    expected = cp_amount_out(10**21, CP_RESERVE, CP_RESERVE, LP_FEE_BPS)

    tx = router.swapExactTokensForTokens(
        10**21, expected, [watt, grid], bob, deadline, sender=alice
    )

    zero_for_one = cp_pool.token0() == watt.address
    assert tx.events.filter(cp_pool.SwapExecuted) == [
        cp_pool.SwapExecuted(router, bob, zero_for_one, 10**21, expected)
    ]
    assert grid.balanceOf(bob) == expected
    assert cp_pool.getReserves() == pool_balances(project, cp_pool)


def test_swap_exact_in__two_hops_across_formulas__chains_outputs(
    router, cp_pool, cs_pool, alice, bob, watt, grid, energy, deadline
):
    watt_mid = cp_amount_out(10**20, CP_RESERVE, CP_RESERVE, LP_FEE_BPS)
    expected = cs_amount_out(watt_mid, False, RATE, LP_FEE_BPS)

    tx = router.swapExactTokensForTokens(
        10**20, expected, [grid, watt, energy], bob, deadline, sender=alice
    )

    assert energy.balanceOf(bob) == expected
    swaps = tx.decode_logs(cp_pool.SwapExecuted)
    assert [(log.contract_address, log.amountOut) for log in swaps] == [
        (cp_pool.address, watt_mid),
        (cs_pool.address, expected),
    ]


def test_swap_exact_out__one_hop_constant_product__takes_formula_input(
    router, cp_pool, alice, bob, watt, grid, deadline
):
    before = watt.balanceOf(alice)
    expected_in = cp_amount_in(10**21, CP_RESERVE, CP_RESERVE, LP_FEE_BPS)

    router.swapTokensForExactTokens(10**21, expected_in, [watt, grid], bob, deadline, sender=alice)

    assert grid.balanceOf(bob) == 10**21
    assert before - watt.balanceOf(alice) == expected_in


def test_swap_exact_out__two_hops__pays_exact_output(
    project, router, cp_pool, cs_pool, alice, bob, watt, grid, energy, deadline
):
    watt_needed = cs_amount_in(4 * 10**6, False, RATE, LP_FEE_BPS)
    grid_needed = cp_amount_in(watt_needed, CP_RESERVE, CP_RESERVE, LP_FEE_BPS)
    assert router.getAmountsIn(4 * 10**6, [grid, watt, energy]) == [
        grid_needed,
        watt_needed,
        4 * 10**6,
    ]
    before = grid.balanceOf(alice)

    router.swapTokensForExactTokens(
        4 * 10**6, grid_needed, [grid, watt, energy], bob, deadline, sender=alice
    )

    assert energy.balanceOf(bob) == 4 * 10**6
    assert before - grid.balanceOf(alice) == grid_needed
    for pool in (cp_pool, cs_pool):
        assert pool.getReserves() == pool_balances(project, pool)


def test_swap_exact_in__below_minimum_output__reverts(router, cp_pool, alice, watt, grid, deadline):
    expected = cp_amount_out(10**21, CP_RESERVE, CP_RESERVE, LP_FEE_BPS)
    with reverts(
        router.EnergyBrokerProvidedMinimumNotSufficientForSwap,
        amountOut=expected,
        amountOutMin=expected + 1,
    ):
        router.swapExactTokensForTokens(
            10**21, expected + 1, [watt, grid], alice, deadline, sender=alice
        )


def test_swap_exact_out__above_maximum_input__reverts(router, cp_pool, alice, watt, grid, deadline):
    needed = cp_amount_in(10**21, CP_RESERVE, CP_RESERVE, LP_FEE_BPS)
    with reverts(
        router.EnergyBrokerProvidedMaximumNotSufficientForSwap,
        amountIn=needed,
        amountInMax=needed - 1,
    ):
        router.swapTokensForExactTokens(
            10**21, needed - 1, [watt, grid], alice, deadline, sender=alice
        )


@pytest.mark.parametrize("exact", ["in", "out"])
def test_swap__after_deadline__reverts(router, cp_pool, alice, watt, grid, chain, exact):
    deadline = chain.pending_timestamp - 1
    swap = router.swapExactTokensForTokens if exact == "in" else router.swapTokensForExactTokens
    limit = 0 if exact == "in" else MAX_UINT
    with reverts(router.EnergyBrokerExpired, deadline=deadline):
        swap(10**18, limit, [watt, grid], alice, deadline, sender=alice)


@pytest.mark.parametrize("exact", ["in", "out"])
def test_swap__second_hop_pool_missing__reverts(
    router, cp_pool, alice, watt, grid, create_token, deadline, exact
):
    other = create_token("OTHER")
    swap = router.swapExactTokensForTokens if exact == "in" else router.swapTokensForExactTokens
    limit = 0 if exact == "in" else MAX_UINT
    with reverts(router.EnergyBrokerPoolNotFound, tokenA=grid.address, tokenB=other.address):
        swap(10**18, limit, [watt, grid, other], alice, deadline, sender=alice)


def test_swap__path_longer_than_maximum__reverts(
    router, cp_pool, alice, watt, grid, energy, create_token, deadline
):
    path = [grid, watt, energy, create_token("OTHER")]
    with reverts(router.EnergyBrokerInvalidPath, length=4, maxLength=MAX_PATH_LENGTH):
        router.swapExactTokensForTokens(10**18, 0, path, alice, deadline, sender=alice)
    with reverts(router.EnergyBrokerInvalidPath, length=4, maxLength=MAX_PATH_LENGTH):
        router.getAmountsOut(10**18, path)


def test_swap__single_token_path__reverts(router, alice, watt, deadline):
    with reverts(router.EnergyBrokerInvalidPath, length=1, maxLength=MAX_PATH_LENGTH):
        router.swapExactTokensForTokens(10**18, 0, [watt], alice, deadline, sender=alice)


def test_swap__token_twice_in_path__reverts(router, cp_pool, alice, watt, grid, deadline):
    with reverts(router.EnergyBrokerNonUniquePath, token=watt.address):
        router.swapExactTokensForTokens(
            10**18, 0, [watt, grid, watt], alice, deadline, sender=alice
        )
    with reverts(router.EnergyBrokerNonUniquePath, token=watt.address):
        router.getAmountsIn(10**18, [watt, watt])


def test_swap_exact_in__constant_sum_output_above_reserve__reverts(
    router, cs_pool, alice, energy, watt, deadline
):
    # 20 MWh at 0.25 WATT/kWh less 1 % is 4,950 WATT; the pool holds 2,500.
    needed = cs_amount_out(2 * 10**7, True, RATE, LP_FEE_BPS)
    with reverts(router.EnergyBrokerInsufficientLiquidity, reserve=CS_WATT, needed=needed):
        router.swapExactTokensForTokens(2 * 10**7, 0, [energy, watt], alice, deadline, sender=alice)


def test_swap_exact_out__constant_product_whole_reserve__reverts(
    router, cp_pool, alice, watt, grid, deadline
):
    with reverts(router.EnergyBrokerAmountOutTooHigh, amountOut=CP_RESERVE, reserveOut=CP_RESERVE):
        router.swapTokensForExactTokens(
            CP_RESERVE, MAX_UINT, [watt, grid], alice, deadline, sender=alice
        )


def test_swap_exact_out__constant_sum_above_reserve__reverts(
    router, cs_pool, alice, watt, energy, deadline
):
    with reverts(
        router.EnergyBrokerAmountOutTooHigh, amountOut=CS_ENERGY + 1, reserveOut=CS_ENERGY
    ):
        router.swapTokensForExactTokens(
            CS_ENERGY + 1, MAX_UINT, [watt, energy], alice, deadline, sender=alice
        )


def test_swap_exact_out__constant_sum_whole_reserve__drains_one_side(
    project, router, cs_pool, alice, watt, energy, deadline
):
    router.swapTokensForExactTokens(
        CS_ENERGY, MAX_UINT, [watt, energy], alice, deadline, sender=alice
    )

    assert energy.balanceOf(cs_pool) == 0
    assert cs_pool.getReserves() == pool_balances(project, cs_pool)


@pytest.mark.parametrize("exact", ["in", "out"])
def test_swap__zero_amount__reverts(router, cp_pool, alice, watt, grid, deadline, exact):
    swap = router.swapExactTokensForTokens if exact == "in" else router.swapTokensForExactTokens
    limit = 0 if exact == "in" else MAX_UINT
    with reverts(router.EnergyBrokerZeroAmount):
        swap(0, limit, [watt, grid], alice, deadline, sender=alice)


def test_swap_exact_in__output_rounds_to_zero__reverts(
    router, cp_pool, alice, watt, grid, deadline
):
    with reverts(router.EnergyBrokerZeroAmount):
        router.swapExactTokensForTokens(1, 0, [watt, grid], alice, deadline, sender=alice)


def test_swap__empty_constant_product_pool__reverts(
    router, new_pool, fund, alice, fresh_pair, deadline
):
    token_a, token_b = fresh_pair
    pool = new_pool(token_a, token_b)
    fund(alice, 10**24, token_a, token_b)
    with reverts(router.EnergyBrokerZeroLiquidity, pool=pool.address):
        router.swapExactTokensForTokens(
            10**18, 0, [token_a, token_b], alice, deadline, sender=alice
        )
    with reverts(router.EnergyBrokerAmountOutTooHigh, amountOut=10**18, reserveOut=0):
        router.getAmountsIn(10**18, [token_a, token_b])


def test_swap__paused_pool__reverts(
    router, factory, guardian, cp_pool, alice, watt, grid, deadline
):
    factory.pausePool(watt, grid, sender=guardian)
    with reverts(router.EnergyBrokerPoolPaused, pool=cp_pool.address):
        router.swapExactTokensForTokens(10**18, 0, [watt, grid], alice, deadline, sender=alice)
    with reverts(router.EnergyBrokerPoolPaused, pool=cp_pool.address):
        router.swapTokensForExactTokens(
            10**18, MAX_UINT, [watt, grid], alice, deadline, sender=alice
        )


def test_swap__fee_on_transfer_input__reverts(
    project, router, admin, new_pool, fund, alice, watt, deadline, chain
):
    fot = admin.deploy(project.FeeOnTransferTestToken)
    new_pool(fot, watt)
    fund(alice, 10**24, fot, watt)
    # Seed the pool directly so the deposit itself is not what fails.
    pool = project.EnergyBrokerPool.at(router.poolFor(fot, watt))
    fot.transfer(pool, 10**20, sender=alice)
    watt.transfer(pool, 10**20, sender=alice)
    amount0, amount1 = (
        (99 * 10**18, 10**20) if pool.token0() == fot.address else (10**20, 99 * 10**18)
    )
    pool.mint(alice, amount0, amount1, sender=alice)

    with reverts(
        router.EnergyBrokerInputNotReceived, token=fot.address, received=99 * 10**16, needed=10**18
    ):
        router.swapExactTokensForTokens(10**18, 0, [fot, watt], alice, deadline, sender=alice)


def test_swap__direct_pool_call_without_payment__reverts(cp_pool, alice):
    token0 = cp_pool.token0()
    with reverts(cp_pool.EnergyBrokerInputNotReceived, token=token0, received=0, needed=10**18):
        cp_pool.swapExactIn(True, 10**18, alice, sender=alice)


def test_swap__token_reentering_pool__reverts(
    project, router, admin, new_pool, fund, alice, watt, deadline
):
    evil = admin.deploy(project.ReentrantTestToken)
    pool = new_pool(evil, watt)
    fund(alice, 10**24, evil, watt)
    router.addLiquidity(evil, watt, 10**20, 10**20, 0, 0, alice, deadline, sender=alice)
    zero_for_one = pool.token0() == evil.address
    evil.arm(pool, pool.swapExactIn.encode_input(not zero_for_one, 1, alice), sender=alice)

    with reverts(router.ReentrancyGuardReentrantCall):
        router.swapTokensForExactTokens(
            10**18, MAX_UINT, [watt, evil], alice, deadline, sender=alice
        )


def test_quotes__match_pool_state(router, cp_pool, cs_pool, watt, grid, energy):
    assert router.getReserves(energy, watt) == (CS_ENERGY, CS_WATT)
    assert router.getReserves(watt, energy) == (CS_WATT, CS_ENERGY)
    assert router.quote(10**6, energy, watt) == 10**6 * RATE // WAD
    assert router.quote(10**18, watt, grid) == 10**18
    assert router.getAmountsOut(10**6, [energy, watt, grid]) == [
        10**6,
        cs_amount_out(10**6, True, RATE, LP_FEE_BPS),
        cp_amount_out(
            cs_amount_out(10**6, True, RATE, LP_FEE_BPS), CP_RESERVE, CP_RESERVE, LP_FEE_BPS
        ),
    ]


def test_set_max_path_length__by_admin__allows_longer_paths(router, admin):
    tx = router.setMaxPathLength(5, sender=admin)

    assert tx.events == [router.MaxPathLengthUpdated(5)]
    assert router.maxPathLength() == 5


@pytest.mark.parametrize("length", [1, 9])
def test_set_max_path_length__out_of_range__reverts(router, admin, length):
    with reverts(router.EnergyBrokerInvalidParameter, value=length):
        router.setMaxPathLength(length, sender=admin)


def test_set_max_path_length__not_admin__reverts(router, alice):
    with reverts(router.AccessControlUnauthorizedAccount, account=alice.address):
        router.setMaxPathLength(4, sender=alice)
