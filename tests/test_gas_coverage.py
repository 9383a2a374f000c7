"""Every state-changing entry point our contracts declare has a figure in the gas benchmark.

The committed benchmark (``ape run bench`` → ``benchmarks/gas.json``) is checked against the
compiled ABIs of the project's own deployable contracts, limited to the functions declared in
our own sources (the contract and its bases under ``contracts/``): what a contract inherits
unchanged from OpenZeppelin (ERC-20/721 transfers and allowances, votes, role administration,
Governor and timelock steps) is OpenZeppelin's to measure. A new entry point without a measured
case fails here. Entry points only another of our contracts may call are measured inside that
caller's figure (listed below), and the proof verifier's ``submitNetting`` is measured per
circuit size in ``benchmarks/zk.json`` (``ape run netting_bench``).
"""

import itertools
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONTRACTS = ROOT / "contracts"
BENCHMARKS = ROOT / "benchmarks"
# Not ours: test helpers, generated verifiers, copies of dependencies that compilation caches.
SKIPPED_PARTS = {"test", "generated", ".cache"}
# Entry points only another of our contracts may call: measured inside the caller's figure.
MEASURED_IN_CALLER: dict[str, str] = {
    # Only the linked oracle (when a panel's accepted value changes) / the PanelNFT (retire).
    "PanelRegistry.reportProduction": "EnergyOracle.reportProduction[quorum reached]",
    "PanelRegistry.onPanelRetired": "PanelNFT.retire[registered]",
    # onlyFactory: the factory's governed setters forward to the pool.
    "EnergyBrokerPool.setFees": "EnergyBrokerFactory.setPoolFees[update]",
    "EnergyBrokerPool.setPaused": "EnergyBrokerFactory.pausePool[update]",
    "EnergyBrokerPool.setRateProvider": "EnergyBrokerFactory.setPoolRateProvider[update]",
    # RELAYER_ROLE (the OrderRelay) only, once per relayed entry.
    "EnergyMarket.placeOrderFor": "OrderRelay.placeOrders[per bid, batch of 1]",
    # SETTLEMENT_ROLE (the engine) only, in its batch path (claims, payouts to internal balances).
    "EnergyMarket.claimAllToBalance": "SettlementEngine.settleBatch[per participant, batch of 50]",
    "EnergyMarket.creditEscrow": "SettlementEngine.settleBatch[per participant, batch of 50]",
    # SETTLEMENT_ROLE (the engine) only, when it settles a CDA seller.
    "CdaMarket.settleSale": "SettlementEngine.settleParticipant[CDA seller, shortfall penalised]",
    # Only the provider's pool, on every swap (the period-close case is the dearest).
    "DynamicRateProvider.onPoolUpdate": (
        "EnergyBrokerPool.swapExactIn[constantSum-dynamicRate-period-close]"
    ),
}


def _own_contracts() -> dict[str, tuple[bool, str, list[str]]]:
    """Each contract under ``contracts/``: (deployable, its body, the names it inherits from)."""
    contracts = {}
    for path in CONTRACTS.rglob("*.sol"):
        if SKIPPED_PARTS.isdisjoint(path.relative_to(CONTRACTS).parts):
            text = path.read_text()
            units = r"^(abstract contract|contract|interface|library) (\w+)(?:\s+is\s([^{]*))?\s*\{"
            heads = list(re.finditer(units, text, re.M))
            for head, after in itertools.pairwise([*heads, None]):
                if head.group(1).endswith("contract"):
                    body = text[head.end() : after.start() if after else len(text)]
                    bases = re.findall(r"\w+", head.group(3) or "")
                    contracts[head.group(2)] = (head.group(1) == "contract", body, bases)
    return contracts


def _declared_functions(name: str, contracts: dict) -> set[str]:
    """Functions declared by contract ``name`` or by its bases among our own contracts."""
    _, body, bases = contracts[name]
    names = set(re.findall(r"\bfunction (\w+)\s*\(", body))
    for base in bases:
        if base in contracts:
            names |= _declared_functions(base, contracts)
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


def test_every_state_changing_function_we_declare_has_a_gas_figure(project):
    measured, contracts = _measured_functions(), _own_contracts()
    missing = set()
    for name, (deployable, _, _) in sorted(contracts.items()):
        if not deployable:
            continue
        declared = _declared_functions(name, contracts)
        for abi in getattr(project, name).contract_type.mutable_methods:
            function = f"{name}.{abi.name}"
            if abi.name in declared and function not in {*MEASURED_IN_CALLER, *measured}:
                missing.add(function)
    assert not missing, f"state-changing functions without a gas figure: {sorted(missing)}"


def test_declared_functions__inherited_openzeppelin_left_out_own_bases_included():
    contracts = _own_contracts()
    watt = _declared_functions("WattToken", contracts)
    assert {"mint", "redeem", "pause"} <= watt
    assert not {"transfer", "approve", "permit", "grantRole"} & watt
    assert _declared_functions("GovernanceTimelock", contracts) == set()
    # Utility inherits UtilityBase (ours, abstract): its functions count as Utility's.
    base = _declared_functions("UtilityBase", contracts)
    assert base and base <= _declared_functions("Utility", contracts)
    assert not contracts["UtilityBase"][0]
