"""``abi/``: one JSON ABI per deployable contract and GridSetErrors.json, kept in step with the
contracts (this test compiles them and compares: CI fails on drift)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import eth_abi
from eth_utils import function_abi_to_4byte_selector

from gridset.deploy.abi import (
    ABI_DIR,
    ERRORS_FILE,
    abi_drift,
    deployable_contracts,
    errors_and_events,
    render_abis,
    write_abis,
)

ROOT = Path(__file__).resolve().parents[2]
DECLARED_ERROR = re.compile(r"^\s*error (\w+)\(", re.M)


def _errors_file() -> list[dict]:
    return json.loads((ABI_DIR / ERRORS_FILE).read_text())


def test_abi_folder__matches_compiled_contracts__no_drift(project):
    drift = abi_drift(project)

    assert not drift, f"abi/ out of date, run `ape run abi`: {drift}"


def test_abi_folder__one_file_per_deployable_contract_no_test_contracts():
    names = {p.stem for p in ABI_DIR.glob("*.json")} - {ERRORS_FILE.removesuffix(".json")}

    assert names == set(deployable_contracts())
    assert {"EnergyMarket", "GovernanceDAO", "EnergyBrokerRouter", "WattToken"} <= names
    test_contracts = set(re.findall(r"^contract (\w+)", _sources("contracts/test"), re.M))
    assert test_contracts and not names & test_contracts


def _sources(folder: str) -> str:
    return "\n".join(p.read_text() for p in sorted((ROOT / folder).rglob("*.sol")))


def test_errors_file__every_error_we_declare_decodes():
    declared = set(DECLARED_ERROR.findall(_sources("interfaces")))
    for path in sorted((ROOT / "contracts").rglob("*.sol")):
        if not {"test", ".cache"} & set(path.relative_to(ROOT / "contracts").parts):
            declared |= set(DECLARED_ERROR.findall(path.read_text()))
    in_file = {e["name"] for e in _errors_file() if e["type"] == "error"}

    assert declared and not declared - in_file, sorted(declared - in_file)


def test_errors_file__every_error_and_event_of_every_contract_once():
    entries = _errors_file()
    errors = [e for e in entries if e["type"] == "error"]
    selectors = [function_abi_to_4byte_selector(e) for e in errors]
    assert len(selectors) == len(set(selectors))
    for path in ABI_DIR.glob("*.json"):
        for entry in json.loads(path.read_text()):
            if entry["type"] in ("error", "event"):
                assert entry["type"] != "error" or function_abi_to_4byte_selector(entry) in (
                    selectors
                ), (path.name, entry["name"])
    # Inherited OpenZeppelin errors are there too (a WATT transfer failing inside a bid).
    assert "ERC20InsufficientBalance" in {e["name"] for e in errors}


def test_errors_file__nested_vault_error_decodes_by_selector():
    # A bid's escrow or an ask's stake may fail inside the vault or the token: the client only
    # has the selector and the data.
    entry = next(e for e in _errors_file() if e["name"] == "ERC20InsufficientBalance")
    types = [i["type"] for i in entry["inputs"]]
    data = function_abi_to_4byte_selector(entry) + eth_abi.encode(types, ["0x" + "11" * 20, 5, 9])
    matches = [
        e
        for e in _errors_file()
        if e["type"] == "error" and function_abi_to_4byte_selector(e) == data[:4]
    ]
    assert [m["name"] for m in matches] == ["ERC20InsufficientBalance"]
    assert list(eth_abi.decode(types, data[4:])) == ["0x" + "11" * 20, 5, 9]


def test_errors_and_events__same_topic_different_indexing__both_kept():
    erc20 = {
        "type": "event",
        "name": "Transfer",
        "anonymous": False,
        "inputs": [
            {"name": "from", "type": "address", "indexed": True},
            {"name": "to", "type": "address", "indexed": True},
            {"name": "value", "type": "uint256", "indexed": False},
        ],
    }
    erc721 = json.loads(json.dumps(erc20))
    erc721["inputs"][2] = {"name": "tokenId", "type": "uint256", "indexed": True}

    merged = errors_and_events([[erc20], [erc721, erc20]])

    assert merged == [erc20, erc721]


def test_write_abis__twice__identical_and_stale_file_removed(project, tmp_path):
    (tmp_path / "Removed.json").write_text("[]\n")
    write_abis(project, tmp_path)
    first = {p.name: p.read_text() for p in tmp_path.glob("*.json")}
    write_abis(project, tmp_path)
    second = {p.name: p.read_text() for p in tmp_path.glob("*.json")}

    assert first == second == render_abis(project)
    assert "Removed.json" not in first
    assert abi_drift(project, tmp_path) == []


def test_abi_drift__changed_and_missing_files__named(project, tmp_path):
    write_abis(project, tmp_path)
    (tmp_path / "EnergyMarket.json").write_text("[]\n")
    (tmp_path / "PanelNFT.json").unlink()

    assert abi_drift(project, tmp_path) == [
        "PanelNFT.json: missing",
        "EnergyMarket.json: differs from the compiled contract",
    ]
