"""Energy Broker fixtures: actors, tokens, factory, router and pools of both formulas.

Tokens: ``watt`` (payment, 18 decimals), ``energy`` (3 decimals, 1 base unit = 1 Wh), ``grid``
(a third 18-decimal token for two-hop paths). Pools use the pallet's runtime fees unless a test
says otherwise: LP fee 1 % and withdrawal fee 1 % (100 bps each).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from gridset.broker.deploy import create_pool
from gridset.broker.units import WAD, Formula
from gridset.testing import reverts  # noqa: F401 (re-exported for the tests)

ZERO_ADDRESS = "0x0000000000000000000000000000000000000000"
MAX_UINT = 2**256 - 1
SETUP_FEE = 5 * 10**18
LP_FEE_BPS = 100
WITHDRAWAL_FEE_BPS = 100
MAX_PATH_LENGTH = 3
#: 0.25 WATT per kWh = 0.25e18 / 1000 WATT base units per Wh.
RATE = 25 * 10**16 * WAD // 1000


def pool_balances(project, pool) -> tuple[int, int]:
    """The pool's balances of token0 and token1 (base units)."""
    token0 = project.MintableTestToken.at(pool.token0())
    token1 = project.MintableTestToken.at(pool.token1())
    return token0.balanceOf(pool), token1.balanceOf(pool)


# Broker roles as aliases of the cast (tests/conftest.py); alice and bob are the cast's.
@pytest.fixture(scope="session")
def admin(deployer):
    """Admin of the factory, the router, the rate providers and the test tokens (mints them)."""
    return deployer


@pytest.fixture(scope="session")
def treasury(treasury_account):
    """Receives the factory's setup fees and the pools' protocol fees."""
    return treasury_account


@pytest.fixture(scope="session")
def creator(installer):
    """Holds POOL_CREATOR_ROLE and pays the setup fee (the cast's installer: it sets things up)."""
    return installer


@pytest.fixture(scope="session")
def create_token(project, admin) -> Callable:
    def create_token(symbol: str, decimals: int = 18):
        return admin.deploy(project.MintableTestToken, symbol, symbol, decimals)

    return create_token


@pytest.fixture(scope="session")
def watt(create_token):
    return create_token("WATT", 18)


@pytest.fixture(scope="session")
def energy(create_token):
    return create_token("EC", 3)


@pytest.fixture(scope="session")
def grid(create_token):
    return create_token("GRID", 18)


@pytest.fixture(scope="session")
def factory(project, admin, watt, treasury, creator, guardian):
    factory = admin.deploy(
        project.EnergyBrokerFactory,
        admin,
        watt,
        treasury,
        SETUP_FEE,
        LP_FEE_BPS,
        WITHDRAWAL_FEE_BPS,
    )
    factory.grantRole(factory.POOL_CREATOR_ROLE(), creator, sender=admin)
    factory.grantRole(factory.PAUSER_ROLE(), guardian, sender=admin)
    watt.mint(creator, 100 * SETUP_FEE, sender=admin)
    return factory


@pytest.fixture(scope="session")
def router(project, admin, factory):
    return admin.deploy(project.EnergyBrokerRouter, admin, factory, MAX_PATH_LENGTH)


@pytest.fixture(scope="session")
def fixed_rate(project, admin, energy, watt):
    return admin.deploy(project.FixedRateProvider, admin, energy, watt, RATE)


@pytest.fixture(scope="session")
def new_pool(factory, creator, watt) -> Callable:
    """Create a pool through the factory (the creator pays the setup fee)."""

    def new_pool(token_a, token_b, formula=Formula.CONSTANT_PRODUCT, rate_provider=None):
        return create_pool(factory, creator, token_a, token_b, formula, rate_provider, watt)

    return new_pool


@pytest.fixture(scope="session")
def fund(admin, router) -> Callable:
    """Mint ``amount`` of each token to ``account`` and approve the router for all of it."""

    def fund(account, amount, *tokens):
        for token in tokens:
            token.mint(account, amount, sender=admin)
            token.approve(router, MAX_UINT, sender=account)

    return fund


@pytest.fixture
def deadline(chain) -> int:
    return chain.pending_timestamp + 3600


@pytest.fixture(scope="session")
def cp_pool(new_pool, fund, router, alice, watt, grid, chain):
    """Constant-product WATT/GRID pool holding 1e24 of each (alice's liquidity)."""
    pool = new_pool(watt, grid)
    fund(alice, 10**27, watt, grid)
    deadline = chain.pending_timestamp + 3600
    router.addLiquidity(watt, grid, 10**24, 10**24, 0, 0, alice, deadline, sender=alice)
    return pool


@pytest.fixture(scope="session")
def cs_pool(new_pool, fund, router, alice, energy, watt, fixed_rate, chain):
    """Constant-sum EC/WATT pool at 0.25 WATT/kWh holding 10 MWh and 2,500 WATT (alice's)."""
    pool = new_pool(energy, watt, Formula.CONSTANT_SUM, fixed_rate)
    fund(alice, 10**27, energy, watt)
    deadline = chain.pending_timestamp + 3600
    router.addLiquidity(energy, watt, 10**7, 2500 * 10**18, 0, 0, alice, deadline, sender=alice)
    return pool


@pytest.fixture
def fresh_pair(create_token) -> tuple:
    """Two new 18-decimal tokens without a pool."""
    return create_token("A"), create_token("B")


@pytest.fixture
def fresh_cs(project, admin, create_token, new_pool, watt) -> tuple:
    """A new 3-decimal energy token, its fixed-rate provider (0.25 WATT/kWh) and empty
    constant-sum pool against WATT: ``(pool, token, provider)``."""
    token = create_token("EC2", 3)
    provider = admin.deploy(project.FixedRateProvider, admin, token, watt, RATE)
    return new_pool(token, watt, Formula.CONSTANT_SUM, provider), token, provider
