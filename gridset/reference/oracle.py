"""Off-chain model of the EnergyOracle's acceptance rule (mirrors ``OracleReports.accepted``)."""

from __future__ import annotations

from collections.abc import Sequence


def median_wh(reports: Sequence[int], quorum: int) -> int | None:
    """The median of the operators' reports (Wh) once at least ``quorum`` reported, else None; for
    an even number of reports the floor of the mean of the two middle values."""
    n = len(reports)
    if n == 0 or n < quorum:
        return None
    ordered = sorted(reports)
    middle = n // 2
    return ordered[middle] if n % 2 else (ordered[middle - 1] + ordered[middle]) // 2


def accepted_wh(reports: Sequence[int], quorum: int) -> int:
    """Return the accepted production in Wh for one panel and slot: :func:`median_wh`, 0 below
    quorum."""
    median = median_wh(reports, quorum)
    return 0 if median is None else median
