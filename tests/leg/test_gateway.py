"""The LEG gateway served for real: `ape run leg serve` processes against anvil, called over HTTP.

The suite (with its LEG) is deployed by `ape run deploy`'s code from the committed parameters and
recorded in an address book, which the gateways read.

Three gateways: hub A and hub B index into SQLite files, the company (no hub) into a throwaway
PostgreSQL cluster. The seed's scenarios run through them; bad bodies get 422 naming the field;
reverts 409 with the decoded custom error and nothing sent; a gateway killed and restarted
resumes its index without losing or duplicating a transaction.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
from ape import chain, networks

from gridset.deploy.command import deploy_and_record, load_deploy_params
from gridset.deploy.local_node import anvil_node, free_port, rpc_call
from gridset.leg.deploy import LegParams, take_licence
from gridset.leg.scenarios import scenario_compute, scenario_storage
from gridset.tokens.watt import issue_watt
from gridset.units import WATT

from .postgres import postgres_bin, throwaway_postgres

# One worker runs the whole module in order: its tests share one deployment and its trade ids.
pytestmark = [pytest.mark.anvil, pytest.mark.xdist_group("leg-gateway")]

ROOT = Path(__file__).resolve().parents[2]
APE = str(Path(sys.executable).with_name("ape"))
#: The zone of both hubs; the company's gateway orders in it (``--zone``).
ZONE = "zone"


@pytest.fixture(scope="module")
def node():
    with anvil_node() as url:
        yield url


@pytest.fixture(scope="module")
def cast(deployer, installer, alice, bob, carol):
    """The test cast (tests/conftest.py) on anvil: the deployer deploys, the installer issues WATT,
    alice runs hub A, bob hub B, carol is a company without a hub (gateways: ``account.alias``)."""
    return {"deployer": deployer, "issuer": installer, "a": alice, "b": bob, "company": carol}


@pytest.fixture(scope="module")
def deployment(node, cast, tmp_path_factory):
    """The suite with its LEG deployed on anvil (committed parameters) and recorded in an address
    book; hubs A and B licensed (GRID from the deployer) and registered; B and the company funded
    (WATT from its dev issuer, the installer)."""
    folder = tmp_path_factory.mktemp("book")
    with networks.parse_network_choice(node) as provider:
        result = deploy_and_record(
            provider.network, cast["deployer"], load_deploy_params(), deployments_dir=folder
        )
        from ape import project

        contracts = result.book.contracts
        watt = project.WattToken.at(contracts["PaymentToken"])
        registry = project.LegHubRegistry.at(contracts["LegHubRegistry"])
        licensing = project.GridStaking.at(contracts["GridStaking"])
        assert registry.licensing() == licensing.address
        for name in ("b", "company"):
            issue_watt(watt, cast["issuer"], cast[name], 10_000 * WATT)
        for name in ("a", "b"):
            take_licence(licensing, cast[name], cast["deployer"])
            # The stake counts from the next block; anvil estimates gas in the latest one.
            chain.provider.make_request("evm_mine", [])
            registry.registerHub(
                ZONE.encode().ljust(32, b"\0"), (10**6, 2000, 10**6), sender=cast[name]
            )
    return result.path, contracts


@pytest.fixture(scope="module")
def pg_url():
    if postgres_bin() is None:
        pytest.skip("PostgreSQL binaries (initdb, pg_ctl) are not installed")
    with throwaway_postgres() as url:
        yield url


class Gateway:
    """One `ape run leg serve` process."""

    def __init__(self, node: str, book: Path, account: str, database: str, log: Path):
        self.args = [
            APE, "run", "leg", "serve", "--network", node, "--account", account,
            "--book", str(book), "--database", database, "--poll-seconds", "0.5",
            "--zone", ZONE,
        ]  # fmt: skip
        self.log = log
        self.port = 0
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.port = free_port()
        with self.log.open("a") as log:
            self.process = subprocess.Popen(
                [*self.args, "--port", str(self.port)],
                cwd=ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )

    def wait(self, timeout: float = 120) -> httpx.Client:
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                raise AssertionError(f"gateway exited: {self.log.read_text()[-3000:]}")
            try:
                if httpx.get(f"{self.url}/health", timeout=2).status_code == 200:
                    return httpx.Client(base_url=self.url, timeout=60)
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise AssertionError(f"gateway did not start: {self.log.read_text()[-3000:]}")
            time.sleep(0.3)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def kill(self) -> None:
        """SIGKILL: no shutdown hook runs (a crash)."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture(scope="module")
def gateways(node, deployment, cast, pg_url, tmp_path_factory):
    """Hub A (SQLite), hub B (SQLite), company (PostgreSQL), started in parallel."""
    folder = tmp_path_factory.mktemp("gateways")
    path, _ = deployment
    started = {
        "a": Gateway(node, path, cast["a"].alias, f"sqlite:///{folder}/a.db", folder / "a.log"),
        "b": Gateway(node, path, cast["b"].alias, f"sqlite:///{folder}/b.db", folder / "b.log"),
        "company": Gateway(node, path, cast["company"].alias, pg_url, folder / "company.log"),
    }
    for gateway in started.values():
        gateway.start()
    clients = {name: gateway.wait() for name, gateway in started.items()}
    yield started, clients
    for client in clients.values():
        client.close()
    for gateway in started.values():
        gateway.stop()


def _advance(node: str):
    def advance(seconds: int) -> None:
        rpc_call(node, "evm_increaseTime", [seconds])
        rpc_call(node, "evm_mine")

    return advance


def _balance(node, deployment, account, token: str = "PaymentToken") -> int:
    """``account``'s balance of ``token`` (an address-book name: PaymentToken or HeatCredit)."""
    with networks.parse_network_choice(node):
        from ape import project

        erc20 = project.HeatCredit if token == "HeatCredit" else project.WattToken
        return erc20.at(deployment[1][token]).balanceOf(account)


def test_scenarios__through_the_api__seed_figures_exactly(node, deployment, gateways, cast):
    _, clients = gateways
    before = _balance(node, deployment, cast["a"])
    compute = scenario_compute(
        clients["a"], clients["b"], _advance(node), LegParams().dispute_window
    )
    assert (compute.total, compute.fee, compute.seller_receives) == (
        Decimal("1.5"),
        Decimal("0.075"),
        Decimal("1.425"),
    )
    assert compute.buyer_refund == Decimal("0.5")
    assert compute.heat_kwh == Decimal(8)
    assert _balance(node, deployment, cast["a"], "HeatCredit") == 8_000  # claimed: 8 kWh
    row = compute.transaction
    assert (row["transactionType"], row["sellerHubId"], row["buyerHubId"]) == ("compute", "1", "2")
    assert (row["resourceAmount"], row["resourceUnit"], row["pricePerUnitChf"]) == (10, "kwh", 0.15)
    assert row["status"] == "settled"

    storage = scenario_storage(clients["a"], clients["company"], _advance(node))
    assert (storage.monthly_bill, storage.fee, storage.seller_receives) == (
        Decimal(50),
        Decimal("2.5"),
        Decimal("47.5"),
    )
    assert storage.transaction["buyerHubId"] == cast["company"].address
    assert storage.transaction["status"] == "confirmed"
    assert storage.transaction["totalPriceChf"] == 600  # 1000 GB x 0.05 x 12 months
    # On chain: 1.425 + 47.50 credited to hub A, then sent to it in one withdrawal.
    assert clients["a"].get("/api/marketplace/hubs/1").json()["proceedsChf"] == 48.925
    assert _balance(node, deployment, cast["a"]) == before
    withdrawal = clients["company"].post("/api/marketplace/hubs/1/withdraw").json()
    assert (withdrawal["hubId"], withdrawal["amountChf"]) == ("1", 48.925)
    assert (
        _balance(node, deployment, cast["a"]) - before == 1425 * WATT // 1000 + 4750 * WATT // 100
    )
    again = clients["a"].post("/api/marketplace/hubs/1/withdraw").json()
    assert (again["amountChf"], again["txHash"]) == (0.0, None)
    # The company's own gateway (PostgreSQL index) lists the same storage transaction.
    listing = clients["company"].get(
        "/api/marketplace/transactions", params={"status": "confirmed"}
    )
    assert [t["id"] for t in listing.json()["transactions"]] == [storage.transaction_id]
    # The company ordered in its gateway's zone (--zone), where hub A sells.
    hub = clients["company"].get("/api/marketplace/hubs/1").json()
    assert (hub["zone"], hub["completed"]) == (ZONE, 1)


def test_orders__invalid_body__422_naming_the_field(gateways):
    _, clients = gateways
    good = {
        "orderType": "compute",
        "resourceAmount": 1,
        "resourceUnit": "kwh",
        "maxPricePerUnitChf": 0.2,
    }
    cases = [
        ({k: v for k, v in good.items() if k != "orderType"}, ["body", "orderType"]),
        ({**good, "resourceAmount": -1}, ["body", "resourceAmount"]),
        ({**good, "orderType": "energy"}, ["body", "orderType"]),
        ({**good, "unknownField": 1}, ["body", "unknownField"]),
        ({**good, "resourceUnit": "gb"}, ["body", "resourceAmount"]),
        ({**good, "constraints": {"minReputation": 101}}, ["body", "constraints", "minReputation"]),
        ({**good, "orderType": "storage", "resourceUnit": "gb"}, ["body", "durationMonths"]),
        ({**good, "constraints": {"location": "z" * 33}}, ["body", "constraints", "location"]),
    ]
    for body, loc in cases:
        response = clients["b"].post("/api/marketplace/orders", json=body)
        assert response.status_code == 422, body
        assert loc in [error["loc"] for error in response.json()["detail"]], response.json()


def test_orders__revert__409_decoded_error_and_nothing_on_chain_or_indexed(node, gateways):
    _, clients = gateways
    height = rpc_call(node, "eth_blockNumber")
    listed = clients["b"].get("/api/marketplace/transactions").json()["transactions"]
    body = {
        "orderType": "compute",
        "resourceAmount": 1,
        "resourceUnit": "kwh",
        "maxPricePerUnitChf": 0.2,
        "constraints": {"hubId": "99"},
    }
    response = clients["b"].post("/api/marketplace/orders", json=body)
    assert response.status_code == 409
    assert response.json() == {
        "success": False,
        "error": "LegMarketUnknownHub",
        "args": {"hubId": 99},
    }
    assert rpc_call(node, "eth_blockNumber") == height  # nothing was sent
    assert clients["b"].get("/api/marketplace/transactions").json()["transactions"] == listed
    # The location constraint: only a registered zone's hubs sell; none is in "elsewhere".
    response = clients["b"].post(
        "/api/marketplace/orders", json={**body, "constraints": {"location": "elsewhere"}}
    )
    assert response.status_code == 409
    assert response.json()["error"] == "LegMarketUnknownZone"
    assert response.json()["args"] == {"zone": "0x" + b"elsewhere".ljust(32, b"\0").hex()}
    # A lifecycle revert: confirming a trade that does not exist.
    response = clients["b"].post("/api/marketplace/transactions/999/confirm")
    assert response.json() == {
        "success": False,
        "error": "LegMarketWrongStatus",
        "args": {"tradeId": 999, "status": 0},
    }


def test_restart__killed_gateway_resumes_index_without_loss_or_duplicates(node, gateways):
    started, clients = gateways
    started["b"].kill()
    # Trades happen while hub B's gateway is down: the company buys compute from hub A.
    clients["a"].post(
        "/api/marketplace/offers",
        json={
            "offerType": "compute",
            "resourceAmount": 5,
            "resourceUnit": "kwh",
            "minPricePerUnitChf": 0.12,
        },
    )
    for _ in range(2):
        order = clients["company"].post(
            "/api/marketplace/orders",
            json={
                "orderType": "compute",
                "resourceAmount": 2,
                "resourceUnit": "kwh",
                "maxPricePerUnitChf": 0.2,
            },
        )
        assert order.json()["transactionId"] is not None
    started["b"].start()
    clients["b"] = started["b"].wait()
    seen_by_b = clients["b"].get("/api/marketplace/transactions").json()["transactions"]
    seen_by_a = clients["a"].get("/api/marketplace/transactions").json()["transactions"]
    assert seen_by_b == seen_by_a
    ids = [t["id"] for t in seen_by_b]
    assert ids == [str(i) for i in range(1, len(ids) + 1)]  # every trade once, in order
    assert ids[-2:] == ["3", "4"]


def test_openapi__documents_the_seed_endpoints(gateways):
    _, clients = gateways
    paths = clients["a"].get("/openapi.json").json()["paths"]
    assert "/api/marketplace/orders" in paths
    assert "get" in paths["/api/marketplace/transactions"]
    assert {"hubId", "status"} <= {
        p["name"] for p in paths["/api/marketplace/transactions"]["get"]["parameters"]
    }
    assert clients["a"].get("/docs").status_code == 200
