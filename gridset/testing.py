"""Test helpers shipped with the package (used by the project's tests and by integrators)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import ape
import eth_abi
from ape.exceptions import CustomError
from eth_utils import keccak, to_checksum_address
from hexbytes import HexBytes

#: The test cast: the Ape / anvil test-account index (``TEST::n``) of each role, the same in every
#: test folder and on the dApp's development chain (``gridset.dapp.devchain``); the development
#: role holders of ``gridset.deploy.params.DEV_ROLE_ACCOUNTS`` use the same indexes. The
#: registrar is also the guardian (pauser, veto); ``operators`` are the three oracle operators.
CAST: dict[str, int] = {
    "deployer": 0,
    "installer": 1,
    "alice": 5,
    "bob": 6,
    "carol": 7,
    "attacker": 8,
    "registrar": 9,
    "guardian": 9,
    "dave": 10,
    "treasury": 11,
}
OPERATORS: tuple[int, ...] = (2, 3, 4)


def cast_alias(name: str) -> str:
    """Ape's alias ``TEST::n`` of cast member ``name`` (for ``--account`` options).

    Raises:
        KeyError: ``name`` is not in :data:`CAST`.
    """
    return f"TEST::{CAST[name]}"


@contextmanager
def reverts(error: Any, **inputs: Any) -> Iterator[Any]:
    """``ape.reverts(error, **inputs)``, made strict: the revert must be ``error`` with exactly
    these named inputs.

    ``ape.reverts`` skips input names the error does not have, and checks nothing when Ape cannot
    decode the revert data (an error raised by a contract the called one calls, e.g. the timelock
    under the DAO, or data that happens to be valid UTF-8): such data is decoded here against
    ``error``'s ABI, and the decoded error's name must match.

    Raises:
        AssertionError: an unknown input name, another error, or other values.
    """
    abi = error.abi
    unknown = set(inputs) - {i.name for i in abi.inputs}
    assert not unknown, f"{abi.name} has no input(s) {sorted(unknown)}"
    with ape.reverts(error, **inputs) as info:
        yield info
    if isinstance(info.value, CustomError):
        assert type(info.value).__name__ == abi.name, f"reverted {type(info.value).__name__}"
        return
    data = _revert_data(info.value)
    assert data[:4] == keccak(text=abi.selector)[:4], f"reverted with {data.hex()}, not {abi.name}"
    types = {i.name: i.canonical_type for i in abi.inputs}
    values = eth_abi.decode(list(types.values()), data[4:])
    decoded = {name: _normal(types[name], v) for name, v in zip(types, values, strict=True)}
    expected = {name: _normal(types[name], value) for name, value in inputs.items()}
    actual = {name: decoded[name] for name in inputs}
    assert actual == expected, f"{abi.name}: {actual} != {expected}"


def _normal(abi_type: str, value: Any) -> Any:
    """Comparable form of an argument: checksummed addresses (accounts and contracts by their
    address), bytes for fixed bytes, the value otherwise."""
    if abi_type == "address":
        return to_checksum_address(str(getattr(value, "address", value)))
    if abi_type.startswith("bytes") and isinstance(value, str):
        return bytes(HexBytes(value))
    return value


def _revert_data(error: Any) -> bytes:
    """The raw revert data of an error Ape could not decode: from the provider's underlying
    exception when it carries bytes, else from the message (hex, or the repr of bytes)."""
    base = getattr(error, "base_err", None)
    for arg in getattr(base, "args", ()):
        if isinstance(arg, bytes):
            return arg
    message = error.revert_message
    if isinstance(message, bytes):
        return message
    if message.startswith("0x"):
        return bytes(HexBytes(message))
    if message.startswith(("b'", 'b"')):
        return ast.literal_eval(message)
    return message.encode()
