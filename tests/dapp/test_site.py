"""The Python side of the dApp without a browser: building and publishing the site, and the
development community's role holders (read from the address book)."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
from eth_utils import to_checksum_address

from gridset.dapp.devchain import (
    HOUSEHOLDS,
    INSTALLER_ROLE,
    ISSUER_ROLE,
    NAMED_ACCOUNTS,
    OPERATOR_ROLE,
    check_households,
    role_signers,
)
from gridset.dapp.site import SiteError, build_site, publish_deployment
from gridset.deploy.addresses import AddressBook
from gridset.deploy.params import DEV_ROLE_ACCOUNTS


def test_build_site__no_abis__site_error_names_the_command(tmp_path):
    with pytest.raises(SiteError, match="run `ape run abi`"):
        build_site(abi_dir=tmp_path / "abi", out_dir=tmp_path / "dist")


def test_publish_deployment__book_and_rpc__written_where_the_page_reads_them(tmp_path):
    book = tmp_path / "local-31337.json"
    book.write_text('{"network": "local", "chain_id": 31337}\n')
    site = tmp_path / "site"
    publish_deployment(book, "http://127.0.0.1:9999", site)
    publish_deployment(book, "http://127.0.0.1:9998", site)  # twice: replaced, not duplicated
    assert json.loads((site / "deployments" / "index.json").read_text()) == ["local-31337.json"]
    assert (site / "deployments" / "local-31337.json").read_text() == book.read_text()
    assert json.loads((site / "config.json").read_text()) == {"rpc": "http://127.0.0.1:9998"}


def _book(**roles: tuple[str, ...]) -> AddressBook:
    return AddressBook(network="local", chain_id=31337, block=1, deployer=_address(0), roles=roles)


def _address(i: int) -> str:
    return to_checksum_address(f"0x{i + 1:040x}")


def _dev_accounts(n: int = 12) -> list[SimpleNamespace]:
    return [SimpleNamespace(address=_address(i)) for i in range(n)]


def _deployed_roles(issuer: int = 1, installer: int = 1, operators=(2, 3, 4)) -> dict:
    return {
        ISSUER_ROLE: (_address(issuer),),
        INSTALLER_ROLE: (_address(installer),),
        OPERATOR_ROLE: tuple(_address(i) for i in operators),
        "PanelRegistry.REGISTRAR_ROLE": (_address(9),),
    }


def test_role_signers__roles_held_by_dev_accounts__the_holders_in_the_book_sign():
    dev = _dev_accounts()
    signers = role_signers(_book(**_deployed_roles(issuer=10, installer=11)), dev)
    assert signers["issuer"] is dev[10]
    assert signers["installer"] is dev[11]
    assert signers["operators"] == [dev[2], dev[3], dev[4]]


def test_role_signers__issuer_not_a_dev_account__value_error_names_the_role():
    roles = {**_deployed_roles(), ISSUER_ROLE: ("0x" + "F" * 40,)}
    with pytest.raises(ValueError, match=f"no dev account holds {ISSUER_ROLE}"):
        role_signers(_book(**roles), _dev_accounts())


def test_role_signers__role_missing_from_the_book__value_error_names_the_role():
    roles = _deployed_roles()
    del roles[OPERATOR_ROLE]
    with pytest.raises(ValueError, match=f"no dev account holds {OPERATOR_ROLE}"):
        role_signers(_book(**roles), _dev_accounts())


def test_check_households__household_holds_a_role__value_error_names_both():
    dev = _dev_accounts()
    named = {name: str(dev[i].address) for name, i in NAMED_ACCOUNTS.items()}
    check_households(_book(**_deployed_roles()), named)
    roles = _deployed_roles(installer=NAMED_ACCOUNTS["dave"])
    with pytest.raises(ValueError, match=f"household dave .* holds {INSTALLER_ROLE}"):
        check_households(_book(**roles), named)


def test_named_accounts__households__none_of_the_dev_role_accounts():
    role_indices = {i for indices in DEV_ROLE_ACCOUNTS.values() for i in indices}
    households = {NAMED_ACCOUNTS[name] for name in HOUSEHOLDS}
    assert not households & (role_indices | {NAMED_ACCOUNTS["deployer"]})
