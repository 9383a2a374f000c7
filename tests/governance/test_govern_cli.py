"""``ape run govern`` end to end against an anvil node (subprocesses, as a user runs it)."""

from __future__ import annotations

import importlib.util
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from ape import chain, networks
from click.testing import CliRunner

from gridset.deploy.addresses import AddressBook, write_address_book
from gridset.governance import (
    GovernanceParams,
    chain_time,
    delegate_votes,
    deploy_governance,
    wait_until,
)
from gridset.testing import cast_alias

from .conftest import governance_section

ROOT = Path(__file__).resolve().parents[2]
ANVIL = ROOT / "node_modules" / ".bin" / "anvil"

pytestmark = pytest.mark.anvil
#: ``--account`` of the proposer, the voter and the guardian (members of the cast).
PROPOSER, VOTER, GUARDIAN = (cast_alias(name) for name in ("alice", "bob", "guardian"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def anvil_uri():
    if not ANVIL.exists():
        pytest.fail(f"{ANVIL} missing: run `make setup`")
    port = _free_port()
    node = subprocess.Popen(
        [str(ANVIL), "--port", str(port), "--silent"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    uri = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        else:
            pytest.fail("anvil did not start within 20 s")
        yield uri
    finally:
        node.terminate()
        node.wait(timeout=10)


@pytest.fixture(scope="module")
def anvil_deployment(anvil_uri, deployer, alice, bob, guardian, tmp_path_factory):
    """Governance deployed on anvil by the deployer; alice (proposer) and bob (voter) hold
    delegated GRID; the guardian may veto."""
    proposer, voter = alice, bob
    token = {
        "name": "GridSet Governance Token",
        "symbol": "GRID",
        "supply": 1000,
        "distribution": [
            {"to": proposer.address, "amount": 300},
            {"to": voter.address, "amount": 250},
            {"to": "timelock", "amount": 450},
        ],
    }
    params = GovernanceParams.from_mapping(
        governance_section(token=token, guardian=guardian.address)
    )
    with networks.parse_network_choice(anvil_uri):
        contracts = deploy_governance(deployer, params)
        for holder in (proposer, voter):
            delegate_votes(contracts.grid, holder)
        # Proposing reads votes one second back (timestamp clock): let that second pass.
        wait_until(chain_time() + 1)
        book = AddressBook(
            network="local",
            chain_id=chain.chain_id,
            block=chain.blocks.head.number,
            deployer=deployer.address,
            contracts={"GridToken": contracts.grid.address, "GovernanceDAO": contracts.dao.address},
        )
    path = write_address_book(book, tmp_path_factory.mktemp("deployments"))
    return path, contracts


def govern_subprocess(uri: str, deployment: Path, *args: str) -> subprocess.CompletedProcess:
    """``ape run govern ...`` in a fresh process, as a user runs it (about 10 s of start-up)."""
    command = ["ape", "run", "govern", *args, "--network", uri, "--deployment", str(deployment)]
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env, timeout=300)


@pytest.fixture(scope="module")
def govern_cli():
    """The script's click group, loaded as ``ape run`` loads it."""
    spec = importlib.util.spec_from_file_location("govern_script", ROOT / "scripts" / "govern.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.cli


@pytest.fixture
def govern(govern_cli, anvil_uri, anvil_deployment):
    """Invoke a govern subcommand in this process (same click code, no interpreter start-up)."""
    deployment, _ = anvil_deployment
    runner = CliRunner()

    def govern(*args: str):
        arguments = [*args, "--network", anvil_uri, "--deployment", str(deployment)]
        return runner.invoke(govern_cli, arguments, catch_exceptions=False)

    return govern


def test_ape_run_govern_pass__sets_voting_period_on_anvil(anvil_uri, anvil_deployment):
    deployment, contracts = anvil_deployment
    dao = contracts.dao.address

    run = govern_subprocess(
        anvil_uri, deployment, "pass", "--account", PROPOSER, "--voter", VOTER,
        "--target", dao, "--call", "setVotingPeriod(uint32)", "--args", "600",
        "--description", "Ten-minute votes",
    )  # fmt: skip

    assert run.returncode == 0, run.stderr
    assert "state      EXECUTED" in run.stdout
    with networks.parse_network_choice(anvil_uri):
        assert contracts.dao.votingPeriod() == 600


def test_govern_steps__propose_vote_queue_execute_status_on_anvil(
    govern, anvil_uri, anvil_deployment
):
    _, contracts = anvil_deployment
    dao, timelock = contracts.dao, contracts.timelock

    proposed = govern(
        "propose", "--account", PROPOSER,
        "--target", timelock.address, "--call", "updateDelay(uint256)", "--args", "90",
        "--description", "Ninety-second timelock",
    )  # fmt: skip
    assert proposed.exit_code == 0, proposed.output
    assert "state      PENDING" in proposed.output
    proposal_id = int(proposed.output.split("proposal   ")[1].split()[0])

    with networks.parse_network_choice(anvil_uri):
        wait_until(dao.proposalSnapshot(proposal_id) + 1)
    voted = govern("vote", str(proposal_id), "--account", VOTER, "--support", "for")
    assert voted.exit_code == 0, voted.output
    assert voted.output.strip().endswith("voted FOR with 250 GRID")

    early = govern("queue", hex(proposal_id), "--account", PROPOSER)
    assert early.exit_code == 1
    assert _last_line(early.output).startswith("Error: GovernorUnexpectedProposalState: current=1")

    with networks.parse_network_choice(anvil_uri):
        wait_until(dao.proposalDeadline(proposal_id) + 1)
    queued = govern("queue", str(proposal_id), "--account", PROPOSER)
    assert queued.exit_code == 0, queued.output
    assert "state      QUEUED" in queued.output and "executable no" in queued.output

    with networks.parse_network_choice(anvil_uri):
        wait_until(dao.proposalEta(proposal_id))
    status = govern("status", str(proposal_id))
    assert "executable yes" in status.output, status.output
    executed = govern("execute", str(proposal_id), "--account", PROPOSER)
    assert executed.exit_code == 0, executed.output
    assert "state      EXECUTED" in executed.output
    with networks.parse_network_choice(anvil_uri):
        assert timelock.getMinDelay() == 90


def test_govern_cancel__pending_proposal_by_proposer(govern, anvil_uri, anvil_deployment):
    _, contracts = anvil_deployment
    proposed = govern(
        "propose", "--account", PROPOSER,
        "--target", contracts.dao.address, "--call", "setVotingDelay(uint48)", "--args", "5",
        "--description", "Five-second delay",
    )  # fmt: skip
    proposal_id = proposed.output.split("proposal   ")[1].split()[0]

    cancelled = govern("cancel", proposal_id, "--account", PROPOSER)

    assert cancelled.exit_code == 0, cancelled.output
    assert "state      CANCELED" in cancelled.output


def test_govern_veto__by_guardian_only__proposal_cancelled_with_its_text(govern, anvil_deployment):
    _, contracts = anvil_deployment
    proposed = govern(
        "propose", "--account", PROPOSER,
        "--target", contracts.dao.address, "--call", "setVotingDelay(uint48)", "--args", "7",
        "--description", "Seven-second delay",
    )  # fmt: skip
    assert "text       Seven-second delay" in proposed.output
    proposal_id = proposed.output.split("proposal   ")[1].split()[0]

    refused = govern("veto", proposal_id, "--account", PROPOSER)
    vetoed = govern("veto", proposal_id, "--account", GUARDIAN)

    assert refused.exit_code == 1
    assert _last_line(refused.output).startswith("Error: GovernanceDAONotGuardian: caller=")
    assert vetoed.exit_code == 0, vetoed.output
    assert "state      CANCELED" in vetoed.output


def test_govern_delegate__reports_votes(govern):
    delegated = govern("delegate", "--account", VOTER)

    assert delegated.exit_code == 0, delegated.output
    assert "250 GRID of votes" in delegated.output


@pytest.mark.parametrize(
    "args, message",
    [
        (("status", "nope"), "proposal id must be a decimal or 0x-hex integer"),
        (("vote", "1", "--account", VOTER, "--support", "yes"), "vote must be for, against"),
        (
            ("propose", "--account", PROPOSER, "--target", "0x" + "11" * 20,
             "--call", "setFee", "--description", "d"),
            "function signature must look like name(type,...)",
        ),
    ],
)  # fmt: skip
def test_govern__bad_input__one_line_error(govern, args, message):
    result = govern(*args)

    assert result.exit_code != 0
    assert message in result.output


def test_govern__missing_deployment_record__one_line_error(govern_cli, anvil_uri, tmp_path):
    missing = tmp_path / "none.json"
    result = CliRunner().invoke(
        govern_cli, ["status", "1", "--network", anvil_uri, "--deployment", str(missing)]
    )

    assert result.exit_code == 1
    assert _last_line(result.output) == (
        f"Error: AddressBookError: no deployment recorded: {missing} does not exist; "
        "run `ape run deploy --network ...` first"
    )


def _last_line(output: str) -> str:
    """The command's final line (under xdist, Ape also logs its provider connection first)."""
    return output.strip().splitlines()[-1]
