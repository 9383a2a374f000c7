"""The address book: file names per network, JSON round trip (contracts and roles), clear
errors, loading instances."""

from __future__ import annotations

import json

import pytest
from eth_utils import to_checksum_address
from hypothesis import given, settings
from hypothesis import strategies as st

from gridset.deploy.addresses import (
    AddressBook,
    AddressBookError,
    book_name,
    is_development_chain,
    load_contract,
    read_address_book,
    write_address_book,
)
from gridset.deploy.core import load_suite

ADDR = "0x5FbDB2315678afecb367f032d93F642f64180aa3"
NO_CODE = "0x000000000000000000000000000000000000dEaD"
HOLDER = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"


def _book(**changes):
    values = dict(
        network="sepolia",
        chain_id=11155111,
        block=42,
        deployer="0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
        contracts={"EnergyToken": ADDR},
        roles={"PanelNFT.INSTALLER_ROLE": (HOLDER,)},
    )
    values.update(changes)
    return AddressBook(**values)


@pytest.mark.parametrize(
    ("network", "chain_id", "name"),
    [
        ("local", 1337, "local-1337.json"),
        ("custom", 31337, "local-31337.json"),
        ("sepolia", 11155111, "sepolia-11155111.json"),
        ("My Net!", 99, "my-net-99.json"),
    ],
)
def test_book_name__dev_chains_local__public_by_network(network, chain_id, name):
    assert book_name(network, chain_id) == name


@pytest.mark.parametrize(("chain_id", "development"), [(1337, True), (31337, True), (1, False)])
def test_is_development_chain__eth_tester_and_anvil_only(chain_id, development):
    assert is_development_chain(chain_id) is development


def test_write_then_read__round_trip__same_book(tmp_path):
    book = _book()
    path = write_address_book(book, tmp_path)
    assert path == tmp_path / "sepolia-11155111.json"
    assert json.loads(path.read_text()) == {
        "network": "sepolia",
        "chain_id": 11155111,
        "block": 42,
        "deployer": "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
        "contracts": {"EnergyToken": ADDR},
        "roles": {"PanelNFT.INSTALLER_ROLE": [HOLDER]},
    }
    assert read_address_book("sepolia", 11155111, tmp_path) == book
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left behind


def test_write__existing_book__replaced(tmp_path):
    write_address_book(_book(block=1), tmp_path)
    write_address_book(_book(block=2), tmp_path)
    assert read_address_book("sepolia", 11155111, tmp_path).block == 2


def test_read__no_book__error_names_file_and_command(tmp_path):
    with pytest.raises(AddressBookError, match=r"local-31337\.json does not exist.*ape run deploy"):
        read_address_book("local", 31337, tmp_path)


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("{not json", "Expecting property name"),
        ("[]", "expected a JSON object"),
        ('{"network": "sepolia"}', "chain_id: Field required"),
        ('{"network": "sepolia", "chain_id": "1"}', "chain_id: Input should be a valid integer"),
    ],
)
def test_read__malformed_book__error(tmp_path, text, match):
    (tmp_path / "sepolia-11155111.json").write_text(text)
    with pytest.raises(AddressBookError, match=match):
        read_address_book("sepolia", 11155111, tmp_path)


def test_read__bad_address__error(tmp_path):
    path = write_address_book(_book(), tmp_path)
    data = json.loads(path.read_text())
    data["contracts"]["EnergyToken"] = "0x1234"
    path.write_text(json.dumps(data))
    with pytest.raises(AddressBookError, match="EnergyToken: '0x1234' is not an address"):
        read_address_book("sepolia", 11155111, tmp_path)


def test_read__bad_role_holder__error(tmp_path):
    path = write_address_book(_book(), tmp_path)
    data = json.loads(path.read_text())
    data["roles"]["PanelNFT.INSTALLER_ROLE"] = ["nobody"]
    path.write_text(json.dumps(data))
    with pytest.raises(AddressBookError, match=r"roles\.PanelNFT\.INSTALLER_ROLE\.0: 'nobody'"):
        read_address_book("sepolia", 11155111, tmp_path)


def test_read__file_of_other_chain__error(tmp_path):
    path = write_address_book(_book(), tmp_path)
    path.rename(tmp_path / "sepolia-5.json")
    with pytest.raises(AddressBookError, match="records chain 11155111, expected 5"):
        read_address_book("sepolia", 5, tmp_path)


def test_address_of__unknown_contract__error_lists_known():
    with pytest.raises(AddressBookError, match=r"no PanelNFT .* it has: EnergyToken"):
        _book().address_of("PanelNFT")


def test_load_suite__deployed_suite__instances_at_recorded_addresses(chain, suite, deployer):
    book = AddressBook(
        network="local",
        chain_id=chain.chain_id,
        block=chain.blocks.head.number,
        deployer=deployer.address,
        contracts=suite.addresses(),
    )
    loaded = load_suite(book)
    assert loaded.addresses() == suite.addresses()
    assert loaded.panel_registry.slotLength() == suite.panel_registry.slotLength()
    assert loaded.energy_oracle.registry() == suite.panel_registry.address


def test_load_contract__no_code_at_address__stale_book_error(chain, deployer):
    book = _book(network="local", chain_id=chain.chain_id, contracts={"EnergyToken": NO_CODE})
    with pytest.raises(AddressBookError, match=r"no contract code .* stale"):
        load_contract(book, "EnergyToken")


def test_load_contract__unknown_contract_type__error(suite):
    book = _book(contracts={"NoSuchContract": suite.energy_token.address})
    with pytest.raises(AddressBookError, match="no contract type NoSuchContract"):
        load_contract(book, "NoSuchContract")


def test_load_contract__other_abi_cached_for_address__project_abi_only(chain, suite, project):
    # Dev chains reuse addresses; a cached contract type of another contract must not leak in.
    address = suite.energy_token.address
    chain.contracts[address] = project.PanelNFT.contract_type
    book = _book(network="local", chain_id=chain.chain_id, contracts={"EnergyToken": address})
    token = load_contract(book, "EnergyToken")
    assert token.contract_type.name == "EnergyToken"
    assert not hasattr(token, "INSTALLER_ROLE")
    assert chain.contracts.get(address).name == "EnergyToken"


_addresses = st.binary(min_size=20, max_size=20).map(lambda b: to_checksum_address(b))


@settings(max_examples=25, deadline=None)
@given(
    network=st.from_regex(r"[a-z][a-z0-9-]{0,15}", fullmatch=True),
    chain_id=st.integers(1, 2**63),
    block=st.integers(0, 2**63),
    deployer=_addresses,
    contracts=st.dictionaries(st.from_regex(r"[A-Z][A-Za-z]{0,20}", fullmatch=True), _addresses),
    roles=st.dictionaries(
        st.from_regex(r"[A-Z][a-z]{0,8}\.[A-Z_]{1,12}", fullmatch=True),
        st.lists(_addresses, max_size=3).map(tuple),
        max_size=4,
    ),
)
def test_address_book__any_book__round_trips_through_its_file(
    tmp_path_factory, network, chain_id, block, deployer, contracts, roles
):
    book = AddressBook(
        network=network,
        chain_id=chain_id,
        block=block,
        deployer=deployer,
        contracts=contracts,
        roles=roles,
    )
    folder = tmp_path_factory.mktemp("books")
    path = write_address_book(book, folder)

    read = read_address_book(network, chain_id, folder)

    assert read == book
    assert path.name == book_name(network, chain_id)
