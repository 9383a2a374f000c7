"""The offline Solidity toolchain: the solc-js bridge as py-solc-x and ape-solidity call it."""

import json
import os
import subprocess
from pathlib import Path

import pytest
import solcx
from solcx.exceptions import SolcError

from gridset.toolchain import solc as toolchain

ROOT = Path(__file__).resolve().parents[1]
OZ_IMPORT = 'import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";'


@pytest.fixture(scope="module")
def compiler() -> Path:
    return toolchain.install_compiler(ROOT)


def _standard_input(source: str) -> dict:
    return {
        "language": "Solidity",
        "sources": {"T.sol": {"content": source}},
        "settings": {
            "remappings": ["@openzeppelin/contracts/=node_modules/@openzeppelin/contracts/"],
            "outputSelection": {"*": {"*": ["abi", "evm.bytecode.object"]}},
        },
    }


def test_installed_compiler__reports_pinned_version(compiler):
    assert toolchain.executable_version(compiler) == toolchain.pinned_solc_version(ROOT)


def test_ape_config__pins_same_solc_as_package_json():
    text = (ROOT / "ape-config.yaml").read_text()
    assert f"version: {toolchain.pinned_solc_version(ROOT)}" in text


def test_bridge__compiles_contract_importing_openzeppelin(compiler):
    source = (
        f"pragma solidity ^0.8.20; {OZ_IMPORT} "
        "contract T is ERC20 { constructor() ERC20('t', 't') {} }"
    )
    out = solcx.compile_standard(_standard_input(source), solc_binary=compiler, base_path=ROOT)
    assert "transfer" in json.dumps(out["contracts"]["T.sol"]["T"]["abi"])
    assert len(out["contracts"]["T.sol"]["T"]["evm"]["bytecode"]["object"]) > 1000


def test_bridge__syntax_error__returns_compiler_error(compiler):
    with pytest.raises(SolcError, match="ParserError"):
        solcx.compile_standard(
            _standard_input("pragma solidity ^0.8.20; contract T { function }"),
            solc_binary=compiler,
            base_path=ROOT,
        )


def test_bridge__missing_import__returns_compiler_error(compiler):
    with pytest.raises(SolcError, match="not found"):
        solcx.compile_standard(
            _standard_input('pragma solidity ^0.8.20; import "./Nope.sol"; contract T {}'),
            solc_binary=compiler,
            base_path=ROOT,
        )


def test_bridge__unknown_option__exits_with_usage(compiler):
    proc = subprocess.run([str(compiler), "--bogus"], capture_output=True, text=True)
    assert proc.returncode == 1
    assert "unsupported option --bogus" in proc.stderr


def test_environment__points_py_solc_x_at_project_compiler():
    assert Path(os.environ["SOLCX_BINARY_PATH"]) == toolchain.solc_folder(ROOT).resolve()
