"""``ape run cda place|cancel|book|claim|withdraw|demo``: the intraday CDA from the command line.

``--cda`` is the CdaMarket's address (default: the address book of the connected network, as
``ape run deploy`` wrote it). Prices are decimal payment-token units per kWh
(``0.15``), energy decimal kWh. Proceeds and refunds are credited to the trader's internal
balance on the CDA (bids spend it first); ``withdraw`` takes it out. ``demo`` deploys everything
on the local chain and plays the seed's demo. The work is done in ``gridset.cda``; this file only
wires the CLI to it.
"""

from __future__ import annotations

import click
from ape import accounts, project
from ape.cli import ConnectedProviderCommand, account_option, network_option

from gridset.cda import ops
from gridset.cda.demo import run_demo
from gridset.deploy.addresses import AddressBookError, connected_address_book


def _cda(address: str | None):
    """The CdaMarket at ``address``, else the one in the connected network's address book."""
    if address is None:
        try:
            address = connected_address_book().address_of("CdaMarket")
        except AddressBookError as err:
            raise click.ClickException(f"{err} (or pass --cda)") from None
    return project.CdaMarket.at(address)


def _decimals(cda) -> int:
    return project.WattToken.at(cda.paymentToken()).decimals()


@click.group()
def cli():
    """Intraday continuous double auction (CdaMarket)."""


@cli.command(cls=ConnectedProviderCommand)
@account_option()
@click.option("--cda", "address", default=None, help="CdaMarket address (default: the book's).")
@click.option("--slot", type=int, required=True, help="Delivery slot start, Unix s.")
@click.option("--side", type=click.Choice(["bid", "ask"]), required=True)
@click.option("--price", required=True, help="Limit, payment-token units per kWh (e.g. 0.15).")
@click.option("--kwh", required=True, help="Energy, kWh (e.g. 20 or 1.5).")
@click.option("--ioc", is_flag=True, help="Immediate or cancel: nothing rests.")
def place(account, address, slot, side, price, kwh, ioc):
    """Place a limit order (bids need the CDA approved for the payment token)."""
    cda = _cda(address)
    decimals = _decimals(cda)
    try:
        price_units, wh = ops.to_base_units(price, decimals), ops.kwh_to_wh(kwh)
    except ValueError as err:
        raise click.BadParameter(str(err)) from None
    result = ops.place(cda, account, slot, side == "bid", price_units, wh, ioc)
    for trade_price, q, value, fee in result.trades:
        click.echo(
            f"traded {q / 1000:g} kWh at {ops.fmt_units(trade_price, decimals)}: "
            f"{ops.fmt_units(value, decimals)} + grid fee {ops.fmt_units(fee, decimals)}"
        )
    click.echo(f"resting order: {result.order_id or 'none'}")


@cli.command(cls=ConnectedProviderCommand)
@account_option()
@click.option("--cda", "address", default=None, help="CdaMarket address (default: the book's).")
@click.argument("order_id", type=int)
def cancel(account, address, order_id):
    """Cancel an own resting order (its filled part is claimed too)."""
    _cda(address).cancelOrder(order_id, sender=account)
    click.echo(f"cancelled {order_id}")


@cli.command(cls=ConnectedProviderCommand)
@account_option()
@click.option("--cda", "address", default=None, help="CdaMarket address (default: the book's).")
@click.argument("order_ids", type=int, nargs=-1, required=True)
def claim(account, address, order_ids):
    """Claim makers' fills (anyone may; the money goes to the makers' internal balances)."""
    _cda(address).claimMany(list(order_ids), sender=account)
    click.echo(f"claimed {len(order_ids)} order(s)")


@cli.command(cls=ConnectedProviderCommand)
@account_option()
@click.option("--cda", "address", default=None, help="CdaMarket address (default: the book's).")
def withdraw(account, address):
    """Withdraw the account's whole internal balance (proceeds and refunds) from the CDA."""
    cda = _cda(address)
    amount = ops.withdraw_all(cda, account)
    click.echo(f"withdrew {ops.fmt_units(amount, _decimals(cda))}")


@cli.command(cls=ConnectedProviderCommand)
@click.option("--cda", "address", default=None, help="CdaMarket address (default: the book's).")
@click.option("--slot", type=int, required=True, help="Delivery slot start, Unix s.")
def book(address, slot):
    """Print the slot's book (asks above bids)."""
    cda = _cda(address)
    for line in ops.book_lines(cda, slot, _decimals(cda)):
        click.echo(line)


@cli.command(cls=ConnectedProviderCommand)
@network_option(default="ethereum:local:test")
def demo():
    """The seed's demo (Alice, Bob, Charlie) on the local chain, with the PoC's settings."""
    run_demo(list(accounts.test_accounts), click.echo)
