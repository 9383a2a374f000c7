"""A development community on a JSON-RPC dev chain (anvil), for the web page and its browser tests.

``seed_community`` deploys with what ``ape run deploy`` runs (:func:`deploy_and_record`: the
parameters' empty operational roles given to test accounts, the suite with its governance and
Energy Broker, the address book ``deployments/local-31337.json`` with ``contracts`` and
``roles``; the intraday market, GridStaking and the LEG marketplace included), then seeds what
only the page needs: WATT for the broker
pool, four households (WATT, stake, GRID votes, panels) and one traded and settled slot of
history (so the dashboard has figures and two households hold energy credits). Seeding signs
with whoever holds each role in the address book's ``roles``.

Units: WATT and GRID amounts in base units (18 decimals), energy in Wh, times in Unix s.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gridset.deploy.addresses import DEPLOYMENTS_DIR, AddressBook
from gridset.deploy.command import deploy_and_record, load_deploy_params
from gridset.deploy.core import Suite, load_suite
from gridset.deploy.params import DeployParams
from gridset.testing import CAST
from gridset.tokens.watt import issue_watt
from gridset.units import GRID, WATT

HOUSEHOLDS = ("alice", "bob", "carol", "dave")
#: Anvil dev account index of the deployer and of each household (anvil's default mnemonic), as
#: in the tests' cast. The operational roles go to other test accounts (``DEV_ROLE_ACCOUNTS`` in
#: ``gridset.deploy.params``: 1-4 and 9); the address book says which.
NAMED_ACCOUNTS: dict[str, int] = {name: CAST[name] for name in ("deployer", *HOUSEHOLDS)}
#: Households with a 5 kW panel each.
PROSUMERS = ("alice", "bob")
HOUSEHOLD_WATT = 1_000 * WATT
HOUSEHOLD_STAKE = 100 * WATT
HOUSEHOLD_GRID = 10_000 * GRID
PANEL_CAPACITY_W = 5_000
#: WATT the issuer puts in the broker's pool, so households can sell credits.
BROKER_LIQUIDITY = 500 * WATT
#: Address-book roles seeding signs with (keys as ``Suite.roles`` records them).
ISSUER_ROLE = "PaymentToken.MINTER_ROLE"
INSTALLER_ROLE = "PanelNFT.INSTALLER_ROLE"
OPERATOR_ROLE = "EnergyOracle.operator"
#: The household that runs a hub in the LEG marketplace, and its compute offer: capacity and
#: amount offered (Wh) at a minimum price (payment-token base units per kWh).
HUB_HOUSEHOLD = "carol"
HUB_COMPUTE_WH = 20_000
HUB_OFFER_WH = 10_000
HUB_OFFER_PRICE = 140 * WATT // 1000


@dataclass
class DevCommunity:
    """What ``seed_community`` produced.

    Attributes:
        book_path: The address book written.
        book: Its content (``network``, ``chain_id``, ``block``, ``contracts``, ``roles``, ...).
        accounts: ``{name: address}`` of the deployer and the households.
        panels: ``{household name: [PanelNFT ids]}``.
        history_slot: The slot traded and settled during seeding (Unix s).
    """

    book_path: Path
    book: dict[str, Any]
    accounts: dict[str, str]
    panels: dict[str, list[int]] = field(default_factory=dict)
    history_slot: int = 0


def role_signers(book: AddressBook, test_accounts: Sequence[Any]) -> dict[str, Any]:
    """The dev accounts that hold, according to ``book.roles``, the roles seeding needs:
    ``issuer`` (WATT minter), ``installer`` (PanelNFT) and ``operators`` (oracle, a list).

    Raises:
        ValueError: no test account holds one of those roles.
    """
    by_address = {str(a.address).lower(): a for a in test_accounts}

    def holders(role: str) -> list[Any]:
        held = [by_address[h.lower()] for h in book.roles.get(role, ()) if h.lower() in by_address]
        if not held:
            raise ValueError(
                f"no dev account holds {role} (holders: {list(book.roles.get(role, ()))})"
            )
        return held

    return {
        "issuer": holders(ISSUER_ROLE)[0],
        "installer": holders(INSTALLER_ROLE)[0],
        "operators": holders(OPERATOR_ROLE),
    }


def check_households(book: AddressBook, accounts: dict[str, str]) -> None:
    """Households must hold no role (the page shows them as plain households).

    Raises:
        ValueError: naming the household and its roles.
    """
    for name in HOUSEHOLDS:
        address = accounts[name].lower()
        held = [role for role, holders in book.roles.items() if address in map(str.lower, holders)]
        if held:
            raise ValueError(f"household {name} ({accounts[name]}) holds {', '.join(held)}")


def _fund_broker(suite: Suite, issuer: Any) -> None:
    """The issuer mints ``BROKER_LIQUIDITY`` WATT and adds it to the broker's pool."""
    from gridset.broker.ops import add_liquidity

    if suite.broker is None:
        return
    watt, energy = suite.payment_token, suite.energy_token
    issue_watt(watt, issuer, issuer, BROKER_LIQUIDITY)
    add_liquidity(suite.broker.router, issuer, watt, energy, BROKER_LIQUIDITY, 0)


def _at(chain: Any, timestamp: int) -> None:
    """Mine a block at ``timestamp`` unless chain time is past it: on a JSON-RPC node, gas
    estimates run against the latest block, so the clock must move in a mined block."""
    from gridset.chain_time import advance_time

    advance_time(chain, max(timestamp, chain.pending_timestamp))


def _trade_history(
    suite: Suite, named: dict[str, Any], operators: list[Any], panels: dict[str, list[int]]
) -> int:
    """One slot traded, delivered, reported, finalised and settled: alice offers 1 kWh, bob and
    carol bid for 1.3 kWh; alice's panel produced 1.2 kWh, bob's 0.6 kWh. Returns the slot."""
    from ape import chain

    from gridset.market.driver import SlotDriver

    keeper = named["deployer"]
    driver = SlotDriver(chain, suite, operators, keeper)
    slot = driver.next_slot()
    asks = [driver.ask(named["alice"], slot, 20, 1_000)]
    bids = [driver.bid(named["bob"], slot, 30, 800), driver.bid(named["carol"], slot, 25, 500)]
    _at(chain, driver.gate_closure(slot))
    driver.clear(slot)
    driver.claim(asks + bids)
    _at(chain, slot + driver.slot_seconds)
    driver.report(slot, {panels["alice"][0]: 1_200, panels["bob"][0]: 600})
    _at(chain, driver.reporting_deadline(slot))
    driver.finalize_oracle(slot)
    _at(chain, int(suite.energy_oracle.finalizedAt(slot)) + driver.dispute_window)
    driver.settle(slot, [named["alice"], named["bob"], named["carol"]])
    return slot


def _run_hub(book: AddressBook, operator: Any) -> None:
    """``operator`` stakes the licence threshold of GRID in GridStaking, registers a hub (zone
    ``zone-1``, ``HUB_COMPUTE_WH`` of compute) and offers ``HUB_OFFER_WH`` of compute at
    ``HUB_OFFER_PRICE``, so the page's LEG book is not empty. A stake counts for the licence from
    the block after it (GridStaking.settledStakeOf), and a node estimates gas in the latest
    block's context, so one empty block is mined before the registration."""
    from ape import chain

    from gridset.deploy.addresses import load_contract

    staking, grid = load_contract(book, "GridStaking"), load_contract(book, "GridToken")
    threshold = int(staking.licenceThreshold())
    grid.approve(staking, threshold, sender=operator)
    staking.deposit(threshold, operator, sender=operator)
    chain.provider.make_request("evm_mine", [])  # a generic JSON-RPC provider: no mine()
    zone = b"zone-1".ljust(32, b"\0")
    load_contract(book, "LegHubRegistry").registerHub(zone, [HUB_COMPUTE_WH, 0, 0], sender=operator)
    load_contract(book, "LegMarketplace").postOffer(
        0, HUB_OFFER_WH, HUB_OFFER_PRICE, sender=operator
    )


def seed_community(
    deployments_dir: Path = DEPLOYMENTS_DIR, params: DeployParams | None = None
) -> DevCommunity:
    """Deploy (as ``ape run deploy`` does) and seed the development community on the connected
    dev chain.

    Must run inside an Ape network context connected to a dev node whose accounts come from
    the test mnemonic (anvil's default; at least 9 accounts). Moves chain time forward (about two
    hours).

    Args:
        deployments_dir: Folder of the address book.
        params: Deployment parameters (default: ``config/deploy.yaml``).

    Raises:
        gridset.deploy.command.DeployError: invalid parameters, or the hand-over check failed.
        ValueError: no dev account holds a role seeding needs, or a household holds a role.
    """
    from ape import accounts, networks

    from gridset.governance.proposals import delegate_votes
    from gridset.market.driver import MAX_UINT256

    test_accounts = [accounts.test_accounts[i] for i in range(len(accounts.test_accounts))]
    named = {name: test_accounts[i] for name, i in NAMED_ACCOUNTS.items()}
    deployer = named["deployer"]
    result = deploy_and_record(
        networks.provider.network,
        deployer,
        params or load_deploy_params(),
        deployments_dir=deployments_dir,
    )
    book = result.book
    addresses = {name: str(acct.address) for name, acct in named.items()}
    check_households(book, addresses)
    signers = role_signers(book, test_accounts)
    suite = load_suite(book)
    _fund_broker(suite, signers["issuer"])

    watt, vault, market = suite.payment_token, suite.staking_vault, suite.energy_market
    for name in HOUSEHOLDS:
        household = named[name]
        issue_watt(watt, signers["issuer"], household, HOUSEHOLD_WATT)
        watt.approve(vault, HOUSEHOLD_STAKE, sender=household)
        vault.depositStake(HOUSEHOLD_STAKE, sender=household)
        watt.approve(market, MAX_UINT256, sender=household)
        if suite.governance is not None:
            suite.governance.grid.transfer(household, HOUSEHOLD_GRID, sender=deployer)
            delegate_votes(suite.governance.grid, household)
    panels: dict[str, list[int]] = {}
    for name in PROSUMERS:
        tx = suite.panel_nft.mint(
            named[name], f"ipfs://gridset-dev/{name}", PANEL_CAPACITY_W, sender=signers["installer"]
        )
        panel_id = int(tx.events.filter(suite.panel_nft.PanelMinted)[0].tokenId)
        suite.panel_registry.registerPanel(
            panel_id, named[name], PANEL_CAPACITY_W, sender=named[name]
        )
        panels[name] = [panel_id]
    _run_hub(book, named[HUB_HOUSEHOLD])
    history_slot = _trade_history(suite, named, signers["operators"], panels)
    return DevCommunity(
        book_path=result.path,
        book=book.model_dump(mode="json"),
        accounts=addresses,
        panels=panels,
        history_slot=history_slot,
    )
