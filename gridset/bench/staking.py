"""Gas of GridStaking (sGRID: staked GRID at a fixed yield, ERC-4626 share with votes): its own
entry points, and staking in, topping up and out (ERC-4626 ``deposit`` / ``redeem``, which run
its reward drip); the share's other inherited ERC-20 / ERC-4626 / Votes functions are not measured.

Conditions as in operation: the reserve is funded, another staker already holds sGRID (the
total supply word is non-zero), the measured staker has delegated its votes (so every balance
change also writes vote checkpoints) and a day has passed since the last drip.
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
    treasury, alice, bob = holders = accounts[:3]
    supply = [10_000_000 * GRID] + [100_000 * GRID] * 2
    grid = treasury.deploy(project.GridToken, "GRID", "GRID", holders, supply)
    staking = treasury.deploy(project.GridStaking, grid, treasury, 10_000 * GRID)
    for holder in holders:
        grid.approve(staking, 2**256 - 1, sender=holder)
    table.call(staking, "fundRewards", "[first]", 100_000 * GRID, sender=treasury)
    staking.deposit(1_000 * GRID, bob, sender=bob)
    staking.invoke_transaction("delegate", alice, sender=alice)
    table.call(staking, "deposit", "[new staker]", 5_000 * GRID, alice, sender=alice)
    for function, case, *args in (
        ("deposit", "[existing staker]", 1_000 * GRID, alice),
        ("claimRewards", "[after a day]", alice, alice),
        ("redeem", "[part]", 500 * GRID, alice, alice),
        ("fundRewards", "[top up]", 1_000 * GRID),
    ):
        advance_to(chain, chain.pending_timestamp + DAY)
        table.call(staking, function, case, *args, sender=treasury if args[1:] == [] else alice)
    tiers = ([1_000 * GRID, 10_000 * GRID, 100_000 * GRID], [500, 1000, 2000])
    table.calls(
        staking,
        [
            (treasury, "setRate", "[change]", 900),
            (treasury, "setLicenceThreshold", "[change]", 20_000 * GRID),
            (treasury, "setFeeTiers", "[3 tiers]", *tiers),
        ],
    )
