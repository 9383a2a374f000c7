"""`ape run bench`: gas of every state-changing entry point; prints a table, writes JSON."""

from pathlib import Path

import click
from ape import accounts
from ape.cli import ConnectedProviderCommand, network_option
from ape.logging import logger
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from gridset.bench import AREAS, GasTable, area_runner
from gridset.bench.docs import GAS_JSON, write_docs


@click.command(cls=ConnectedProviderCommand)
@network_option(default="ethereum:local:test")
@click.option("--area", "areas", multiple=True, type=click.Choice(AREAS), help="Only these areas.")
@click.option(
    "--out", type=click.Path(path_type=Path), default=Path("benchmarks/gas.json"), show_default=True
)
def cli(areas, out):
    """Measure gas from receipts with realistic inputs; write {"Contract.function[case]": gas}."""
    logger.set_level("WARNING")
    table = GasTable()
    for area in areas or AREAS:
        area_runner(area)(table, list(accounts.test_accounts))
    view = Table(title="Gas per call (from receipts)")
    view.add_column("Contract.function[case]")
    view.add_column("gas", justify="right")
    for key, gas in sorted(table.entries.items()):
        view.add_row(escape(key), f"{gas:,}")
    Console().print(view)
    for key, note in table.notes.items():
        click.echo(f"{key}: {note}")
    table.write(out)
    click.echo(f"{len(table.entries)} figures written to {out}")
    if out.resolve() == GAS_JSON:
        # The docs' gas tables are generated from this file (gridset.bench.docs).
        for path in write_docs():
            click.echo(f"regenerated {path.name}")
