"""Aggregated oracle reports (``EnergyOracle.reportAggregated``): packing and signing readings.

Each operator signs its own readings of a slot for panels ``first_panel .. first_panel + n - 1``
with EIP-712 (``Readings(uint256 slot,uint256 firstPanel,bytes32 valuesHash)``, the oracle's
domain ``EnergyOracle``/``1``); one transaction then carries every operator's readings. Values are
Wh (uint32), packed 8 per 256-bit word with the first panel in the top bits; ``None`` (no
reading) and the last word's padding are ``NO_READING``. ``valuesHash`` is the keccak-256 of the
words' 32-byte big-endian concatenation.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from eip712.messages import EIP712Domain, EIP712Message
from eth_pydantic_types import abi
from eth_utils import keccak

#: Panels per stored chunk; a report starts at a multiple of it.
CHUNK_PANELS = 256
#: The packed value meaning "no reading".
NO_READING = 2**32 - 1


class Readings(EIP712Message):
    """``Readings(uint256 slot,uint256 firstPanel,bytes32 valuesHash)``."""

    slot: abi.uint256
    firstPanel: abi.uint256  # noqa: N815 (the EIP-712 struct's field name)
    valuesHash: abi.bytes32  # noqa: N815


def pack_values(values: Sequence[int | None]) -> list[int]:
    """8 readings (Wh) per word, the first in the top 32 bits; ``None`` and padding become
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


def oracle_domain(oracle: Any) -> EIP712Domain:
    """The EIP-712 domain the oracle verifies against (read from its ``eip712Domain()``)."""
    domain = oracle.eip712Domain()
    return EIP712Domain(
        name=domain.name,
        version=domain.version,
        chainId=domain.chainId,
        verifyingContract=domain.verifyingContract,
    )


def sign_readings(
    oracle: Any, operator: Any, slot: int, first_panel: int, values: Sequence[int | None]
) -> tuple[list[int], bytes]:
    """``operator``'s ``(words, signature)`` entry for ``reportAggregated`` (65-byte r, s, v)."""
    packed = pack_values(values)
    message = Readings(
        slot=slot,
        firstPanel=first_panel,
        valuesHash=values_hash(packed),
        eip712_domain=oracle_domain(oracle),
    )
    return packed, operator.sign_message(message).encode_rsv()


def readings_vector(
    production_wh: Mapping[int, int], first_panel: int, count: int
) -> list[int | None]:
    """Values for panels ``first_panel .. first_panel + count - 1`` from ``{panel id: Wh}``
    (``None`` for panels without a reading)."""
    return [production_wh.get(first_panel + i) for i in range(count)]
