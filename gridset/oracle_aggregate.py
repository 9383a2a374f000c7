"""Aggregated oracle reports (``EnergyOracle.reportAggregated``): packing and signing readings.

Each operator signs its own readings of a slot for panels ``first_panel .. first_panel + n - 1``
with EIP-712 (``Readings(uint256 slot,uint256 firstPanel,bytes32 valuesHash)``, the oracle's
domain ``EnergyOracle``/``1``); one transaction then carries every operator's readings. Values are
Wh, 4 bytes big-endian each; ``None`` (no reading) is packed as ``NO_READING``.
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


def pack_values(values: Sequence[int | None]) -> bytes:
    """4 bytes big-endian per panel (Wh); ``None`` becomes ``NO_READING``.

    Raises:
        ValueError: a value outside 0 .. 2**32 - 2.
    """
    out = bytearray()
    for value in values:
        wh = NO_READING if value is None else int(value)
        if not 0 <= wh <= NO_READING or (value is not None and wh == NO_READING):
            raise ValueError(f"reading {value} Wh out of range")
        out += wh.to_bytes(4, "big")
    return bytes(out)


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
) -> tuple[bytes, bytes]:
    """``operator``'s ``(values, signature)`` entry for ``reportAggregated`` (65-byte r, s, v)."""
    packed = pack_values(values)
    message = Readings(
        slot=slot,
        firstPanel=first_panel,
        valuesHash=keccak(packed),
        eip712_domain=oracle_domain(oracle),
    )
    return packed, operator.sign_message(message).encode_rsv()


def readings_vector(
    production_wh: Mapping[int, int], first_panel: int, count: int
) -> list[int | None]:
    """Values for panels ``first_panel .. first_panel + count - 1`` from ``{panel id: Wh}``
    (``None`` for panels without a reading)."""
    return [production_wh.get(first_panel + i) for i in range(count)]
