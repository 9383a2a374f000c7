"""Results of a simulated day: the per-slot table, the summary, results JSON and a PNG chart."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")  # files only, no display needed
import matplotlib.pyplot as plt
from rich.table import Table

from gridset.sim.simulation import Column, Series, Simulation


def slot_table(sim: Simulation) -> Table:
    """A rich table with one row per simulated slot and every module's columns."""
    columns: list[Column] = [c for m in sim.modules for c in m.columns]
    minutes = sim.config.slot_seconds // 60
    table = Table(
        title=f"{sim.community.date}: {sim.config.households} households, {minutes}-min slots"
    )
    for column in columns:
        table.add_column(column.header, justify="left" if column.key == "local_time" else "right")
    for record in sim.records:
        table.add_row(
            *(column.fmt(record[column.key]) if column.key in record else "-" for column in columns)
        )
    return table


#: Gas of one block per slot in the "households a block can serve" figure (Ethereum L1, 2024).
BLOCK_GAS = 30_000_000


def day_gas_figures(sim: Simulation) -> dict[str, Any]:
    """The day's cost per household and slot (issue 11): all gas of the oracle's reports and
    finalisations and of the market's orders, clearing, claims and settlement, divided by
    households and slots (``gas_per_household_slot``), and by the kWh the market cleared
    (``gas_per_kwh_traded``, None when nothing was traded); ``households_per_block`` is how many
    households one BLOCK_GAS block per slot serves at that rate."""
    gas = {
        module: sum(sim.summary.get(module, {}).get("gas", {}).values())
        for module in ("oracle", "market")
    }
    total = sum(gas.values())
    household_slots = sim.config.households * len(sim.records)
    per_household_slot = round(total / household_slots) if household_slots else None
    traded_kwh = sim.summary.get("market", {}).get("cleared_wh", 0) / 1000
    return {
        "gas_per_household_slot": per_household_slot,
        "gas_per_kwh_traded": round(total / traded_kwh) if traded_kwh else None,
        "households_per_block": BLOCK_GAS // per_household_slot if per_household_slot else None,
        "gas_counted": gas,
    }


def results_document(sim: Simulation, wall_seconds: float) -> dict[str, Any]:
    """The JSON-ready results: configuration, community, per-slot records and module summaries."""
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
        "slots": sim.records,
        "summary": sim.summary,
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
    records = sim.records
    x = list(range(len(records)))
    labels = [r["local_time"] for r in records]
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
    production = [r["production_wh"] / 1000 for r in records]
    onchain = [r.get("onchain_production_wh", 0) / 1000 for r in records]
    load = [r["load_wh"] / 1000 for r in records]
    ax.fill_between(
        x, production, alpha=0.3, color="goldenrod", label=f"PV model ({sum(production):.1f} kWh)"
    )
    ax.plot(
        x, onchain, color="darkorange", lw=1.5, label=f"finalised on chain ({sum(onchain):.1f} kWh)"
    )
    ax.plot(x, load, color="steelblue", lw=1.5, label=f"load ({sum(load):.1f} kWh)")
    ax.set_ylabel("kWh per slot")
    site = sim.community.site.name
    ax.set_title(f"Community of {sim.config.households} households, {sim.community.date} ({site})")
    ax.legend(loc="upper left")
    for row, group in enumerate(panels, start=1):
        axis = axes[row][0]
        for series in group:
            values = [
                None if r.get(series.key) is None else r[series.key] * series.scale for r in records
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
