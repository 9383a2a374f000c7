"""PanelNFT: ERC-721 per production asset, retirement, transfer lock while registered."""

import ape


def test_mint__ids_start_at_one_and_store_metadata(nft, installer, alice, chain):
    tx = nft.mint(alice, "ipfs://a", 5000, sender=installer)
    assert tx.events == [
        nft.Transfer(ape.utils.ZERO_ADDRESS, alice, 1),
        nft.PanelMinted(alice, 1, "ipfs://a"),
    ]
    meta = nft.getPanelMetadata(1)
    assert meta.tokenId == 1
    assert meta.metadataUri == "ipfs://a"
    assert meta.capacityWatt == 5000
    assert meta.installationTimestamp == chain.blocks.head.timestamp
    assert meta.isActive
    assert nft.tokenURI(1) == "ipfs://a"
    assert nft.totalSupply() == 1
    assert nft.panelSpec(1) == (5000, chain.blocks.head.timestamp, 0)


def test_mint__without_installer_role__reverts(nft, attacker):
    with ape.reverts(
        nft.AccessControlUnauthorizedAccount, account=attacker, neededRole=nft.INSTALLER_ROLE()
    ):
        nft.mint(attacker, "ipfs://x", 1000, sender=attacker)


def test_mint__zero_capacity__reverts(nft, installer, alice):
    with ape.reverts(nft.PanelNFTInvalidCapacity, capacityWatt=0, maxCapacityWatt=2**32 - 1):
        nft.mint(alice, "ipfs://x", 0, sender=installer)


def test_mint__capacity_above_uint32__reverts(nft, installer, alice):
    with ape.reverts(nft.PanelNFTInvalidCapacity, capacityWatt=2**32, maxCapacityWatt=2**32 - 1):
        nft.mint(alice, "ipfs://x", 2**32, sender=installer)


def test_mint__empty_uri__reverts(nft, installer, alice):
    with ape.reverts(nft.PanelNFTEmptyMetadataUri):
        nft.mint(alice, "", 1000, sender=installer)


def test_unknown_panel__views_revert_or_return_zero(nft):
    with ape.reverts(nft.ERC721NonexistentToken, tokenId=7):
        nft.getPanelMetadata(7)
    with ape.reverts(nft.ERC721NonexistentToken, tokenId=7):
        nft.tokenURI(7)
    assert nft.panelSpec(7) == (0, 0, 0)


def test_retire__by_owner__deactivates_and_blocks_transfer(nft, mint_panel, alice, bob, chain):
    panel = mint_panel(alice)
    tx = nft.retire(panel, sender=alice)
    assert tx.events == [nft.PanelRetired(panel, chain.blocks.head.timestamp)]
    assert not nft.getPanelMetadata(panel).isActive
    with ape.reverts(nft.PanelNFTRetired, tokenId=panel):
        nft.transferFrom(alice, bob, panel, sender=alice)


def test_retire__by_approved_operator__works(nft, mint_panel, alice, bob):
    panel = mint_panel(alice)
    nft.approve(bob, panel, sender=alice)
    nft.retire(panel, sender=bob)
    assert nft.panelSpec(panel)[2] != 0


def test_retire__twice__reverts(nft, mint_panel, alice):
    panel = mint_panel(alice)
    nft.retire(panel, sender=alice)
    with ape.reverts(nft.PanelNFTRetired, tokenId=panel):
        nft.retire(panel, sender=alice)


def test_retire__by_stranger__reverts(nft, mint_panel, alice, attacker):
    panel = mint_panel(alice)
    with ape.reverts(nft.PanelNFTNotOwnerOrApproved, caller=attacker, tokenId=panel):
        nft.retire(panel, sender=attacker)


def test_retire__registered_panel__deregisters_it(nft, registry, registered_panel, alice):
    panel = registered_panel(alice)
    tx = nft.retire(panel, sender=alice)
    assert registry.PanelDeregistered(panel, alice) in tx.events
    assert not registry.isRegistered(panel)


def test_transfer__while_registered__reverts_then_works_after_deregistering(
    nft, registry, registered_panel, alice, bob
):
    panel = registered_panel(alice)
    with ape.reverts(nft.PanelNFTRegistered, tokenId=panel):
        nft.transferFrom(alice, bob, panel, sender=alice)
    registry.deregisterPanel(panel, sender=alice)
    nft.transferFrom(alice, bob, panel, sender=alice)
    assert nft.ownerOf(panel) == bob


def test_set_registry__twice__reverts(nft, deployer, registry):
    with ape.reverts(nft.PanelNFTRegistryAlreadySet, registry=registry):
        nft.setRegistry(registry, sender=deployer)


def test_set_registry__zero_address__reverts(deployer, project):
    fresh = deployer.deploy(project.PanelNFT, deployer)
    with ape.reverts(fresh.PanelNFTZeroAddress):
        fresh.setRegistry(ape.utils.ZERO_ADDRESS, sender=deployer)


def test_supports_interface__erc721_accesscontrol_panel(nft):
    assert nft.supportsInterface("0x80ac58cd")  # ERC-721
    assert nft.supportsInterface("0x7965db0b")  # AccessControl
    assert not nft.supportsInterface("0xffffffff")
