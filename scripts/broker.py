"""``ape run broker quote|swap|add|remove``: the Energy Broker from the command line.

Addresses come from the address book (``gridset.deploy.addresses``: the one ``ape run deploy``
wrote for the connected network, or ``--deployment``) or from ``--router``. Tokens are
addresses or address-book names (``EnergyToken``, ``PaymentToken``). Amounts are decimal token
units (``1.5``) converted with each token's decimals; LP tokens have 18 decimals. The work is
done in ``gridset.broker.ops``; this file only wires the CLI to it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import wraps
from itertools import pairwise
from pathlib import Path
from typing import Any

import click
from ape import project
from ape.cli import ConnectedProviderCommand, account_option
from ape.exceptions import ContractLogicError

from gridset.broker import ops
from gridset.deploy.addresses import AddressBookError, connected_address_book

LP_DECIMALS = 18


def _book_options(command: Callable) -> Callable:
    command = click.option(
        "--deployment",
        type=click.Path(dir_okay=False, exists=True, path_type=Path),
        help="Address book (default: the one ape run deploy wrote for the connected network).",
    )(command)
    return click.option("--router", "router_address", help="EnergyBrokerRouter address.")(command)


def _trade_options(command: Callable) -> Callable:
    command = click.option(
        "--slippage-bps",
        type=click.IntRange(0, 10_000),
        default=ops.DEFAULT_SLIPPAGE_BPS,
        show_default=True,
        help="Tolerance against the quote, basis points.",
    )(command)
    command = click.option(
        "--deadline",
        "deadline_s",
        type=click.IntRange(min=1),
        default=ops.DEFAULT_DEADLINE_S,
        show_default=True,
        help="Seconds the transaction stays valid.",
    )(command)
    return click.option("--to", help="Recipient (default: the account).")(command)


class _Session:
    """The router and the address book of one command."""

    def __init__(self, deployment: Path | None, router_address: str | None):
        try:
            self.contracts = dict(connected_address_book(deployment).contracts)
        except AddressBookError as err:
            if deployment is not None or not router_address:
                raise click.UsageError(str(err)) from None
            self.contracts = {}
        address = router_address or self.contracts.get("EnergyBrokerRouter")
        if not address:
            raise click.UsageError("give --deployment (with EnergyBrokerRouter) or --router")
        self.router = project.EnergyBrokerRouter.at(address)

    def token(self, name: str) -> Any:
        try:
            return ops.erc20(ops.resolve_address(name, self.contracts))
        except KeyError as err:
            raise click.BadParameter(str(err.args[0])) from None

    @staticmethod
    def amount(text: str, decimals: int) -> int:
        try:
            return ops.to_base_units(text, decimals)
        except ValueError as err:
            raise click.BadParameter(str(err)) from None


def _show(token: Any, amount: int) -> str:
    return f"{ops.from_base_units(amount, token.decimals())} {token.symbol()}"


def _run(action: Callable[[], Any]) -> Any:
    try:
        return action()
    except ContractLogicError as err:
        raise click.ClickException(f"reverted: {err!r}") from None


@click.group()
def cli() -> None:
    """Energy Broker: quotes, swaps and liquidity through the EnergyBrokerRouter."""


def _transaction_command(function: Callable) -> Callable:
    """Register a sub-command that sends transactions: network, account, address book and trade
    options; ``function`` receives the account, a ``_Session``, ``ops.TxOptions`` and its own
    arguments."""

    @wraps(function)
    def callback(account, deployment, router_address, slippage_bps, deadline_s, to, **arguments):
        session = _Session(deployment, router_address)
        options = ops.TxOptions(slippage_bps=slippage_bps, deadline_s=deadline_s, to=to)
        return function(account, session, options, **arguments)

    for decorator in (
        _trade_options,
        _book_options,
        account_option(),
        cli.command(function.__name__, cls=ConnectedProviderCommand),
    ):
        callback = decorator(callback)
    return callback


@cli.command(cls=ConnectedProviderCommand)
@_book_options
@click.option("--exact-out", is_flag=True, help="AMOUNT is the output wanted, not the input.")
@click.argument("amount")
@click.argument("path", nargs=-1, required=True)
def quote(deployment, router_address, exact_out, amount, path: Sequence[str]):
    """Quote AMOUNT along PATH (tokens, input first) and show each pool's reserves."""
    session = _Session(deployment, router_address)
    tokens = [session.token(name) for name in path]
    if exact_out:
        wanted = session.amount(amount, tokens[-1].decimals())
        amounts = _run(lambda: ops.quote_exact_out(session.router, wanted, tokens))
    else:
        paid = session.amount(amount, tokens[0].decimals())
        amounts = _run(lambda: ops.quote_exact_in(session.router, paid, tokens))
    click.echo(" -> ".join(_show(t, a) for t, a in zip(tokens, amounts, strict=True)))
    for token_a, token_b in pairwise(tokens):
        state = ops.pool_state(session.router, token_a, token_b)
        click.echo(
            f"pool {state.pool} ({state.formula.name.lower()}, fee {state.lp_fee_bps} bps): "
            f"{_show(token_a, state.reserve_a)} / {_show(token_b, state.reserve_b)}"
            + (" [paused]" if state.paused else "")
        )


@_transaction_command
@click.option("--exact-out", is_flag=True, help="AMOUNT is the output wanted, not the input.")
@click.argument("amount")
@click.argument("path", nargs=-1, required=True)
def swap(account, session: _Session, options: ops.TxOptions, exact_out: bool, amount, path):
    """Swap AMOUNT along PATH (tokens, input first)."""
    tokens = [session.token(name) for name in path]
    if exact_out:
        wanted = session.amount(amount, tokens[-1].decimals())
        result = _run(lambda: ops.swap_exact_out(session.router, account, wanted, tokens, options))
    else:
        paid = session.amount(amount, tokens[0].decimals())
        result = _run(lambda: ops.swap_exact_in(session.router, account, paid, tokens, options))
    click.echo(
        f"swapped {_show(tokens[0], result.amount_in)} for {_show(tokens[-1], result.amount_out)}"
        f" (tx {result.receipt.txn_hash}, {result.receipt.gas_used:,} gas)"
    )


@_transaction_command
@click.argument("token_a")
@click.argument("token_b")
@click.argument("amount_a")
@click.argument("amount_b")
def add(account, session: _Session, options: ops.TxOptions, token_a, token_b, amount_a, amount_b):
    """Deposit up to AMOUNT_A of TOKEN_A and AMOUNT_B of TOKEN_B (constant sum: either may be 0)."""
    a, b = session.token(token_a), session.token(token_b)
    desired_a = session.amount(amount_a, a.decimals())
    desired_b = session.amount(amount_b, b.decimals())
    result = _run(
        lambda: ops.add_liquidity(session.router, account, a, b, desired_a, desired_b, options)
    )
    click.echo(
        f"deposited {_show(a, result.amount_a)} + {_show(b, result.amount_b)}, "
        f"minted {ops.from_base_units(result.liquidity, LP_DECIMALS)} LP "
        f"(tx {result.receipt.txn_hash})"
    )


@_transaction_command
@click.argument("token_a")
@click.argument("token_b")
@click.argument("liquidity")
def remove(account, session: _Session, options: ops.TxOptions, token_a, token_b, liquidity):
    """Burn LIQUIDITY LP tokens of the TOKEN_A/TOKEN_B pool (the withdrawal fee stays in it)."""
    a, b = session.token(token_a), session.token(token_b)
    burned = session.amount(liquidity, LP_DECIMALS)
    result = _run(lambda: ops.remove_liquidity(session.router, account, a, b, burned, options))
    click.echo(
        f"burned {ops.from_base_units(result.liquidity, LP_DECIMALS)} LP for "
        f"{_show(a, result.amount_a)} + {_show(b, result.amount_b)} (tx {result.receipt.txn_hash})"
    )
