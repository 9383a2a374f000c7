"""Hypothesis properties of the core: the oracle never double counts; available = total - locked.

Each property runs random operation sequences against a Python model. Ape isolates per test, not
per Hypothesis example, so every example runs between ``chain.snapshot()`` and
``chain.restore()`` (not ``chain.isolate()``: in Ape 0.8 that context manager swallows every
exception raised inside it, failed assertions included).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import ape
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gridset.chain_time import next_slot_start, set_next_block_time

SLOT = 900
QUORUM = 2
# Panels: (owner index into (alice, bob), rated capacity W). Two share an owner, so the
# registry's per-owner total is a real sum.
PANELS = ((0, 5000), (0, 2000), (1, 400))
CAP_WH = tuple(capacity * SLOT // 3600 for _, capacity in PANELS)  # 1250, 500, 100 Wh

# Function-scoped fixtures (Ape's per-test isolation) are not reset between examples; every
# example restores its own snapshot instead.
PROPERTY_SETTINGS = settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@contextmanager
def fresh_state(chain) -> Iterator[None]:
    """Undo every transaction of the block, even when an assertion inside it fails."""
    snapshot = chain.snapshot()
    try:
        yield
    finally:
        chain.restore(snapshot)


# ---------------------------------------------------------------- oracle


def median_at_quorum(values: list[int], quorum: int) -> int:
    """The oracle's accepted value: median of the reports, 0 below quorum; for an even count
    the floor of the mean of the two middle values."""
    n = len(values)
    if n == 0 or n < quorum:
        return 0
    ordered = sorted(values)
    return ordered[n // 2] if n % 2 else (ordered[n // 2 - 1] + ordered[n // 2]) // 2


def test_median_at_quorum__model():
    assert median_at_quorum([900], 2) == 0
    assert median_at_quorum([1000, 1201], 2) == 1100
    assert median_at_quorum([1000, 1200, 900], 2) == 1000


@dataclass
class OracleModel:
    """Latest report per (panel, operator): a correction replaces the operator's own value."""

    reports: dict[int, dict[int, int]] = field(default_factory=dict)

    def report(self, panel: int, operator: int, wh: int) -> None:
        self.reports.setdefault(panel, {})[operator] = wh

    def accepted(self, panel: int) -> int:
        return median_at_quorum(list(self.reports.get(panel, {}).values()), QUORUM)

    def total(self) -> int:
        return sum(self.accepted(p) for p in range(len(PANELS)))


# Autouse: module fixtures must run before the per-test snapshot (Ape warns otherwise).
@pytest.fixture(scope="module", autouse=True)
def property_panels(registered_panel, registry, oracle, alice, bob):
    """Token ids of PANELS, registered once per module; and the latest registration time.
    (Requests ``oracle`` too: a session fixture first used after the module snapshot makes Ape
    rebase and re-run the module fixtures.)"""
    owners = (alice, bob)
    ids = [registered_panel(owners[owner], capacity) for owner, capacity in PANELS]
    registered_at = max(registry.reportingSpec(panel_id)[1] for panel_id in ids)
    return ids, registered_at


# One report step: an operator (0..2) reports one panel, or a batch of 2-3 (panel, Wh) pairs
# (a batch may name a panel twice: its later value wins). Values stay within capacity.
panel_value = st.integers(0, len(PANELS) - 1).flatmap(
    lambda p: st.tuples(st.just(p), st.integers(0, CAP_WH[p]))
)
report_step = st.tuples(st.integers(0, 2), st.lists(panel_value, min_size=1, max_size=3))


@PROPERTY_SETTINGS
@given(steps=st.lists(report_step, min_size=5, max_size=10))
def test_oracle__random_reports_and_corrections__never_double_counts(
    chain, oracle, registry, operators, alice, bob, property_panels, steps
):
    ids, registered_at = property_panels
    owners = (alice, bob)
    with fresh_state(chain):
        slot = next_slot_start(max(chain.pending_timestamp, registered_at), SLOT)
        set_next_block_time(chain, slot + SLOT)  # the slot has ended: reports are open
        model = OracleModel()
        for operator, entries in steps:
            for panel, wh in entries:
                model.report(panel, operator, wh)
            if len(entries) == 1:
                panel, wh = entries[0]
                oracle.reportProduction(ids[panel], slot, wh, sender=operators[operator])
            else:
                oracle.reportProductionBatch(
                    slot,
                    [ids[panel] for panel, _ in entries],
                    [wh for _, wh in entries],
                    sender=operators[operator],
                )
            # Each step: the slot total equals the model's sum of medians, and every panel the
            # step touched holds its model median in the registry.
            assert oracle.getTotalProductionInSlot(slot) == model.total()
            for panel in {panel for panel, _ in entries}:
                assert registry.productionOf(ids[panel], slot) == model.accepted(panel)

        # End of the sequence: every panel, per-owner and lifetime figure agrees.
        per_panel = [registry.productionOf(panel_id, slot) for panel_id in ids]
        assert per_panel == [model.accepted(p) for p in range(len(PANELS))]
        assert sum(per_panel) == oracle.getTotalProductionInSlot(slot) == model.total()
        for owner_index, owner in enumerate(owners):
            expected = sum(model.accepted(p) for p, (o, _) in enumerate(PANELS) if o == owner_index)
            assert registry.ownerProductionOf(owner, slot) == expected
        # This example's slot is the panels' only one: lifetime totals equal the slot's values.
        assert [registry.getTotalProduction(panel_id) for panel_id in ids] == per_panel


# ---------------------------------------------------------------- token


# Every example starts from this module state: credits and a lock already in place, so short
# sequences reach unlock and transferLocked; carol starts with nothing.
START_BALANCE = (1000, 600, 0)
START_LOCKED = (300, 0, 0)


@pytest.fixture(scope="module", autouse=True)
def token_roles(accounts, token, deployer, alice, bob, carol):
    """(escrow, minter, role ids): accounts[10] with ESCROW_ROLE, accounts[11] with MINTER_ROLE;
    the holders funded and locked as START_BALANCE / START_LOCKED."""
    escrow, minter = accounts[10], accounts[11]
    escrow_role, minter_role = token.ESCROW_ROLE(), token.MINTER_ROLE()
    token.grantRole(escrow_role, escrow, sender=deployer)
    token.grantRole(minter_role, minter, sender=deployer)
    for holder, balance, locked in zip(
        (alice, bob, carol), START_BALANCE, START_LOCKED, strict=True
    ):
        if balance:
            token.mint(holder, balance, sender=minter)
        if locked:
            token.lock(holder, locked, sender=escrow)
    roles = {"mint": minter_role, "lock": escrow_role, "unlock": escrow_role}
    roles["transferLocked"] = escrow_role
    return escrow, minter, roles


@dataclass(frozen=True)
class TokenOp:
    """One drawn operation on holder ``a`` (and ``b``: recipient, or the unauthorised caller)."""

    name: str
    a: int
    b: int
    amount: int
    by_role: bool  # escrow/minter operations: sent by the role holder, else by holder b
    by_owner: bool  # burns: sent by holder a itself, else by a holder without allowance

    @property
    def privileged(self) -> bool:
        return self.name in ("mint", "lock", "unlock", "transferLocked")

    @property
    def other(self) -> int:
        return (self.a + 1) % 3


@dataclass
class TokenModel:
    """Balances and locks per holder index; predicts the revert of every operation."""

    balance: list[int]
    locked: list[int]

    def available(self, a: int) -> int:
        return self.balance[a] - self.locked[a]

    def revert_of(self, op: TokenOp, holders, roles) -> tuple[str, dict] | None:
        """The custom error (name, arguments) ``op`` must revert with, or None if it succeeds."""
        a, amount, account = op.a, op.amount, holders[op.a]
        if op.privileged and not op.by_role:
            return (
                "AccessControlUnauthorizedAccount",
                {"account": holders[op.b], "neededRole": roles[op.name]},
            )
        if amount == 0 and op.name != "transfer":  # ERC-20 allows zero transfers
            return ("EnergyTokenZeroAmount", {})
        if op.name == "lock" and amount > self.available(a):
            available = self.available(a)
            return (
                "EnergyTokenInsufficientAvailable",
                {"account": account, "available": available, "needed": amount},
            )
        if op.name in ("unlock", "transferLocked") and amount > self.locked[a]:
            return (
                "EnergyTokenInsufficientLocked",
                {"account": account, "locked": self.locked[a], "needed": amount},
            )
        if op.name == "burn" and not op.by_owner:
            spender = holders[op.other]
            return (
                "ERC20InsufficientAllowance",
                {"spender": spender, "allowance": 0, "needed": amount},
            )
        if op.name in ("transfer", "burn") and amount > self.available(a):
            if self.locked[a] == 0:  # EnergyToken checks locks only when some are held
                return (
                    "ERC20InsufficientBalance",
                    {"sender": account, "balance": self.balance[a], "needed": amount},
                )
            return (
                "EnergyTokenInsufficientAvailable",
                {"account": account, "available": self.available(a), "needed": amount},
            )
        return None

    def apply(self, op: TokenOp) -> None:
        """Book a successful ``op``."""
        a, b, amount = op.a, op.b, op.amount
        if op.name == "mint":
            self.balance[a] += amount
        elif op.name == "lock":
            self.locked[a] += amount
        elif op.name == "unlock":
            self.locked[a] -= amount
        elif op.name in ("transfer", "transferLocked"):
            if op.name == "transferLocked":
                self.locked[a] -= amount  # the credits arrive unlocked
            self.balance[a] -= amount
            self.balance[b] += amount
        else:
            self.balance[a] -= amount


def send(token, op: TokenOp, holders, escrow, minter):
    """Submit ``op`` as its drawn sender."""
    a, b, amount = holders[op.a], holders[op.b], op.amount
    role_holder = minter if op.name == "mint" else escrow
    sender = role_holder if op.by_role else b
    if op.name == "mint":
        return token.mint(a, amount, sender=sender)
    if op.name == "lock":
        return token.lock(a, amount, sender=sender)
    if op.name == "unlock":
        return token.unlock(a, amount, sender=sender)
    if op.name == "transferLocked":
        return token.transferLocked(a, b, amount, sender=sender)
    if op.name == "transfer":
        return token.transfer(b, amount, sender=a)
    return token.burn(a, amount, sender=a if op.by_owner else holders[op.other])


def check_holders(token, holders, model: TokenModel, indices, with_balance_of: bool) -> None:
    """getEnergyBalance == the model's (total, locked, total - locked), locked <= total, and
    (``with_balance_of``) total == balanceOf."""
    for i in indices:
        energy = token.getEnergyBalance(holders[i])
        assert energy == (model.balance[i], model.locked[i], model.available(i))
        assert energy.locked <= energy.total
        if with_balance_of:
            assert token.balanceOf(holders[i]) == energy.total


OPS = ("mint", "lock", "unlock", "transfer", "transferLocked", "burn")


def draw_op(data, model: TokenModel) -> TokenOp:
    """Draw an operation; half the time on an account and amount where it can succeed."""
    name = data.draw(st.sampled_from(OPS), label="op")
    spends_lock = name in ("unlock", "transferLocked")
    useful = [
        i
        for i in range(3)
        if name == "mint" or (model.locked[i] if spends_lock else model.available(i)) > 0
    ]
    anyone = st.integers(0, 2)
    a = data.draw(st.one_of(st.sampled_from(useful), anyone) if useful else anyone, label="a")
    b = data.draw(anyone, label="b")
    # Amounts: a revert boundary, or anything up to just above what the operation may use.
    avail, locked = model.available(a), model.locked[a]
    limit = 2000 if name == "mint" else (locked if spends_lock else avail)
    edges = sorted({0, avail, avail + 1, locked, locked + 1, model.balance[a]})
    amount = data.draw(st.one_of(st.sampled_from(edges), st.integers(0, limit + 1)), label="amount")
    privileged = name in ("mint", "lock", "unlock", "transferLocked")
    # Mostly the role holder; sometimes a holder without the role (must revert).
    by_role = data.draw(st.sampled_from((True, True, True, False)), label="by role")
    by_owner = data.draw(st.sampled_from((True, True, True, False)), label="by owner")
    return TokenOp(name, a, b, amount, by_role or not privileged, by_owner or name != "burn")


@PROPERTY_SETTINGS
@given(data=st.data())
def test_token__random_locks_and_transfers__available_is_total_minus_locked(
    chain, token, token_roles, alice, bob, carol, data
):
    escrow, minter, roles = token_roles
    holders = (alice, bob, carol)
    n_steps = data.draw(st.integers(5, 10), label="steps")
    with fresh_state(chain):
        model = TokenModel(balance=list(START_BALANCE), locked=list(START_LOCKED))
        assert token.totalSupply() == sum(START_BALANCE)  # no one else holds credits
        for _ in range(n_steps):
            op = draw_op(data, model)
            error = model.revert_of(op, holders, roles)
            if error is None:
                send(token, op, holders, escrow, minter)
                model.apply(op)
            else:
                name, values = error
                with ape.reverts(getattr(token, name), **values):
                    send(token, op, holders, escrow, minter)

            # Each step (kept cheap): the accounts the operation named, and the supply.
            check_holders(token, holders, model, {op.a, op.b}, with_balance_of=False)
            assert token.totalSupply() == sum(model.balance)
        # End of the sequence: every holder, against balanceOf too.
        check_holders(token, holders, model, range(len(holders)), with_balance_of=True)
