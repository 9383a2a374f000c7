"""Gas of every entry point EnergyToken, PanelNFT, PanelRegistry, EnergyOracle and the payment
token WattToken declare, and of a token / panel transfer; functions inherited from OpenZeppelin
(approve, permit, role administration, WattToken's burn and transferFrom) are not measured.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from ape import accounts, chain, project

from gridset.bench import GasTable
from gridset.chain_time import advance_to, next_slot_start
from gridset.deploy.core import deploy_suite
from gridset.deploy.params import DeployParams, OracleParams
from gridset.oracle_aggregate import build_report, sign_report
from gridset.sim.report import BLOCK_GAS
from gridset.units import WATT

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
    _watt(table, suite.payment_token, deployer, alice, bob, carol)
    panels = _panels(table, suite, installer, alice, bob)
    _links(table, deployer)
    _oracle(table, suite, accounts, panels)
    _aggregated(table, suite, installer, (op1, op2, op3), alice)


def _token(table: GasTable, token: Any, admin: Any, alice: Any, bob: Any) -> None:
    token.grantRole(token.MINTER_ROLE(), admin, sender=admin)
    token.grantRole(token.ESCROW_ROLE(), admin, sender=admin)
    table.calls(
        token,
        [
            (admin, "mint", "[new holder]", alice, 10_000),
            (admin, "mint", "[existing holder]", alice, 10_000),
            (alice, "transfer", "[no lock]", bob, 1_000),
            (admin, "lock", "[first]", alice, 5_000),
            (alice, "transfer", "[with lock]", bob, 1_000),
            (admin, "unlock", "", alice, 1_000),
            (admin, "transferLocked", "", alice, bob, 1_000),
            (alice, "approve", None, bob, 2_000),
            (bob, "burn", "[own]", bob, 100),
            (bob, "burn", "[spender]", alice, 100),
        ],
    )


def _watt(table: GasTable, token: Any, issuer: Any, alice: Any, bob: Any, carol: Any) -> None:
    """Issue, move, redeem and govern WATT (amounts: a household's top-ups of a few hundred WATT);
    ``issuer`` holds DEFAULT_ADMIN_ROLE. Mints run with three attestors (quorum 2), fresh."""
    token.grantRole(token.MINTER_ROLE(), issuer, sender=issuer)
    table.calls(
        token,
        [
            (issuer, "configureMinter", "[allowance]", issuer, 1_000_000 * WATT),
            (issuer, "addAttestor", "[first]", issuer),
            (issuer, "addAttestor", None, bob),
            (issuer, "addAttestor", None, carol),
            (issuer, "setAttestationRules", "[quorum 2]", 2, 24 * 3600),
            (issuer, "attestReserves", "[first]", 100_000 * WATT),
            (bob, "attestReserves", None, 100_000 * WATT),
            (issuer, "attestReserves", "[update]", 100_000 * WATT),
            (issuer, "mint", "[new holder]", alice, 500 * WATT),
            (issuer, "mint", "[existing holder]", alice, 500 * WATT),
            (alice, "transfer", "[new holder]", bob, 200 * WATT),
            (alice, "transfer", "[existing holder]", bob, 50 * WATT),
            (alice, "redeem", "[first request]", 10 * WATT, b"iban-hash".ljust(32, b"\x00")),
            (issuer, "grantRole", None, token.REDEEMER_ROLE(), issuer),
            (issuer, "fulfilRedemption", "[open]", 0),
            (issuer, "grantRole", None, token.BLACKLISTER_ROLE(), issuer),
            (issuer, "setBlacklisted", "[add]", carol, True),
            (issuer, "setBlacklisted", None, carol, False),
            (issuer, "grantRole", None, token.PAUSER_ROLE(), issuer),
            (issuer, "pause", "[]"),
            (issuer, "unpause", "[]"),
            (issuer, "removeAttestor", "[last]", carol),
        ],
    )


def _mint(nft: Any, installer: Any, owner: Any, capacity_w: int = 5000) -> tuple[Any, int]:
    tx = nft.mint(owner, "ipfs://bafy-panel-metadata", capacity_w, sender=installer)
    return tx, tx.events.filter(nft.PanelMinted)[0].tokenId


def _panels(table: GasTable, suite: Any, installer: Any, alice: Any, bob: Any) -> list[int]:
    nft, registry = suite.panel_nft, suite.panel_registry
    tx, first = _mint(nft, installer, alice)
    table.record("PanelNFT.mint", tx)
    table.call(registry, "registerPanel", "[by owner]", first, alice, 5000, sender=alice)
    _, second = _mint(nft, installer, alice)
    table.call(registry, "registerPanel", "[by registrar]", second, alice, 5000, sender=installer)
    _, moved = _mint(nft, installer, alice)
    table.call(nft, "transferFrom", "[unregistered]", alice, bob, moved, sender=alice)
    registry.registerPanel(moved, bob, 5000, sender=bob)
    table.call(registry, "deregisterPanel", "", moved, sender=bob)
    table.call(nft, "retire", "[unregistered]", moved, sender=bob)
    _, retired = _mint(nft, installer, bob)
    registry.registerPanel(retired, bob, 5000, sender=bob)
    table.call(nft, "retire", "[registered]", retired, sender=bob)
    return [first, second]


def _links(table: GasTable, admin: Any) -> None:
    """The one-time links ``deploy_suite`` makes, on a second, bare set of panel contracts."""
    nft = admin.deploy(project.PanelNFT, admin)
    registry = admin.deploy(project.PanelRegistry, admin, nft, SLOT)
    oracle = admin.deploy(project.EnergyOracle, admin, registry, WINDOW)
    table.call(nft, "setRegistry", "[once]", registry, sender=admin)
    table.call(registry, "setOracle", "[once]", oracle, sender=admin)


def _oracle(table: GasTable, suite: Any, accounts: Sequence[Any], panels: list[int]) -> None:
    """Single and batched reports by each operator, finalisation, a deviation flag, operator
    rotation and the oracle's setters; ``accounts`` as in :func:`run`."""
    admin, installer, op1, op2, op3, owner, _, newcomer = accounts[:8]
    oracle, nft, registry = suite.energy_oracle, suite.panel_nft, suite.panel_registry
    fleet = list(panels)
    fleet += _grow_fleet(nft, registry, installer, max(BATCH_SIZES) + 1 - len(fleet))
    slot = next_slot_start(chain.pending_timestamp + SLOT, SLOT)
    advance_to(chain, slot + (len(BATCH_SIZES) + 1) * SLOT)
    table.calls(
        oracle,
        [
            (op1, "reportProduction", "[1st operator]", fleet[0], slot, 1000),
            (op2, "reportProduction", "[quorum reached]", fleet[0], slot, 1010),
            (op3, "reportProduction", "[3rd operator]", fleet[0], slot, 990),
            (op1, "reportProduction", "[correction]", fleet[0], slot, 1005),
        ],
    )
    for n, size in enumerate(BATCH_SIZES, start=1):
        # Each batch size reports fresh (slot, panel) pairs in its own slot.
        args = (slot + n * SLOT, fleet[1 : 1 + size], [1100 + i % 50 for i in range(size)])
        function, batch = "reportProductionBatch", f"[{size} panels, "
        table.call(oracle, function, batch + "1st operator]", *args, sender=op1)
        quorum = table.call(oracle, function, batch + "quorum reached]", *args, sender=op2)
        table.record(
            f"EnergyOracle.{function}[per panel, {size}-panel batch, quorum reached]",
            int(quorum.gas_used) // size,
        )
    for operator, value in ((op1, 1200), (op2, 600), (op3, 610)):
        oracle.reportProductionBatch(slot, [fleet[1]], [value], sender=operator)
    advance_to(chain, slot + SLOT + WINDOW)
    table.calls(
        oracle,
        [
            (owner, "finalizeTimeSlot", "", slot),
            (owner, "flagDeviation", "", slot, fleet[1], op1),
            (admin, "addOperator", "", newcomer),
            (admin, "setQuorum", "", 3),
            (newcomer, "updateOracle", "", installer),
        ],
    )
    # The rotated operator reports a later slot, is removed, and its report is discarded.
    later = next_slot_start(chain.pending_timestamp + SLOT, SLOT)
    advance_to(chain, later + SLOT)
    table.calls(
        oracle,
        [
            (installer, "reportProduction", None, fleet[2], later, 1000),
            (admin, "removeOperator", "", installer),
            (owner, "discardReports", "[1 panel]", later, [fleet[2]]),
            (admin, "setReportingWindow", "", 3600),
            (admin, "setDeviationTolerance", "", 300, 20),
        ],
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
    disputed = reports[-1][0].as_args()
    table.call(oracle, "disputeMedian", "[100 panels, voided]", disputed, 7, sender=caller)
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
    table.call(oracle, "proveDeviation", "", report.as_args(), signatures[2], 0, sender=caller)
