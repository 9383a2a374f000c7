"""Results of a simulated day: the per-slot table, the summary, results JSON and a PNG chart."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")  # files only, no display needed
import matplotlib.pyplot as plt
from rich.table import Table

from gridset.sim.simulation import Column, Series, Simulation


def slot_table(sim: Simulation) -> Table:
    """A rich table with one row per simulated slot and every module's columns ("-" where a
    module has no record for the slot or no value)."""
    columns: list[Column] = [c for m in sim.modules for c in m.columns]
    minutes = sim.config.slot_seconds // 60
    table = Table(
        title=f"{sim.community.date}: {sim.config.households} households, {minutes}-min slots"
    )
    for column in columns:
        table.add_column(column.header, justify="left" if column.key == "local_time" else "right")
    for row in sim.slot_rows():
        table.add_row(
            *(
                "-" if row.get(column.key) is None else column.fmt(row[column.key])
                for column in columns
            )
        )
    return table


#: Gas of one block per slot in the "households a block can serve" figure (Ethereum L1, 2024).
BLOCK_GAS = 30_000_000


#: The modules whose gas the day's figures count: the oracle's and the market's.
COUNTED_MODULES = ("oracle", "market")


@dataclass(frozen=True)
class DayGasFigures:
    """The day's cost per household and slot (issue 11), the last keys of ``results.json``'s
    ``summary``.

    Attributes:
        gas_per_household_slot: all gas of the oracle's reports and finalisations and of the
            market's orders, clearing, settlement (claims folded in) and withdrawals, divided by
            households and slots (None: no slot or no household).
        gas_per_kwh_traded: the same gas per kWh the market cleared (None: nothing traded).
        households_per_block: how many households one BLOCK_GAS block per slot serves at that
            rate (None without a rate).
        gas_counted: gas per counted module (COUNTED_MODULES; 0 for one not run).
    """

    gas_per_household_slot: int | None
    gas_per_kwh_traded: int | None
    households_per_block: int | None
    gas_counted: dict[str, int]

    def lines(self) -> list[str]:
        """Gas per household and slot, per kWh traded, households per block (none if nothing
        was counted)."""
        per_household, per_kwh = self.gas_per_household_slot, self.gas_per_kwh_traded
        if not per_household:
            return []  # no oracle or market stage in this run: nothing counted
        counted = self.gas_counted
        return [
            f"[bold]Gas per household and slot[/bold]: {per_household:,} (oracle "
            f"{counted['oracle']:,} + market {counted['market']:,} gas for the day); per kWh "
            f"traded {'-' if per_kwh is None else f'{per_kwh:,}'}; a {BLOCK_GAS / 1e6:.0f} M-gas "
            f"block per slot serves {self.households_per_block:,} households"
        ]


def day_gas_figures(sim: Simulation) -> DayGasFigures:
    """The day's cost per household and slot from the oracle's and market's summaries (see
    DayGasFigures)."""
    summaries = {name: sim.summary.get(name) for name in COUNTED_MODULES}
    gas = {name: sum(s.gas.values()) if s else 0 for name, s in summaries.items()}
    total = sum(gas.values())
    household_slots = sim.config.households * len(sim.records)
    per_household_slot = round(total / household_slots) if household_slots else None
    market = summaries["market"]
    traded_kwh = market.cleared_wh / 1000 if market else 0
    return DayGasFigures(
        gas_per_household_slot=per_household_slot,
        gas_per_kwh_traded=round(total / traded_kwh) if traded_kwh else None,
        households_per_block=BLOCK_GAS // per_household_slot if per_household_slot else None,
        gas_counted=gas,
    )


def results_document(
    sim: Simulation, figures: DayGasFigures, wall_seconds: float
) -> dict[str, Any]:
    """The JSON-ready results: configuration, community, per-slot records, the modules'
    summaries (under their names) and the day's gas figures (after them)."""
    config = sim.config
    return {
        "config": {
            "households": config.households,
            "date": config.date.isoformat(),
            "slot_seconds": config.slot_seconds,
            "seed": config.seed,
            "start_slot": config.start_slot,
            "slots": len(sim.records),
            "operators": config.n_operators,
            "quorum": config.quorum,
            "meter_noise": config.meter_noise,
        },
        "site": {
            "name": sim.community.site.name,
            "latitude": sim.community.site.latitude,
            "longitude": sim.community.site.longitude,
            "utc_offset_hours": sim.community.site.utc_offset_hours,
        },
        "households": [
            {
                "id": h.id,
                "account": str(sim.actors.households[h.id].address),
                "annual_consumption_kwh": h.annual_consumption_kwh,
                "panels": [
                    {
                        "panel_id": pid,
                        "capacity_w": p.capacity_w,
                        "tilt_deg": p.tilt_deg,
                        "azimuth_deg": p.azimuth_deg,
                    }
                    for pid, p in zip(sim.panel_ids[h.id], h.panels, strict=True)
                ],
            }
            for h in sim.community.households
        ],
        "contracts": sim.suite.addresses(),
        "slots": sim.slot_rows(),
        "summary": {name: asdict(s) for name, s in sim.summary.items()} | asdict(figures),
        "wall_seconds": round(wall_seconds, 1),
    }


def write_json(path: Path, document: dict[str, Any]) -> None:
    """Write ``document`` as indented JSON to ``path`` (folders created)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=2, default=_plain) + "\n")


def _plain(value: Any) -> Any:
    """JSON fallback for numpy scalars."""
    if hasattr(value, "item"):
        return value.item()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def plot_day(path: Path, sim: Simulation) -> None:
    """Chart production vs load per slot (kWh) with community totals, then one panel per module
    series label (series with an empty label join the panel above)."""
    rows = sim.slot_rows()
    x = list(range(len(rows)))
    labels = [r["local_time"] for r in rows]
    panels: list[list[Series]] = []
    for series in (s for m in sim.modules for s in m.chart):
        if series.label or not panels:
            panels.append([series])
        else:
            panels[-1].append(series)
    fig, axes = plt.subplots(
        1 + len(panels), 1, figsize=(11, 4 + 2.2 * len(panels)), squeeze=False, sharex=True
    )
    ax = axes[0][0]
    production = [r["production_wh"] / 1000 for r in rows]
    load = [r["load_wh"] / 1000 for r in rows]
    ax.fill_between(
        x, production, alpha=0.3, color="goldenrod", label=f"PV model ({sum(production):.1f} kWh)"
    )
    if rows and "onchain_production_wh" in rows[0]:  # the run has an oracle stage
        onchain = [r["onchain_production_wh"] / 1000 for r in rows]
        label = f"finalised on chain ({sum(onchain):.1f} kWh)"
        ax.plot(x, onchain, color="darkorange", lw=1.5, label=label)
    ax.plot(x, load, color="steelblue", lw=1.5, label=f"load ({sum(load):.1f} kWh)")
    ax.set_ylabel("kWh per slot")
    site = sim.community.site.name
    ax.set_title(f"Community of {sim.config.households} households, {sim.community.date} ({site})")
    ax.legend(loc="upper left")
    for row, group in enumerate(panels, start=1):
        axis = axes[row][0]
        for series in group:
            values = [
                None if r.get(series.key) is None else r[series.key] * series.scale for r in rows
            ]
            axis.plot(x, values, lw=1.2, marker=".", label=series.key)
        axis.set_ylabel(group[0].label)
        if len(group) > 1:
            axis.legend(loc="upper left")
    step = max(1, len(x) // 12)
    for axis_row in axes:
        axis_row[0].set_xticks(x[::step], labels[::step])
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
