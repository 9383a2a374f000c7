"""Deployment parameters: dataclasses with range checks, loaded from YAML (``config/deploy.yaml``).

Units: seconds for times, basis points for ratios, Wh for energy, W for power.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import yaml
from eth_utils import is_address

from gridset.governance.config import GovernanceConfigError, GovernanceParams

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


WATT = 10**18  # base units per WATT (18 decimals)


@dataclass(frozen=True)
class MarketParams:
    """EnergyMarket settings. Prices in payment-token base units per kWh (multiples of 1000).

    Attributes:
        price_floor: lowest price of the tick grid.
        tick_size: price step; the grid has 256 ticks, so the top price is floor + 255 * tick.
        collateral_per_kwh: seller stake encumbered per kWh offered (caps the shortfall penalty).
        gate_closure_lead: seconds before a slot's start after which no orders are accepted.
        max_lead_time: how far ahead (s) a slot accepts orders.
        min_order_wh: smallest order, Wh.
    """

    price_floor: int = 50 * WATT // 1000  # 0.050 WATT/kWh
    tick_size: int = 2 * WATT // 1000  # 0.002 WATT/kWh, top tick 0.560 WATT/kWh
    collateral_per_kwh: int = 600 * WATT // 1000  # 0.60 WATT per kWh offered
    gate_closure_lead: int = 300
    max_lead_time: int = 2 * 86_400
    min_order_wh: int = 10

    def validate(self) -> None:
        """Raise ParamsError if a value is out of range."""
        for name in ("price_floor", "tick_size", "collateral_per_kwh"):
            value = getattr(self, name)
            _check_range(f"market.{name}", value, 0, 2**80 - 1)
            if value % 1000:
                raise ParamsError(f"market.{name}: {value} is not a multiple of 1000")
        _check_range("market.tick_size", self.tick_size, 1000, 2**80 - 1)
        _check_range("market.gate_closure_lead", self.gate_closure_lead, 0, 2 * 86_400)
        _check_range("market.max_lead_time", self.max_lead_time, 3600, 30 * 86_400)
        _check_range("market.min_order_wh", self.min_order_wh, 1, 1_000_000)


@dataclass(frozen=True)
class SettlementParams:
    """SettlementEngine and StakingVault settings.

    Attributes:
        dispute_window: seconds after the oracle's finalisation during which disputes are possible.
        settlement_timeout: seconds after the reporting deadline after which an unfinalised slot
            settles in timeout mode (refunds, no penalties).
        penalty_price_per_kwh: shortfall penalty, stake-token base units per kWh (multiple of 1000;
            the clearing price applies if higher).
        fee_bps: trading fee on seller proceeds, basis points (<= 1000).
        dispute_bond: payment-token base units posted with a dispute.
        unbonding_delay: StakingVault withdrawal delay, s (longer than the dispute window).
    """

    dispute_window: int = 900
    settlement_timeout: int = 6 * 3600
    penalty_price_per_kwh: int = 500 * WATT // 1000  # 0.50 WATT/kWh
    fee_bps: int = 25
    dispute_bond: int = 10 * WATT
    unbonding_delay: int = 7 * 86_400

    def validate(self) -> None:
        """Raise ParamsError if a value is out of range."""
        _check_range("settlement.dispute_window", self.dispute_window, 60, 7 * 86_400)
        _check_range("settlement.settlement_timeout", self.settlement_timeout, 3600, 30 * 86_400)
        _check_range("settlement.penalty_price_per_kwh", self.penalty_price_per_kwh, 0, 2**80 - 1)
        if self.penalty_price_per_kwh % 1000:
            raise ParamsError("settlement.penalty_price_per_kwh: not a multiple of 1000")
        _check_range("settlement.fee_bps", self.fee_bps, 0, 1000)
        _check_range("settlement.dispute_bond", self.dispute_bond, 0, 2**88 - 1)
        _check_range("settlement.unbonding_delay", self.unbonding_delay, 3600, 90 * 86_400)
        if self.unbonding_delay <= self.dispute_window:
            raise ParamsError("settlement.unbonding_delay must be longer than the dispute window")


@dataclass(frozen=True)
class DeployParams:
    """Everything ``deploy_suite`` needs besides the deployer account.

    Attributes:
        slot_seconds: Time-slot length, s: a divisor of 86,400 between 60 and 3,600 (900 default).
        admin: Who holds every admin power after deployment: ``"governance"`` (GRID, DAO and
            timelock are deployed; the timelock holds them), an address (e.g. a multisig), or
            ``"deployer"`` (the deployer keeps them: unit tests and local tinkering only).
        installers: Addresses granted INSTALLER_ROLE on the PanelNFT.
        registrars: Addresses granted REGISTRAR_ROLE on the PanelRegistry.
        oracle: EnergyOracle settings.
        payment_token: ``"deploy"`` for a fresh WATT token, or the address of a standard ERC-20
            without transfer fees (a stablecoin).
        treasury: receiver of fees, slashes and rejected dispute bonds (``"deployer"`` locally).
        watt_issuers: addresses granted WATT's MINTER_ROLE (only with ``payment_token: deploy``).
        market: EnergyMarket settings.
        settlement: SettlementEngine and StakingVault settings.
        governance: GRID/DAO/timelock settings (``admin: governance``); None = the
            ``governance:`` section of the default parameter file.
    """

    slot_seconds: int = 900
    admin: str = "governance"
    installers: tuple[str, ...] = ()
    registrars: tuple[str, ...] = ()
    oracle: OracleParams = field(default_factory=OracleParams)
    payment_token: str = "deploy"
    treasury: str = "deployer"
    watt_issuers: tuple[str, ...] = ()
    market: MarketParams = field(default_factory=MarketParams)
    settlement: SettlementParams = field(default_factory=SettlementParams)
    governance: GovernanceParams | None = None

    def validate(self) -> None:
        """Raise ParamsError if a value is out of range."""
        _check_range("slot_seconds", self.slot_seconds, 60, 3600)
        if 86_400 % self.slot_seconds:
            raise ParamsError(f"slot_seconds: {self.slot_seconds} does not divide a day (86400 s)")
        if self.payment_token != "deploy" and self.watt_issuers:
            raise ParamsError("watt_issuers: only with payment_token: deploy")
        if self.admin not in ("deployer", "governance"):
            _check_addresses("admin", (self.admin,))
        _check_addresses("installers", self.installers)
        _check_addresses("registrars", self.registrars)
        if self.payment_token != "deploy":
            _check_addresses("payment_token", (self.payment_token,))
        if self.treasury != "deployer":
            _check_addresses("treasury", (self.treasury,))
        _check_addresses("watt_issuers", self.watt_issuers)
        self.oracle.validate()
        self.market.validate()
        self.settlement.validate()

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
    core_keys = {f.name for f in fields(DeployParams)} - {"governance"}
    core = {k: v for k, v in data.items() if k in core_keys}
    sections = {
        name: _build(cls, core.pop(name, None) or {}, name)
        for name, cls in (
            ("oracle", OracleParams),
            ("market", MarketParams),
            ("settlement", SettlementParams),
        )
    }
    if "governance" in data:
        try:
            sections["governance"] = GovernanceParams.from_mapping(data["governance"])
        except GovernanceConfigError as err:
            raise ParamsError(str(err)) from None
    params = replace(_build(DeployParams, core, ""), **sections)
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
