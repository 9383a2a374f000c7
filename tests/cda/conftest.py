"""CDA fixtures: a CdaMarket over the session suite, funded and staked traders, an open slot."""

from __future__ import annotations

import pytest

from gridset.cda.deploy import CdaParams, deploy_cda
from gridset.chain_time import advance_to, next_slot_start
from gridset.tokens.watt import issue_watt
from gridset.units import WATT

FUNDS = 1_000 * WATT
STAKE = 100 * WATT
MAX_UINT256 = 2**256 - 1
PARAMS = CdaParams()


@pytest.fixture(scope="session")
def cda(deployer, suite):
    return deploy_cda(deployer, suite, PARAMS)


@pytest.fixture(scope="session")
def cda_traders(cda, watt, vault, installer, alice, bob, carol, dave):
    """alice, bob, carol, dave: FUNDS WATT, STAKE of it staked, the CDA approved."""
    for trader in (alice, bob, carol, dave):
        issue_watt(watt, installer, trader, FUNDS)
        watt.approve(cda, MAX_UINT256, sender=trader)
        watt.approve(vault, STAKE, sender=trader)
        vault.depositStake(STAKE, sender=trader)
    return alice, bob, carol, dave


@pytest.fixture(scope="session", autouse=True)
def _cda_state(cda_traders):
    """Deploy and fund once, before the first test's snapshot."""


def price(tick: int) -> int:
    """Price of ``tick`` on the default grid, base units per kWh."""
    return PARAMS.price_floor + tick * PARAMS.tick_size


@pytest.fixture
def open_slot(chain, market):
    """A slot whose CDA is open now (its auction gate passed, no auction orders)."""
    slot = next_slot_start(chain.pending_timestamp + 3600, 900)
    advance_to(chain, slot - market.gateClosureLead())
    return slot


def outcome(cda, tx) -> tuple[int, int]:
    """(resting order id or 0, Wh filled at once) of a ``placeOrder`` receipt, from its events
    (the test provider replays calls on the post-state, so ``return_value`` is not the tx's)."""
    placed = tx.events.filter(cda.OrderPlaced)
    filled = sum(event.quantity for event in tx.events.filter(cda.Traded))
    return (placed[0].orderId if placed else 0, filled)


def place(cda, slot, is_bid, price_, quantity, ioc, sender) -> tuple[int, int]:
    """Place an order; return (resting order id or 0, Wh filled at once)."""
    return outcome(cda, cda.placeOrder(slot, is_bid, price_, quantity, ioc, sender=sender))


def held(cda, watt, account) -> int:
    """WATT base units ``account`` holds: its token balance plus its internal balance on the CDA
    (where proceeds and refunds are credited)."""
    return watt.balanceOf(account) + cda.internalBalanceOf(account)


def own_events(contract, tx) -> list:
    """The receipt's events emitted by ``contract`` (token and vault logs left out)."""
    return [log for log in tx.events if log.contract_address == contract.address]
