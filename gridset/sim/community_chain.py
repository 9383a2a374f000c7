"""Put a modelled community on chain: each household's arrays become registered PanelNFTs."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from gridset.profiles import Community, PanelSpec


def panel_metadata_uri(community: Community, household_id: int, panel: PanelSpec) -> str:
    """A self-contained ``data:`` URI with the panel's JSON metadata (ERC-721 metadata fields)."""
    doc = {
        "name": f"Household {household_id} PV array, {panel.kwp:.1f} kWp",
        "description": f"Simulated array at {community.site.name}",
        "attributes": [
            {"trait_type": "capacity_w", "value": panel.capacity_w},
            {"trait_type": "tilt_deg", "value": panel.tilt_deg},
            {"trait_type": "azimuth_deg", "value": panel.azimuth_deg},
        ],
    }
    return "data:application/json," + quote(json.dumps(doc, separators=(",", ":")))


def mint_and_register(
    suite: Any, installer: Any, households: list[Any], community: Community
) -> list[list[int]]:
    """Mint every household's arrays to it (installer) and register them (the household itself).

    Returns ``panel_ids[household][array]``, the PanelNFT ids in the order of ``household.panels``.
    """
    nft, registry = suite.panel_nft, suite.panel_registry
    panel_ids: list[list[int]] = []
    for household, account in zip(community.households, households, strict=True):
        ids = []
        for panel in household.panels:
            uri = panel_metadata_uri(community, household.id, panel)
            tx = nft.mint(account, uri, panel.capacity_w, sender=installer)
            panel_id = tx.events.filter(nft.PanelMinted)[0].tokenId
            registry.registerPanel(panel_id, account, panel.capacity_w, sender=account)
            ids.append(panel_id)
        panel_ids.append(ids)
    return panel_ids
