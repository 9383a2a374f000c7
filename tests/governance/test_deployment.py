"""deploy_governance wiring and the DAO's constructor checks."""

from __future__ import annotations

import pytest

from gridset.governance import (
    GovernanceParams,
    HandOverError,
    deploy_governance,
    role_holders,
    verify_timelock_operators,
)
from gridset.units import GRID

from .conftest import (
    QUORUM_PERCENT,
    TIMELOCK_DELAY,
    VOTING_DELAY,
    VOTING_PERIOD,
    governance_section,
    reverts,
)

ZERO_ADDRESS = "0x" + "00" * 20


@pytest.fixture
def deploy_dao(project, deployer, grid, timelock):
    def deploy_dao(token=None, quorum_percent=QUORUM_PERCENT):
        return deployer.deploy(
            project.GovernanceDAO,
            "GridSet Governance",
            token or grid,
            timelock,
            VOTING_DELAY,
            VOTING_PERIOD,
            10 * GRID,
            quorum_percent,
            ZERO_ADDRESS,
        )

    return deploy_dao


def test_deploy_governance__parameters_applied(dao, grid, timelock, params):
    assert dao.name() == "GridSet Governance"
    assert (dao.votingDelay(), dao.votingPeriod(), dao.proposalThreshold()) == (
        VOTING_DELAY,
        VOTING_PERIOD,
        10 * GRID,
    )
    assert (dao.quorumNumerator(), dao.quorumDenominator()) == (QUORUM_PERCENT, 100)
    assert dao.token() == grid.address and dao.timelock() == timelock.address
    assert timelock.getMinDelay() == TIMELOCK_DELAY
    assert dao.COUNTING_MODE() == "support=bravo&quorum=for,abstain"


def test_deploy_governance__dao_sole_proposer_canceller_executor__timelock_self_admin(
    dao, timelock, deployer
):
    holders = role_holders(timelock)

    assert holders[bytes(timelock.PROPOSER_ROLE())] == {dao.address}
    assert holders[bytes(timelock.CANCELLER_ROLE())] == {dao.address}
    assert holders[bytes(timelock.EXECUTOR_ROLE())] == {dao.address}
    assert holders[bytes(timelock.DEFAULT_ADMIN_ROLE())] == {timelock.address}
    assert not any(timelock.hasRole(role, deployer) for role in holders)


def test_verify_timelock_operators__extra_proposer_and_open_execution__reported(
    project, deployer, dao, outsider
):
    zero = "0x0000000000000000000000000000000000000000"
    timelock = deployer.deploy(project.GovernanceTimelock, 60, [dao, outsider], [zero], zero)

    with pytest.raises(HandOverError) as raised:
        verify_timelock_operators(timelock, dao)

    both = sorted([dao.address, outsider.address])
    assert raised.value.violations == [
        f"timelock PROPOSER_ROLE held by {both}, expected only the DAO",
        f"timelock CANCELLER_ROLE held by {both}, expected only the DAO",
        f"timelock EXECUTOR_ROLE held by {[zero]}, expected only the DAO",
    ]


def test_timelock__schedule_by_anyone_but_dao__reverts(timelock, deployer):
    with reverts(
        timelock.AccessControlUnauthorizedAccount,
        account=deployer,
        neededRole=timelock.PROPOSER_ROLE(),
    ):
        timelock.schedule(
            timelock,
            0,
            timelock.updateDelay.encode_input(0),
            bytes(32),
            bytes(32),
            TIMELOCK_DELAY,
            sender=deployer,
        )


def test_deploy_governance__deployer_and_timelock_recipients_resolved(deployer, accounts):
    params = GovernanceParams.from_mapping(governance_section())  # 1000 GRID to the deployer
    contracts = deploy_governance(deployer, params)

    assert contracts.grid.balanceOf(deployer) == 1000 * GRID
    assert contracts.grid.balanceOf(contracts.timelock) == 0


def test_constructor__block_number_clock_token__reverts(project, deployer, deploy_dao):
    token = deployer.deploy(project.BlockClockVotesToken, deployer, 1000 * GRID)

    with reverts(
        project.GovernanceDAO.GovernanceDAOClockModeNotTimestamp,
        tokenClockMode="mode=blocknumber&from=default",
    ):
        deploy_dao(token=token)


def test_constructor__zero_quorum__reverts(project, deploy_dao):
    with reverts(project.GovernanceDAO.GovernanceDAOZeroQuorum):
        deploy_dao(quorum_percent=0)


def test_constructor__quorum_above_100_percent__reverts(project, deploy_dao):
    with reverts(
        project.GovernanceDAO.GovernorInvalidQuorumFraction,
        quorumNumerator=101,
        quorumDenominator=100,
    ):
        deploy_dao(quorum_percent=101)
