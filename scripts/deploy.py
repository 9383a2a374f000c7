"""Deploy the GridSet suite: ``ape run deploy --network <choice> --account <alias>``.

Parameters come from a YAML file (``config/deploy.yaml`` by default); on a development chain
empty operational roles go to named test accounts, elsewhere the command refuses to start while
one has no holder. The deployed addresses and role holders are recorded per network in
``deployments/`` (see ``gridset.deploy.addresses`` and ``docs/deploy.md``). The work is done in
``gridset.deploy``; this command only wires the CLI to it.
"""

from __future__ import annotations

from pathlib import Path

import click
from ape.cli import ConnectedProviderCommand, account_option

from gridset.deploy.addresses import DEPLOYMENTS_DIR
from gridset.deploy.command import DeployError, deploy_and_record, load_deploy_params, print_summary
from gridset.deploy.params import DEFAULT_PARAMS_FILE


def _check_params_file(ctx: click.Context, param: click.Parameter, path: Path) -> Path:
    # Checked while parsing, before connecting or unlocking an account: one line, no traceback.
    try:
        load_deploy_params(path)
    except DeployError as err:
        raise click.ClickException(str(err)) from None
    return path


@click.command(cls=ConnectedProviderCommand, short_help="Deploy the GridSet suite")
@account_option()
@click.option(
    "--params",
    "params_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_PARAMS_FILE,
    show_default=True,
    is_eager=True,
    callback=_check_params_file,
    help="Deployment parameters (YAML).",
)
@click.option(
    "--admin",
    help="Address that receives every admin role, or `deployer` (overrides the file's `admin`).",
)
@click.option(
    "--autosign",
    is_flag=True,
    help="Sign the deployment transactions without a prompt each (keyfile accounts; the "
    "passphrase is asked once or read from APE_ACCOUNTS_<alias>_PASSPHRASE).",
)
@click.option(
    "--deployments-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEPLOYMENTS_DIR,
    show_default=True,
    help="Folder of the address books (one JSON file per network).",
)
def cli(
    network, account, params_file: Path, admin: str | None, autosign: bool, deployments_dir: Path
) -> None:
    """Deploy and wire the suite (core, governance, Energy Broker), hand every admin role to the
    configured admin, and record the addresses and role holders for this network."""
    try:
        params = load_deploy_params(params_file, admin)
        result = deploy_and_record(
            network, account, params, autosign=autosign, deployments_dir=deployments_dir
        )
    except DeployError as err:
        raise click.ClickException(str(err)) from None
    print_summary(result)
