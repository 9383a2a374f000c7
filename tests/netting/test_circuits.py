"""The netting circuits: valid nettings compute a witness, each violated property fails it."""

import pytest

from gridset.netting import build, zk
from gridset.reference.netting import settle


def case(seats, before, after, round_id=1, after_commitments=None):
    """Witness arguments for balances ``before`` -> ``after`` (Ws) with fresh salts."""
    b = [(v, zk.random_salt()) for v in before]
    a = [(v, zk.random_salt()) for v in after]
    commitments = zk.commitments(b + a)
    before_c, after_c = commitments[: len(b)], commitments[len(b) :]
    return zk.witness_args(seats, round_id, b, a, before_c, after_commitments or after_c)


def failures(seats, cases):
    """Name of the failed assertion per case (None: the witness was computed)."""
    results = zk.check_witnesses(seats, [case(seats, *c) for c in cases])
    return [None if r is None else r.rsplit('"', 2)[-2] for r in results]


def test_netting2__valid_and_violating_nettings__only_valid_ones_compute(zk_two_seats):
    cases = [
        ([100, -60], settle([100, -60], exact_shares=True).after),  # valid: 40, 0
        ([-100, 60], [-40, 0]),  # valid: deficit
        ([100, -60], [100, -60]),  # residue above epsilon: nothing netted
        ([100, -60], [120, -80]),  # inflated after-balance
        ([100, -60], [-20, 60]),  # sign flip
        ([100, -60], [50, 0]),  # consistency broken: 50 given, 60 received
        ([100, -60], [70, -30]),  # residue above epsilon (30 > 1)
        ([100, -60], [41, 0], 1, [1, 2]),  # after-commitments do not open
        ([50], [50]),  # one household, one padded seat
    ]

    assert failures(2, cases) == [
        None,
        None,
        "zero-net",
        "weak fairness",
        "sign",
        "consistency",
        "zero-net",
        "commitment",
        None,
    ]


def test_netting2__balance_beyond_u64__rejected_before_proving():
    with pytest.raises(ValueError, match="circuit bound"):
        zk.encode(2**64)


@pytest.mark.slow
def test_netting4__seed_example__both_share_rules_within_epsilon():
    build.ensure_built(4)
    seed = [200, 100, -100, -100]

    assert failures(
        4,
        [
            (seed, settle(seed).after),  # 68, 34, 0, -2: residue 2 <= epsilon 3
            (seed, settle(seed, exact_shares=True).after),  # 67, 34, 0, -1
            (seed, [68, 36, 0, -4]),  # consistent and fair, but residue 4 > 3
        ],
    ) == [None, None, "zero-net"]


@pytest.mark.parametrize("seats", zk.SEATS)
def test_committed_verifier__header__is_what_a_fresh_build_writes(seats):
    # A fresh clone builds the demo keys in CI; a stale header would rewrite a tracked file.
    text = build.verifier_path(seats).read_text()
    version = text.splitlines()[2].removeprefix("// Exported by ZoKrates ").split(" ")[0]
    expected = build.verifier_header(
        seats, version, build.setup_label(zk.DEMO_ENTROPY), build.committed_vk_hash(seats)
    )
    assert text.startswith(expected)
