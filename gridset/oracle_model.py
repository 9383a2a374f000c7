"""Off-chain model of the EnergyOracle's acceptance rule (mirrors ``OracleReports.accepted``)."""

from __future__ import annotations

from collections.abc import Sequence


def accepted_wh(reports: Sequence[int], quorum: int) -> int:
    """Return the accepted production in Wh for one panel and slot.

    The median of the operators' reports once at least ``quorum`` reported, else 0; for an even
    number of reports the floor of the mean of the two middle values.
    """
    n = len(reports)
    if n == 0 or n < quorum:
        return 0
    ordered = sorted(reports)
    middle = n // 2
    return ordered[middle] if n % 2 else (ordered[middle - 1] + ordered[middle]) // 2
