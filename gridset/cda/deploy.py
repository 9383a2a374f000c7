"""Deploy a CdaMarket beside a deployed suite and wire its roles."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ape import project

from gridset.units import WATT


@dataclass(frozen=True)
class CdaParams:
    """CDA settings. Prices in payment-token base units per kWh (multiples of 1000), collateral
    in stake base units per kWh, ``cda_gate_lead`` in s before the slot start, ``min_order_wh``
    in Wh."""

    price_floor: int = 50 * WATT // 1000
    tick_size: int = 2 * WATT // 1000
    collateral_per_kwh: int = 600 * WATT // 1000
    cda_gate_lead: int = 60
    min_order_wh: int = 1


def deploy_cda(deployer: Any, suite: Any, params: CdaParams | None = None) -> Any:
    """Deploy a CdaMarket over ``suite``'s EnergyMarket and grant it the vault's
    ENCUMBRANCER_ROLE (``deployer`` must hold the vault's admin role); ``deployer`` gets the
    CDA's ZONE_REGISTRAR_ROLE and PAUSER_ROLE.

    Returns:
        The CdaMarket contract instance.
    """
    p = params or CdaParams()
    cda = deployer.deploy(
        project.CdaMarket,
        deployer,
        suite.energy_market,
        p.price_floor,
        p.tick_size,
        p.collateral_per_kwh,
        p.cda_gate_lead,
        p.min_order_wh,
    )
    vault = suite.staking_vault
    vault.grantRole(vault.ENCUMBRANCER_ROLE(), cda, sender=deployer)
    cda.grantRole(cda.ZONE_REGISTRAR_ROLE(), deployer, sender=deployer)
    cda.grantRole(cda.PAUSER_ROLE(), deployer, sender=deployer)
    return cda
