"""Private netting commands: ``ape run netting round --households N`` (one demo round on the
connected chain) and ``ape run netting ceremony <step>`` (the circuits' multi-party trusted
setup, see :mod:`gridset.netting.ceremony`)."""

import click
from ape.cli import ConnectedProviderCommand, account_option

from gridset.deploy.addresses import AddressBookError, connected_address_book
from gridset.netting import ceremony, deploy, private_round


@click.group()
def cli():
    """Private netting: a demo round on the chain, the trusted-setup ceremony."""


cli.add_command(ceremony.cli, "ceremony")


@cli.command("round", cls=ConnectedProviderCommand)
@account_option()
@click.option("--households", "count", type=click.IntRange(1, 32), default=8, show_default=True)
@click.option("--seed", type=int, default=1, show_default=True, help="demo balances seed")
@click.option(
    "--dutility",
    "address",
    default=None,
    help="use this DUtility (else the book's if the account is its admin, else deploy one)",
)
def round_(account, count, seed, address):
    """Commit a demo community's balances, net them off chain, prove and verify on chain."""
    from ape import project

    if not address:
        try:
            address = connected_address_book().contracts.get("DUtility")
        except AddressBookError:
            address = None
        # The suite's DUtility is governed: households join by proposal. The demo round adds its
        # own households, so it needs a DUtility the account administers.
        book_dutility = project.DUtility.at(address) if address else None
        if book_dutility and not book_dutility.hasRole(book_dutility.DEFAULT_ADMIN_ROLE(), account):
            click.echo(f"the address book's DUtility {address} is governed: deploying a demo one")
            address = None
    if address:
        dutility = project.DUtility.at(address)
    else:
        dutility, _ = deploy.deploy_dutility(account)
        click.echo(f"DUtility deployed at {dutility.address}")
    # Demo households are plain addresses; the operator posts their commitments as their meter.
    households = [f"0x{0x600D + i:040x}" for i in range(count)]
    private_round.register_households(dutility, account, households)
    if not dutility.hasRole(dutility.METER_ROLE(), account):
        dutility.grantRole(dutility.METER_ROLE(), account, sender=account)
    balances = private_round.demo_balances(count, seed)
    result = private_round.run_private_round(dutility, account, households, balances, account)
    click.echo(private_round.report(result))
