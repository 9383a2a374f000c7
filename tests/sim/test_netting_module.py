"""The simulation's netting module without a chain: grouping and the module switch."""

import pytest

from gridset.sim.netting_module import MAX_GROUP, NettingModule, household_groups
from gridset.sim.run import default_modules


@pytest.mark.parametrize(
    ("households", "sizes"),
    [
        (1, [1]),
        (3, [3]),
        (20, [20]),
        (MAX_GROUP, [MAX_GROUP]),
        (MAX_GROUP + 1, [17, 16]),
        (65, [22, 22, 21]),
        (500, [32] * 4 + [31] * 12),
    ],
)
def test_household_groups__fewest_near_equal_consecutive_groups(households, sizes):
    groups = household_groups(households)
    assert [len(g) for g in groups] == sizes
    assert [h for g in groups for h in g] == list(range(households))


def test_household_groups__no_households__raises():
    with pytest.raises(ValueError, match="at least one household"):
        household_groups(0)


def test_default_modules__netting_is_last_and_can_be_left_out():
    assert isinstance(default_modules()[-1], NettingModule)
    assert not any(isinstance(m, NettingModule) for m in default_modules(netting=False))
