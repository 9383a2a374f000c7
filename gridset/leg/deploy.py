"""Deploy and wire the LEG marketplace: hub registry, heat credits, marketplace."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from gridset.leg.units import DEFAULT_TICK, WATT_DECIMALS, to_base_units

DAY = 86_400


@dataclass(frozen=True)
class LegParams:
    """Deployment parameters. Times in seconds, money in payment-token base units.

    ``fee_bps`` 200..500 (the seed's 2-5 % network fee); ``notice_months`` >= 1.
    """

    fee_bps: int = 500
    usage_timeout: int = 2 * DAY
    confirm_timeout: int = DAY
    dispute_window: int = DAY
    response_window: int = 2 * DAY
    arbitration_timeout: int = 14 * DAY
    notice_months: int = 1
    max_months: int = 36
    dispute_bond: int = to_base_units(DEFAULT_TICK * 1000)  # 1 WATT
    ticks: tuple[int, int, int] = field(
        default_factory=lambda: (to_base_units(DEFAULT_TICK, WATT_DECIMALS),) * 3
    )
    attesters: tuple[str, ...] = ()

    def as_tuple(self) -> tuple[int, ...]:
        """The ``ILegMarketplace.Params`` struct as a tuple (field order of the struct)."""
        return (
            self.fee_bps,
            self.usage_timeout,
            self.confirm_timeout,
            self.dispute_window,
            self.response_window,
            self.arbitration_timeout,
            self.notice_months,
            self.max_months,
            self.dispute_bond,
        )


@dataclass
class LegContracts:
    """The deployed LEG contracts (Ape ContractInstances)."""

    registry: Any
    heat: Any
    marketplace: Any
    payment: Any

    def addresses(self) -> dict[str, str]:
        """``{contract name: address}`` for the address book."""
        return {
            "LegHubRegistry": str(self.registry.address),
            "HeatCredit": str(self.heat.address),
            "LegMarketplace": str(self.marketplace.address),
        }

    def governed(self) -> list[Any]:
        """The contracts whose admin roles go to governance."""
        return [self.registry, self.heat, self.marketplace]


def deploy_leg(
    deployer: Any,
    payment_token: Any,
    treasury: str,
    licensing: Any,
    params: LegParams | None = None,
    admin: str | None = None,
) -> LegContracts:
    """Deploy the registry, the heat credit token and the marketplace; wire their roles.

    ``licensing`` is the suite's GridStaking (or its address): its ``hasLicence`` is the
    Application Host licence hubs need to register, post offers and be matched.

    Wiring: the marketplace becomes the registry's outcome source (completed, late and lost-dispute
    counts) and gets its MARKET_ROLE (feedback) and the heat token's MINTER_ROLE;
    ``params.attesters`` get ATTESTER_ROLE. With ``admin`` (the governance timelock or a multisig)
    every admin power and ARBITER_ROLE are handed over with ``gridset.governance.roles.hand_over``
    and the deployer keeps nothing; without it the deployer keeps them and is also the arbiter
    (tests, demos).

    Raises:
        ape.exceptions.ContractLogicError: invalid parameters (LegMarketInvalidParameter).
    """
    from ape import project

    params = params or LegParams()
    me = deployer.address
    registry = deployer.deploy(project.LegHubRegistry, me, licensing)
    heat = deployer.deploy(project.HeatCredit, me)
    market = deployer.deploy(
        project.LegMarketplace,
        me,
        registry,
        payment_token,
        heat,
        treasury,
        list(params.ticks),
        params.as_tuple(),
    )
    registry.grantRole(registry.MARKET_ROLE(), market, sender=deployer)
    registry.setOutcomeSource(market, sender=deployer)
    heat.grantRole(heat.MINTER_ROLE(), market, sender=deployer)
    _grant_all(registry, registry.ATTESTER_ROLE(), params.attesters, deployer)
    contracts = LegContracts(
        registry=registry, heat=heat, marketplace=market, payment=payment_token
    )
    if admin is None:
        market.grantRole(market.ARBITER_ROLE(), deployer, sender=deployer)
        return contracts
    from gridset.governance.roles import hand_over

    hand_over(contracts.governed(), admin, deployer)
    return contracts


def deploy_dev_licensing(deployer: Any, licence_threshold: int) -> Any:
    """A GRID token (1,000,000 GRID, all to ``deployer``) and a GridStaking over it whose licence
    needs ``licence_threshold`` sGRID base units: for local chains without the suite's governance
    GRID (``ape run leg demo``, the tests, the gas bench). Returns the GridStaking."""
    from ape import project

    from gridset.deploy.core import deploy_grid_staking

    grid = deployer.deploy(project.GridToken, "GRID", "GRID", [deployer], [1_000_000 * 10**18])
    return deploy_grid_staking(deployer, grid, licence_threshold)


def take_licence(licensing: Any, account: Any, funder: Any = None) -> None:
    """Give ``account`` an Application Host licence: stake the GRID it lacks to reach
    ``licensing.licenceThreshold()`` (sGRID base units, 1:1 to GRID) in the GridStaking
    ``licensing``, sent first from ``funder`` if given. Nothing happens if it holds one already.

    Raises:
        ape.exceptions.ContractLogicError: not enough GRID (ERC20InsufficientBalance).
    """
    from ape import project

    missing = int(licensing.licenceThreshold()) - int(licensing.balanceOf(account))
    if missing <= 0:
        return
    grid = project.GridToken.at(licensing.asset())
    if funder is not None:
        grid.transfer(account, missing, sender=funder)
    grid.approve(licensing, missing, sender=account)
    licensing.deposit(missing, account, sender=account)


def _grant_all(contract: Any, role: bytes, accounts: Iterable[str], sender: Any) -> None:
    for account in accounts:
        contract.grantRole(role, account, sender=sender)
