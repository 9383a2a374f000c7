"""PanelRegistry: registration rules and O(1) production records."""

import ape
import pytest

SLOT = 900


def test_register__by_owner__records_panel(registry, mint_panel, alice):
    panel = mint_panel(alice, 4000)
    tx = registry.registerPanel(panel, alice, 4000, sender=alice)
    assert tx.events == [registry.PanelRegistered(panel, alice, 4000)]
    record = registry.getPanelRecord(panel)
    assert (record.tokenId, record.owner, record.capacityWatt, record.isRegistered) == (
        panel,
        alice,
        4000,
        True,
    )
    assert registry.getRegisteredPanels() == [panel]
    assert registry.registeredPanelCount() == 1


def test_register__by_registrar_or_approved__works(
    registry, nft, mint_panel, alice, bob, registrar
):
    first = mint_panel(alice)
    registry.registerPanel(first, alice, 5000, sender=registrar)
    second = mint_panel(alice)
    nft.approve(bob, second, sender=alice)
    registry.registerPanel(second, alice, 5000, sender=bob)
    third = mint_panel(alice)
    nft.setApprovalForAll(bob, True, sender=alice)
    registry.registerPanel(third, alice, 5000, sender=bob)
    assert registry.registeredPanelCount() == 3


def test_register__unknown_panel__reverts(registry, alice):
    with ape.reverts(registry.PanelRegistryUnknownPanel, tokenId=99):
        registry.registerPanel(99, alice, 5000, sender=alice)


def test_register__retired_panel__reverts(registry, nft, mint_panel, alice):
    panel = mint_panel(alice)
    nft.retire(panel, sender=alice)
    with ape.reverts(registry.PanelRegistryPanelRetired, tokenId=panel):
        registry.registerPanel(panel, alice, 5000, sender=alice)


def test_register__wrong_owner__reverts(registry, mint_panel, alice, bob):
    panel = mint_panel(alice)
    with ape.reverts(
        registry.PanelRegistryOwnerMismatch, tokenId=panel, owner=bob, actualOwner=alice
    ):
        registry.registerPanel(panel, bob, 5000, sender=bob)


def test_register__capacity_mismatch__reverts(registry, mint_panel, alice):
    panel = mint_panel(alice, 5000)
    with ape.reverts(
        registry.PanelRegistryCapacityMismatch,
        tokenId=panel,
        capacityWatt=6000,
        nftCapacityWatt=5000,
    ):
        registry.registerPanel(panel, alice, 6000, sender=alice)


def test_register__twice__reverts(registry, registered_panel, alice):
    panel = registered_panel(alice)
    with ape.reverts(registry.PanelRegistryAlreadyRegistered, tokenId=panel):
        registry.registerPanel(panel, alice, 5000, sender=alice)


def test_register__by_stranger__reverts(registry, mint_panel, alice, attacker):
    panel = mint_panel(alice)
    with ape.reverts(registry.PanelRegistryUnauthorized, caller=attacker, tokenId=panel):
        registry.registerPanel(panel, alice, 5000, sender=attacker)


def test_deregister__by_owner__removes_from_list(registry, registered_panel, alice):
    first = registered_panel(alice)
    second = registered_panel(alice)
    tx = registry.deregisterPanel(first, sender=alice)
    assert tx.events == [registry.PanelDeregistered(first, alice)]
    assert not registry.isRegistered(first)
    assert registry.getRegisteredPanels() == [second]


def test_deregister__unregistered__reverts(registry, mint_panel, alice):
    panel = mint_panel(alice)
    with ape.reverts(registry.PanelRegistryNotRegistered, tokenId=panel):
        registry.deregisterPanel(panel, sender=alice)


def test_deregister__by_stranger__reverts(registry, registered_panel, alice, attacker):
    panel = registered_panel(alice)
    with ape.reverts(registry.PanelRegistryUnauthorized, caller=attacker, tokenId=panel):
        registry.deregisterPanel(panel, sender=attacker)


def test_reregister__after_deregistration__works(registry, registered_panel, alice):
    panel = registered_panel(alice)
    registry.deregisterPanel(panel, sender=alice)
    registry.registerPanel(panel, alice, 5000, sender=alice)
    assert registry.isRegistered(panel)


def test_report_production__not_oracle__reverts(registry, registered_panel, alice, attacker):
    panel = registered_panel(alice)
    with ape.reverts(registry.PanelRegistryNotOracle, caller=attacker):
        registry.reportProduction(panel, 0, 0, 1, sender=attacker)


def test_set_oracle__twice__reverts(registry, oracle, deployer):
    assert registry.oracle() == oracle
    with ape.reverts(registry.PanelRegistryOracleAlreadySet, oracle=oracle):
        registry.setOracle(oracle, sender=deployer)


def test_set_oracle__zero_address__reverts(deployer, nft, project):
    fresh = deployer.deploy(project.PanelRegistry, deployer, nft, SLOT)
    with ape.reverts(fresh.PanelRegistryInvalidParameter):
        fresh.setOracle(ape.utils.ZERO_ADDRESS, sender=deployer)


def test_on_panel_retired__not_nft__reverts(registry, attacker):
    with ape.reverts(registry.PanelRegistryNotPanelNFT, caller=attacker):
        registry.onPanelRetired(1, sender=attacker)


@pytest.mark.parametrize(
    ("start", "end"),
    [(1, SLOT), (0, SLOT + 1), (SLOT, SLOT), (2 * SLOT, SLOT), (0, SLOT * 2977)],
    ids=["start-misaligned", "end-misaligned", "empty", "reversed", "too-long"],
)
def test_production_range__invalid__reverts(registry, start, end):
    with ape.reverts(registry.PanelRegistryInvalidRange, start=start, end=end, slotLength=SLOT):
        registry.getProductionInTimeSlot(1, start, end)


@pytest.mark.parametrize("slot_length", [59, 3601, 7 * 60])
def test_constructor__bad_slot_length__reverts(deployer, nft, project, slot_length):
    with ape.reverts(project.PanelRegistry.PanelRegistryInvalidParameter):
        deployer.deploy(project.PanelRegistry, deployer, nft, slot_length)


def test_constructor__zero_nft__reverts(deployer, project):
    with ape.reverts(project.PanelRegistry.PanelRegistryInvalidParameter):
        deployer.deploy(project.PanelRegistry, deployer, ape.utils.ZERO_ADDRESS, SLOT)


def test_slot_length_and_nft_links(registry, nft):
    assert registry.slotLength() == SLOT
    assert registry.panelNFT() == nft
