"""What ``ape run govern`` needs besides the lifecycle helpers: finding the deployed DAO,
parsing proposal ids, and printing a proposal's status."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from gridset.deploy.addresses import book_name
from gridset.deploy.command import network_label
from gridset.governance.config import format_grid
from gridset.governance.proposals import ProposalInfo

#: Deployment records (``ape run deploy``'s address books), one JSON per chain:
#: ``{"contracts": {"GovernanceDAO": "0x..", ...}}``.
DEPLOYMENTS_DIR = "deployments"


class DeploymentError(RuntimeError):
    """The deployment record is missing, unreadable or lacks the contract asked for."""


def deployment_path(explicit: Path | None, network: Any, chain_id: int, root: Path) -> Path:
    """``explicit`` if given, else the address book ``ape run deploy`` wrote for the connected
    chain: ``<root>/deployments/local-<chain id>.json`` on dev chains (eth-tester, anvil),
    ``<network>-<chain id>.json`` elsewhere (``network``: the Ape NetworkAPI)."""
    if explicit is not None:
        return explicit
    return root / DEPLOYMENTS_DIR / book_name(network_label(network, chain_id), chain_id)


def contract_address(path: Path, name: str) -> str:
    """The address recorded for contract ``name`` in the deployment JSON at ``path``.

    Raises:
        DeploymentError: no such file, invalid JSON, or no ``contracts.<name>`` entry.
    """
    try:
        record = json.loads(path.read_text())
    except OSError as exc:
        raise DeploymentError(f"{path}: cannot read deployment record ({exc.strerror})") from None
    except json.JSONDecodeError as exc:
        raise DeploymentError(f"{path}: not valid JSON ({exc.msg}, line {exc.lineno})") from None
    address = record.get("contracts", {}).get(name) if isinstance(record, dict) else None
    if not address:
        raise DeploymentError(f"{path}: no contracts.{name} address recorded")
    return address


def open_governance(path: Path, project: Any = None) -> tuple[Any, Any]:
    """``(dao, grid)`` contract instances for the GovernanceDAO recorded in ``path``.

    Raises:
        DeploymentError: as :func:`contract_address`.
    """
    if project is None:
        from ape import project
    dao = project.GovernanceDAO.at(contract_address(path, "GovernanceDAO"))
    return dao, project.GridToken.at(dao.token())


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
