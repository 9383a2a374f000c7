"""Gas of the SettlementEngine, and of EnergyMarket.releaseEscrow, on the slots that
:mod:`gridset.bench.market` trades and clears.

``releaseEscrow`` is callable only by SETTLEMENT_ROLE (the engine): the engine's internal calls are
part of ``settleParticipant`` (seller proceeds, buyer shortfall refunds) and
``finalizeTimeSlot[fees paid]``; the direct-call case measures it from a role holder.
"""

from __future__ import annotations

from typing import Any

from ape import accounts

from gridset.bench import GasTable
from gridset.market.driver import SlotDriver
from gridset.units import WATT


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


#: Batch sizes of the batch-path figures; each slot has max(size, 2) participants, half sellers.
BATCH_SIZES = (1, 10, 50)
BATCH_TRADE_WH = 500


def settle_batches(table: GasTable, driver: SlotDriver, installer: Any, funder: Any) -> None:
    """The batch path: per-participant gas of ``settleBatch`` for batches of 1, 10 and 50 (each
    seller asks 500 Wh at tick 10 and delivers it, each buyer bids 500 Wh at tick 20; orders are
    claimed inside settlement), and of ``settleParticipants`` (transfers) for 50. Every figure is
    the second slot the same accounts settle (they already hold internal balances and credits, as
    any household after its first slot); participants are in the batch sellers first. Then the
    withdrawals: one ``withdraw`` (money) and one ``withdrawEnergy`` (credits) gathering two slots.
    Accounts are generated and funded here (``funder`` pays their ether, ``installer`` issues WATT
    and registers panels)."""
    settlement, market = driver.settlement, driver.market
    size = max(BATCH_SIZES)
    sellers, buyers, panels = _batch_accounts(driver, installer, funder, size // 2)
    cases = [(n, True) for n in BATCH_SIZES] + [(size, False)]
    for n, to_balances in cases:
        count = max(n, 2) // 2
        people = (sellers[:count], buyers[:count])
        gas = []
        for _ in range(2):  # the second slot of the same accounts is measured
            gas = _batch_slot(driver, panels, people, n, to_balances)
        entry = "settleBatch" if to_balances else "settleParticipants"
        table.record(
            f"SettlementEngine.{entry}[per participant, batch of {n}]",
            sum(gas) // (2 * count),
            note=f"{len(gas)} call(s) settle {2 * count} participants, {sum(gas):,} gas",
        )
    seller, buyer = sellers[0], buyers[0]
    table.record(
        "EnergyMarket.withdraw[internal balance of several slots]",
        market.withdraw(market.internalBalanceOf(seller), sender=seller),
    )
    table.record(
        "SettlementEngine.withdrawEnergy[credits of several slots]",
        settlement.withdrawEnergy(settlement.energyCreditOf(buyer), sender=buyer),
    )


def _batch_accounts(
    driver: SlotDriver, installer: Any, funder: Any, count: int
) -> tuple[list[Any], list[Any], dict[Any, int]]:
    """``count`` staked sellers with a registered 5 kW panel each (``{seller: panel id}``),
    ``count`` funded buyers."""
    suite, people, panels = driver.suite, [], {}
    for _ in range(2 * count):
        account = accounts.test_accounts.generate_test_account()
        funder.transfer(account, 10**18)
        driver.fund(installer, account, 1_000 * WATT, 100 * WATT, disputes=False)
        people.append(account)
    sellers = people[:count]
    for seller in sellers:
        tx = suite.panel_nft.mint(seller, "ipfs://bench-panel", 5000, sender=installer)
        panel = tx.events.filter(suite.panel_nft.PanelMinted)[0].tokenId
        suite.panel_registry.registerPanel(panel, seller, 5000, sender=installer)
        panels[seller] = panel
    return sellers, people[count:], panels


def _batch_slot(
    driver: SlotDriver,
    panels: dict[Any, int],
    people: tuple[list[Any], list[Any]],
    n: int,
    to_balances: bool,
) -> list[int]:
    """Trade, clear, deliver and settle the next slot in batches of ``n``; returns each call's
    gas."""
    sellers, buyers = people
    slot = driver.next_slot(driver.gate_lead + 2 * driver.slot_seconds)
    for seller in sellers:
        driver.ask(seller, slot, 10, BATCH_TRADE_WH)
    for buyer in buyers:
        driver.bid(buyer, slot, 20, BATCH_TRADE_WH)
    driver.clear(slot)
    driver.report(slot, {panels[s]: BATCH_TRADE_WH for s in sellers})
    driver.finalize_oracle(slot)
    driver.open_settlement(slot)
    participants = sellers + buyers
    settle = driver.settlement.settleBatch if to_balances else driver.settlement.settleParticipants
    gas = [
        int(settle(slot, participants[i : i + n], sender=driver.keeper).gas_used)
        for i in range(0, len(participants), n)
    ]
    driver.settlement.finalizeTimeSlot(slot, sender=driver.keeper)
    return gas
