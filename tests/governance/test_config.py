"""The governance section of the deployment YAML: defaults, conversion and one-line errors."""

from __future__ import annotations

import copy

import pytest
import yaml

from gridset.governance import (
    DEFAULT_CONFIG,
    Allocation,
    GovernanceConfigError,
    GovernanceParams,
    format_grid,
    grid_to_base_units,
    load_governance_params,
)

from .conftest import GRID, governance_section

ADDRESS = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"


def test_default_file__local_values_short_enough_for_simulation():
    params = load_governance_params(DEFAULT_CONFIG)

    assert (params.voting_delay, params.voting_period, params.timelock_delay) == (1, 300, 60)
    assert params.total_supply == 1_000_000 * GRID
    assert params.distribution == (
        Allocation("deployer", 600_000 * GRID),
        Allocation("timelock", 400_000 * GRID),
    )
    assert (params.proposal_threshold, params.quorum_percent) == (1000 * GRID, 4)
    assert params.guardian is None


def test_load__other_top_level_sections__ignored(tmp_path):
    path = tmp_path / "deploy.yaml"
    path.write_text(
        yaml.safe_dump({"market": {"slot_seconds": 900}, "governance": governance_section()})
    )

    assert load_governance_params(path).voting_period == 100


def test_from_mapping__guardian_address_and_fractional_amounts__converted():
    token = {
        "name": "G",
        "symbol": "G",
        "supply": "1.5",
        "distribution": [
            {"to": ADDRESS.lower(), "amount": 1.25},
            {"to": "timelock", "amount": "0.25"},
        ],
    }
    params = GovernanceParams.from_mapping(
        governance_section(token=token, guardian=ADDRESS.lower())
    )

    assert params.distribution == (
        Allocation(ADDRESS, 1_250_000_000_000_000_000),
        Allocation("timelock", 250_000_000_000_000_000),
    )
    assert params.guardian == ADDRESS


@pytest.mark.parametrize("value", [None, "timelock"])
def test_from_mapping__guardian_null_or_timelock__means_timelock(value):
    assert GovernanceParams.from_mapping(governance_section(guardian=value)).guardian is None


def _with(path: str, value):
    section = copy.deepcopy(governance_section())
    *parents, leaf = path.split(".")
    node = section
    for key in parents:
        node = node[int(key)] if isinstance(node, list) else node[key]
    if value is _DELETE:
        del node[leaf]
    elif isinstance(node, list):
        node[int(leaf)] = value
    else:
        node[leaf] = value
    return section


_DELETE = object()


@pytest.mark.parametrize(
    "path, value, message",
    [
        (
            "voting_delay_seconds",
            0,
            "governance.voting_delay_seconds: must be an integer in 1..281474976710655, got 0",
        ),
        (
            "voting_period_seconds",
            2**32,
            "governance.voting_period_seconds: must be an integer in 1..4294967295, got 4294967296",
        ),
        (
            "voting_period_seconds",
            "300",
            "governance.voting_period_seconds: must be an integer in 1..4294967295, got '300'",
        ),
        ("quorum_percent", 0, "governance.quorum_percent: must be an integer in 1..100, got 0"),
        ("quorum_percent", 101, "governance.quorum_percent: must be an integer in 1..100, got 101"),
        (
            "timelock_delay_seconds",
            -1,
            "governance.timelock_delay_seconds: must be an integer in 0..281474976710655, got -1",
        ),
        (
            "timelock_delay_seconds",
            True,
            "governance.timelock_delay_seconds: must be an integer in 0..281474976710655, got True",
        ),
        ("proposal_threshold", -1, "governance.proposal_threshold: must be >= 0 GRID, got -1"),
        (
            "proposal_threshold",
            "lots",
            "governance.proposal_threshold: must be a GRID amount, got 'lots'",
        ),
        (
            "guardian",
            "0x1234",
            "governance.guardian: must be an address, 'timelock' or null, got '0x1234'",
        ),
        ("governor_name", "", "governance.governor_name: must be a non-empty string, got ''"),
        ("quorum_percent", _DELETE, "governance: missing key 'quorum_percent'"),
        ("voting_period", 300, "governance: unknown key(s) voting_period"),
        (
            "token.supply",
            999,
            "governance.token.distribution: amounts sum to 1000 GRID, but token.supply is 999 GRID",
        ),
        ("token.decimals", 18, "governance.token: unknown key(s) decimals"),
        (
            "token.distribution",
            [],
            "governance.token.distribution: must be a non-empty list of {to, amount}",
        ),
        (
            "token.distribution.0.amount",
            0,
            "governance.token.distribution[0].amount: must be > 0 GRID, got 0",
        ),
        (
            "token.distribution.0.amount",
            "1e-19",
            "governance.token.distribution[0].amount: must be a multiple of 1e-18 GRID, "
            "got '1e-19'",
        ),
        (
            "token.distribution.0.to",
            "treasury",
            "governance.token.distribution[0].to: must be 'deployer', 'timelock' or an address, "
            "got 'treasury'",
        ),
        (
            "token.distribution.0",
            {"to": "deployer"},
            "governance.token.distribution[0]: missing key 'amount'",
        ),
        ("token", [], "governance.token: must be a mapping, got list"),
    ],
)
def test_from_mapping__invalid_value__one_line_error_naming_key(path, value, message):
    with pytest.raises(GovernanceConfigError) as raised:
        GovernanceParams.from_mapping(_with(path, value))

    assert str(raised.value) == message


def test_from_mapping__recipient_listed_twice__error():
    token = {
        "name": "G",
        "symbol": "G",
        "supply": 2,
        "distribution": [{"to": "deployer", "amount": 1}, {"to": "deployer", "amount": 1}],
    }
    with pytest.raises(GovernanceConfigError, match=r"recipient deployer is listed twice$"):
        GovernanceParams.from_mapping(governance_section(token=token))


def test_load__missing_section__error(tmp_path):
    path = tmp_path / "deploy.yaml"
    path.write_text("market: {}\n")

    with pytest.raises(GovernanceConfigError, match=r"no top-level 'governance' section$"):
        load_governance_params(path)


def test_load__missing_file__error(tmp_path):
    with pytest.raises(GovernanceConfigError, match=r"nope.yaml: cannot read \(No such file"):
        load_governance_params(tmp_path / "nope.yaml")


def test_load__broken_yaml__one_line_error(tmp_path):
    path = tmp_path / "deploy.yaml"
    path.write_text("governance: [\n")

    with pytest.raises(GovernanceConfigError) as raised:
        load_governance_params(path)

    assert "not valid YAML" in str(raised.value) and "\n" not in str(raised.value)


@pytest.mark.parametrize(
    "text, units",
    [(1, GRID), ("0.000000000000000001", 1), (2.5, 5 * GRID // 2), ("1_000", 1000 * GRID)],
)
def test_grid_to_base_units__exact(text, units):
    assert grid_to_base_units(text, "k") == units


@pytest.mark.parametrize(
    "units, text", [(GRID, "1"), (GRID // 2, "0.5"), (1, "0.000000000000000001"), (0, "0")]
)
def test_format_grid__trims_trailing_zeros(units, text):
    assert format_grid(units) == text
