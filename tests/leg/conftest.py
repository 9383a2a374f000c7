"""LEG fixtures: registry, heat credits and marketplace over the session WATT; funded hubs."""

from __future__ import annotations

import pytest
from ape import project

from gridset.leg.deploy import LegParams, deploy_leg, take_licence
from gridset.tokens.watt import issue_watt
from gridset.units import GRID, WATT

FUNDS = 10_000 * WATT
#: Capacity of every test hub: 1,000 kWh compute, 2,000 GB storage, 500 kWh thermal of heat.
CAPACITY = (1_000_000, 2_000, 500_000)
PARAMS = LegParams()
#: GRID an Application Host must stake for its licence in these tests.
LICENCE = 1_000 * GRID
ZONE = b"zone-1".ljust(32, b"\0")


@pytest.fixture(scope="session")
def licensing(deployer):
    """GRID (all held by the deployer) and a GridStaking whose licence needs LICENCE staked."""
    grid = deployer.deploy(project.GridToken, "GRID", "GRID", [deployer], [1_000_000 * GRID])
    return deployer.deploy(project.GridStaking, grid, deployer, LICENCE)


@pytest.fixture(scope="session")
def leg(deployer, watt, treasury_account, registrar, licensing):
    """LEG contracts; the deployer is admin and arbiter, ``registrar`` attests uptime."""
    params = LegParams(attesters=(registrar.address,))
    return deploy_leg(deployer, watt, treasury_account.address, licensing, params)


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
def hubs(leg, watt, licensing, deployer, installer, alice, bob, carol, dave):
    """alice (hub 1), bob (hub 2) and dave (hub 3) run licensed hubs in ZONE; carol is a company
    buyer without one. All hold FUNDS WATT approved to the marketplace."""
    ids = {}
    for account in (alice, bob, carol, dave):
        issue_watt(watt, installer, account, FUNDS)
        watt.approve(leg.marketplace, 2**256 - 1, sender=account)
        leg.heat.approve(leg.marketplace, 2**256 - 1, sender=account)
    for account in (alice, bob, dave):
        take_licence(licensing, account, deployer)
        tx = leg.registry.registerHub(ZONE, CAPACITY, sender=account)
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
