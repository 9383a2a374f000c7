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
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

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


class SlitherRunError(RuntimeError):
    """The analysis cannot be trusted (compiler, compile error, unanalysed contract, malformed
    configuration or triage file)."""


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text())
    except json.JSONDecodeError as err:
        raise SlitherRunError(f"{path}: invalid JSON: {err}") from err


def _relative(path: Path, root: Path) -> str:
    """``path`` relative to the resolved ``root`` (posix) when inside it, else as given."""
    for candidate in (path, path.resolve()):
        with contextlib.suppress(ValueError):
            return candidate.relative_to(root).as_posix()
    return path.as_posix()


def _ape_config(root: Path) -> dict[str, Any]:
    path = root / "ape-config.yaml"
    return (yaml.safe_load(path.read_text()) or {}) if path.exists() else {}


def remappings(root: Path) -> list[str]:
    """solc remappings for ``ape-config.yaml``'s ``solidity.import_remapping`` (an ``npm:``
    dependency lives in ``node_modules/<package>/<contracts_folder>``); SlitherRunError for a
    dependency that is unknown, not npm, or not installed."""
    config = _ape_config(root)
    deps = {dep["name"]: dep for dep in config.get("dependencies") or []}
    result = []
    for entry in (config.get("solidity") or {}).get("import_remapping") or []:
        prefix, _, target = entry.partition("=")
        name, _version, *rest = PurePosixPath(target).parts
        if "npm" not in (dep := deps.get(name) or {}):
            raise SlitherRunError(f"import remapping {entry!r}: no npm dependency named {name!r}")
        folder = (dep.get("config_override") or {}).get("contracts_folder", ".")
        path = PurePosixPath("node_modules", dep["npm"], folder, *rest)
        if not (root / path).is_dir():
            raise SlitherRunError(f"{path} is missing: run `npm ci` (or `make setup`)")
        result.append(f"{prefix.rstrip('/')}/={path}/")
    return result


def default_compiler(root: Path) -> Path:
    """The project's pinned compiler ``.solcx/solc-v<version>`` (SlitherRunError if absent)."""
    path = toolchain.solc_folder(root) / f"solc-v{toolchain.pinned_solc_version(root)}"
    if not path.exists():
        raise SlitherRunError(f"{path} is missing: run `make setup`")
    return path


def load_config(root: Path) -> argparse.Namespace:
    """``root/slither.config.json`` over Slither's defaults as its command line reads it, but
    strict: a missing file, a non-object, a key Slither does not know (Slither would ignore a
    typo) or an unknown ``fail_on`` level raise SlitherRunError."""
    from slither.__main__ import parse_filter_paths
    from slither.utils.command_line import defaults_flag_in_config as defaults

    if not (path := root / CONFIG_FILE).is_file():
        raise SlitherRunError(f"{path} is missing")
    if not isinstance(config := _read_json(path), dict):
        raise SlitherRunError(f"{path}: not a JSON object")
    if unknown := sorted(set(config) - set(defaults)):
        raise SlitherRunError(f"{path}: keys Slither does not know: {unknown}")
    merged = argparse.Namespace(**{**defaults, **config})
    merged.filter_paths = parse_filter_paths(merged, True)
    merged.include_paths = parse_filter_paths(merged, False)
    merged.fail_on = getattr(merged.fail_on, "value", merged.fail_on)
    if merged.fail_on not in FAIL_ON_DEPTH:
        raise SlitherRunError(f"{path}: fail_on must be one of {sorted(FAIL_ON_DEPTH)}")
    return merged


def failing_impacts(config: argparse.Namespace) -> tuple[str, ...]:
    """The impacts that fail the run unless triaged (``fail_on: medium`` -> High, Medium)."""
    return IMPACT_ORDER[: FAIL_ON_DEPTH[config.fail_on]]


@dataclass(frozen=True)
class Finding:
    """One Slither result: its triage key, and file#lines for people."""

    detector: str
    impact: str
    contract: str | None
    function: str | None
    variable: str | None
    location: str

    @property
    def key(self) -> Key:
        return (self.detector, self.contract, self.function, self.variable)

    @property
    def element(self) -> str:
        return ".".join(p for p in self.key[1:] if p) or "-"

    def line(self) -> str:
        return f"{self.impact:<13} {self.detector:<28} {self.element}  ({self.location})"

    @classmethod
    def from_result(cls, result: dict[str, Any], root: Path) -> Finding:
        """From a Slither result: the first element is what it is about; the enclosing
        function (by signature) and contract are found up its chain of parents."""
        first = (result.get("elements") or [{}])[0]
        names: dict[str, str] = {}
        node = first
        while node:
            fields = node.get("type_specific_fields") or {}
            names.setdefault(node.get("type", ""), fields.get("signature", node.get("name")))
            node = fields.get("parent")
        mapping, location = first.get("source_mapping") or {}, "?"
        if mapping.get("filename_absolute"):
            lines = mapping.get("lines") or [0]
            span = f"{lines[0]}" + (f"-{lines[-1]}" if lines[-1] != lines[0] else "")
            location = f"{_relative(Path(mapping['filename_absolute']), root)}#{span}"
        variable = first.get("name") if first.get("type") == "variable" else None
        contract, function = names.get("contract"), names.get("function")
        return cls(result["check"], result["impact"], contract, function, variable, location)


def load_triage(path: Path, known_detectors: Iterable[str] | None = None) -> dict[Key, str]:
    """``{"accepted": [{detector, contract, function?, variable?, impact?, justification}]}``
    -> {key: justification} (no file: {}). SlitherRunError: malformed JSON, no detector or
    contract, an unknown key or detector, a justification too short, a duplicate."""
    known = set(known_detectors) if known_detectors is not None else None
    entries: dict[Key, str] = {}
    for i, raw in enumerate(_read_json(path).get("accepted", []) if path.exists() else []):
        where = f"{path}: accepted[{i}]"
        if not isinstance(raw, dict) or not raw.get("detector") or not raw.get("contract"):
            raise SlitherRunError(f"{where}: needs at least 'detector' and 'contract'")
        if unknown := sorted(set(raw) - {*KEY_FIELDS, "impact", "justification"}):
            raise SlitherRunError(f"{where}: unknown keys {unknown}")
        if len(reason := (raw.get("justification") or "").strip()) < MIN_JUSTIFICATION_CHARS:
            raise SlitherRunError(f"{where}: justification missing or too short")
        if known is not None and raw["detector"] not in known:
            raise SlitherRunError(f"{where}: unknown detector {raw['detector']!r}")
        if (key := tuple(raw.get(name) for name in KEY_FIELDS)) in entries:
            raise SlitherRunError(f"{where}: duplicate of an earlier entry")
        entries[key] = reason  # type: ignore[index]
    return entries


@dataclass
class Analysis:
    """What Slither analysed (project file -> contract names) and found."""

    contracts: dict[str, list[str]]
    findings: list[Finding]
    detectors: list[str]  # the configuration's choice
    failing: tuple[str, ...]  # impacts that fail unless triaged
    analysed_total: int  # with imported interfaces and dependencies

    @property
    def contract_count(self) -> int:
        return sum(map(len, self.contracts.values()))


@dataclass
class Verdict:
    """Findings split by the triage file; entries that matched nothing are stale."""

    new: list[Finding] = field(default_factory=list)
    triaged: list[Finding] = field(default_factory=list)
    stale: list[Key] = field(default_factory=list)
    minor: Counter[str] = field(default_factory=Counter)

    @property
    def ok(self) -> bool:
        return not self.new


def detector_names() -> list[str]:
    """The ``check`` name of every Slither detector."""
    from slither.__main__ import get_detectors_and_printers

    return sorted(cls.ARGUMENT for cls in get_detectors_and_printers()[0])


def analyse(root: Path, compiler: Path | None = None) -> Analysis:
    """Compile the project's contracts in one standard-JSON run and run the configured
    detectors, in ``root`` as working directory (crytic-compile resolves relative source names
    against it first: from elsewhere ``interfaces/X.sol`` could map to another project's file).
    SlitherRunError: configuration, no contract file, compile error, or incomplete analysis."""
    from crytic_compile import CryticCompile
    from crytic_compile.platform.exceptions import InvalidCompilation
    from crytic_compile.platform.solc_standard_json import SolcStandardJson
    from slither import Slither
    from slither.__main__ import choose_detectors, get_detectors_and_printers

    root, config = root.resolve(), load_config(root)
    compiler = (compiler or default_compiler(root)).resolve()
    files = sorted(
        p.relative_to(root).as_posix()
        for p in (root / "contracts").rglob("*.sol")
        if p.relative_to(root / "contracts").parts[0] not in ("test", ".cache")
    )
    if not files:
        raise SlitherRunError(f"no Solidity files under {root / 'contracts'}")
    settings: dict[str, Any] = {"remappings": remappings(root)}
    if evm := (_ape_config(root).get("solidity") or {}).get("evm_version"):
        settings["evmVersion"] = evm
    standard_json = SolcStandardJson({"language": "Solidity", "sources": {}, "settings": settings})
    standard_json.add_source_files(files)
    options = {**vars(config), "solc": str(compiler), "solc_working_dir": str(root)}
    with contextlib.chdir(root):
        try:
            compilation = CryticCompile(standard_json, **options)
            slither = Slither(compilation, **options)
        except InvalidCompilation as err:
            raise SlitherRunError(f"compilation failed:\n{err}") from err
        except Exception as err:  # a parse failure must not look like "new findings" (1)
            raise SlitherRunError(f"Slither could not analyse the compilation: {err!r}") from err
        detectors = choose_detectors(config, get_detectors_and_printers()[0])
        for detector in detectors:
            slither.register_detector(detector)
        declared: dict[str, list[str]] = {name: [] for name in files}
        for unit in compilation.compilation_units.values():
            for filename, source in unit.source_units.items():
                if (name := _relative(Path(filename.absolute), root)) in declared:
                    nodes = (source.ast or {}).get("nodes") or []
                    declared[name] = [
                        n["name"] for n in nodes if n.get("nodeType") == "ContractDefinition"
                    ]
        analysed: dict[str, set[str]] = {name: set() for name in files}
        for contract in slither.contracts:
            name = _relative(Path(contract.source_mapping.filename.absolute), root)
            analysed.get(name, set()).add(contract.name)
        check_coverage(declared, analysed)
        findings = [Finding.from_result(r, root) for rs in slither.run_detectors() for r in rs]
    return Analysis(
        contracts={name: sorted(analysed[name]) for name in files},
        findings=findings,
        detectors=sorted(detector.ARGUMENT for detector in detectors),
        failing=failing_impacts(config),
        analysed_total=len(slither.contracts),
    )


def check_coverage(declared: dict[str, list[str]], analysed: dict[str, Iterable[str]]) -> None:
    """SlitherRunError unless every file (-> the contracts its AST declares) declares one and
    Slither analysed them all, and at least as many contracts as files were analysed."""
    problems = []
    for name, expected in sorted(declared.items()):
        if not expected:
            problems.append(f"{name}: no contract declared (or the compiler skipped the file)")
        if missing := sorted(set(expected) - set(analysed.get(name, ()))):
            problems.append(f"{name}: not analysed by Slither: {', '.join(missing)}")
    if (total := sum(len(set(v)) for v in analysed.values())) == 0 or total < len(declared):
        problems.append(f"Slither analysed {total} contract(s) in {len(declared)} file(s)")
    if problems:
        raise SlitherRunError("incomplete analysis:\n  " + "\n  ".join(problems))


def judge(findings: Iterable[Finding], triage: dict[Key, str], failing: Sequence[str]) -> Verdict:
    """Split findings into new (failing impact, not triaged), triaged and minor (counted)."""
    verdict = Verdict()
    for f in findings:
        if f.impact not in failing:
            verdict.minor[f.impact] += 1
        else:
            (verdict.triaged if f.key in triage else verdict.new).append(f)
    verdict.stale = sorted(set(triage) - {f.key for f in verdict.triaged}, key=str)
    verdict.new.sort(key=lambda f: (IMPACT_ORDER.index(f.impact), f.location, f.detector))
    return verdict


def report(analysis: Analysis, verdict: Verdict) -> None:
    """Print counts, triaged findings, stale entries and each new finding with a triage stub."""
    failing = "/".join(analysis.failing) or "none"
    minor = ", ".join(f"{verdict.minor[i]} {i}" for i in IMPACT_ORDER if verdict.minor[i])
    print(
        f"slither: {analysis.contract_count} contracts in {len(analysis.contracts)} files "
        f"analysed ({analysis.analysed_total} with imports), {len(analysis.detectors)} detectors"
    )
    print(*(f"  triaged  {f.line()}" for f in verdict.triaged), sep="\n")
    print(f"  not failing: {minor or 'none'}")
    for key in verdict.stale:
        print(f"  stale triage entry (matches no finding): {key}")
    for f in verdict.new:
        stub = {k: v for k, v in zip(KEY_FIELDS, f.key, strict=True) if v} | {"justification": ""}
        print(f"  NEW  {f.line()}\n         {json.dumps(stub)}")
    if verdict.new:
        print(f"{len(verdict.new)} new {failing} findings: fix, or triage in {TRIAGE_FILE}")
    else:
        print(f"slither: OK, {len(verdict.triaged)} {failing} findings, all triaged")


def run(root: Path, triage_path: Path | None = None, compiler: Path | None = None) -> int:
    """Analyse ``root``'s contracts, judge against the triage file, print; return exit status."""
    try:
        analysis = analyse(root, compiler=compiler)
        triage = load_triage(triage_path or root.resolve() / TRIAGE_FILE, detector_names())
    except (SlitherRunError, toolchain.ToolchainError) as err:
        print(f"slither: ERROR: {err}", file=sys.stderr)
        return EXIT_ERROR
    verdict = judge(analysis.findings, triage, analysis.failing)
    report(analysis, verdict)
    return EXIT_OK if verdict.ok else EXIT_NEW_FINDINGS


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m gridset.toolchain.slither", description=__doc__
    )
    parser.add_argument("root", nargs="?", default=".", type=Path, help="project root")
    parser.add_argument("--triage", type=Path, help=f"triage file (default: root/{TRIAGE_FILE})")
    parser.add_argument("--solc", type=Path, help="compiler (default: root/.solcx/solc-v<pin>)")
    args = parser.parse_args(argv)
    for name in ("CryticCompile", "Slither"):  # progress and solc warnings; findings are ours
        logging.getLogger(name).setLevel(logging.ERROR)
    return run(args.root, triage_path=args.triage, compiler=args.solc)


if __name__ == "__main__":
    sys.exit(main())
