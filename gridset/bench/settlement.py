"""Gas of the SettlementEngine, and of EnergyMarket.releaseEscrow, on the slots that
:mod:`gridset.bench.market` trades and clears.

``releaseEscrow`` is callable only by SETTLEMENT_ROLE (the engine): the engine's internal calls are
part of ``settleParticipant`` (seller proceeds, buyer shortfall refunds) and
``finalizeTimeSlot[fees paid]``; the direct-call case measures it from a role holder.
"""

from __future__ import annotations

from typing import Any

from gridset.bench import GasTable
from gridset.market.driver import SlotDriver


def batch_oracle_and_rejected_dispute(
    table: GasTable, driver: SlotDriver, traders: list[Any], panels: dict, slot: int, arbiter: Any
) -> None:
    """The 100-order slot: every trader produced 1 kWh; a dispute on one of them is rejected."""
    driver.report(slot, {panels[t]: 1_000 for t in traders})
    driver.finalize_oracle(slot)
    driver.settlement.raiseDispute(slot, traders[5], sender=traders[4])
    table.record(
        "SettlementEngine.resolveDispute[rejected]",
        driver.settlement.resolveDispute(slot, traders[5], False, 0, sender=arbiter),
    )


def trade_settlement(
    table: GasTable, driver: SlotDriver, traders: list[Any], panels: dict, slot: int, arbiter: Any
) -> None:
    """The trade slot: a sold 760 Wh and produced 700 (short), b sold 240 and produced 300; f only
    produced, and its value is disputed and corrected."""
    settlement, keeper = driver.settlement, driver.keeper
    a, b, c, d, e, f = traders
    driver.report(slot, {panels[a]: 700, panels[b]: 300, panels[f]: 400})
    driver.finalize_oracle(slot)
    table.record("SettlementEngine.raiseDispute", settlement.raiseDispute(slot, f, sender=e))
    table.record(
        "SettlementEngine.resolveDispute[upheld, corrected production]",
        settlement.resolveDispute(slot, f, True, 350, sender=arbiter),
    )
    driver.open_settlement(slot)
    cases = (
        (a, "seller, shortfall penalised, first of the slot"),
        (b, "seller, full delivery, surplus credits"),
        (f, "producer without trades"),
        (c, "buyer, first"),
        (d, "buyer"),
        (e, "buyer, last"),
    )
    for who, case in cases:
        table.record(
            f"SettlementEngine.settleParticipant[{case}]",
            settlement.settleParticipant(slot, who, sender=keeper),
        )
    table.record(
        "SettlementEngine.finalizeTimeSlot[fees paid]",
        settlement.finalizeTimeSlot(slot, sender=keeper),
    )


def batch_settlement(table: GasTable, driver: SlotDriver, traders: list[Any], slot: int) -> None:
    """Every trader of the 100-order slot sold and bought: the first pass settles the seller
    sides (and the last trader's buyer side), the second the other buyer sides."""
    settlement, keeper = driver.settlement, driver.keeper
    passes = [settlement.settleParticipants(slot, traders, sender=keeper) for _ in range(2)]
    table.record("SettlementEngine.settleParticipants[6 prosumers, seller sides]", passes[0])
    table.record("SettlementEngine.settleParticipants[6 prosumers, buyer sides]", passes[1])
    table.record(
        "SettlementEngine.settleParticipants[per prosumer, both sides]",
        sum(int(r.gas_used) for r in passes) // len(traders),
    )
    table.record(
        "SettlementEngine.finalizeTimeSlot[6 prosumers]",
        settlement.finalizeTimeSlot(slot, sender=keeper),
    )


def settle_time_slots(table: GasTable, driver: SlotDriver, normal: int, timed_out: int) -> None:
    """The keeper entry point ``settleTimeSlot``: ``normal``, a cleared 10-order slot whose oracle
    data (no reports) are final and undisputed, settles and closes in one call; ``timed_out``, a
    cleared 1000-order slot the oracle has not finalised at the settlement timeout: the first call
    finalises the oracle's slot (finalisation is possible, so no timeout mode), the keeper then
    settles it in bounded calls after the dispute window."""
    settlement, keeper = driver.settlement, driver.keeper
    driver.finalize_oracle(normal)
    driver.open_settlement(normal)
    table.record(
        "SettlementEngine.settleTimeSlot[keeper, 10 orders: settles all and closes]",
        settlement.settleTimeSlot(normal, sender=keeper),
    )
    table.record(
        "SettlementEngine.settleTimeSlot[settled, no-op]",
        settlement.settleTimeSlot(normal, sender=keeper),
    )
    driver.time_out(timed_out)
    table.record(
        "SettlementEngine.settleTimeSlot[timeout reached, oracle finalisable: finalises it]",
        settlement.settleTimeSlot(timed_out, sender=keeper),
    )
    driver.open_settlement(timed_out)
    receipts = driver.keep(timed_out)
    batch = int(settlement.KEEPER_BATCH())
    table.record(
        f"SettlementEngine.settleTimeSlot[keeper, first {batch} of 1000 orders]",
        receipts[0],
        note=f"{len(receipts)} calls settle and close the 1000-order slot, at most "
        f"{max(int(r.gas_used) for r in receipts):,} gas each",
    )


def release_escrow(table: GasTable, driver: SlotDriver, slot: int, admin: Any, seller: Any) -> None:
    """Half of a cleared slot's escrow (the buyers' payments) paid to a seller who already holds
    WATT, as the engine pays proceeds; escrow stays in the slot. The direct call includes the
    21,000 transaction base cost that the engine's internal call does not pay."""
    market = driver.market
    market.grantRole(market.SETTLEMENT_ROLE(), admin, sender=admin)
    table.record(
        "EnergyMarket.releaseEscrow[direct call, escrow left, recipient holds WATT]",
        market.releaseEscrow(slot, seller, int(market.escrowOf(slot)) // 2, sender=admin),
    )
