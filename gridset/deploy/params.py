"""Deployment parameters: dataclasses with range checks, loaded from YAML (``config/deploy.yaml``).

Units: seconds for times, basis points for ratios, Wh for energy, W for power.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import yaml
from eth_utils import is_address

DEFAULT_PARAMS_FILE = Path(__file__).resolve().parents[2] / "config" / "deploy.yaml"


class ParamsError(ValueError):
    """A deployment parameter is missing, unknown or out of range (one-line message)."""


@dataclass(frozen=True)
class OracleParams:
    """EnergyOracle settings.

    Attributes:
        reporting_window: Seconds after a slot's end during which operators report (60 .. 604,800).
        quorum: Operators whose reports are needed for a panel's value to count (1 .. operators).
        operators: Operator addresses (hex strings); may be empty in the file and filled by code.
        deviation_tolerance_bps: Relative tolerance for flagging a deviating report (0 .. 10,000).
        min_tolerance_wh: Absolute tolerance floor for flagging, Wh.
    """

    reporting_window: int = 1800
    quorum: int = 2
    operators: tuple[str, ...] = ()
    deviation_tolerance_bps: int = 500
    min_tolerance_wh: int = 10

    def validate(self) -> None:
        """Raise ParamsError if a value is out of range."""
        _check_range("oracle.reporting_window", self.reporting_window, 60, 7 * 86_400)
        _check_range("oracle.deviation_tolerance_bps", self.deviation_tolerance_bps, 0, 10_000)
        _check_range("oracle.min_tolerance_wh", self.min_tolerance_wh, 0, 2**64 - 1)
        if self.operators:
            _check_range("oracle.quorum", self.quorum, 1, len(self.operators))
        _check_addresses("oracle.operators", self.operators)
        if len(set(self.operators)) != len(self.operators):
            raise ParamsError("oracle.operators: duplicate address")


@dataclass(frozen=True)
class DeployParams:
    """Everything ``deploy_suite`` needs besides the deployer account.

    Attributes:
        slot_seconds: Time-slot length, s: a divisor of 86,400 between 60 and 3,600 (900 default).
        admin: Holder of every admin role after deployment; ``"deployer"`` keeps it with the
            deployer (local development only; governance replaces this with its timelock).
        installers: Addresses granted INSTALLER_ROLE on the PanelNFT.
        registrars: Addresses granted REGISTRAR_ROLE on the PanelRegistry.
        oracle: EnergyOracle settings.
    """

    slot_seconds: int = 900
    admin: str = "deployer"
    installers: tuple[str, ...] = ()
    registrars: tuple[str, ...] = ()
    oracle: OracleParams = field(default_factory=OracleParams)

    def validate(self) -> None:
        """Raise ParamsError if a value is out of range."""
        _check_range("slot_seconds", self.slot_seconds, 60, 3600)
        if 86_400 % self.slot_seconds:
            raise ParamsError(f"slot_seconds: {self.slot_seconds} does not divide a day (86400 s)")
        if self.admin != "deployer":
            _check_addresses("admin", (self.admin,))
        _check_addresses("installers", self.installers)
        _check_addresses("registrars", self.registrars)
        self.oracle.validate()

    def with_overrides(self, **changes: Any) -> DeployParams:
        """Return a validated copy with top-level fields replaced (``oracle=OracleParams(...)``)."""
        params = replace(self, **changes)
        params.validate()
        return params


def _check_range(name: str, value: Any, low: int, high: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise ParamsError(f"{name}: {value!r} is not an integer in [{low}, {high}]")


def _check_addresses(name: str, values: tuple[Any, ...]) -> None:
    # Checked before deploying: a bad address would otherwise fail half-way through the wiring.
    for value in values:
        if isinstance(value, int) and not isinstance(value, bool):
            # YAML reads an unquoted 0x... as a hexadecimal integer.
            raise ParamsError(f"{name}: {hex(value)} must be quoted in YAML to stay an address")
        if not isinstance(value, str) or not is_address(value):
            raise ParamsError(f"{name}: {value!r} is not an address (0x + 40 hex digits)")


def _build(cls: type, data: dict[str, Any], prefix: str) -> Any:
    known = {f.name for f in fields(cls)}
    unknown = set(data) - known
    if unknown:
        raise ParamsError(f"{prefix or 'params'}: unknown key(s) {', '.join(sorted(unknown))}")
    values = {}
    for key, value in data.items():
        if isinstance(value, list):
            value = tuple(value)
        values[key] = value
    return cls(**values)


def params_from_dict(data: dict[str, Any]) -> DeployParams:
    """Build and validate DeployParams from a parsed YAML mapping.

    Sections that belong to other areas (``governance``, ``market``, ...) are ignored here.

    Raises:
        ParamsError: unknown keys in the core sections or out-of-range values.
    """
    core_keys = {f.name for f in fields(DeployParams)}
    core = {k: v for k, v in data.items() if k in core_keys}
    oracle = _build(OracleParams, core.pop("oracle", None) or {}, "oracle")
    params = _build(DeployParams, core, "")
    params = replace(params, oracle=oracle)
    params.validate()
    return params


def load_params(path: Path = DEFAULT_PARAMS_FILE) -> DeployParams:
    """Load deployment parameters from a YAML file.

    Raises:
        ParamsError: the file is missing, not a mapping, or holds invalid values.
    """
    try:
        data = yaml.safe_load(Path(path).read_text()) or {}
    except (OSError, yaml.YAMLError) as err:
        # YAML errors span several lines (problem, context, position): keep the message one line.
        raise ParamsError(f"{path}: {' '.join(str(err).split())}") from err
    if not isinstance(data, dict):
        raise ParamsError(f"{path}: expected a mapping at the top level")
    return params_from_dict(data)
