"""Gas of every StakingVault entry point that changes state, from receipts.

Deploys a StakingVault over a test stake token and walks one staker through the life of its
stake. Cases name the storage situation that drives the cost: ``first`` writes a zero slot,
``second``/``warm`` updates a non-zero one. For the market's hot path (``encumber``,
``release``) the note gives the execution gas: the receipt's minus the 21,000 base and calldata.
"""

from __future__ import annotations

from collections.abc import Sequence

from ape import chain, project

from gridset.bench import GasTable, intrinsic_gas
from gridset.chain_time import advance_to

DELAY = 3 * 24 * 3600  # unbonding delay used here (s)
FUNDING = 10**24  # stake-token base units minted to each staker
REASON = "bench"
SLOT = 900  # obligation id the market would use (a slot)
ROLES = ("ENCUMBRANCER", "PENALIZER", "SLASHER", "LOCKER")


def run(table: GasTable, accounts: Sequence) -> None:
    """Record ``StakingVault.<function>[case]`` gas figures into ``table``.

    Uses ``accounts[0:7]`` as admin, treasury, market, settlement, governance, and two stakers.
    Needs a local chain whose clock can be moved (eth-tester or anvil) for the withdrawal.
    """
    admin, treasury, market, settlement, governance, alice, bob = accounts[:7]
    token = admin.deploy(project.MintableTestToken, "Stake", "STK", 18)
    vault = admin.deploy(project.StakingVault, token, admin, treasury, DELAY)
    for role, holder in zip(ROLES, (market, settlement, governance, market), strict=True):
        vault.grantRole(getattr(vault, f"{role}_ROLE")(), holder, sender=admin)
    for staker in (alice, bob):
        token.mint(staker, FUNDING, sender=admin)
        token.approve(vault, FUNDING, sender=staker)
    # Another staker first, so the cases below see a vault that already holds stake.
    vault.depositStake(10_000, sender=bob)
    table.calls(
        vault, [(alice, "depositStake", f"[{case}]", 10_000) for case in ("first", "second")]
    )
    for function, case, amount in (
        ("encumber", "first", 1_000),
        ("encumber", "warm", 1_000),
        ("release", "partial", 500),
        ("release", "all", 1_500),
    ):
        receipt = getattr(vault, function)(alice, amount, SLOT, sender=market)
        execution = receipt.gas_used - intrinsic_gas(receipt)
        table.record(f"StakingVault.{function}[{case}]", receipt, f"execution {execution} gas")
    vault.encumber(alice, 2_000, SLOT, sender=market)
    table.calls(
        vault,
        [
            (settlement, "applyPenalty", "[partial]", alice, 500, REASON),
            (settlement, "applyPenalty", "[capped]", alice, 10_000, REASON),
            (settlement, "applyPenalty", "[none-encumbered]", alice, 500, REASON),
            (alice, "requestUnbonding", "[first]", 4_000),
        ],
    )
    request = table.call(vault, "requestUnbonding", "[second]", 4_000, sender=alice)
    advance_to(chain, request.timestamp + DELAY)
    table.calls(
        vault,
        [
            (alice, "withdrawStake", "[partial]", 3_000),
            (alice, "withdrawStake", "[all]", 5_000),
            (alice, "lockStake", "[self]", alice, 3_600),
            (market, "lockStake", "[extend-by-locker]", alice, 7_200),
            (alice, "lockStake", "[unchanged]", alice, 60),
            (market, "encumber", None, bob, 2_000, SLOT),
            (bob, "requestUnbonding", None, 3_000),
            (governance, "slash", "[free]", bob, 1_000, REASON),
            (governance, "slash", "[free+unbonding, encumbered untouched]", bob, 6_000, REASON),
            (admin, "setUnbondingDelay", "", 7 * 86_400),
            (admin, "setTreasury", "", bob),
        ],
    )
