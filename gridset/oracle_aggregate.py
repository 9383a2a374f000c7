"""Agreed oracle reports (``EnergyOracle.reportAggregated``): building, packing and signing.

Chainlink OCR's shape: the operators exchange their readings of a slot off chain, the transmitter
computes each panel's median (:func:`gridset.reference.oracle.median_wh` of the readings within the
panel's capacity bound), and a quorum of operators sign the whole report with EIP-712
(``Report(uint256 slot,uint256 firstPanel,uint256 count,uint256 observers,bytes32 mediansHash,
bytes32 readingsHash)``, the oracle's domain ``EnergyOracle``/``1``). The report carries the
observers' readings too, so anyone can dispute a median that is not theirs (``disputeMedian``) and
each signer's own reading is evidence against it (``proveDeviation``).

Values are Wh (uint32), packed 8 per 256-bit word with the first panel in the top bits; ``None``
(no reading, no median) and the last word's padding are ``NO_READING``. ``mediansHash`` and
``readingsHash`` are the keccak-256 of the words' 32-byte big-endian concatenation.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from eip712.messages import EIP712Message
from eth_pydantic_types import abi
from eth_utils import keccak

from gridset.reference.oracle import median_wh
from gridset.signatures import contract_domain

#: Panels per stored chunk; a report starts at a multiple of it.
CHUNK_PANELS = 256
#: The packed value meaning "no reading" / "no value".
NO_READING = 2**32 - 1


class Report(EIP712Message):
    """``Report(uint256 slot,uint256 firstPanel,uint256 count,uint256 observers,bytes32
    mediansHash,bytes32 readingsHash)``."""

    slot: abi.uint256
    firstPanel: abi.uint256  # noqa: N815 (the EIP-712 struct's field names)
    count: abi.uint256
    observers: abi.uint256
    mediansHash: abi.bytes32  # noqa: N815
    readingsHash: abi.bytes32  # noqa: N815


@dataclass(frozen=True)
class AgreedReport:
    """The ``AgreedReport`` struct: ``observers`` has bit s-1 set for seat s; ``readings`` holds
    each observer's packed words in ascending seat order."""

    slot: int
    first_panel: int
    count: int
    observers: int
    medians: list[int]
    readings: list[int]

    def as_args(self) -> tuple[int, int, int, int, list[int], list[int]]:
        """The struct as a contract-call argument."""
        return (
            self.slot,
            self.first_panel,
            self.count,
            self.observers,
            self.medians,
            self.readings,
        )


def pack_values(values: Sequence[int | None]) -> list[int]:
    """8 values (Wh) per word, the first in the top 32 bits; ``None`` and padding become
    ``NO_READING``.

    Raises:
        ValueError: a value outside 0 .. 2**32 - 2.
    """
    words = [0] * ((len(values) + 7) // 8)
    for i in range(len(words) * 8):
        value = values[i] if i < len(values) else None
        wh = NO_READING if value is None else int(value)
        if value is not None and not 0 <= wh < NO_READING:
            raise ValueError(f"reading {value} Wh out of range")
        words[i // 8] |= wh << (224 - 32 * (i % 8))
    return words


def values_hash(words: Sequence[int]) -> bytes:
    """keccak-256 of the words as 32-byte big-endian values (``abi.encodePacked(uint256[])``)."""
    return keccak(b"".join(word.to_bytes(32, "big") for word in words))


def build_report(
    slot: int,
    first_panel: int,
    readings: Mapping[int, Sequence[int | None]],
    quorum: int,
    max_wh: Sequence[int | None],
) -> AgreedReport:
    """The transmitter's report for panels ``first_panel .. first_panel + len(max_wh) - 1``.

    Args:
        slot: Slot start, Unix s.
        first_panel: First panel id, a multiple of CHUNK_PANELS.
        readings: Per observer seat (1..7), its reading of each panel (Wh, None for none).
        quorum: The slot's quorum: fewer readings within the bound give no median.
        max_wh: Per panel the capacity bound (Wh); None for a panel not registered (no median).
    """
    count = len(max_wh)
    medians: list[int | None] = []
    for i, bound in enumerate(max_wh):
        values = [r[i] for r in readings.values() if r[i] is not None]
        within = [v for v in values if bound is not None and v <= bound]
        medians.append(median_wh(within, quorum) if bound is not None else None)
    words: list[int] = []
    for seat in sorted(readings):
        words += pack_values(readings[seat])
    return AgreedReport(
        slot=slot,
        first_panel=first_panel,
        count=count,
        observers=sum(1 << (seat - 1) for seat in readings),
        medians=pack_values(medians),
        readings=words,
    )


def sign_report(oracle: Any, operator: Any, report: AgreedReport) -> bytes:
    """``operator``'s EIP-712 signature of ``report`` (65-byte r, s, v)."""
    message = Report(
        slot=report.slot,
        firstPanel=report.first_panel,
        count=report.count,
        observers=report.observers,
        mediansHash=values_hash(report.medians),
        readingsHash=values_hash(report.readings),
        eip712_domain=contract_domain(oracle),
    )
    return operator.sign_message(message).encode_rsv()
