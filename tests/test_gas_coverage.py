"""Every state-changing entry point of our contracts has a figure in the gas benchmark.

The committed benchmark (``ape run bench`` → ``benchmarks/gas.json``) is checked against the
compiled ABIs of the project's own deployable contracts; a new entry point without a measured
case fails here. Two kinds of entry point are measured inside another figure, listed below with
the key that includes them, and the proof verifier's ``submitNetting`` is measured per circuit
size in ``benchmarks/zk.json`` (``ape run netting_bench``).
"""

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONTRACTS = ROOT / "contracts"
BENCHMARKS = ROOT / "benchmarks"
# Not ours: test helpers, generated verifiers, copies of dependencies that compilation caches.
SKIPPED_PARTS = {"test", "generated", ".cache"}
# Role administration inherited from OpenZeppelin AccessControl, identical in every contract and
# measured once on EnergyToken; token-receiver hooks that only token contracts call.
NOT_MEASURED = {
    "grantRole",
    "revokeRole",
    "renounceRole",
    "onERC721Received",
    "onERC1155Received",
    "onERC1155BatchReceived",
}
# Entry points only another of our contracts may call: measured inside the caller's figure.
MEASURED_IN_CALLER: dict[str, str] = {
    # Only the linked oracle (when a panel's accepted value changes) / the PanelNFT (retire).
    "PanelRegistry.reportProduction": "EnergyOracle.reportProduction[quorum reached]",
    "PanelRegistry.onPanelRetired": "PanelNFT.retire[registered]",
    # onlyFactory: the factory's governed setters forward to the pool.
    "EnergyBrokerPool.setFees": "EnergyBrokerFactory.setPoolFees[update]",
    "EnergyBrokerPool.setPaused": "EnergyBrokerFactory.pausePool[update]",
    "EnergyBrokerPool.setRateProvider": "EnergyBrokerFactory.setPoolRateProvider[update]",
    # SETTLEMENT_ROLE (the engine) only, when it settles a CDA seller.
    "CdaMarket.settleSale": "SettlementEngine.settleParticipant[CDA seller, shortfall penalised]",
    # Only the provider's pool, on every swap (the period-close case is the dearest).
    "DynamicRateProvider.onPoolUpdate": (
        "EnergyBrokerPool.swapExactIn[constantSum-dynamicRate-period-close]"
    ),
}


def _deployable_contracts() -> set[str]:
    names = set()
    for path in CONTRACTS.rglob("*.sol"):
        if SKIPPED_PARTS.isdisjoint(path.relative_to(CONTRACTS).parts):
            names.update(re.findall(r"^contract (\w+)", path.read_text(), re.M))
    return names


def _measured_functions() -> set[str]:
    figures = json.loads((BENCHMARKS / "gas.json").read_text())
    measured = {key.split("[")[0] for key in figures}
    zk = json.loads((BENCHMARKS / "zk.json").read_text())
    if all(circuit.get("submitNettingGas") for circuit in zk["circuits"]):
        measured.add("DUtility.submitNetting")
    return measured


def test_measured_in_caller__the_caller_figure_exists():
    figures = json.loads((BENCHMARKS / "gas.json").read_text())
    missing = {callee: key for callee, key in MEASURED_IN_CALLER.items() if key not in figures}
    assert not missing


def test_every_state_changing_function_has_a_gas_figure(project):
    measured = _measured_functions()
    missing = set()
    for name in sorted(_deployable_contracts()):
        for abi in getattr(project, name).contract_type.mutable_methods:
            function = f"{name}.{abi.name}"
            if abi.name in NOT_MEASURED or function in MEASURED_IN_CALLER:
                continue
            if function not in measured:
                missing.add(function)
    assert not missing, f"state-changing functions without a gas figure: {sorted(missing)}"
