"""The formulas: the pallet's own numbers, and constant product equal to Uniswap V2's."""

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gridset.bench.uniswap_v2 import deploy_uniswap_v2
from gridset.broker.units import WAD, Formula
from gridset.reference.broker import cs_amount_in, cs_amount_out

from .conftest import MAX_UINT, reverts

PURE = settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
#: Inputs per eth_call: a call costs ~50 ms on py-evm, so each example checks a batch.
BATCH = 25
RESERVE = st.integers(min_value=1, max_value=2**112 - 1)


@pytest.fixture(scope="module")
def harness(project, admin):
    return admin.deploy(project.BrokerMathHarness)


@pytest.fixture(scope="module")
def uniswap(admin):
    return deploy_uniswap_v2(admin)


@pytest.fixture
def pallet_pool(project, admin, factory, create_token, new_pool, fund, router, alice, deadline):
    """The pallet's test set-up: rate 1/2 (native per asset), 2 % fee, ample reserves."""
    native, asset = create_token("NATIVE"), create_token("ASSET")
    provider = admin.deploy(project.FixedRateProvider, admin, asset, native, WAD // 2)
    pool = new_pool(asset, native, Formula.CONSTANT_SUM, provider)
    factory.setPoolFees(asset, native, 200, 0, sender=admin)
    fund(alice, 10**24, native, asset)
    router.addLiquidity(asset, native, 10**6, 10**6, 0, 0, alice, deadline, sender=alice)
    return pool, native, asset


@pytest.mark.parametrize(
    ("sell_native", "amount_out"), [(True, 196), (False, 49)], ids=["native-in", "asset-in"]
)
@pytest.mark.parametrize("exact", ["in", "out"])
def test_pallet_numbers__100_in__pays_pallet_output(
    router, pallet_pool, alice, bob, deadline, sell_native, amount_out, exact
):
    # Pallet test facts: rate 1/2, 2 % fee: 100 native -> 196 asset, 100 asset -> 49 native.
    _, native, asset = pallet_pool
    path = [native, asset] if sell_native else [asset, native]
    assert router.getAmountsOut(100, path) == [100, amount_out]
    assert router.getAmountsIn(amount_out, path) == [100, amount_out]

    if exact == "in":
        router.swapExactTokensForTokens(100, amount_out, path, bob, deadline, sender=alice)
    else:
        router.swapTokensForExactTokens(amount_out, 100, path, bob, deadline, sender=alice)

    assert path[1].balanceOf(bob) == amount_out


def test_pallet_numbers__quote_without_fee__is_the_rate(router, pallet_pool):
    _, native, asset = pallet_pool
    assert router.quote(100, native, asset) == 200
    assert router.quote(100, asset, native) == 50


@st.composite
def _exact_in_rows(draw) -> list[tuple[int, int, int]]:
    """Batches of (amountIn, reserveIn, reserveOut)."""
    row = st.tuples(st.integers(min_value=1, max_value=2**100), RESERVE, RESERVE)
    return draw(st.lists(row, min_size=1, max_size=BATCH))


@st.composite
def _exact_out_rows(draw) -> list[tuple[int, int, int]]:
    """Batches of (amountOut, reserveIn, reserveOut) with amountOut < reserveOut."""
    rows = []
    for _ in range(draw(st.integers(min_value=1, max_value=BATCH))):
        reserve_out = draw(st.integers(min_value=2, max_value=2**112 - 1))
        rows.append((draw(st.integers(1, reserve_out - 1)), draw(RESERVE), reserve_out))
    return rows


@PURE
@given(rows=_exact_in_rows())
def test_constant_product_out__random_inputs__equals_uniswap_v2(harness, uniswap, rows):
    assert harness.constantProduct(True, rows, 30) == harness.uniswap(uniswap.router, True, rows)


@PURE
@given(rows=_exact_out_rows())
def test_constant_product_in__random_inputs__equals_uniswap_v2(harness, uniswap, rows):
    assert harness.constantProduct(False, rows, 30) == harness.uniswap(uniswap.router, False, rows)


@PURE
@given(rows=_exact_in_rows(), fee_per_mille=st.integers(min_value=0, max_value=100))
def test_constant_product_out__pallet_fee_unit__equals_spec_formula(harness, rows, fee_per_mille):
    # The spec's formula in the pallet's unit (tenths of a percent); ours takes 10x as bps.
    expected = [
        a * (1000 - fee_per_mille) * r_out // (r_in * 1000 + a * (1000 - fee_per_mille))
        for a, r_in, r_out in rows
    ]
    assert harness.constantProduct(True, rows, 10 * fee_per_mille) == expected


@PURE
@given(
    rows=st.lists(
        st.tuples(
            st.integers(min_value=1, max_value=2**100),
            st.integers(min_value=0, max_value=1),
            st.integers(min_value=10**9, max_value=10**30),
            st.integers(min_value=0, max_value=1000),
        ),
        min_size=1,
        max_size=BATCH,
    )
)
def test_constant_sum__random_inputs__exact_out_is_smallest_sufficient_input(harness, rows):
    assert harness.constantSum(True, rows) == [
        cs_amount_out(a, bool(s), r, f) for a, s, r, f in rows
    ]
    needed = harness.constantSum(False, rows)
    assert needed == [cs_amount_in(a, bool(s), r, f) for a, s, r, f in rows]
    paid = harness.constantSum(
        True, [(n, s, r, f) for n, (_, s, r, f) in zip(needed, rows, strict=True)]
    )
    for (amount, side, rate, fee), need, out in zip(rows, needed, paid, strict=True):
        assert out >= amount
        assert cs_amount_out(need - 1, bool(side), rate, fee) < amount


def test_constant_product_pool__same_swaps_as_uniswap_pair__same_outputs(
    router, uniswap, factory, admin, new_pool, fund, alice, fresh_pair, deadline
):
    token_a, token_b = fresh_pair
    new_pool(token_a, token_b)
    factory.setPoolFees(token_a, token_b, 30, 0, sender=admin)
    fund(alice, 10**27, token_a, token_b)
    token_a.approve(uniswap.router, MAX_UINT, sender=alice)
    token_b.approve(uniswap.router, MAX_UINT, sender=alice)
    for r in (router, uniswap.router):
        r.addLiquidity(token_a, token_b, 3 * 10**22, 10**22, 0, 0, alice, deadline, sender=alice)

    rng = random.Random(6)
    for _ in range(8):
        path = [token_a, token_b] if rng.random() < 0.5 else [token_b, token_a]
        amount = rng.randrange(1, 10**21)
        ours = router.getAmountsOut(amount, path)
        theirs = uniswap.router.getAmountsOut(amount, path)
        assert list(ours) == list(theirs)
        for r in (router, uniswap.router):
            r.swapExactTokensForTokens(amount, ours[-1], path, alice, deadline, sender=alice)
    pair = uniswap.pair(token_a, token_b)
    ours = router.getReserves(token_a, token_b)
    theirs = pair.getReserves()[:2]
    assert tuple(ours) == (tuple(theirs) if pair.token0() == token_a.address else theirs[::-1])


def test_constant_sum__dust__rounds_against_the_trader(router, pallet_pool):
    _, native, asset = pallet_pool
    # Exact out: each step rounds up. 1 native = ceil(ceil(1 / 0.5) / 0.98) = 3 asset;
    # 1 asset = ceil(ceil(1 * 0.5) / 0.98) = 2 native. Exact in: 1 asset is 0.98 -> 0 after the fee.
    assert router.getAmountsIn(1, [asset, native])[0] == 3
    assert router.getAmountsIn(1, [native, asset])[0] == 2
    with reverts(router.EnergyBrokerZeroAmount):
        router.getAmountsOut(1, [asset, native])
