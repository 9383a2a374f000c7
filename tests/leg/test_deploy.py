"""deploy_leg: contract roles wired, admin powers handed to governance, the deployer keeps none."""

from __future__ import annotations

import ape

from gridset.governance.roles import verify_hand_over
from gridset.leg.deploy import LegParams, deploy_leg


def test_deploy_leg__with_admin__governance_holds_every_admin_power(
    chain, deployer, watt, treasury_account, carol, registrar, licensing
):
    start = chain.blocks.height + 1
    params = LegParams(attesters=(registrar.address,))
    leg = deploy_leg(deployer, watt, treasury_account.address, licensing, params, carol)
    verify_hand_over(leg.governed(), carol.address, deployer.address, from_block=start)
    market, registry, heat = leg.marketplace, leg.registry, leg.heat
    assert registry.hasRole(registry.MARKET_ROLE(), market)
    assert registry.hasRole(registry.ATTESTER_ROLE(), registrar)
    assert heat.hasRole(heat.MINTER_ROLE(), market)
    assert market.hasRole(market.ARBITER_ROLE(), carol)
    assert not market.hasRole(market.ARBITER_ROLE(), deployer)
    assert market.hubRegistry() == registry.address
    assert market.heatCredit() == heat.address
    assert market.paymentToken() == watt.address
    assert registry.licensing() == licensing.address
    with ape.reverts(market.AccessControlUnauthorizedAccount):
        market.setTreasury(deployer, sender=deployer)


def test_constructor__zero_address_or_tick__reverts(
    project, deployer, watt, treasury_account, licensing
):
    zero = "0x0000000000000000000000000000000000000000"
    with ape.reverts(project.LegHubRegistry.LegHubZeroAddress):
        deployer.deploy(project.LegHubRegistry, deployer, zero)
    registry = deployer.deploy(project.LegHubRegistry, deployer, licensing)
    heat = deployer.deploy(project.HeatCredit, deployer)
    params = LegParams().as_tuple()
    with ape.reverts(project.LegMarketplace.LegMarketZeroAddress):
        deployer.deploy(
            project.LegMarketplace, deployer, registry, watt, heat, zero, [1, 1, 1], params
        )
    with ape.reverts(
        project.LegMarketplace.LegMarketInvalidParameter, name=b"tick".ljust(32, b"\0"), value=1
    ):
        deployer.deploy(
            project.LegMarketplace,
            deployer,
            registry,
            watt,
            heat,
            treasury_account,
            [1, 0, 1],
            params,
        )
