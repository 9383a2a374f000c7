"""The market day: households trade each slot in the batch auction and settle what was delivered."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from gridset.market.driver import MAX_UINT256, SlotDriver
from gridset.market.relay import OrderRequest
from gridset.profiles import forecast_production
from gridset.sim.agents import Tariffs, slot_orders
from gridset.sim.scheduler import Event
from gridset.sim.simulation import Column, Series, Simulation
from gridset.sim.tally import Tally
from gridset.units import WATT

RANK_ORDERS = 10
RANK_CLEAR = 20
RANK_SETTLE = 50
FORECAST_ERROR_SD = 0.2
STAKE_PER_PROSUMER = 100 * WATT
WATT_PER_HOUSEHOLD = 2_000 * WATT
ORDER_DEADLINE_S = 600  # a signed order's validity, s


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


@dataclass
class MarketSlot:
    """The auction's figures of one slot.

    Attributes:
        bids, asks: orders placed.
        bid_wh, ask_wh: their volumes, Wh.
        cleared_wh: volume cleared, Wh.
        clearing_price: payment-token base units per kWh, None if nothing cleared.
        delivered_wh: volume delivered at settlement, Wh.
        shortfall_wh: ``cleared_wh - delivered_wh``, Wh.
        penalties: shortfall penalties assessed, payment-token base units.
        fees: settlement fees, payment-token base units.
    """

    bids: int = 0
    asks: int = 0
    bid_wh: int = 0
    ask_wh: int = 0
    cleared_wh: int = 0
    clearing_price: int | None = None
    delivered_wh: int = 0
    shortfall_wh: int = 0
    penalties: int = 0
    fees: int = 0


@dataclass(frozen=True)
class MarketSummary:
    """The day's trading: orders, volumes (Wh), penalties and fees (payment-token base units),
    the volume-weighted average clearing price (base units per kWh, None if nothing cleared),
    slots with a trade, and transactions and gas per step (orders, clear, settle with the claims
    folded in, the households' withdrawals of internal balances after the last slot)."""

    orders: int
    cleared_wh: int
    delivered_wh: int
    shortfall_wh: int
    penalties: int
    fees: int
    average_price: int | None
    slots_traded: int
    transactions: dict[str, int]
    gas: dict[str, int]

    def lines(self) -> list[str]:
        """The line(s) printed after the slot table (Rich markup)."""
        price = self.average_price
        return [
            f"Market: {self.orders} orders, {self.slots_traded} slots traded, "
            f"cleared {self.cleared_wh / 1000:.2f} kWh at "
            f"{'-' if price is None else f'{price / 10**18:.3f}'} WATT/kWh on average, "
            f"delivered {self.delivered_wh / 1000:.2f} kWh, "
            f"shortfall {self.shortfall_wh / 1000:.2f} kWh, "
            f"penalties {self.penalties / 10**18:.3f} WATT, "
            f"fees {self.fees / 10**18:.4f} WATT; "
            f"transactions {sum(self.transactions.values())}, "
            f"gas {sum(self.gas.values()):,}"
        ]


class MarketModule:
    """Per slot: orders before gate closure, clearing at gate closure, settlement (claims folded
    in) once the oracle has finalised the slot and its dispute window has passed; every market and
    settlement call goes through the suite's :class:`~gridset.market.driver.SlotDriver` (the
    deployer is its keeper; the oracle module reports).

    Records per slot: bids, asks, their volumes, cleared volume and clearing price (WATT/kWh),
    delivered volume, shortfall, penalties and fees (WATT). Summary: totals and gas per step.
    """

    name = "market"
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
        self.driver: SlotDriver | None = None
        self.order_ids: dict[int, list[int]] = {}
        self.sellers: dict[int, list[int]] = {}
        self.slots: list[MarketSlot] = []
        self.tally = Tally.of("orders", "clear", "settle", "withdraw")
        # Households whose standing market allowance a relayed permit has granted.
        self.permitted: set[int] = set()

    def setup(self, sim: Simulation) -> None:
        """Fund the households with WATT (the market approved; households never dispute) and
        have prosumers stake; draw the forecasts."""
        self.slots = [MarketSlot() for _ in sim.records]
        self.driver = driver = SlotDriver(sim.chain, sim.suite, [], sim.actors.deployer)
        for household, account in zip(sim.community.households, sim.actors.households, strict=True):
            stake = STAKE_PER_PROSUMER if household.is_prosumer else 0
            driver.fund(
                sim.actors.installer,
                account,
                WATT_PER_HOUSEHOLD,
                stake,
                disputes=False,
                approve_market=False,  # bids are funded by permit
            )
        self.forecast_wh = np.stack(
            [
                forecast_production(h.production_wh, (sim.config.seed, 7, h.id), FORECAST_ERROR_SD)
                for h in sim.community.households
            ]
        )

    def slot_record(self, k: int) -> MarketSlot:
        """The module's figures of simulated slot ``k``."""
        return self.slots[k]

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
        """Each household bids for its forecast deficit or offers its forecast surplus: signed
        orders relayed in one batch by a licensed household (bids funded by permit), or each
        household's own transaction while none holds the licence."""
        driver, index = self._driver(), sim.slot_indices[k]
        assert self.forecast_wh is not None
        net = self.forecast_wh[:, index] - sim.community.consumption_wh[:, index]
        rng = np.random.default_rng((sim.config.seed, 11, index))
        mp = sim.params.market
        orders = slot_orders(net, rng, self.tariffs, mp.price_floor, mp.tick_size, mp.min_order_wh)
        slot, ids = sim.chain_slot(k), []
        relayer = self._relayer(sim)
        if relayer is not None and orders:
            tx = driver.relay(relayer, self._requests(sim, slot, orders))
            skipped = tx.events.filter(sim.suite.order_relay.OrderSkipped)
            assert not skipped, f"relayed orders skipped: {skipped}"
            ids = driver.order_ids(tx)
            self.tally.count("orders", tx)
        for order in orders if relayer is None else []:
            account = sim.actors.households[order.household]
            tx = driver.place_with_permit(
                account, slot, order.is_bid, order.price, order.quantity_wh
            )
            ids.append(driver.order_id(tx))
            self.tally.count("orders", tx)
        self.order_ids[k] = ids
        self.sellers[k] = sorted({o.household for o in orders if not o.is_bid})
        record = self.slots[k]
        record.bids = sum(o.is_bid for o in orders)
        record.asks = len(orders) - record.bids
        record.bid_wh = sum(o.quantity_wh for o in orders if o.is_bid)
        record.ask_wh = sum(o.quantity_wh for o in orders if not o.is_bid)

    def clear(self, sim: Simulation, k: int) -> None:
        """Clear the slot's auction (if it has orders); settlement claims the orders."""
        driver = self._driver()
        record, ids = self.slots[k], self.order_ids.get(k, [])
        if not ids:
            return
        tx = driver.clear(sim.chain_slot(k))
        self.tally.count("clear", tx)
        cleared = tx.events.filter(driver.market.AuctionCleared)[0]
        record.cleared_wh = int(cleared.totalQuantity)
        record.clearing_price = int(cleared.clearingPrice) if cleared.totalQuantity else None

    def settle(self, sim: Simulation, k: int) -> None:
        """Settle sellers first, then everyone else with production or purchases, in one
        ``settleBatch`` call (orders claimed in it, money and energy credits booked to internal
        balances); close the slot. After the day's last slot every household withdraws."""
        driver, index = self._driver(), sim.slot_indices[k]
        produced = sim.community.production_wh[:, index] > 0
        sellers = self.sellers.get(k, [])
        others = [h for h in range(sim.config.households) if h not in sellers]
        participants = [sim.actors.households[h] for h in sellers + others]
        if self.order_ids.get(k) or produced.any():
            self._settle_slot(sim, k, participants)
        if k == len(sim.slot_indices) - 1:
            for tx in driver.withdraw_all(sim.actors.households):
                self.tally.count("withdraw", tx)

    def _settle_slot(self, sim: Simulation, k: int, participants: list[Any]) -> None:
        """Settle slot ``k``'s ``participants`` and close it; record penalties, delivery, fees."""
        driver, settlement = self._driver(), sim.suite.settlement_engine
        slot, record = sim.chain_slot(k), self.slots[k]
        *batches, final = driver.settle(slot, participants, to_balances=True)
        for tx in batches:
            self.tally.count("settle", tx)
            record.penalties += sum(
                int(e.amount) for e in tx.events.filter(settlement.PenaltyAssessed)
            )
        self.tally.count("settle", final)
        closed = final.events.filter(settlement.TimeSlotSettled)[0]
        record.delivered_wh = int(closed.deliveredWh)
        record.shortfall_wh = record.cleared_wh - int(closed.deliveredWh)
        record.fees = int(closed.fees)

    def finish(self, sim: Simulation) -> MarketSummary:
        """Summarise the day's trading."""
        slots = self.slots
        traded = [r for r in slots if r.clearing_price]
        cleared = sum(r.cleared_wh for r in slots)
        value = sum(r.cleared_wh * r.clearing_price // 1000 for r in traded if r.clearing_price)
        return MarketSummary(
            orders=sum(r.bids + r.asks for r in slots),
            cleared_wh=cleared,
            delivered_wh=sum(r.delivered_wh for r in slots),
            shortfall_wh=sum(r.shortfall_wh for r in slots),
            penalties=sum(r.penalties for r in slots),
            fees=sum(r.fees for r in slots),
            average_price=value * 1000 // cleared if cleared else None,
            slots_traded=len(traded),
            transactions=dict(self.tally.transactions),
            gas=dict(self.tally.gas),
        )

    def _relayer(self, sim: Simulation) -> Any:
        """Household 0 relays the slot's orders when it holds the Application Host licence (its
        GRID stake; anyone relays without a GridStaking); None: each household sends its own."""
        relayer, staking = sim.actors.households[0], sim.suite.grid_staking
        return relayer if staking is None or staking.hasLicence(relayer) else None

    def _requests(self, sim: Simulation, slot: int, orders: list[Any]) -> list[OrderRequest]:
        """The slot's orders as signed requests, each its household's first order in the slot
        (index 0); a household's first relayed bid permits the market without limit (its
        standing allowance, granted by signature instead of a transaction)."""
        deadline = sim.chain.pending_timestamp + ORDER_DEADLINE_S
        requests = []
        for order in orders:
            permit = order.is_bid and order.household not in self.permitted
            if permit:
                self.permitted.add(order.household)
            requests.append(
                OrderRequest(
                    sim.actors.households[order.household],
                    slot,
                    order.is_bid,
                    order.price,
                    order.quantity_wh,
                    index=0,
                    deadline=deadline,
                    permit_value=MAX_UINT256 if permit else 0,
                )
            )
        return requests

    def _driver(self) -> SlotDriver:
        assert self.driver is not None, "setup() was not run"
        return self.driver
