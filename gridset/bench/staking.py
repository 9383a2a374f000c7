"""Gas of GridStaking (sGRID: staked GRID at a fixed yield, ERC-4626 share with votes): its own
entry points, and staking in, topping up and out (ERC-4626 ``deposit`` / ``redeem``, which run
its reward drip); the share's other inherited ERC-20 / ERC-4626 / Votes functions are not measured.

Conditions as in operation: the reserve is funded, another staker already holds sGRID (the
total supply word is non-zero), the measured staker has delegated its votes (so every balance
change also writes vote checkpoints) and time has passed since the last drip.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ape import chain, project

from gridset.bench import GasTable
from gridset.chain_time import advance_to
from gridset.units import GRID

DAY = 86_400


def run(table: GasTable, accounts: Sequence[Any]) -> None:
    """Deploy GRID and GridStaking; record ``GridStaking.<function>[case]`` figures."""
    treasury, alice, bob = accounts[:3]
    holders = [treasury, alice, bob]
    grid = treasury.deploy(
        project.GridToken, "GRID", "GRID", holders, [10_000_000 * GRID] + [100_000 * GRID] * 2
    )
    staking = treasury.deploy(project.GridStaking, grid, treasury, 10_000 * GRID)
    for holder in holders:
        grid.approve(staking, 2**256 - 1, sender=holder)
    record = table.record
    record("GridStaking.fundRewards[first]", staking.fundRewards(100_000 * GRID, sender=treasury))
    staking.deposit(1_000 * GRID, bob, sender=bob)
    staking.invoke_transaction("delegate", alice, sender=alice)
    record("GridStaking.deposit[new staker]", staking.deposit(5_000 * GRID, alice, sender=alice))

    def later(seconds: int = DAY) -> None:
        advance_to(chain, chain.pending_timestamp + seconds)

    later()
    record(
        "GridStaking.deposit[existing staker]", staking.deposit(1_000 * GRID, alice, sender=alice)
    )
    later()
    record(
        "GridStaking.claimRewards[after a day]", staking.claimRewards(alice, alice, sender=alice)
    )
    later()
    record("GridStaking.redeem[part]", staking.redeem(500 * GRID, alice, alice, sender=alice))
    later()
    record("GridStaking.fundRewards[top up]", staking.fundRewards(1_000 * GRID, sender=treasury))
    record("GridStaking.setRate[change]", staking.setRate(900, sender=treasury))
    record(
        "GridStaking.setLicenceThreshold[change]",
        staking.setLicenceThreshold(20_000 * GRID, sender=treasury),
    )
    record(
        "GridStaking.setFeeTiers[3 tiers]",
        staking.setFeeTiers(
            [1_000 * GRID, 10_000 * GRID, 100_000 * GRID], [500, 1000, 2000], sender=treasury
        ),
    )
