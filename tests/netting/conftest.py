"""Fixtures of the netting tests: actors, contract factories and the 2-seat circuit."""

import pytest

from gridset.netting import build, deploy


@pytest.fixture(scope="session")
def admin(accounts):
    return accounts[0]


@pytest.fixture(scope="session")
def meter(accounts):
    return accounts[1]


@pytest.fixture(scope="session")
def outsider(accounts):
    return accounts[2]


@pytest.fixture(scope="session")
def households(accounts):
    return list(accounts[3:])


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
