"""The Python reference of the netting algorithm (no chain)."""

from hypothesis import given
from hypothesis import strategies as st

from gridset.reference.netting import Deed, settle

SEED_BALANCES = [200, 100, -100, -100]

communities = st.lists(st.integers(-(10**12), 10**12), min_size=1, max_size=16)


def test_settle__seed_example__matches_reference():
    result = settle(SEED_BALANCES)

    assert result.after == [68, 34, 0, -2]
    assert result.deeds == [Deed(0, 2, 100), Deed(0, 3, 32), Deed(1, 3, 66)]
    assert result.requests() == []


def test_settle__seed_example_exact_shares__leaves_residue_below_epsilon():
    assert settle(SEED_BALANCES, exact_shares=True).after == [67, 34, 0, -1]


def test_settle__deficit__consumers_claim_and_request_the_rest():
    result = settle([-300, 50, -100, 100])

    # total -250: consumers claim 50 + 99 of the 150 available (1 Ws lost to truncation)
    assert result.after == [-188, 0, -63, 1]
    assert result.deeds == [Deed(1, 0, 50), Deed(3, 0, 62), Deed(3, 2, 37)]
    assert result.requests() == [(0, 188), (2, 63)]


def test_settle__zero_total_with_percent_truncation__requests_remaining_need():
    result = settle([3, -1, -2])

    assert result.after == [2, -1, -1]
    assert result.requests() == [(1, 1), (2, 1)]


def test_settle__percent_truncation_on_large_balances__leaves_large_residue():
    kwh = 3_600_000
    balances = [333 * kwh, 667 * kwh, -500 * kwh, -400 * kwh]

    percent = settle(balances)
    exact = settle(balances, exact_shares=True)

    assert percent.after[3] == -9 * kwh  # whole-percent shares leave 9 kWh unsettled
    assert exact.after[2:] == [0, 0]


@given(communities, st.booleans())
def test_settle__any_community__conserves_energy_and_is_weakly_fair(balances, exact):
    result = settle(balances, exact_shares=exact)

    assert sum(result.after) == sum(balances)
    for b, a in zip(balances, result.after, strict=True):
        assert abs(a) <= abs(b)
        assert a == 0 or (a > 0) == (b > 0)
    moved = {}
    for deed in result.deeds:
        assert deed.amount > 0
        assert balances[deed.producer] > 0 > balances[deed.consumer]
        moved[deed.producer] = moved.get(deed.producer, 0) - deed.amount
        moved[deed.consumer] = moved.get(deed.consumer, 0) + deed.amount
    assert [b + moved.get(i, 0) for i, b in enumerate(balances)] == result.after


@given(communities)
def test_settle__exact_shares__smaller_group_ends_within_epsilon(balances):
    after = settle(balances, exact_shares=True).after
    epsilon = len(balances) - 1
    total = sum(balances)

    for b, a in zip(balances, after, strict=True):
        if (b < 0 and total >= 0) or (b > 0 and total <= 0):
            assert abs(a) <= epsilon
