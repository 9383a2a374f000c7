"""What ``ape run deploy`` does, as plain functions: load the parameters, deploy the suite with
``deploy_suite``, record the address book for the connected network, print a summary."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from gridset.deploy.addresses import (
    DEPLOYMENTS_DIR,
    AddressBook,
    book_for_suite,
    is_local_chain,
    write_address_book,
)
from gridset.deploy.core import deploy_suite
from gridset.deploy.params import DEFAULT_PARAMS_FILE, DeployParams, ParamsError, load_params
from gridset.governance.roles import HandOverError

# Ape names every network reached by a bare URL "custom"; public ones are recognised by chain id.
URI_NETWORK_NAME = "custom"


class DeployError(RuntimeError):
    """The deployment could not start or did not complete (one-line message for the CLI)."""


@dataclass(frozen=True)
class DeployResult:
    """The outcome of one deployment.

    Attributes:
        book: The recorded address book.
        path: The address-book file written.
        admin: Holder of every admin role after the hand-over.
    """

    book: AddressBook
    path: Path
    admin: str


def network_label(network: Any, chain_id: int) -> str:
    """Return the name under which ``network`` (an Ape NetworkAPI) is recorded.

    ``"local"`` for dev chains; for a network reached by URL, the name of the ecosystem's public
    network with the same chain id (``"sepolia"``) when there is one; otherwise Ape's name.
    """
    if is_local_chain(chain_id):
        return "local"
    if network.name != URI_NETWORK_NAME:
        return network.name
    for name, known in network.ecosystem.networks.items():
        if name == "local" or name.endswith("-fork"):
            continue
        if known.chain_id == chain_id:
            return name
    return network.name


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
        params: Validated deployment parameters.
        autosign: Let a keyfile account sign without a prompt per transaction (the passphrase is
            asked once, or read from ``APE_ACCOUNTS_<alias>_PASSPHRASE``).
        deployments_dir: Folder of the address books.

    Raises:
        DeployError: the role hand-over check failed.
    """
    from ape import chain

    if autosign and hasattr(account, "set_autosign"):
        account.set_autosign(True)

    try:
        suite = deploy_suite(account, params)
    except HandOverError as err:
        raise DeployError(str(err).replace("\n", " ")) from None

    chain_id = chain.chain_id
    book = book_for_suite(
        suite, network_label(network, chain_id), chain_id, chain.blocks.head.number, account.address
    )
    path = write_address_book(book, deployments_dir)
    admin = {"deployer": account.address, "governance": None}.get(params.admin, params.admin)
    if suite.governance is not None:
        admin = suite.governance.timelock.address
    return DeployResult(book=book, path=path, admin=admin)


def _shown_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def print_summary(result: DeployResult, console: Console | None = None) -> None:
    """Print the deployed addresses as a table, then where they were recorded."""
    console = console or Console()
    book = result.book
    table = Table(title=f"GridSet on {book.network} (chain {book.chain_id})")
    table.add_column("Contract")
    table.add_column("Address", no_wrap=True)
    for name, address in book.contracts.items():
        table.add_row(name, address)
    console.print(table)
    console.print(f"deployer: {book.deployer}")
    console.print(f"admin:    {result.admin}")
    console.print(f"block:    {book.deployed_at_block}")
    console.print(f"recorded: {_shown_path(result.path)}", soft_wrap=True)
    if not is_local_chain(book.chain_id) and result.admin == book.deployer:
        console.print(
            "[yellow]warning: the deployer kept every admin role; pass --admin (a multisig or "
            "the governance timelock) for a shared network[/yellow]"
        )
