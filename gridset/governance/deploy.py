"""Deploy GRID, the GovernanceTimelock and the GovernanceDAO, wired so the deployer keeps nothing.

Order: the timelock first (the deployer is its temporary admin), GRID minted to the
distribution (``timelock`` recipients get the treasury share), the DAO bound to both, then the
DAO becomes the timelock's only proposer, canceller and executor and the deployer renounces
its admin role. Execution is restricted to the DAO (not open to everyone): anyone may still
call ``GovernanceDAO.execute``, so this loses nothing and keeps every execution on the
Governor's path (its ``ProposalExecuted`` event and state).
"""

from __future__ import annotations

from typing import Any, NamedTuple

from ape import chain

from gridset.deploy.params import DEPLOYER, TIMELOCK, GovernanceParams
from gridset.governance.roles import HandOverError, role_holders, verify_hand_over

#: Timelock roles the DAO, and only the DAO, must hold.
DAO_TIMELOCK_ROLES: tuple[str, ...] = ("PROPOSER_ROLE", "CANCELLER_ROLE", "EXECUTOR_ROLE")


class GovernanceContracts(NamedTuple):
    """The deployed governance contracts (Ape contract instances)."""

    grid: Any
    timelock: Any
    dao: Any


def deploy_governance(
    deployer: Any, params: GovernanceParams, project: Any = None
) -> GovernanceContracts:
    """Deploy and wire GRID, the timelock and the DAO from ``params``; verify the result.

    Args:
        deployer: Ape account that pays for and signs every transaction; it holds no role
            afterwards (GRID allotted to ``deployer`` in the distribution is ordinary balance).
        params: Validated governance parameters with every timing set (see
            :meth:`gridset.deploy.params.GovernanceParams.for_chain`).
        project: The Ape project holding the compiled contracts (default: ``ape.project``).

    Returns:
        ``(grid, timelock, dao)``.

    Raises:
        HandOverError: after wiring, the deployer still holds a timelock role, or a timelock
            role is not held by the DAO alone (never expected; the deployment is unusable).
        ape.exceptions.ContractLogicError: a constructor rejected a parameter.
    """
    if project is None:
        from ape import project
    if params.voting_delay is None or params.voting_period is None or params.timelock_delay is None:
        raise ValueError("governance timings unset: call GovernanceParams.for_chain first")
    start_block = chain.blocks.height + 1
    timelock = deployer.deploy(project.GovernanceTimelock, params.timelock_delay, [], [], deployer)
    resolve = {DEPLOYER: deployer.address, TIMELOCK: timelock.address}
    grid = deployer.deploy(
        project.GridToken,
        params.token_name,
        params.token_symbol,
        [resolve.get(a.to, a.to) for a in params.distribution],
        [a.amount for a in params.distribution],
    )
    dao = deployer.deploy(
        project.GovernanceDAO,
        params.governor_name,
        grid,
        timelock,
        params.voting_delay,
        params.voting_period,
        params.proposal_threshold,
        params.quorum_percent,
        params.veto_guardian,
    )
    for name in DAO_TIMELOCK_ROLES:
        timelock.grantRole(getattr(timelock, name)(), dao, sender=deployer)
    timelock.renounceRole(timelock.DEFAULT_ADMIN_ROLE(), deployer, sender=deployer)

    verify_hand_over([timelock], timelock, deployer, from_block=start_block)
    verify_timelock_operators(timelock, dao, start_block)
    return GovernanceContracts(grid, timelock, dao)


def verify_timelock_operators(timelock: Any, dao: Any, from_block: int = 0) -> None:
    """Check that the DAO, and nobody else, may propose, cancel and execute in the timelock.

    Raises:
        HandOverError: one line per timelock role whose holders are not exactly the DAO.
    """
    holders = role_holders(timelock, from_block)
    violations = []
    for name in DAO_TIMELOCK_ROLES:
        found = holders.get(bytes(getattr(timelock, name)()), set())
        if found != {dao.address}:
            violations.append(f"timelock {name} held by {sorted(found)}, expected only the DAO")
    if violations:
        raise HandOverError(violations)
