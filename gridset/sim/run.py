"""Run a simulated day end to end and write its outputs (used by `ape run simulate` and tests)."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from gridset.sim.broker_module import BrokerModule
from gridset.sim.governance_module import GovernanceModule
from gridset.sim.intraday_module import IntradayModule
from gridset.sim.leg_module import LegModule
from gridset.sim.market_module import MarketModule
from gridset.sim.netting_module import NettingModule
from gridset.sim.oracle_module import OracleModule
from gridset.sim.report import day_gas_figures, plot_day, results_document, slot_table, write_json
from gridset.sim.simulation import SimConfig, SimModule, Simulation, build_simulation


@dataclass(frozen=True)
class RunOutput:
    """Where a run's results went and how long it took (wall-clock seconds)."""

    simulation: Simulation
    results_json: Path
    chart_png: Path
    wall_seconds: float


def default_modules(proposal_slot: int | None = None, netting: bool = True) -> list[SimModule]:
    """The modules of the full community day, in the order their columns appear.

    Args:
        proposal_slot: Day slot index of the governance proposal (None: 12:00 local time if
            simulated, else the middle simulated slot).
        netting: End the day with a private netting round (a real proof, about a minute at 20
            households).
    """
    modules: list[SimModule] = [
        OracleModule(),
        MarketModule(),
        IntradayModule(),  # before GovernanceModule: funds staking from the deployer's GRID
        GovernanceModule(proposal_slot=proposal_slot),
        BrokerModule(),
        LegModule(),
    ]
    if netting:
        modules.append(NettingModule())
    return modules


def run_day(
    config: SimConfig,
    chain: Any,
    test_accounts: Any,
    out_dir: Path,
    console: Console | None = None,
    modules: list[SimModule] | None = None,
) -> RunOutput:
    """Build the community, run every event with a progress bar, print the table and summary,
    and write ``results.json`` and ``day.png`` into ``out_dir``.

    Raises:
        OptionError, ValueError: invalid configuration (one-line messages).
    """
    # Logs and CI are not terminals: give the wide table room instead of Rich's 80 columns.
    console = console or Console(width=None if sys.stdout.isatty() else 170)
    started = time.monotonic()
    with console.status("Modelling the community and deploying its contracts..."):
        sim = build_simulation(config, chain, test_accounts, modules or default_modules())
    with Progress(
        TextColumn("[bold]simulating"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=console,
    ) as progress:
        task = progress.add_task("", total=len(sim.events()))

        def on_done(event: Any) -> None:
            where = "day" if event.slot_index < 0 else f"slot {event.slot_index + 1}"
            label = f"{where}: {event.label}"
            progress.update(task, advance=1, description=label)

        sim.run(on_done)
    figures = day_gas_figures(sim)
    wall = time.monotonic() - started
    console.print(slot_table(sim))
    for summary in [*sim.summary.values(), figures]:
        for line in summary.lines():
            console.print(line)
    console.print(f"wall time {wall:.1f} s")
    results = out_dir / "results.json"
    chart = out_dir / "day.png"
    write_json(results, results_document(sim, figures, wall))
    plot_day(chart, sim)
    console.print(f"results: {results}\nchart:   {chart}")
    return RunOutput(simulation=sim, results_json=results, chart_png=chart, wall_seconds=wall)
