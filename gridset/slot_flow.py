"""One time slot end to end on a deployed suite, over any provider (eth-tester or a JSON-RPC
dev node such as anvil): mint and register a panel, let the slot pass, have the oracle operators
report, close the reporting window, finalise, and read the figures back from the chain.

Used by the deployment smoke test against anvil and by anyone checking a fresh local deployment.
It moves chain time, so it is for dev chains only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from gridset.chain_time import advance_time, next_slot_start
from gridset.deploy.core import Suite


@dataclass(frozen=True)
class SlotOutcome:
    """What the chain says about one panel in one finalised slot.

    Attributes:
        panel_id: PanelNFT token id.
        slot: Slot start (Unix s) = slot id.
        reported_wh: Each operator's report as stored by the oracle, Wh (in operator order).
        accepted_wh: The oracle's accepted value (median at quorum, else 0), Wh.
        report_count: Operators that reported.
        quorum_reached: Whether the slot's quorum was met.
        registry_wh: The registry's production of the panel in the slot, Wh.
        owner_wh: The registry's production of the owner's panels in the slot, Wh.
        slot_total_wh: The oracle's total over all panels in the slot, Wh.
        finalized: Whether the slot is finalised.
        finalized_at: Unix time (s) of finalisation.
    """

    panel_id: int
    slot: int
    reported_wh: tuple[int, ...]
    accepted_wh: int
    report_count: int
    quorum_reached: bool
    registry_wh: int
    owner_wh: int
    slot_total_wh: int
    finalized: bool
    finalized_at: int


def run_one_slot(
    suite: Suite,
    installer: Any,
    owner: Any,
    operators: Sequence[Any],
    reports_wh: Sequence[int],
    *,
    capacity_w: int = 5000,
    uri: str = "ipfs://gridset-smoke-panel",
) -> SlotOutcome:
    """Run one slot for a new panel of ``owner`` and return the on-chain figures.

    Args:
        suite: The deployed contracts (``deploy_suite`` or ``addresses.load_suite``).
        installer: Account with INSTALLER_ROLE on the PanelNFT.
        owner: Account that receives and registers the panel.
        operators: Oracle operator accounts; each reports once, in a batch transaction.
        reports_wh: One production figure (Wh) per operator.
        capacity_w: Rated capacity of the panel, W (bounds the reports: capacity * slot / 3600).
        uri: Metadata URI of the panel.

    Raises:
        ValueError: ``reports_wh`` and ``operators`` differ in length.
    """
    from ape import chain

    if len(reports_wh) != len(operators):
        raise ValueError(f"{len(operators)} operators but {len(reports_wh)} reports")
    nft, registry, oracle = suite.panel_nft, suite.panel_registry, suite.energy_oracle
    slot_seconds = registry.slotLength()

    tx = nft.mint(owner, uri, capacity_w, sender=installer)
    panel_id = tx.events.filter(nft.PanelMinted)[0].tokenId
    registry.registerPanel(panel_id, owner, capacity_w, sender=owner)
    registered_at = registry.reportingSpec(panel_id).registeredAt

    # The first slot that starts at or after the registration is the first one it covers.
    slot = next_slot_start(registered_at - 1, slot_seconds)
    advance_time(chain, slot + slot_seconds)
    for operator, energy_wh in zip(operators, reports_wh, strict=True):
        oracle.reportProductionBatch(slot, [panel_id], [energy_wh], sender=operator)

    advance_time(chain, max(oracle.reportingDeadline(slot), chain.pending_timestamp))
    oracle.finalizeTimeSlot(slot, sender=owner)

    report = oracle.getProductionReport(panel_id, slot)
    stored = tuple(oracle.getOperatorReport(panel_id, slot, op).energyWh for op in operators)
    return SlotOutcome(
        panel_id=panel_id,
        slot=slot,
        reported_wh=stored,
        accepted_wh=report.energyWh,
        report_count=report.reportCount,
        quorum_reached=report.quorumReached,
        registry_wh=registry.productionOf(panel_id, slot),
        owner_wh=registry.ownerProductionOf(owner, slot),
        slot_total_wh=oracle.getTotalProductionInSlot(slot),
        finalized=oracle.isTimeSlotFinalized(slot),
        finalized_at=oracle.finalizedAt(slot),
    )
