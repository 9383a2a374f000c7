"""The intraday stage: after each slot's auction, households correct their positions on the CDA.

The batch auction is the day-ahead market; once a slot's auction has cleared, its CDA book opens
and each household compares an updated forecast (smaller error than the auction's) with the
position it got in the auction: a household that now expects more surplus than it sold offers the
difference, one that expects to be short bids for it (prices as in the auction, from
``gridset.sim.agents.slot_orders``). Orders trade at once against the resting orders of the other
side (at their price) or rest until the CDA's gate closure, where a keeper household holding a
GridStaking licence claims every order of the slot (closing them: fills paid, escrow refunded).
Households live in two grid zones (two feeders); the buyer pays the zones' grid fee.

GRID holders stake: at the start of the day each household stakes ``STAKE_GRID`` of its GRID in
GridStaking (funded by the deployer's GRID before it is shared out), which makes it an Application
Host (licence) and puts it in a fee tier; the stake earns 8 %/yr through the day.

CDA sales are delivery obligations: the market stage's settlement settles every household's
whole sale (auction first, then CDA), and once the slot's CDA sellers are all settled the CDA
buyers collect their share of the delivered Wh (``settlePurchase``, sent by the keeper). The
simulated CDA still encumbers no stake (``collateral_per_kwh`` 0), so a CDA shortfall costs no
penalty here. The CDA pays traders into their internal balances (proceeds, refunds); a bid is
paid from its trader's internal balance first, so households trade through the day without token
transfers and withdraw their balances at the end of the day. Nothing is left stuck: every order is
closed at the CDA's gate closure, households withdraw their internal balances and the grid operator
the zones' fees at the end, so the CDA ends the day holding no WATT (checked in the summary) and,
once its purchases are settled, no energy credits.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import numpy as np

from gridset.deploy.params import CdaParams, FeeTier, StakingParams, ZoneFee, ZoneOperator
from gridset.profiles import forecast_production
from gridset.sim.agents import Tariffs, slot_orders
from gridset.sim.market_module import RANK_CLEAR, RANK_SETTLE, settle_time
from gridset.sim.scheduler import Event
from gridset.sim.simulation import Column, Series, Simulation
from gridset.sim.tally import Tally
from gridset.tokens.balances import withdraw_internal_balance
from gridset.units import GRID, WATT

RANK_STAKE = 0
RANK_INTRADAY = RANK_CLEAR + 5  # after the slot's auction cleared
RANK_CDA_CLOSE = RANK_CLEAR + 5
RANK_CDA_SETTLE = RANK_SETTLE + 5  # after the slot's sellers were settled
UPDATED_FORECAST_SD = 0.05  # the auction's forecast has 0.2
MIN_CORRECTION_WH = 10  # the market's smallest order
STAKE_GRID = 10_000 * GRID
REWARD_FUNDING = 1_000 * GRID
MAX_UINT256 = 2**256 - 1
ZONES = 2
OWN_FEE_BPS = 100
CROSS_FEE_BPS = 300


def cda_params(registrar: str, operator: str) -> CdaParams:
    """The simulated community's CDA: two zones (1 % own rate, 3 % across), ``operator`` runs
    both feeders, ``registrar`` assigns households to zones; no stake encumbered (module doc)."""
    fees = [ZoneFee(zone_a=z, zone_b=z, fee_bps=OWN_FEE_BPS) for z in range(ZONES)]
    fees.append(ZoneFee(zone_a=0, zone_b=1, fee_bps=CROSS_FEE_BPS))
    return CdaParams(
        collateral_per_kwh=0,
        min_order_wh=MIN_CORRECTION_WH,
        zone_registrars=(registrar,),
        zone_fees=tuple(fees),
        zone_operators=tuple(ZoneOperator(zone=z, operator=operator) for z in range(ZONES)),
    )


def staking_params() -> StakingParams:
    """The simulated community's GridStaking: licence at ``STAKE_GRID``, 10 % off the grid fee
    from 5,000 GRID staked (whole GRID, as in the parameter file)."""
    return StakingParams(
        licence_threshold=STAKE_GRID // GRID,
        fee_tiers=(FeeTier(threshold=STAKE_GRID // GRID // 2, discount_bps=1000),),
    )


def _kwh(wh: Any) -> str:
    return f"{wh / 1000:.2f}"


def _price(price: Any) -> str:
    return "-" if price is None else f"{price / WATT:.3f}"


@dataclass
class IntradaySlot:
    """The CDA's figures of one slot.

    Attributes:
        cda_orders: corrections placed.
        cda_trades: fills.
        cda_wh: volume traded, Wh.
        cda_value: value traded, payment-token base units.
        cda_vwap: volume-weighted price, base units per kWh (None: nothing traded).
        cda_grid_fees_taker: grid fees paid by takers when placing, base units.
        cda_wall_s: wall time of the slot's corrections, s.
        cda_grid_fees: all grid fees of the slot (takers' and makers'), base units.
        staking_earned: GRID rewards the stakers have earned so far, GRID base units (None
            without GridStaking).
    """

    cda_orders: int = 0
    cda_trades: int = 0
    cda_wh: int = 0
    cda_value: int = 0
    cda_vwap: int | None = None
    cda_grid_fees_taker: int = 0
    cda_wall_s: float = 0.0
    cda_grid_fees: int = 0
    staking_earned: int | None = None


@dataclass(frozen=True)
class StakingSummary:
    """GridStaking at the end of the day: GRID staked and earned (GRID base units), households
    holding a licence, and the reward rate (basis points per year)."""

    staked: int
    earned: int
    licensed: int
    rate_bps: int


@dataclass(frozen=True)
class IntradaySummary:
    """The day on the CDA: orders, trades, volume (Wh), volume-weighted price (base units per
    kWh), grid fees (base units) charged and withdrawn, WATT left in the CDA (0), the slowest
    slot's wall time (s), transactions and gas per step, and staking (None without it). Not
    printed (the table has its columns)."""

    orders: int
    trades: int
    volume_wh: int
    vwap: int | None
    grid_fees: int
    grid_fees_withdrawn: int
    left_in_cda: int
    wall_seconds_per_slot_max: float
    transactions: dict[str, int]
    gas: dict[str, int]
    staking: StakingSummary | None

    def lines(self) -> list[str]:
        """The line(s) printed after the slot table (Rich markup)."""
        return []


class IntradayModule:
    """Per slot: CDA corrections after the auction, claims at the CDA's gate closure.

    Records per slot: CDA trades, volume (Wh), volume-weighted price (base units per kWh), grid
    fees (base units), GRID rewards earned so far by the stakers (GRID base units) and the stage's
    wall time (s). Summary: totals, gas, what is left in the CDA (nothing).
    """

    name = "intraday"
    columns = (
        Column("cda_trades", "CDA trades"),
        Column("cda_wh", "CDA kWh", _kwh),
        Column("cda_vwap", "CDA WATT/kWh", _price),
    )
    chart = (Series("cda_vwap", "intraday price\nWATT/kWh", 1 / WATT),)

    def __init__(self, tariffs: Tariffs | None = None) -> None:
        self.tariffs = tariffs or Tariffs()
        self.forecast_wh: np.ndarray | None = None
        self.open_orders: dict[int, list[tuple[int, Any]]] = {}
        self.slots: list[IntradaySlot] = []
        self.tally = Tally.of("stake", "orders", "claims", "settle", "withdraw", "fees")
        self.wall_seconds: list[float] = []

    def setup(self, sim: Simulation) -> None:
        """Zones, approvals and the updated forecasts; the deployer funds the staking rewards
        (runs before the governance module shares the deployer's GRID out).

        Raises:
            ValueError: the suite was deployed without a CdaMarket.
        """
        suite, actors = sim.suite, sim.actors
        cda = suite.cda_market
        if cda is None or sim.params.cda is None:
            raise ValueError("the intraday module needs a suite deployed with a cda section")
        self.slots = [IntradaySlot() for _ in sim.records]
        for h, account in enumerate(actors.households):
            cda.setZone(account, h % ZONES, sender=actors.installer)
            suite.payment_token.approve(cda, MAX_UINT256, sender=account)
        staking = suite.grid_staking
        if staking is not None and suite.governance is not None:
            grid = suite.governance.grid
            grid.approve(staking, REWARD_FUNDING, sender=actors.deployer)
            self.tally.count("stake", staking.fundRewards(REWARD_FUNDING, sender=actors.deployer))
        self.forecast_wh = np.stack(
            [
                forecast_production(
                    h.production_wh, (sim.config.seed, 13, h.id), UPDATED_FORECAST_SD
                )
                for h in sim.community.households
            ]
        )

    def slot_record(self, k: int) -> IntradaySlot:
        """The module's figures of simulated slot ``k``."""
        return self.slots[k]

    def slot_events(self, sim: Simulation, k: int) -> list[Event]:
        """Staking before the first CDA; per slot the CDA from the auction's gate closure to its
        own gate closure."""
        slot = sim.chain_slot(k)
        opens = slot - sim.params.market.gate_closure_lead
        closes = slot - sim.params.cda.cda_gate_lead
        events = [
            Event(opens, RANK_INTRADAY, k, "intraday", lambda: self.trade(sim, k)),
            Event(closes, RANK_CDA_CLOSE, k, "CDA gate", lambda: self.close(sim, k)),
            Event(
                settle_time(sim, k),
                RANK_CDA_SETTLE,
                k,
                "CDA purchases",
                lambda: self.settle(sim, k),
            ),
        ]
        if k == 0:
            events.append(Event(opens - 60, RANK_STAKE, k, "stake GRID", lambda: self.stake(sim)))
        return events

    def stake(self, sim: Simulation) -> None:
        """Each household holding GRID stakes ``STAKE_GRID`` of it (or all it has, if less)."""
        staking = sim.suite.grid_staking
        if staking is None or sim.suite.governance is None:
            return
        grid = sim.suite.governance.grid
        for account in sim.actors.households:
            amount = min(STAKE_GRID, int(grid.balanceOf(account)))
            if amount:
                grid.approve(staking, amount, sender=account)
                self.tally.count("stake", staking.deposit(amount, account, sender=account))

    def trade(self, sim: Simulation, k: int) -> None:
        """Each household trades the gap between its updated forecast and its auction position."""
        started = time.perf_counter()
        suite, index, slot = sim.suite, sim.slot_indices[k], sim.chain_slot(k)
        cda, market = suite.cda_market, suite.energy_market
        assert self.forecast_wh is not None
        gap = np.zeros(sim.config.households)
        for h, account in enumerate(sim.actors.households):
            position = market.previewPosition(slot, account)  # orders are claimed at settlement
            auction_net = int(position.sold) - int(position.bought)
            updated = self.forecast_wh[h, index] - sim.community.consumption_wh[h, index]
            gap[h] = updated - auction_net
        rng = np.random.default_rng((sim.config.seed, 17, index))
        cp = sim.params.cda
        orders = slot_orders(gap, rng, self.tariffs, cp.price_floor, cp.tick_size, cp.min_order_wh)
        trades = value = volume = fees = 0
        resting = []
        for order in orders:
            account = sim.actors.households[order.household]
            tx = cda.placeOrder(
                slot, bool(order.is_bid), order.price, order.quantity_wh, False, sender=account
            )
            self.tally.count("orders", tx)
            for event in tx.events.filter(cda.Traded):
                trades += 1
                volume += int(event.quantity)
                value += int(event.value)
                fees += int(event.gridFee)
            resting += [(int(e.orderId), account) for e in tx.events.filter(cda.OrderPlaced)]
        self.open_orders[k] = resting
        record = self.slots[k]
        record.cda_orders = len(orders)
        record.cda_trades = trades
        record.cda_wh = volume
        record.cda_value = value
        record.cda_vwap = value * 1000 // volume if volume else None
        record.cda_grid_fees_taker = fees
        self.wall_seconds.append(time.perf_counter() - started)
        record.cda_wall_s = round(self.wall_seconds[-1], 3)

    def close(self, sim: Simulation, k: int) -> None:
        """At the CDA's gate closure every resting order is claimed (makers paid, unfilled
        escrow refunded): by the keeper, household 0, in batches when it holds the licence (its
        stake), else by each maker for its own orders. Records the slot's grid fees."""
        cda, staking = sim.suite.cda_market, sim.suite.grid_staking
        keeper = sim.actors.households[0]
        licensed = staking is None or bool(staking.hasLicence(keeper))
        batches: dict[Any, list[int]] = {}
        for order_id, maker in self.open_orders.get(k, []):
            batches.setdefault(keeper if licensed else maker, []).append(order_id)
        maker_fees = 0
        batch = int(cda.MAX_BATCH_SIZE())
        for caller, ids in batches.items():
            for start in range(0, len(ids), batch):
                tx = cda.claimMany(ids[start : start + batch], sender=caller)
                self.tally.count("claims", tx)
                maker_fees += sum(
                    int(e.paid)
                    for e in tx.events.filter(cda.OrderClaimed)
                    if (int(e.orderId) >> 56) & 1
                )
        record = self.slots[k]
        record.cda_grid_fees = record.cda_grid_fees_taker + maker_fees
        if staking is not None:
            record.staking_earned = sum(int(staking.earned(a)) for a in sim.actors.households)

    def settle(self, sim: Simulation, k: int) -> None:
        """Once every CDA seller of the slot is settled (the market stage's settlement), the keeper
        settles each CDA buyer's purchase: its share of the delivered Wh and of the penalties."""
        cda, slot = sim.suite.cda_market, sim.chain_slot(k)
        volume = int(cda.volumeOf(slot))
        if volume == 0 or int(cda.settlementOf(slot).soldSettledWh) != volume:
            return
        keeper = sim.actors.households[0]
        for account in sim.actors.households:
            if int(cda.getPosition(slot, account).bought):
                self.tally.count("settle", cda.settlePurchase(slot, account, sender=keeper))

    def finish(self, sim: Simulation) -> IntradaySummary:
        """Households withdraw their internal balances, grid operators the zones' fees; summarise
        the day on the CDA and in staking."""
        suite, slots = sim.suite, self.slots
        cda, watt, operator = suite.cda_market, suite.payment_token, sim.actors.installer
        for account in sim.actors.households:
            _, receipt = withdraw_internal_balance(cda, account)
            if receipt is not None:
                self.tally.count("withdraw", receipt)
        withdrawn = 0
        for zone in range(ZONES):
            if int(cda.gridFeesOf(zone)):
                tx = cda.withdrawGridFees(zone, sender=operator)
                self.tally.count("fees", tx)
                withdrawn += int(tx.events.filter(cda.GridFeesWithdrawn)[0].amount)
        volume = sum(r.cda_wh for r in slots)
        value = sum(r.cda_value for r in slots)
        staking, households = suite.grid_staking, sim.actors.households
        return IntradaySummary(
            orders=sum(r.cda_orders for r in slots),
            trades=sum(r.cda_trades for r in slots),
            volume_wh=volume,
            vwap=value * 1000 // volume if volume else None,
            grid_fees=sum(r.cda_grid_fees for r in slots),
            grid_fees_withdrawn=withdrawn,
            left_in_cda=int(watt.balanceOf(cda)),
            wall_seconds_per_slot_max=round(max(self.wall_seconds, default=0.0), 3),
            transactions=dict(self.tally.transactions),
            gas=dict(self.tally.gas),
            staking=None
            if staking is None
            else StakingSummary(
                staked=int(staking.totalSupply()),
                earned=sum(int(staking.earned(a)) for a in households),
                licensed=sum(bool(staking.hasLicence(a)) for a in households),
                rate_bps=int(staking.rateBps()),
            ),
        )
