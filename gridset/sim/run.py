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
from gridset.sim.report import (
    BLOCK_GAS,
    day_gas_figures,
    plot_day,
    results_document,
    slot_table,
    write_json,
)
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
    sim.summary.update(day_gas_figures(sim))
    wall = time.monotonic() - started
    console.print(slot_table(sim))
    _print_summary(console, sim, wall)
    results = out_dir / "results.json"
    chart = out_dir / "day.png"
    write_json(results, results_document(sim, wall))
    plot_day(chart, sim)
    console.print(f"results: {results}\nchart:   {chart}")
    return RunOutput(simulation=sim, results_json=results, chart_png=chart, wall_seconds=wall)


def _print_summary(console: Console, sim: Simulation, wall: float) -> None:
    oracle = sim.summary.get("oracle", {})
    if oracle:
        console.print(
            f"[bold]Summary[/bold]: PV model {oracle['production_model_wh'] / 1000:.2f} kWh, "
            f"finalised on chain {oracle['production_onchain_wh'] / 1000:.2f} kWh, "
            f"load {oracle['load_wh'] / 1000:.2f} kWh, {oracle['panels']} panels; "
            f"oracle transactions {sum(oracle['transactions'].values())}, "
            f"gas {sum(oracle['gas'].values()):,}"
        )
    market = sim.summary.get("market", {})
    if market:
        price = market["average_price"]
        console.print(
            f"Market: {market['orders']} orders, {market['slots_traded']} slots traded, "
            f"cleared {market['cleared_wh'] / 1000:.2f} kWh at "
            f"{'-' if price is None else f'{price / 10**18:.3f}'} WATT/kWh on average, "
            f"delivered {market['delivered_wh'] / 1000:.2f} kWh, "
            f"shortfall {market['shortfall_wh'] / 1000:.2f} kWh, "
            f"penalties {market['penalties'] / 10**18:.3f} WATT, "
            f"fees {market['fees'] / 10**18:.4f} WATT; "
            f"transactions {sum(market['transactions'].values())}, "
            f"gas {sum(market['gas'].values()):,}"
        )
    broker = sim.summary.get("broker", {})
    if broker:
        reserves = broker["final_reserves"]
        console.print(
            f"Broker: {len(broker['swaps'])} credit sales, "
            f"{broker['credits_sold_wh'] / 1000:.2f} kWh "
            f"for {broker['watt_paid'] / 10**18:.3f} WATT; "
            f"pool now holds {reserves['credits_wh'] / 1000:.2f} kWh "
            f"and {reserves['watt'] / 10**18:.2f} WATT"
        )
    leg = sim.summary.get("leg", {})
    if leg:
        console.print(
            f"LEG: {len(leg['trades'])} compute trades, {leg['compute_wh'] / 1000:.2f} kWh, "
            f"hubs paid {leg['paid_to_sellers'] / 10**18:.3f} WATT, "
            f"network fees {leg['fees'] / 10**18:.4f} WATT, heat credits "
            f"{sum(leg['heat_credits_wh'].values()) / 1000:.2f} kWh thermal"
        )
    governance = sim.summary.get("governance", {})
    if governance.get("proposal_id"):
        votes, before, after = governance["votes"], governance["before"], governance["after"]
        executed = governance["executed_at_slot_index"]
        effect = (
            f"penalty {before['penalty_price_per_kwh'] / 10**18:.3f} -> "
            f"{after['penalty_price_per_kwh'] / 10**18:.3f} WATT/kWh from slot "
            f"{governance['first_slot_settled_at_new_price']}, oracle operators "
            f"{before['oracle_operators']} -> {after['oracle_operators']}"
            if after
            else "no change"
        )
        console.print(
            f"Governance: proposal {governance['state']} (For {votes['for'] / 10**18:,.0f}, "
            f"Against {votes['against'] / 10**18:,.0f}, "
            f"Abstain {votes['abstain'] / 10**18:,.0f} GRID), "
            f"{'executed in slot ' + str(executed) if executed is not None else 'not executed'}; "
            f"{effect}; transactions {sum(governance['transactions'].values())}, "
            f"gas {sum(governance['gas'].values()):,}"
        )
    netting = sim.summary.get("netting", {})
    if netting:
        _print_netting(console, netting)
    _print_gas_figures(console, sim.summary)
    console.print(f"wall time {wall:.1f} s")


def _print_gas_figures(console: Console, summary: dict[str, Any]) -> None:
    """Gas per household and slot, per kWh traded, and households per block per slot."""
    per_household, per_kwh = summary["gas_per_household_slot"], summary["gas_per_kwh_traded"]
    if not per_household:
        return  # no oracle or market stage in this run: nothing counted
    counted = summary["gas_counted"]
    console.print(
        f"[bold]Gas per household and slot[/bold]: {per_household:,} (oracle "
        f"{counted['oracle']:,} + market {counted['market']:,} gas for the day); per kWh traded "
        f"{'-' if per_kwh is None else f'{per_kwh:,}'}; a {BLOCK_GAS / 1e6:.0f} M-gas block per "
        f"slot serves {summary['households_per_block']:,} households"
    )


def _print_netting(console: Console, netting: dict[str, Any]) -> None:
    """The private netting block: per group circuit, round, proof and gas; balances in kWh."""
    console.print(
        f"[bold]Private netting[/bold] of the unsettled balances: {netting['households']} "
        f"households, sum |balance| {netting['abs_before_kwh']:.2f} kWh before -> "
        f"{netting['abs_after_kwh']:.2f} kWh after"
    )
    for group in netting["groups"]:
        console.print(
            f"  DUtility {group['dutility']}: round {group['round']}, {len(group['households'])}"
            f" households on the {group['seats']}-seat circuit, {len(group['deeds'])} transfers;"
            f" proof {group['proving_seconds']:.1f} s (witness {group['witness_seconds']:.1f} s),"
            f" verified on chain: submitNetting gas {group['submit_netting_gas']:,},"
            f" commitments gas {group['commitment_gas']:,}"
        )
    keys = netting["keys"]
    one_time = ", ".join(
        f"{k['seats']} seats: setup {k['setup_seconds']:.0f} s" for k in keys["one_time"]
    )
    state = (
        f"built now in {keys['build_seconds']:.0f} s beside the simulation"
        if keys["built_now"]
        else "cached in zk/build/"
    )
    console.print(
        f"  proving keys ({one_time}): {state}, waited {keys['waited_seconds']:.0f} s; "
        f"reading balances {netting['read_seconds']:.1f} s, netting round "
        f"{netting['round_seconds']:.1f} s"
    )
