"""StakingVault invariants under random operation sequences (Hypothesis stateful test).

A Python model tracks every staker's free, encumbered and unbonding stake, release time and
lock. Each rule predicts from the model whether the call succeeds; a call the model rejects
must revert with the predicted custom error. After every step one probe call reads the whole
vault and checks:

- the vault's token balance == ``getTotalStaked()`` == sum of free + encumbered + unbonding;
- each staker's buckets, release time and lock equal the model's (so nothing was withdrawn
  while encumbered or before maturity: withdrawals only ever succeed where the model allows);
- per obligation (issue 9 item 7): the model tracks what each of two obligations (slots) of a
  staker has encumbered; releases and penalties draw on one obligation at most what it holds, as
  the market and the settlement engine do, and slashes never reach encumbered stake, so the
  staker's encumbered stake always equals the sum of its obligations: settling one slot can never
  release stake that backs another slot's ask.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import ape
import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)

REASON = "property"
OBLIGATIONS = (900, 1_800)  # two slots
obligation_indices = st.integers(min_value=0, max_value=1)
HOUR = 3600
DAY = 24 * HOUR

deposits = st.integers(min_value=1, max_value=1_500)
#: Amounts are drawn as a percentage of the bucket a call draws on, so that most calls are
#: valid and reach deep states; above 100 % (and any call on an empty bucket) must revert.
percents = st.integers(min_value=1, max_value=120)
staker_indices = st.integers(min_value=0, max_value=1)


def _part(bucket: int, percent: int) -> int:
    """``percent`` % of ``bucket`` (base units), at least 1."""
    return max(1, bucket * percent // 100)


@dataclass
class StakerModel:
    free: int = 0
    encumbered: int = 0
    unbonding: int = 0
    release_at: int = 0
    lock_until: int = 0
    obligations: list[int] = field(default_factory=lambda: [0, 0])

    def as_tuple(self) -> tuple[int, int, int, int, int]:
        return (self.free, self.encumbered, self.unbonding, self.release_at, self.lock_until)


class VaultMachine(RuleBasedStateMachine):
    """Random sequences of every state-changing vault call; fixtures are bound by the test."""

    chain = None
    vault = None
    token = None
    probe = None
    stakers: tuple = ()
    market = None
    settlement = None
    governance = None
    delay = 0

    def __init__(self) -> None:
        super().__init__()
        self.snapshot = self.chain.snapshot()
        # Run ahead of the wall clock so that every block is exactly parent + 1 s unless a rule
        # moves time: the model then knows each transaction's timestamp in advance.
        self.chain.mine(timestamp=self.chain.pending_timestamp + DAY)
        self.model = [StakerModel() for _ in self.stakers]

    def teardown(self) -> None:
        self.chain.restore(self.snapshot)

    def _now(self) -> int:
        """Timestamp (s) the next transaction will see."""
        return self.chain.pending_timestamp

    @initialize(first=deposits, second=deposits)
    def deposit_both(self, first: int, second: int) -> None:
        for who, amount in enumerate((first, second)):
            self.deposit(who, amount)

    @rule(who=staker_indices, amount=deposits)
    def deposit(self, who: int, amount: int) -> None:
        self.vault.depositStake(amount, sender=self.stakers[who])
        self.model[who].free += amount

    @rule(who=staker_indices, percent=percents)
    def request_unbonding(self, who: int, percent: int) -> None:
        staker, m = self.stakers[who], self.model[who]
        amount = _part(m.free, percent)
        now = self._now()
        if now < m.lock_until:
            with ape.reverts(self.vault.StakingVaultStakeLocked, lockUntil=m.lock_until):
                self.vault.requestUnbonding(amount, sender=staker)
        elif amount > m.free:
            with ape.reverts(
                self.vault.StakingVaultInsufficientFreeStake, free=m.free, needed=amount
            ):
                self.vault.requestUnbonding(amount, sender=staker)
        else:
            self.vault.requestUnbonding(amount, sender=staker)
            m.free -= amount
            m.unbonding += amount
            m.release_at = now + self.delay

    @rule(who=staker_indices, percent=percents)
    def withdraw(self, who: int, percent: int) -> None:
        staker, m = self.stakers[who], self.model[who]
        amount = _part(m.unbonding, percent)
        matured = m.unbonding if self._now() >= m.release_at else 0
        if amount > matured:
            with ape.reverts(
                self.vault.StakingVaultUnbondingNotMatured, matured=matured, needed=amount
            ):
                self.vault.withdrawStake(amount, sender=staker)
            return
        self.vault.withdrawStake(amount, sender=staker)
        m.unbonding -= amount
        if m.unbonding == 0:
            m.release_at = 0

    @rule(who=staker_indices, percent=percents, ob=obligation_indices)
    def encumber(self, who: int, percent: int, ob: int) -> None:
        staker, m = self.stakers[who], self.model[who]
        amount = _part(m.free, percent)
        if amount > m.free:
            with ape.reverts(
                self.vault.StakingVaultInsufficientFreeStake, free=m.free, needed=amount
            ):
                self.vault.encumber(staker, amount, OBLIGATIONS[ob], sender=self.market)
            return
        self.vault.encumber(staker, amount, OBLIGATIONS[ob], sender=self.market)
        m.free -= amount
        m.encumbered += amount
        m.obligations[ob] += amount

    @rule(who=staker_indices, percent=percents, ob=obligation_indices)
    def release(self, who: int, percent: int, ob: int) -> None:
        staker, m = self.stakers[who], self.model[who]
        amount = _part(m.obligations[ob], percent)
        if amount > m.encumbered:
            with ape.reverts(
                self.vault.StakingVaultInsufficientEncumbered,
                encumbered=m.encumbered,
                needed=amount,
            ):
                self.vault.release(staker, amount, OBLIGATIONS[ob], sender=self.market)
            return
        amount = min(amount, m.obligations[ob])  # the market releases at most what it encumbered
        if amount == 0:
            return
        self.vault.release(staker, amount, OBLIGATIONS[ob], sender=self.market)
        m.encumbered -= amount
        m.free += amount
        m.obligations[ob] -= amount

    @rule(who=staker_indices, percent=percents, ob=obligation_indices)
    def apply_penalty(self, who: int, percent: int, ob: int) -> None:
        m = self.model[who]
        # Settlement penalises one obligation at most its collateral.
        amount = min(_part(m.obligations[ob], percent), m.obligations[ob])
        if amount == 0:
            return
        self.vault.applyPenalty(self.stakers[who], amount, REASON, sender=self.settlement)
        m.encumbered -= amount
        m.obligations[ob] -= amount

    @rule(who=staker_indices, percent=percents)
    def slash(self, who: int, percent: int) -> None:
        staker, m = self.stakers[who], self.model[who]
        slashable = m.free + m.unbonding
        amount = _part(slashable + m.encumbered, percent)
        if amount > slashable:
            with ape.reverts(
                self.vault.StakingVaultSlashExceedsStake, stake=slashable, needed=amount
            ):
                self.vault.slash(staker, amount, REASON, sender=self.governance)
            return
        self.vault.slash(staker, amount, REASON, sender=self.governance)
        for bucket in ("free", "unbonding"):
            taken = min(amount, getattr(m, bucket))
            setattr(m, bucket, getattr(m, bucket) - taken)
            amount -= taken
        if m.unbonding == 0:
            m.release_at = 0

    @rule(who=staker_indices, duration=st.sampled_from([HOUR, DAY, 5 * DAY]))
    def lock(self, who: int, duration: int) -> None:
        m = self.model[who]
        lock_until = self._now() + duration
        self.vault.lockStake(self.stakers[who], duration, sender=self.stakers[who])
        m.lock_until = max(m.lock_until, lock_until)

    @rule(seconds=st.sampled_from([HOUR, DAY, 4 * DAY]))
    def advance_time(self, seconds: int) -> None:
        self.chain.mine(timestamp=self._now() + seconds)

    @invariant()
    def vault_matches_model_and_conserves_tokens(self) -> None:
        balance, total, states = self.probe.read(self.vault, self.stakers)
        held = sum(m.free + m.encumbered + m.unbonding for m in self.model)
        assert balance == total == held
        assert [tuple(s) for s in states] == [m.as_tuple() for m in self.model]
        # Every obligation is fully backed: encumbered stake == the sum of open obligations.
        assert [s[1] for s in states] == [sum(m.obligations) for m in self.model]


@pytest.fixture(scope="module")
def probe(project, admin):
    return admin.deploy(project.StakingVaultProbe)


def test_vault_invariants__random_operation_sequences__hold(
    chain, vault, stake_token, probe, alice, bob, market, settlement, governance, delay
):
    bound = {
        "chain": chain,
        "vault": vault,
        "token": stake_token,
        "probe": probe,
        "stakers": (alice, bob),
        "market": market,
        "settlement": settlement,
        "governance": governance,
        "delay": delay,
    }
    machine = type("BoundVaultMachine", (VaultMachine,), bound)
    run_state_machine_as_test(
        machine,
        settings=settings(
            max_examples=10,
            stateful_step_count=25,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
