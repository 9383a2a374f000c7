"""Where ``ape run govern`` looks for the deployment: the address book ``ape run deploy`` wrote."""

from __future__ import annotations

from types import SimpleNamespace

from gridset.deploy.addresses import AddressBook, write_address_book
from gridset.governance.command import contract_address, deployment_path

SEPOLIA = SimpleNamespace(chain_id=11155111)


def network(name: str = "custom", **known) -> SimpleNamespace:
    """An Ape NetworkAPI stand-in: its name and its ecosystem's named networks."""
    return SimpleNamespace(name=name, ecosystem=SimpleNamespace(networks=known))


def test_deployment_path__dev_chain__local_address_book(tmp_path):
    path = deployment_path(None, network(), 31337, tmp_path)

    assert path == tmp_path / "deployments" / "local-31337.json"


def test_deployment_path__public_chain_by_url__named_after_the_known_network(tmp_path):
    path = deployment_path(None, network(sepolia=SEPOLIA), 11155111, tmp_path)

    assert path == tmp_path / "deployments" / "sepolia-11155111.json"


def test_deployment_path__explicit_file__used_as_given(tmp_path):
    explicit = tmp_path / "mine.json"

    assert deployment_path(explicit, network(), 31337, tmp_path) == explicit


def test_deployment_path__finds_the_dao_in_the_book_deploy_writes(tmp_path):
    dao = "0x" + "ab" * 20
    book = AddressBook(
        network="local",
        chain_id=31337,
        deployed_at_block=1,
        deployer="0x" + "01" * 20,
        contracts={"GovernanceDAO": dao},
    )
    write_address_book(book, tmp_path / "deployments")

    path = deployment_path(None, network(), 31337, tmp_path)

    assert contract_address(path, "GovernanceDAO") == dao
