"""What ``ape run govern`` needs besides the lifecycle helpers: the deployed DAO (from the
address book, :mod:`gridset.deploy.addresses`), proposal ids, and a proposal's status."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from gridset.deploy.addresses import AddressBook, load_contract
from gridset.deploy.params import format_grid
from gridset.governance.proposals import ProposalInfo


def open_governance(book: AddressBook) -> tuple[Any, Any]:
    """``(dao, grid)`` contract instances for the GovernanceDAO recorded in ``book``.

    Raises:
        AddressBookError: the book has no GovernanceDAO or GridToken, or no code is there.
    """
    return load_contract(book, "GovernanceDAO"), load_contract(book, "GridToken")


def parse_proposal_id(text: str) -> int:
    """A proposal id given in decimal or ``0x`` hex.

    Raises:
        ValueError: neither.
    """
    try:
        return int(text, 0)
    except ValueError:
        raise ValueError(f"proposal id must be a decimal or 0x-hex integer, got {text!r}") from None


def describe(info: ProposalInfo) -> str:
    """A multi-line, human-readable status of one proposal (GRID amounts, UTC times)."""
    votes = (
        f"for {format_grid(info.for_votes)}, against {format_grid(info.against_votes)}, "
        f"abstain {format_grid(info.abstain_votes)} GRID"
    )
    quorum = "fixed at the snapshot" if info.quorum == 0 else f"{format_grid(info.quorum)} GRID"
    lines = [
        f"proposal   {info.proposal_id}",
        f"text       {info.description}",
        f"state      {info.state.name}",
        f"proposer   {info.proposer}",
        f"votes      {votes} (quorum: {quorum}, For + Abstain)",
        f"snapshot   {_when(info.start_time)} (voting opens after it)",
        f"deadline   {_when(info.end_time)}",
        f"eta        {_when(info.eta) if info.eta else '-'}",
        f"executable {'yes' if info.executable else 'no'}",
    ]
    return "\n".join(lines)


def _when(timestamp: int) -> str:
    moment = datetime.fromtimestamp(timestamp, tz=timezone.utc)
    return f"{moment:%Y-%m-%d %H:%M:%S} UTC ({timestamp})"
