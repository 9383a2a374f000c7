"""The Python side of the dApp without a browser: building and publishing the site, and the
development community's role assignment."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from gridset.dapp.devchain import NAMED_ACCOUNTS, dev_params, role_signers
from gridset.dapp.site import SiteError, build_site, publish_deployment
from gridset.deploy.params import DeployParams, OracleParams


def _named() -> dict[str, SimpleNamespace]:
    return {name: SimpleNamespace(address=f"0x{i + 1:040x}") for name, i in NAMED_ACCOUNTS.items()}


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


def test_dev_params__roles_left_empty__named_accounts_take_them():
    named = _named()
    params = dev_params(DeployParams(), named)
    assert params.watt_issuers == (named["issuer"].address,)
    assert params.installers == params.registrars == (named["installer"].address,)
    assert params.oracle.operators == tuple(named[f"operator{i}"].address for i in (1, 2, 3))
    assert params.oracle.quorum == OracleParams().quorum


def test_dev_params__roles_named_in_the_file__kept():
    named = _named()
    given = DeployParams(
        installers=("0x" + "a" * 40,),
        registrars=("0x" + "b" * 40,),
        watt_issuers=("0x" + "c" * 40,),
        oracle=OracleParams(operators=("0x" + "d" * 40, "0x" + "e" * 40)),
    )
    assert dev_params(given, named) == given


def test_role_signers__roles_held_by_dev_accounts__those_accounts_sign():
    named = _named()
    params = dev_params(DeployParams(), named)
    signers = role_signers(params, list(named.values()))
    assert signers["issuer"] is named["issuer"]
    assert signers["installer"] is named["installer"]
    assert signers["operators"] == [named[f"operator{i}"] for i in (1, 2, 3)]


def test_role_signers__issuer_not_a_dev_account__value_error_names_the_role():
    named = _named()
    params = dev_params(DeployParams(watt_issuers=("0x" + "f" * 40,)), named)
    with pytest.raises(ValueError, match="no dev account holds the WATT issuer role"):
        role_signers(params, list(named.values()))
