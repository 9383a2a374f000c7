"""What `ape run deploy` does, in process on the eth-tester chain: parameters, network names,
deployment with the address book written, admin hand-over."""

from __future__ import annotations

import pytest
import yaml

from gridset.deploy.addresses import load_suite, read_address_book
from gridset.deploy.command import (
    DeployError,
    deploy_and_record,
    load_deploy_params,
    network_label,
    print_summary,
)
from gridset.deploy.params import DEFAULT_PARAMS_FILE
from gridset.governance.roles import verify_hand_over


@pytest.fixture
def params_path(tmp_path, installer, operators):
    def params_path(**changes):
        data = yaml.safe_load(DEFAULT_PARAMS_FILE.read_text())
        data["installers"] = [installer.address]
        data["oracle"]["operators"] = [op.address for op in operators]
        data.update(changes)
        path = tmp_path / "deploy.yaml"
        path.write_text(yaml.safe_dump(data))
        return path

    return params_path


def test_load_deploy_params__committed_file__valid():
    params = load_deploy_params()
    assert params.slot_seconds == 900
    assert params.admin == "governance"
    assert params.governance is not None


def test_load_deploy_params__admin_override__replaces_file_admin(params_path, alice):
    assert load_deploy_params(params_path(), alice.address).admin == alice.address


@pytest.mark.parametrize(
    ("changes", "admin", "message"),
    [
        ({"slot_seconds": 7}, None, "slot_seconds: 7 is not an integer"),
        ({}, "0x1234", "admin: '0x1234' is not an address"),
        ({"registrars": ["alice"]}, None, "registrars: 'alice' is not an address"),
        ({"oracle": {"quorom": 2}}, None, "oracle: unknown key(s) quorom"),
    ],
)
def test_load_deploy_params__invalid__one_line_deploy_error(params_path, changes, admin, message):
    with pytest.raises(DeployError) as info:
        load_deploy_params(params_path(**changes), admin)
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_load_deploy_params__unquoted_yaml_address__asks_for_quotes(tmp_path):
    path = tmp_path / "deploy.yaml"
    path.write_text("installers: [0x70997970C51812dc3A010C7d01b50e0d17dc79C8]\n")
    with pytest.raises(DeployError, match="must be quoted in YAML"):
        load_deploy_params(path)


def test_load_deploy_params__missing_file__deploy_error(tmp_path):
    with pytest.raises(DeployError, match=r"no-such\.yaml"):
        load_deploy_params(tmp_path / "no-such.yaml")


def test_network_label__local_chain__local(networks):
    assert network_label(networks.provider.network, 1337) == "local"


def test_network_label__url_of_public_chain__public_name(networks):
    # `--network https://...` connects Ape's "custom" network; the chain id tells which it is.
    custom = networks.ethereum.custom_network
    assert custom.name == "custom"
    assert network_label(custom, 11155111) == "sepolia"
    assert network_label(custom, 1) == "mainnet"


def test_network_label__url_of_unknown_chain__custom(networks):
    assert network_label(networks.ethereum.custom_network, 424242) == "custom"


def test_network_label__named_network__its_name(networks):
    assert network_label(networks.ethereum.sepolia, 11155111) == "sepolia"


def test_deploy_and_record__eth_tester__local_book_and_hand_over(
    chain, networks, deployer, alice, operators, params_path, tmp_path, capsys
):
    params = load_deploy_params(params_path(), admin=alice.address)
    result = deploy_and_record(
        networks.provider.network, deployer, params, deployments_dir=tmp_path
    )

    assert result.path == tmp_path / "local-1337.json"
    book = read_address_book("local", 1337, tmp_path)
    assert book == result.book
    assert book.deployer == deployer.address
    assert book.deployed_at_block == chain.blocks.head.number
    assert result.admin == alice.address

    suite = load_suite(book)
    verify_hand_over(
        suite.governed().values(), alice.address, deployer.address, wiring=suite.wiring()
    )
    assert not suite.energy_oracle.hasRole(suite.energy_oracle.DEFAULT_ADMIN_ROLE(), deployer)
    assert [str(a) for a in suite.energy_oracle.getOperators()] == [op.address for op in operators]

    print_summary(result)
    out = capsys.readouterr().out
    for address in book.contracts.values():
        assert address in out
    assert "local-1337.json" in out
