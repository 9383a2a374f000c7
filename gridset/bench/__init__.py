"""Gas benchmark: every state-changing entry point measured from transaction receipts.

Each protocol area has a module here (``gridset.bench.<area>``) with a function
``run(table: GasTable, accounts: Sequence) -> None`` that deploys what it needs on the
connected chain and records ``receipt.gas_used`` per case. ``scripts/bench.py`` runs the
areas listed in ``AREAS``, prints the table and writes ``benchmarks/gas.json`` as
``{"Contract.function[case]": gas}``.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: Benchmark areas in run order; each names a module ``gridset.bench.<area>``.
AREAS = (
    "core",
    "market",
    "relay",
    "vault",
    "governance",
    "netting",
    "broker",
    "leg",
    "cda",
    "staking",
)


@dataclass
class GasTable:
    """Gas figures keyed ``"Contract.function[case]"`` (gas units from receipts)."""

    entries: dict[str, int] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)

    def record(self, key: str, receipt_or_gas: Any, note: str = "") -> int:
        """Store the gas of a receipt (``gas_used``) or a plain integer under ``key``.

        Raises:
            ValueError: ``key`` was already recorded in this run (a copy-paste slip).
        """
        gas = int(getattr(receipt_or_gas, "gas_used", receipt_or_gas))
        if key in self.entries:
            raise ValueError(f"gas case recorded twice: {key}")
        self.entries[key] = gas
        if note:
            self.notes[key] = note
        return gas

    def call(self, contract: Any, function: str, case: str | None, *args: Any, **kw: Any) -> Any:
        """Send ``contract.function(*args, **kw)`` (``kw``: ``sender``, optionally ``note``) and
        record its gas under ``"Contract.function" + case`` (``case`` like ``"[first]"``, or
        ``""``); ``case`` None sends without recording (a setup step). Return the receipt.

        Raises:
            ValueError: the key was already recorded.
        """
        note = kw.pop("note", "")
        receipt = getattr(contract, function)(*args, **kw)
        if case is not None:
            self.record(f"{contract.contract_type.name}.{function}{case}", receipt, note)
        return receipt

    def calls(self, contract: Any, cases: Iterable[tuple]) -> None:
        """:meth:`call` each ``(sender, function, case, *args)`` of ``cases`` on ``contract``."""
        for sender, function, case, *args in cases:
            self.call(contract, function, case, *args, sender=sender)

    def write(self, path: Path) -> None:
        """Write the figures as sorted JSON (``{"key": gas}``) to ``path``."""
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(dict(sorted(self.entries.items())), indent=2) + "\n")


def intrinsic_gas(receipt: Any) -> int:
    """Return a plain transaction's intrinsic gas: 21,000 plus 4 per zero and 16 per non-zero
    calldata byte (no access list, not a contract creation)."""
    data = bytes(receipt.transaction.data)
    zeros = data.count(0)
    return 21_000 + 4 * zeros + 16 * (len(data) - zeros)


def area_runner(area: str) -> Callable[[GasTable, Sequence], None]:
    """Return the ``run`` function of benchmark area ``area``.

    Raises:
        ValueError: ``area`` is not one of ``AREAS``.
    """
    if area not in AREAS:
        raise ValueError(f"unknown benchmark area {area!r}; choose from {', '.join(AREAS)}")
    return importlib.import_module(f"gridset.bench.{area}").run
