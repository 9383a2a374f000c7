"""Governance of a GridSet deployment: GRID votes, GovernanceDAO proposals, timelocked execution.

- the ``governance:`` YAML section is validated with the other deployment parameters
  (:class:`gridset.deploy.params.GovernanceParams`).
- :mod:`~gridset.governance.deploy`: ``deploy_governance`` (GRID, timelock, DAO).
- :mod:`~gridset.governance.roles`: ``hand_over`` / ``verify_hand_over`` of admin roles.
- :mod:`~gridset.governance.proposals`: propose, vote, queue, execute, ``pass_proposal``.
- :mod:`~gridset.chain_time` (re-exported): moving (or awaiting) chain time between steps.
"""

from gridset.chain_time import ChainTimeError, can_warp, chain_time, wait_until
from gridset.deploy.params import (
    GOVERNANCE_PROFILES,
    Allocation,
    GovernanceParams,
    format_grid,
    grid_to_base_units,
    load_governance_params,
)
from gridset.governance.deploy import (
    GovernanceContracts,
    deploy_governance,
    verify_timelock_operators,
)
from gridset.governance.proposals import (
    Action,
    Proposal,
    ProposalInfo,
    ProposalNotPassedError,
    ProposalState,
    Support,
    action_from_text,
    cancel,
    delegate_votes,
    execute,
    load_proposal,
    pass_proposal,
    proposal_info,
    propose,
    queue,
    veto,
    vote,
)
from gridset.governance.roles import (
    GOVERNANCE_ROLES,
    HandOverError,
    hand_over,
    role_constants,
    role_holders,
    verify_hand_over,
)

__all__ = [
    "GOVERNANCE_PROFILES",
    "GOVERNANCE_ROLES",
    "Action",
    "Allocation",
    "ChainTimeError",
    "GovernanceContracts",
    "GovernanceParams",
    "HandOverError",
    "Proposal",
    "ProposalInfo",
    "ProposalNotPassedError",
    "ProposalState",
    "Support",
    "action_from_text",
    "can_warp",
    "cancel",
    "chain_time",
    "delegate_votes",
    "deploy_governance",
    "execute",
    "format_grid",
    "grid_to_base_units",
    "hand_over",
    "load_governance_params",
    "load_proposal",
    "pass_proposal",
    "proposal_info",
    "propose",
    "queue",
    "role_constants",
    "role_holders",
    "verify_hand_over",
    "verify_timelock_operators",
    "veto",
    "vote",
    "wait_until",
]
