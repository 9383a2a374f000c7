"""Shared actors and factories (yearn style: session-scoped accounts, factory closures).

The cast: one account per role, the same in every folder (Ape's ``TEST::n``, ``n`` from
``gridset.testing.CAST``, also the dApp's and the development roles' indexes; ``cast_alias``
there gives ``TEST::n`` for a separate process's ``--account``). Folder conftests name
folder-specific roles as aliases of cast members (e.g. the broker's ``admin`` is ``deployer``).

====  ===================  ==========================================================
 n    fixture              role
====  ===================  ==========================================================
 0    deployer             deploys; admin of the suite and of test-only contracts
 1    installer            mints panels, issues WATT, nets households (meter)
 2-4  operators            oracle operators (quorum 2); stand-ins for contracts
 5    alice                trader / voter / household
 6    bob                  trader / voter / household
 7    carol                trader / voter / household
 8    attacker             holds no role; every "unauthorised" call
 9    registrar            registers panels and zones; ``guardian`` (pauser, veto)
 10   dave                 trader / holder without delegated votes / household
 11   treasury_account     receives fees, slashes and rejected bonds
====  ===================  ==========================================================
"""

from __future__ import annotations

from contextlib import contextmanager

import pytest

from gridset.chain_time import next_slot_start, set_next_block_time
from gridset.deploy.core import deploy_suite
from gridset.deploy.params import DeployParams, OracleParams
from gridset.market.driver import SlotDriver
from gridset.testing import CAST, OPERATORS

SLOT = 900


@pytest.fixture(scope="session")
def deployer(accounts):
    return accounts[CAST["deployer"]]


@pytest.fixture(scope="session")
def installer(accounts):
    return accounts[CAST["installer"]]


@pytest.fixture(scope="session")
def operators(accounts):
    return [accounts[i] for i in OPERATORS]


@pytest.fixture(scope="session")
def alice(accounts):
    return accounts[CAST["alice"]]


@pytest.fixture(scope="session")
def bob(accounts):
    return accounts[CAST["bob"]]


@pytest.fixture(scope="session")
def carol(accounts):
    return accounts[CAST["carol"]]


@pytest.fixture(scope="session")
def attacker(accounts):
    return accounts[CAST["attacker"]]


@pytest.fixture(scope="session")
def registrar(accounts):
    return accounts[CAST["registrar"]]


@pytest.fixture(scope="session")
def guardian(registrar):
    """Pauses (broker factory) and vetoes (governance): the registrar, whose role no test of
    those folders uses (Ape's 12 test accounts are all cast)."""
    return registrar


@pytest.fixture(scope="session")
def dave(accounts):
    return accounts[CAST["dave"]]


@pytest.fixture(scope="session")
def treasury_account(accounts):
    """Receives trading fees, slashes and rejected dispute bonds (its own account, so tests can
    assert its balance exactly)."""
    return accounts[CAST["treasury"]]


@pytest.fixture(scope="session")
def core_params(installer, operators, registrar, treasury_account):
    return DeployParams(
        slot_seconds=SLOT,
        admin="deployer",
        installers=(installer.address,),
        registrars=(registrar.address,),
        watt_issuers=(installer.address,),
        treasury=treasury_account.address,
        oracle=OracleParams(
            reporting_window=1800,
            quorum=2,
            operators=tuple(op.address for op in operators),
            deviation_tolerance_bps=500,
            min_tolerance_wh=10,
        ),
    )


@pytest.fixture(scope="session")
def suite(deployer, core_params):
    return deploy_suite(deployer, core_params)


@pytest.fixture(scope="session")
def token(suite):
    return suite.energy_token


@pytest.fixture(scope="session")
def nft(suite):
    return suite.panel_nft


@pytest.fixture(scope="session")
def registry(suite):
    return suite.panel_registry


@pytest.fixture(scope="session")
def oracle(suite):
    return suite.energy_oracle


@pytest.fixture(scope="session")
def watt(suite):
    """The payment token (WATT, 18 decimals); ``installer`` may mint it."""
    return suite.payment_token


@pytest.fixture(scope="session")
def vault(suite):
    return suite.staking_vault


@pytest.fixture(scope="session")
def market(suite):
    return suite.energy_market


@pytest.fixture(scope="session")
def market_lens(suite):
    """The EnergyMarketLens: the market's depth, best prices and open orders."""
    return suite.energy_market_lens


@pytest.fixture(scope="session")
def settlement(suite):
    return suite.settlement_engine


@pytest.fixture(scope="session")
def lens(suite):
    """The SettlementLens: the settlement engine's slot status, previews, disputes, money."""
    return suite.settlement_lens


@pytest.fixture(scope="session")
def mint_panel(nft, installer):
    """Mint a panel of ``capacity_w`` W to ``owner``; returns its token id."""

    def mint_panel(owner, capacity_w=5000, uri="ipfs://panel"):
        tx = nft.mint(owner, uri, capacity_w, sender=installer)
        return tx.events.filter(nft.PanelMinted)[0].tokenId

    return mint_panel


@pytest.fixture(scope="session")
def registered_panel(mint_panel, registry):
    """Mint and register a panel for ``owner``; returns its token id."""

    def registered_panel(owner, capacity_w=5000):
        panel_id = mint_panel(owner, capacity_w)
        registry.registerPanel(panel_id, owner, capacity_w, sender=owner)
        return panel_id

    return registered_panel


@pytest.fixture(scope="session")
def driver(chain, suite, operators, deployer):
    """Slot driver over the session suite; the deployer sends permissionless calls."""
    return SlotDriver(chain, suite, operators, deployer)


@pytest.fixture
def deliver(driver, panels):
    """Factory: report ``{trader: Wh}`` production for ``slot`` (their panels: the folder's
    ``panels`` fixture), finalise the oracle and move to the end of the dispute window
    (settlement opens)."""

    def deliver(slot, production):
        driver.report(slot, {panels[trader]: wh for trader, wh in production.items()})
        driver.finalize_oracle(slot)
        driver.open_settlement(slot)

    return deliver


@pytest.fixture
def warp(chain):
    """Set the time (Unix s) of the next mined block."""

    def warp(timestamp):
        set_next_block_time(chain, timestamp)

    return warp


@pytest.fixture
def slot(chain):
    """A slot start a little in the future (panels registered now cover it)."""
    return next_slot_start(chain.pending_timestamp + SLOT, SLOT)


@pytest.fixture
def isolated(chain):
    """Context manager: run a block on a chain snapshot, then restore the snapshot. Unlike Ape
    0.8's ``chain.isolate()``, which swallows exceptions raised inside it, failures propagate
    (Hypothesis examples rely on it). The clock is left as the restored chain has it: setting it
    back on eth-tester mines a block, which can collide with the restored head's timestamp."""

    @contextmanager
    def isolated():
        snapshot = chain.snapshot()
        try:
            yield
        finally:
            chain.restore(snapshot)

    return isolated


@pytest.fixture(scope="session", autouse=True)
def _session_state(
    deployer, installer, operators, alice, bob, carol, attacker, registrar, dave, suite
):
    """Create every session-scoped actor and the suite first, so Ape's per-test snapshots never
    need rebasing when a later test is the first to ask for one of them."""
