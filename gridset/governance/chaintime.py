"""Chain time for governance steps: warp it on development chains, wait for it elsewhere."""

from __future__ import annotations

import time

from ape import chain, networks

from gridset.chain_time import advance_time
from gridset.deploy.addresses import is_development_chain


class ChainTimeError(RuntimeError):
    """The chain has not reached a time yet, and this network's clock cannot be moved."""


def chain_time() -> int:
    """Unix time (s) of the latest block."""
    return chain.blocks.head.timestamp


def can_warp() -> bool:
    """True on a local network (Ape's ``is_local``) or a development chain id (anvil: 31337)."""
    return networks.provider.network.is_local or is_development_chain(chain.chain_id)


def wait_until(timestamp: int, wait: bool = False, poll_seconds: float = 2.0) -> int:
    """Make the latest block's time at least ``timestamp`` (Unix s); return the block time.

    On development chains a block is mined at exactly ``timestamp`` (through Ape's
    ``chain.mine(timestamp=...)``, or the node's ``evm_setNextBlockTimestamp`` + ``evm_mine``
    when Ape's provider cannot set time, as for anvil reached by URL). Elsewhere the call
    sleeps until the chain gets there if ``wait`` is set.

    Raises:
        ChainTimeError: on a live network without ``wait``, with how long it would take.
    """
    now = chain_time()
    if now >= timestamp:
        return now
    if can_warp():
        advance_time(chain, timestamp)
        return chain_time()
    if not wait:
        raise ChainTimeError(
            f"chain time {now} has not reached {timestamp} ({timestamp - now} s to go) and "
            f"chain {chain.chain_id} is not a development chain; wait and retry"
        )
    while (now := chain_time()) < timestamp:
        time.sleep(poll_seconds)
    return now
