"""Uniswap V2 as shipped in npm: the baseline the Energy Broker's gas is compared against.

``@uniswap/v2-core`` and ``@uniswap/v2-periphery`` carry compiled artifacts (Waffle JSON:
``abi`` and ``evm.bytecode.object``); this module deploys UniswapV2Factory, WETH9 and
UniswapV2Router02 from them on the connected chain. Router02's pair-address derivation uses the
init-code hash of the pair compiled into these same artifacts, so they work together unchanged.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ape import project
from ape.api import AccountAPI
from ape.contracts import ContractContainer, ContractInstance
from ethpm_types import ContractType

#: Artifact folders inside the project's node_modules.
ARTIFACT_DIRS = {
    "core": Path("node_modules/@uniswap/v2-core/build"),
    "periphery": Path("node_modules/@uniswap/v2-periphery/build"),
}


@dataclass
class UniswapV2:
    """A deployed Uniswap V2: factory, WETH9 and Router02."""

    factory: ContractInstance
    weth: ContractInstance
    router: ContractInstance

    def pair(self, token_a: ContractInstance, token_b: ContractInstance) -> ContractInstance:
        """Return the pair contract of two tokens (created by the first ``addLiquidity``).

        Raises:
            LookupError: no pair exists yet.
        """
        address = self.factory.getPair(token_a, token_b)
        if int(address, 16) == 0:
            raise LookupError(f"no Uniswap V2 pair for {token_a.address}/{token_b.address}")
        return artifact_container("core", "UniswapV2Pair").at(address)


def artifact_container(package: str, name: str) -> ContractContainer:
    """Return an Ape container of the compiled npm artifact ``name`` of ``package``.

    Args:
        package: ``"core"`` (v2-core) or ``"periphery"`` (v2-periphery).
        name: Contract name, e.g. ``"UniswapV2Router02"``.

    Raises:
        FileNotFoundError: ``npm ci`` has not installed the Uniswap packages.
    """
    path = Path(project.path) / ARTIFACT_DIRS[package] / f"{name}.json"
    artifact = json.loads(path.read_text())
    contract_type = ContractType.model_validate(
        {
            "contractName": name,
            "abi": artifact["abi"],
            "deploymentBytecode": {"bytecode": "0x" + artifact["evm"]["bytecode"]["object"]},
            "runtimeBytecode": {"bytecode": "0x" + artifact["evm"]["deployedBytecode"]["object"]},
        }
    )
    return ContractContainer(contract_type)


def deploy_uniswap_v2(deployer: AccountAPI) -> UniswapV2:
    """Deploy UniswapV2Factory (fee switch off), WETH9 and UniswapV2Router02 from ``deployer``.

    Raises:
        FileNotFoundError: the npm artifacts are missing.
    """
    factory = deployer.deploy(artifact_container("core", "UniswapV2Factory"), deployer)
    weth = deployer.deploy(artifact_container("periphery", "WETH9"))
    router = deployer.deploy(artifact_container("periphery", "UniswapV2Router02"), factory, weth)
    return UniswapV2(factory=factory, weth=weth, router=router)
