"""Gas of EnergyMarket, SettlementEngine and the StakingVault calls they make, from receipts.

Cases mirror the reference's published figures (placement: first order of a slot, typical, a
trader's second order; clearing with 10, 100 and 1000 orders) and add what our design needs:
lazy claims, settlement per participant, disputes, and the worst-case clearing (all 256 ticks
occupied on both sides), which bounds the clearing cost of any book. The settlement cases (and
the escrow payouts) run in :mod:`gridset.bench.settlement` on the slots traded here.

Market conditions: the market already holds escrow of another slot (as it does in operation), so
no case pays for the market's first WATT balance; traders are funded and staked beforehand.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ape import chain

from gridset.bench import GasTable
from gridset.bench.settlement import (
    batch_oracle_and_rejected_dispute,
    batch_settlement,
    release_escrow,
    settle_batches,
    settle_time_slots,
    trade_settlement,
)
from gridset.deploy.core import deploy_suite
from gridset.deploy.params import DeployParams, OracleParams
from gridset.market.driver import SlotDriver
from gridset.tokens.watt import issue_watt
from gridset.units import WATT

SLOT = 900
BLOCK_GAS = 30_000_000
#: Reference figures (spec, same chain, solc 0.8.28, optimizer 200).
REFERENCE_PLACE_TYPICAL = 235_737
REFERENCE_MAX_ORDERS_PER_BLOCK = 340
#: Clearing books: orders spread round robin over the same 10 price levels (5 ask, 5 bid ticks,
#: interleaved so that the book crosses and the margin is rationed).
CLEAR_SIZES = (10, 100, 1000)
ASK_TICKS, BID_TICKS = (10, 12, 14, 16, 18), (11, 13, 15, 17, 19)
REASON = "bench"


def run(table: GasTable, accounts: Sequence[Any]) -> None:
    """Deploy a fresh suite and record the market and settlement cases."""
    deployer, installer, op1, op2, op3 = accounts[:5]
    traders = list(accounts[5:11])
    params = DeployParams(
        slot_seconds=SLOT,
        admin="deployer",  # setters and arbiter actions are measured directly
        installers=(installer.address,),
        registrars=(installer.address,),
        watt_issuers=(installer.address,),
        oracle=OracleParams(
            reporting_window=1800, quorum=2, operators=(op1.address, op2.address, op3.address)
        ),
    )
    suite = deploy_suite(deployer, params)
    driver = SlotDriver(chain, suite, (op1, op2), deployer)
    for trader in traders:
        driver.fund(installer, trader, 10_000 * WATT, 1_000 * WATT)
    panels = {}
    for trader in traders:
        tx = suite.panel_nft.mint(trader, "ipfs://bench-panel", 5000, sender=installer)
        panels[trader] = tx.events.filter(suite.panel_nft.PanelMinted)[0].tokenId
        suite.panel_registry.registerPanel(panels[trader], trader, 5000, sender=installer)

    first = driver.next_slot(3600)
    names = ("warm", "place", "asks", "asks0", *CLEAR_SIZES, 256, "trade")
    slots = {name: first + i * SLOT for i, name in enumerate(names)}
    driver.bid(traders[5], slots["warm"], 0, 1_000)  # escrow of another slot stays in the market
    _placement(table, driver, traders, slots, deployer)
    trade = _trade_book(driver, traders, slots["trade"])
    books = {n: _clearing_book(driver, traders, slots[n], n) for n in CLEAR_SIZES}
    books[256] = _full_book(driver, traders, slots[256])
    # Time only moves forward: each slot is cleared at its gate, its oracle data follow.
    gas = {n: _clear(table, driver, slots[n], n) for n in (*CLEAR_SIZES, 256)}
    for n in CLEAR_SIZES:
        receipts = driver.claim(books[n])
        size = min(n, int(driver.market.MAX_BATCH_SIZE()))
        table.record(
            f"EnergyMarket.claimOrders[per order, batch of {size}]",
            int(receipts[0].gas_used) // size,
        )
    batch_oracle_and_rejected_dispute(table, driver, traders, panels, slots[100], deployer)
    table.record(
        "EnergyMarket.clearAuction[8 orders, 5 price levels]", driver.clear(slots["trade"])
    )
    _claims(table, driver, trade)
    trade_settlement(table, driver, traders, panels, slots["trade"], deployer)
    batch_settlement(table, driver, traders, slots[100])
    table.record(
        "SettlementEngine.assessPenalty",
        driver.settlement.assessPenalty(traders[0], WATT, REASON, sender=deployer),
    )
    _vault_and_governance(table, driver, suite, deployer, traders)
    settle_time_slots(table, driver, slots[10], slots[1000])
    release_escrow(table, driver, slots[10], deployer, traders[0])
    _household(table, driver, suite, installer, traders[0], accounts[11], traders[1], panels)
    settle_batches(table, driver, installer, deployer)
    _summary(table, gas)


def _placement(
    table: GasTable, driver: SlotDriver, traders: list[Any], slots: dict, admin: Any
) -> None:
    market = driver.market
    a, b, c, d = traders[:4]
    cases = (
        (a, 10, "first order of a slot"),
        (b, 11, "typical: new trader, new price level"),
        (c, 11, "new trader, existing price level"),
        (b, 11, "trader's second order, existing level"),
    )
    for side, slot, send in (
        ("Bid", slots["place"], market.placeBid),
        ("Ask", slots["asks"], market.placeAsk),
    ):
        for trader, tick, case in cases:
            receipt = send(slot, driver.price(tick), 500, sender=trader)
            table.record(f"EnergyMarket.place{side}[{case}]", receipt)
    bid = driver.bid(d, slots["place"], 12, 500)
    ask = driver.ask(d, slots["asks"], 12, 500)
    table.record("EnergyMarket.cancelOrder[bid]", market.cancelOrder(bid, sender=d))
    cancel = table.record("EnergyMarket.cancelOrder[ask]", market.cancelOrder(ask, sender=d))
    # The vault's share of an ask, measured through the market: the same sequence in a slot
    # opened without a collateral requirement (no encumber/release call).
    market.setCollateralRequirement(0, sender=admin)
    for trader, tick, _ in cases:
        free_ask = market.placeAsk(slots["asks0"], driver.price(tick), 500, sender=trader)
    ask = driver.ask(d, slots["asks0"], 12, 500)
    free_cancel = market.cancelOrder(ask, sender=d)
    market.setCollateralRequirement(driver.collateral_per_kwh, sender=admin)
    second = table.entries["EnergyMarket.placeAsk[trader's second order, existing level]"]
    table.record("StakingVault.encumber[through placeAsk]", second - int(free_ask.gas_used))
    table.record("StakingVault.release[through cancelOrder]", cancel - int(free_cancel.gas_used))


def _trade_book(driver: SlotDriver, traders: list[Any], slot: int) -> dict[str, int]:
    """A small crossing book for claims and settlement: p* at tick 20, the asks rationed."""
    a, b, c, d, e, _ = traders
    return {
        "ask in": driver.ask(a, slot, 10, 600),
        "ask margin 1": driver.ask(a, slot, 20, 200),
        "ask margin 2": driver.ask(b, slot, 20, 300),
        "ask out": driver.ask(b, slot, 40, 100),
        "bid in": driver.bid(c, slot, 30, 400),
        "bid out": driver.bid(c, slot, 5, 100),
        "bid margin": driver.bid(d, slot, 20, 400),
        "bid margin 2": driver.bid(e, slot, 20, 200),
    }


def _clearing_book(driver: SlotDriver, traders: list[Any], slot: int, n: int) -> list[int]:
    ids = []
    for i in range(n):
        level, trader = i % 10, traders[i % len(traders)]
        wh = 100 + (i % 7) * 10
        if level % 2:
            ids.append(driver.bid(trader, slot, BID_TICKS[level // 2], wh))
        else:
            ids.append(driver.ask(trader, slot, ASK_TICKS[level // 2], wh))
    return ids


def _full_book(driver: SlotDriver, traders: list[Any], slot: int) -> list[int]:
    """Every one of the 256 ticks holds a bid and an ask: the most expensive book to clear."""
    ids = []
    for tick in range(256):
        ids.append(driver.bid(traders[tick % 3], slot, tick, 100))
        ids.append(driver.ask(traders[3 + tick % 3], slot, tick, 100))
    return ids


def _clear(table: GasTable, driver: SlotDriver, slot: int, n: int) -> int:
    receipt = driver.clear(slot)
    case = f"{n} orders, 10 price levels" if n != 256 else "512 orders, all 256 ticks both sides"
    return table.record(f"EnergyMarket.clearAuction[{case}]", receipt)


def _claims(table: GasTable, driver: SlotDriver, book: dict[str, int]) -> None:
    market, keeper = driver.market, driver.keeper
    for name, case in (
        ("bid in", "bid above p*, refund"),
        ("bid margin", "marginal bid, no refund"),
        ("bid out", "bid below p*, full refund"),
        ("ask in", "ask below p*, stake kept"),
        ("ask margin 1", "marginal ask, partial release"),
        ("ask out", "ask above p*, full release"),
    ):
        table.record(
            f"EnergyMarket.claimOrder[{case}]", market.claimOrder(book[name], sender=keeper)
        )
    seller_b = market.getOrder(book["ask margin 2"]).trader
    table.record(
        "EnergyMarket.claimAll[trader's one open order of two]",
        market.claimAll(book["ask margin 2"] >> 32, seller_b, sender=keeper),
    )
    driver.claim([book["bid margin 2"]])


def _vault_and_governance(
    table: GasTable, driver: SlotDriver, suite: Any, admin: Any, traders: list[Any]
) -> None:
    market, settlement, vault = driver.market, driver.settlement, suite.staking_vault
    # The same vault calls sent directly by a role holder (each includes the 21,000 transaction
    # base cost that the market's internal call does not pay).
    vault.grantRole(vault.ENCUMBRANCER_ROLE(), admin, sender=admin)
    table.record(
        "StakingVault.encumber[direct call]",
        vault.encumber(traders[0], WATT, SLOT, sender=admin),
    )
    table.record(
        "StakingVault.release[direct call]", vault.release(traders[0], WATT, SLOT, sender=admin)
    )
    market.grantRole(market.AUCTIONEER_ROLE(), admin, sender=admin)
    slot = driver.next_slot(2 * SLOT)
    table.record("EnergyMarket.startAuction", market.startAuction(slot, 60, sender=admin))
    for name, args in (
        ("setPriceGrid", (driver.price_floor, driver.tick_size)),
        ("setCollateralRequirement", (driver.collateral_per_kwh,)),
        ("setGateClosureLead", (driver.gate_lead,)),
        ("setMaxLeadTime", (3 * 86_400,)),
        ("setMinOrderQuantity", (20,)),
    ):
        table.record(f"EnergyMarket.{name}", getattr(market, name)(*args, sender=admin))
    table.record("EnergyMarket.pause", market.pause(sender=admin))
    table.record("EnergyMarket.unpause", market.unpause(sender=admin))
    params = settlement.parameters()
    table.record("SettlementEngine.setParameters", settlement.setParameters(params, sender=admin))
    table.record("SettlementEngine.setTreasury", settlement.setTreasury(admin, sender=admin))
    expiry, bond_per_kwh = settlement.disputeParameters()
    table.record(
        "SettlementEngine.setDisputeParameters",
        settlement.setDisputeParameters(expiry, bond_per_kwh, sender=admin),
    )


#: One household's slot measured on the code before this change (approve, placeBid, claimOrder,
#: settleParticipant for the buyer; placeAsk, claimOrder, settleParticipant for the seller), the
#: same scenario as ``_household``.
BEFORE = {"buyer": (4, 377_212), "seller": (3, 444_506)}


def _household(
    table: GasTable,
    driver: SlotDriver,
    suite: Any,
    issuer: Any,
    seller: Any,
    buyer: Any,
    other: Any,
    panels: dict,
) -> None:
    """Every transaction of one household's slot, summed: a buyer that holds WATT but never
    approved the market (bid with a permit, settle) and a staked seller (ask, settle); another
    trader's unfilled bid opens the slot. Stake deposits are not part of a slot."""
    market, settlement = driver.market, driver.settlement
    issue_watt(suite.payment_token, issuer, buyer, 1_000 * WATT)
    slot = driver.next_slot(3600)
    driver.bid(other, slot, 1, 100)
    txs = {"buyer": [driver.bid_with_permit(buyer, slot, 20, 500)], "seller": []}
    txs["seller"].append(market.placeAsk(slot, driver.price(10), 500, sender=seller))
    driver.clear(slot)
    driver.report(slot, {panels[seller]: 500})
    driver.finalize_oracle(slot)
    driver.open_settlement(slot)
    txs["seller"].append(settlement.settleParticipant(slot, seller, sender=seller))
    txs["buyer"].append(settlement.settleParticipant(slot, buyer, sender=buyer))
    table.record("EnergyMarket.placeBidWithPermit[no allowance]", txs["buyer"][0])
    for side, receipts in txs.items():
        gas = sum(int(r.gas_used) for r in receipts)
        count, before = BEFORE[side]
        table.record(
            f"slot.{side}[all transactions]",
            gas,
            note=f"{len(receipts)} transactions, {gas:,} gas (before: {count} transactions, "
            f"{before:,} gas)",
        )


def _summary(table: GasTable, clear_gas: dict[int, int]) -> None:
    """Notes: flatness of clearing, the block statement, placement against the reference."""
    ratio = clear_gas[1000] / clear_gas[10]
    worst = clear_gas[256]
    typical = table.entries["EnergyMarket.placeBid[typical: new trader, new price level]"]
    table.notes["EnergyMarket.clearAuction[1000 orders, 10 price levels]"] = (
        f"{ratio:.3f}x the 10-order clearing (limit 1.2x)"
    )
    table.notes["EnergyMarket.clearAuction[512 orders, all 256 ticks both sides]"] = (
        f"worst case of any book: {100 * worst / BLOCK_GAS:.1f} % of a {BLOCK_GAS:,}-gas block, so "
        f"clearing fits one block for any number of orders (the reference: at most "
        f"{REFERENCE_MAX_ORDERS_PER_BLOCK} orders)"
    )
    table.notes["EnergyMarket.placeBid[typical: new trader, new price level]"] = (
        f"{100 * typical / REFERENCE_PLACE_TYPICAL:.1f} % of the reference's typical "
        f"{REFERENCE_PLACE_TYPICAL:,} (target: at most 50 %)"
    )
