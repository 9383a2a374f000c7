"""Gas and proof tables in ``docs/*.md``, generated from ``benchmarks/gas.json`` and ``zk.json``.

A Markdown file marks each table with an HTML comment, followed by the generated table and an
end marker ``<!-- /gas-table -->`` (``<!-- /zk-table -->``). Three kinds:

- ``<!-- gas-table: GLOB [GLOB ...] -->``: every ``gas.json`` key matching one of the
  ``fnmatch`` globs, in order, as ``| call | gas |`` rows (gas with thousands separators);
- ``<!-- gas-table``, a template table, ``-->``: cells naming ``gas.json`` keys become their
  figures (several keys joined by `` / `` render ``76,147 / 98,617``); other cells are kept;
- ``<!-- zk-table: FIELD [FIELD ...] -->``: one row per ``zk.json`` circuit, one column per
  field; ``<!-- zk-table ceremony: FIELD ... -->`` the same from ``zk.json``'s ``ceremony`` list;
  a field ``LIST.FIELD`` takes the same size's figure from another list (e.g.
  ``circuits.provingSeconds`` in the ceremony table: before and after side by side).

``python -m gridset.bench.docs`` rewrites the blocks in place (``ape run bench`` does it after
measuring); ``tests/test_docs_tables.py`` fails when a committed doc differs from its data.
"""

from __future__ import annotations

import fnmatch
import json
import re
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
GAS_JSON = PROJECT_ROOT / "benchmarks" / "gas.json"

_BLOCK = re.compile(
    r"(?P<open><!-- (?P<kind>gas|zk)-table(?P<spec>.*?)-->\n)(?P<body>.*?)"
    r"(?P<close><!-- /(?P=kind)-table -->)",
    re.DOTALL,
)

#: Column headers of ``zk-table`` fields (``zk.json`` names → words with units).
ZK_HEADERS: dict[str, str] = {
    "seats": "households (seats)",
    "publicInputs": "public inputs",
    "constraints": "constraints",
    "compileSeconds": "compile s",
    "setupSeconds": "setup s",
    "witnessSeconds": "witness s",
    "provingSeconds": "proving s",
    "verifierGas": "verifier gas",
    "submitNettingGas": "`submitNetting` gas",
    "commitBalanceGasPerHousehold": "`commitBalance` gas per household",
    "phase1Power": "phase 1 (2^n)",
    "phase1Seconds": "phase 1 s",
    "newKeySeconds": "initial key s",
    "contributionSeconds": "s per contribution",
    "beaconSeconds": "beacon s",
    "verifySeconds": "verification s",
    "loadAverage1m": "load average",
}
#: Words for a field taken from another ``zk.json`` list (``LIST.FIELD``), by list.
ZK_LIST_WORDS: dict[str, str] = {"circuits": "demo keys", "ceremony": "ceremony"}


class DocsTableError(ValueError):
    """A marked table names a key or field that the benchmark data lacks (one line)."""


def _fmt(value: object) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def _cells(row: str) -> list[str]:
    return [c.strip() for c in row.strip().strip("|").split("|")]


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _gas_listing(globs: list[str], gas: dict[str, int]) -> list[str]:
    rows = ["| call | gas |", "| --- | ---: |"]
    for pattern in globs:
        keys = [k for k in gas if fnmatch.fnmatchcase(k, pattern)]
        if not keys:
            raise DocsTableError(f"no gas figure matches {pattern!r}")
        rows += [_row([f"`{k}`", _fmt(gas[k])]) for k in keys]
    return rows


def _gas_template(template: list[str], gas: dict[str, int]) -> list[str]:
    rows = []
    for line in template:
        if re.fullmatch(r"\|[\s:|-]+\|", line.strip()):
            rows.append(line.strip())
            continue
        out = []
        for cell in _cells(line):
            parts = [p.strip() for p in cell.split(" / ")]
            if any(p in gas for p in parts):
                missing = [p for p in parts if p not in gas]
                if missing:
                    raise DocsTableError(f"no gas figure for {missing[0]!r}")
                out.append(" / ".join(_fmt(gas[p]) for p in parts))
            else:
                out.append(cell)
        rows.append(_row(out))
    return rows


def _zk_table(spec: str, zk: dict) -> list[str]:
    section, _, names = spec.partition(":")
    section, fields = section.strip() or "circuits", names.split()
    if section not in zk:
        raise DocsTableError(f"no {section!r} list in zk.json")
    headers = []
    for field in fields:
        other, _, name = field.rpartition(".")
        if name not in ZK_HEADERS or (other and other not in ZK_LIST_WORDS):
            raise DocsTableError(f"unknown zk.json field {field!r}")
        if other and other not in zk:
            raise DocsTableError(f"no {other!r} list in zk.json")
        headers.append(f"{ZK_HEADERS[name]}, {ZK_LIST_WORDS[other]}" if other else ZK_HEADERS[name])
    rows = [_row(headers), _row(["---"] + ["---:"] * (len(fields) - 1))]
    for circuit in zk[section]:
        cells = []
        for field in fields:
            other, _, name = field.rpartition(".")
            source = circuit
            if other:  # the same size's row of the other list
                source = next((r for r in zk[other] if r["seats"] == circuit["seats"]), {})
            cells.append(_fmt(source.get(name, "—")))
        rows.append(_row(cells))
    return rows


def render(text: str, gas: dict[str, int], zk: dict) -> str:
    """Return ``text`` with every marked table regenerated from ``gas`` and ``zk``.

    Args:
        text: a Markdown document.
        gas: ``{"Contract.function[case]": gas}`` as in ``benchmarks/gas.json``.
        zk: the content of ``benchmarks/zk.json`` (``{"circuits": [{field: value}],
            "ceremony": [...]}``).

    Raises:
        DocsTableError: a glob matches nothing, a template key, zk list or zk field is unknown.
    """

    def replace(match: re.Match) -> str:
        spec = match.group("spec")
        if match.group("kind") == "zk":
            table = _zk_table(spec.strip(), zk)
        elif spec.startswith(":"):
            table = _gas_listing(spec[1:].split(), gas)
        else:
            table = _gas_template([ln for ln in spec.splitlines() if ln.strip()], gas)
        return match.group("open") + "\n".join(table) + "\n" + match.group("close")

    return _BLOCK.sub(replace, text)


def load_data(root: Path = PROJECT_ROOT) -> tuple[dict[str, int], dict]:
    """Return ``(gas.json, zk.json)`` of the project at ``root``."""
    bench = root / "benchmarks"
    return json.loads((bench / "gas.json").read_text()), json.loads((bench / "zk.json").read_text())


def stale_docs(root: Path = PROJECT_ROOT, write: bool = False) -> list[Path]:
    """Return the docs under ``root/docs`` whose marked tables differ from the benchmark data;
    regenerate them in place when ``write``."""
    gas, zk = load_data(root)
    stale = []
    for path in sorted((root / "docs").glob("*.md")):
        if (new := render(text := path.read_text(), gas, zk)) != text:
            stale.append(path)
            if write:
                path.write_text(new)
    return stale


def write_docs(root: Path = PROJECT_ROOT) -> list[Path]:
    """Regenerate every marked table under ``root/docs``; return the files that changed."""
    return stale_docs(root, write=True)


if __name__ == "__main__":
    for path in write_docs():
        print(f"regenerated {path.relative_to(PROJECT_ROOT)}")
