"""The LEG stage of the simulated day: hubs trade compute (and earn heat credits) while the sun
shines.

A few prosumer households run hubs that sell compute: once an hour each posts (or replaces) its
offer sized to half its forecast PV surplus for the coming hour, priced lower the larger the
surplus (0.18 WATT/kWh falling by 0.01 per kWh of surplus, floored at 0.10), and withdraws it when
the surplus is gone. A few other households run hubs that buy compute: each hour each orders a
seeded job of 0.3-1.5 kWh at most 0.20 WATT/kWh, matched at once by the on-chain rule (lowest
price, then reputation); what is not matched is cancelled (the job goes elsewhere). The next hour
the seller records the job's actual energy (85-100 % of the amount) and its heat (90 % of it), the
buyer confirms, and after the dispute window anyone settles: the seller is paid at its price minus
the 5 % network fee, the buyer is refunded the rest of its escrow, and the seller receives heat
credits for the heat recorded. Admin powers go to the governance timelock like the rest of the
suite.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from gridset.leg.deploy import (
    LegContracts,
    LegParams,
    deploy_dev_licensing,
    deploy_leg,
    take_licence,
)
from gridset.profiles import forecast_production
from gridset.sim.scheduler import Event
from gridset.sim.simulation import Column, Simulation
from gridset.sim.tally import Tally
from gridset.tokens.watt import issue_watt
from gridset.units import WATT

RANK_LEG = 30
COMPUTE = 0
SELLERS = 3
BUYERS = 2
BUYER_WATT = 50 * WATT
COMPUTE_SHARE = 0.5  # of the forecast surplus energy offered as compute
MIN_OFFER_WH = 200
MAX_PRICE = 20 * WATT // 100
TICK = WATT // 1000
#: Short windows so that a day's trades settle within the day (the deployment defaults are days).
PARAMS = LegParams(
    usage_timeout=7_200,
    confirm_timeout=1_800,
    dispute_window=1_800,
    response_window=3_600,
    arbitration_timeout=86_400,
)
ZONE = b"sim-community".ljust(32, b"\0")
#: GRID each hub stakes for its Application Host licence (whole GRID, 18 decimals).
LICENCE = 1_000 * 10**18


def offer_price(surplus_wh: int) -> int:
    """Seller's price, WATT base units per kWh: 0.18 minus 0.01 per kWh of surplus, >= 0.10."""
    price = 18 * WATT // 100 - (surplus_wh // 1000) * WATT // 100
    return max(price, 10 * WATT // 100) // TICK * TICK


def _kwh(wh: Any) -> str:
    return f"{wh / 1000:.2f}"


def _watt(amount: Any) -> str:
    return f"{amount / WATT:.3f}"


@dataclass
class LegTrade:
    """One compute trade through its life: matched, usage recorded and confirmed, settled.

    Attributes:
        trade_id: the marketplace's trade id.
        slot_index: day slot index of the hour it was matched in.
        buyer, seller: household ids.
        amount_wh: energy matched, Wh; ``price``: WATT base units per kWh.
        used_wh, heat_wh: energy used and heat recorded by the seller, Wh (0 until recorded).
        confirmed_at: chain time of the buyer's confirmation, Unix s (0 until confirmed).
        paid, fee, refund: settlement to the seller, network fee, refund to the buyer, WATT base
            units (0 until settled).
    """

    trade_id: int
    slot_index: int
    buyer: int
    seller: int
    amount_wh: int
    price: int
    used_wh: int = 0
    heat_wh: int = 0
    confirmed_at: int = 0
    paid: int = 0
    fee: int = 0
    refund: int = 0


@dataclass
class LegSlot:
    """The LEG's figures of one slot: compute matched in the hour it starts (Wh; None if it
    starts none), network fees (WATT base units) and heat credits (Wh thermal) of the trades
    settled in it."""

    leg_compute_wh: int | None = None
    leg_fees: int = 0
    leg_heat_wh: int = 0


@dataclass(frozen=True)
class LegSummary:
    """The day's compute trades: contracts, hubs, every settled trade, compute used (Wh),
    payments and fees (WATT base units), heat credits (Wh thermal) and reputation per seller
    household (id as a string), trades left unsettled, and gas per step."""

    contracts: dict[str, str]
    seller_households: list[int]
    buyer_households: list[int]
    trades: list[LegTrade]
    compute_wh: int
    paid_to_sellers: int
    fees: int
    heat_credits_wh: dict[str, int]
    reputation: dict[str, int]
    unsettled: int
    gas: dict[str, int]

    def lines(self) -> list[str]:
        """The line(s) printed after the slot table (Rich markup)."""
        return [
            f"LEG: {len(self.trades)} compute trades, {self.compute_wh / 1000:.2f} kWh, "
            f"hubs paid {self.paid_to_sellers / 10**18:.3f} WATT, "
            f"network fees {self.fees / 10**18:.4f} WATT, heat credits "
            f"{sum(self.heat_credits_wh.values()) / 1000:.2f} kWh thermal"
        ]


class LegModule:
    """Hubs selling compute from their PV surplus, hubs buying it; settlement and heat credits."""

    name = "leg"

    columns = (
        Column("leg_compute_wh", "LEG compute kWh", _kwh),
        Column("leg_fees", "LEG fees WATT", _watt),
        Column("leg_heat_wh", "heat credits kWh", _kwh),
    )
    chart = ()

    def __init__(self) -> None:
        self.leg: LegContracts | None = None
        self.sellers: list[int] = []
        self.buyers: list[int] = []
        self.hub_ids: dict[int, int] = {}
        self.forecast_wh: np.ndarray | None = None
        self.pending: list[LegTrade] = []  # matched, usage not yet recorded
        self.confirmed: list[LegTrade] = []  # confirmed, awaiting the dispute window
        self.trades: list[LegTrade] = []
        #: Per simulated slot with LEG activity (an hour's start, or a settlement).
        self.slots: dict[int, LegSlot] = {}
        self.tally = Tally.of(
            "setup", "offers", "orders", "usage", "confirm", "settle", "heat", "withdraw"
        )

    # ---------------------------------------------------------------- set-up

    def setup(self, sim: Simulation) -> None:
        """Pick the hubs, deploy the LEG, license and register hubs, fund and approve the buyers.

        The licence is the suite's GridStaking (a hub stakes its own GRID when it holds enough,
        else the deployer hands it the GRID it stakes), or one over a local GRID when the suite
        runs without governance."""
        from ape import project

        suite, actors = sim.suite, sim.actors
        households = sim.community.households
        prosumers = sorted(
            (h.id for h in households if h.is_prosumer), key=lambda i: -households[i].capacity_w
        )
        self.sellers = prosumers[:SELLERS]
        self.buyers = [h.id for h in households if h.id not in self.sellers][:BUYERS]
        admin = suite.governance.timelock.address if suite.governance is not None else None
        treasury = suite.staking_vault.treasury()
        if suite.grid_staking is not None:
            licensing = suite.grid_staking  # the suite's: hubs stake for its licence threshold
        else:
            licensing = deploy_dev_licensing(actors.deployer, LICENCE)
        grid, threshold = project.GridToken.at(licensing.asset()), int(licensing.licenceThreshold())
        self.leg = deploy_leg(
            actors.deployer, suite.payment_token, treasury, licensing, PARAMS, admin
        )
        registry, market = self.leg.registry, self.leg.marketplace
        for household in self.sellers + self.buyers:
            account = actors.households[household]
            # A hub stakes its own GRID if it holds enough (the governance stage shares the
            # deployer's out), else the deployer funds it.
            own = int(grid.balanceOf(account)) >= threshold
            take_licence(licensing, account, None if own else actors.deployer)
            receipt = registry.registerHub(ZONE, (100_000, 0, 0), sender=account)
            self.hub_ids[household] = receipt.events.filter(registry.HubRegistered)[0].hubId
            self.tally.count("setup", receipt)
        for household in self.buyers:
            account = actors.households[household]
            issue_watt(suite.payment_token, actors.installer, account, BUYER_WATT)
            suite.payment_token.approve(market, 2**256 - 1, sender=account)
        self.forecast_wh = np.stack(
            [
                forecast_production(h.production_wh, (sim.config.seed, 14, h.id), 0.2)
                for h in households
            ]
        )

    # ---------------------------------------------------------------- schedule

    def slot_record(self, k: int) -> LegSlot | None:
        """The module's figures of simulated slot ``k`` (None: none for it)."""
        return self.slots.get(k)

    def slot_events(self, sim: Simulation, k: int) -> list[Event]:
        """An hourly round at the start of each hour (and of the first slot); after the last
        slot, the last jobs are recorded and, after the dispute window, settled."""
        if not self.sellers or not self.buyers:
            return []
        per_hour = max(1, 3600 // sim.config.slot_seconds)
        events = []
        if k == 0 or sim.slot_indices[k] % per_hour == 0:
            start = sim.chain_slot(k) + 30
            events.append(Event(start, RANK_LEG, k, "LEG hour", lambda: self.hour(sim, k)))
        if k == len(sim.records) - 1:
            end = sim.chain_slot(k) + sim.config.slot_seconds + 30
            events.append(Event(end, RANK_LEG, k, "LEG jobs done", lambda: self.record_jobs(sim)))
            close = end + PARAMS.dispute_window + 60
            events.append(Event(close, RANK_LEG, k, "LEG settle", lambda: self.settle_due(sim, k)))
        return events

    # ---------------------------------------------------------------- actions

    def hour(self, sim: Simulation, k: int) -> None:
        """Settle what is due, record last hour's jobs, refresh offers, place this hour's jobs."""
        record = self.slots.setdefault(k, LegSlot())
        self.settle_due(sim, k)
        self.record_jobs(sim)
        self.refresh_offers(sim, k)
        record.leg_compute_wh = self.place_jobs(sim, k)

    def refresh_offers(self, sim: Simulation, k: int) -> None:
        """Each seller hub offers half its forecast surplus of the coming hour, or withdraws."""
        assert self.leg is not None and self.forecast_wh is not None
        market = self.leg.marketplace
        per_hour = max(1, 3600 // sim.config.slot_seconds)
        first = sim.slot_indices[k]
        hour = slice(first, min(first + per_hour, sim.community.n_slots))
        for household in self.sellers:
            account = sim.actors.households[household]
            surplus = int(
                np.maximum(
                    self.forecast_wh[household, hour]
                    - sim.community.households[household].consumption_wh[hour],
                    0,
                ).sum()
            )
            amount = int(surplus * COMPUTE_SHARE)
            current = int(market.offerOf(self.hub_ids[household], COMPUTE))
            if amount >= MIN_OFFER_WH:
                receipt = market.postOffer(
                    COMPUTE, min(amount, 100_000), offer_price(surplus), sender=account
                )
                self.tally.count("offers", receipt)
            elif current:
                receipt = market.cancelOffer(current, sender=account)
                self.tally.count("offers", receipt)

    def place_jobs(self, sim: Simulation, k: int) -> int:
        """Each buyer hub orders one seeded job; unmatched rests are cancelled.

        Returns:
            The Wh of compute matched this hour.
        """
        assert self.leg is not None
        market = self.leg.marketplace
        rng = np.random.default_rng((sim.config.seed, 15, sim.slot_indices[k]))
        matched = 0
        for household in self.buyers:
            account = sim.actors.households[household]
            job_wh = int(rng.integers(300, 1_501))
            receipt = market.postOrder(COMPUTE, job_wh, MAX_PRICE, 0, 0, 0, ZONE, sender=account)
            self.tally.count("orders", receipt)
            order_id = receipt.events.filter(market.OrderPosted)[0].orderId
            for fill in receipt.events.filter(market.TradeMatched):
                matched += fill.amount
                self.pending.append(
                    LegTrade(
                        trade_id=int(fill.tradeId),
                        slot_index=sim.slot_indices[k],
                        buyer=household,
                        seller=self._seller_of(int(fill.sellerHub)),
                        amount_wh=int(fill.amount),
                        price=int(fill.price),
                    )
                )
            if int(market.order(order_id).remaining):
                cancelled = market.cancelOrder(order_id, sender=account)
                self.tally.count("orders", cancelled)
        return matched

    def record_jobs(self, sim: Simulation) -> None:
        """Sellers record last hour's jobs (85-100 % of the amount, heat 90 % of it); buyers
        confirm."""
        assert self.leg is not None
        market = self.leg.marketplace
        for trade in self.pending:
            rng = np.random.default_rng((sim.config.seed, 16, trade.trade_id))
            used = int(trade.amount_wh * rng.uniform(0.85, 1.0))
            heat = used * 9 // 10
            seller = sim.actors.households[trade.seller]
            buyer = sim.actors.households[trade.buyer]
            self.tally.count("usage", market.recordUsage(trade.trade_id, used, heat, sender=seller))
            self.tally.count("confirm", market.confirm(trade.trade_id, sender=buyer))
            trade.used_wh, trade.heat_wh = used, heat
            trade.confirmed_at = int(sim.chain.pending_timestamp)
            self.confirmed.append(trade)
        self.pending = []

    def settle_due(self, sim: Simulation, k: int) -> None:
        """Settle every confirmed trade whose dispute window has passed and deliver its heat
        credits to the seller (``claimHeat``), then each paid hub withdraws its credited proceeds
        (one transfer); fees and heat credits are counted in slot ``k``'s record."""
        assert self.leg is not None
        market = self.leg.marketplace
        keeper = sim.actors.deployer
        now = int(sim.chain.pending_timestamp)
        due = [t for t in self.confirmed if t.confirmed_at + PARAMS.dispute_window <= now]
        for trade in due:
            receipt = market.settle(trade.trade_id, sender=keeper)
            self.tally.count("settle", receipt)
            settled = receipt.events.filter(market.TradeSettled)[0]
            trade.paid, trade.fee, trade.refund = (
                int(settled.paid),
                int(settled.fee),
                int(settled.refund),
            )
            record = self.slots.setdefault(k, LegSlot())
            record.leg_fees += trade.fee
            record.leg_heat_wh += trade.heat_wh
            self.trades.append(trade)
            if trade.heat_wh:  # the job's heat credits wait in the trade: the keeper delivers them
                self.tally.count("heat", market.claimHeat(trade.trade_id, sender=keeper))
        for seller in sorted({t.seller for t in due}):
            operator = sim.actors.households[seller]
            self.tally.count("withdraw", market.withdraw(self.hub_ids[seller], sender=operator))
        self.confirmed = [t for t in self.confirmed if t not in due]

    def finish(self, sim: Simulation) -> LegSummary:
        """Summarise the day's trades, fees, heat credits and reputation."""
        assert self.leg is not None
        registry, heat = self.leg.registry, self.leg.heat
        return LegSummary(
            contracts=self.leg.addresses(),
            seller_households=self.sellers,
            buyer_households=self.buyers,
            trades=self.trades,
            compute_wh=sum(t.used_wh for t in self.trades),
            paid_to_sellers=sum(t.paid for t in self.trades),
            fees=sum(t.fee for t in self.trades),
            heat_credits_wh={
                str(h): int(heat.balanceOf(sim.actors.households[h])) for h in self.sellers
            },
            reputation={str(h): int(registry.score(self.hub_ids[h])) for h in self.sellers},
            unsettled=len(self.pending) + len(self.confirmed),
            gas=dict(self.tally.gas),
        )

    def _seller_of(self, hub_id: int) -> int:
        return next(h for h, i in self.hub_ids.items() if i == hub_id)
