"""Chain time control for local networks (eth-tester, anvil): slots are Unix-second aligned.

The same calls work on Ape's in-process eth-tester provider (which implements
``ProviderAPI.set_timestamp``/``mine``) and on any dev node reached over JSON-RPC, e.g. anvil or
hardhat behind ``--network http://127.0.0.1:<port>`` (Ape's plain node provider does not implement
them, so the standard dev-node methods ``evm_setNextBlockTimestamp``/``evm_mine`` are sent).
No snapshots are needed.
"""

from __future__ import annotations

from typing import Any

from ape.exceptions import APINotImplementedError


def next_slot_start(now: int, slot_seconds: int) -> int:
    """Return the first slot start (a multiple of ``slot_seconds``) strictly after ``now`` (s)."""
    return (now // slot_seconds + 1) * slot_seconds


def next_day_start(now: int) -> int:
    """Return the first UTC midnight (Unix s) strictly after ``now``."""
    return next_slot_start(now, 86_400)


def set_next_block_time(chain: Any, timestamp: int) -> None:
    """Make the next mined block carry ``timestamp`` (Unix s); it must not lie in the past.

    Raises:
        ValueError: ``timestamp`` is before the pending block's time.
    """
    pending = chain.pending_timestamp
    if timestamp < pending:
        raise ValueError(f"cannot move chain time back from {pending} to {timestamp}")
    provider = chain.provider
    try:
        provider.set_timestamp(timestamp)
    except APINotImplementedError:
        provider.make_request("evm_setNextBlockTimestamp", [timestamp])


def mine_block(chain: Any) -> None:
    """Mine one empty block (at the time set by ``set_next_block_time``, if any)."""
    provider = chain.provider
    try:
        provider.mine(1)
    except APINotImplementedError:
        provider.make_request("evm_mine", [])


def advance_time(chain: Any, timestamp: int) -> None:
    """Mine a block at ``timestamp`` (Unix s), so that calls, gas estimates and the next
    transactions all see at least that time; it must not lie in the past.

    Raises:
        ValueError: ``timestamp`` is before the pending block's time.
    """
    set_next_block_time(chain, timestamp)
    mine_block(chain)


def advance_to(chain: Any, timestamp: int) -> None:
    """Make the next block carry ``timestamp`` (Unix s) unless chain time is already past it.

    Several transactions due at the same time each take a block, so later ones run a few seconds
    after their due time; schedules leave room for that.
    """
    if timestamp > chain.pending_timestamp:
        set_next_block_time(chain, timestamp)
