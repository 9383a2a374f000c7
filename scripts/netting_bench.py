"""`ape run netting_bench`: constraints, setup and proving time, verification gas per circuit
size, written to benchmarks/zk.json (contract gas: `ape run bench --area netting`)."""

import json
import tempfile
from pathlib import Path

import click
from ape.cli import ConnectedProviderCommand, account_option

from gridset.netting import benchmark, zk

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


@click.command(cls=ConnectedProviderCommand)
@account_option()
@click.option("--seats", type=int, multiple=True, default=zk.SEATS, show_default=True)
@click.option(
    "--ceremony",
    is_flag=True,
    help="time a multi-party ceremony per size instead (local phase 1; long: 2^15 for 32 seats)",
)
@click.option(
    "--ptau",
    type=click.Path(exists=True, path_type=Path),
    default=None,
    help="with --ceremony: a phase 1 for all sizes (e.g. from `ape run netting ceremony phase1`)",
)
def cli(account, seats, ceremony, ptau):
    """Prove and verify one full community per circuit size; write benchmarks/zk.json."""
    if ceremony:
        with tempfile.TemporaryDirectory() as root:
            rows = [benchmark.measure_ceremony(size, Path(root), ptau, account) for size in seats]
        benchmark.write_ceremony(rows, BENCHMARKS / "zk.json")
        click.echo(json.dumps(rows))
        return
    rows = []
    for size in seats:
        rows.append(benchmark.measure(account, size))
        click.echo(json.dumps(rows[-1]))
    data = benchmark.write(rows, BENCHMARKS / "zk.json")
    click.echo(json.dumps({k: data[k] for k in ("verifierGasPerHousehold",)}))
