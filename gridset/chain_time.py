"""Chain time: read it, move it on local networks (eth-tester, anvil), wait for it elsewhere.

Slots are Unix-second aligned.

The same calls work on Ape's in-process eth-tester provider (which implements
``ProviderAPI.set_timestamp``/``mine``) and on any dev node reached over JSON-RPC, e.g. anvil or
hardhat behind ``--network http://127.0.0.1:<port>`` (Ape's plain node provider does not implement
them, so the standard dev-node methods ``evm_setNextBlockTimestamp``/``evm_mine`` are sent).
No snapshots are needed. :func:`wait_until` is the step between governance actions: it warps
development chains and waits for (or refuses to wait for) live ones.
"""

from __future__ import annotations

import time
from typing import Any

from ape import chain as ape_chain
from ape import networks
from ape.exceptions import APINotImplementedError

from gridset.deploy.addresses import is_development_chain


class ChainTimeError(RuntimeError):
    """The chain has not reached a time yet, and this network's clock cannot be moved."""


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


def chain_time() -> int:
    """Unix time (s) of the latest block."""
    return ape_chain.blocks.head.timestamp


def can_warp() -> bool:
    """True on a local network (Ape's ``is_local``) or a development chain id (anvil: 31337)."""
    return networks.provider.network.is_local or is_development_chain(ape_chain.chain_id)


def wait_until(timestamp: int, wait: bool = False, poll_seconds: float = 2.0) -> int:
    """Make the latest block's time at least ``timestamp`` (Unix s); return the block time.

    On development chains a block is mined at exactly ``timestamp`` (:func:`advance_time`).
    Elsewhere the call sleeps until the chain gets there if ``wait`` is set.

    Raises:
        ChainTimeError: on a live network without ``wait``, with how long it would take.
    """
    now = chain_time()
    if now >= timestamp:
        return now
    if can_warp():
        advance_time(ape_chain, timestamp)
        return chain_time()
    if not wait:
        raise ChainTimeError(
            f"chain time {now} has not reached {timestamp} ({timestamp - now} s to go) and "
            f"chain {ape_chain.chain_id} is not a development chain; wait and retry"
        )
    while (now := chain_time()) < timestamp:
        time.sleep(poll_seconds)
    return now
