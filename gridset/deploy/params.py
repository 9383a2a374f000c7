"""Deployment parameters: one set of pydantic models, loaded from YAML (``config/deploy.yaml``).

Every section of the file (core contracts, market, settlement, governance, broker) is validated
here, by the same models, with one error type (:class:`ParamsError`, a one-line message naming
the offending key). Units: seconds for times, basis points for ratios, Wh for energy, W for
power, payment-token base units for money (prices per kWh), whole GRID for GRID amounts in the
file (stored as base units).

Two things depend on the chain and are resolved at deployment, not at loading:

* governance durations and quorum left out of the file take the ``development`` values on a
  development chain (eth-tester, anvil) and the ``production`` values elsewhere
  (:meth:`GovernanceParams.for_chain`);
* operational roles left empty are given to named test accounts on a development chain
  (:func:`with_dev_roles`); elsewhere deployment refuses to start (:func:`missing_roles`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from eth_utils import is_address, to_checksum_address
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    model_validator,
)

from gridset.units import GRID_DECIMALS, WATT

DEFAULT_PARAMS_FILE = Path(__file__).resolve().parents[2] / "config" / "deploy.yaml"

#: Symbolic recipients and holders resolved at deployment time.
DEPLOYER = "deployer"
TIMELOCK = "timelock"

_MAX_UINT32 = 2**32 - 1
_MAX_UINT48 = 2**48 - 1


class ParamsError(ValueError):
    """A deployment parameter is missing, unknown or out of range (one-line message)."""


# ---------------------------------------------------------------------------------- field types


def _address(value: Any) -> str:
    # Checked before deploying: a bad address would otherwise fail half-way through the wiring.
    if isinstance(value, int) and not isinstance(value, bool):
        # YAML reads an unquoted 0x... as a hexadecimal integer.
        raise ValueError(f"{hex(value)} must be quoted in YAML to stay an address")
    if not isinstance(value, str) or not is_address(value):
        raise ValueError(f"{value!r} is not an address (0x + 40 hex digits)")
    return to_checksum_address(value)


def _unique(values: tuple[str, ...]) -> tuple[str, ...]:
    if len(set(values)) != len(values):
        raise ValueError("duplicate address")
    return values


def _strict_int(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{value!r} is not an integer")
    return value


def _multiple_of_1000(value: int) -> int:
    if value % 1000:
        raise ValueError(f"{value} is not a multiple of 1000")
    return value


def grid_to_base_units(value: Any, key: str = "amount", allow_zero: bool = False) -> int:
    """Convert a whole-GRID amount (int, or decimal string/float) to base units.

    Raises:
        ParamsError: not a number, negative (or zero unless ``allow_zero``), or finer than
            10**-18 GRID; the message starts with ``key``.
    """
    try:
        return _grid_units(value, allow_zero)
    except ValueError as err:
        raise ParamsError(f"{key}: {err}") from None


def _grid_units(value: Any, allow_zero: bool) -> int:
    if isinstance(value, bool):
        raise ValueError(f"must be a GRID amount, got {value!r}")
    try:
        units = Decimal(str(value).replace("_", "")).scaleb(GRID_DECIMALS)
    except InvalidOperation:
        raise ValueError(f"must be a GRID amount, got {value!r}") from None
    if not units.is_finite() or units != units.to_integral_value():
        raise ValueError(f"must be a multiple of 1e-18 GRID, got {value!r}")
    if units < 0 or (units == 0 and not allow_zero):
        raise ValueError(f"must be {'>= 0' if allow_zero else '> 0'} GRID, got {value!r}")
    return int(units)


def format_grid(base_units: int) -> str:
    """Format GRID base units as whole GRID (``1500000000000000000`` -> ``"1.5"``)."""
    text = format(Decimal(base_units).scaleb(-GRID_DECIMALS), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


Int = Annotated[int, BeforeValidator(_strict_int)]
Address = Annotated[str, BeforeValidator(_address)]
Addresses = Annotated[tuple[Address, ...], AfterValidator(_unique)]
PricePerKwh = Annotated[Int, Field(ge=0, le=2**80 - 1), AfterValidator(_multiple_of_1000)]


def _grid_validator(allow_zero: bool) -> Any:
    def validate(value: Any, info: ValidationInfo) -> int:
        if info.context and info.context.get("base_units"):
            # Re-validating stored values (``replaced``): they are base units already.
            return _strict_int(value)
        return _grid_units(value, allow_zero)

    return validate


#: Whole GRID in the file (``1000``, ``"0.5"``), base units once validated.
GridAmount = Annotated[int, BeforeValidator(_grid_validator(allow_zero=False))]
GridAmountOrZero = Annotated[int, BeforeValidator(_grid_validator(allow_zero=True))]


class _Section(BaseModel):
    """Frozen, strict about unknown keys; YAML keys may be aliases of the attribute names."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    def replaced(self, **changes: Any) -> Any:
        """Return a validated copy with ``changes`` applied (attribute names).

        Raises:
            ParamsError: a changed value is invalid.
        """
        data = {name: getattr(self, name) for name in type(self).model_fields}
        data.update(changes)
        return _validated(type(self), data, raw=False, context={"base_units": True})


# ---------------------------------------------------------------------------------- core


class OracleParams(_Section):
    """EnergyOracle settings.

    Attributes:
        reporting_window: Seconds after a slot's end during which operators report (60 .. 604,800).
        quorum: Operators whose reports are needed for a panel's value to count (1 .. operators).
        operators: Operator addresses; empty in the file = test accounts on a development chain.
        deviation_tolerance_bps: Relative tolerance for flagging a deviating report (0 .. 10,000).
        min_tolerance_wh: Absolute tolerance floor for flagging, Wh.
    """

    reporting_window: Annotated[Int, Field(ge=60, le=7 * 86_400)] = 1800
    quorum: Annotated[Int, Field(ge=1)] = 2
    operators: Addresses = ()
    deviation_tolerance_bps: Annotated[Int, Field(ge=0, le=10_000)] = 500
    min_tolerance_wh: Annotated[Int, Field(ge=0, le=2**64 - 1)] = 10

    @model_validator(mode="after")
    def _quorum_within_operators(self) -> OracleParams:
        if self.operators and self.quorum > len(self.operators):
            raise ValueError(
                f"quorum {self.quorum} exceeds the {len(self.operators)} operator(s) listed"
            )
        return self


class MarketParams(_Section):
    """EnergyMarket settings. Prices in payment-token base units per kWh (multiples of 1000).

    Attributes:
        price_floor: lowest price of the tick grid.
        tick_size: price step; the grid has 256 ticks, so the top price is floor + 255 * tick.
        collateral_per_kwh: seller stake encumbered per kWh offered (caps the shortfall penalty).
        gate_closure_lead: seconds before a slot's start after which no orders are accepted.
        max_lead_time: how far ahead (s) a slot accepts orders.
        min_order_wh: smallest order, Wh.
    """

    price_floor: PricePerKwh = 50 * WATT // 1000  # 0.050 WATT/kWh
    tick_size: Annotated[PricePerKwh, Field(ge=1000)] = 2 * WATT // 1000  # top tick 0.560 WATT
    collateral_per_kwh: PricePerKwh = 600 * WATT // 1000  # 0.60 WATT per kWh offered
    gate_closure_lead: Annotated[Int, Field(ge=0, le=2 * 86_400)] = 300
    max_lead_time: Annotated[Int, Field(ge=3600, le=30 * 86_400)] = 2 * 86_400
    min_order_wh: Annotated[Int, Field(ge=1, le=1_000_000)] = 10

    def constructor_args(self) -> tuple[int, int, int, int, int, int]:
        """The EnergyMarket constructor's ``Parameters`` tuple (IEnergyMarket.Parameters order)."""
        return (
            self.price_floor,
            self.tick_size,
            self.collateral_per_kwh,
            self.gate_closure_lead,
            self.max_lead_time,
            self.min_order_wh,
        )


class SettlementParams(_Section):
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

    dispute_window: Annotated[Int, Field(ge=60, le=7 * 86_400)] = 900
    settlement_timeout: Annotated[Int, Field(ge=3600, le=30 * 86_400)] = 6 * 3600
    penalty_price_per_kwh: PricePerKwh = 500 * WATT // 1000  # 0.50 WATT/kWh
    fee_bps: Annotated[Int, Field(ge=0, le=1000)] = 25
    dispute_bond: Annotated[Int, Field(ge=0, le=2**88 - 1)] = 10 * WATT
    unbonding_delay: Annotated[Int, Field(ge=3600, le=90 * 86_400)] = 7 * 86_400

    @model_validator(mode="after")
    def _unbonding_after_disputes(self) -> SettlementParams:
        if self.unbonding_delay <= self.dispute_window:
            raise ValueError("unbonding_delay must be longer than the dispute window")
        return self


# ---------------------------------------------------------------------------------- broker


class BrokerRateParams(_Section):
    """The pool's dynamic rate (``DynamicRateProvider``). Prices in payment-token base units per
    kWh of energy credits.

    Attributes:
        initial_price_per_kwh: Price the rolling average starts at.
        min_price_per_kwh: Floor of the base rate.
        max_price_per_kwh: Ceiling of the base rate.
        budget_per_period: Payment-token base units spent per period at the average volume.
        capacity_wh: Warehouse capacity, Wh.
        period_seconds: Seconds per period.
        window_periods: Periods in the rolling average.
    """

    initial_price_per_kwh: Annotated[Int, Field(ge=1)] = 90 * WATT // 1000
    min_price_per_kwh: Annotated[Int, Field(ge=1)] = 40 * WATT // 1000
    max_price_per_kwh: Annotated[Int, Field(ge=1)] = 150 * WATT // 1000
    budget_per_period: Annotated[Int, Field(ge=1)] = 3 * WATT // 2
    capacity_wh: Annotated[Int, Field(ge=1)] = 400_000
    period_seconds: Annotated[Int, Field(ge=60, le=30 * 86_400)] = 3600
    window_periods: Annotated[Int, Field(ge=1, le=1000)] = 84

    @model_validator(mode="after")
    def _ordered(self) -> BrokerRateParams:
        if not self.min_price_per_kwh <= self.initial_price_per_kwh <= self.max_price_per_kwh:
            raise ValueError("need min_price_per_kwh <= initial_price_per_kwh <= max_price_per_kwh")
        return self


class LegSuiteParams(_Section):
    """The LEG marketplace (hub registry, heat credits, marketplace; ``gridset.leg``) deployed with
    the suite, paid in the suite's payment token, its hubs licensed by the suite's GridStaking
    (``staking:``).

    Attributes:
        fee_bps: Network fee, 200..500 basis points of each payment (the seed's 2-5 %).
    """

    fee_bps: Annotated[Int, Field(ge=200, le=500)] = 500


class BrokerParams(_Section):
    """The Energy Broker deployed with the suite: factory, router, and the energy-credit /
    payment-token constant-sum pool with its dynamic rate.

    Attributes:
        pool_setup_fee: Payment-token base units a pool creator pays the treasury per pool.
        lp_fee_bps: LP fee of new pools, basis points.
        withdrawal_fee_bps: Withdrawal fee of new pools, basis points.
        max_path_length: Longest swap path in tokens (2..8).
        rate: The pool's dynamic rate.
    """

    pool_setup_fee: Annotated[Int, Field(ge=0)] = 0
    lp_fee_bps: Annotated[Int, Field(ge=0, le=1000)] = 100
    withdrawal_fee_bps: Annotated[Int, Field(ge=0, le=1000)] = 100
    max_path_length: Annotated[Int, Field(ge=2, le=8)] = 4
    rate: BrokerRateParams = BrokerRateParams()


# ---------------------------------------------------------------------------------- intraday


class FeeTier(_Section):
    """One GridStaking fee tier: from ``threshold`` sGRID staked (base units; whole GRID in the
    file), ``discount_bps`` off the grid fee the staker pays on the CDA."""

    threshold: GridAmount
    discount_bps: Annotated[Int, Field(ge=0, le=10_000)]


class StakingParams(_Section):
    """GridStaking (sGRID over GRID), deployed after governance (``admin: governance``); the CDA
    (relayer licences, fee tiers) and the LEG (hub licences) read it.

    Attributes:
        licence_threshold: sGRID base units (whole GRID in the file) an Application Host (a
            relayer claiming CDA orders for others, a LEG hub) must stake.
        fee_tiers: Ascending thresholds, non-decreasing discounts, at most 8.
    """

    licence_threshold: GridAmount = 10_000 * 10**GRID_DECIMALS
    fee_tiers: Annotated[tuple[FeeTier, ...], Field(max_length=8)] = ()

    @model_validator(mode="after")
    def _ascending(self) -> StakingParams:
        for low, high in zip(self.fee_tiers, self.fee_tiers[1:], strict=False):
            if high.threshold <= low.threshold or high.discount_bps < low.discount_bps:
                raise ValueError("fee_tiers: thresholds must rise and discounts not fall")
        return self


ZoneId = Annotated[Int, Field(ge=0, le=15)]


class ZoneFee(_Section):
    """A CDA grid-fee entry: ``fee_bps`` between zones ``zone_a`` and ``zone_b`` (equal: the
    zone's own rate; a pair may not be below either own rate)."""

    zone_a: ZoneId
    zone_b: ZoneId
    fee_bps: Annotated[Int, Field(ge=0, le=2000)]


class ZoneOperator(_Section):
    """The grid operator credited with zone ``zone``'s CDA grid fees."""

    zone: ZoneId
    operator: Address


class CdaParams(_Section):
    """CdaMarket (the intraday continuous double auction) and its GridStaking. Prices in
    payment-token base units per kWh (multiples of 1000).

    Attributes:
        price_floor: lowest price of the CDA's 256-tick grid.
        tick_size: price step.
        collateral_per_kwh: seller stake encumbered per kWh offered.
        cda_gate_lead: seconds before a slot's start at which its CDA closes.
        min_order_wh: smallest order, Wh.
        zone_registrars: addresses granted ZONE_REGISTRAR_ROLE (assign traders to grid zones).
        zone_fees: the grid-fee table set at deployment (own rates are applied first).
        zone_operators: the zones' grid operators set at deployment.
    """

    price_floor: PricePerKwh = 50 * WATT // 1000  # 0.050 WATT/kWh
    tick_size: Annotated[PricePerKwh, Field(ge=1000)] = 2 * WATT // 1000
    collateral_per_kwh: Annotated[PricePerKwh, Field(le=2**64 - 1)] = 600 * WATT // 1000
    cda_gate_lead: Annotated[Int, Field(ge=0, le=86_400)] = 60
    min_order_wh: Annotated[Int, Field(ge=1, le=1_000_000)] = 1
    zone_registrars: Addresses = ()
    zone_fees: tuple[ZoneFee, ...] = ()
    zone_operators: tuple[ZoneOperator, ...] = ()


# ---------------------------------------------------------------------------------- governance


def _recipient(value: Any) -> str:
    if value in (DEPLOYER, TIMELOCK):
        return value
    if isinstance(value, str) and is_address(value):
        return to_checksum_address(value)
    raise ValueError(f"must be 'deployer', 'timelock' or an address, got {value!r}")


def _guardian(value: Any) -> str | None:
    if value is None or value == TIMELOCK:
        return None
    if isinstance(value, str) and is_address(value):
        return to_checksum_address(value)
    raise ValueError(f"must be an address, 'timelock' or null, got {value!r}")


class Allocation(_Section):
    """One entry of GRID's initial distribution.

    Attributes:
        to: ``"deployer"``, ``"timelock"`` or a checksummed address.
        amount: GRID base units (whole GRID in the file), > 0.
    """

    to: Annotated[str, BeforeValidator(_recipient)]
    amount: GridAmount


class GridTokenParams(_Section):
    """GRID's ERC-20 name and symbol, fixed supply and initial distribution."""

    name: Annotated[str, Field(min_length=1)]
    symbol: Annotated[str, Field(min_length=1)]
    supply: GridAmount
    distribution: Annotated[tuple[Allocation, ...], Field(min_length=1)]

    @model_validator(mode="after")
    def _distribution_matches_supply(self) -> GridTokenParams:
        seen: set[str] = set()
        for allocation in self.distribution:
            if allocation.to in seen:
                raise ValueError(f"distribution: recipient {allocation.to} is listed twice")
            seen.add(allocation.to)
        total = sum(a.amount for a in self.distribution)
        if total != self.supply:
            raise ValueError(
                f"distribution: amounts sum to {format_grid(total)} GRID, "
                f"but supply is {format_grid(self.supply)} GRID"
            )
        return self


#: Governance timings and quorum by chain kind, used for every value the file leaves out.
#: Development: short enough for the one-day simulation and the tests. Production: a week to
#: vote, two days to react (and for the guardian to veto) before execution, a 10 % quorum so
#: that no single 4 % holder passes a proposal alone.
GOVERNANCE_PROFILES: dict[str, dict[str, int]] = {
    "development": {
        "voting_delay": 1,
        "voting_period": 300,
        "timelock_delay": 60,
        "quorum_percent": 4,
    },
    "production": {
        "voting_delay": 86_400,
        "voting_period": 7 * 86_400,
        "timelock_delay": 2 * 86_400,
        "quorum_percent": 10,
    },
}


class GovernanceParams(_Section):
    """GRID, GovernanceTimelock and GovernanceDAO settings (durations s, GRID in base units).

    ``voting_delay``, ``voting_period``, ``timelock_delay`` and ``quorum_percent`` may be left
    out (None): :meth:`for_chain` fills them from :data:`GOVERNANCE_PROFILES`.

    Attributes:
        governor_name: EIP-712 domain name of the Governor.
        token: GRID's name, symbol, supply and distribution.
        voting_delay: Seconds from ``propose`` to the vote snapshot (>= 1).
        voting_period: Seconds of voting after the snapshot.
        proposal_threshold: GRID base units of votes needed to propose.
        quorum_percent: For + Abstain votes needed, % of total supply at the snapshot.
        timelock_delay: Seconds from ``queue`` to the earliest ``execute``.
        guardian: Checksummed address that may pause markets and veto proposals until their
            eta; None for the timelock as pauser and nobody as veto holder.
    """

    governor_name: Annotated[str, Field(min_length=1)]
    token: GridTokenParams
    voting_delay: Annotated[Int, Field(ge=1, le=_MAX_UINT48)] | None = Field(
        None, alias="voting_delay_seconds"
    )
    voting_period: Annotated[Int, Field(ge=1, le=_MAX_UINT32)] | None = Field(
        None, alias="voting_period_seconds"
    )
    proposal_threshold: GridAmountOrZero
    quorum_percent: Annotated[Int, Field(ge=1, le=100)] | None = None
    timelock_delay: Annotated[Int, Field(ge=0, le=_MAX_UINT48)] | None = Field(
        None, alias="timelock_delay_seconds"
    )
    guardian: Annotated[str | None, BeforeValidator(_guardian)] = None

    @classmethod
    def from_mapping(cls, section: Mapping[str, Any]) -> GovernanceParams:
        """Validate the ``governance:`` section (already parsed from YAML).

        Raises:
            ParamsError: an unknown or missing key, a value out of range, or a distribution
                whose sum differs from ``token.supply`` (the message names the key).
        """
        return _validated(cls, section, prefix="governance")

    def for_chain(self, development: bool) -> GovernanceParams:
        """Return a copy whose unset timings and quorum take the development or production values.

        Args:
            development: True on a development chain (eth-tester, anvil).
        """
        profile = GOVERNANCE_PROFILES["development" if development else "production"]
        unset = {key: value for key, value in profile.items() if getattr(self, key) is None}
        return self.model_copy(update=unset)

    @property
    def token_name(self) -> str:
        """GRID's ERC-20 name (also its EIP-712 domain name)."""
        return self.token.name

    @property
    def token_symbol(self) -> str:
        """GRID's ERC-20 symbol."""
        return self.token.symbol

    @property
    def distribution(self) -> tuple[Allocation, ...]:
        """The initial holders; their sum is the fixed total supply."""
        return self.token.distribution

    @property
    def total_supply(self) -> int:
        """GRID's fixed total supply, base units."""
        return self.token.supply

    @property
    def veto_guardian(self) -> str:
        """The DAO's veto holder: the guardian, or the zero address (nobody) without one."""
        return self.guardian or "0x" + "00" * 20


# ---------------------------------------------------------------------------------- netting


class NettingParams(_Section):
    """Household netting deployed with the suite: Utility (on-chain netting) and DUtility (private
    netting) with a Groth16 verifier per circuit size (docs/netting.md).

    Attributes:
        seats: Circuit sizes whose ``NettingVerifier<N>`` is deployed and registered. Off
            development chains each must come from a ceremony (demo keys are refused).
        operators: The netting entity: Utility's OPERATOR_ROLE (settles) and DUtility's
            NETTING_ROLE (closes rounds, submits proven nettings).
    """

    seats: Annotated[tuple[Literal[2, 4, 8, 16, 32], ...], Field(min_length=1)] = (2, 4, 8, 16, 32)
    operators: Addresses = ()


# ---------------------------------------------------------------------------------- whole file


class DeployParams(_Section):
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
        broker: The Energy Broker deployed with the suite; None = no broker.
        staking: GridStaking (sGRID over GRID: licences, fee tiers), deployed after governance
            (needs ``admin: governance``); None = none. The CDA and the LEG read it.
        cda: The intraday CdaMarket; None = none.
        leg: The LEG marketplace deployed with the suite (needs ``staking``: its hubs' licences
            stake the suite's GRID); None = no LEG.
        netting: Utility and DUtility with their verifiers; None = none.
    """

    slot_seconds: Annotated[Int, Field(ge=60, le=3600)] = 900
    admin: Annotated[
        str, BeforeValidator(lambda v: v if v in (DEPLOYER, "governance") else _address(v))
    ] = "governance"
    installers: Addresses = ()
    registrars: Addresses = ()
    oracle: OracleParams = OracleParams()
    payment_token: Annotated[
        str, BeforeValidator(lambda v: v if v == "deploy" else _address(v))
    ] = "deploy"
    treasury: Annotated[str, BeforeValidator(lambda v: v if v == DEPLOYER else _address(v))] = (
        DEPLOYER
    )
    watt_issuers: Addresses = ()
    market: MarketParams = MarketParams()
    settlement: SettlementParams = SettlementParams()
    governance: GovernanceParams | None = None
    broker: BrokerParams | None = None
    staking: StakingParams | None = None
    cda: CdaParams | None = None
    leg: LegSuiteParams | None = None
    netting: NettingParams | None = None

    @model_validator(mode="after")
    def _consistent(self) -> DeployParams:
        if self.staking is not None and self.admin != "governance":
            raise ValueError(
                "staking: needs admin: governance (GridStaking stakes the suite's GRID)"
            )
        if self.leg is not None and self.staking is None:
            raise ValueError("leg: needs the staking: section (hub licences are GridStaking's)")
        if 86_400 % self.slot_seconds:
            raise ValueError(f"slot_seconds: {self.slot_seconds} does not divide a day (86400 s)")
        if self.payment_token != "deploy" and self.watt_issuers:
            raise ValueError("watt_issuers: only with payment_token: deploy")
        return self

    def with_overrides(self, **changes: Any) -> DeployParams:
        """Return a validated copy with top-level fields replaced (``oracle=OracleParams(...)``).

        Raises:
            ParamsError: a changed value is invalid.
        """
        return self.replaced(**changes)


# ---------------------------------------------------------------------------------- roles


#: Operational roles the suite needs a holder for: (parameter, what it allows), in the order
#: they are checked. ``watt_issuers`` only when the suite deploys its own WATT token.
OPERATIONAL_ROLES: tuple[tuple[str, str], ...] = (
    ("watt_issuers", "WattToken MINTER_ROLE: issues WATT against fiat reserves"),
    ("installers", "PanelNFT INSTALLER_ROLE: mints panels"),
    ("registrars", "PanelRegistry REGISTRAR_ROLE: registers panels for their owners"),
    ("oracle.operators", "EnergyOracle operators: report production"),
    ("cda.zone_registrars", "CdaMarket ZONE_REGISTRAR_ROLE: assigns traders to grid zones"),
    (
        "netting.operators",
        "Utility OPERATOR_ROLE and DUtility NETTING_ROLE: the netting entity",
    ),
)

#: Test-account indices (Ape's ``TEST::n``, anvil's dev accounts) holding the operational roles
#: on a development chain when the file names nobody; account 0 deploys. The same cast as the
#: test suite's fixtures (``tests/conftest.py``).
DEV_ROLE_ACCOUNTS: dict[str, tuple[int, ...]] = {
    "watt_issuers": (1,),
    "installers": (1,),
    "registrars": (9,),
    "oracle.operators": (2, 3, 4),
    "cda.zone_registrars": (9,),
    "netting.operators": (1,),
}
#: Oracle quorum with the three development operators.
DEV_ORACLE_QUORUM = 2


def _role_holders(params: DeployParams, role: str) -> tuple[str, ...]:
    section, _, name = role.rpartition(".")
    return getattr(getattr(params, section) if section else params, name)


def _role_applies(params: DeployParams, role: str) -> bool:
    if role == "watt_issuers":
        return params.payment_token == "deploy"
    section = role.partition(".")[0]
    if section in ("cda", "netting"):
        return getattr(params, section) is not None
    return True


def missing_roles(params: DeployParams) -> list[str]:
    """Return one line per operational role nobody holds (empty list: all are held).

    The oracle also needs at least ``oracle.quorum`` operators.
    """
    missing = []
    for role, meaning in OPERATIONAL_ROLES:
        if not _role_applies(params, role):
            continue
        holders = _role_holders(params, role)
        if not holders:
            missing.append(f"{role} ({meaning}) has no holder")
        elif role == "oracle.operators" and len(holders) < params.oracle.quorum:
            missing.append(f"{role}: {len(holders)} listed, quorum {params.oracle.quorum}")
    return missing


def with_dev_roles(params: DeployParams, test_accounts: Sequence[Any]) -> DeployParams:
    """Fill every empty operational role with its development test accounts.

    Args:
        params: Validated parameters.
        test_accounts: Ape's test accounts (``TEST::n``; anvil's funded dev accounts).

    Returns:
        A copy in which each empty role of :data:`DEV_ROLE_ACCOUNTS` is held by its accounts
        (three oracle operators with quorum 2); roles the file fills are kept.
    """
    changes: dict[str, Any] = {}
    for role, indices in DEV_ROLE_ACCOUNTS.items():
        if not _role_applies(params, role) or _role_holders(params, role):
            continue
        addresses = tuple(str(test_accounts[i].address) for i in indices)
        if role == "oracle.operators":
            changes["oracle"] = params.oracle.replaced(
                operators=addresses, quorum=DEV_ORACLE_QUORUM
            )
        elif role == "cda.zone_registrars":
            changes["cda"] = params.cda.replaced(zone_registrars=addresses)
        elif role == "netting.operators":
            changes["netting"] = params.netting.replaced(operators=addresses)
        else:
            changes[role] = addresses
    return params.replaced(**changes) if changes else params


# ---------------------------------------------------------------------------------- loading


def _location(loc: tuple[Any, ...]) -> str:
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        elif not str(part).startswith("function-"):
            text += f".{part}" if text else str(part)
    return text


def _message(error: Mapping[str, Any], prefix: str) -> str:
    loc = tuple(p for p in error["loc"] if not str(p).startswith(("function-", "constrained-")))
    where = ".".join(filter(None, [prefix, _location(loc)])) or "params"
    kind, text = error["type"], error["msg"]
    if kind == "extra_forbidden":
        *parent, key = loc
        where = ".".join(filter(None, [prefix, _location(tuple(parent))])) or "params"
        return f"{where}: unknown key(s) {key}"
    if kind == "missing":
        *parent, key = loc
        where = ".".join(filter(None, [prefix, _location(tuple(parent))])) or "params"
        return f"{where}: missing key '{key}'"
    text = text.removeprefix("Value error, ")
    if kind.startswith(("greater_than", "less_than")):
        return f"{where}: {error['input']!r} out of range ({text.lower()})"
    return f"{where}: {text}"


def _validated(
    cls: type, data: Any, prefix: str = "", raw: bool = True, context: dict | None = None
) -> Any:
    if raw and not isinstance(data, Mapping):
        where = prefix or "params"
        raise ParamsError(f"{where}: must be a mapping, got {type(data).__name__}")
    try:
        return cls.model_validate(dict(data), context=context)
    except ValidationError as err:
        raise ParamsError(_message(err.errors()[0], prefix)) from None


def params_from_dict(data: Mapping[str, Any]) -> DeployParams:
    """Build and validate DeployParams from a parsed YAML mapping.

    Raises:
        ParamsError: unknown keys, missing keys or out-of-range values (first problem found).
    """
    return _validated(DeployParams, data)


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(Path(path).read_text()) or {}
    except OSError as err:
        raise ParamsError(f"{path}: cannot read ({err.strerror})") from err
    except yaml.YAMLError as err:
        # YAML errors span several lines (problem, context, position): keep the message one line.
        raise ParamsError(f"{path}: not valid YAML ({' '.join(str(err).split())})") from err
    if not isinstance(data, dict):
        raise ParamsError(f"{path}: expected a mapping at the top level")
    return data


def load_params(path: Path = DEFAULT_PARAMS_FILE) -> DeployParams:
    """Load deployment parameters from a YAML file.

    Raises:
        ParamsError: the file is missing, not a mapping, or holds invalid values.
    """
    return params_from_dict(_read_yaml(path))


def load_governance_params(path: Path | str = DEFAULT_PARAMS_FILE) -> GovernanceParams:
    """Read the ``governance:`` section of the deployment YAML at ``path``.

    Raises:
        ParamsError: the file is missing, is not a YAML mapping, has no ``governance``
            section, or the section is invalid.
    """
    data = _read_yaml(Path(path))
    if data.get("governance") is None:
        raise ParamsError(f"{path}: no top-level 'governance' section")
    return GovernanceParams.from_mapping(data["governance"])
