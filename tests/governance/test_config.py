"""The governance section of the deployment YAML: defaults per chain kind, conversion and
one-line errors (the same ParamsError as every other section)."""

from __future__ import annotations

import copy

import pytest
import yaml

from gridset.deploy.params import DEFAULT_PARAMS_FILE, ParamsError
from gridset.governance import (
    GOVERNANCE_PROFILES,
    GovernanceParams,
    format_grid,
    grid_to_base_units,
    load_governance_params,
)
from gridset.units import GRID

from .conftest import governance_section

ADDRESS = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"


def _allocations(params):
    return [(a.to, a.amount) for a in params.distribution]


def test_default_file__development_chain__local_values_short_enough_for_simulation():
    params = load_governance_params(DEFAULT_PARAMS_FILE).for_chain(development=True)

    assert (params.voting_delay, params.voting_period, params.timelock_delay) == (1, 300, 60)
    assert params.total_supply == 1_000_000 * GRID
    assert _allocations(params) == [("deployer", 600_000 * GRID), ("timelock", 400_000 * GRID)]
    assert (params.proposal_threshold, params.quorum_percent) == (1000 * GRID, 4)
    assert params.guardian is None


def test_default_file__other_chain__production_durations_and_quorum():
    params = load_governance_params(DEFAULT_PARAMS_FILE).for_chain(development=False)

    assert (params.voting_delay, params.voting_period, params.timelock_delay) == (
        86_400,
        7 * 86_400,
        2 * 86_400,
    )
    assert params.quorum_percent == 10
    assert GOVERNANCE_PROFILES["production"]["voting_period"] == params.voting_period


@pytest.mark.parametrize("development", [True, False])
def test_for_chain__values_in_the_file__win_over_the_profile(development):
    params = GovernanceParams.from_mapping(governance_section()).for_chain(development)

    assert (params.voting_delay, params.voting_period, params.timelock_delay) == (10, 100, 60)
    assert params.quorum_percent == 10


def test_for_chain__some_values_in_the_file__only_the_rest_from_the_profile():
    section = governance_section()
    del section["voting_period_seconds"], section["quorum_percent"]

    params = GovernanceParams.from_mapping(section).for_chain(development=False)

    assert (params.voting_delay, params.voting_period, params.timelock_delay) == (10, 604_800, 60)
    assert params.quorum_percent == 10


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

    assert _allocations(params) == [
        (ADDRESS, 1_250_000_000_000_000_000),
        ("timelock", 250_000_000_000_000_000),
    ]
    assert params.guardian == params.veto_guardian == ADDRESS


@pytest.mark.parametrize("value", [None, "timelock"])
def test_from_mapping__guardian_null_or_timelock__means_timelock_and_no_veto(value):
    params = GovernanceParams.from_mapping(governance_section(guardian=value))

    assert params.guardian is None
    assert params.veto_guardian == "0x" + "00" * 20


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
        ("voting_delay_seconds", 0, "governance.voting_delay_seconds: 0 out of range"),
        (
            "voting_period_seconds",
            2**32,
            "governance.voting_period_seconds: 4294967296 out of range",
        ),
        (
            "voting_period_seconds",
            "300",
            "governance.voting_period_seconds: '300' is not an integer",
        ),
        ("quorum_percent", 0, "governance.quorum_percent: 0 out of range"),
        ("quorum_percent", 101, "governance.quorum_percent: 101 out of range"),
        ("timelock_delay_seconds", -1, "governance.timelock_delay_seconds: -1 out of range"),
        (
            "timelock_delay_seconds",
            True,
            "governance.timelock_delay_seconds: True is not an integer",
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
        ("governor_name", "", "governance.governor_name: String should have at least 1 character"),
        ("token", _DELETE, "governance: missing key 'token'"),
        ("voting_period", 300, "governance: unknown key(s) voting_period"),
        (
            "token.supply",
            999,
            "governance.token: distribution: amounts sum to 1000 GRID, but supply is 999 GRID",
        ),
        ("token.decimals", 18, "governance.token: unknown key(s) decimals"),
        (
            "token.distribution",
            [],
            "governance.token.distribution: Tuple should have at least 1 item after validation",
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
        ("token", [], "governance.token: Input should be a valid dictionary or instance of"),
    ],
)
def test_from_mapping__invalid_value__one_line_error_naming_key(path, value, message):
    with pytest.raises(ParamsError) as raised:
        GovernanceParams.from_mapping(_with(path, value))

    assert str(raised.value).startswith(message)
    assert "\n" not in str(raised.value)


def test_from_mapping__recipient_listed_twice__error():
    token = {
        "name": "G",
        "symbol": "G",
        "supply": 2,
        "distribution": [{"to": "deployer", "amount": 1}, {"to": "deployer", "amount": 1}],
    }
    with pytest.raises(ParamsError, match=r"recipient deployer is listed twice$"):
        GovernanceParams.from_mapping(governance_section(token=token))


def test_load__missing_section__error(tmp_path):
    path = tmp_path / "deploy.yaml"
    path.write_text("market: {}\n")

    with pytest.raises(ParamsError, match=r"no top-level 'governance' section$"):
        load_governance_params(path)


def test_load__missing_file__error(tmp_path):
    with pytest.raises(ParamsError, match=r"nope.yaml: cannot read \(No such file"):
        load_governance_params(tmp_path / "nope.yaml")


def test_load__broken_yaml__one_line_error(tmp_path):
    path = tmp_path / "deploy.yaml"
    path.write_text("governance: [\n")

    with pytest.raises(ParamsError) as raised:
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


def test_replaced__stored_base_units__not_converted_again(params):
    changed = params.replaced(guardian="0x70997970C51812dc3A010C7d01b50e0d17dc79C8")

    assert changed.proposal_threshold == params.proposal_threshold == 10 * GRID
    assert changed.total_supply == params.total_supply
    assert changed.guardian == "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"
