"""StakingVault: deposits, two-step withdrawal, encumbrance, penalty vs slash, locks, governance."""

from __future__ import annotations

import ape
import pytest
from ape.utils import ZERO_ADDRESS

REASON = "shortfall"
SLASH_REASON = "dishonest oracle operator"
OBLIGATION = 1_800  # the slot an ask backs (the market uses the slot id)
HOUR = 3600
DAY = 24 * HOUR
UINT128_MAX = 2**128 - 1


def _name(text: str) -> bytes:
    return text.encode().ljust(32, b"\x00")


def _at(chain, timestamp: int) -> None:
    """Make the next block's timestamp exactly ``timestamp`` (Unix s)."""
    chain.pending_timestamp = timestamp


# ---------------------------------------------------------------- constructor


def test_constructor__sets_token_treasury_delay_and_admin(
    vault, stake_token, treasury, admin, delay
):
    assert vault.stakeToken() == stake_token.address
    assert vault.treasury() == treasury.address
    assert vault.unbondingDelay() == delay
    assert vault.hasRole(vault.DEFAULT_ADMIN_ROLE(), admin)
    assert vault.getTotalStaked() == 0


def test_constructor__emits_role_and_initial_parameters(
    project, chain, admin, stake_token, treasury, delay
):
    vault = admin.deploy(project.StakingVault, stake_token, admin, treasury, delay)
    assert chain.get_receipt(vault.txn_hash).events == [
        vault.RoleGranted(vault.DEFAULT_ADMIN_ROLE(), admin, admin),
        vault.TreasuryUpdated(treasury),
        vault.UnbondingDelayUpdated(delay),
    ]


@pytest.mark.parametrize("which", ["token", "admin", "treasury"])
def test_constructor__zero_address__reverts(project, admin, stake_token, treasury, delay, which):
    args = {"token": stake_token, "admin": admin, "treasury": treasury}
    args[which] = ZERO_ADDRESS
    with ape.reverts(project.StakingVault.StakingVaultZeroAddress):
        admin.deploy(project.StakingVault, args["token"], args["admin"], args["treasury"], delay)


@pytest.mark.parametrize("bad_delay", [HOUR - 1, 90 * DAY + 1])
def test_constructor__delay_out_of_range__reverts(project, admin, stake_token, treasury, bad_delay):
    with ape.reverts(
        project.StakingVault.StakingVaultInvalidParameter,
        name=_name("unbondingDelay"),
        value=bad_delay,
    ):
        admin.deploy(project.StakingVault, stake_token, admin, treasury, bad_delay)


# ---------------------------------------------------------------- depositStake


def test_deposit__first__credits_free_stake_and_emits(vault, stake_token, alice):
    tx = vault.depositStake(1_000, sender=alice)
    assert tx.events == [
        vault.StakeDeposited(alice, 1_000),
        stake_token.Transfer(alice, vault, 1_000),
    ]
    assert vault.getStake(alice) == 1_000
    assert vault.freeStake(alice) == 1_000
    assert vault.encumberedStake(alice) == 0
    assert vault.getTotalStaked() == 1_000
    assert stake_token.balanceOf(vault) == 1_000


def test_deposit__second__adds_to_bonded_and_total(vault, alice, bob):
    vault.depositStake(1_000, sender=alice)
    vault.depositStake(250, sender=alice)
    vault.depositStake(40, sender=bob)
    assert vault.getStake(alice) == 1_250
    assert vault.getStake(bob) == 40
    assert vault.getTotalStaked() == 1_290


def test_deposit__without_allowance__reverts(vault, stake_token, attacker):
    with ape.reverts(stake_token.ERC20InsufficientAllowance, spender=vault, allowance=0, needed=5):
        vault.depositStake(5, sender=attacker)


@pytest.fixture
def vault_over(project, deploy_vault, admin, alice):
    """Factory: a fresh vault staking test token ``name``; alice holds and approved 10_000."""

    def vault_over(name: str):
        token = admin.deploy(getattr(project, name))
        other_vault = deploy_vault(token)
        token.mint(alice, 10_000, sender=admin)
        token.approve(other_vault, 10_000, sender=alice)
        return token, other_vault

    return vault_over


def test_deposit__fee_on_transfer_token__reverts(vault_over, alice):
    _, fee_vault = vault_over("FeeOnTransferTestToken")
    with ape.reverts(
        fee_vault.StakingVaultDepositAmountMismatch, staker=alice, amount=10_000, received=9_900
    ):
        fee_vault.depositStake(10_000, sender=alice)


def test_deposit__vault_total_reaching_2_pow_128__reverts(vault, stake_token, admin, alice, bob):
    stake_token.mint(alice, UINT128_MAX, sender=admin)
    vault.depositStake(UINT128_MAX, sender=alice)
    with ape.reverts(
        vault.StakingVaultStakeCapExceeded, totalStaked=UINT128_MAX, amount=1, cap=UINT128_MAX
    ):
        vault.depositStake(1, sender=bob)


def test_deposit__token_reenters_vault__reverts(vault_over, alice):
    token, reentrant_vault = vault_over("ReentrantTestToken")
    token.arm(reentrant_vault, reentrant_vault.depositStake.encode_input(1), sender=alice)
    with ape.reverts(reentrant_vault.ReentrancyGuardReentrantCall):
        reentrant_vault.depositStake(1_000, sender=alice)


# ---------------------------------------------------------------- requestUnbonding


def test_request_unbonding__moves_free_stake_and_starts_timer(vault, alice, delay):
    vault.depositStake(1_000, sender=alice)
    tx = vault.requestUnbonding(400, sender=alice)
    release_at = tx.timestamp + delay
    assert tx.events == [vault.UnbondingRequested(alice, 400, release_at)]
    assert vault.unbondingOf(alice) == (400, release_at)
    assert vault.getStake(alice) == 600
    assert vault.freeStake(alice) == 600
    assert vault.getTotalStaked() == 1_000  # unbonding stake is still held


def test_request_unbonding__second_request__adds_and_restarts_timer(vault, chain, alice, delay):
    vault.depositStake(1_000, sender=alice)
    first = vault.requestUnbonding(400, sender=alice)
    _at(chain, first.timestamp + DAY)
    second = vault.requestUnbonding(100, sender=alice)
    assert vault.unbondingOf(alice) == (500, second.timestamp + delay)
    assert second.timestamp + delay == first.timestamp + DAY + delay


def test_request_unbonding__more_than_free__reverts(vault, market, alice):
    vault.depositStake(1_000, sender=alice)
    vault.encumber(alice, 700, OBLIGATION, sender=market)
    with ape.reverts(vault.StakingVaultInsufficientFreeStake, staker=alice, free=300, needed=301):
        vault.requestUnbonding(301, sender=alice)


def test_request_unbonding__while_locked__reverts(vault, chain, alice):
    vault.depositStake(1_000, sender=alice)
    tx = vault.lockStake(alice, DAY, sender=alice)
    lock_until = tx.timestamp + DAY
    _at(chain, lock_until - 1)
    with ape.reverts(vault.StakingVaultStakeLocked, staker=alice, lockUntil=lock_until):
        vault.requestUnbonding(1, sender=alice)


def test_request_unbonding__at_lock_expiry__succeeds(vault, chain, alice):
    vault.depositStake(1_000, sender=alice)
    tx = vault.lockStake(alice, DAY, sender=alice)
    _at(chain, tx.timestamp + DAY)
    vault.requestUnbonding(1_000, sender=alice)
    assert vault.unbondingOf(alice)[0] == 1_000


# ---------------------------------------------------------------- withdrawStake


def test_withdraw__after_maturity__pays_and_emits(vault, stake_token, chain, alice, delay):
    vault.depositStake(1_000, sender=alice)
    request = vault.requestUnbonding(1_000, sender=alice)
    _at(chain, request.timestamp + delay)
    balance_before = stake_token.balanceOf(alice)
    tx = vault.withdrawStake(1_000, sender=alice)
    assert tx.events == [
        vault.StakeWithdrawn(alice, 1_000),
        stake_token.Transfer(vault, alice, 1_000),
    ]
    assert stake_token.balanceOf(alice) == balance_before + 1_000
    assert vault.unbondingOf(alice) == (0, 0)
    assert vault.getTotalStaked() == 0
    assert stake_token.balanceOf(vault) == 0


def test_withdraw__partial__keeps_rest_and_release_time(vault, chain, alice, delay):
    vault.depositStake(1_000, sender=alice)
    request = vault.requestUnbonding(600, sender=alice)
    release_at = request.timestamp + delay
    _at(chain, release_at + 5)
    vault.withdrawStake(200, sender=alice)
    assert vault.unbondingOf(alice) == (400, release_at)
    assert vault.getTotalStaked() == 800


@pytest.mark.parametrize(
    ("seconds_after_release", "amount", "matured"),
    [(-1, 1, 0), (-DAY, 300, 0), (0, 301, 300)],
    ids=["one_second_early", "one_day_early", "more_than_matured"],
)
def test_withdraw__before_maturity_or_beyond_matured__reverts(
    vault, chain, alice, delay, seconds_after_release, amount, matured
):
    vault.depositStake(1_000, sender=alice)
    release_at = vault.requestUnbonding(300, sender=alice).timestamp + delay
    _at(chain, release_at + seconds_after_release)
    with ape.reverts(
        vault.StakingVaultUnbondingNotMatured,
        staker=alice,
        matured=matured,
        needed=amount,
        releaseAt=release_at,
    ):
        vault.withdrawStake(amount, sender=alice)


def test_withdraw__while_encumbered__reverts(vault, chain, market, alice, delay):
    vault.depositStake(1_000, sender=alice)
    vault.encumber(alice, 1_000, OBLIGATION, sender=market)
    _at(chain, chain.pending_timestamp + delay)
    with ape.reverts(
        vault.StakingVaultUnbondingNotMatured, staker=alice, matured=0, needed=1, releaseAt=0
    ):
        vault.withdrawStake(1, sender=alice)


# ---------------------------------------------------------------- encumber / release


def test_encumber__reserves_free_stake_and_emits(vault, market, alice):
    vault.depositStake(1_000, sender=alice)
    tx = vault.encumber(alice, 300, OBLIGATION, sender=market)
    assert tx.events == [vault.StakeEncumbered(alice, OBLIGATION, 300)]
    assert vault.freeStake(alice) == 700
    assert vault.encumberedStake(alice) == 300
    assert vault.getStake(alice) == 1_000
    assert vault.isStakeSufficient(alice, 700)
    assert not vault.isStakeSufficient(alice, 701)


def test_encumber__more_than_free__reverts(vault, market, alice):
    vault.depositStake(1_000, sender=alice)
    vault.encumber(alice, 600, OBLIGATION, sender=market)
    with ape.reverts(vault.StakingVaultInsufficientFreeStake, staker=alice, free=400, needed=401):
        vault.encumber(alice, 401, OBLIGATION, sender=market)


def test_release__returns_stake_to_free_and_emits(vault, market, settlement, alice):
    vault.depositStake(1_000, sender=alice)
    vault.encumber(alice, 300, OBLIGATION, sender=market)
    tx = vault.release(alice, 120, OBLIGATION, sender=settlement)
    assert tx.events == [vault.StakeReleased(alice, OBLIGATION, 120)]
    assert vault.freeStake(alice) == 820
    assert vault.encumberedStake(alice) == 180


def test_release__more_than_encumbered__reverts(vault, market, alice):
    vault.depositStake(1_000, sender=alice)
    vault.encumber(alice, 300, OBLIGATION, sender=market)
    with ape.reverts(
        vault.StakingVaultInsufficientEncumbered, staker=alice, encumbered=300, needed=301
    ):
        vault.release(alice, 301, OBLIGATION, sender=market)


def test_release__two_obligations__each_released_with_its_id(vault, market, alice):
    vault.depositStake(1_000, sender=alice)
    vault.encumber(alice, 300, OBLIGATION, sender=market)
    vault.encumber(alice, 200, OBLIGATION + 900, sender=market)
    tx = vault.release(alice, 200, OBLIGATION + 900, sender=market)
    assert tx.events == [vault.StakeReleased(alice, OBLIGATION + 900, 200)]
    assert vault.encumberedStake(alice) == 300


def test_deposit__max_amount__reverts_with_cap(vault, alice):
    vault.depositStake(1_000, sender=alice)
    with ape.reverts(
        vault.StakingVaultStakeCapExceeded,
        totalStaked=1_000,
        amount=2**256 - 1,
        cap=UINT128_MAX,
    ):
        vault.depositStake(2**256 - 1, sender=alice)


# ---------------------------------------------------------------- applyPenalty


@pytest.mark.parametrize(("amount", "taken"), [(120, 120), (300, 300), (500, 300)])
def test_apply_penalty__takes_up_to_encumbered_and_pays_caller(
    vault, stake_token, market, settlement, alice, amount, taken
):
    vault.depositStake(1_000, sender=alice)
    vault.encumber(alice, 300, OBLIGATION, sender=market)
    assert vault.applyPenalty.call(alice, amount, REASON, sender=settlement) == taken
    tx = vault.applyPenalty(alice, amount, REASON, sender=settlement)
    assert tx.events == [
        vault.PenaltyApplied(alice, taken, REASON, settlement),
        stake_token.Transfer(vault, settlement, taken),
    ]
    assert vault.encumberedStake(alice) == 300 - taken
    assert vault.freeStake(alice) == 700  # free stake is never taken by a penalty
    assert vault.getStake(alice) == 1_000 - taken
    assert vault.getTotalStaked() == stake_token.balanceOf(vault) == 1_000 - taken
    assert stake_token.balanceOf(settlement) == taken


def test_apply_penalty__nothing_encumbered__takes_nothing(vault, stake_token, settlement, alice):
    vault.depositStake(1_000, sender=alice)
    assert vault.applyPenalty.call(alice, 100, REASON, sender=settlement) == 0
    tx = vault.applyPenalty(alice, 100, REASON, sender=settlement)
    assert tx.events == []
    assert vault.getStake(alice) == 1_000
    assert stake_token.balanceOf(settlement) == 0


# ---------------------------------------------------------------- slash


@pytest.fixture
def mixed_position(vault, market, alice, delay) -> int:
    """Alice holds 500 free, 300 encumbered and 200 unbonding; returns the release time (s)."""
    vault.depositStake(1_000, sender=alice)
    vault.encumber(alice, 300, OBLIGATION, sender=market)
    return vault.requestUnbonding(200, sender=alice).timestamp + delay


@pytest.mark.parametrize(
    ("amount", "left"),
    [
        (400, (100, 300, 200)),  # free only
        (600, (0, 300, 100)),  # free, then unbonding
        (700, (0, 300, 0)),  # all slashable stake; the encumbered 300 stays
    ],
)
def test_slash__takes_free_then_unbonding_never_encumbered(
    vault, stake_token, governance, treasury, alice, mixed_position, amount, left
):
    tx = vault.slash(alice, amount, SLASH_REASON, sender=governance)
    assert tx.events == [
        vault.SlashExecuted(alice, amount, SLASH_REASON, treasury),
        stake_token.Transfer(vault, treasury, amount),
    ]
    free, encumbered, unbonding = left
    assert (vault.freeStake(alice), vault.encumberedStake(alice)) == (free, encumbered)
    assert vault.unbondingOf(alice) == (unbonding, mixed_position if unbonding else 0)
    assert vault.getTotalStaked() == stake_token.balanceOf(vault) == 1_000 - amount
    assert stake_token.balanceOf(treasury) == amount


def test_slash__reaching_encumbered_stake__reverts(vault, governance, alice, mixed_position):
    with ape.reverts(vault.StakingVaultSlashExceedsStake, staker=alice, stake=700, needed=701):
        vault.slash(alice, 701, SLASH_REASON, sender=governance)


def test_slash__then_settling_one_obligation__leaves_the_other_fully_backed(
    vault, market, settlement, governance, alice
):
    """Issue 9 item 7: a slash cannot eat encumbered stake, so releasing one slot's ask never
    releases stake that backs another slot's ask."""
    vault.depositStake(1_000, sender=alice)
    vault.encumber(alice, 400, OBLIGATION, sender=market)
    vault.encumber(alice, 400, OBLIGATION + 900, sender=market)
    vault.slash(alice, 200, SLASH_REASON, sender=governance)  # all of the free stake
    with ape.reverts(vault.StakingVaultSlashExceedsStake, staker=alice, stake=0, needed=1):
        vault.slash(alice, 1, SLASH_REASON, sender=governance)
    vault.release(alice, 400, OBLIGATION, sender=market)  # the first slot settles
    assert vault.encumberedStake(alice) == 400  # the second slot's ask is still fully backed
    assert vault.applyPenalty.call(alice, 400, REASON, sender=settlement) == 400


# ---------------------------------------------------------------- lockStake


def test_lock__by_staker__sets_lock_and_emits(vault, alice):
    vault.depositStake(1_000, sender=alice)
    tx = vault.lockStake(alice, DAY, sender=alice)
    lock_until = tx.timestamp + DAY
    assert tx.events == [vault.StakeLocked(alice, lock_until)]
    assert vault.getStakeInfo(alice) == (alice, 1_000, lock_until, True)


def test_lock__by_locker__locks_other_staker(vault, locker, bob):
    tx = vault.lockStake(bob, 2 * DAY, sender=locker)
    assert tx.events == [vault.StakeLocked(bob, tx.timestamp + 2 * DAY)]
    assert vault.getStakeInfo(bob).lockUntil == tx.timestamp + 2 * DAY


def test_lock__shorter_than_existing__keeps_existing(vault, locker, alice):
    first = vault.lockStake(alice, 10 * DAY, sender=locker)
    tx = vault.lockStake(alice, DAY, sender=alice)
    assert tx.events == []
    assert vault.getStakeInfo(alice).lockUntil == first.timestamp + 10 * DAY


def test_lock__longer_than_existing__extends(vault, locker, alice):
    vault.lockStake(alice, DAY, sender=alice)
    tx = vault.lockStake(alice, 10 * DAY, sender=locker)
    assert tx.events == [vault.StakeLocked(alice, tx.timestamp + 10 * DAY)]


def test_lock__after_expiry__reports_unlocked(vault, chain, alice):
    vault.depositStake(1, sender=alice)
    tx = vault.lockStake(alice, DAY, sender=alice)
    chain.mine(timestamp=tx.timestamp + DAY)
    assert vault.getStakeInfo(alice) == (alice, 1, tx.timestamp + DAY, False)


def test_lock__longer_than_max__reverts(vault, locker, alice):
    max_lock = vault.MAX_LOCK_DURATION()
    with ape.reverts(
        vault.StakingVaultLockTooLong,
        staker=alice,
        lockDuration=max_lock + 1,
        maxLockDuration=max_lock,
    ):
        vault.lockStake(alice, max_lock + 1, sender=locker)


def test_lock__zero_address__reverts(vault, locker):
    with ape.reverts(vault.StakingVaultZeroAddress):
        vault.lockStake(ZERO_ADDRESS, DAY, sender=locker)


# ---------------------------------------------------------------- governance setters


@pytest.mark.parametrize("new_delay", [HOUR, 7 * DAY, 90 * DAY])
def test_set_unbonding_delay__in_range__updates_and_emits(vault, admin, new_delay):
    tx = vault.setUnbondingDelay(new_delay, sender=admin)
    assert tx.events == [vault.UnbondingDelayUpdated(new_delay)]
    assert vault.unbondingDelay() == new_delay


@pytest.mark.parametrize("bad_delay", [0, HOUR - 1, 90 * DAY + 1])
def test_set_unbonding_delay__out_of_range__reverts(vault, admin, bad_delay):
    with ape.reverts(
        vault.StakingVaultInvalidParameter, name=_name("unbondingDelay"), value=bad_delay
    ):
        vault.setUnbondingDelay(bad_delay, sender=admin)


def test_set_unbonding_delay__pending_request__keeps_release_time(vault, admin, alice, delay):
    vault.depositStake(1_000, sender=alice)
    request = vault.requestUnbonding(1_000, sender=alice)
    vault.setUnbondingDelay(HOUR, sender=admin)
    assert vault.unbondingOf(alice) == (1_000, request.timestamp + delay)


def test_set_treasury__updates_and_slash_pays_new_treasury(
    vault, stake_token, admin, governance, bob, alice
):
    tx = vault.setTreasury(bob, sender=admin)
    assert tx.events == [vault.TreasuryUpdated(bob)]
    assert vault.treasury() == bob.address
    vault.depositStake(100, sender=alice)
    balance_before = stake_token.balanceOf(bob)
    slash = vault.slash(alice, 100, SLASH_REASON, sender=governance)
    assert slash.events[0] == vault.SlashExecuted(alice, 100, SLASH_REASON, bob)
    assert stake_token.balanceOf(bob) == balance_before + 100


def test_set_treasury__zero__reverts(vault, admin):
    with ape.reverts(vault.StakingVaultZeroAddress):
        vault.setTreasury(ZERO_ADDRESS, sender=admin)


# ---------------------------------------------------------------- views


def test_get_stake_info__unknown_staker__is_empty(vault, bob):
    assert vault.getStakeInfo(bob) == (bob, 0, 0, False)
    assert vault.unbondingOf(bob) == (0, 0)
    assert vault.isStakeSufficient(bob, 0)
    assert not vault.isStakeSufficient(bob, 1)


def test_supports_interface__access_control(vault):
    assert vault.supportsInterface(bytes.fromhex("7965db0b"))  # IAccessControl


# ---------------------------------------------------------------- guards shared by all calls

#: (method, args given alice, caller fixture, role the caller lacks)
ROLE_GATED = [
    ("encumber", lambda alice: (alice, 1, OBLIGATION), "attacker", "ENCUMBRANCER_ROLE"),
    ("release", lambda alice: (alice, 1, OBLIGATION), "attacker", "ENCUMBRANCER_ROLE"),
    ("applyPenalty", lambda alice: (alice, 1, REASON), "market", "PENALIZER_ROLE"),
    ("slash", lambda alice: (alice, 1, SLASH_REASON), "settlement", "SLASHER_ROLE"),
    ("lockStake", lambda alice: (alice, DAY), "attacker", "LOCKER_ROLE"),
    ("setUnbondingDelay", lambda alice: (HOUR,), "governance", "DEFAULT_ADMIN_ROLE"),
    ("setTreasury", lambda alice: (alice,), "attacker", "DEFAULT_ADMIN_ROLE"),
]


@pytest.mark.parametrize(
    ("method", "args", "caller", "role"), ROLE_GATED, ids=[case[0] for case in ROLE_GATED]
)
def test_role_gated_call__without_role__reverts(request, vault, alice, method, args, caller, role):
    account = request.getfixturevalue(caller)
    with ape.reverts(
        vault.AccessControlUnauthorizedAccount, account=account, neededRole=getattr(vault, role)()
    ):
        getattr(vault, method)(*args(alice), sender=account)


#: (method, args given alice, caller fixture) with a zero amount or duration
ZERO_AMOUNT = [
    ("depositStake", lambda alice: (0,), "alice"),
    ("requestUnbonding", lambda alice: (0,), "alice"),
    ("withdrawStake", lambda alice: (0,), "alice"),
    ("encumber", lambda alice: (alice, 0, OBLIGATION), "market"),
    ("release", lambda alice: (alice, 0, OBLIGATION), "market"),
    ("applyPenalty", lambda alice: (alice, 0, REASON), "settlement"),
    ("slash", lambda alice: (alice, 0, SLASH_REASON), "governance"),
    ("lockStake", lambda alice: (alice, 0), "alice"),
]


@pytest.mark.parametrize(
    ("method", "args", "caller"), ZERO_AMOUNT, ids=[case[0] for case in ZERO_AMOUNT]
)
def test_call__zero_amount__reverts(request, vault, alice, method, args, caller):
    with ape.reverts(vault.StakingVaultZeroAmount):
        getattr(vault, method)(*args(alice), sender=request.getfixturevalue(caller))
