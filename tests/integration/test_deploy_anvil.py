"""`ape run deploy` against a real JSON-RPC node (anvil from node_modules), the way a testnet
deployment goes: a keyfile account imported with `ape accounts import`, `--network <URL>`,
`--autosign` with the passphrase from the environment; then one slot from this process against
the addresses recorded in the address book."""

from __future__ import annotations

import json
import os

import pytest
import yaml
from ape import networks

from gridset.deploy.addresses import book_path, load_suite, read_address_book
from gridset.deploy.core import SUITE_CONTRACTS
from gridset.deploy.local_node import ANVIL_CHAIN_ID, anvil_node, rpc_call
from gridset.governance.roles import verify_hand_over
from gridset.oracle_model import accepted_wh
from gridset.slot_flow import run_one_slot

pytestmark = pytest.mark.anvil

ALIAS = "gridset_deployer"
PASSPHRASE = "not-a-secret: anvil dev key"
SLOT = 900
REPORTS_WH = (1000, 1210, 1100)  # three operators, quorum 2: median 1100 Wh


@pytest.fixture(scope="module")
def dev_accounts(accounts):
    """Ape's test accounts: the same mnemonic as anvil's dev accounts (ape-config.yaml `test:`)."""
    return accounts


@pytest.fixture(scope="module")
def ape_env(tmp_path_factory, dev_accounts, run_ape):
    """An Ape data folder of its own holding a keyfile account imported from anvil dev key 0."""
    data_folder = tmp_path_factory.mktemp("ape-data")
    env = {
        **os.environ,
        "APE_DATA_FOLDER": str(data_folder),
        f"APE_ACCOUNTS_{ALIAS}_PASSPHRASE": PASSPHRASE,
    }
    key = dev_accounts[0].private_key
    result = run_ape(
        "accounts", "import", ALIAS, env=env, stdin=f"{key}\n{PASSPHRASE}\n{PASSPHRASE}\n"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (data_folder / "accounts" / f"{ALIAS}.json").is_file()
    return env


@pytest.fixture(scope="module")
def roles(dev_accounts):
    """Who is who on the node: anvil dev accounts 1..6 (0 deploys)."""
    return {
        "installer": dev_accounts[1],
        "operators": [dev_accounts[2], dev_accounts[3], dev_accounts[4]],
        "owner": dev_accounts[5],
        "admin": dev_accounts[6],
    }


@pytest.fixture(scope="module")
def params_file(tmp_path_factory, roles):
    params = {
        "slot_seconds": SLOT,
        "admin": "deployer",  # replaced by --admin on the command line
        "installers": [roles["installer"].address],
        "registrars": [],
        "oracle": {
            "reporting_window": 1800,
            "quorum": 2,
            "operators": [op.address for op in roles["operators"]],
            "deviation_tolerance_bps": 500,
            "min_tolerance_wh": 10,
        },
    }
    path = tmp_path_factory.mktemp("params") / "deploy.yaml"
    path.write_text(yaml.safe_dump(params))
    return path


@pytest.fixture(scope="module")
def deployed(tmp_path_factory, ape_env, params_file, roles, run_ape):
    """anvil on a free port, the suite deployed by `ape run deploy`: (url, folder, stdout)."""
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
            "--params",
            str(params_file),
            "--admin",
            roles["admin"].address,
            "--deployments-dir",
            str(folder),
            env=ape_env,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        yield url, folder, result.stdout
    # The node is gone once the context has exited.
    with pytest.raises(OSError):
        rpc_call(url, "eth_chainId", timeout=1)


def test_deploy__anvil_url__records_local_address_book(deployed, dev_accounts, roles):
    url, folder, stdout = deployed
    # The premise of the test's signers: Ape's test accounts are anvil's funded dev accounts.
    node_accounts = [a.lower() for a in rpc_call(url, "eth_accounts")]
    assert node_accounts[:7] == [a.address.lower() for a in dev_accounts[:7]]
    path = book_path("local", ANVIL_CHAIN_ID, folder)
    assert path.name == "local-31337.json"
    data = json.loads(path.read_text())
    assert data["network"] == "local"
    assert data["chain_id"] == ANVIL_CHAIN_ID
    assert data["deployer"] == dev_accounts[0].address
    assert sorted(data["contracts"]) == sorted(name for name, _ in SUITE_CONTRACTS.values())
    head = int(rpc_call(url, "eth_blockNumber"), 16)
    assert 0 < data["deployed_at_block"] <= head
    for name, address in data["contracts"].items():
        assert address in stdout, name
        assert rpc_call(url, "eth_getCode", [address, "latest"]) not in ("0x", ""), name
    assert f"recorded: {path}" in stdout
    assert f"admin:    {roles['admin'].address}" in stdout


def test_deploy__anvil_url__one_slot_runs_on_recorded_addresses(deployed, dev_accounts, roles):
    url, folder, _ = deployed
    with networks.parse_network_choice(url) as provider:
        assert provider.chain_id == ANVIL_CHAIN_ID
        book = read_address_book("local", provider.chain_id, folder)
        suite = load_suite(book)

        # Roles went where the params and --admin said, and the deployer kept nothing.
        admin = roles["admin"].address
        verify_hand_over(
            suite.governed().values(),
            admin,
            dev_accounts[0].address,
            wiring=suite.wiring(),
        )
        assert [str(a) for a in suite.energy_oracle.getOperators()] == [
            op.address for op in roles["operators"]
        ]

        outcome = run_one_slot(
            suite, roles["installer"], roles["owner"], roles["operators"], REPORTS_WH
        )

    assert outcome.slot % SLOT == 0
    assert outcome.reported_wh == REPORTS_WH
    assert outcome.report_count == 3
    assert outcome.quorum_reached
    assert outcome.accepted_wh == accepted_wh(REPORTS_WH, 2) == 1100
    assert outcome.registry_wh == outcome.owner_wh == outcome.slot_total_wh == 1100
    assert outcome.finalized
    assert outcome.finalized_at >= outcome.slot + SLOT + 1800
