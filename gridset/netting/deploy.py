"""Deployment of the netting contracts: ``Utility`` (on-chain netting) and ``DUtility`` (private
netting) with its ZoKrates verifiers.

The deployer receives ``DEFAULT_ADMIN_ROLE`` (to be handed to the governance timelock) and the
operating roles (``OPERATOR_ROLE`` on Utility, ``NETTING_ROLE`` on DUtility); the verifiers
are registered by size.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ape import project
from ape.api import AccountAPI
from ape.contracts import ContractInstance

from gridset.netting import zk


@dataclass(frozen=True)
class NettingContracts:
    """The deployed netting contracts; ``verifiers`` maps seats to ``NettingVerifier<N>``."""

    utility: ContractInstance
    dutility: ContractInstance
    verifiers: dict[int, ContractInstance]


def deploy_utility(deployer: AccountAPI) -> ContractInstance:
    """Deploy ``Utility`` with ``deployer`` as admin and operator."""
    return deployer.deploy(project.Utility, deployer.address)


def deploy_dutility(
    deployer: AccountAPI, seats: Iterable[int] = zk.SEATS
) -> tuple[ContractInstance, dict[int, ContractInstance]]:
    """Deploy ``DUtility`` and a verifier per circuit size in ``seats``, and register them.

    Returns:
        The DUtility contract and ``{seats: verifier}``.

    Raises:
        ValueError: a size without circuit.
    """
    dutility = deployer.deploy(project.DUtility, deployer.address)
    verifiers = {}
    for size in seats:
        zk.circuit_source(size)  # rejects unknown sizes
        verifier = deployer.deploy(getattr(project, f"NettingVerifier{size}"))
        dutility.setVerifier(size, verifier.address, sender=deployer)
        verifiers[size] = verifier
    return dutility, verifiers


def deploy(deployer: AccountAPI, seats: Iterable[int] = zk.SEATS) -> NettingContracts:
    """Deploy Utility, DUtility and the verifiers for ``seats``."""
    dutility, verifiers = deploy_dutility(deployer, seats)
    return NettingContracts(deploy_utility(deployer), dutility, verifiers)
