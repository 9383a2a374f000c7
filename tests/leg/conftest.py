"""LEG fixtures: registry, heat credits and marketplace over the session WATT; funded hubs."""

from __future__ import annotations

import pytest

from gridset.leg.deploy import LegParams, deploy_leg
from gridset.tokens.watt import issue_watt
from gridset.units import WATT

FUNDS = 10_000 * WATT
#: Capacity of every test hub: 1,000 kWh compute, 2,000 GB storage, 500 kWh thermal of heat.
CAPACITY = (1_000_000, 2_000, 500_000)
PARAMS = LegParams()


@pytest.fixture(scope="session")
def leg(deployer, watt, treasury_account, registrar):
    """LEG contracts; the deployer is admin and arbiter, ``registrar`` attests uptime."""
    params = LegParams(attesters=(registrar.address,))
    return deploy_leg(deployer, watt, treasury_account.address, params)


@pytest.fixture(scope="session")
def hub_registry(leg):
    return leg.registry


@pytest.fixture(scope="session")
def heat(leg):
    return leg.heat


@pytest.fixture(scope="session")
def legm(leg):
    return leg.marketplace


@pytest.fixture(scope="session")
def hubs(leg, watt, installer, alice, bob, carol, dave):
    """alice (hub 1), bob (hub 2) and dave (hub 3) run hubs; carol is a company buyer without one.
    All hold FUNDS WATT approved to the marketplace."""
    ids = {}
    for account in (alice, bob, carol, dave):
        issue_watt(watt, installer, account, FUNDS)
        watt.approve(leg.marketplace, 2**256 - 1, sender=account)
        leg.heat.approve(leg.marketplace, 2**256 - 1, sender=account)
    for account in (alice, bob, dave):
        tx = leg.registry.registerHub(b"zone-1".ljust(32, b"\0"), CAPACITY, sender=account)
        ids[account.address] = tx.events.filter(leg.registry.HubRegistered)[0].hubId
    return ids


@pytest.fixture(scope="session", autouse=True)
def _leg_state(hubs):
    """Deploy and fund once, before the first test's snapshot."""


@pytest.fixture
def advance(chain):
    """Move the next block's time forward by ``seconds``."""

    def advance(seconds: int) -> None:
        chain.pending_timestamp = chain.pending_timestamp + seconds

    return advance
