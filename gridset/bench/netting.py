"""Gas of the netting contracts: Utility (settle at 4, 16 and 64 households) and DUtility.

Balances come from :func:`gridset.netting.private_round.demo_balances` (about half producers,
half consumers, up to 30 kWh per household): each household takes part in the netting, so
``settle()`` writes about one deed per household. The private netting's verification gas, which
needs proofs, is measured by ``ape run netting_bench`` into ``benchmarks/zk.json``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ape import project

from gridset.bench import GasTable
from gridset.netting import deploy
from gridset.netting.private_round import demo_balances, register_households, run_private_round

#: Community sizes whose ``settle()`` gas is recorded.
SETTLE_SIZES: tuple[int, ...] = (4, 16, 64)
#: Block gas limit used for "households per block" (Ethereum mainnet, 2025: 36M; was 30M).
BLOCK_GAS_LIMIT = 36_000_000


def _community(admin: Any, count: int, seed: int) -> tuple[Any, list[str], list[Any]]:
    """A Utility with ``count`` demo households (plain addresses, ``admin`` reports as meter)."""
    utility = deploy.deploy_utility(admin)
    utility.grantRole(utility.METER_ROLE(), admin, sender=admin)
    households = [f"0x{0xBE000 + i:040x}" for i in range(count)]
    receipts = []
    for household, balance in zip(households, demo_balances(count, seed), strict=True):
        receipts.append(utility.addHousehold(household, sender=admin))
        energy = (household, max(balance, 0), max(-balance, 0))
        receipts.append(utility.updateRenewableEnergy(*energy, sender=admin))
    return utility, households, receipts


def households_per_block(gas: dict[int, int], limit: int = BLOCK_GAS_LIMIT) -> int:
    """Largest community whose ``settle()`` fits ``limit`` gas, by the line through the two
    largest measured sizes (``gas``: households -> gas)."""
    (n1, g1), (n2, g2) = sorted(gas.items())[-2:]
    per_household = (g2 - g1) / (n2 - n1)
    return int(n2 + (limit - g2) // per_household)


def run(table: GasTable, accounts: Sequence) -> None:
    """Record the netting contracts' gas on the connected chain (``accounts[0]`` is admin)."""
    admin = accounts[0]
    settle_gas = {}
    for count in SETTLE_SIZES:
        utility, households, receipts = _community(admin, count, seed=count)
        first = count == SETTLE_SIZES[0]
        if first:
            table.record("Utility.addHousehold[first]", receipts[0])
            table.record("Utility.updateRenewableEnergy[first report]", receipts[1])
            args = (households[0], 1_000, 500)
            table.call(utility, "updateRenewableEnergy", "[later report]", *args, sender=admin)
        receipt = utility.settle(sender=admin)
        note = f"{utility.deedsLength(receipt.block_number)} deeds"
        settle_gas[count] = table.record(f"Utility.settle[{count} households]", receipt, note)
        if first:
            table.calls(
                utility,
                [
                    (admin, "updateNonRenewableEnergy", "[first report]", households[1], 0, 2_000),
                    (admin, "compensateEnergy", "[offset]", households[1]),
                    (admin, "updateNonRenewableEnergy", "[later report]", households[1], 0, 1_500),
                    (admin, "removeHousehold", "[first of 4]", households[0]),
                ],
            )
    table.notes["Utility.settle[64 households]"] += (
        f"; about {households_per_block(settle_gas):,} households fit a "
        f"{BLOCK_GAS_LIMIT:,} gas block"
    )
    # The last community (64 households, settled) is shut down.
    table.call(utility, "deactivate", "", sender=admin)
    _dutility(table, admin)


def _dutility(table: GasTable, admin: Any) -> None:
    """DUtility's registry of households and commitments, a verifier registration, the round's
    cut-off and a partial round on the 2-seat circuit (full communities' proof-verified
    ``submitNetting`` per circuit size is in ``benchmarks/zk.json``)."""
    _partial_round(table, admin)
    dutility, _ = deploy.deploy_dutility(admin, seats=())
    others = [f"0x{0xD0000 + i:040x}" for i in range(3)]
    table.calls(
        dutility,
        [
            (admin, "addHousehold", "[first]", admin),
            (admin, "addHousehold", "[second]", others[0]),
            *[(admin, "addHousehold", None, other) for other in others[1:]],
            (admin, "commitBalance", "[first]", admin, 7),
            (admin, "commitBalance", "[update]", admin, 8),
            (admin, "removeHousehold", "[first of 4, with commitment]", admin),
        ],
    )
    verifier = admin.deploy(project.NettingVerifier4)
    table.call(dutility, "setVerifier", "[4 seats, first verifier]", 4, verifier, sender=admin)


def _partial_round(table: GasTable, admin: Any) -> None:
    """A 2-household round where one household gives no balance (left out, ``NettingSkipped``):
    ``closeRound`` and ``submitNetting`` with one seat netted."""
    dutility, _ = deploy.deploy_dutility(admin, seats=(2,))
    households = [f"0x{0xD1000 + i:040x}" for i in range(2)]
    register_households(dutility, admin, households)
    dutility.grantRole(dutility.METER_ROLE(), admin, sender=admin)
    result = run_private_round(dutility, admin, households, [7_200_000, None], reporter=admin)
    table.record("DUtility.closeRound", result.close_gas)
    table.record("DUtility.submitNetting[2 seats, 1 left out]", result.netting_gas)
