"""Typed per-slot records, their rows in results.json, and the transaction/gas tally."""

import dataclasses
from types import SimpleNamespace

import pytest

from gridset.sim.broker_module import BrokerModule, BrokerSlot, Reserves
from gridset.sim.market_module import MarketModule, MarketSlot, MarketSummary
from gridset.sim.simulation import SimConfig, Simulation, SlotRecord
from gridset.sim.tally import Tally


def _simulation(modules):
    records = [
        SlotRecord(44 + k, 1_000 + 900 * k, f"11:{15 * k:02d}", 500, 300, 200) for k in (0, 1)
    ]
    return Simulation(
        config=SimConfig(),
        chain=None,
        community=None,
        actors=None,
        params=None,
        suite=None,
        panel_ids=[],
        day_start=0,
        slot_indices=[44, 45],
        modules=modules,
        records=records,
    )


def test_tally__counts_transactions_and_gas_per_step():
    tally = Tally.of("orders", "clear")
    tally.count("orders", SimpleNamespace(gas_used=50_000))
    tally.count("orders", SimpleNamespace(gas_used=40_000))
    tally.count("clear", SimpleNamespace(gas_used=120_000))
    assert tally.transactions == {"orders": 2, "clear": 1}
    assert tally.gas == {"orders": 90_000, "clear": 120_000}
    assert tally.total_gas() == 210_000


def test_tally__unknown_step__raises_instead_of_adding_it():
    tally = Tally.of("orders")
    with pytest.raises(KeyError, match="order"):
        tally.count("order", SimpleNamespace(gas_used=1))
    assert tally.gas == {"orders": 0}


def test_slot_record__unknown_field__raises():
    with pytest.raises(AttributeError):
        MarketSlot().cleard_wh  # noqa: B018 - a typo is an error, not a silent 0


def test_slot_rows__community_figures_then_each_modules_record_where_it_has_one():
    market, broker = MarketModule(), BrokerModule()
    market.slots = [MarketSlot(bids=2, cleared_wh=700, clearing_price=90 * 10**15), MarketSlot()]
    broker.slots = {1: BrokerSlot(1_200, Reserves(credits_wh=1_200, watt=5), 10**17)}
    rows = _simulation([market, broker]).slot_rows()
    community = ["slot_index", "slot", "local_time", "production_wh", "load_wh", "net_wh"]
    market_keys = [f.name for f in dataclasses.fields(MarketSlot)]
    assert list(rows[0]) == community + market_keys
    assert list(rows[1]) == community + market_keys + [
        "credits_sold_wh",
        "pool_reserves",
        "pool_rate_per_kwh",
    ]
    assert (rows[0]["slot_index"], rows[0]["cleared_wh"], rows[0]["clearing_price"]) == (
        44,
        700,
        90 * 10**15,
    )
    assert rows[1]["clearing_price"] is None
    assert rows[1]["pool_reserves"] == {"credits_wh": 1_200, "watt": 5}


def test_module_of__missing_module__raises():
    sim = _simulation([MarketModule()])
    assert isinstance(sim.module_of(MarketModule), MarketModule)
    with pytest.raises(LookupError, match="BrokerModule"):
        sim.module_of(BrokerModule)


def test_market_summary__printed_line_names_volumes_price_and_gas():
    summary = MarketSummary(
        orders=12,
        cleared_wh=2_500,
        delivered_wh=2_400,
        shortfall_wh=100,
        penalties=5 * 10**16,
        fees=10**15,
        average_price=90 * 10**15,
        slots_traded=3,
        transactions={"orders": 12, "clear": 3},
        gas={"orders": 1_200_000, "clear": 300_000},
    )
    assert summary.lines() == [
        "Market: 12 orders, 3 slots traded, cleared 2.50 kWh at 0.090 WATT/kWh on average, "
        "delivered 2.40 kWh, shortfall 0.10 kWh, penalties 0.050 WATT, fees 0.0010 WATT; "
        "transactions 15, gas 1,500,000"
    ]
