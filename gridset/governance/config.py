"""The ``governance:`` section of the deployment YAML: schema, defaults and validation.

Schema (durations in seconds, GRID amounts in whole GRID; see ``config/deploy.yaml``)::

    governance:
      governor_name: str                  # EIP-712 domain name of the Governor
      token: {name: str, symbol: str, supply: GRID,
              distribution: [{to: deployer | timelock | 0x-address, amount: GRID}, ...]}
      voting_delay_seconds: int           # >= 1
      voting_period_seconds: int          # >= 1, < 2**32
      proposal_threshold: GRID            # >= 0
      quorum_percent: int                 # 1..100
      timelock_delay_seconds: int         # >= 0
      guardian: 0x-address | timelock | null

The supply is fixed and must equal the sum of the distribution. Every validation failure is
a :class:`GovernanceConfigError` with a one-line message naming the offending key.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from eth_utils import is_address, to_checksum_address

#: GRID has 18 decimals: 1 GRID = 10**18 base units.
GRID_DECIMALS = 18
#: Symbolic recipients resolved at deployment time.
DEPLOYER = "deployer"
TIMELOCK = "timelock"
#: The project's default deployment parameters (``config/deploy.yaml``).
DEFAULT_CONFIG = Path(__file__).resolve().parents[2] / "config" / "deploy.yaml"

_MAX_UINT32 = 2**32 - 1
_MAX_UINT48 = 2**48 - 1
_SECTION_KEYS = {
    "governor_name",
    "token",
    "voting_delay_seconds",
    "voting_period_seconds",
    "proposal_threshold",
    "quorum_percent",
    "timelock_delay_seconds",
    "guardian",
}
_TOKEN_KEYS = {"name", "symbol", "supply", "distribution"}


class GovernanceConfigError(ValueError):
    """The governance section is missing, malformed or inconsistent (one-line message)."""


@dataclass(frozen=True)
class Allocation:
    """One entry of GRID's initial distribution.

    Attributes:
        to: ``"deployer"``, ``"timelock"`` or a checksummed address.
        amount: GRID base units (10**-18 GRID), > 0.
    """

    to: str
    amount: int


@dataclass(frozen=True)
class GovernanceParams:
    """Validated governance deployment parameters (base units and seconds).

    Attributes:
        governor_name: EIP-712 domain name of the Governor.
        token_name: GRID's ERC-20 name (also its EIP-712 domain name).
        token_symbol: GRID's ERC-20 symbol.
        distribution: The initial holders; their sum is the fixed total supply.
        voting_delay: Seconds from ``propose`` to the vote snapshot.
        voting_period: Seconds of voting after the snapshot.
        proposal_threshold: GRID base units of votes needed to propose.
        quorum_percent: For + Abstain votes needed, % of total supply at the snapshot.
        timelock_delay: Seconds from ``queue`` to the earliest ``execute``.
        guardian: Checksummed address allowed to pause markets, or None for the timelock.
    """

    governor_name: str
    token_name: str
    token_symbol: str
    distribution: tuple[Allocation, ...]
    voting_delay: int
    voting_period: int
    proposal_threshold: int
    quorum_percent: int
    timelock_delay: int
    guardian: str | None = None

    @property
    def total_supply(self) -> int:
        """GRID's fixed total supply, base units."""
        return sum(a.amount for a in self.distribution)

    @classmethod
    def from_mapping(cls, section: Mapping[str, Any]) -> GovernanceParams:
        """Validate the ``governance:`` section (already parsed from YAML).

        Raises:
            GovernanceConfigError: an unknown or missing key, a value out of range, or a
                distribution whose sum differs from ``token.supply``.
        """
        _require_mapping("governance", section)
        _reject_unknown("governance", section, _SECTION_KEYS)
        token = _get(section, "token", "governance")
        _require_mapping("governance.token", token)
        _reject_unknown("governance.token", token, _TOKEN_KEYS)

        distribution = _distribution(_get(token, "distribution", "governance.token"))
        supply = grid_to_base_units(
            _get(token, "supply", "governance.token"), "governance.token.supply"
        )
        total = sum(a.amount for a in distribution)
        if total != supply:
            raise GovernanceConfigError(
                f"governance.token.distribution: amounts sum to {format_grid(total)} GRID, "
                f"but token.supply is {format_grid(supply)} GRID"
            )
        return cls(
            governor_name=_text(section, "governor_name", "governance"),
            token_name=_text(token, "name", "governance.token"),
            token_symbol=_text(token, "symbol", "governance.token"),
            distribution=distribution,
            voting_delay=_int_in(section, "voting_delay_seconds", 1, _MAX_UINT48),
            voting_period=_int_in(section, "voting_period_seconds", 1, _MAX_UINT32),
            proposal_threshold=grid_to_base_units(
                _get(section, "proposal_threshold", "governance"),
                "governance.proposal_threshold",
                allow_zero=True,
            ),
            quorum_percent=_int_in(section, "quorum_percent", 1, 100),
            timelock_delay=_int_in(section, "timelock_delay_seconds", 0, _MAX_UINT48),
            guardian=_guardian(section.get("guardian")),
        )


def load_governance_params(path: Path | str = DEFAULT_CONFIG) -> GovernanceParams:
    """Read the ``governance:`` section of the deployment YAML at ``path``.

    Other top-level sections are ignored (they belong to other loaders).

    Raises:
        GovernanceConfigError: the file is missing, is not a YAML mapping, has no
            ``governance`` section, or the section is invalid.
    """
    path = Path(path)
    try:
        document = yaml.safe_load(path.read_text())
    except OSError as exc:
        raise GovernanceConfigError(f"{path}: cannot read ({exc.strerror})") from exc
    except yaml.YAMLError as exc:
        raise GovernanceConfigError(f"{path}: not valid YAML ({_one_line(exc)})") from exc
    if not isinstance(document, Mapping) or "governance" not in document:
        raise GovernanceConfigError(f"{path}: no top-level 'governance' section")
    return GovernanceParams.from_mapping(document["governance"])


def grid_to_base_units(value: Any, key: str, allow_zero: bool = False) -> int:
    """Convert a whole-GRID amount (int, or decimal string/float) to base units.

    Raises:
        GovernanceConfigError: not a number, negative (or zero unless ``allow_zero``), or
            finer than 10**-18 GRID.
    """
    if isinstance(value, bool):
        raise GovernanceConfigError(f"{key}: must be a GRID amount, got {value!r}")
    try:
        units = Decimal(str(value)).scaleb(GRID_DECIMALS)
    except InvalidOperation:
        raise GovernanceConfigError(f"{key}: must be a GRID amount, got {value!r}") from None
    if not units.is_finite() or units != units.to_integral_value():
        raise GovernanceConfigError(f"{key}: must be a multiple of 1e-18 GRID, got {value!r}")
    if units < 0 or (units == 0 and not allow_zero):
        bound = ">= 0" if allow_zero else "> 0"
        raise GovernanceConfigError(f"{key}: must be {bound} GRID, got {value!r}")
    return int(units)


def format_grid(base_units: int) -> str:
    """Format GRID base units as whole GRID (``1500000000000000000`` -> ``"1.5"``)."""
    text = format(Decimal(base_units).scaleb(-GRID_DECIMALS), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _distribution(entries: Any) -> tuple[Allocation, ...]:
    key = "governance.token.distribution"
    if not isinstance(entries, list) or not entries:
        raise GovernanceConfigError(f"{key}: must be a non-empty list of {{to, amount}}")
    allocations = []
    for i, entry in enumerate(entries):
        where = f"{key}[{i}]"
        _require_mapping(where, entry)
        _reject_unknown(where, entry, {"to", "amount"})
        to = _get(entry, "to", where)
        if to not in (DEPLOYER, TIMELOCK) and not (isinstance(to, str) and is_address(to)):
            raise GovernanceConfigError(
                f"{where}.to: must be 'deployer', 'timelock' or an address, got {to!r}"
            )
        recipient = to if to in (DEPLOYER, TIMELOCK) else to_checksum_address(to)
        amount = grid_to_base_units(_get(entry, "amount", where), f"{where}.amount")
        allocations.append(Allocation(recipient, amount))
    seen: set[str] = set()
    for allocation in allocations:
        if allocation.to in seen:
            raise GovernanceConfigError(f"{key}: recipient {allocation.to} is listed twice")
        seen.add(allocation.to)
    return tuple(allocations)


def _guardian(value: Any) -> str | None:
    if value is None or value == TIMELOCK:
        return None
    if not (isinstance(value, str) and is_address(value)):
        raise GovernanceConfigError(
            f"governance.guardian: must be an address, 'timelock' or null, got {value!r}"
        )
    return to_checksum_address(value)


def _int_in(section: Mapping[str, Any], key: str, low: int, high: int) -> int:
    value = _get(section, key, "governance")
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise GovernanceConfigError(
            f"governance.{key}: must be an integer in {low}..{high}, got {value!r}"
        )
    return value


def _text(section: Mapping[str, Any], key: str, where: str) -> str:
    value = _get(section, key, where)
    if not isinstance(value, str) or not value.strip():
        raise GovernanceConfigError(f"{where}.{key}: must be a non-empty string, got {value!r}")
    return value


def _get(section: Mapping[str, Any], key: str, where: str) -> Any:
    if key not in section:
        raise GovernanceConfigError(f"{where}: missing key '{key}'")
    return section[key]


def _require_mapping(where: str, value: Any) -> None:
    if not isinstance(value, Mapping):
        raise GovernanceConfigError(f"{where}: must be a mapping, got {type(value).__name__}")


def _reject_unknown(where: str, section: Mapping[str, Any], allowed: set[str]) -> None:
    unknown = sorted(set(section) - allowed)
    if unknown:
        raise GovernanceConfigError(f"{where}: unknown key(s) {', '.join(map(str, unknown))}")


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())
