"""Slither over every project contract; High/Medium findings fail unless triaged.

``python -m gridset.toolchain.slither [root]`` does only what Slither's configuration cannot:
one standard-JSON compile of the Ape layout (every ``contracts/**/*.sol`` but ``contracts/test/``
and ``contracts/.cache/``, the pinned ``.solcx`` compiler, ``ape-config.yaml``'s remappings and
EVM version: ``slither .`` analyses nothing in an Ape project and exits 0), the check that every
contract the compiler saw was analysed, and triage keys that survive line moves (detector +
contract + function + variable in ``security/slither-triage.json``; Slither's own triage
database keys a result by a hash of its text, line numbers included). Everything else (which
detectors run, which impacts fail, ignoring ``slither-disable`` comments, leaving out findings
wholly inside ``node_modules``) is ``slither.config.json``, read as Slither's command line
reads it.

Exit status: 0 when every failing finding is triaged, 1 when there are new ones (one line each),
2 when the analysis cannot be trusted (configuration, compile error, a contract not analysed,
malformed triage file, missing compiler).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from gridset.toolchain import solc as toolchain

CONTRACTS_DIR = "contracts"
# Test-only contracts and Ape's dependency cache are not production code.
EXCLUDED_DIRS = ("test", ".cache")
CONFIG_FILE = "slither.config.json"
TRIAGE_FILE = PurePosixPath("security/slither-triage.json")
IMPACT_ORDER = ("High", "Medium", "Low", "Informational", "Optimization")
# Slither's `fail_on` level -> how many impacts of IMPACT_ORDER (from the top) fail the run.
FAIL_ON_DEPTH = {"high": 1, "medium": 2, "low": 3, "pedantic": 5, "none": 0}
MIN_JUSTIFICATION_CHARS = 40

EXIT_OK = 0
EXIT_NEW_FINDINGS = 1
EXIT_ERROR = 2


class SlitherRunError(RuntimeError):
    """The analysis cannot be trusted: no compiler, a compile error, an unanalysed contract,
    or a malformed configuration or triage file."""


# ---------------------------------------------------------------- the Ape layout


def source_files(root: Path) -> list[Path]:
    """Every ``contracts/**/*.sol`` under ``root`` except test-only and cache folders, sorted,
    relative to ``root``."""
    base = root / CONTRACTS_DIR
    return sorted(
        path.relative_to(root)
        for path in base.rglob("*.sol")
        if path.is_file() and path.relative_to(base).parts[0] not in EXCLUDED_DIRS
    )


def _ape_config(root: Path) -> dict[str, Any]:
    path = root / "ape-config.yaml"
    return (yaml.safe_load(path.read_text()) or {}) if path.exists() else {}


def remappings(root: Path) -> list[str]:
    """solc remappings equivalent to ``ape-config.yaml``'s ``solidity.import_remapping``.

    Ape maps an import prefix to a dependency (``@openzeppelin/contracts=openzeppelin/5.4.0``);
    for an ``npm:`` dependency the files are in ``node_modules/<package>/<contracts_folder>``.

    Raises:
        SlitherRunError: a remapping names an unknown or non-npm dependency, or the package is
            not installed (run ``npm ci``).
    """
    config = _ape_config(root)
    deps = {dep["name"]: dep for dep in config.get("dependencies") or []}
    result = []
    for entry in (config.get("solidity") or {}).get("import_remapping") or []:
        prefix, _, target = entry.partition("=")
        name, *rest = PurePosixPath(target).parts
        dep = deps.get(name)
        if dep is None or "npm" not in dep:
            raise SlitherRunError(f"import remapping {entry!r}: no npm dependency named {name!r}")
        folder = (dep.get("config_override") or {}).get("contracts_folder", ".")
        # rest[0] is the dependency version; anything after it is a sub-folder.
        path = PurePosixPath("node_modules", dep["npm"], folder, *rest[1:])
        if not (root / path).is_dir():
            raise SlitherRunError(f"{path} is missing: run `npm ci` (or `make setup`)")
        result.append(f"{prefix.rstrip('/')}/={path}/")
    return result


def default_compiler(root: Path) -> Path:
    """The project's installed compiler, ``.solcx/solc-v<pinned>``.

    Raises:
        SlitherRunError: it is not installed (run ``make setup``).
    """
    version = toolchain.pinned_solc_version(root)
    path = toolchain.solc_folder(root) / f"solc-v{version}"
    if not path.exists():
        raise SlitherRunError(f"{path} is missing: run `make setup`")
    return path


# ---------------------------------------------------------------- Slither's configuration


def load_config(root: Path) -> argparse.Namespace:
    """``root/slither.config.json`` over Slither's defaults, as Slither's command line reads it.

    Stricter than Slither, which logs and ignores a bad file: the settings the triage relies on
    (``show_ignored_findings``, ``include_paths``) must not silently fall back to defaults.

    Raises:
        SlitherRunError: the file is missing, not a JSON object, or has a key Slither does not
            know (a typo would otherwise be ignored), or an unknown ``fail_on`` level.
    """
    from slither.__main__ import parse_filter_paths
    from slither.utils.command_line import defaults_flag_in_config

    path = root / CONFIG_FILE
    if not path.is_file():
        raise SlitherRunError(f"{path} is missing")
    try:
        config = json.loads(path.read_text())
    except json.JSONDecodeError as err:
        raise SlitherRunError(f"{path}: invalid JSON: {err}") from err
    if not isinstance(config, dict):
        raise SlitherRunError(f"{path}: not a JSON object")
    unknown = sorted(set(config) - set(defaults_flag_in_config))
    if unknown:
        raise SlitherRunError(f"{path}: keys Slither does not know: {unknown}")
    merged = argparse.Namespace(**{**defaults_flag_in_config, **config})
    merged.filter_paths = parse_filter_paths(merged, True)
    merged.include_paths = parse_filter_paths(merged, False)
    merged.fail_on = getattr(merged.fail_on, "value", merged.fail_on)
    if merged.fail_on not in FAIL_ON_DEPTH:
        raise SlitherRunError(f"{path}: fail_on must be one of {sorted(FAIL_ON_DEPTH)}")
    return merged


def failing_impacts(config: argparse.Namespace) -> tuple[str, ...]:
    """The impacts that fail the run unless triaged (``fail_on: medium`` -> High, Medium)."""
    return IMPACT_ORDER[: FAIL_ON_DEPTH[config.fail_on]]


# ---------------------------------------------------------------- findings and triage keys


@dataclass(frozen=True)
class Finding:
    """One Slither result, identified by detector + contract + function (+ variable)."""

    detector: str
    impact: str
    contract: str | None
    function: str | None
    variable: str | None
    location: str
    summary: str

    @property
    def key(self) -> tuple[str, str | None, str | None, str | None]:
        return (self.detector, self.contract, self.function, self.variable)

    @property
    def element(self) -> str:
        """``Contract.function(args).variable`` (the parts that exist)."""
        parts = [p for p in (self.contract, self.function, self.variable) if p]
        return ".".join(parts) or "<file level>"

    def line(self) -> str:
        return f"{self.impact:<13} {self.detector:<28} {self.element}  ({self.location})"


def _contract_and_function(element: dict[str, Any]) -> tuple[str | None, str | None]:
    """The enclosing contract name and function signature of a Slither result element."""
    kind = element.get("type")
    fields = element.get("type_specific_fields") or {}
    parent = fields.get("parent") or {}
    if kind == "contract":
        return element.get("name"), None
    if kind == "function":
        return parent.get("name"), fields.get("signature", element.get("name"))
    if parent.get("type") == "function":
        pfields = parent.get("type_specific_fields") or {}
        contract = (pfields.get("parent") or {}).get("name")
        return contract, pfields.get("signature", parent.get("name"))
    if parent.get("type") == "contract":
        return parent.get("name"), None
    return None, None


def finding_from_result(result: dict[str, Any], root: Path) -> Finding:
    """A :class:`Finding` from one Slither result dictionary; the first element is the primary
    one (Slither puts the function, variable or contract the finding is about first)."""
    elements = result.get("elements") or []
    primary = elements[0] if elements else {}
    contract, function = _contract_and_function(primary)
    variable = primary.get("name") if primary.get("type") == "variable" else None
    mapping = primary.get("source_mapping") or {}
    location = "?"
    if mapping.get("filename_absolute"):
        location = _display_path(Path(mapping["filename_absolute"]), root)
        lines = mapping.get("lines") or []
        if lines:
            location += f"#{lines[0]}" + (f"-{lines[-1]}" if lines[-1] != lines[0] else "")
    summary = result.get("description", "").strip().splitlines()
    return Finding(
        detector=result["check"],
        impact=result["impact"],
        contract=contract,
        function=function,
        variable=variable,
        location=location,
        summary=summary[0] if summary else "",
    )


def _display_path(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` (posix) when inside it, else as given."""
    for candidate, base in ((path, root), (path.resolve(), root.resolve())):
        try:
            return candidate.relative_to(base).as_posix()
        except ValueError:
            continue
    return path.as_posix()


@dataclass(frozen=True)
class TriageEntry:
    """An accepted failing finding and why it is acceptable."""

    detector: str
    contract: str | None
    function: str | None
    variable: str | None
    justification: str

    @property
    def key(self) -> tuple[str, str | None, str | None, str | None]:
        return (self.detector, self.contract, self.function, self.variable)


def load_triage(path: Path, known_detectors: Iterable[str] | None = None) -> list[TriageEntry]:
    """Read the triage file: ``{"accepted": [{detector, contract, function?, variable?,
    justification}, ...]}``. A missing file means nothing is accepted.

    Raises:
        SlitherRunError: malformed JSON, a missing or short justification, an unknown
            detector, or a duplicate entry.
    """
    if not path.exists():
        return []
    try:
        data = json.loads(path.read_text())
    except json.JSONDecodeError as err:
        raise SlitherRunError(f"{path}: invalid JSON: {err}") from err
    known = set(known_detectors) if known_detectors is not None else None
    entries: list[TriageEntry] = []
    seen = set()
    allowed = {"detector", "contract", "function", "variable", "impact", "justification"}
    for i, raw in enumerate(data.get("accepted", [])):
        where = f"{path}: accepted[{i}]"
        if not isinstance(raw, dict) or not raw.get("detector") or not raw.get("contract"):
            raise SlitherRunError(f"{where}: needs at least 'detector' and 'contract'")
        unknown = set(raw) - allowed
        if unknown:
            raise SlitherRunError(f"{where}: unknown keys {sorted(unknown)}")
        justification = (raw.get("justification") or "").strip()
        if len(justification) < MIN_JUSTIFICATION_CHARS:
            raise SlitherRunError(f"{where}: justification missing or too short")
        if known is not None and raw["detector"] not in known:
            raise SlitherRunError(f"{where}: unknown detector {raw['detector']!r}")
        entry = TriageEntry(
            detector=raw["detector"],
            contract=raw["contract"],
            function=raw.get("function"),
            variable=raw.get("variable"),
            justification=justification,
        )
        if entry.key in seen:
            raise SlitherRunError(f"{where}: duplicate of an earlier entry")
        seen.add(entry.key)
        entries.append(entry)
    return entries


# ---------------------------------------------------------------- analysis


@dataclass
class Analysis:
    """What Slither analysed and found (after the configuration's path filter)."""

    files: list[Path]
    contracts: dict[str, list[str]]  # project file (relative, posix) -> contract names
    findings: list[Finding]
    detectors: list[str]  # the detectors that ran (the configuration's choice)
    failing: tuple[str, ...]  # impacts that fail unless triaged (the configuration's fail_on)
    analysed_total: int = 0  # including imported interfaces and dependencies

    @property
    def contract_count(self) -> int:
        return sum(len(names) for names in self.contracts.values())


@dataclass
class Verdict:
    """Findings split by the triage file."""

    new: list[Finding] = field(default_factory=list)
    triaged: list[tuple[Finding, TriageEntry]] = field(default_factory=list)
    stale: list[TriageEntry] = field(default_factory=list)
    minor: Counter[str] = field(default_factory=Counter)

    @property
    def ok(self) -> bool:
        return not self.new


def detector_names() -> list[str]:
    """The ``ARGUMENT`` of every Slither detector (the ``check`` name in results)."""
    from slither.__main__ import get_detectors_and_printers

    return sorted(cls.ARGUMENT for cls in get_detectors_and_printers()[0])


@contextmanager
def _working_directory(path: Path) -> Iterator[None]:
    previous = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(previous)


def analyse(
    root: Path,
    compiler: Path | None = None,
    files: Sequence[Path] | None = None,
) -> Analysis:
    """Compile ``files`` (default: :func:`source_files`) and run the configured detectors.

    Runs with ``root`` as the working directory: crytic-compile resolves the relative source
    names of the compiler output against the process's working directory first, so from
    anywhere else it could map a name such as ``interfaces/X.sol`` to another project's file.

    Raises:
        SlitherRunError: no or malformed configuration, nothing to analyse, a compile error, or
            a file or contract that the compiler saw but Slither did not analyse.
    """
    root = root.resolve()
    compiler = (compiler or default_compiler(root)).resolve()
    with _working_directory(root):
        return _analyse(root, compiler, files)


def _analyse(root: Path, compiler: Path, files: Sequence[Path] | None) -> Analysis:
    from crytic_compile import CryticCompile
    from crytic_compile.platform.exceptions import InvalidCompilation
    from crytic_compile.platform.solc_standard_json import SolcStandardJson
    from slither import Slither
    from slither.__main__ import choose_detectors, get_detectors_and_printers

    config = load_config(root)
    files = list(files) if files is not None else source_files(root)
    if not files:
        raise SlitherRunError(f"no Solidity files under {root / CONTRACTS_DIR}")
    if not compiler.is_file():
        raise SlitherRunError(f"compiler {compiler} not found")

    settings: dict[str, Any] = {"remappings": remappings(root)}
    evm = (_ape_config(root).get("solidity") or {}).get("evm_version")
    if evm:
        settings["evmVersion"] = evm
    standard_json = SolcStandardJson({"language": "Solidity", "sources": {}, "settings": settings})
    standard_json.add_source_files([f.as_posix() for f in files])
    options = {**vars(config), "solc": str(compiler), "solc_working_dir": str(root)}
    try:
        compilation = CryticCompile(standard_json, **options)
    except InvalidCompilation as err:
        raise SlitherRunError(f"compilation failed:\n{err}") from err
    try:
        slither = Slither(compilation, **options)
    except Exception as err:  # a Slither parse failure must not look like "new findings" (1)
        raise SlitherRunError(f"Slither could not analyse the compilation: {err!r}") from err
    detector_classes = choose_detectors(config, get_detectors_and_printers()[0])
    for cls in detector_classes:
        slither.register_detector(cls)

    wanted = {f.as_posix() for f in files}
    declared: dict[str, list[str]] = {name: [] for name in wanted}
    for unit in compilation.compilation_units.values():
        for filename, source_unit in unit.source_units.items():
            rel = _display_path(Path(filename.absolute), root)
            if rel in declared:
                nodes = (source_unit.ast or {}).get("nodes") or []
                declared[rel] = [
                    n["name"] for n in nodes if n.get("nodeType") == "ContractDefinition"
                ]
    analysed: dict[str, list[str]] = {name: [] for name in wanted}
    for contract in slither.contracts:
        rel = _display_path(Path(contract.source_mapping.filename.absolute), root)
        if rel in analysed and contract.name not in analysed[rel]:
            analysed[rel].append(contract.name)
    check_coverage(declared, analysed)

    return Analysis(
        files=[Path(f) for f in files],
        contracts={k: sorted(v) for k, v in sorted(analysed.items())},
        findings=[
            finding_from_result(result, root)
            for results in slither.run_detectors()
            for result in results
        ],
        detectors=sorted(cls.ARGUMENT for cls in detector_classes),
        failing=failing_impacts(config),
        analysed_total=len(slither.contracts),
    )


def check_coverage(declared: dict[str, list[str]], analysed: dict[str, list[str]]) -> None:
    """Fail unless every file declares at least one contract and Slither analysed all of them.

    ``declared`` maps each file that should be analysed to the contracts its AST declares (an
    empty list when the compiler did not return it); ``analysed`` maps it to what Slither
    analysed.

    Raises:
        SlitherRunError: listing each file with a missing contract; also when nothing at all
            was analysed or fewer contracts than files.
    """
    problems = []
    for name in sorted(declared):
        expected, got = declared[name], analysed.get(name, [])
        if not expected:
            problems.append(f"{name}: no contract declared (or the compiler skipped the file)")
        missing = sorted(set(expected) - set(got))
        if missing:
            problems.append(f"{name}: not analysed by Slither: {', '.join(missing)}")
    total = sum(len(v) for v in analysed.values())
    if total == 0 or total < len(declared):
        problems.append(f"Slither analysed {total} contract(s) in {len(declared)} file(s)")
    if problems:
        raise SlitherRunError("incomplete analysis:\n  " + "\n  ".join(problems))


def judge(
    findings: Iterable[Finding],
    triage: Sequence[TriageEntry],
    failing: Sequence[str],
) -> Verdict:
    """Split findings into new (failing impact, not triaged), triaged and minor (counted by
    impact); triage entries that matched nothing are stale."""
    by_key = {entry.key: entry for entry in triage}
    used = set()
    verdict = Verdict()
    for finding in findings:
        if finding.impact not in failing:
            verdict.minor[finding.impact] += 1
            continue
        entry = by_key.get(finding.key)
        if entry is None:
            verdict.new.append(finding)
        else:
            used.add(entry.key)
            verdict.triaged.append((finding, entry))
    verdict.stale = [entry for entry in triage if entry.key not in used]
    impact_rank = {impact: i for i, impact in enumerate(IMPACT_ORDER)}
    verdict.new.sort(key=lambda f: (impact_rank.get(f.impact, 99), f.location, f.detector))
    return verdict


# ---------------------------------------------------------------- command line


def _triage_template(finding: Finding) -> str:
    entry: dict[str, str] = {"detector": finding.detector, "contract": finding.contract or ""}
    if finding.function:
        entry["function"] = finding.function
    if finding.variable:
        entry["variable"] = finding.variable
    entry["justification"] = "..."
    return json.dumps(entry)


def report(analysis: Analysis, verdict: Verdict, out=None) -> None:
    """Print the result: counts, triaged findings, stale entries, new findings one per line with
    a ready-made triage entry each."""
    failing = "/".join(analysis.failing) or "none"
    minor = ", ".join(f"{verdict.minor[k]} {k}" for k in IMPACT_ORDER if verdict.minor[k])
    lines = [
        f"slither: {analysis.contract_count} contracts in {len(analysis.files)} files under "
        f"{CONTRACTS_DIR}/ analysed ({analysis.analysed_total} with imports), "
        f"{len(analysis.detectors)} detectors",
        *(f"  triaged  {finding.line()}" for finding, _ in verdict.triaged),
        f"  not failing: {minor or 'none'}",
        *(
            "  stale triage entry (matches no finding): "
            + " ".join(p for p in (e.detector, e.contract, e.function, e.variable) if p)
            for e in verdict.stale
        ),
    ]
    if verdict.new:
        lines.append(f"NEW {failing} findings ({len(verdict.new)}), not in {TRIAGE_FILE}:")
        for finding in verdict.new:
            lines += [f"  NEW  {finding.line()}", f"         {finding.summary}"]
        lines.append("Fix them, or add an entry with a real justification to the triage file:")
        lines += [f"  {entry}" for entry in dict.fromkeys(map(_triage_template, verdict.new))]
    else:
        lines.append(f"slither: OK, {len(verdict.triaged)} {failing} findings, all triaged")
    print("\n".join(lines), file=out or sys.stdout)


def run(root: Path, triage_path: Path | None = None, compiler: Path | None = None) -> int:
    """Analyse ``root``'s contracts, judge against the triage file, print; return exit status."""
    root = root.resolve()
    triage_path = triage_path if triage_path is not None else root / TRIAGE_FILE
    try:
        analysis = analyse(root, compiler=compiler)
        triage = load_triage(triage_path, detector_names())
    except (SlitherRunError, toolchain.ToolchainError) as err:
        print(f"slither: ERROR: {err}", file=sys.stderr)
        return EXIT_ERROR
    verdict = judge(analysis.findings, triage, analysis.failing)
    report(analysis, verdict)
    return EXIT_OK if verdict.ok else EXIT_NEW_FINDINGS


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m gridset.toolchain.slither",
        description="Slither over contracts/**/*.sol; fails on untriaged High/Medium findings.",
    )
    parser.add_argument("root", nargs="?", default=".", type=Path, help="project root")
    parser.add_argument("--triage", type=Path, help=f"triage file (default: root/{TRIAGE_FILE})")
    parser.add_argument("--solc", type=Path, help="compiler (default: root/.solcx/solc-v<pin>)")
    args = parser.parse_args(argv)
    # crytic-compile and Slither log progress and solc warnings; findings are our output.
    logging.getLogger("CryticCompile").setLevel(logging.ERROR)
    logging.getLogger("Slither").setLevel(logging.ERROR)
    return run(args.root, triage_path=args.triage, compiler=args.solc)


if __name__ == "__main__":
    sys.exit(main())
