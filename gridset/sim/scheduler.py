"""Timed events of a simulated day, run in chronological order on one chain.

Every slot contributes events at fixed offsets from its start (orders before gate closure, clearing,
oracle reports after the slot, finalisation after the reporting window, settlement after the
dispute window). Chain time only moves forward, so the events of all slots are merged and run in
time order: slot k+1 trades while slot k is still being reported, as in a real market.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from gridset.chain_time import advance_to


@dataclass(order=True, frozen=True)
class Event:
    """One action due at ``time``.

    Attributes:
        time: Unix time (s, chain time) at which the action is due.
        rank: order among events due at the same time (lower first).
        slot_index: the slot the action belongs to (-1 for day-level events).
        label: short name shown in progress output.
        action: the callable that performs it.
    """

    time: int
    rank: int
    slot_index: int
    label: str = field(compare=False)
    action: Callable[[], None] = field(compare=False, repr=False)


def run_events(
    chain: Any, events: Iterable[Event], on_done: Callable[[Event], None] | None = None
) -> int:
    """Run ``events`` in (time, rank, slot) order, moving chain time forward to each.

    Returns the number of events run.
    """
    ordered = sorted(events)
    for event in ordered:
        advance_to(chain, event.time)
        event.action()
        if on_done is not None:
            on_done(event)
    return len(ordered)
