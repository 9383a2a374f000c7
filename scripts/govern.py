"""ape run govern: propose, vote on, queue, execute and inspect GovernanceDAO proposals.

A proposal here is one call: ``--target`` address, ``--call`` function signature, ``--args``
(repeat once per argument, in order). The DAO is read from the address book
(``ape run deploy``'s ``deployments/<network>-<chain id>.json``, or ``--deployment``).
The guardian vetoes a proposal with ``veto`` until its eta. On development chains ``pass`` moves
chain time between the steps; on live networks it waits only with ``--wait``.

    ape run govern pass --target 0x.. --call "setVotingPeriod(uint32)" --args 600 \\
        --description "Ten-minute votes" --account TEST::1 --voter TEST::2 \\
        --network http://127.0.0.1:8545
"""

from __future__ import annotations

from pathlib import Path

import click
from ape.cli import ConnectedProviderCommand, account_option
from ape.cli.choices import AccountAliasPromptChoice
from ape.exceptions import ContractLogicError

from gridset.deploy.addresses import AddressBookError, connected_address_book
from gridset.governance import (
    ChainTimeError,
    Proposal,
    ProposalNotPassedError,
    Support,
    action_from_text,
    cancel,
    delegate_votes,
    execute,
    format_grid,
    load_proposal,
    pass_proposal,
    proposal_info,
    propose,
    queue,
    veto,
    vote,
)
from gridset.governance.command import describe, open_governance, parse_proposal_id

_EXPECTED = (ChainTimeError, ContractLogicError, AddressBookError, LookupError, ValueError)


def _deployment_option(command):
    return click.option(
        "--deployment",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Address book (default: the one ape run deploy wrote for the connected network).",
    )(command)


def _proposal_id_argument(command):
    return click.argument("proposal_id", callback=lambda _c, _p, v: _to_id(v))(command)


def _action_options(command):
    options = [
        click.option("--target", required=True, help="Address the timelock calls."),
        click.option(
            "--call", "signature", required=True, help='Signature, e.g. "setFee(uint256)".'
        ),
        click.option("--args", "args", multiple=True, help="One argument; repeat in order."),
        click.option("--value", default=0, show_default=True, help="Wei sent with the call."),
        click.option("--description", required=True, help="Proposal text (part of its id)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _to_id(text: str) -> int:
    try:
        return parse_proposal_id(text)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def _governance(network, deployment: Path | None):
    return _run(lambda: open_governance(connected_address_book(deployment)))


def _proposal(dao, target, signature, args, value, description) -> Proposal:
    return Proposal.create(dao, [action_from_text(target, signature, args, value)], description)


def _run(step):
    """Run ``step``; turn expected failures into a one-line CLI error."""
    try:
        return step()
    except ProposalNotPassedError as exc:
        raise click.ClickException(str(exc)) from None
    except _EXPECTED as exc:
        raise click.ClickException(f"{type(exc).__name__}: {exc}") from None


@click.group()
def cli():
    """Govern a GridSet deployment through its GovernanceDAO."""


@cli.command(name="propose", cls=ConnectedProviderCommand)
@account_option()
@_deployment_option
@_action_options
def propose_(network, account, deployment, target, signature, args, value, description):
    """Submit a one-call proposal; print its id."""
    dao, _ = _governance(network, deployment)
    proposal = _run(lambda: _proposal(dao, target, signature, args, value, description))
    _run(lambda: propose(dao, proposal, account))
    click.echo(describe(proposal_info(dao, proposal.proposal_id)))


@cli.command(name="vote", cls=ConnectedProviderCommand)
@account_option()
@_deployment_option
@_proposal_id_argument
@click.option("--support", default="for", show_default=True, help="for, against or abstain.")
@click.option("--reason", default="", help="Optional reason, stored in the VoteCast event.")
def vote_(network, account, deployment, proposal_id, support, reason):
    """Vote on an Active proposal with the account's GRID votes at its snapshot."""
    dao, _ = _governance(network, deployment)
    choice = _run(lambda: Support.parse(support))
    receipt = _run(lambda: vote(dao, proposal_id, account, choice, reason))
    weight = receipt.events.filter(dao.VoteCast)[0].weight
    click.echo(f"voted {choice.name} with {format_grid(weight)} GRID")


def _lifecycle_command(name: str, step, doc: str):
    @cli.command(name=name, cls=ConnectedProviderCommand, help=doc)
    @account_option()
    @_deployment_option
    @_proposal_id_argument
    @click.option("--from-block", default=0, show_default=True, help="Search logs from here.")
    def command(network, account, deployment, proposal_id, from_block):
        dao, _ = _governance(network, deployment)
        proposal = _run(lambda: load_proposal(dao, proposal_id, from_block))
        _run(lambda: step(dao, proposal, account))
        click.echo(describe(proposal_info(dao, proposal_id)))

    return command


_lifecycle_command("queue", queue, "Queue a Succeeded proposal in the timelock.")
_lifecycle_command("execute", execute, "Execute a queued proposal whose timelock delay passed.")
_lifecycle_command("cancel", cancel, "Cancel a Pending proposal (its proposer only).")
_lifecycle_command("veto", veto, "Veto a proposal as the guardian (at the latest before its eta).")


@cli.command(cls=ConnectedProviderCommand)
@_deployment_option
@_proposal_id_argument
def status(network, deployment, proposal_id):
    """Print a proposal's state, tallies, times and whether it can be executed now."""
    dao, _ = _governance(network, deployment)
    click.echo(_run(lambda: describe(proposal_info(dao, proposal_id))))


@cli.command(name="pass", cls=ConnectedProviderCommand)
@account_option()
@_deployment_option
@_action_options
@click.option(
    "--voter",
    "voters",
    multiple=True,
    type=AccountAliasPromptChoice(),
    help="Another account voting For (alias or TEST::n); repeat. The proposer always votes.",
)
@click.option("--wait/--no-wait", default=False, help="On live networks, wait out the delays.")
def pass_(network, account, deployment, target, signature, args, value, description, voters, wait):
    """Propose, vote For, queue and execute, moving chain time on development chains."""
    dao, _ = _governance(network, deployment)
    proposal = _run(lambda: _proposal(dao, target, signature, args, value, description))
    everyone = [account, *(v for v in voters if v.address != account.address)]
    receipt = _run(lambda: pass_proposal(dao, proposal, account, everyone, wait))
    click.echo(describe(proposal_info(dao, proposal.proposal_id)))
    click.echo(f"executed in transaction {receipt.txn_hash}")


@cli.command(cls=ConnectedProviderCommand)
@account_option()
@_deployment_option
@click.option("--to", "delegatee", default=None, help="Delegate to this address (default: self).")
def delegate(network, account, deployment, delegatee):
    """Delegate the account's GRID votes (needed before its balance can vote)."""
    _, grid = _governance(network, deployment)
    _run(lambda: delegate_votes(grid, account, delegatee))
    votes = grid.getVotes(delegatee or account.address)
    click.echo(f"delegated to {delegatee or account.address}: {format_grid(votes)} GRID of votes")
