"""Utility.settle() against the Python reference on random communities."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gridset.reference.netting import settle

# Households are plain addresses: the admin reports for them as a meter.
HOUSEHOLDS = [f"0x{0xE0E0 + i:040x}" for i in range(12)]
balance = st.one_of(st.integers(-300, 300), st.integers(-(10**12), 10**12), st.just(0))
communities = st.lists(balance, min_size=2, max_size=12)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(balances=communities)
def test_settle__random_community__same_balances_and_deeds_as_reference(
    create_utility, admin, balances
):
    utility = create_utility()
    utility.grantRole(utility.METER_ROLE(), admin, sender=admin)
    members = HOUSEHOLDS[: len(balances)]
    for member, b in zip(members, balances, strict=True):
        utility.addHousehold(member, sender=admin)
        if b:
            utility.updateRenewableEnergy(member, max(b, 0), max(-b, 0), sender=admin)

    tx = utility.settle(sender=admin)

    expected = settle(balances)
    assert [utility.balanceOfRenewableEnergy(m) for m in members] == expected.after
    index = {m.lower(): i for i, m in enumerate(members)}
    deeds = [utility.getDeed(tx.block_number, i) for i in range(len(expected.deeds))]
    assert utility.deedsLength(tx.block_number) == len(expected.deeds)
    assert [
        (index[d.producer.lower()], index[d.consumer.lower()], d.renewableEnergyTransferred)
        for d in deeds
    ] == [tuple(d) for d in expected.deeds]
    assert all(d.nonRenewableEnergyTransferred == 0 for d in deeds)
    requests = [e for e in tx.events if e.event_name == "RequestNonRenewableEnergy"]
    assert [(index[e.household.lower()], e.energy) for e in requests] == expected.requests()
