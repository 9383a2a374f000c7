"""`ape run simulate`: one day of a solar community on the local chain (the main job)."""

import datetime as dt
from pathlib import Path

import click
from ape import accounts, chain
from ape.cli import ConnectedProviderCommand, network_option
from ape.logging import logger

from gridset.profiles import OptionError
from gridset.sim.run import default_modules, run_day
from gridset.sim.simulation import SimConfig


@click.command(cls=ConnectedProviderCommand)
@network_option(default="ethereum:local:test")
@click.option("--households", default=20, show_default=True, help="Number of households (1..500).")
@click.option(
    "--date",
    "day",
    default="2025-06-21",
    show_default=True,
    help="Calendar day simulated (YYYY-MM-DD).",
)
@click.option(
    "--slot-minutes",
    type=click.IntRange(5, 60),
    default=15,
    show_default=True,
    help="Slot length in minutes (15 or 60).",
)
@click.option(
    "--seed",
    type=click.IntRange(0),
    default=0,
    show_default=True,
    help="Seed of every random draw.",
)
@click.option(
    "--start-slot",
    type=click.IntRange(0),
    default=0,
    show_default=True,
    help="First slot of the day.",
)
@click.option(
    "--slots",
    type=click.IntRange(1),
    default=None,
    help="Number of slots (default: rest of the day).",
)
@click.option(
    "--proposal-slot",
    type=click.IntRange(0),
    default=None,
    help="Day slot of the mid-day governance proposal (default: 12:00, else mid-range).",
)
@click.option(
    "--netting/--no-netting",
    default=True,
    show_default=True,
    help="End the day with a private netting round (a real ZoKrates proof, verified on chain).",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    default=Path("out/simulation"),
    show_default=True,
)
def cli(households, day, slot_minutes, seed, start_slot, slots, proposal_slot, netting, out_dir):
    """Simulate one day of a solar community on the chain, slot by slot."""
    try:
        date = dt.date.fromisoformat(day)
    except ValueError:
        raise click.BadParameter(
            f"{day!r} is not a date (YYYY-MM-DD)", param_hint="--date"
        ) from None
    config = SimConfig(
        households=households,
        date=date,
        slot_seconds=slot_minutes * 60,
        seed=seed,
        start_slot=start_slot,
        n_slots=slots,
    )
    logger.set_level("WARNING")  # one line per transaction would drown the table
    try:
        modules = default_modules(proposal_slot, netting)
        run_day(config, chain, accounts.test_accounts, out_dir, modules=modules)
    except (OptionError, ValueError) as err:
        raise click.ClickException(str(err)) from None
