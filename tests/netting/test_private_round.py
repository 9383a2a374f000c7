"""One private netting round end to end: commitments, off-chain netting, proof, on-chain check."""

import pytest

from gridset.netting import build, deploy, zk
from gridset.netting.private_round import (
    demo_balances,
    register_households,
    report,
    run_private_round,
)
from gridset.reference.netting import settle


def test_run_private_round__two_households__accepted_and_openable(admin, households, zk_two_seats):
    dutility, _ = deploy.deploy_dutility(admin, seats=(2,))
    members = households[:2]
    register_households(dutility, admin, members)

    result = run_private_round(dutility, admin, members, [-5_000, 12_000])

    assert (result.round_id, result.households, result.seats) == (1, 2, 2)
    assert result.after == [0, 7_000]
    assert dutility.currentRound() == 2
    # each household can open its new commitment with its after-balance and salt
    openings = list(zip(result.after, result.after_salts, strict=True))
    assert [dutility.commitmentOf(m) for m in members] == zk.commitments(openings)
    assert result.netting_gas > 0 and result.proving_seconds > 0
    assert result.skipped == []
    assert "round 1: 2 households" in report(result)


def test_run_private_round__household_without_balance__left_out_and_kept(
    admin, households, zk_two_seats
):
    """One household holds a commitment nobody can open and gives no balance this round: the
    round goes ahead with the other, and its commitment is untouched."""
    dutility, _ = deploy.deploy_dutility(admin, seats=(2,))
    members = households[:2]
    register_households(dutility, admin, members)
    dutility.commitBalance(members[1], 4242, sender=members[1])

    result = run_private_round(dutility, admin, members, [12_000, None])

    assert (result.skipped, result.before, result.after) == ([1], [12_000, None], [12_000, None])
    assert dutility.commitmentOf(members[1]) == 4242
    assert dutility.commitmentOf(members[0]) == zk.commitments([(12_000, result.after_salts[0])])[0]
    assert (dutility.currentRound(), dutility.roundClosed()) == (2, False)
    assert "1 left out (seats [1])" in report(result)


def test_run_private_round__households_out_of_order__raises(admin, households):
    dutility, _ = deploy.deploy_dutility(admin, seats=())
    register_households(dutility, admin, households[:2])

    with pytest.raises(ValueError, match="seat order"):
        run_private_round(dutility, admin, households[1::-1], [1, -1])


@pytest.mark.slow
@pytest.mark.parametrize(("count", "seats"), [(3, 4), (7, 8), (16, 16)])
def test_run_private_round__padded_community__accepted(admin, count, seats):
    build.ensure_built(seats)
    dutility, _ = deploy.deploy_dutility(admin, seats=(seats,))
    households = [f"0x{0xABC0 + i:040x}" for i in range(count)]
    register_households(dutility, admin, households)
    dutility.grantRole(dutility.METER_ROLE(), admin, sender=admin)
    balances = demo_balances(count, seed=count)

    result = run_private_round(dutility, admin, households, balances, reporter=admin)

    assert result.seats == seats
    assert result.after == settle(balances, exact_shares=True).after
    assert dutility.nettingOf(1) != b"\x00" * 32
