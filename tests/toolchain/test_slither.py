"""Slither in CI: the runner analyses every contract, fails on untriaged High/Medium findings."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from gridset.toolchain import slither as runner
from gridset.toolchain.solc import pinned_compiler

ROOT = Path(__file__).resolve().parents[2]

# Pays out before zeroing the balance: Slither's reentrancy-eth (High). The disable comment must
# not hide it: only the triage file may accept a finding.
BAD_VAULT = """// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

contract Bad {
    mapping(address account => uint256 amount) public balances;

    function deposit() external payable {
        balances[msg.sender] += msg.value;
    }

    // slither-disable-next-line reentrancy-eth
    function withdraw() external {
        uint256 amount = balances[msg.sender];
        (bool ok,) = msg.sender.call{value: amount}("");
        require(ok);
        balances[msg.sender] = 0;
    }
}
"""
# In contracts/test/: test-only code, never analysed (it would be a High: suicidal).
IGNORED_TEST_CONTRACT = """// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;
contract Ignored { function kill() external { selfdestruct(payable(msg.sender)); } }
"""
BAD_ENTRY = {
    "detector": "reentrancy-eth",
    "contract": "Bad",
    "function": "withdraw()",
    "justification": "Test fixture: accepted on purpose to show that a triaged finding passes.",
}


@pytest.fixture(scope="module")
def compiler() -> Path:
    # Read-only: re-installing it here could race with parallel (xdist) workers compiling.
    return pinned_compiler(ROOT)


@pytest.fixture(scope="module")
def real(compiler) -> runner.Analysis:
    return runner.analyse(ROOT, compiler=compiler)


@pytest.fixture(scope="module")
def bad_project(tmp_path_factory) -> Path:
    root = _project(tmp_path_factory.mktemp("bad"))
    # A sub-folder on purpose: `slither contracts --solc-standard-json` globs only contracts/*.sol.
    (root / "contracts" / "vault").mkdir(parents=True)
    (root / "contracts" / "vault" / "Bad.sol").write_text(BAD_VAULT)
    (root / "contracts" / "test").mkdir()
    (root / "contracts" / "test" / "Ignored.sol").write_text(IGNORED_TEST_CONTRACT)
    return root


@pytest.fixture(scope="module")
def bad(bad_project, compiler) -> runner.Analysis:
    return runner.analyse(bad_project, compiler=compiler)


def _project(root: Path) -> Path:
    """``root`` with this repository's Slither configuration (what `make slither` runs with)."""
    (root / runner.CONFIG_FILE).write_text((ROOT / runner.CONFIG_FILE).read_text())
    return root


def _write_triage(path: Path, entries: list[dict]) -> Path:
    path.write_text(json.dumps({"accepted": entries}))
    return path


# ---------------------------------------------------------------- the real contracts

# `make slither` (part of `make test`, hence CI) runs this same full analysis and fails on what
# these tests check; in the test suite they are a slow duplicate, run with `-m slow`.
REAL = pytest.mark.slow


@REAL
def test_real_contracts__every_file_and_contract_analysed(real):
    on_disk = sorted(
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "contracts").rglob("*.sol")
        if p.relative_to(ROOT / "contracts").parts[0] not in ("test", ".cache")
    )
    assert on_disk, "no contracts to analyse"
    assert sorted(real.contracts) == on_disk
    assert all(real.contracts[name] for name in on_disk)
    assert sum(map(len, real.contracts.values())) >= len(on_disk) > 0
    assert "EnergyToken" in real.contracts["contracts/core/EnergyToken.sol"]
    # The imported OpenZeppelin and interface contracts were analysed as well.
    assert real.analysed_total > sum(map(len, real.contracts.values()))
    assert len(real.detectors) > 50


@REAL
def test_real_contracts__every_high_medium_finding_triaged(real):
    triage = runner.load_triage(ROOT / runner.TRIAGE_FILE, real.detectors)
    verdict = runner.judge(real.findings, triage, real.failing)
    assert verdict.new == [], "\n".join(f.line() for f in verdict.new)
    assert all(len(reason) >= runner.MIN_JUSTIFICATION_CHARS for reason in triage.values())


@REAL
def test_real_contracts__no_finding_located_in_node_modules(real):
    assert not any(f.location.startswith("node_modules") for f in real.findings)


def test_compile_settings__openzeppelin_to_node_modules_and_evm_version():
    assert runner.compile_settings(ROOT) == {
        "remappings": ["@openzeppelin/contracts/=node_modules/@openzeppelin/contracts/"],
        "evmVersion": "cancun",
    }


def test_compile_settings__remapped_package_not_installed__raises(tmp_path):
    (tmp_path / "ape-config.yaml").write_text((ROOT / "ape-config.yaml").read_text())
    with pytest.raises(runner.SlitherRunError, match="no npm dependency at node_modules/@open"):
        runner.compile_settings(tmp_path)


# ---------------------------------------------------------------- a deliberately bad contract


def test_bad_contract__untriaged_high_is_new_despite_disable_comment(bad):
    verdict = runner.judge(bad.findings, {}, bad.failing)
    assert [(f.detector, f.impact, f.contract, f.function) for f in verdict.new] == [
        ("reentrancy-eth", "High", "Bad", "withdraw()")
    ]
    assert verdict.new[0].location.startswith("contracts/vault/Bad.sol#")
    assert "Bad.withdraw()" in verdict.new[0].line()


def test_bad_contract__test_folder_not_analysed(bad):
    assert bad.contracts == {"contracts/vault/Bad.sol": ["Bad"]}
    assert not any(f.contract == "Ignored" for f in bad.findings)


def test_bad_contract__triaged__passes(bad, tmp_path):
    triage = runner.load_triage(_write_triage(tmp_path / "t.json", [BAD_ENTRY]), bad.detectors)
    verdict = runner.judge(bad.findings, triage, bad.failing)
    assert verdict.new == []
    assert [(f.detector, f.function) for f in verdict.triaged] == [("reentrancy-eth", "withdraw()")]
    assert verdict.stale == []


def test_bad_contract__entry_for_other_function__does_not_match(bad, tmp_path):
    entry = {**BAD_ENTRY, "function": "deposit()"}
    triage = runner.load_triage(_write_triage(tmp_path / "t.json", [entry]), bad.detectors)
    verdict = runner.judge(bad.findings, triage, bad.failing)
    assert [(f.contract, f.function) for f in verdict.new] == [("Bad", "withdraw()")]
    assert verdict.stale == list(triage)


def test_command_line__new_finding__exits_1_with_one_line(bad_project, compiler):
    proc = subprocess.run(
        [sys.executable, "-m", "gridset.toolchain.slither", str(bad_project), "--solc", compiler],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == runner.EXIT_NEW_FINDINGS, proc.stdout + proc.stderr
    new_lines = [line for line in proc.stdout.splitlines() if line.strip().startswith("NEW  ")]
    assert len(new_lines) == 1
    assert "High" in new_lines[0] and "reentrancy-eth" in new_lines[0]
    assert "Bad.withdraw()" in new_lines[0] and "contracts/vault/Bad.sol#" in new_lines[0]


def test_command_line__triaged__exits_0(bad_project, compiler, tmp_path, capsys):
    triage = _write_triage(tmp_path / "triage.json", [BAD_ENTRY])
    args = [str(bad_project), "--solc", str(compiler), "--triage", str(triage)]
    assert runner.main(args) == runner.EXIT_OK
    out = capsys.readouterr().out
    assert "triaged" in out and "reentrancy-eth" in out
    assert "NEW" not in out


def test_other_project__same_relative_path_as_ours__analyses_its_own_file(tmp_path, compiler):
    _project(tmp_path)
    # crytic-compile resolves relative source names against the working directory first; this
    # project has interfaces/IEnergyToken.sol too (shorter), so without running in the analysed
    # root its source map would point into our file and fail or mislead.
    padding = "".join(f"// padding {i}: longer than our own interface file\n" for i in range(200))
    (tmp_path / "interfaces").mkdir()
    (tmp_path / "interfaces" / "IEnergyToken.sol").write_text(
        f"// SPDX-License-Identifier: MIT\npragma solidity 0.8.28;\n{padding}"
        "interface IEnergyToken { function ping() external; }\n"
    )
    (tmp_path / "contracts").mkdir()
    (tmp_path / "contracts" / "Caller.sol").write_text(
        "// SPDX-License-Identifier: MIT\npragma solidity 0.8.28;\n"
        'import {IEnergyToken} from "../interfaces/IEnergyToken.sol";\n'
        "contract Caller { function call(IEnergyToken t) external { t.ping(); } }\n"
    )
    analysis = runner.analyse(tmp_path, compiler=compiler)
    assert analysis.contracts == {"contracts/Caller.sol": ["Caller"]}
    assert analysis.analysed_total == 2


# A dependency (installed under node_modules/) with a High finding of its own (suicidal), and a
# variable it never initialises that a project contract pays out to (uninitialized-state, High:
# its first element lies in the dependency, the function using it in the project).
DEPENDENCY_BASE = """// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;
contract Base {
    address payable internal _beneficiary;
    function kill() external { selfdestruct(payable(msg.sender)); }
}
"""
PROJECT_CHILD = """// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;
import {Base} from "../node_modules/dep/Base.sol";
contract Child is Base {
    function pay() external { _beneficiary.transfer(address(this).balance); }
}
"""


def test_dependency_filter__only_findings_wholly_in_node_modules__left_out(tmp_path, compiler):
    _project(tmp_path)
    (tmp_path / "node_modules" / "dep").mkdir(parents=True)
    (tmp_path / "node_modules" / "dep" / "Base.sol").write_text(DEPENDENCY_BASE)
    (tmp_path / "contracts").mkdir()
    (tmp_path / "contracts" / "Child.sol").write_text(PROJECT_CHILD)
    analysis = runner.analyse(tmp_path, compiler=compiler)
    assert analysis.analysed_total == 2
    # The mixed finding is kept (a plain `filter_paths: node_modules` would drop it, since
    # Slither filters a result when any element matches); the dependency's own is left out.
    assert [(f.detector, f.impact, f.contract, f.variable) for f in analysis.findings] == [
        ("uninitialized-state", "High", "Base", "_beneficiary")
    ]


# ---------------------------------------------------------------- the silent-nothing guard


def test_no_contracts__exits_2(tmp_path, compiler, capsys):
    _project(tmp_path)
    (tmp_path / "contracts").mkdir()
    assert runner.main([str(tmp_path), "--solc", str(compiler)]) == runner.EXIT_ERROR
    assert "no Solidity files" in capsys.readouterr().err


def test_file_without_contract__exits_2(tmp_path, compiler, capsys):
    _project(tmp_path)
    (tmp_path / "contracts").mkdir()
    (tmp_path / "contracts" / "Free.sol").write_text(
        "// SPDX-License-Identifier: MIT\npragma solidity 0.8.28;\n"
        "function twice(uint256 x) pure returns (uint256) { return 2 * x; }\n"
    )
    assert runner.main([str(tmp_path), "--solc", str(compiler)]) == runner.EXIT_ERROR
    err = capsys.readouterr().err
    assert "incomplete analysis" in err and "contracts/Free.sol" in err


def test_coverage__contract_seen_by_compiler_but_not_analysed__raises():
    with pytest.raises(runner.SlitherRunError, match="not analysed by Slither: B"):
        runner.check_coverage({"a.sol": ["A", "B"]}, {"a.sol": ["A"]})


def test_coverage__file_not_analysed_at_all__raises():
    with pytest.raises(runner.SlitherRunError, match=r"a\.sol: not analysed by Slither: A"):
        runner.check_coverage({"a.sol": ["A"]}, {})


def test_coverage__all_analysed__passes():
    runner.check_coverage(
        {"a.sol": ["A"], "b.sol": ["B", "L"]}, {"a.sol": ["A"], "b.sol": ["L", "B"]}
    )


def test_compile_error__exits_2(tmp_path, compiler, capsys):
    _project(tmp_path)
    (tmp_path / "contracts").mkdir()
    (tmp_path / "contracts" / "Broken.sol").write_text("pragma solidity 0.8.28; contract X {")
    assert runner.main([str(tmp_path), "--solc", str(compiler)]) == runner.EXIT_ERROR
    assert "compilation failed" in capsys.readouterr().err


# ---------------------------------------------------------------- Slither's configuration


def test_config__committed_file__fails_on_high_and_medium_and_ignores_disable_comments():
    config = runner.load_config(ROOT)
    assert config.failing == ("High", "Medium")
    assert config.show_ignored_findings is True
    assert config.detectors_to_run == "all"


def test_config__missing__exits_2(compiler, tmp_path, capsys):
    (tmp_path / "contracts").mkdir()
    (tmp_path / "contracts" / "Bad.sol").write_text(BAD_VAULT)
    assert runner.main([str(tmp_path), "--solc", str(compiler)]) == runner.EXIT_ERROR
    assert runner.CONFIG_FILE in capsys.readouterr().err


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ('{"show_ignored_finding": true}', "keys Slither does not know"),
        ('{"fail_on": "severe"}', "fail_on must be one of"),
        ('["all"]', "keys Slither does not know"),
        ("{", "invalid JSON"),
    ],
)
def test_config__malformed__raises(tmp_path, config, message):
    (tmp_path / runner.CONFIG_FILE).write_text(config)
    with pytest.raises(runner.SlitherRunError, match=message):
        runner.load_config(tmp_path)


@pytest.mark.parametrize(
    ("fail_on", "impacts"),
    [("high", ("High",)), ("low", ("High", "Medium", "Low")), ("none", ())],
)
def test_config__fail_on__sets_failing_impacts(tmp_path, fail_on, impacts):
    (tmp_path / runner.CONFIG_FILE).write_text(json.dumps({"fail_on": fail_on}))
    assert runner.load_config(tmp_path).failing == impacts


def test_judge__fail_on_high__medium_finding_not_failing():
    medium = runner.Finding("incorrect-equality", "Bad", "f()", None, "Medium", "?")
    verdict = runner.judge([medium], {}, ("High",))
    assert verdict.new == [] and verdict.minor == {"Medium": 1}


# ---------------------------------------------------------------- the triage file itself


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({**BAD_ENTRY, "justification": "fine"}, "too short"),
        ({**BAD_ENTRY, "detector": "no-such-detector"}, "unknown detector"),
        ({k: v for k, v in BAD_ENTRY.items() if k != "contract"}, "needs at least"),
        ({**BAD_ENTRY, "line": 12}, "unknown keys"),
    ],
)
def test_triage__malformed_entry__raises(tmp_path, bad, entry, message):
    path = _write_triage(tmp_path / "t.json", [entry])
    with pytest.raises(runner.SlitherRunError, match=message):
        runner.load_triage(path, bad.detectors)


def test_triage__duplicate_entry__raises(tmp_path):
    path = _write_triage(tmp_path / "t.json", [BAD_ENTRY, BAD_ENTRY])
    with pytest.raises(runner.SlitherRunError, match="duplicate"):
        runner.load_triage(path)


def test_triage__committed_file__is_valid(bad):
    # bad.detectors: every detector, as the committed configuration runs them all.
    entries = runner.load_triage(ROOT / runner.TRIAGE_FILE, bad.detectors)
    assert entries and all(key[0] in bad.detectors for key in entries)
