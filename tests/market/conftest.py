"""Market and settlement fixtures: funded, staked traders, one panel per seller (the slot driver
and ``deliver`` are shared: tests/conftest.py)."""

from __future__ import annotations

import pytest

from gridset.units import WATT

#: WATT issued to each trader, and the part of it each deposits as stake (base units).
FUNDS = 1_000 * WATT
STAKE = 100 * WATT


@pytest.fixture(scope="session")
def traders(driver, installer, alice, bob, carol, dave):
    """alice, bob, carol, dave: FUNDS WATT each, STAKE of it staked, market and settlement
    approved without limit."""
    for trader in (alice, bob, carol, dave):
        driver.fund(installer, trader, FUNDS, STAKE)
    return alice, bob, carol, dave


@pytest.fixture(scope="session")
def panels(registered_panel, alice, bob, carol):
    """One registered 5 kW panel (at most 1,250 Wh per 900 s slot) each for alice, bob, carol."""
    return {trader: registered_panel(trader, 5000) for trader in (alice, bob, carol)}


@pytest.fixture(scope="session", autouse=True)
def _market_state(traders, panels):
    """Fund traders and register panels once, before the first test's snapshot."""


#: The standard book (name, trader, is_bid, tick, Wh). With D(t) = bids at ticks >= t and
#: S(t) = asks at ticks <= t, V(t) = min(D, S) peaks only at tick 20: D = 1000, S = 1100.
#: Clearing: V = 1000 Wh at tick 20. Bids: C1 (tick 30) fills 400, D1 (marginal tick 20) fills
#: its whole 600, C2 (tick 5) nothing. Asks: A1 (tick 10) fills 600; A2 and B1 share the 400 Wh
#: left at the marginal tick 20 pro rata (A2 160, B1 240: the ask side is rationed); B2 (tick 40)
#: nothing. alice sells 760 Wh, bob 240 Wh; carol buys 400 Wh, dave 600 Wh.
STANDARD_BOOK = (
    ("A1", "alice", False, 10, 600),
    ("A2", "alice", False, 20, 200),
    ("B1", "bob", False, 20, 300),
    ("B2", "bob", False, 40, 100),
    ("C1", "carol", True, 30, 400),
    ("C2", "carol", True, 5, 100),
    ("D1", "dave", True, 20, 600),
)
STANDARD_TICK = 20


@pytest.fixture
def place_book(driver, alice, bob, carol, dave):
    """Factory: place ``spec`` (name, trader name, is_bid, tick, Wh) in ``slot``; returns
    ``{name: order id}``."""
    by_name = {"alice": alice, "bob": bob, "carol": carol, "dave": dave}

    def place_book(slot, spec=STANDARD_BOOK):
        place = {True: driver.bid, False: driver.ask}
        return {
            name: place[is_bid](by_name[trader], slot, tick, wh)
            for name, trader, is_bid, tick, wh in spec
        }

    return place_book


@pytest.fixture
def book(place_book, slot):
    """The standard book placed in ``slot`` (open)."""
    return place_book(slot)


@pytest.fixture
def claimed(driver, book, slot):
    """The standard book cleared and every order claimed, in the order of STANDARD_BOOK."""
    driver.clear(slot)
    driver.claim(book.values())
    return book


@pytest.fixture
def balances(watt, vault, token, alice, bob, carol, dave, treasury_account):
    """Factory: ``{name: (WATT, bonded stake, energy credits)}`` of the traders and the
    treasury, in base units (credits in Wh)."""
    accounts = {
        "alice": alice,
        "bob": bob,
        "carol": carol,
        "dave": dave,
        "treasury": treasury_account,
    }

    def balances():
        return {
            name: (watt.balanceOf(a), vault.getStake(a), token.balanceOf(a))
            for name, a in accounts.items()
        }

    return balances


@pytest.fixture
def nothing_left(lens, market, settlement, vault, watt, token, alice, bob, carol, dave):
    """Factory: assert that no escrow, encumbrance, pooled penalty or held credit of ``slot``
    remains (the traders have no other open slot)."""

    def nothing_left(slot):
        assert market.escrowOf(slot) == 0
        assert watt.balanceOf(market) == 0
        assert watt.balanceOf(settlement) == 0
        assert token.balanceOf(settlement) == 0
        assert lens.slotMoney(slot).penaltyPool == 0
        assert [vault.encumberedStake(t) for t in (alice, bob, carol, dave)] == [0, 0, 0, 0]

    return nothing_left


@pytest.fixture(scope="session")
def relay(suite):
    """The OrderRelay (no GridStaking in the development suite: anyone may relay)."""
    return suite.order_relay
