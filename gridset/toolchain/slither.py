"""Slither over every project contract; High/Medium findings fail unless triaged.

``python -m gridset.toolchain.slither [root]`` does only what ``slither.config.json`` cannot:
one standard-JSON compile of the Ape layout (plain ``slither .`` analyses nothing here and exits
0), the check that every contract the compiler saw was analysed, and triage keys that survive
line moves (``security/slither-triage.json``). Exit status: 0 every failing finding triaged,
1 new findings (one line each), 2 the analysis cannot be trusted.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path, PurePosixPath
from typing import Any, NamedTuple

import yaml

from gridset.toolchain import solc as toolchain

CONFIG_FILE = "slither.config.json"
TRIAGE_FILE = PurePosixPath("security/slither-triage.json")
IMPACT_ORDER = ("High", "Medium", "Low", "Informational", "Optimization")
# Slither's `fail_on` level -> how many impacts of IMPACT_ORDER (from the top) fail the run.
FAIL_ON_DEPTH = {"high": 1, "medium": 2, "low": 3, "pedantic": 5, "none": 0}
MIN_JUSTIFICATION_CHARS = 40
KEY_FIELDS = ("detector", "contract", "function", "variable")
EXIT_OK, EXIT_NEW_FINDINGS, EXIT_ERROR = 0, 1, 2
Key = tuple[str, str | None, str | None, str | None]  # KEY_FIELDS: never a line number


class SlitherRunError(toolchain.ToolchainError):
    """The analysis cannot be trusted: compiler, configuration, triage file, unanalysed code."""


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text())
    except json.JSONDecodeError as err:
        raise SlitherRunError(f"{path}: invalid JSON: {err}") from err


def compile_settings(root: Path) -> dict[str, Any]:
    """solc settings from ``ape-config.yaml``: EVM version, ``import_remapping`` to npm packages
    in ``node_modules/<package>/<contracts_folder>`` (SlitherRunError if not installed)."""
    path = root / "ape-config.yaml"
    config = (yaml.safe_load(path.read_text()) or {}) if path.exists() else {}
    solidity, remappings = config.get("solidity") or {}, []
    deps = {dep["name"]: dep for dep in config.get("dependencies") or []}
    for entry in solidity.get("import_remapping") or []:
        prefix, _, target = entry.partition("=")
        name, _version, *rest = PurePosixPath(target).parts
        dep = deps.get(name) or {}
        folder = (dep.get("config_override") or {}).get("contracts_folder", ".")
        target = PurePosixPath("node_modules", dep.get("npm", f"<{name}?>"), folder, *rest)
        if "npm" not in dep or not (root / target).is_dir():
            raise SlitherRunError(f"import remapping {entry!r}: no npm dependency at {target}")
        remappings.append(f"{prefix.rstrip('/')}/={target}/")
    evm = {"evmVersion": solidity["evm_version"]} if solidity.get("evm_version") else {}
    return {"remappings": remappings, **evm}


def load_config(root: Path) -> argparse.Namespace:
    """``root/slither.config.json`` over Slither's defaults, plus ``failing`` (the impacts that
    ``fail_on`` fails); SlitherRunError where Slither only logs (no file, unknown key/level)."""
    from slither.__main__ import parse_filter_paths
    from slither.utils.command_line import defaults_flag_in_config as defaults

    if not (path := root / CONFIG_FILE).is_file():
        raise SlitherRunError(f"{path} is missing")
    if unknown := sorted(set(config := _read_json(path)) - set(defaults)):
        raise SlitherRunError(f"{path}: keys Slither does not know: {unknown}")
    merged = argparse.Namespace(**{**defaults, **config})
    merged.filter_paths = parse_filter_paths(merged, True)
    merged.include_paths = parse_filter_paths(merged, False)
    fail_on = getattr(merged.fail_on, "value", merged.fail_on)
    if fail_on not in FAIL_ON_DEPTH:
        raise SlitherRunError(f"{path}: fail_on must be one of {sorted(FAIL_ON_DEPTH)}")
    merged.failing = IMPACT_ORDER[: FAIL_ON_DEPTH[fail_on]]
    return merged


class Finding(NamedTuple):
    """One Slither result: its triage key (the first four fields), and file#lines for people."""

    detector: str
    contract: str | None
    function: str | None
    variable: str | None
    impact: str
    location: str

    @property
    def key(self) -> Key:
        return self[:4]

    def line(self) -> str:
        element = ".".join(p for p in self[1:4] if p) or "-"
        return f"{self.impact:<13} {self.detector:<28} {element}  ({self.location})"

    @classmethod
    def from_result(cls, result: dict[str, Any], root: Path) -> Finding:
        """The first element is what it is about; function (signature), contract: its parents."""
        node = first = (result.get("elements") or [{}])[0]
        names: dict[str, str] = {}
        while node:
            fields = node.get("type_specific_fields") or {}
            names.setdefault(node.get("type", ""), fields.get("signature", node.get("name")))
            node = fields.get("parent")
        mapping = first.get("source_mapping") or {"filename_absolute": "?", "lines": [0]}
        start, end = (lines := mapping["lines"] or [0])[0], lines[-1]
        span = f"{start}-{end}" if end != start else f"{start}"
        location = f"{os.path.relpath(mapping['filename_absolute'], root)}#{span}"
        variable = first.get("name") if first.get("type") == "variable" else None
        found = names.get("contract"), names.get("function"), variable
        return cls(result["check"], *found, result["impact"], location)


def load_triage(path: Path, known_detectors: Iterable[str] | None = None) -> dict[Key, str]:
    """``{"accepted": [{detector, contract, function?, variable?, impact?, justification}]}``
    -> {key: justification} (no file: {}). SlitherRunError: malformed JSON, no detector or
    contract, an unknown key or detector, a justification too short, a duplicate."""
    entries: dict[Key, str] = {}
    for i, raw in enumerate(_read_json(path).get("accepted", []) if path.exists() else []):
        where = f"{path}: accepted[{i}]"
        if not isinstance(raw, dict) or not raw.get("detector") or not raw.get("contract"):
            raise SlitherRunError(f"{where}: needs at least 'detector' and 'contract'")
        if unknown := sorted(set(raw) - {*KEY_FIELDS, "impact", "justification"}):
            raise SlitherRunError(f"{where}: unknown keys {unknown}")
        if len(reason := (raw.get("justification") or "").strip()) < MIN_JUSTIFICATION_CHARS:
            raise SlitherRunError(f"{where}: justification missing or too short")
        if known_detectors is not None and raw["detector"] not in known_detectors:
            raise SlitherRunError(f"{where}: unknown detector {raw['detector']!r}")
        if (key := tuple(raw.get(name) for name in KEY_FIELDS)) in entries:
            raise SlitherRunError(f"{where}: duplicate of an earlier entry")
        entries[key] = reason  # type: ignore[index]
    return entries


class Analysis(NamedTuple):
    """What Slither analysed (project file -> contract names) and found."""

    contracts: dict[str, list[str]]
    findings: list[Finding]
    detectors: list[str]  # the configuration's choice
    failing: tuple[str, ...]  # impacts that fail unless triaged
    analysed_total: int  # with imported interfaces and dependencies


def analyse(root: Path, compiler: Path | None = None) -> Analysis:
    """Compile ``contracts/**/*.sol`` (not test/, .cache/) in one standard-JSON run, check all
    was analysed, run the configured detectors. In ``root`` as working directory: crytic-compile
    resolves relative source names against it first (else another project's file could match)."""
    from crytic_compile import CryticCompile
    from crytic_compile.platform.exceptions import InvalidCompilation
    from crytic_compile.platform.solc_standard_json import SolcStandardJson
    from slither import Slither
    from slither.__main__ import choose_detectors, get_detectors_and_printers

    root, config = root.resolve(), load_config(root)
    files = sorted(p.relative_to(root).as_posix() for p in (root / "contracts").rglob("*.sol"))
    if not (files := [f for f in files if PurePosixPath(f).parts[1] not in ("test", ".cache")]):
        raise SlitherRunError(f"no Solidity files under {root / 'contracts'}")
    standard_json = SolcStandardJson({"sources": {}, "settings": compile_settings(root)})
    standard_json.add_source_files(files)
    solc = (compiler or toolchain.pinned_compiler(root)).resolve()
    options = {**vars(config), "solc": str(solc), "solc_working_dir": str(root)}
    with contextlib.chdir(root):
        try:
            compilation = CryticCompile(standard_json, **options)
            slither = Slither(compilation, **options)
        except InvalidCompilation as err:
            raise SlitherRunError(f"compilation failed:\n{err}") from err
        except Exception as err:  # a parse failure must not look like "new findings" (1)
            raise SlitherRunError(f"Slither could not analyse the compilation: {err!r}") from err
        for detector in (detectors := choose_detectors(config, get_detectors_and_printers()[0])):
            slither.register_detector(detector)
        declared = {  # project file -> the contracts the compiler found in it
            os.path.relpath(name.absolute, root): source.contracts_names
            for unit in compilation.compilation_units.values()
            for name, source in unit.source_units.items()
        }
        analysed: dict[str, set[str]] = defaultdict(set)
        for contract in slither.contracts:
            analysed[os.path.relpath(contract.source_mapping.filename.absolute, root)].add(
                contract.name
            )
        check_coverage({name: declared.get(name, []) for name in files}, analysed)
        findings = [Finding.from_result(r, root) for rs in slither.run_detectors() for r in rs]
    contracts = {name: sorted(analysed[name]) for name in files}
    names = sorted(detector.ARGUMENT for detector in detectors)
    return Analysis(contracts, findings, names, config.failing, len(slither.contracts))


def check_coverage(declared: dict[str, list[str]], analysed: dict[str, Iterable[str]]) -> None:
    """SlitherRunError unless every file (-> the contracts the compiler found in it) declares
    one and Slither analysed them all."""
    problems = []
    for name, expected in sorted(declared.items()):
        if not expected:
            problems.append(f"{name}: no contract declared (or the compiler skipped the file)")
        if missing := sorted(set(expected) - set(analysed.get(name, ()))):
            problems.append(f"{name}: not analysed by Slither: {', '.join(missing)}")
    if problems:
        raise SlitherRunError("incomplete analysis:\n  " + "\n  ".join(problems))


class Verdict(NamedTuple):
    """Failing findings split by the triage file, its stale entries, minor counts by impact."""

    new: list[Finding]
    triaged: list[Finding]
    stale: list[Key]
    minor: Counter[str]


def judge(findings: Sequence[Finding], triage: dict[Key, str], failing: Sequence[str]) -> Verdict:
    """Split findings into new (failing impact, not triaged), triaged (both by impact, file and
    line) and minor (counted)."""
    failed = [f for f in findings if f.impact in failing]
    failed.sort(key=lambda f: (IMPACT_ORDER.index(f.impact), f.location, str(f)))
    triaged = [f for f in failed if f.key in triage]
    stale = sorted(set(triage) - {f.key for f in triaged}, key=str)
    minor = Counter(f.impact for f in findings if f.impact not in failing)
    return Verdict([f for f in failed if f.key not in triage], triaged, stale, minor)


def report(analysis: Analysis, verdict: Verdict) -> None:
    """Print counts, triaged findings, stale entries and each new finding with a triage stub."""
    failing, files = "/".join(analysis.failing) or "none", analysis.contracts
    minor = ", ".join(f"{verdict.minor[i]} {i}" for i in IMPACT_ORDER if verdict.minor[i])
    lines = [
        f"slither: {sum(map(len, files.values()))} contracts in {len(files)} files analysed "
        f"({analysis.analysed_total} with imports), {len(analysis.detectors)} detectors",
        *(f"  triaged  {f.line()}" for f in verdict.triaged),
        f"  not failing: {minor or 'none'}",
        *(f"  stale triage entry (matches no finding): {key}" for key in verdict.stale),
    ]
    for f in verdict.new:
        stub = {k: v for k, v in zip(KEY_FIELDS, f.key, strict=True) if v} | {"justification": ""}
        lines += [f"  NEW  {f.line()}", f"         {json.dumps(stub)}"]
    fix = f"{len(verdict.new)} new {failing} findings: fix, or triage in {TRIAGE_FILE}"
    ok = f"slither: OK, {len(verdict.triaged)} {failing} findings, all triaged"
    print("\n".join([*lines, fix if verdict.new else ok]))


def main(argv: list[str] | None = None) -> int:
    """Analyse the root's contracts, judge against the triage file, print; return exit status."""
    parser = argparse.ArgumentParser("python -m gridset.toolchain.slither", description=__doc__)
    parser.add_argument("root", nargs="?", default=".", type=Path, help="project root")
    parser.add_argument("--triage", type=Path, help=f"triage file (default: root/{TRIAGE_FILE})")
    parser.add_argument("--solc", type=Path, help="compiler (default: root/.solcx/solc-v<pin>)")
    args = parser.parse_args(argv)
    for name in ("CryticCompile", "Slither"):  # progress and solc warnings; findings are ours
        logging.getLogger(name).setLevel(logging.ERROR)
    try:
        analysis = analyse(args.root, compiler=args.solc)
        triage = load_triage(args.triage or args.root.resolve() / TRIAGE_FILE, analysis.detectors)
    except toolchain.ToolchainError as err:  # SlitherRunError included
        print(f"slither: ERROR: {err}", file=sys.stderr)
        return EXIT_ERROR
    verdict = judge(analysis.findings, triage, analysis.failing)
    report(analysis, verdict)
    return EXIT_NEW_FINDINGS if verdict.new else EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
