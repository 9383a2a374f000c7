"""Export the suite's ABIs for clients: ``ape run abi`` (``--check`` only reports drift).

Writes ``abi/<Contract>.json`` for every deployable contract and ``abi/GridSetErrors.json``
with every error and event of the suite (see ``gridset.deploy.abi``).
"""

from __future__ import annotations

import click

from gridset.deploy.abi import ABI_DIR, abi_drift, write_abis


@click.command(short_help="Export abi/ (one ABI per contract, one with every error and event)")
@click.option("--check", is_flag=True, help="Only report files that differ; exit 1 if any.")
def cli(check: bool) -> None:
    """Regenerate abi/ from the compiled contracts (or check it is up to date)."""
    from ape import project

    if check:
        drift = abi_drift(project)
        for line in drift:
            click.echo(line)
        if drift:
            raise click.ClickException(f"abi/ is out of date ({len(drift)}); run `ape run abi`")
        click.echo("abi/ is up to date")
        return
    written = write_abis(project)
    click.echo(f"{len(written)} ABI files in {ABI_DIR.name}/")
