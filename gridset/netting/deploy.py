"""Deployment of the netting contracts: ``Utility`` (on-chain netting) and ``DUtility`` (private
netting) with its ZoKrates verifiers.

The deployer receives ``DEFAULT_ADMIN_ROLE`` (to be handed to the governance timelock) and the
operating roles (``OPERATOR_ROLE`` on Utility, ``NETTING_ROLE`` on DUtility); the verifiers
are registered by size.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ape import chain, project
from ape.api import AccountAPI
from ape.contracts import ContractInstance

from gridset.deploy.addresses import is_development_chain
from gridset.netting import build, keys, zk


class DemoKeysError(RuntimeError):
    """A verifier with the demo trusted setup was about to be deployed off a development chain."""


def check_keys(seats: int, chain_id: int) -> None:
    """Refuse the demo keys' verifier for ``seats`` on a chain that is not a development chain
    (a configured ceremony's keys, :mod:`gridset.netting.keys`, are accepted).

    Raises:
        DemoKeysError: one line naming the verifier and what to do.
    """
    demo = keys.ceremony_work(seats) is None and build.uses_demo_keys(seats)
    if demo and not is_development_chain(chain_id):
        raise DemoKeysError(
            f"NettingVerifier{seats} has the demo trusted setup (anyone can forge proofs): run "
            f"`python -m gridset.netting.ceremony` and export its verifier before deploying to "
            f"chain {chain_id}"
        )


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
    deployer: AccountAPI, seats: Iterable[int] = zk.SEATS, chain_id: int | None = None
) -> tuple[ContractInstance, dict[int, ContractInstance]]:
    """Deploy ``DUtility`` and a verifier per circuit size in ``seats`` (the demo keys' or a
    configured ceremony's, :func:`gridset.netting.keys.verifier_container`), and register them.

    Args:
        chain_id: the chain deployed to (default: the connected one); off development chains
            verifiers with the demo keys are refused.

    Returns:
        The DUtility contract and ``{seats: verifier}``.

    Raises:
        ValueError: a size without circuit.
        DemoKeysError: a verifier has the demo keys and the chain is not a development chain.
    """
    seats = tuple(seats)
    for size in seats:
        zk.circuit_source(size)  # rejects unknown sizes
        check_keys(size, chain.chain_id if chain_id is None else chain_id)
    dutility = deployer.deploy(project.DUtility, deployer.address)
    verifiers = {}
    for size in seats:
        verifier = deployer.deploy(keys.verifier_container(size))
        dutility.setVerifier(size, verifier.address, sender=deployer)
        verifiers[size] = verifier
    return dutility, verifiers


def deploy(deployer: AccountAPI, seats: Iterable[int] = zk.SEATS) -> NettingContracts:
    """Deploy Utility, DUtility and the verifiers for ``seats``."""
    dutility, verifiers = deploy_dutility(deployer, seats)
    return NettingContracts(deploy_utility(deployer), dutility, verifiers)
