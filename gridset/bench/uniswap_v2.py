"""Uniswap V2 as shipped in npm: the baseline the Energy Broker's gas is compared against.

``@uniswap/v2-core`` and ``@uniswap/v2-periphery`` carry compiled Waffle artifacts (``abi``,
``evm.bytecode.object``); Router02 derives pair addresses from the init-code hash of the pair in
these same artifacts, so they work together unchanged.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ape import project
from ape.api import AccountAPI
from ape.contracts import ContractContainer, ContractInstance
from ethpm_types import ContractType


@dataclass
class UniswapV2:
    """A deployed Uniswap V2: factory, WETH9 and Router02."""

    factory: ContractInstance
    weth: ContractInstance
    router: ContractInstance

    def pair(self, token_a: ContractInstance, token_b: ContractInstance) -> ContractInstance:
        """The pair contract of two tokens (created by the first ``addLiquidity``).

        Raises:
            LookupError: no pair exists yet.
        """
        address = self.factory.getPair(token_a, token_b)
        if int(address, 16) == 0:
            raise LookupError(f"no Uniswap V2 pair for {token_a.address}/{token_b.address}")
        return artifact_container("core", "UniswapV2Pair").at(address)


def artifact_container(package: str, name: str) -> ContractContainer:
    """An Ape container of artifact ``name`` of ``@uniswap/v2-<package>`` (``core`` or
    ``periphery``) in the project's node_modules.

    Raises:
        FileNotFoundError: ``npm ci`` has not installed the Uniswap packages.
    """
    path = Path(project.path) / f"node_modules/@uniswap/v2-{package}/build/{name}.json"
    evm = (artifact := json.loads(path.read_text()))["evm"]
    code = {"deploymentBytecode": evm["bytecode"], "runtimeBytecode": evm["deployedBytecode"]}
    return ContractContainer(
        ContractType.model_validate(
            {"contractName": name, "abi": artifact["abi"]}
            | {key: {"bytecode": "0x" + value["object"]} for key, value in code.items()}
        )
    )


def deploy_uniswap_v2(deployer: AccountAPI) -> UniswapV2:
    """Deploy UniswapV2Factory (fee switch off), WETH9 and UniswapV2Router02 from ``deployer``.

    Raises:
        FileNotFoundError: the npm artifacts are missing.
    """
    factory = deployer.deploy(artifact_container("core", "UniswapV2Factory"), deployer)
    weth = deployer.deploy(artifact_container("periphery", "WETH9"))
    router = deployer.deploy(artifact_container("periphery", "UniswapV2Router02"), factory, weth)
    return UniswapV2(factory=factory, weth=weth, router=router)
