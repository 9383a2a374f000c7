"""Netting figures.

``ape run netting_bench gas``: Utility/DUtility gas, merged into benchmarks/gas.json.
``ape run netting_bench zk-figures``: constraints, timings and verification gas per circuit size,
into benchmarks/zk.json.
"""

import json
from pathlib import Path

import click
from ape.cli import ConnectedProviderCommand, account_option

from gridset.bench import GasTable, area_runner
from gridset.netting import benchmark, zk

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


@click.group()
def cli():
    """Measure the netting contracts and circuits."""


@cli.command(cls=ConnectedProviderCommand)
def gas():
    """Record the netting area's gas and merge it into benchmarks/gas.json."""
    from ape import accounts

    table = GasTable()
    area_runner("netting")(table, accounts.test_accounts)
    path = BENCHMARKS / "gas.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    merged = json.loads(path.read_text()) if path.exists() else {}
    merged.update(table.entries)
    path.write_text(json.dumps(dict(sorted(merged.items())), indent=2) + "\n")
    for key, value in table.entries.items():
        note = table.notes.get(key, "")
        click.echo(f"{key:48s} {value:>10,}  {note}")


@cli.command(cls=ConnectedProviderCommand)
@account_option()
@click.option("--seats", type=int, multiple=True, default=zk.SEATS, show_default=True)
def zk_figures(account, seats):
    """Prove and verify one full community per circuit size; write benchmarks/zk.json."""
    rows = []
    for size in seats:
        rows.append(benchmark.measure(account, size))
        click.echo(json.dumps(rows[-1]))
    data = benchmark.write(rows, BENCHMARKS / "zk.json")
    click.echo(json.dumps({k: data[k] for k in ("verifierGasPerHousehold",)}))
