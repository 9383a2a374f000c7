"""Browser tests of the web page: headless Chromium (Debian's package) driven by Playwright from
PyPI, against anvil with the seeded development community, through the injected test wallet.

One community per module (anvil + ``seed_community`` + the built page served on 127.0.0.1); the
tests of a module run in order in one xdist worker (group ``browser``). Screenshots of each flow's
end state go to ``out/dapp/``.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from gridset.dapp.devchain import NAMED_ACCOUNTS, DevCommunity, seed_community
from gridset.dapp.site import build_site, publish_deployment, serve
from gridset.deploy.local_node import ANVIL_CHAIN_ID, anvil_node

from .pages import App
from .wallet import TestWallet

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "out" / "dapp"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@dataclass
class Community:
    """The served page and the chain behind it.

    Attributes:
        url: The page's URL.
        rpc_url: anvil's JSON-RPC URL.
        dev: What the seeding produced (address book, named accounts, panels, history slot).
        build: The build summary (bundle sizes).
        keys: ``{name: private key}`` of the deployer and the households.
        site: The built and published page's folder.
    """

    url: str
    rpc_url: str
    dev: DevCommunity
    build: dict
    keys: dict[str, str]
    site: Path

    def role(self, role: str, index: int = 0) -> Any:
        """The Ape test account holding ``role`` in the address book (``PanelNFT.INSTALLER_ROLE``,
        ``EnergyOracle.operator``, ...), the ``index``-th holder."""
        from ape import accounts

        address = self.dev.book["roles"][role][index]
        return next(
            a for a in (accounts.test_accounts[i] for i in range(12)) if a.address == address
        )

    def contract(self, name: str, contract_type: str | None = None) -> Any:
        """An Ape instance of the book's contract ``name`` (ABI of ``contract_type``)."""
        from ape import project

        return getattr(project, contract_type or name).at(self.dev.book["contracts"][name])


def chromium_path() -> str:
    """Debian's Chromium (``make chromium`` installs it)."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        pytest.fail("Chromium is missing: `make chromium` installs Debian's package (as root)")
    return path


@pytest.fixture(scope="module")
def community(tmp_path_factory) -> Iterator[Community]:
    """anvil with the seeded community, the page built into a temp folder and served."""
    from ape import accounts, networks

    site = tmp_path_factory.mktemp("site")
    build = build_site(out_dir=site)
    with anvil_node(accounts=12) as rpc_url, networks.parse_network_choice(rpc_url):
        dev = seed_community(tmp_path_factory.mktemp("deployments"))
        publish_deployment(dev.book_path, rpc_url, site)
        keys = {
            name: "0x" + accounts.test_accounts[i].private_key.removeprefix("0x")
            for name, i in NAMED_ACCOUNTS.items()
        }
        with serve(site) as url:
            yield Community(url=url, rpc_url=rpc_url, dev=dev, build=build, keys=keys, site=site)


@pytest.fixture(scope="module")
def browser(community) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium_path(), headless=True, args=CHROMIUM_FLAGS
        )
        yield browser
        browser.close()


@pytest.fixture
def open_app(browser, community) -> Iterator[Any]:
    """Open the page for a named household: ``open_app("alice", chain_id=1, reject=False)``
    returns (App page object, TestWallet)."""
    contexts = []

    def open_app(
        who: str,
        *,
        chain_id: int = ANVIL_CHAIN_ID,
        screen: str = "dashboard",
        url: str | None = None,
        **kw,
    ):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        contexts.append(context)
        page = context.new_page()
        wallet = TestWallet(
            rpc_url=community.rpc_url,
            private_key=community.keys[who],
            chain_id=chain_id,
            node_chain_id=ANVIL_CHAIN_ID,
            **kw,
        )
        wallet.install(page)
        app = App(page, url or community.url, SHOTS)
        app.open(screen)
        return app, wallet

    yield open_app
    for context in contexts:
        context.close()


def chain_now() -> int:
    """Chain time of the latest block (s), for tests that move the clock."""
    from ape import chain

    return int(chain.blocks.head.timestamp)


def advance(timestamp: int) -> None:
    """Mine a block at ``timestamp`` (s) unless the chain is already past it."""
    from ape import chain

    from gridset.chain_time import advance_time

    advance_time(chain, max(timestamp, chain.pending_timestamp))


def wait_until(predicate, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.05)
