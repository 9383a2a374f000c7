"""Chain time control for local networks (eth-tester, anvil): slots are Unix-second aligned."""

from __future__ import annotations

from typing import Any


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
    chain.pending_timestamp = timestamp


def advance_to(chain: Any, timestamp: int) -> None:
    """Make the next block carry ``timestamp`` (Unix s) unless chain time is already past it.

    Several transactions due at the same time each take a block, so later ones run a few seconds
    after their due time; schedules leave room for that.
    """
    if timestamp > chain.pending_timestamp:
        chain.pending_timestamp = timestamp
