"""What ``ape run deploy`` does, as plain functions: load the parameters, give the operational
roles holders (test accounts on a development chain; refuse elsewhere if one has none), deploy
the suite with ``deploy_suite``, record the address book for the connected network, print who
holds what."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from gridset.deploy.addresses import (
    DEPLOYMENTS_DIR,
    AddressBook,
    is_development_chain,
    network_label,
    write_address_book,
)
from gridset.deploy.core import deploy_suite
from gridset.deploy.params import (
    DEFAULT_PARAMS_FILE,
    DeployParams,
    ParamsError,
    load_params,
    missing_roles,
    with_dev_roles,
)
from gridset.governance.roles import HandOverError


class DeployError(RuntimeError):
    """The deployment could not start or did not complete (one-line message for the CLI)."""


@dataclass(frozen=True)
class DeployResult:
    """The outcome of one deployment.

    Attributes:
        book: The recorded address book.
        path: The address-book file written.
        admin: Holder of every admin role after the hand-over.
        labels: Names shown beside addresses (``TEST::n`` for test accounts).
    """

    book: AddressBook
    path: Path
    admin: str
    labels: dict[str, str] = field(default_factory=dict)


def load_deploy_params(path: Path = DEFAULT_PARAMS_FILE, admin: str | None = None) -> DeployParams:
    """Load the YAML parameters and apply the command-line ``admin`` override.

    Raises:
        DeployError: the file is missing or invalid, or ``admin`` is not an address.
    """
    try:
        params = load_params(path)
        if admin is not None:
            params = params.with_overrides(admin=admin)
    except ParamsError as err:
        raise DeployError(f"invalid deployment parameters: {err}") from None
    return params


def assign_roles(params: DeployParams, chain_id: int, test_accounts: Sequence[Any]) -> DeployParams:
    """Make sure every operational role has a holder before anything is deployed.

    On a development chain, empty roles go to the named test accounts
    (:data:`gridset.deploy.params.DEV_ROLE_ACCOUNTS`); elsewhere an empty role stops the
    deployment.

    Raises:
        DeployError: on a non-development chain, naming the first role without a holder.
    """
    if is_development_chain(chain_id):
        return with_dev_roles(params, test_accounts)
    missing = missing_roles(params)
    if missing:
        raise DeployError(
            f"refusing to deploy on chain {chain_id}: {missing[0]}; name its holders in the "
            f"params file"
        )
    return params


def deploy_and_record(
    network: Any,
    account: Any,
    params: DeployParams,
    *,
    autosign: bool = False,
    deployments_dir: Path = DEPLOYMENTS_DIR,
) -> DeployResult:
    """Deploy the suite from ``account`` on the connected ``network`` and write its address book.

    Args:
        network: The connected Ape NetworkAPI.
        account: The deploying Ape account (a keyfile alias or a test account).
        params: Validated deployment parameters; empty operational roles are filled with test
            accounts on a development chain (see :func:`assign_roles`).
        autosign: Let a keyfile account sign without a prompt per transaction (the passphrase is
            asked once, or read from ``APE_ACCOUNTS_<alias>_PASSPHRASE``).
        deployments_dir: Folder of the address books.

    Raises:
        DeployError: an operational role has no holder (non-development chains), or the role
            hand-over check failed.
    """
    from ape import accounts, chain

    chain_id = chain.chain_id
    params = assign_roles(params, chain_id, accounts.test_accounts)
    if autosign and hasattr(account, "set_autosign"):
        account.set_autosign(True)

    start_block = chain.blocks.height + 1
    try:
        suite = deploy_suite(account, params)
    except HandOverError as err:
        raise DeployError(str(err).replace("\n", " ")) from None

    book = AddressBook(
        network=network_label(network, chain_id),
        chain_id=chain_id,
        block=chain.blocks.head.number,
        deployer=str(account.address),
        contracts=suite.addresses(),
        roles={role: tuple(holders) for role, holders in suite.roles(start_block).items()},
    )
    path = write_address_book(book, deployments_dir)
    admin = {"deployer": account.address, "governance": None}.get(params.admin, params.admin)
    if suite.governance is not None:
        admin = suite.governance.timelock.address
    labels = {}
    if is_development_chain(chain_id):
        labels = {str(a.address): f"TEST::{i}" for i, a in enumerate(accounts.test_accounts)}
    return DeployResult(book=book, path=path, admin=str(admin), labels=labels)


def _shown_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def print_summary(result: DeployResult, console: Console | None = None) -> None:
    """Print the deployed addresses, who holds which role, then where they were recorded."""
    console = console or Console(width=200)
    book = result.book
    table = Table(title=f"GridSet on {book.network} (chain {book.chain_id})")
    table.add_column("Contract")
    table.add_column("Address", no_wrap=True)
    for name, address in book.contracts.items():
        table.add_row(name, address)
    console.print(table)
    names = dict(result.labels)
    names.update({address: name for name, address in book.contracts.items()})
    names[book.deployer] = "deployer"
    roles = Table(title="Roles")
    roles.add_column("Role")
    roles.add_column("Holders", no_wrap=True)
    for role, holders in book.roles.items():
        shown = [f"{h} ({names[h]})" if h in names else h for h in holders]
        roles.add_row(role, "\n".join(shown))
    console.print(roles)
    console.print(f"deployer: {book.deployer}")
    console.print(f"admin:    {result.admin}")
    console.print(f"block:    {book.block}")
    console.print(f"recorded: {_shown_path(result.path)}", soft_wrap=True)
    if not is_development_chain(book.chain_id) and result.admin == book.deployer:
        console.print(
            "[yellow]warning: the deployer kept every admin role; pass --admin (a multisig or "
            "the governance timelock) for a shared network[/yellow]"
        )
