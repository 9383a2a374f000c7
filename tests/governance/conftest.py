"""Governance fixtures: a deployed GRID / timelock / DAO with three delegated voters, and a
whole suite handed over to governance (``governed_suite``).

Supply 1,000 GRID: alice 300, bob 250, carol 50, dave 0 (undelegated holders start with
nothing), the timelock (treasury) 400. Quorum 10 % = 100 GRID, threshold 10 GRID, voting
delay 10 s, period 100 s, timelock delay 60 s.
"""

from __future__ import annotations

import pytest

from gridset.deploy.core import Suite, deploy_suite
from gridset.deploy.params import DeployParams, OracleParams
from gridset.governance import (
    Action,
    GovernanceParams,
    Proposal,
    delegate_votes,
    deploy_governance,
    grid_to_base_units,
)
from gridset.testing import reverts  # noqa: F401 (re-exported for the tests)

VOTING_DELAY = 10
VOTING_PERIOD = 100
TIMELOCK_DELAY = 60
QUORUM_PERCENT = 10


def governance_section(**overrides) -> dict:
    """A valid ``governance:`` YAML section as parsed data, with keys replaced by ``overrides``."""
    section = {
        "governor_name": "GridSet Governance",
        "token": {
            "name": "GridSet Governance Token",
            "symbol": "GRID",
            "supply": 1000,
            "distribution": [{"to": "deployer", "amount": 1000}],
        },
        "voting_delay_seconds": VOTING_DELAY,
        "voting_period_seconds": VOTING_PERIOD,
        "proposal_threshold": 10,
        "quorum_percent": QUORUM_PERCENT,
        "timelock_delay_seconds": TIMELOCK_DELAY,
        "guardian": None,
    }
    section.update(overrides)
    return section


# The actors are the cast's (tests/conftest.py): deployer, alice, bob, carol, dave, guardian;
# ``outsider`` (no GRID, no role) is the cast's attacker.
@pytest.fixture(scope="session")
def outsider(attacker):
    return attacker


@pytest.fixture(scope="session")
def params(alice, bob, carol):
    token = {
        "name": "GridSet Governance Token",
        "symbol": "GRID",
        "supply": 1000,
        "distribution": [
            {"to": alice.address, "amount": 300},
            {"to": bob.address, "amount": 250},
            {"to": carol.address, "amount": 50},
            {"to": "timelock", "amount": 400},
        ],
    }
    return GovernanceParams.from_mapping(governance_section(token=token))


@pytest.fixture(scope="session")
def governance(deployer, params, alice, bob, carol):
    contracts = deploy_governance(deployer, params)
    for voter in (alice, bob, carol):
        delegate_votes(contracts.grid, voter)
    return contracts


@pytest.fixture(scope="session")
def governed_suite(
    deployer, params, guardian, alice, bob, carol, installer, operators, treasury_account
) -> Suite:
    """``deploy_suite`` with ``admin: governance`` (the test GRID distribution and timings, the
    guardian as pauser); alice, bob and carol delegate their GRID to themselves."""
    suite = deploy_suite(
        deployer,
        DeployParams(
            slot_seconds=900,
            admin="governance",
            installers=(installer.address,),
            watt_issuers=(installer.address,),
            treasury=treasury_account.address,
            oracle=OracleParams(
                reporting_window=1800,
                quorum=2,
                operators=tuple(op.address for op in operators),
            ),
            governance=params.replaced(guardian=guardian.address),
        ),
    )
    assert suite.governance is not None
    for voter in (alice, bob, carol):
        delegate_votes(suite.governance.grid, voter)
    return suite


@pytest.fixture(scope="session")
def grid(governance):
    return governance.grid


@pytest.fixture(scope="session")
def timelock(governance):
    return governance.timelock


@pytest.fixture(scope="session")
def dao(governance):
    return governance.dao


@pytest.fixture(scope="session")
def make_proposal(dao):
    """Factory: a Proposal of ``actions`` (default: set the DAO's voting period to 200 s)."""

    def make_proposal(actions=None, description="Lengthen the voting period to 200 s"):
        actions = actions or [Action.from_contract(dao, "setVotingPeriod", 200)]
        return Proposal.create(dao, actions, description)

    return make_proposal


@pytest.fixture(scope="session")
def parameters_box(project, deployer):
    """Factory: a RoleGatedParameters (roles held by the deployer), fee 5."""

    def parameters_box(initial_fee=5):
        return deployer.deploy(project.RoleGatedParameters, deployer, initial_fee)

    return parameters_box


def grid_units(amount) -> int:
    """Whole GRID -> base units (test shorthand)."""
    return grid_to_base_units(amount, "test")
