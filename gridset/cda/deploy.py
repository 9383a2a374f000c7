"""Deploy a CdaMarket beside a deployed suite and wire its roles; with the suite's GRID, the
GridStaking whose licences and fee tiers the CDA reads."""

from __future__ import annotations

from typing import Any

from ape import project

from gridset.deploy.params import CdaParams

__all__ = ["CdaParams", "deploy_cda", "deploy_intraday"]


def deploy_cda(deployer: Any, suite: Any, params: CdaParams | None = None) -> Any:
    """Deploy a CdaMarket over ``suite``'s EnergyMarket and wire it for settlement: the vault's
    ENCUMBRANCER_ROLE (asks encumber stake) and PENALIZER_ROLE (CDA shortfall penalties), the
    CDA's SETTLEMENT_ROLE for the suite's SettlementEngine, which then settles its positions
    (``setCdaMarket``). ``deployer`` must hold the vault's and the engine's admin roles; it gets
    the CDA's ZONE_REGISTRAR_ROLE and PAUSER_ROLE.

    Returns:
        The CdaMarket contract instance.
    """
    p = params or CdaParams()
    cda = deployer.deploy(
        project.CdaMarket,
        deployer,
        suite.energy_market,
        suite.energy_token,
        p.price_floor,
        p.tick_size,
        p.collateral_per_kwh,
        p.cda_gate_lead,
        p.min_order_wh,
    )
    vault = suite.staking_vault
    vault.grantRole(vault.ENCUMBRANCER_ROLE(), cda, sender=deployer)
    vault.grantRole(vault.PENALIZER_ROLE(), cda, sender=deployer)
    engine = suite.settlement_engine
    cda.grantRole(cda.SETTLEMENT_ROLE(), engine, sender=deployer)
    engine.setCdaMarket(cda, sender=deployer)
    cda.grantRole(cda.ZONE_REGISTRAR_ROLE(), deployer, sender=deployer)
    cda.grantRole(cda.PAUSER_ROLE(), deployer, sender=deployer)
    return cda


def deploy_intraday(deployer: Any, suite: Any, params: CdaParams) -> None:
    """The suite deploy's intraday step: the CdaMarket, reading ``suite.grid_staking`` when the
    suite has one (licences, fee tiers), with its zone registrars, fee table and zone operators.
    Attaches it to ``suite`` (``cda_market``); the deployer keeps its roles until the hand-over.
    """
    cda = deploy_cda(deployer, suite, params)
    if suite.grid_staking is not None:
        cda.setGridStaking(suite.grid_staking, sender=deployer)
    role = cda.ZONE_REGISTRAR_ROLE()
    for registrar in params.zone_registrars:
        cda.grantRole(role, registrar, sender=deployer)
    # Own rates first: a pair may not be set below either zone's own rate.
    for fee in sorted(params.zone_fees, key=lambda f: f.zone_a != f.zone_b):
        cda.setZoneFee(fee.zone_a, fee.zone_b, fee.fee_bps, sender=deployer)
    for entry in params.zone_operators:
        cda.setZoneOperator(entry.zone, entry.operator, sender=deployer)
    suite.cda_market = cda
