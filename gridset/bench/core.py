"""Gas of every entry point EnergyToken, PanelNFT, PanelRegistry, EnergyOracle and the payment
token WattToken (:mod:`gridset.bench.tokens`) declare, and of a token / panel transfer; functions
inherited from OpenZeppelin (approve, permit, role administration) are not measured.

PanelRegistry.reportProduction and PanelRegistry.onPanelRetired are callable only by the linked
EnergyOracle and PanelNFT: they are measured inside EnergyOracle.reportProduction[quorum reached]
and PanelNFT.retire[registered].
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from ape import accounts, chain, project

from gridset.bench import GasTable
from gridset.bench.tokens import watt
from gridset.chain_time import advance_to, next_slot_start
from gridset.deploy.core import deploy_suite
from gridset.deploy.params import DeployParams, OracleParams
from gridset.oracle_aggregate import build_report, sign_report
from gridset.sim.report import BLOCK_GAS

SLOT = 900
WINDOW = 3 * 3600  # room for one slot per batch size
BATCH_SIZES = (1, 10, 100)
#: Panels per aggregated report measured (issue 11 target: <= 3,000 gas per panel, all operators
#: and finalisation included).
AGGREGATE_SIZES = (100, 1000)
#: Panels registered per owner in the benchmark's fleet (below MAX_PANELS_PER_OWNER).
PANELS_PER_OWNER = 25
#: First panel id of the aggregated reports (a multiple of CHUNK_PANELS).
AGGREGATE_START = 256


def run(table: GasTable, accounts: Sequence[Any]) -> None:
    """Deploy a fresh core suite and record the gas of each entry point with realistic inputs."""
    deployer, installer, op1, op2, op3, alice, bob, carol = accounts[:8]
    params = DeployParams(
        slot_seconds=SLOT,
        admin="deployer",  # setters are measured directly, not through proposals
        installers=(installer.address,),
        registrars=(installer.address,),
        oracle=OracleParams(
            reporting_window=WINDOW, quorum=2, operators=(op1.address, op2.address, op3.address)
        ),
    )
    suite = deploy_suite(deployer, params)
    _token(table, suite.energy_token, deployer, alice, bob)
    watt(table, suite.payment_token, deployer, alice, bob, carol)
    panels = _panels(table, suite, installer, alice, bob)
    _links(table, deployer)
    _oracle(table, suite, deployer, installer, (op1, op2, op3), alice, carol, panels)
    _aggregated(table, suite, installer, (op1, op2, op3), alice)


def _token(table: GasTable, token: Any, admin: Any, alice: Any, bob: Any) -> None:
    token.grantRole(token.MINTER_ROLE(), admin, sender=admin)
    token.grantRole(token.ESCROW_ROLE(), admin, sender=admin)
    table.record("EnergyToken.mint[new holder]", token.mint(alice, 10_000, sender=admin))
    table.record("EnergyToken.mint[existing holder]", token.mint(alice, 10_000, sender=admin))
    table.record("EnergyToken.transfer[no lock]", token.transfer(bob, 1_000, sender=alice))
    table.record("EnergyToken.lock[first]", token.lock(alice, 5_000, sender=admin))
    table.record("EnergyToken.transfer[with lock]", token.transfer(bob, 1_000, sender=alice))
    table.record("EnergyToken.unlock", token.unlock(alice, 1_000, sender=admin))
    table.record(
        "EnergyToken.transferLocked", token.transferLocked(alice, bob, 1_000, sender=admin)
    )
    token.approve(bob, 2_000, sender=alice)
    table.record("EnergyToken.burn[own]", token.burn(bob, 100, sender=bob))
    table.record("EnergyToken.burn[spender]", token.burn(alice, 100, sender=bob))


def _mint(nft: Any, installer: Any, owner: Any, capacity_w: int = 5000) -> tuple[Any, int]:
    tx = nft.mint(owner, "ipfs://bafy-panel-metadata", capacity_w, sender=installer)
    return tx, tx.events.filter(nft.PanelMinted)[0].tokenId


def _panels(table: GasTable, suite: Any, installer: Any, alice: Any, bob: Any) -> list[int]:
    nft, registry = suite.panel_nft, suite.panel_registry
    tx, first = _mint(nft, installer, alice)
    table.record("PanelNFT.mint", tx)
    table.record(
        "PanelRegistry.registerPanel[by owner]",
        registry.registerPanel(first, alice, 5000, sender=alice),
    )
    _, second = _mint(nft, installer, alice)
    table.record(
        "PanelRegistry.registerPanel[by registrar]",
        registry.registerPanel(second, alice, 5000, sender=installer),
    )
    _, moved = _mint(nft, installer, alice)
    table.record(
        "PanelNFT.transferFrom[unregistered]", nft.transferFrom(alice, bob, moved, sender=alice)
    )
    registry.registerPanel(moved, bob, 5000, sender=bob)
    table.record("PanelRegistry.deregisterPanel", registry.deregisterPanel(moved, sender=bob))
    table.record("PanelNFT.retire[unregistered]", nft.retire(moved, sender=bob))
    _, retired = _mint(nft, installer, bob)
    registry.registerPanel(retired, bob, 5000, sender=bob)
    table.record("PanelNFT.retire[registered]", nft.retire(retired, sender=bob))
    return [first, second]


def _links(table: GasTable, admin: Any) -> None:
    """The one-time links ``deploy_suite`` makes, on a second, bare set of panel contracts."""
    nft = admin.deploy(project.PanelNFT, admin)
    registry = admin.deploy(project.PanelRegistry, admin, nft, SLOT)
    oracle = admin.deploy(project.EnergyOracle, admin, registry, WINDOW)
    table.record("PanelNFT.setRegistry[once]", nft.setRegistry(registry, sender=admin))
    table.record("PanelRegistry.setOracle[once]", registry.setOracle(oracle, sender=admin))


def _oracle(
    table: GasTable,
    suite: Any,
    admin: Any,
    installer: Any,
    operators: tuple[Any, Any, Any],
    owner: Any,
    newcomer: Any,
    panels: list[int],
) -> None:
    oracle, nft, registry = suite.energy_oracle, suite.panel_nft, suite.panel_registry
    op1, op2, op3 = operators
    fleet = list(panels)
    fleet += _grow_fleet(nft, registry, installer, max(BATCH_SIZES) + 1 - len(fleet))
    slot = next_slot_start(chain.pending_timestamp + SLOT, SLOT)
    advance_to(chain, slot + (len(BATCH_SIZES) + 1) * SLOT)
    single = fleet[0]
    table.record(
        "EnergyOracle.reportProduction[1st operator]",
        oracle.reportProduction(single, slot, 1000, sender=op1),
    )
    table.record(
        "EnergyOracle.reportProduction[quorum reached]",
        oracle.reportProduction(single, slot, 1010, sender=op2),
    )
    table.record(
        "EnergyOracle.reportProduction[3rd operator]",
        oracle.reportProduction(single, slot, 990, sender=op3),
    )
    table.record(
        "EnergyOracle.reportProduction[correction]",
        oracle.reportProduction(single, slot, 1005, sender=op1),
    )
    for n, size in enumerate(BATCH_SIZES, start=1):
        # Each batch size reports fresh (slot, panel) pairs in its own slot.
        ids, batch_slot = fleet[1 : 1 + size], slot + n * SLOT
        values = [1100 + i % 50 for i in range(size)]
        first = oracle.reportProductionBatch(batch_slot, ids, values, sender=op1)
        quorum = oracle.reportProductionBatch(batch_slot, ids, values, sender=op2)
        table.record(f"EnergyOracle.reportProductionBatch[{size} panels, 1st operator]", first)
        table.record(f"EnergyOracle.reportProductionBatch[{size} panels, quorum reached]", quorum)
        table.record(
            f"EnergyOracle.reportProductionBatch[per panel, {size}-panel batch, quorum reached]",
            int(quorum.gas_used) // size,
        )
    oracle.reportProductionBatch(slot, [fleet[1]], [1200], sender=op1)
    oracle.reportProductionBatch(slot, [fleet[1]], [600], sender=op2)
    oracle.reportProductionBatch(slot, [fleet[1]], [610], sender=op3)
    advance_to(chain, slot + SLOT + WINDOW)
    table.record("EnergyOracle.finalizeTimeSlot", oracle.finalizeTimeSlot(slot, sender=owner))
    table.record(
        "EnergyOracle.flagDeviation", oracle.flagDeviation(slot, fleet[1], op1, sender=owner)
    )
    table.record("EnergyOracle.addOperator", oracle.addOperator(newcomer, sender=admin))
    table.record("EnergyOracle.setQuorum", oracle.setQuorum(3, sender=admin))
    table.record("EnergyOracle.updateOracle", oracle.updateOracle(installer, sender=newcomer))
    # The rotated operator reports a later slot, is removed, and its report is discarded.
    later = next_slot_start(chain.pending_timestamp + SLOT, SLOT)
    advance_to(chain, later + SLOT)
    oracle.reportProduction(fleet[2], later, 1000, sender=installer)
    table.record("EnergyOracle.removeOperator", oracle.removeOperator(installer, sender=admin))
    table.record(
        "EnergyOracle.discardReports[1 panel]",
        oracle.discardReports(later, [fleet[2]], sender=owner),
    )
    table.record("EnergyOracle.setReportingWindow", oracle.setReportingWindow(3600, sender=admin))
    table.record(
        "EnergyOracle.setDeviationTolerance", oracle.setDeviationTolerance(300, 20, sender=admin)
    )


def _grow_fleet(nft: Any, registry: Any, installer: Any, count: int) -> list[int]:
    """Mint and register ``count`` panels (5000 W), PANELS_PER_OWNER per generated owner account
    (the registrar registers them); returns their ids."""
    ids: list[int] = []
    owner = None
    for n in range(count):
        if n % PANELS_PER_OWNER == 0:
            owner = accounts.test_accounts.generate_test_account()
        _, panel_id = _mint(nft, installer, owner)
        registry.registerPanel(panel_id, owner, 5000, sender=installer)
        ids.append(panel_id)
    return ids


def _aggregated(
    table: GasTable, suite: Any, installer: Any, operators: tuple[Any, Any, Any], caller: Any
) -> None:
    """One agreed report per slot (medians computed off chain, all three operators' readings and
    signatures), for 100 and 1,000 panels, and the slot's finalisation; the per-panel figures
    include both. Then a dispute of a wrong median and a deviation proof."""
    oracle, nft, registry = suite.energy_oracle, suite.panel_nft, suite.panel_registry
    # Reports cover chunk-aligned ids from AGGREGATE_START on, every one of them registered.
    _grow_fleet(
        nft, registry, installer, AGGREGATE_START + max(AGGREGATE_SIZES) - nft.totalSupply()
    )
    first = next_slot_start(chain.pending_timestamp + SLOT, SLOT)
    sizes = (*AGGREGATE_SIZES, min(AGGREGATE_SIZES))  # the last slot: a disputed report
    slots = [first + n * SLOT for n in range(len(sizes))]
    advance_to(chain, slots[-1] + SLOT)
    reports, gas = [], []
    for slot, size in zip(slots, sizes, strict=True):
        readings = {seat: [1000 + (i * 7 + seat) % 50 for i in range(size)] for seat in (1, 2, 3)}
        readings[3][0] = 1240  # the third operator misreads the first panel: proveDeviation below
        report = build_report(slot, AGGREGATE_START, readings, 2, [1250] * size)
        if len(reports) == len(AGGREGATE_SIZES):  # a transmitter's wrong median, disputed below
            report = replace(report, medians=[report.medians[0] + 1, *report.medians[1:]])
        signatures = [sign_report(oracle, op, report) for op in operators]
        tx = oracle.reportAggregated(report.as_args(), signatures, sender=caller)
        reports.append((report, signatures))
        gas.append(int(tx.gas_used))
        if len(reports) <= len(AGGREGATE_SIZES):
            table.record(f"EnergyOracle.reportAggregated[{size} panels, 3 operators]", tx)
    table.record(
        "EnergyOracle.disputeMedian[100 panels, voided]",
        oracle.disputeMedian(reports[-1][0].as_args(), 7, sender=caller),
    )
    advance_to(chain, slots[-1] + SLOT + WINDOW)
    per_panel = {}
    for slot, size, used in zip(slots, AGGREGATE_SIZES, gas, strict=False):
        final = oracle.finalizeTimeSlot(slot, sender=caller)
        per_panel[size] = table.record(
            f"EnergyOracle.reportAggregated[per panel, {size} panels]",
            (used + int(final.gas_used)) // size,
            note="the agreed report (3 operators) and the slot's finalisation, per panel",
        )
    table.record(
        "EnergyOracle.reportAggregated[households per 30M-gas block per slot]",
        BLOCK_GAS // per_panel[max(AGGREGATE_SIZES)],
        note="oracle only, one panel per household, 1,000-panel reports (count, not gas)",
    )
    report, signatures = reports[0]
    table.record(
        "EnergyOracle.proveDeviation",
        oracle.proveDeviation(report.as_args(), signatures[2], 0, sender=caller),
    )
