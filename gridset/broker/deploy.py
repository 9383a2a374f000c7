"""Deploy the Energy Broker on the connected chain: factory, router, rate provider, pool.

``deploy_broker`` is what deployment scripts and the simulation call; ``create_pool`` and the
rate-provider helpers are reused by tests and benchmarks. Amounts are token base units, fees basis
points, rates 1e18 fixed point (see ``gridset.broker.units``), times Unix seconds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ape import project
from ape.api import AccountAPI
from ape.contracts import ContractInstance

from gridset.broker.units import Formula

ZERO_ADDRESS = "0x0000000000000000000000000000000000000000"


@dataclass(frozen=True)
class CapacityBands:
    """Capacity bands of the dynamic rate (basis points; the seed's 45 % / 55 %, +-1 .. 20 %)."""

    lower_bps: int = 4_500
    upper_bps: int = 5_500
    min_adjustment_bps: int = 100
    max_adjustment_bps: int = 2_000


@dataclass(frozen=True)
class DynamicRateConfig:
    """Deployment configuration of ``DynamicRateProvider`` (see ``IDynamicRateProvider``).

    Attributes:
        initial_rate: Rate the rolling average starts at (1e18 fixed point).
        budget_per_period: Payment-token base units spent per period at the average volume.
        min_rate: Floor of the base rate (1e18 fixed point).
        max_rate: Ceiling of the base rate (1e18 fixed point).
        capacity: Warehouse capacity, energy base units (Wh).
        period_length: Seconds per period.
        window_periods: Periods in the rolling average (the seed uses 84 eras).
        bands: Capacity bands.
    """

    initial_rate: int
    budget_per_period: int
    min_rate: int
    max_rate: int
    capacity: int
    period_length: int = 3_600
    window_periods: int = 84
    bands: CapacityBands = field(default_factory=CapacityBands)

    def as_tuple(self) -> tuple:
        """Return the ``DynamicRateProvider.Config`` struct as a tuple for the constructor."""
        bands = self.bands
        return (
            self.period_length,
            self.window_periods,
            self.initial_rate,
            self.budget_per_period,
            self.min_rate,
            self.max_rate,
            self.capacity,
            (bands.lower_bps, bands.upper_bps, bands.min_adjustment_bps, bands.max_adjustment_bps),
        )


@dataclass(frozen=True)
class BrokerParameters:
    """Parameters of ``deploy_broker``.

    Attributes:
        pool_setup_fee: Payment-token base units the pool creator pays the treasury per pool.
        lp_fee_bps: LP fee of new pools (the pallet's runtime value, 1 %, is 100 bps).
        withdrawal_fee_bps: Withdrawal fee of new pools (pallet runtime: 1 % = 100 bps).
        max_path_length: Longest swap path in tokens (2..8).
        formula: Formula of the energy/payment pool.
        fixed_rate: Rate of a constant-sum pool with a fixed rate (1e18 fixed point).
        dynamic_rate: Configuration of a dynamic rate instead (takes precedence over fixed_rate).
    """

    pool_setup_fee: int = 0
    lp_fee_bps: int = 100
    withdrawal_fee_bps: int = 100
    max_path_length: int = 4
    formula: Formula = Formula.CONSTANT_SUM
    fixed_rate: int | None = None
    dynamic_rate: DynamicRateConfig | None = None


@dataclass
class BrokerDeployment:
    """The deployed broker: contracts as Ape instances."""

    factory: ContractInstance
    router: ContractInstance
    pool: ContractInstance
    payment_token: ContractInstance
    energy_token: ContractInstance
    rate_provider: ContractInstance | None = None

    def addresses(self) -> dict[str, str]:
        """Return ``{contract name: address}`` (the rate provider under its contract's name)."""
        book = {
            "EnergyBrokerFactory": self.factory.address,
            "EnergyBrokerRouter": self.router.address,
            "EnergyBrokerPool": self.pool.address,
            "PaymentToken": self.payment_token.address,
            "EnergyToken": self.energy_token.address,
        }
        if self.rate_provider is not None:
            book[self.rate_provider.contract_type.name] = self.rate_provider.address
        return {name: str(address) for name, address in book.items()}


def deploy_fixed_rate_provider(
    deployer: AccountAPI, asset: Any, numeraire: Any, rate: int
) -> ContractInstance:
    """Deploy a ``FixedRateProvider`` pricing ``asset`` in ``numeraire`` at ``rate`` (1e18).

    Raises:
        ape.exceptions.ContractLogicError: ``EnergyBrokerInvalidParameter`` for a rate outside
            [1, 1e36], ``EnergyBrokerEqualAssets`` or ``EnergyBrokerZeroAddress``.
    """
    return deployer.deploy(project.FixedRateProvider, deployer, asset, numeraire, rate)


def deploy_dynamic_rate_provider(
    deployer: AccountAPI, asset: Any, numeraire: Any, config: DynamicRateConfig
) -> ContractInstance:
    """Deploy a ``DynamicRateProvider`` pricing ``asset`` in ``numeraire``.

    Call ``setPool`` with the pool's address afterwards (``deploy_broker`` does).

    Raises:
        ape.exceptions.ContractLogicError: ``EnergyBrokerInvalidParameter`` naming the first
            parameter out of range.
    """
    return deployer.deploy(
        project.DynamicRateProvider, deployer, asset, numeraire, config.as_tuple()
    )


def create_pool(
    factory: ContractInstance,
    creator: AccountAPI,
    token_a: Any,
    token_b: Any,
    formula: Formula,
    rate_provider: Any = None,
    fee_token: ContractInstance | None = None,
) -> ContractInstance:
    """Create the pool of a pair, paying the setup fee from ``creator``; return the pool.

    ``creator`` needs POOL_CREATOR_ROLE and, if the setup fee is positive, that many base units of
    ``fee_token`` (the factory's setup-fee token; approved here).

    Raises:
        ValueError: the setup fee is positive and no ``fee_token`` was given.
        ape.exceptions.ContractLogicError: the factory's errors (``EnergyBrokerPoolExists``,
            ``EnergyBrokerEqualAssets``, ``EnergyBrokerRateProviderMismatch``, missing role).
    """
    fee = factory.poolSetupFee()
    if fee:
        if fee_token is None:
            raise ValueError(f"the pool setup fee is {fee}: pass the setup-fee token")
        fee_token.approve(factory, fee, sender=creator)
    provider = rate_provider if rate_provider is not None else ZERO_ADDRESS
    factory.createPool(token_a, token_b, int(formula), provider, sender=creator)
    return project.EnergyBrokerPool.at(factory.getPool(token_a, token_b))


def deploy_broker(
    deployer: AccountAPI,
    payment_token: Any,
    energy_token: Any,
    treasury: Any,
    params: BrokerParameters,
) -> BrokerDeployment:
    """Deploy factory, router, the rate provider and the energy/payment pool.

    ``deployer`` receives DEFAULT_ADMIN_ROLE (hand it to the governance timelock afterwards),
    POOL_CREATOR_ROLE and PAUSER_ROLE, and pays the setup fee of the pool.

    Raises:
        ValueError: a constant-sum pool without ``fixed_rate`` or ``dynamic_rate``.
        ape.exceptions.ContractLogicError: ``EnergyBrokerInvalidParameter`` for a parameter
            out of range.
    """
    if params.formula == Formula.CONSTANT_SUM and not (params.fixed_rate or params.dynamic_rate):
        raise ValueError("a constant-sum pool needs fixed_rate or dynamic_rate")
    factory = deployer.deploy(
        project.EnergyBrokerFactory,
        deployer,
        payment_token,
        treasury,
        params.pool_setup_fee,
        params.lp_fee_bps,
        params.withdrawal_fee_bps,
    )
    factory.grantRole(factory.POOL_CREATOR_ROLE(), deployer, sender=deployer)
    factory.grantRole(factory.PAUSER_ROLE(), deployer, sender=deployer)
    router = deployer.deploy(project.EnergyBrokerRouter, deployer, factory, params.max_path_length)

    rate_provider = None
    if params.formula == Formula.CONSTANT_SUM:
        if params.dynamic_rate is not None:
            rate_provider = deploy_dynamic_rate_provider(
                deployer, energy_token, payment_token, params.dynamic_rate
            )
        else:
            rate_provider = deploy_fixed_rate_provider(
                deployer, energy_token, payment_token, params.fixed_rate
            )
    pool = create_pool(
        factory,
        deployer,
        energy_token,
        payment_token,
        params.formula,
        rate_provider,
        fee_token=payment_token,
    )
    if params.dynamic_rate is not None and rate_provider is not None:
        rate_provider.setPool(pool, sender=deployer)
    return BrokerDeployment(
        factory=factory,
        router=router,
        pool=pool,
        payment_token=payment_token,
        energy_token=energy_token,
        rate_provider=rate_provider,
    )
