"""Deploy and wire the GRIDSET core: EnergyToken, PanelNFT, PanelRegistry, EnergyOracle."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gridset.deploy.params import DeployParams
from gridset.deploy.roles import grant_all, hand_over, verify_hand_over


@dataclass
class Suite:
    """The deployed contracts (Ape ContractInstances) of one community."""

    energy_token: Any
    panel_nft: Any
    panel_registry: Any
    energy_oracle: Any

    def contracts(self) -> dict[str, Any]:
        """Return ``{contract name: instance}`` for every deployed contract."""
        return {
            "EnergyToken": self.energy_token,
            "PanelNFT": self.panel_nft,
            "PanelRegistry": self.panel_registry,
            "EnergyOracle": self.energy_oracle,
        }

    def addresses(self) -> dict[str, str]:
        """Return ``{contract name: address}``."""
        return {name: str(c.address) for name, c in self.contracts().items()}


def deploy_suite(deployer: Any, params: DeployParams) -> Suite:
    """Deploy the core contracts, wire their roles and hand admin powers to ``params.admin``.

    Wiring: the PanelNFT links the registry (transfer lock, retirement hook) and the registry links
    the oracle (its only production writer); installers, registrars and oracle operators come
    from ``params``.
    Afterwards the deployer holds no role unless ``params.admin == "deployer"``.

    Raises:
        ParamsError: invalid parameters.
        HandOverError: the deployer kept a role or the admin lacks one (checked on chain).
    """
    from ape import project

    params.validate()
    me = deployer.address
    token = deployer.deploy(project.EnergyToken, me)
    nft = deployer.deploy(project.PanelNFT, me)
    registry = deployer.deploy(project.PanelRegistry, me, nft, params.slot_seconds)
    oracle = deployer.deploy(project.EnergyOracle, me, registry, params.oracle.reporting_window)

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

    suite = Suite(energy_token=token, panel_nft=nft, panel_registry=registry, energy_oracle=oracle)
    admin = me if params.admin == "deployer" else params.admin
    hand_over(suite.contracts(), admin, deployer)
    verify_hand_over(suite.contracts(), admin, me)
    return suite
