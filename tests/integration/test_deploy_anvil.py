"""The default `ape run deploy` against a real JSON-RPC node (anvil from node_modules), the way a
testnet deployment goes (a keyfile account imported with `ape accounts import`, `--network
<URL>`, `--autosign` with the passphrase from the environment), then a third-party client that
knows only `abi/` and the address book (web3.py, in its own process, the gridset package
blocked) trades one whole slot and sells credits to the broker."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from ape import networks

from gridset.deploy.abi import ABI_DIR, deployable_contracts
from gridset.deploy.addresses import book_path, read_address_book
from gridset.deploy.core import (
    BROKER_CONTRACTS,
    INTRADAY_CONTRACTS,
    LEG_CONTRACTS,
    SUITE_CONTRACTS,
    load_suite,
)
from gridset.deploy.local_node import ANVIL_CHAIN_ID, anvil_node, rpc_call
from gridset.governance.roles import verify_hand_over
from gridset.testing import OPERATORS, cast_alias
from gridset.units import WATT

pytestmark = pytest.mark.anvil

ALIAS = "gridset_deployer"
PASSPHRASE = "not-a-secret: anvil dev key"
CLIENT = Path(__file__).with_name("anvil_client.py")
# Runs the client with every `gridset` import refused: it must live on abi/ and the book alone.
NO_GRIDSET = """
import runpy, sys
class NoGridset:
    def find_spec(self, name, path=None, target=None):
        if name == "gridset" or name.startswith("gridset."):
            raise ImportError("the client may not import gridset")
sys.meta_path.insert(0, NoGridset())
sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name="__main__")
"""


@pytest.fixture(scope="module")
def dev_accounts(accounts):
    """Ape's test accounts: the same mnemonic as anvil's dev accounts (ape-config.yaml `test:`)."""
    return accounts


@pytest.fixture(scope="module")
def ape_env(tmp_path_factory, deployer, run_ape):
    """An Ape data folder of its own holding a keyfile account imported from the deployer's key
    (anvil dev key 0)."""
    data_folder = tmp_path_factory.mktemp("ape-data")
    env = {
        **os.environ,
        "APE_DATA_FOLDER": str(data_folder),
        f"APE_ACCOUNTS_{ALIAS}_PASSPHRASE": PASSPHRASE,
    }
    key = deployer.private_key
    result = run_ape(
        "accounts", "import", ALIAS, env=env, stdin=f"{key}\n{PASSPHRASE}\n{PASSPHRASE}\n"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (data_folder / "accounts" / f"{ALIAS}.json").is_file()
    return env


@pytest.fixture(scope="module")
def deployed(tmp_path_factory, ape_env, run_ape):
    """anvil on a free port, the default suite deployed by `ape run deploy` (no parameters
    file, no admin given): (url, folder, stdout)."""
    folder = tmp_path_factory.mktemp("deployments")
    with anvil_node() as url:
        result = run_ape(
            "run",
            "deploy",
            "--network",
            url,
            "--account",
            ALIAS,
            "--autosign",
            "--deployments-dir",
            str(folder),
            env=ape_env,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        yield url, folder, result.stdout
    # The node is gone once the context has exited.
    with pytest.raises(OSError):
        rpc_call(url, "eth_chainId", timeout=1)


def test_deploy__anvil_default__address_book_of_every_area_with_roles(
    deployed, dev_accounts, deployer, installer, operators, registrar
):
    url, folder, stdout = deployed
    # The premise of the test's signers: Ape's test accounts are anvil's funded dev accounts.
    node_accounts = [a.lower() for a in rpc_call(url, "eth_accounts")]
    assert node_accounts[:10] == [a.address.lower() for a in dev_accounts[:10]]
    path = book_path("local", ANVIL_CHAIN_ID, folder)
    assert path.name == "local-31337.json"
    data = json.loads(path.read_text())
    assert list(data) == ["network", "chain_id", "block", "deployer", "contracts", "roles"]
    assert (data["network"], data["chain_id"]) == ("local", ANVIL_CHAIN_ID)
    assert data["deployer"] == deployer.address
    expected = {name for name, _ in SUITE_CONTRACTS.values()} | set(BROKER_CONTRACTS.values())
    expected |= {"GridToken", "GovernanceTimelock", "GovernanceDAO"}
    expected |= set(INTRADAY_CONTRACTS.values()) | set(LEG_CONTRACTS.values())
    expected |= {"Utility", "DUtility"} | {f"NettingVerifier{n}" for n in (2, 4, 8, 16, 32)}
    assert set(data["contracts"]) == expected
    head = int(rpc_call(url, "eth_blockNumber"), 16)
    assert 0 < data["block"] <= head
    for name, address in data["contracts"].items():
        assert address in stdout, name
        assert rpc_call(url, "eth_getCode", [address, "latest"]) not in ("0x", ""), name
        assert name == "PaymentToken" or name in deployable_contracts(), name
    roles = data["roles"]
    # The installer also issues WATT.
    assert (
        roles["PaymentToken.MINTER_ROLE"] == roles["PanelNFT.INSTALLER_ROLE"] == [installer.address]
    )
    assert roles["PanelRegistry.REGISTRAR_ROLE"] == [registrar.address]
    assert roles["EnergyOracle.operator"] == [a.address for a in operators]
    timelock = data["contracts"]["GovernanceTimelock"]
    assert roles["EnergyBrokerFactory.DEFAULT_ADMIN_ROLE"] == [timelock]
    # The output says who holds what, test accounts by name.
    assert f"{installer.address} ({cast_alias('installer')})" in stdout
    assert f"{operators[0].address} (TEST::{OPERATORS[0]})" in stdout
    assert f"recorded: {path}" in stdout
    assert f"admin:    {timelock}" in stdout


def test_deploy__anvil_default__governance_holds_every_admin_power(deployed, deployer):
    url, folder, _ = deployed
    with networks.parse_network_choice(url) as provider:
        book = read_address_book("local", provider.chain_id, folder)
        suite = load_suite(book)
        timelock = suite.governance.timelock
        verify_hand_over(
            [*suite.governed().values(), *suite.broker_governed(), *suite.leg_governed(), timelock],
            timelock,
            deployer.address,
            wiring=suite.wiring(),
        )
        # Development timings: anvil is a development chain.
        assert suite.governance.dao.votingPeriod() == 300
        assert timelock.getMinDelay() == 60
        assert suite.energy_oracle.quorum() == 2


def test_client__abi_and_address_book_only__trades_a_slot_and_swaps(
    deployed, dev_accounts, alice, bob, carol, tmp_path
):
    url, folder, _ = deployed
    seller, buyer, keeper = alice, bob, carol
    accounts_file = tmp_path / "accounts.json"
    accounts_file.write_text(
        json.dumps(
            {
                "keys": {a.address: a.private_key for a in dev_accounts[:10]},
                "traders": [seller.address, buyer.address, keeper.address],
            }
        )
    )
    book = book_path("local", ANVIL_CHAIN_ID, folder)
    arguments = [str(CLIENT), url, str(book), str(ABI_DIR), str(accounts_file)]
    result = subprocess.run(
        [sys.executable, "-c", NO_GRIDSET, *arguments],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    out = json.loads(result.stdout.strip().splitlines()[-1])

    assert out["late_bid_error"].startswith("EnergyMarketGateClosed(")
    assert out["buyer_permits_used"] >= 1  # the bid's escrow was allowed by a signed permit
    assert len(set(out["orders"])) == 2 and all(i >> 32 == out["slot"] for i in out["orders"])
    assert out["cleared_wh"] == 1000
    assert 100 * WATT // 1000 <= out["clearing_price"] <= 120 * WATT // 1000
    assert out["accepted_wh"] == 1100  # median of 1000, 1100, 1210
    assert out["settled"] == [True, True]
    # 1 kWh delivered at the clearing price; the buyer paid exactly that (escrow refunded).
    assert out["buyer_credits_wh"] == 1000
    assert out["seller_surplus_wh"] == 100  # 1100 Wh produced, 1000 Wh sold
    assert out["buyer_watt_change"] >= 0  # refund of escrow above the clearing price
    assert out["seller_watt_gain"] > 0
    assert out["swap_received"] == out["swap_quote"] > 0
    assert out["seller_credits_after_swap"] == 0
