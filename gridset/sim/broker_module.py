"""Prosumers sell their unsold verified credits to the community's Energy Broker pool.

The pool pairs EnergyToken credits with WATT under the constant-sum formula with the seed's
dynamic rate (a per-hour budget spread over the rolling average of credits sold, adjusted by the
pool's fill level): it acts as the community's "warehouse", always open, unlike the per-slot
auction. The community operator (the WATT issuer) provides single-sided WATT liquidity at set-up;
once an hour, after that hour's last slot is settled, every prosumer sells the credits it holds
(its verified production beyond what it delivered to buyers; buyers keep the credits of the energy
they bought, as certificates of its origin).
Admin powers of the broker go to the governance timelock like the rest of the suite.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gridset.broker.deploy import BrokerParameters, DynamicRateConfig, deploy_broker
from gridset.broker.ops import TxOptions, add_liquidity, pool_state, swap_exact_in
from gridset.broker.units import Formula, price_per_kwh_from_rate, rate_from_price_per_kwh
from gridset.governance.roles import hand_over
from gridset.sim.market_module import RANK_SETTLE, settle_time
from gridset.sim.scheduler import Event
from gridset.sim.simulation import Column, Series, Simulation
from gridset.sim.tally import Tally
from gridset.tokens.watt import issue_watt
from gridset.units import WATT

RANK_SELL = RANK_SETTLE + 10
LIQUIDITY = 2_000 * WATT  # single-sided WATT the operator deposits
MIN_SALE_WH = 100
SLIPPAGE_BPS = 100

#: The pool's dynamic rate: starts at 0.09 WATT/kWh (just above the grid's feed-in tariff), spends
#: 1.5 WATT per hour at the average volume, clamped to 0.04 .. 0.15 WATT/kWh; warehouse capacity
#: 400 kWh; 84 one-hour periods in the rolling average (the seed's 84 eras). Hours without sales
#: count as zero sales, so after a quiet night the rate starts high and falls as credits arrive.
RATE = DynamicRateConfig(
    initial_rate=rate_from_price_per_kwh(90 * WATT // 1000),
    budget_per_period=3 * WATT // 2,
    min_rate=rate_from_price_per_kwh(40 * WATT // 1000),
    max_rate=rate_from_price_per_kwh(150 * WATT // 1000),
    capacity=400_000,
    period_length=3600,
    window_periods=84,
)


def _kwh(wh: Any) -> str:
    return f"{wh / 1000:.2f}"


@dataclass(frozen=True)
class Reserves:
    """The pool's reserves: credits (Wh) and WATT (base units)."""

    credits_wh: int
    watt: int


@dataclass(frozen=True)
class Swap:
    """One credit sale: day slot index, household id, credits sold (Wh), WATT received (base
    units)."""

    slot_index: int
    household: int
    credits_wh: int
    watt: int


@dataclass(frozen=True)
class BrokerSlot:
    """The hour's sales, recorded in the hour's last slot: credits sold (Wh), the pool's
    reserves after them and its rate (WATT base units per kWh)."""

    credits_sold_wh: int
    pool_reserves: Reserves
    pool_rate_per_kwh: int


@dataclass(frozen=True)
class BrokerSummary:
    """The day's sales: the broker's contracts, every swap, credits sold (Wh) and WATT paid (base
    units), the pool's final reserves and gas per step (setup, credit withdrawals, swap)."""

    contracts: dict[str, str]
    swaps: list[Swap]
    credits_sold_wh: int
    watt_paid: int
    final_reserves: Reserves
    gas: dict[str, int]

    def lines(self) -> list[str]:
        """The line(s) printed after the slot table (Rich markup)."""
        reserves = self.final_reserves
        return [
            f"Broker: {len(self.swaps)} credit sales, "
            f"{self.credits_sold_wh / 1000:.2f} kWh "
            f"for {self.watt_paid / 10**18:.3f} WATT; "
            f"pool now holds {reserves.credits_wh / 1000:.2f} kWh "
            f"and {reserves.watt / 10**18:.2f} WATT"
        ]


class BrokerModule:
    """Hourly sales of unsold credits into the broker pool; records swaps and pool reserves."""

    name = "broker"

    columns = (Column("credits_sold_wh", "credits sold kWh", _kwh),)
    chart = (Series("pool_rate_per_kwh", "broker rate\nWATT/kWh", 1 / WATT),)

    def __init__(self) -> None:
        self.broker: Any = None
        self.swaps: list[Swap] = []
        self.slots: dict[int, BrokerSlot] = {}
        self.tally = Tally.of("withdraw", "swap", "setup")

    def setup(self, sim: Simulation) -> None:
        """Deploy factory, router, dynamic rate and pool; add WATT liquidity; hand roles over."""
        suite, actors = sim.suite, sim.actors
        treasury = suite.staking_vault.treasury()
        params = BrokerParameters(formula=Formula.CONSTANT_SUM, dynamic_rate=RATE)
        self.broker = deploy_broker(
            actors.deployer, suite.payment_token, suite.energy_token, treasury, params
        )
        issue_watt(suite.payment_token, actors.installer, actors.installer, LIQUIDITY)
        added = add_liquidity(
            self.broker.router,
            actors.installer,
            suite.payment_token,
            suite.energy_token,
            LIQUIDITY,
            0,
        )
        self.tally.count("setup", added.receipt)
        if suite.governance is not None:
            contracts = [self.broker.factory, self.broker.router, self.broker.rate_provider]
            hand_over(contracts, suite.governance.timelock, actors.deployer)

    def slot_record(self, k: int) -> BrokerSlot | None:
        """The module's figures of simulated slot ``k`` (None: none for it)."""
        return self.slots.get(k)

    def slot_events(self, sim: Simulation, k: int) -> list[Event]:
        """After the settlement of each hour's last slot: sell every household's credits."""
        per_hour = max(1, 3600 // sim.config.slot_seconds)
        if (sim.slot_indices[k] + 1) % per_hour and k != len(sim.records) - 1:
            return []
        return [
            Event(settle_time(sim, k) + 60, RANK_SELL, k, "sell credits", lambda: self.sell(sim, k))
        ]

    def sell(self, sim: Simulation, k: int) -> None:
        """Each prosumer holding at least MIN_SALE_WH credits (in its wallet and booked to it by
        batch settlement) sells them all (1 % slippage), withdrawing the booked ones first."""
        energy, watt = sim.suite.energy_token, sim.suite.payment_token
        settlement = sim.suite.settlement_engine
        router, sold = self.broker.router, 0
        for household, account in enumerate(sim.actors.households):
            if not sim.community.households[household].is_prosumer:
                continue
            booked = int(settlement.energyCreditOf(account))
            credits = int(energy.getEnergyBalance(account).available) + booked
            if credits < MIN_SALE_WH:
                continue
            if booked:
                self.tally.count("withdraw", settlement.withdrawEnergy(booked, sender=account))
            result = swap_exact_in(
                router, account, credits, [energy, watt], TxOptions(slippage_bps=SLIPPAGE_BPS)
            )
            self.tally.count("swap", result.receipt)
            sold += result.amount_in
            self.swaps.append(
                Swap(sim.slot_indices[k], household, result.amount_in, result.amount_out)
            )
        state = pool_state(router, energy, watt)
        self.slots[k] = BrokerSlot(
            credits_sold_wh=sold,
            pool_reserves=Reserves(credits_wh=state.reserve_a, watt=state.reserve_b),
            pool_rate_per_kwh=price_per_kwh_from_rate(int(self.broker.rate_provider.rate())),
        )

    def finish(self, sim: Simulation) -> BrokerSummary:
        """Summarise the day's sales and the pool's final state."""
        energy, watt = sim.suite.energy_token, sim.suite.payment_token
        state = pool_state(self.broker.router, energy, watt)
        return BrokerSummary(
            contracts=self.broker.addresses(),
            swaps=self.swaps,
            credits_sold_wh=sum(s.credits_wh for s in self.swaps),
            watt_paid=sum(s.watt for s in self.swaps),
            final_reserves=Reserves(credits_wh=state.reserve_a, watt=state.reserve_b),
            gas=dict(self.tally.gas),
        )
