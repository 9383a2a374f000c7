"""Where ``ape run govern`` finds the DAO: the address book ``ape run deploy`` wrote."""

from __future__ import annotations

import pytest

from gridset.deploy.addresses import (
    AddressBook,
    AddressBookError,
    connected_address_book,
    write_address_book,
)
from gridset.governance.command import open_governance


def _book(chain_id: int, **contracts: str) -> AddressBook:
    return AddressBook(
        network="local", chain_id=chain_id, block=1, deployer="0x" + "01" * 20, contracts=contracts
    )


def test_connected_address_book__dev_chain__the_local_book(chain, tmp_path):
    book = _book(chain.chain_id, GovernanceDAO="0x" + "ab" * 20)
    write_address_book(book, tmp_path)

    assert connected_address_book(folder=tmp_path) == book


def test_connected_address_book__explicit_file__used_as_given(chain, tmp_path):
    book = _book(chain.chain_id)
    path = write_address_book(book, tmp_path)
    moved = path.rename(tmp_path / "mine.json")

    assert connected_address_book(moved, folder=tmp_path / "elsewhere") == book


def test_connected_address_book__book_of_another_chain__error(chain, tmp_path):
    path = write_address_book(_book(31337 if chain.chain_id != 31337 else 1337), tmp_path)

    with pytest.raises(AddressBookError, match="but the connected chain is"):
        connected_address_book(path)


def test_open_governance__book_without_dao__names_what_it_has(chain, tmp_path):
    with pytest.raises(AddressBookError, match=r"no GovernanceDAO .* it has: EnergyToken"):
        open_governance(_book(chain.chain_id, EnergyToken="0x" + "ab" * 20))
