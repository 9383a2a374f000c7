"""The ``abi/`` folder clients build on: one JSON ABI per deployable contract and one ABI with
every custom error and event of the suite.

* ``abi/<Contract>.json``: the plain JSON ABI array of each contract declared with ``contract``
  in ``contracts/`` (test helpers in ``contracts/test/`` excluded), as the compiler emits it;
* ``abi/GridSetErrors.json``: every error and event of all of them (OpenZeppelin's inherited
  ones included), each once, so any revert of any call (e.g. a StakingVault error raised inside
  an EnergyMarket call) and any log decodes with this one file.

Entries are sorted (constructor, functions, events, errors; then by name and signature) and
written as indented JSON with a trailing newline, so regenerating after a contract change
(``ape run abi``) gives a minimal, deterministic diff; ``abi_drift`` lists what differs from
the compiled contracts (a CI test fails on it).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parents[2]
ABI_DIR = PROJECT_ROOT / "abi"
ERRORS_FILE = "GridSetErrors.json"
#: Folders under ``contracts/`` whose contracts are never deployed by the suite.
SKIPPED_PARTS = frozenset({"test", ".cache"})
_CONTRACT = re.compile(r"^contract (\w+)", re.M)
_KIND_ORDER = {"constructor": 0, "function": 1, "fallback": 2, "receive": 3, "event": 4, "error": 5}


def deployable_contracts(contracts_dir: Path = PROJECT_ROOT / "contracts") -> list[str]:
    """Names of the contracts (not libraries, interfaces or abstract contracts) declared in
    ``contracts_dir``, test helpers excluded, sorted."""
    names: set[str] = set()
    for path in contracts_dir.rglob("*.sol"):
        if SKIPPED_PARTS.isdisjoint(path.relative_to(contracts_dir).parts):
            names.update(_CONTRACT.findall(path.read_text()))
    return sorted(names)


def _signature(entry: dict[str, Any]) -> str:
    def canonical(item: dict[str, Any]) -> str:
        kind = item["type"]
        if kind.startswith("tuple"):
            inner = ",".join(canonical(c) for c in item.get("components", []))
            return f"({inner}){kind[len('tuple') :]}"
        return kind

    return f"{entry.get('name', '')}({','.join(canonical(i) for i in entry.get('inputs', []))})"


def _sort_key(entry: dict[str, Any]) -> tuple[int, str, str]:
    indexed = "".join("1" if i.get("indexed") else "0" for i in entry.get("inputs", []))
    return (_KIND_ORDER.get(entry["type"], 9), _signature(entry), indexed)


def contract_abi(contract_type: Any) -> list[dict[str, Any]]:
    """The JSON ABI of an Ape/ethpm ContractType, entries sorted."""
    entries = [
        e.model_dump(mode="json", by_alias=True, exclude_none=True) for e in contract_type.abi
    ]
    return sorted(entries, key=_sort_key)


def errors_and_events(abis: Iterable[list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Every error and event of ``abis``, each once: errors by signature (their selector),
    events by signature and indexed inputs (ERC-20 and ERC-721 ``Transfer`` share a topic but
    decode differently, so both stay). The first ABI (in the given order) names the inputs."""
    seen: dict[tuple[str, str, str], dict[str, Any]] = {}
    for abi in abis:
        for entry in abi:
            if entry["type"] in ("error", "event"):
                key = (entry["type"], *_sort_key(entry)[1:])
                seen.setdefault(key, entry)
    return sorted(seen.values(), key=_sort_key)


def _text(abi: list[dict[str, Any]]) -> str:
    return json.dumps(abi, indent=2) + "\n"


def render_abis(project: Any, names: Iterable[str] | None = None) -> dict[str, str]:
    """``{file name: JSON text}`` of the whole ``abi/`` folder for the compiled ``project``."""
    names = deployable_contracts() if names is None else sorted(names)
    abis = {name: contract_abi(getattr(project, name).contract_type) for name in names}
    files = {f"{name}.json": _text(abi) for name, abi in abis.items()}
    files[ERRORS_FILE] = _text(errors_and_events(abis.values()))
    return files


def write_abis(project: Any, folder: Path = ABI_DIR) -> list[Path]:
    """Regenerate ``folder`` from the compiled ``project``: write every file, delete ABIs of
    contracts that no longer exist. Returns the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    files = render_abis(project)
    for stale in set(p.name for p in folder.glob("*.json")) - set(files):
        (folder / stale).unlink()
    written = []
    for name, text in files.items():
        path = folder / name
        if not path.is_file() or path.read_text() != text:
            path.write_text(text)
        written.append(path)
    return written


def abi_drift(project: Any, folder: Path = ABI_DIR) -> list[str]:
    """One line per file of ``folder`` that differs from the compiled ``project`` (missing,
    stale or changed); empty when the folder is up to date."""
    files = render_abis(project)
    present = {p.name for p in folder.glob("*.json")} if folder.is_dir() else set()
    drift = [f"{name}: missing" for name in sorted(set(files) - present)]
    drift += [f"{name}: no such contract any more" for name in sorted(present - set(files))]
    drift += [
        f"{name}: differs from the compiled contract"
        for name in sorted(set(files) & present)
        if (folder / name).read_text() != files[name]
    ]
    return drift
