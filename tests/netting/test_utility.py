"""Utility and UtilityBase: household accounting, settlement, compensation, deactivation."""

import ape
import pytest

from gridset.reference.netting import settle

SEED_BALANCES = [200, 100, -100, -100]


@pytest.fixture
def utility(create_utility):
    return create_utility()


@pytest.fixture
def community(utility, admin, households):
    """A Utility whose first households hold ``balances`` (renewable, Ws) in insertion order."""

    def community(balances):
        members = households[: len(balances)]
        for member, balance in zip(members, balances, strict=True):
            utility.addHousehold(member, sender=admin)
            if balance:
                utility.updateRenewableEnergy(
                    member, max(balance, 0), max(-balance, 0), sender=member
                )
        return members

    return community


def renewable_balances(utility, members):
    return [utility.balanceOfRenewableEnergy(m) for m in members]


def deeds_of(utility, block_number, members):
    index = {m.address: i for i, m in enumerate(members)}
    deeds = [utility.getDeed(block_number, i) for i in range(utility.deedsLength(block_number))]
    return [
        (index[d.producer], index[d.consumer], d.renewableEnergyTransferred)
        for d in deeds
        if d.nonRenewableEnergyTransferred == 0
    ]


def test_settle__seed_example__matches_reference(utility, community, admin):
    members = community(SEED_BALANCES)

    tx = utility.settle(sender=admin)

    assert renewable_balances(utility, members) == [68, 34, 0, -2]
    assert deeds_of(utility, tx.block_number, members) == [(0, 2, 100), (0, 3, 32), (1, 3, 66)]
    assert list(settle(SEED_BALANCES).deeds) == [(0, 2, 100), (0, 3, 32), (1, 3, 66)]
    assert tx.events == [utility.Settled(tx.block_number, 3)]


def test_settle__deficit__requests_non_renewable_energy(utility, community, admin):
    members = community([-300, 50, -100, 100])

    tx = utility.settle(sender=admin)

    assert renewable_balances(utility, members) == [-188, 0, -63, 1]
    assert tx.events == [
        utility.Settled(tx.block_number, 3),
        utility.RequestNonRenewableEnergy(members[0], 188),
        utility.RequestNonRenewableEnergy(members[2], 63),
    ]


def test_settle__moves_balances_only__totals_and_counters_unchanged(utility, community, admin):
    members = community(SEED_BALANCES)
    before = [utility.getHousehold(m) for m in members]

    utility.settle(sender=admin)

    assert utility.totalRenewableEnergy() == 100
    assert utility.totalProducedRenewableEnergy() == 300
    assert utility.totalConsumedRenewableEnergy() == 200
    for member, old in zip(members, before, strict=True):
        assert utility.getHousehold(member)[3:] == old[3:]


def test_settle__twice_in_one_block__appends_deeds(utility, community, admin, project):
    members = community(SEED_BALANCES)
    settler = admin.deploy(project.UtilityDoubleSettler)
    utility.grantRole(utility.OPERATOR_ROLE(), settler, sender=admin)

    tx = settler.settleTwice(utility, sender=admin)

    # the second pass nets 68, 34, 0, -2: 68 * 100 // 102 = 66% of 2 -> 1 Ws to household 3
    assert deeds_of(utility, tx.block_number, members) == [
        (0, 2, 100),
        (0, 3, 32),
        (1, 3, 66),
        (0, 3, 1),
    ]
    assert renewable_balances(utility, members) == settle(settle(SEED_BALANCES).after).after


def test_settle__by_non_operator__reverts(utility, outsider):
    with ape.reverts(
        utility.AccessControlUnauthorizedAccount,
        account=outsider.address,
        neededRole=utility.OPERATOR_ROLE(),
    ):
        utility.settle(sender=outsider)


def test_get_deed__past_the_end__reverts(utility, community, admin):
    community(SEED_BALANCES)
    tx = utility.settle(sender=admin)

    with ape.reverts(utility.UtilityDeedOutOfRange, blockNumber=tx.block_number, index=3, length=3):
        utility.getDeed(tx.block_number, 3)


def test_add_household__twice__reverts(utility, admin, households):
    utility.addHousehold(households[0], sender=admin)

    with ape.reverts(utility.UtilityHouseholdExists, household=households[0].address):
        utility.addHousehold(households[0], sender=admin)


def test_add_household__zero_address__reverts(utility, admin):
    with ape.reverts(utility.UtilityZeroAddress):
        utility.addHousehold(ape.utils.ZERO_ADDRESS, sender=admin)


def test_add_household__by_outsider__reverts(utility, outsider, households):
    with ape.reverts(utility.AccessControlUnauthorizedAccount, account=outsider.address):
        utility.addHousehold(households[0], sender=outsider)


def test_add_household__emits_and_appends(utility, admin, households):
    tx = utility.addHousehold(households[0], sender=admin)

    assert tx.events == [utility.NewHousehold(households[0])]
    assert utility.householdCount() == 1
    assert utility.getHousehold(households[0]) == (True, 0, 0, 0, 0, 0, 0)


def test_remove_household__unknown__reverts(utility, admin, households):
    with ape.reverts(utility.UtilityUnknownHousehold, household=households[0].address):
        utility.removeHousehold(households[0], sender=admin)


def test_remove_household__middle__keeps_order_and_totals(utility, community, admin):
    members = community([200, -50, 100, -100])

    tx = utility.removeHousehold(members[1], sender=admin)

    assert tx.events == [utility.HouseholdRemoved(members[1])]
    assert [utility.householdAt(i) for i in range(3)] == [members[0], members[2], members[3]]
    assert utility.getHousehold(members[1]) == (False, 0, 0, 0, 0, 0, 0)
    assert utility.totalRenewableEnergy() == 200
    assert utility.totalConsumedRenewableEnergy() == 100
    utility.settle(sender=admin)
    assert renewable_balances(utility, [members[0], members[2], members[3]]) == [
        *settle([200, 100, -100]).after
    ]


def test_update_renewable__by_household__updates_figures_and_emits(utility, admin, households):
    h = households[0]
    utility.addHousehold(h, sender=admin)

    tx = utility.updateRenewableEnergy(h, 500, 200, sender=h)

    assert tx.events == [utility.RenewableEnergyChanged(h, 300)]
    assert utility.getHousehold(h) == (True, 300, 0, 500, 200, 0, 0)
    assert utility.totalRenewableEnergy() == 300
    assert utility.balanceOf(h) == 300


def test_update_non_renewable__by_meter__updates_figures(utility, admin, meter, households):
    h = households[0]
    utility.addHousehold(h, sender=admin)
    utility.grantRole(utility.METER_ROLE(), meter, sender=admin)

    tx = utility.updateNonRenewableEnergy(h, 10, 70, sender=meter)

    assert tx.events == [utility.NonRenewableEnergyChanged(h, -60)]
    assert utility.balanceOfNonRenewableEnergy(h) == -60
    assert utility.balanceOfProducedNonRenewableEnergy(h) == 10
    assert utility.balanceOfConsumedNonRenewableEnergy(h) == 70
    assert utility.totalNonRenewableEnergy() == -60
    assert utility.totalProducedNonRenewableEnergy() == 10
    assert utility.totalConsumedNonRenewableEnergy() == 70


def test_views__mixed_types__add_up(utility, admin, households):
    h = households[0]
    utility.addHousehold(h, sender=admin)
    utility.updateRenewableEnergy(h, 500, 200, sender=h)
    utility.updateNonRenewableEnergy(h, 10, 70, sender=h)

    assert utility.balanceOf(h) == 240
    assert utility.balanceOfProducedEnergy(h) == 510
    assert utility.balanceOfConsumedEnergy(h) == 270
    assert utility.balanceOfProducedRenewableEnergy(h) == 500
    assert utility.balanceOfConsumedRenewableEnergy(h) == 200
    assert utility.totalEnergy() == 240
    assert utility.totalProducedEnergy() == 510
    assert utility.totalConsumedEnergy() == 270


def test_update_renewable__negative_amount__reverts(utility, admin, households):
    h = households[0]
    utility.addHousehold(h, sender=admin)

    with ape.reverts(utility.UtilityNegativeEnergy, household=h.address, produced=-1, consumed=5):
        utility.updateRenewableEnergy(h, -1, 5, sender=h)


def test_update_renewable__by_other_account__reverts(utility, admin, households):
    h, other = households[0], households[1]
    utility.addHousehold(h, sender=admin)

    with ape.reverts(
        utility.AccessControlUnauthorizedAccount,
        account=other.address,
        neededRole=utility.METER_ROLE(),
    ):
        utility.updateRenewableEnergy(h, 1, 0, sender=other)


def test_update_renewable__unknown_household__reverts(utility, households):
    h = households[0]

    with ape.reverts(utility.UtilityUnknownHousehold, household=h.address):
        utility.updateRenewableEnergy(h, 1, 0, sender=h)


def test_update_renewable__beyond_int88__reverts(utility, admin, households):
    h = households[0]
    utility.addHousehold(h, sender=admin)

    with ape.reverts(utility.SafeCastOverflowedIntDowncast, bits=88, value=2**87):
        utility.updateRenewableEnergy(h, 2**87, 0, sender=h)


def test_balance_view__unknown_household__reverts(utility, households):
    with ape.reverts(utility.UtilityUnknownHousehold, household=households[0].address):
        utility.balanceOfRenewableEnergy(households[0])


@pytest.mark.parametrize(
    ("renewable", "non_renewable", "after", "energy", "to_renewable"),
    [
        (-30, 50, (0, 20), 30, True),
        (80, -50, (30, 0), 50, False),
    ],
)
def test_compensate__opposite_signs__offsets_smaller_magnitude(
    utility, admin, households, renewable, non_renewable, after, energy, to_renewable
):
    h = households[0]
    utility.addHousehold(h, sender=admin)
    utility.updateRenewableEnergy(h, max(renewable, 0), max(-renewable, 0), sender=h)
    utility.updateNonRenewableEnergy(h, max(non_renewable, 0), max(-non_renewable, 0), sender=h)

    assert utility.compensateEnergy.call(h, sender=h) is True
    tx = utility.compensateEnergy(h, sender=h)

    assert tx.events == [utility.EnergyCompensated(h, energy, to_renewable)]
    assert utility.getHousehold(h)[1:3] == after


def test_compensate__same_signs__changes_nothing(utility, admin, households):
    h = households[0]
    utility.addHousehold(h, sender=admin)
    utility.updateRenewableEnergy(h, 10, 0, sender=h)

    assert utility.compensateEnergy.call(h, sender=admin) is False
    tx = utility.compensateEnergy(h, sender=admin)

    assert tx.events == []
    assert utility.getHousehold(h)[1:3] == (10, 0)


def test_compensate__by_outsider__reverts(utility, admin, outsider, households):
    utility.addHousehold(households[0], sender=admin)

    with ape.reverts(utility.AccessControlUnauthorizedAccount, account=outsider.address):
        utility.compensateEnergy(households[0], sender=outsider)


def test_compensate__unknown_household__reverts(utility, admin, households):
    with ape.reverts(utility.UtilityUnknownHousehold, household=households[0].address):
        utility.compensateEnergy(households[0], sender=admin)


def test_deactivate__then_state_changes__revert_and_views_work(utility, community, admin):
    members = community(SEED_BALANCES)

    tx = utility.deactivate(sender=admin)

    assert tx.events == [utility.Deactivated(admin)]
    assert utility.deactivated()
    with ape.reverts(utility.UtilityDeactivated):
        utility.settle(sender=admin)
    with ape.reverts(utility.UtilityDeactivated):
        utility.updateRenewableEnergy(members[0], 1, 0, sender=members[0])
    with ape.reverts(utility.UtilityDeactivated):
        utility.deactivate(sender=admin)
    assert utility.balanceOfRenewableEnergy(members[0]) == 200
