"""CdaMarket's internal balances: proceeds and refunds are credited, bids spend the balance first,
``withdraw`` pays it out; attacks on each new path."""

from __future__ import annotations

import ape

from gridset.chain_time import advance_to

from .conftest import PARAMS, own_events, place, price

UNIT = price(10) // 1000  # base units per Wh at tick 10


def _transfers(watt, tx) -> list[tuple[str, str, int]]:
    return [(e["from"], e.to, e.value) for e in tx.events.filter(watt.Transfer)]


def test_maker_claim__credits_internal_balance_no_transfer(cda, watt, open_slot, alice, bob):
    ask = place(cda, open_slot, False, price(10), 100, False, sender=alice)[0]
    cda.placeOrder(open_slot, True, price(10), 100, True, sender=bob)
    before = watt.balanceOf(alice)
    tx = cda.claim(ask, sender=bob)
    assert own_events(cda, tx) == [
        cda.OrderClaimed(ask, alice, 100, 100 * UNIT, 0),
        cda.InternalBalanceCredited(alice, 100 * UNIT),
    ]
    assert _transfers(watt, tx) == []
    assert watt.balanceOf(alice) == before
    assert cda.internalBalanceOf(alice) == 100 * UNIT
    assert cda.internalBalanceToken() == watt.address


def test_withdraw__pays_the_caller_once(cda, watt, open_slot, alice, bob):
    ask = place(cda, open_slot, False, price(10), 100, False, sender=alice)[0]
    cda.placeOrder(open_slot, True, price(10), 100, True, sender=bob)
    cda.claim(ask, sender=alice)
    before = watt.balanceOf(alice)
    tx = cda.withdraw(60 * UNIT, sender=alice)
    assert own_events(cda, tx) == [cda.InternalBalanceWithdrawn(alice, 60 * UNIT)]
    assert _transfers(watt, tx) == [(cda.address, alice.address, 60 * UNIT)]
    assert watt.balanceOf(alice) == before + 60 * UNIT
    assert cda.internalBalanceOf(alice) == 40 * UNIT
    with ape.reverts(
        cda.InternalBalanceInsufficient, account=alice, balance=40 * UNIT, needed=40 * UNIT + 1
    ):
        cda.withdraw(40 * UNIT + 1, sender=alice)


def test_withdraw_zero__reverts(cda, alice):
    with ape.reverts(cda.InternalBalanceZeroWithdrawal):
        cda.withdraw(0, sender=alice)


def test_withdraw_someone_elses_balance__attacker_has_none(cda, open_slot, alice, bob, attacker):
    ask = place(cda, open_slot, False, price(10), 100, False, sender=alice)[0]
    cda.placeOrder(open_slot, True, price(10), 100, True, sender=bob)
    cda.claim(ask, sender=attacker)  # anyone may claim: the money is the maker's
    assert cda.internalBalanceOf(attacker) == 0
    with ape.reverts(cda.InternalBalanceInsufficient, account=attacker, balance=0, needed=1):
        cda.withdraw(1, sender=attacker)
    assert cda.internalBalanceOf(alice) == 100 * UNIT


def test_withdraw_while_paused__still_pays(cda, deployer, open_slot, alice, bob):
    ask = place(cda, open_slot, False, price(10), 100, False, sender=alice)[0]
    cda.placeOrder(open_slot, True, price(10), 100, True, sender=bob)
    cda.claim(ask, sender=alice)
    cda.pause(sender=deployer)
    cda.withdraw(100 * UNIT, sender=alice)
    assert cda.internalBalanceOf(alice) == 0
    cda.unpause(sender=deployer)


def test_cancel_bid__refund_credited(cda, watt, open_slot, bob):
    bid = place(cda, open_slot, True, price(10), 100, False, sender=bob)[0]
    tx = cda.cancelOrder(bid, sender=bob)
    assert own_events(cda, tx) == [
        cda.OrderCancelled(bid, bob, 100),
        cda.OrderClaimed(bid, bob, 0, 0, 100 * UNIT),
        cda.InternalBalanceCredited(bob, 100 * UNIT),
    ]
    assert _transfers(watt, tx) == []
    assert cda.internalBalanceOf(bob) == 100 * UNIT


def test_ask_taker__proceeds_credited(cda, watt, open_slot, alice, bob):
    place(cda, open_slot, True, price(10), 100, False, sender=bob)
    before = watt.balanceOf(alice)
    tx = cda.placeOrder(open_slot, False, price(10), 100, True, sender=alice)
    assert own_events(cda, tx)[-1] == cda.InternalBalanceCredited(alice, 100 * UNIT)
    assert watt.balanceOf(alice) == before
    assert cda.internalBalanceOf(alice) == 100 * UNIT


def test_bid_with_enough_balance__no_token_transfer(cda, watt, open_slot, bob):
    bid = place(cda, open_slot, True, price(10), 100, False, sender=bob)[0]
    cda.cancelOrder(bid, sender=bob)
    before = watt.balanceOf(bob)
    tx = cda.placeOrder(open_slot, True, price(10), 40, False, sender=bob)
    order_id = tx.events.filter(cda.OrderPlaced)[0].orderId
    assert own_events(cda, tx) == [
        cda.OrderPlaced(order_id, open_slot, bob, True, price(10), 40),
        cda.InternalBalanceDebited(bob, 40 * UNIT),
    ]
    assert _transfers(watt, tx) == []
    assert watt.balanceOf(bob) == before
    assert cda.internalBalanceOf(bob) == 60 * UNIT


def test_bid_with_short_balance__balance_first_then_transfer_for_the_rest(
    cda, watt, open_slot, alice, bob
):
    bid = place(cda, open_slot, True, price(10), 30, False, sender=bob)[0]
    cda.cancelOrder(bid, sender=bob)
    place(cda, open_slot, False, price(10), 100, False, sender=alice)
    before = watt.balanceOf(bob)
    tx = cda.placeOrder(open_slot, True, price(10), 100, True, sender=bob)
    assert own_events(cda, tx)[-1] == cda.InternalBalanceDebited(bob, 30 * UNIT)
    assert _transfers(watt, tx) == [(bob.address, cda.address, 70 * UNIT)]
    assert watt.balanceOf(bob) == before - 70 * UNIT
    assert cda.internalBalanceOf(bob) == 0


def test_bid_short_without_allowance__reverts_and_balance_kept(cda, watt, open_slot, alice, bob):
    bid = place(cda, open_slot, True, price(10), 30, False, sender=bob)[0]
    cda.cancelOrder(bid, sender=bob)
    watt.approve(cda, 0, sender=bob)
    with ape.reverts(watt.ERC20InsufficientAllowance, spender=cda, allowance=0, needed=70 * UNIT):
        cda.placeOrder(open_slot, True, price(10), 100, False, sender=bob)
    assert cda.internalBalanceOf(bob) == 30 * UNIT
    watt.approve(cda, 2**256 - 1, sender=bob)


def test_double_claim_after_gate__refused_credited_once(cda, chain, open_slot, alice, bob):
    bid = place(cda, open_slot, True, price(10), 100, False, sender=bob)[0]
    cda.placeOrder(open_slot, False, price(10), 30, False, sender=alice)
    advance_to(chain, open_slot - PARAMS.cda_gate_lead)
    cda.claim(bid, sender=bob)
    assert cda.internalBalanceOf(bob) == 70 * UNIT
    with ape.reverts(cda.CdaMarketOrderNotActive, orderId=bid):
        cda.claim(bid, sender=bob)
    cda.claimMany([bid], sender=bob)  # skipped
    assert cda.internalBalanceOf(bob) == 70 * UNIT


def test_bid_without_balance__pulled_whole_no_debit_event(cda, watt, open_slot, alice, bob):
    place(cda, open_slot, False, price(20), 10, False, sender=alice)  # the book is open
    tx = cda.placeOrder(open_slot, True, price(10), 40, False, sender=bob)
    order_id = tx.events.filter(cda.OrderPlaced)[0].orderId
    assert own_events(cda, tx) == [cda.OrderPlaced(order_id, open_slot, bob, True, price(10), 40)]
    assert _transfers(watt, tx) == [(bob.address, cda.address, 40 * UNIT)]
