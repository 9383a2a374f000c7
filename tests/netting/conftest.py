"""Fixtures of the netting tests: actors, contract factories and the 2-seat circuit."""

import pytest

from gridset.netting import build, deploy


# Netting roles as aliases of the cast (tests/conftest.py).
@pytest.fixture(scope="session")
def admin(deployer):
    """Deploys the Utility / DUtility and holds their admin roles."""
    return deployer


@pytest.fixture(scope="session")
def meter(installer):
    """The netting entity (the development ``netting.operators`` holder: the installer)."""
    return installer


@pytest.fixture(scope="session")
def outsider(attacker):
    return attacker


@pytest.fixture(scope="session")
def households(alice, bob, carol, dave):
    """The four households, in insertion order."""
    return [alice, bob, carol, dave]


@pytest.fixture(scope="session")
def create_utility(admin):
    def create_utility():
        return deploy.deploy_utility(admin)

    return create_utility


@pytest.fixture(scope="session")
def zk_two_seats():
    """Compiled 2-seat circuit and keys in the git-ignored cache (built once if missing)."""
    build.ensure_built(2)
    return 2
