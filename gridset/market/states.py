"""The settlement's enums as Python ``IntEnum``s, equal to the ``uint8`` values the contracts
return (ISettlementEngine.SettlementMode, SkipReason and DisputeStatus,
ISettlementLens.SlotPhase); Ape decodes an enum as its integer, so
``status.phase == SlotPhase.SETTLING`` reads as it means."""

from __future__ import annotations

from enum import IntEnum


class SettlementMode(IntEnum):
    """How a slot settles, fixed by its first settlement."""

    NOT_STARTED = 0
    NORMAL = 1
    TIMED_OUT = 2


class SkipReason(IntEnum):
    """Why a settlement batch skipped a participant (SettlementSkipped)."""

    NOTHING_TO_SETTLE = 0
    DISPUTED = 1
    SELLERS_PENDING = 2
    CDA_ORDERS_OPEN = 3


class DisputeStatus(IntEnum):
    """A dispute on one participant of one slot."""

    NONE = 0
    OPEN = 1
    UPHELD = 2
    REJECTED = 3
    EXPIRED = 4


class SlotPhase(IntEnum):
    """Where a slot is in its life (SettlementLens.getSlotStatus)."""

    NO_AUCTION = 0
    TRADING = 1
    GATE_CLOSED = 2
    DELIVERY = 3
    DISPUTE_WINDOW = 4
    SETTLING = 5
    SETTLED = 6
