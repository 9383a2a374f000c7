"""Deploy and wire the GRIDSET suite: energy credits, panels, oracle, stake, market, settlement."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from gridset.deploy.params import DeployParams
from gridset.deploy.roles import grant_all, hand_over, verify_hand_over

#: Suite attribute -> (address-book name, project contract type that gives its ABI).
SUITE_CONTRACTS: dict[str, tuple[str, str]] = {
    "energy_token": ("EnergyToken", "EnergyToken"),
    "panel_nft": ("PanelNFT", "PanelNFT"),
    "panel_registry": ("PanelRegistry", "PanelRegistry"),
    "energy_oracle": ("EnergyOracle", "EnergyOracle"),
    # Any fee-less ERC-20 may be the payment token; WATT's ABI covers ERC-20.
    "payment_token": ("PaymentToken", "WattToken"),
    "staking_vault": ("StakingVault", "StakingVault"),
    "energy_market": ("EnergyMarket", "EnergyMarket"),
    "settlement_engine": ("SettlementEngine", "SettlementEngine"),
}


@dataclass
class Suite:
    """The deployed contracts (Ape ContractInstances) of one community."""

    energy_token: Any
    panel_nft: Any
    panel_registry: Any
    energy_oracle: Any
    payment_token: Any
    staking_vault: Any
    energy_market: Any
    settlement_engine: Any

    def contracts(self) -> dict[str, Any]:
        """Return ``{contract name: instance}`` for every deployed contract (a payment token that
        was not deployed here is included under its own name too)."""
        return {SUITE_CONTRACTS[f.name][0]: getattr(self, f.name) for f in fields(self)}

    def governed(self) -> dict[str, Any]:
        """The contracts whose admin roles the deployer hands over (all but a foreign token)."""
        contracts = self.contracts()
        if not _has_role_admin(self.payment_token):
            contracts.pop("PaymentToken")
        return contracts

    def addresses(self) -> dict[str, str]:
        """Return ``{contract name: address}``."""
        return {name: str(c.address) for name, c in self.contracts().items()}


def _has_role_admin(contract: Any) -> bool:
    return any(abi.name == "DEFAULT_ADMIN_ROLE" for abi in contract.contract_type.view_methods)


def deploy_suite(deployer: Any, params: DeployParams) -> Suite:
    """Deploy the suite, wire its contract-to-contract roles, hand admin powers to ``params.admin``.

    Wiring: the PanelNFT links the registry (transfer lock, retirement hook), the registry links the
    oracle (its only production writer); the market may encumber stake; the settlement engine may
    release market escrow, encumber/penalise/slash stake and mint energy credits. The admin also
    receives the governance roles: the vault's SLASHER_ROLE, the settlement's ARBITER_ROLE and the
    market's PAUSER_ROLE (guardian). Afterwards the deployer holds no role unless
    ``params.admin == "deployer"``.

    Raises:
        ParamsError: invalid parameters.
        HandOverError: the deployer kept a role or the admin lacks one (checked on chain).
    """
    from ape import project

    params.validate()
    me = deployer.address
    admin = me if params.admin == "deployer" else params.admin
    treasury = me if params.treasury == "deployer" else params.treasury
    token = deployer.deploy(project.EnergyToken, me)
    nft = deployer.deploy(project.PanelNFT, me)
    registry = deployer.deploy(project.PanelRegistry, me, nft, params.slot_seconds)
    oracle = deployer.deploy(project.EnergyOracle, me, registry, params.oracle.reporting_window)
    if params.payment_token == "deploy":
        payment = deployer.deploy(project.WattToken, me)
        grant_all(payment, payment.MINTER_ROLE(), params.watt_issuers, deployer)
    else:
        payment = project.WattToken.at(params.payment_token)  # any ERC-20 ABI suffices
    market_p, settle_p = params.market, params.settlement
    vault = deployer.deploy(project.StakingVault, payment, me, treasury, settle_p.unbonding_delay)
    market = deployer.deploy(
        project.EnergyMarket,
        me,
        payment,
        vault,
        params.slot_seconds,
        market_p.price_floor,
        market_p.tick_size,
        market_p.collateral_per_kwh,
        market_p.gate_closure_lead,
        market_p.max_lead_time,
        market_p.min_order_wh,
    )
    settlement = deployer.deploy(
        project.SettlementEngine,
        me,
        market,
        oracle,
        token,
        treasury,
        (
            settle_p.dispute_window,
            settle_p.settlement_timeout,
            settle_p.fee_bps,
            settle_p.penalty_price_per_kwh,
            settle_p.dispute_bond,
        ),
    )

    nft.setRegistry(registry, sender=deployer)
    registry.setOracle(oracle, sender=deployer)
    grant_all(nft, nft.INSTALLER_ROLE(), params.installers, deployer)
    grant_all(registry, registry.REGISTRAR_ROLE(), params.registrars, deployer)
    for operator in params.oracle.operators:
        oracle.addOperator(operator, sender=deployer)
    if params.oracle.operators:
        oracle.setQuorum(params.oracle.quorum, sender=deployer)
    oracle.setDeviationTolerance(
        params.oracle.deviation_tolerance_bps, params.oracle.min_tolerance_wh, sender=deployer
    )
    grant_all(vault, vault.ENCUMBRANCER_ROLE(), [market.address, settlement.address], deployer)
    vault.grantRole(vault.PENALIZER_ROLE(), settlement, sender=deployer)
    vault.grantRole(vault.SLASHER_ROLE(), settlement, sender=deployer)
    market.grantRole(market.SETTLEMENT_ROLE(), settlement, sender=deployer)
    token.grantRole(token.MINTER_ROLE(), settlement, sender=deployer)
    # Governance powers beyond the admin role: slashing, arbitration, pausing (guardian).
    vault.grantRole(vault.SLASHER_ROLE(), admin, sender=deployer)
    settlement.grantRole(settlement.ARBITER_ROLE(), admin, sender=deployer)
    market.grantRole(market.PAUSER_ROLE(), admin, sender=deployer)

    suite = Suite(
        energy_token=token,
        panel_nft=nft,
        panel_registry=registry,
        energy_oracle=oracle,
        payment_token=payment,
        staking_vault=vault,
        energy_market=market,
        settlement_engine=settlement,
    )
    hand_over(suite.governed(), admin, deployer)
    verify_hand_over(suite.governed(), admin, me)
    return suite
