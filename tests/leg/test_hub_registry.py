"""LegHubRegistry: registration, capacities, uptime attestations, outcomes, the score."""

from __future__ import annotations

import ape
from hypothesis import given, settings
from hypothesis import strategies as st

from gridset.leg.deploy import take_licence

ZONE = b"zone-9".ljust(32, b"\0")


def test_register__second_hub_for_operator__reverts(hub_registry, alice):
    with ape.reverts(hub_registry.LegHubAlreadyRegistered, operator=alice, hubId=1):
        hub_registry.registerHub(ZONE, (1, 1, 1), sender=alice)


def test_register__new_operator__sequential_id_and_neutral_score(
    hub_registry, licensing, deployer, attacker
):
    take_licence(licensing, attacker, deployer)
    tx = hub_registry.registerHub(ZONE, (10, 20, 30), sender=attacker)
    assert tx.events == [
        hub_registry.ZoneCreated(2, ZONE),
        hub_registry.HubRegistered(4, attacker, ZONE, (10, 20, 30)),
    ]
    assert hub_registry.hubOf(attacker) == 4 and hub_registry.hubCount() == 4
    assert hub_registry.zoneId(ZONE) == 2 and hub_registry.zoneCount() == 2
    assert hub_registry.hub(4).zoneId == 2
    assert hub_registry.score(4) == 5000 and hub_registry.level(4) == 3


def test_set_capacity__no_hub_or_bad_resource__reverts(hub_registry, alice, attacker):
    with ape.reverts(hub_registry.LegHubNoHub, account=attacker):
        hub_registry.setCapacity(0, 1, sender=attacker)
    with ape.reverts(hub_registry.LegHubInvalidResource, resource=3):
        hub_registry.setCapacity(3, 1, sender=alice)
    tx = hub_registry.setCapacity(1, 77, sender=alice)
    assert tx.events == [hub_registry.CapacitySet(1, 1, 77)]
    assert hub_registry.sellerTerms(1, 1) == (alice, 77, 1)
    with ape.reverts(hub_registry.LegHubInvalidResource, resource=3):
        hub_registry.sellerTerms(1, 3)


def test_attest_uptime__bounds_roles_unknown_hub(hub_registry, registrar, attacker):
    with ape.reverts(hub_registry.LegHubInvalidUptime, uptimeBps=10_001):
        hub_registry.attestUptime(1, 10_001, sender=registrar)
    with ape.reverts(hub_registry.LegHubUnknown, hubId=99):
        hub_registry.attestUptime(99, 1, sender=registrar)
    with ape.reverts(hub_registry.AccessControlUnauthorizedAccount):
        hub_registry.attestUptime(1, 1, sender=attacker)


def test_set_outcome_source__admin_only_not_zero(hub_registry, legm, deployer, attacker):
    assert hub_registry.outcomeSource() == legm.address
    with ape.reverts(hub_registry.AccessControlUnauthorizedAccount):
        hub_registry.setOutcomeSource(attacker, sender=attacker)
    with ape.reverts(hub_registry.LegHubZeroAddress):
        hub_registry.setOutcomeSource("0x0000000000000000000000000000000000000000", sender=deployer)
    tx = hub_registry.setOutcomeSource(legm, sender=deployer)
    assert tx.events == [hub_registry.OutcomeSourceSet(legm)]


def test_record_feedback__market_role_only(hub_registry, attacker):
    with ape.reverts(hub_registry.AccessControlUnauthorizedAccount):
        hub_registry.recordFeedback(1, 5, sender=attacker)


def _score(uptime, count, total):
    completion = 5_000  # no trades: (0 + 5000) / 1
    feedback = 5_000 if count == 0 else 100 * total // count
    return (5 * completion + 3 * uptime + 2 * feedback) // 10


@settings(max_examples=8, deadline=None)
@given(uptime=st.integers(0, 10_000), ratings=st.lists(st.integers(0, 100), max_size=3))
def test_score__matches_documented_formula_and_level_in_range(
    hub_registry, deployer, registrar, chain, uptime, ratings
):
    with chain.isolate():
        hub_registry.grantRole(hub_registry.MARKET_ROLE(), deployer, sender=deployer)
        for rating in ratings:
            hub_registry.recordFeedback(3, rating, sender=deployer)
        hub_registry.attestUptime(3, uptime, sender=registrar)
        expected = _score(uptime, len(ratings), sum(ratings))
        assert hub_registry.score(3) == expected
        assert hub_registry.level(3) == expected * 8 // 10_001 <= 7
