"""SettlementEngine.settleBatch and the internal balances it books to: money in the market
(EnergyMarket.withdraw), energy credits in the engine (SettlementEngine.withdrawEnergy).

The standard book (tests/market/conftest.py), cleared but not claimed: settling claims it. alice
sold 760 Wh and produced 700 (60 short), bob sold 240 and produced 300 (60 surplus); carol bought
400 Wh, dave 600. Figures as in test_settlement_engine.py.
"""

from __future__ import annotations

import pytest
from hypothesis import event
from hypothesis import strategies as st
from test_market_properties import (
    SETTINGS,
    TRADERS,
    _expected,
    _open_slot,
    slot_examples,
)
from test_settlement_engine import (
    ALICE_FEE,
    ALICE_NET,
    ALICE_PENALTY,
    BOB_FEE,
    BOB_NET,
    CAROL_PENALTY,
    CAROL_RECEIVED,
    DAVE_PENALTY,
    DAVE_RECEIVED,
    UNIT,
)

from gridset.market.states import SkipReason
from gridset.testing import reverts


@pytest.fixture
def cleared(driver, book, deliver, alice, bob, slot):
    """The standard book cleared (orders not claimed); alice produced 700 Wh, bob 300 Wh;
    settlement is open."""
    driver.clear(slot)
    deliver(slot, {alice: 700, bob: 300})
    return book


def _refunds(tx, market):
    """Claim refunds of bids in a receipt: ``{trader: base units}``."""
    refunds: dict = {}
    for e in tx.events.filter(market.OrderFilled):
        refunds[e.trader] = refunds.get(e.trader, 0) + int(e.refunded)
    return refunds


def test_settle_batch__whole_slot__books_money_and_credits_internally_and_moves_no_tokens(
    market, settlement, watt, token, vault, cleared, alice, bob, carol, dave, attacker, slot
):
    wallets = {t: watt.balanceOf(t) for t in (alice, bob, carol, dave)}
    supply, stake = token.totalSupply(), vault.getStake(alice)
    tx = settlement.settleBatch(slot, [alice, bob, carol, dave], sender=attacker)
    refunds = _refunds(tx, market)
    assert tx.events.filter(settlement.SettlementBatchCompleted) == [
        settlement.SettlementBatchCompleted(slot, 4, 0)
    ]
    assert tx.events.filter(settlement.SettlementSkipped) == []
    assert tx.events.filter(market.EscrowReleased) == []
    assert tx.events.filter(token.Transfer) == []
    # Money: proceeds, claim refunds and shortfall refunds booked; penalties paid in stake (WATT).
    assert [market.internalBalanceOf(t) for t in (alice, bob, carol, dave)] == [
        ALICE_NET,
        BOB_NET,
        refunds[carol.address] + 24 * UNIT,
        refunds[dave.address] + 36 * UNIT,
    ]
    assert [watt.balanceOf(t) - wallets[t] for t in (alice, bob, carol, dave)] == [
        0,
        0,
        CAROL_PENALTY,
        DAVE_PENALTY,
    ]
    assert vault.getStake(alice) == stake - ALICE_PENALTY
    # Energy: bob's surplus and the buyers' shares booked, nothing minted yet.
    assert [settlement.energyCreditOf(t) for t in (alice, bob, carol, dave)] == [
        0,
        60,
        CAROL_RECEIVED,
        DAVE_RECEIVED,
    ]
    assert token.totalSupply() == supply
    # The fees stay in escrow until the slot closes; the market holds them and the balances.
    booked = sum(market.internalBalanceOf(t) for t in (alice, bob, carol, dave))
    assert market.escrowOf(slot) == ALICE_FEE + BOB_FEE
    assert watt.balanceOf(market) == booked + ALICE_FEE + BOB_FEE


def test_settle_batch__same_outcome_as_transfers_once_withdrawn(
    driver, place_book, deliver, market, settlement, watt, token, alice, bob, carol, dave, attacker
):
    """Two identical slots, one settled by transfers (settleParticipants), one by settleBatch
    and withdrawals: every trader ends with the same WATT, stake and energy credits."""
    traders = (alice, bob, carol, dave)
    slots = [driver.next_slot(), driver.next_slot(3600)]
    for slot in slots:
        place_book(slot)
    changes = []
    for slot, batch in zip(slots, (False, True), strict=True):
        before = [(watt.balanceOf(t), token.balanceOf(t)) for t in traders]
        driver.clear(slot)
        deliver(slot, {alice: 700, bob: 300})
        settle = settlement.settleBatch if batch else settlement.settleParticipants
        settle(slot, list(traders), sender=attacker)
        if batch:
            for t in traders:
                if market.internalBalanceOf(t):
                    market.withdraw(market.internalBalanceOf(t), sender=t)
                if settlement.energyCreditOf(t):
                    settlement.withdrawEnergy(settlement.energyCreditOf(t), sender=t)
        after = [(watt.balanceOf(t), token.balanceOf(t)) for t in traders]
        changes.append([(a[0] - b[0], a[1] - b[1]) for a, b in zip(after, before, strict=True)])
        settlement.finalizeTimeSlot(slot, sender=attacker)
    assert changes[0] == changes[1]
    assert changes[1][1] == (BOB_NET, 60)


def test_withdraw__money__transfers_once_and_zeroes_the_balance(
    market, settlement, watt, cleared, carol, dave, alice, bob, attacker, slot
):
    settlement.settleBatch(slot, [alice, bob, carol, dave], sender=attacker)
    owed = market.internalBalanceOf(carol)
    wallet = watt.balanceOf(carol)
    tx = market.withdraw(owed, sender=carol)
    assert tx.events == [
        market.InternalBalanceWithdrawn(carol, owed),
        watt.Transfer(market, carol, owed),
    ]
    assert market.internalBalanceOf(carol) == 0
    assert watt.balanceOf(carol) == wallet + owed


def test_withdraw_energy__mints_once_and_zeroes_the_credit(
    settlement, token, cleared, alice, bob, carol, dave, attacker, slot
):
    settlement.settleBatch(slot, [alice, bob, carol, dave], sender=attacker)
    tx = settlement.withdrawEnergy(DAVE_RECEIVED - 64, sender=dave)
    assert tx.events == [
        settlement.EnergyWithdrawn(dave, DAVE_RECEIVED - 64),
        token.Transfer("0x0000000000000000000000000000000000000000", dave, DAVE_RECEIVED - 64),
        token.Mint(dave, DAVE_RECEIVED - 64),
    ]
    assert settlement.energyCreditOf(dave) == 64
    assert token.balanceOf(dave) == DAVE_RECEIVED - 64


def test_withdraw_energy__zero__reverts_named(settlement, attacker):
    with reverts(settlement.SettlementZeroWithdrawal):
        settlement.withdrawEnergy(0, sender=attacker)


def test_withdraw_energy__above_credit__reverts_named(
    settlement, cleared, alice, bob, attacker, slot
):
    settlement.settleBatch(slot, [alice, bob], sender=attacker)
    with reverts(settlement.SettlementInsufficientEnergyCredit, account=bob, credit=60, needed=61):
        settlement.withdrawEnergy(61, sender=bob)


def test_withdraw__money__zero_or_above_balance__reverts_named(
    market, settlement, cleared, alice, bob, attacker, slot
):
    settlement.settleBatch(slot, [alice, bob], sender=attacker)
    with reverts(market.InternalBalanceZeroWithdrawal):
        market.withdraw(0, sender=bob)
    with reverts(
        market.InternalBalanceInsufficient, account=bob, balance=BOB_NET, needed=BOB_NET + 1
    ):
        market.withdraw(BOB_NET + 1, sender=bob)


def test_settle_batch__twice_in_one_batch__second_entry_skipped_and_paid_once(
    market, settlement, cleared, alice, bob, attacker, slot
):
    tx = settlement.settleBatch(slot, [bob, bob, alice], sender=attacker)
    assert tx.events.filter(settlement.SettlementSkipped) == [
        settlement.SettlementSkipped(slot, bob, SkipReason.NOTHING_TO_SETTLE)
    ]
    assert tx.events.filter(settlement.SettlementBatchCompleted) == [
        settlement.SettlementBatchCompleted(slot, 2, 1)
    ]
    assert market.internalBalanceOf(bob) == BOB_NET
    assert settlement.energyCreditOf(bob) == 60


def test_settle_batch__settled_singly_before__skipped_and_not_paid_again(
    market, settlement, watt, cleared, alice, bob, attacker, slot
):
    settlement.settleParticipant(slot, bob, sender=attacker)
    wallet = watt.balanceOf(bob)
    tx = settlement.settleBatch(slot, [bob, alice], sender=attacker)
    assert tx.events.filter(settlement.SettlementSkipped) == [
        settlement.SettlementSkipped(slot, bob, SkipReason.NOTHING_TO_SETTLE)
    ]
    assert (market.internalBalanceOf(bob), settlement.energyCreditOf(bob)) == (0, 0)
    assert watt.balanceOf(bob) == wallet
    assert market.internalBalanceOf(alice) == ALICE_NET


def test_settle_batch__unknown_and_early_entries__skipped_named_rest_settles(
    settlement, cleared, alice, bob, carol, attacker, slot
):
    tx = settlement.settleBatch(slot, [attacker, carol, alice, bob], sender=attacker)
    assert tx.events.filter(settlement.SettlementSkipped) == [
        settlement.SettlementSkipped(slot, attacker, SkipReason.NOTHING_TO_SETTLE),
        settlement.SettlementSkipped(slot, carol, SkipReason.SELLERS_PENDING),
    ]
    assert [e.participant for e in tx.events.filter(settlement.SettlementExecuted)] == [
        alice,
        bob,
    ]


def test_settle_batch__disputed_participant__skipped_named_rest_settles(
    driver, settlement, panels, book, alice, bob, carol, attacker, slot
):
    driver.clear(slot)
    driver.report(slot, {panels[alice]: 700, panels[bob]: 300})
    driver.finalize_oracle(slot)
    settlement.raiseDispute(slot, alice, sender=carol)
    driver.open_settlement(slot)
    tx = settlement.settleBatch(slot, [alice, bob], sender=attacker)
    assert tx.events.filter(settlement.SettlementSkipped) == [
        settlement.SettlementSkipped(slot, alice, SkipReason.DISPUTED)
    ]
    assert tx.events.filter(settlement.SettlementBatchCompleted) == [
        settlement.SettlementBatchCompleted(slot, 1, 1)
    ]


def test_settle_participants__skips__report_named_events(
    settlement, cleared, alice, carol, attacker, slot
):
    tx = settlement.settleParticipants(slot, [carol, alice, attacker], sender=attacker)
    assert tx.events.filter(settlement.SettlementSkipped) == [
        settlement.SettlementSkipped(slot, carol, SkipReason.SELLERS_PENDING),
        settlement.SettlementSkipped(slot, attacker, SkipReason.NOTHING_TO_SETTLE),
    ]


def test_market_batch_entry_points__without_settlement_role__revert(
    market, cleared, alice, attacker, slot
):
    role = market.SETTLEMENT_ROLE()
    with reverts(market.AccessControlUnauthorizedAccount, account=attacker, neededRole=role):
        market.claimAllToBalance(slot, alice, sender=attacker)
    with reverts(market.AccessControlUnauthorizedAccount, account=attacker, neededRole=role):
        market.creditEscrow(slot, attacker, 1, sender=attacker)


# ---------------------------------------------------------------- properties

entries = st.lists(st.sampled_from((*TRADERS, "outsider")), min_size=1, max_size=10)


@SETTINGS
@slot_examples
def test_random_batch__internal_balances_plus_withdrawals_equal_what_came_in(
    isolated,
    driver,
    market,
    settlement,
    token,
    panels,
    balances,
    nothing_left,
    traders,
    attacker,
    spec,
    produced,
    data,
):
    """Random slots settled by settleBatch with orders unclaimed and batches that repeat
    participants and name an outsider: before any withdrawal, wallet + internal balance and
    minted + energy credits equal the documented rule (as by transfers), the credits sum to the
    verified production; after everyone withdraws at a random point, nothing is left anywhere."""
    accounts = {**dict(zip(TRADERS, traders, strict=True)), "outsider": attacker}
    production = dict(zip(TRADERS, (*produced, 0), strict=True))
    batch = data.draw(entries, label="batch") + list(data.draw(st.permutations(TRADERS)))
    with isolated():
        before, supply = balances(), token.totalSupply()
        slot, placed, live = _open_slot(driver, market, accounts, spec)
        price = int(driver.clear(slot).events[0].clearingPrice)
        driver.report(slot, {panels[accounts[t]]: production[t] for t in TRADERS[:3]})
        driver.finalize_oracle(slot)
        driver.open_settlement(slot)
        fills = {}
        for _ in range(2):
            tx = settlement.settleBatch(slot, [accounts[t] for t in batch], sender=driver.keeper)
            fills.update(
                {
                    int(e.orderId): int(e.filledQuantity)
                    for e in tx.events.filter(market.OrderFilled)
                }
            )
        owed = {t: market.internalBalanceOf(accounts[t]) for t in TRADERS}
        credits = {t: settlement.energyCreditOf(accounts[t]) for t in TRADERS}
        booked = balances()
        closed = settlement.finalizeTimeSlot(slot, sender=driver.keeper).events[0]
        for t in TRADERS:
            if owed[t]:
                market.withdraw(owed[t], sender=accounts[t])
            if credits[t]:
                settlement.withdrawEnergy(credits[t], sender=accounts[t])
        after, minted = balances(), token.totalSupply() - supply
        nothing_left(slot)
        left = [
            (market.internalBalanceOf(a), settlement.energyCreditOf(a)) for a in accounts.values()
        ]

    event("traded" if any(fills.values()) else "nothing matched")
    model_order = [t for t in batch if t != "outsider"]
    expected, fees = _expected(driver, placed, live, fills, price, production, model_order)
    booked_change = {
        t: (
            booked[t][0] + owed[t] - before[t][0],
            booked[t][1] - before[t][1],
            booked[t][2] + credits[t] - before[t][2],
        )
        for t in TRADERS
    }
    assert booked_change == expected
    assert sum(credits.values()) == sum(production.values())
    change = {n: tuple(a - b for a, b in zip(after[n], before[n], strict=True)) for n in after}
    assert change == {**expected, "treasury": (fees, 0, 0)}
    assert int(closed.fees) == fees
    assert minted == sum(production.values())
    assert left == [(0, 0)] * len(accounts)
