"""The LEG marketplace: ``ape run leg serve|demo``. Logic lives in ``gridset.leg``; the contracts
are deployed with the suite (``ape run deploy``, the ``leg:`` section of the parameters)."""

from __future__ import annotations

import os
from pathlib import Path

import click
from ape.cli import ConnectedProviderCommand, account_option, network_option


@click.group()
def cli() -> None:
    """LEG marketplace: serve a hub's gateway, play the seed's scenarios."""


@cli.command(cls=ConnectedProviderCommand)
@account_option()
@click.option(
    "--book",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Suite address book (default: the connected network's, written by `ape run deploy`).",
)
@click.option("--marketplace", default=None, help="LegMarketplace address (instead of the book).")
@click.option(
    "--start-block", default=None, type=int, help="First block to index (LEG_START_BLOCK)."
)
@click.option("--database", default=None, help="SQLAlchemy URL (default: LEG_DATABASE_URL).")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--poll-seconds", default=None, type=float)
@click.option("--zone", default=None, help="Orders' zone when the account runs no hub (LEG_ZONE).")
@click.option("--autosign", is_flag=True, help="Sign without a prompt per transaction.")
def serve(
    network,
    account,
    book,
    marketplace,
    start_block,
    database,
    host,
    port,
    poll_seconds,
    zone,
    autosign,
) -> None:
    """Serve the marketplace API for --account's hub (OpenAPI docs at /docs)."""
    from ape.logging import logger

    from gridset.deploy.addresses import AddressBookError
    from gridset.leg.command import marketplace_address
    from gridset.leg.gateway.app import serve as run
    from gridset.leg.gateway.chain import LegChain
    from gridset.leg.gateway.settings import GatewaySettings

    overrides: dict = {}
    if marketplace is not None:
        overrides["marketplace"] = marketplace
    elif "LEG_MARKETPLACE" not in os.environ:
        try:
            overrides["marketplace"] = marketplace_address(book)
        except AddressBookError as err:
            raise click.ClickException(str(err)) from None
    if start_block is not None:
        overrides["start_block"] = start_block
    if database:
        overrides["database_url"] = database
    if poll_seconds is not None:
        overrides["poll_seconds"] = poll_seconds
    if zone is not None:
        overrides["zone"] = zone
    settings = GatewaySettings(**overrides)
    if autosign:
        account.set_autosign(True)
    logger.set_level("WARNING")
    chain = LegChain.connect(account, settings.marketplace)
    click.echo(f"LEG gateway for {account.address} on http://{host}:{port} (docs: /docs)")
    run(settings, chain, host, port)


@cli.command(cls=ConnectedProviderCommand)
@network_option(default="ethereum:local:test")
def demo(network) -> None:
    """Play the seed's two scenarios through three gateways on a local chain; print the result."""
    from ape import accounts
    from ape.logging import logger

    from gridset.leg.command import demo as play

    logger.set_level("WARNING")
    result = play(list(accounts.test_accounts))
    c, s = result.compute, result.storage
    click.echo("Scenario 1: hub B buys 10 kWh of compute from hub A (max 0.20, ask 0.15)")
    click.echo(f"  transaction {c.transaction_id}: status {c.transaction['status']}")
    click.echo(f"  settlement {c.total:.3f}  network fee {c.fee:.3f}")
    click.echo(f"  hub A receives {c.seller_receives:.3f} and {c.heat_kwh} kWh of heat credits")
    click.echo(f"  hub B's escrow refund {c.buyer_refund:.3f}")
    click.echo("Scenario 2: a company stores 1 TB for 12 months at hub A (max 0.10, ask 0.05)")
    click.echo(f"  transaction {s.transaction_id}: billed {s.transaction['billedMonths']} month")
    click.echo(f"  monthly bill {s.monthly_bill:.2f}  network fee {s.fee:.2f}")
    click.echo(f"  hub A receives {s.seller_receives:.2f} a month")
