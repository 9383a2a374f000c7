"""Slither static analysis of every project contract, strict about High/Medium findings.

``python -m gridset.toolchain.slither [root]`` compiles every ``contracts/**/*.sol`` file
(except ``contracts/test/`` and Ape's ``contracts/.cache/``) in one standard-JSON compilation
with the project's compiler (``.solcx/solc-v<pinned>``: native solc or the solc-js bridge),
with the import remappings of ``ape-config.yaml`` translated to ``node_modules`` paths, and
runs all of Slither's detectors on the result.

Why not ``slither contracts --solc-standard-json``: that globs only ``contracts/*.sol`` (no
sub-folders), and ``slither .`` on an Ape project analyses nothing and exits 0. Here every
file is listed explicitly, and the run fails unless every contract the compiler saw in those
files was analysed (the guard against silently analysing nothing).

Every High or Medium finding must be accepted in the committed triage file
(``security/slither-triage.json``): one entry per detector + contract + function (and
variable, for findings about a variable), with a written justification. Line numbers are not
part of the identity, so unrelated edits do not invalidate the triage. Findings lying wholly
in dependencies (``node_modules``) are left out; in-source ``slither-disable`` comments are
ignored, so the triage file is the only way to accept a finding.

Exit status: 0 when every High/Medium finding is triaged, 1 when there are new ones (each
printed on one line), 2 when the analysis itself cannot be trusted (compile error, a contract
not analysed, malformed triage file, missing compiler).
"""

from __future__ import annotations

import argparse
import inspect
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
TRIAGE_FILE = PurePosixPath("security/slither-triage.json")
FAILING_IMPACTS = ("High", "Medium")
IMPACT_ORDER = ("High", "Medium", "Low", "Informational", "Optimization")
DEPENDENCY_DIRS = ("node_modules",)
MIN_JUSTIFICATION_CHARS = 40

EXIT_OK = 0
EXIT_NEW_FINDINGS = 1
EXIT_ERROR = 2


class SlitherRunError(RuntimeError):
    """The analysis cannot be trusted: no compiler, a compile error, an unanalysed contract,
    or a malformed triage file."""


# ---------------------------------------------------------------- inputs


def source_files(root: Path) -> list[Path]:
    """Every ``contracts/**/*.sol`` under ``root`` except test-only and cache folders, sorted,
    relative to ``root``."""
    base = root / CONTRACTS_DIR
    files = []
    for path in base.rglob("*.sol"):
        rel = path.relative_to(base)
        if rel.parts[0] in EXCLUDED_DIRS or not path.is_file():
            continue
        files.append(path.relative_to(root))
    return sorted(files)


def remappings(root: Path) -> list[str]:
    """solc remappings equivalent to ``ape-config.yaml``'s ``solidity.import_remapping``.

    Ape maps an import prefix to a dependency (``@openzeppelin/contracts=openzeppelin/5.4.0``);
    for an ``npm:`` dependency the files are in ``node_modules/<package>/<contracts_folder>``.

    Raises:
        SlitherRunError: a remapping names an unknown or non-npm dependency, or the package is
            not installed (run ``npm ci``).
    """
    config_path = root / "ape-config.yaml"
    if not config_path.exists():
        return []
    config = yaml.safe_load(config_path.read_text()) or {}
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


def evm_version(root: Path) -> str | None:
    """The EVM version pinned in ``ape-config.yaml`` (``solidity.evm_version``), if any."""
    config_path = root / "ape-config.yaml"
    if not config_path.exists():
        return None
    config = yaml.safe_load(config_path.read_text()) or {}
    return (config.get("solidity") or {}).get("evm_version")


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


# ---------------------------------------------------------------- findings


@dataclass(frozen=True)
class Finding:
    """One Slither result, identified by detector + contract + function (+ variable)."""

    detector: str
    impact: str
    confidence: str
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
        confidence=result["confidence"],
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


def _in_dependencies(result: dict[str, Any]) -> bool:
    """True when every element of the result lies in a dependency folder (third-party code)."""
    paths = [
        Path(e["source_mapping"]["filename_absolute"])
        for e in result.get("elements") or []
        if (e.get("source_mapping") or {}).get("filename_absolute")
    ]
    return bool(paths) and all(set(p.parts) & set(DEPENDENCY_DIRS) for p in paths)


# ---------------------------------------------------------------- triage


@dataclass(frozen=True)
class TriageEntry:
    """An accepted High/Medium finding and why it is acceptable."""

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
    """What Slither analysed and found (dependency-only findings already removed)."""

    files: list[Path]
    contracts: dict[str, list[str]]  # project file (relative, posix) -> contract names
    findings: list[Finding]
    detectors: list[str]
    analysed_total: int = 0  # including imported interfaces and dependencies
    dependency_findings: int = 0

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


def _all_detector_classes() -> list[type]:
    from slither.detectors import all_detectors
    from slither.detectors.abstract_detector import AbstractDetector

    return [
        cls
        for _, cls in inspect.getmembers(all_detectors, inspect.isclass)
        if issubclass(cls, AbstractDetector) and cls is not AbstractDetector
    ]


def detector_names() -> list[str]:
    """The ``ARGUMENT`` of every Slither detector (the ``check`` name in results)."""
    return sorted(cls.ARGUMENT for cls in _all_detector_classes())


def _declared_contracts(ast: dict[str, Any] | None) -> list[str]:
    """Names of the contracts, interfaces and libraries a source unit's AST declares."""
    nodes = (ast or {}).get("nodes") or []
    return [n["name"] for n in nodes if n.get("nodeType") == "ContractDefinition"]


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
    """Compile ``files`` (default: :func:`source_files`) and run every Slither detector.

    Runs with ``root`` as the working directory: crytic-compile resolves the relative source
    names of the compiler output against the process's working directory first, so from
    anywhere else it could map a name such as ``interfaces/X.sol`` to another project's file.

    Raises:
        SlitherRunError: nothing to analyse, a compile error, or a file or contract that the
            compiler saw but Slither did not analyse.
    """
    root = root.resolve()
    if compiler is not None:
        compiler = compiler.resolve()
    with _working_directory(root):
        return _analyse(root, compiler, files)


def _analyse(root: Path, compiler: Path | None, files: Sequence[Path] | None) -> Analysis:
    from crytic_compile import CryticCompile
    from crytic_compile.platform.exceptions import InvalidCompilation
    from crytic_compile.platform.solc_standard_json import SolcStandardJson
    from slither import Slither

    files = list(files) if files is not None else source_files(root)
    if not files:
        raise SlitherRunError(f"no Solidity files under {root / CONTRACTS_DIR}")
    compiler = (compiler if compiler is not None else default_compiler(root)).resolve()
    if not compiler.is_file():
        raise SlitherRunError(f"compiler {compiler} not found")

    settings: dict[str, Any] = {"remappings": remappings(root)}
    evm = evm_version(root)
    if evm:
        settings["evmVersion"] = evm
    standard_json = SolcStandardJson({"language": "Solidity", "sources": {}, "settings": settings})
    standard_json.add_source_files([f.as_posix() for f in files])
    try:
        compilation = CryticCompile(
            standard_json,
            solc=str(compiler),
            solc_working_dir=str(root),
            solc_disable_warnings=True,
        )
    except InvalidCompilation as err:
        raise SlitherRunError(f"compilation failed:\n{err}") from err

    # show_ignored_findings: in-source `slither-disable` comments must not bypass the triage.
    try:
        slither = Slither(compilation, show_ignored_findings=True)
    except Exception as err:  # a Slither parse failure must not look like "new findings" (1)
        raise SlitherRunError(f"Slither could not analyse the compilation: {err!r}") from err
    detector_classes = _all_detector_classes()
    for cls in detector_classes:
        slither.register_detector(cls)

    wanted = {f.as_posix() for f in files}
    declared: dict[str, list[str]] = {name: [] for name in wanted}
    for unit in compilation.compilation_units.values():
        for filename, source_unit in unit.source_units.items():
            rel = _display_path(Path(filename.absolute), root)
            if rel in declared:
                declared[rel] = _declared_contracts(source_unit.ast)
    analysed: dict[str, list[str]] = {name: [] for name in wanted}
    for contract in slither.contracts:
        rel = _display_path(Path(contract.source_mapping.filename.absolute), root)
        if rel in analysed and contract.name not in analysed[rel]:
            analysed[rel].append(contract.name)
    check_coverage(declared, analysed)

    findings, in_deps = [], 0
    for results in slither.run_detectors():
        for result in results:
            if _in_dependencies(result):
                in_deps += 1
            else:
                findings.append(finding_from_result(result, root))
    return Analysis(
        files=[Path(f) for f in files],
        contracts={k: sorted(v) for k, v in sorted(analysed.items())},
        findings=findings,
        detectors=sorted(cls.ARGUMENT for cls in detector_classes),
        analysed_total=len(slither.contracts),
        dependency_findings=in_deps,
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


def judge(findings: Iterable[Finding], triage: Sequence[TriageEntry]) -> Verdict:
    """Split findings into new (failing), triaged and minor (Low/Informational/Optimization);
    triage entries that matched nothing are stale."""
    by_key = {entry.key: entry for entry in triage}
    used = set()
    verdict = Verdict()
    for finding in findings:
        if finding.impact not in FAILING_IMPACTS:
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
    """Print the result: counts, new findings one per line, triaged ones, stale entries."""
    out = out or sys.stdout
    print(
        f"slither: {analysis.contract_count} contracts in {len(analysis.files)} files under "
        f"{CONTRACTS_DIR}/ analysed ({analysis.analysed_total} with imports), "
        f"{len(analysis.detectors)} detectors",
        file=out,
    )
    for finding, _ in verdict.triaged:
        print(f"  triaged  {finding.line()}", file=out)
    minor = ", ".join(f"{verdict.minor[k]} {k}" for k in IMPACT_ORDER if verdict.minor[k])
    print(
        f"  not failing: {minor or 'none'} (dependencies: {analysis.dependency_findings})", file=out
    )
    for entry in verdict.stale:
        print(
            f"  stale triage entry (matches no finding): {entry.detector} "
            f"{'.'.join(p for p in (entry.contract, entry.function, entry.variable) if p)}",
            file=out,
        )
    if verdict.new:
        print(f"NEW High/Medium findings ({len(verdict.new)}), not in {TRIAGE_FILE}:", file=out)
        for finding in verdict.new:
            print(f"  NEW  {finding.line()}", file=out)
            print(f"         {finding.summary}", file=out)
        print("Fix them, or add an entry with a real justification to the triage file:", file=out)
        for key in dict.fromkeys(_triage_template(f) for f in verdict.new):
            print(f"  {key}", file=out)
    else:
        print(f"slither: OK, {len(verdict.triaged)} High/Medium findings, all triaged", file=out)


def run(root: Path, triage_path: Path | None = None, compiler: Path | None = None) -> int:
    """Analyse ``root``'s contracts, judge against the triage file, print; return exit status."""
    root = root.resolve()
    triage_path = triage_path if triage_path is not None else root / TRIAGE_FILE
    try:
        analysis = analyse(root, compiler=compiler)
        triage = load_triage(triage_path, analysis.detectors)
    except (SlitherRunError, toolchain.ToolchainError) as err:
        print(f"slither: ERROR: {err}", file=sys.stderr)
        return EXIT_ERROR
    verdict = judge(analysis.findings, triage)
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
