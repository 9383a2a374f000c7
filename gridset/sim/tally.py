"""Transactions and gas per step of a simulation stage (the figures of its summary)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class Tally:
    """Transactions sent and gas used (gas units) per named step of one stage.

    Attributes:
        gas: step -> gas used by its transactions.
        transactions: step -> number of transactions.
    """

    gas: dict[str, int]
    transactions: dict[str, int]

    @classmethod
    def of(cls, *steps: str) -> Tally:
        """An empty tally of ``steps`` (in the order the summary lists them)."""
        return cls(gas=dict.fromkeys(steps, 0), transactions=dict.fromkeys(steps, 0))

    def count(self, step: str, receipt: Any) -> None:
        """Count one transaction of ``step`` and its ``receipt.gas_used``.

        Raises:
            KeyError: ``step`` is not one of the tally's steps (a typo is an error, not a new
                step).
        """
        self.transactions[step] += 1
        self.gas[step] += int(receipt.gas_used)

    def total_gas(self) -> int:
        """Gas of every step together."""
        return sum(self.gas.values())
