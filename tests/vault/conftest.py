"""StakingVault fixtures: one vault over a plain test stake token, actors by role."""

from __future__ import annotations

import pytest

#: Unbonding delay used by the test vault (s).
DELAY = 3 * 24 * 3600
#: Tokens minted to each staker (stake-token base units).
FUNDING = 10**24
MAX_UINT = 2**256 - 1


@pytest.fixture(scope="session")
def delay() -> int:
    """The test vault's unbonding delay (s)."""
    return DELAY


# Vault roles as aliases of the cast (tests/conftest.py); alice, bob and attacker are the
# cast's. Accounts stand in for the contracts that hold the vault's roles.
@pytest.fixture(scope="session")
def admin(deployer):
    return deployer


@pytest.fixture(scope="session")
def treasury(treasury_account):
    return treasury_account


@pytest.fixture(scope="session")
def market(operators):
    """Holds ENCUMBRANCER_ROLE."""
    return operators[0]


@pytest.fixture(scope="session")
def settlement(operators):
    """Holds ENCUMBRANCER_ROLE and PENALIZER_ROLE."""
    return operators[1]


@pytest.fixture(scope="session")
def governance(guardian):
    """Holds SLASHER_ROLE."""
    return guardian


@pytest.fixture(scope="session")
def locker(operators):
    """Holds LOCKER_ROLE."""
    return operators[2]


@pytest.fixture(scope="session")
def stake_token(project, admin, alice, bob, attacker):
    token = admin.deploy(project.MintableTestToken, "Stake", "STK", 18)
    for account in (alice, bob, attacker):
        token.mint(account, FUNDING, sender=admin)
    return token


@pytest.fixture(scope="session")
def deploy_vault(project, admin, treasury):
    """Factory: a StakingVault over ``token`` with the test roles granted."""

    def deploy_vault(token, delay: int = DELAY, roles: dict[str, tuple] | None = None):
        vault = admin.deploy(project.StakingVault, token, admin, treasury, delay)
        for role_name, holders in (roles or {}).items():
            role = getattr(vault, role_name)()
            for account in holders:
                vault.grantRole(role, account, sender=admin)
        return vault

    return deploy_vault


@pytest.fixture(scope="session")
def vault(deploy_vault, stake_token, market, settlement, governance, locker, alice, bob):
    """The vault under test; alice and bob have approved it for all their tokens."""
    vault = deploy_vault(
        stake_token,
        roles={
            "ENCUMBRANCER_ROLE": (market, settlement),
            "PENALIZER_ROLE": (settlement,),
            "SLASHER_ROLE": (governance,),
            "LOCKER_ROLE": (locker,),
        },
    )
    for account in (alice, bob):
        stake_token.approve(vault, MAX_UINT, sender=account)
    return vault
