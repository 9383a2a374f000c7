"""Money library (contracts/libraries/Money.sol): Wh x base units per kWh / 1000, rounding named.

The market and the settlement engine move every amount through it; their grids and rates are
multiples of 1000, where both directions agree. These tests pin the rounding itself and the
full-precision product (no overflow where Wh x rate exceeds 2**256).
"""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

UINT256_MAX = 2**256 - 1


@pytest.fixture(scope="module")
def money(project, deployer):
    return deployer.deploy(project.MoneyHarness)


def _expected(wh: int, rate: int) -> tuple[int, int]:
    return wh * rate // 1000, -(-wh * rate // 1000)


def test_payments__rounding_direction_in_the_name(money):
    rows = [(1, 1), (999, 1), (1000, 1), (1001, 7), (1500, 2 * 10**15), (0, 10**18), (10**6, 0)]
    assert [tuple(r) for r in money.payments(rows)] == [_expected(*r) for r in rows]
    assert money.payments([(1, 1)])[0] == [0, 1]  # 0.001 base units: down to 0, up to 1


def test_payments__grid_multiple_of_1000__exact_both_ways(money):
    rows = [(wh, k * 1000) for wh in (1, 7, 4_294_967_295) for k in (1, 50, 2 * 10**15)]
    assert all(down == up for down, up in money.payments(rows))


def test_payments__product_above_2_256__full_precision(money):
    # wh * rate overflows 256 bits while the result fits: mulDiv keeps 512-bit precision.
    rows = [(UINT256_MAX, 999), (2**200, 2**60)]
    assert [tuple(r) for r in money.payments(rows)] == [_expected(*r) for r in rows]


@settings(max_examples=20, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 2**128), st.integers(0, 2**120)), min_size=1, max_size=20))
def test_payments__random_rows__match_floor_and_ceil(money, rows):
    assert [tuple(r) for r in money.payments(rows)] == [_expected(*r) for r in rows]
