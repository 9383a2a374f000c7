"""Gas of every StakingVault entry point that changes state, from receipts.

Deploys a StakingVault over the test stake token (a plain OpenZeppelin ERC-20) and walks one
staker through the life of its stake. Cases name the storage situation that drives the cost:
``first`` writes a zero slot, ``second``/``warm`` updates a non-zero one. For the market's hot
path (``encumber``, ``release``) the note gives the execution gas: the receipt's gas minus
the 21,000 base and the calldata cost.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ape import chain, project

from gridset.bench import GasTable, intrinsic_gas
from gridset.chain_time import advance_to

DELAY = 3 * 24 * 3600  # unbonding delay used here (s)
FUNDING = 10**24  # stake-token base units minted to each staker
REASON = "bench"
SLOT = 900  # obligation id the market would use (a slot)


def _record_hot(table: GasTable, key: str, receipt: Any) -> None:
    execution = receipt.gas_used - intrinsic_gas(receipt)
    table.record(key, receipt, note=f"execution {execution} gas")


def run(table: GasTable, accounts: Sequence) -> None:
    """Record ``StakingVault.<function>[case]`` gas figures into ``table``.

    Uses ``accounts[0:7]`` as admin, treasury, market, settlement, governance, and two stakers.
    Needs a local chain whose clock can be moved (eth-tester or anvil) for the withdrawal.
    """
    admin, treasury, market, settlement, governance, alice, bob = accounts[:7]
    token = admin.deploy(project.MintableTestToken, "Stake", "STK", 18)
    vault = admin.deploy(project.StakingVault, token, admin, treasury, DELAY)
    vault.grantRole(vault.ENCUMBRANCER_ROLE(), market, sender=admin)
    vault.grantRole(vault.PENALIZER_ROLE(), settlement, sender=admin)
    vault.grantRole(vault.SLASHER_ROLE(), governance, sender=admin)
    vault.grantRole(vault.LOCKER_ROLE(), market, sender=admin)
    for staker in (alice, bob):
        token.mint(staker, FUNDING, sender=admin)
        token.approve(vault, FUNDING, sender=staker)
    # Another staker first, so the cases below see a vault that already holds stake.
    vault.depositStake(10_000, sender=bob)

    record = table.record
    record("StakingVault.depositStake[first]", vault.depositStake(10_000, sender=alice))
    record("StakingVault.depositStake[second]", vault.depositStake(10_000, sender=alice))

    _record_hot(
        table, "StakingVault.encumber[first]", vault.encumber(alice, 1_000, SLOT, sender=market)
    )
    _record_hot(
        table, "StakingVault.encumber[warm]", vault.encumber(alice, 1_000, SLOT, sender=market)
    )
    _record_hot(
        table, "StakingVault.release[partial]", vault.release(alice, 500, SLOT, sender=market)
    )
    _record_hot(
        table, "StakingVault.release[all]", vault.release(alice, 1_500, SLOT, sender=market)
    )

    vault.encumber(alice, 2_000, SLOT, sender=market)
    record(
        "StakingVault.applyPenalty[partial]",
        vault.applyPenalty(alice, 500, REASON, sender=settlement),
    )
    record(
        "StakingVault.applyPenalty[capped]",
        vault.applyPenalty(alice, 10_000, REASON, sender=settlement),
    )
    record(
        "StakingVault.applyPenalty[none-encumbered]",
        vault.applyPenalty(alice, 500, REASON, sender=settlement),
    )

    record("StakingVault.requestUnbonding[first]", vault.requestUnbonding(4_000, sender=alice))
    request = vault.requestUnbonding(4_000, sender=alice)
    record("StakingVault.requestUnbonding[second]", request)
    advance_to(chain, request.timestamp + DELAY)
    record("StakingVault.withdrawStake[partial]", vault.withdrawStake(3_000, sender=alice))
    record("StakingVault.withdrawStake[all]", vault.withdrawStake(5_000, sender=alice))

    record("StakingVault.lockStake[self]", vault.lockStake(alice, 3_600, sender=alice))
    record("StakingVault.lockStake[extend-by-locker]", vault.lockStake(alice, 7_200, sender=market))
    record("StakingVault.lockStake[unchanged]", vault.lockStake(alice, 60, sender=alice))

    vault.encumber(bob, 2_000, SLOT, sender=market)
    vault.requestUnbonding(3_000, sender=bob)
    record("StakingVault.slash[free]", vault.slash(bob, 1_000, REASON, sender=governance))
    record(
        "StakingVault.slash[free+unbonding, encumbered untouched]",
        vault.slash(bob, 6_000, REASON, sender=governance),
    )

    record("StakingVault.setUnbondingDelay", vault.setUnbondingDelay(7 * 86_400, sender=admin))
    record("StakingVault.setTreasury", vault.setTreasury(bob, sender=admin))
