"""The market day: households trade each slot in the batch auction and settle what was delivered."""

from __future__ import annotations

from typing import Any

import numpy as np

from gridset.profiles import forecast_production
from gridset.sim.agents import Tariffs, slot_orders
from gridset.sim.scheduler import Event
from gridset.sim.simulation import Column, Series, Simulation
from gridset.tokens.watt import issue_watt
from gridset.units import WATT

RANK_ORDERS = 10
RANK_CLEAR = 20
RANK_SETTLE = 50
FORECAST_ERROR_SD = 0.2
STAKE_PER_PROSUMER = 100 * WATT
WATT_PER_HOUSEHOLD = 2_000 * WATT
MAX_UINT256 = 2**256 - 1


def settle_time(sim: Simulation, k: int) -> int:
    """Chain time (Unix s) of slot ``k``'s settlement: the oracle's reporting window and the
    dispute window after the slot's end, plus a minute for the finalisation transaction."""
    slot_end = sim.chain_slot(k) + sim.config.slot_seconds
    return slot_end + sim.config.reporting_window + sim.params.settlement.dispute_window + 60


def _kwh(wh: Any) -> str:
    return f"{wh / 1000:.2f}"


def _watt(amount: Any) -> str:
    return f"{amount / WATT:.3f}"


def _price(price: Any) -> str:
    return "-" if price is None else f"{price / WATT:.3f}"


class MarketModule:
    """Per slot: orders before gate closure, clearing and claims at gate closure, settlement once
    the oracle has finalised the slot and its dispute window has passed.

    Records per slot: bids, asks, their volumes, cleared volume and clearing price (WATT/kWh),
    delivered volume, shortfall, penalties and fees (WATT). Summary: totals and gas per step.
    """

    columns = (
        Column("bids", "bids"),
        Column("asks", "asks"),
        Column("cleared_wh", "cleared kWh", _kwh),
        Column("clearing_price", "price WATT/kWh", _price),
        Column("delivered_wh", "delivered kWh", _kwh),
        Column("shortfall_wh", "shortfall kWh", _kwh),
        Column("penalties", "penalties WATT", _watt),
    )
    chart = (
        Series("clearing_price", "clearing price\nWATT/kWh", 1 / WATT),
        Series("cleared_wh", "cleared and\ndelivered kWh", 1 / 1000),
        Series("delivered_wh", "", 1 / 1000),
    )

    def __init__(self, tariffs: Tariffs | None = None) -> None:
        self.tariffs = tariffs or Tariffs()
        self.forecast_wh: np.ndarray | None = None
        self.order_ids: dict[int, list[int]] = {}
        self.sellers: dict[int, list[int]] = {}
        self.gas: dict[str, int] = {"orders": 0, "clear": 0, "claim": 0, "settle": 0}
        self.transactions: dict[str, int] = dict.fromkeys(self.gas, 0)

    def setup(self, sim: Simulation) -> None:
        """Issue WATT to households, approve the market, stake for prosumers; draw forecasts."""
        suite, actors = sim.suite, sim.actors
        watt, market, vault = suite.payment_token, suite.energy_market, suite.staking_vault
        for household, account in zip(sim.community.households, actors.households, strict=True):
            issue_watt(watt, actors.installer, account, WATT_PER_HOUSEHOLD)
            watt.approve(market, MAX_UINT256, sender=account)
            if household.is_prosumer:
                watt.approve(vault, STAKE_PER_PROSUMER, sender=account)
                vault.depositStake(STAKE_PER_PROSUMER, sender=account)
        self.forecast_wh = np.stack(
            [
                forecast_production(h.production_wh, (sim.config.seed, 7, h.id), FORECAST_ERROR_SD)
                for h in sim.community.households
            ]
        )

    def slot_events(self, sim: Simulation, k: int) -> list[Event]:
        """Orders before gate closure, clearing at it, settlement after the dispute window."""
        gate = sim.chain_slot(k) - sim.params.market.gate_closure_lead
        order_window = 60 + 2 * sim.config.households  # each transaction takes a block (>= 1 s)
        return [
            Event(gate - order_window, RANK_ORDERS, k, "orders", lambda: self.place_orders(sim, k)),
            Event(gate, RANK_CLEAR, k, "clear", lambda: self.clear(sim, k)),
            Event(settle_time(sim, k), RANK_SETTLE, k, "settle", lambda: self.settle(sim, k)),
        ]

    def place_orders(self, sim: Simulation, k: int) -> None:
        """Each household bids for its forecast deficit or offers its forecast surplus."""
        market, index = sim.suite.energy_market, sim.slot_indices[k]
        assert self.forecast_wh is not None
        net = self.forecast_wh[:, index] - sim.community.consumption_wh[:, index]
        rng = np.random.default_rng((sim.config.seed, 11, index))
        mp = sim.params.market
        orders = slot_orders(net, rng, self.tariffs, mp.price_floor, mp.tick_size, mp.min_order_wh)
        slot, ids = sim.chain_slot(k), []
        for order in orders:
            account = sim.actors.households[order.household]
            place = market.placeBid if order.is_bid else market.placeAsk
            tx = place(slot, order.price, order.quantity_wh, sender=account)
            ids.append(tx.events.filter(market.OrderPlaced)[0].orderId)
            self._count("orders", tx)
        self.order_ids[k] = ids
        self.sellers[k] = sorted({o.household for o in orders if not o.is_bid})
        record = sim.records[k]
        record["bids"] = sum(o.is_bid for o in orders)
        record["asks"] = len(orders) - record["bids"]
        record["bid_wh"] = sum(o.quantity_wh for o in orders if o.is_bid)
        record["ask_wh"] = sum(o.quantity_wh for o in orders if not o.is_bid)

    def clear(self, sim: Simulation, k: int) -> None:
        """Clear the slot's auction (if it has orders) and claim every order."""
        market, keeper = sim.suite.energy_market, sim.actors.deployer
        record, ids = sim.records[k], self.order_ids.get(k, [])
        record["cleared_wh"], record["clearing_price"] = 0, None
        if not ids:
            return
        slot = sim.chain_slot(k)
        tx = market.clearAuction(slot, sender=keeper)
        self._count("clear", tx)
        cleared = tx.events.filter(market.AuctionCleared)[0]
        record["cleared_wh"] = int(cleared.totalQuantity)
        record["clearing_price"] = int(cleared.clearingPrice) if cleared.totalQuantity else None
        batch = int(market.MAX_BATCH_SIZE())
        for start in range(0, len(ids), batch):
            self._count("claim", market.claimOrders(ids[start : start + batch], sender=keeper))

    def settle(self, sim: Simulation, k: int) -> None:
        """Settle sellers first, then everyone else with production or purchases; close the slot."""
        settlement, keeper = sim.suite.settlement_engine, sim.actors.deployer
        slot, index, record = sim.chain_slot(k), sim.slot_indices[k], sim.records[k]
        produced = sim.community.production_wh[:, index] > 0
        sellers = self.sellers.get(k, [])
        others = [h for h in range(sim.config.households) if h not in sellers]
        participants = [sim.actors.households[h] for h in sellers + others]
        record.update(delivered_wh=0, shortfall_wh=0, penalties=0, fees=0)
        if not self.order_ids.get(k) and not produced.any():
            return
        batch = int(settlement.MAX_BATCH_SIZE())
        for start in range(0, len(participants), batch):
            tx = settlement.settleParticipants(
                slot, participants[start : start + batch], sender=keeper
            )
            self._count("settle", tx)
            record["penalties"] += sum(
                int(e.amount) for e in tx.events.filter(settlement.PenaltyAssessed)
            )
        tx = settlement.finalizeTimeSlot(slot, sender=keeper)
        self._count("settle", tx)
        closed = tx.events.filter(settlement.TimeSlotSettled)[0]
        record["delivered_wh"] = int(closed.deliveredWh)
        record["shortfall_wh"] = record.get("cleared_wh", 0) - int(closed.deliveredWh)
        record["fees"] = int(closed.fees)

    def finish(self, sim: Simulation) -> None:
        """Summarise the day's trading."""
        records = sim.records
        traded = [r for r in records if r.get("clearing_price")]
        cleared = sum(r.get("cleared_wh", 0) for r in records)
        value = sum(r["cleared_wh"] * r["clearing_price"] // 1000 for r in traded)
        sim.summary["market"] = {
            "orders": sum(r.get("bids", 0) + r.get("asks", 0) for r in records),
            "cleared_wh": cleared,
            "delivered_wh": sum(r.get("delivered_wh", 0) for r in records),
            "shortfall_wh": sum(r.get("shortfall_wh", 0) for r in records),
            "penalties": sum(r.get("penalties", 0) for r in records),
            "fees": sum(r.get("fees", 0) for r in records),
            "average_price": value * 1000 // cleared if cleared else None,
            "slots_traded": len(traded),
            "transactions": dict(self.transactions),
            "gas": dict(self.gas),
        }

    def _count(self, kind: str, tx: Any) -> None:
        self.transactions[kind] += 1
        self.gas[kind] += int(tx.gas_used)
