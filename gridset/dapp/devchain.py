"""A development community on a JSON-RPC dev chain (anvil), for the web page and its browser tests.

``seed_community`` deploys the suite with the project's deployment code, gives the operational
roles to named anvil dev accounts when the parameters leave them empty, deploys the Energy Broker
if the address book lacks it, and seeds four households: WATT, stake, GRID votes, panels, and one
traded and settled slot of history (so the dashboard has figures and two households hold energy
credits). It records everything the page needs in the address book
(``deployments/local-31337.json``, keys ``contracts`` and ``roles``).

Units: WATT and GRID amounts in base units (18 decimals), energy in Wh, times in Unix s.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gridset.deploy.addresses import DEPLOYMENTS_DIR, book_for_suite, write_address_book
from gridset.deploy.core import Suite, deploy_suite
from gridset.deploy.params import DeployParams, load_params

WATT = 10**18
GRID = 10**18
#: anvil dev account index of each named participant (anvil's default mnemonic).
NAMED_ACCOUNTS: dict[str, int] = {
    "deployer": 0,
    "issuer": 1,
    "installer": 2,
    "operator1": 3,
    "operator2": 4,
    "operator3": 5,
    "alice": 6,
    "bob": 7,
    "carol": 8,
    "dave": 9,
}
HOUSEHOLDS = ("alice", "bob", "carol", "dave")
#: Households with a 5 kW panel each.
PROSUMERS = ("alice", "bob")
HOUSEHOLD_WATT = 1_000 * WATT
HOUSEHOLD_STAKE = 100 * WATT
HOUSEHOLD_GRID = 10_000 * GRID
PANEL_CAPACITY_W = 5_000
#: The broker buys credits at a fixed 0.09 WATT/kWh from a pool of 500 WATT.
BROKER_PRICE_PER_KWH = 90 * WATT // 1000
BROKER_LIQUIDITY = 500 * WATT


@dataclass
class DevCommunity:
    """What ``seed_community`` produced.

    Attributes:
        book_path: The address book written.
        book: Its content (``network``, ``chain_id``, ``contracts``, ``roles``, ...).
        accounts: ``{name: address}`` of the named dev accounts.
        panels: ``{household name: [PanelNFT ids]}``.
        history_slot: The slot traded and settled during seeding (Unix s).
    """

    book_path: Path
    book: dict[str, Any]
    accounts: dict[str, str]
    panels: dict[str, list[int]] = field(default_factory=dict)
    history_slot: int = 0


def dev_params(params: DeployParams, named: dict[str, Any]) -> DeployParams:
    """Return ``params`` with the operational roles given to the named accounts where the file
    names nobody (issuer, installer and registrar, three oracle operators)."""
    changes: dict[str, Any] = {}
    if not params.watt_issuers:
        changes["watt_issuers"] = (named["issuer"].address,)
    if not params.installers:
        changes["installers"] = (named["installer"].address,)
    if not params.registrars:
        changes["registrars"] = (named["installer"].address,)
    if not params.oracle.operators:
        operators = tuple(named[f"operator{i}"].address for i in (1, 2, 3))
        changes["oracle"] = type(params.oracle)(
            **{**params.oracle.__dict__, "operators": operators}
        )
    return params.with_overrides(**changes) if changes else params


def _roles(params: DeployParams) -> dict[str, list[str]]:
    return {
        "watt_issuers": [str(a) for a in params.watt_issuers],
        "installers": [str(a) for a in params.installers],
        "registrars": [str(a) for a in params.registrars],
        "oracle_operators": [str(a) for a in params.oracle.operators],
    }


def _ensure_broker(
    suite: Suite, contracts: dict[str, str], deployer: Any, issuer: Any
) -> dict[str, str]:
    """Deploy the broker if the address book has none (constant sum, fixed 0.09 WATT/kWh) and
    make sure its pool holds WATT to buy credits with (``issuer`` adds 500 WATT if it holds none).
    Returns the broker's contracts to record (empty if they were recorded already)."""
    from ape import project

    from gridset.broker.deploy import BrokerParameters, deploy_broker
    from gridset.broker.ops import add_liquidity
    from gridset.broker.units import Formula, rate_from_price_per_kwh

    added: dict[str, str] = {}
    if "EnergyBrokerRouter" in contracts:
        router = project.EnergyBrokerRouter.at(contracts["EnergyBrokerRouter"])
    else:
        params = BrokerParameters(
            formula=Formula.CONSTANT_SUM, fixed_rate=rate_from_price_per_kwh(BROKER_PRICE_PER_KWH)
        )
        treasury = suite.staking_vault.treasury()
        broker = deploy_broker(deployer, suite.payment_token, suite.energy_token, treasury, params)
        router = broker.router
        added = {
            k: v for k, v in broker.addresses().items() if k not in ("PaymentToken", "EnergyToken")
        }
    watt_reserve = router.getReserves(suite.payment_token, suite.energy_token)[0]
    if watt_reserve == 0:
        suite.payment_token.mint(issuer, BROKER_LIQUIDITY, sender=issuer)
        add_liquidity(router, issuer, suite.payment_token, suite.energy_token, BROKER_LIQUIDITY, 0)
    return added


def _at(chain: Any, timestamp: int) -> None:
    """Mine a block at ``timestamp`` unless chain time is past it: on a JSON-RPC node, gas
    estimates run against the latest block, so the clock must move in a mined block."""
    from gridset.chain_time import advance_time

    advance_time(chain, max(timestamp, chain.pending_timestamp))


def role_signers(params: DeployParams, test_accounts: Any) -> dict[str, Any]:
    """The dev accounts that hold the roles seeding needs, whoever the parameters named:
    ``issuer`` (WATT), ``installer`` (PanelNFT) and the oracle ``operators`` (a list).

    Raises:
        ValueError: a role's first holder is not one of the dev chain's test accounts.
    """
    by_address = {str(a.address).lower(): a for a in test_accounts}

    def signer(role: str, holders: tuple[str, ...]) -> Any:
        if not holders or str(holders[0]).lower() not in by_address:
            raise ValueError(f"no dev account holds the {role} role (holders: {list(holders)})")
        return by_address[str(holders[0]).lower()]

    return {
        "issuer": signer("WATT issuer", params.watt_issuers),
        "installer": signer("installer", params.installers),
        "operators": [signer("oracle operator", (op,)) for op in params.oracle.operators],
    }


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


def seed_community(
    deployments_dir: Path = DEPLOYMENTS_DIR, params: DeployParams | None = None
) -> DevCommunity:
    """Deploy and seed the development community on the connected dev chain.

    Must run inside an Ape network context connected to a dev node whose accounts come from
    the test mnemonic (anvil's default). Moves chain time forward (about two hours).

    Raises:
        gridset.deploy.params.ParamsError: invalid deployment parameters.
        gridset.governance.roles.HandOverError: an admin power is not where it must be.
    """
    from ape import accounts, chain

    from gridset.governance.proposals import delegate_votes
    from gridset.market.driver import MAX_UINT256

    test_accounts = accounts.test_accounts
    named = {name: test_accounts[i] for name, i in NAMED_ACCOUNTS.items()}
    params = dev_params(params or load_params(), named)
    deployer = named["deployer"]
    # Seeding acts with whoever holds each role (the file may name other dev accounts).
    signers = role_signers(params, [test_accounts[i] for i in range(len(test_accounts))])
    suite = deploy_suite(deployer, params)
    book = book_for_suite(
        suite, "local", chain.chain_id, chain.blocks.head.number, deployer.address
    )
    contracts = dict(book.contracts)
    contracts.update(_ensure_broker(suite, contracts, deployer, signers["issuer"]))

    watt, vault, market = suite.payment_token, suite.staking_vault, suite.energy_market
    panels: dict[str, list[int]] = {}
    for name in HOUSEHOLDS:
        household = named[name]
        watt.mint(household, HOUSEHOLD_WATT, sender=signers["issuer"])
        watt.approve(vault, HOUSEHOLD_STAKE, sender=household)
        vault.depositStake(HOUSEHOLD_STAKE, sender=household)
        watt.approve(market, MAX_UINT256, sender=household)
        if suite.governance is not None:
            suite.governance.grid.transfer(household, HOUSEHOLD_GRID, sender=deployer)
            delegate_votes(suite.governance.grid, household)
    for name in PROSUMERS:
        tx = suite.panel_nft.mint(
            named[name], f"ipfs://gridset-dev/{name}", PANEL_CAPACITY_W, sender=signers["installer"]
        )
        panel_id = int(tx.events.filter(suite.panel_nft.PanelMinted)[0].tokenId)
        suite.panel_registry.registerPanel(
            panel_id, named[name], PANEL_CAPACITY_W, sender=named[name]
        )
        panels[name] = [panel_id]
    history_slot = _trade_history(suite, named, signers["operators"], panels)

    data = json.loads(book.to_json())
    data["block"] = data.get("deployed_at_block", chain.blocks.head.number)
    data["contracts"] = contracts
    data["roles"] = {**_roles(params), **data.get("roles", {})}
    path = write_address_book(book, deployments_dir)
    path.write_text(json.dumps(data, indent=2) + "\n")
    return DevCommunity(
        book_path=path,
        book=data,
        accounts={name: str(acct.address) for name, acct in named.items()},
        panels=panels,
        history_slot=history_slot,
    )
