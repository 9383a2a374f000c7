"""The simulated day's LEG stage: hubs with PV surplus sell compute, others buy, all settles."""

from __future__ import annotations

import datetime as dt

import pytest

from gridset.sim.leg_module import PARAMS, LegModule, offer_price
from gridset.sim.run import run_day
from gridset.sim.simulation import SimConfig
from gridset.units import WATT


@pytest.fixture(scope="module")
def day(chain, accounts, tmp_path_factory):
    """Four households around noon, eight 15-minute slots (two LEG hours); the LEG stage alone
    (it needs nothing from the other stages), to keep the test quick."""
    config = SimConfig(households=4, date=dt.date(2025, 6, 21), start_slot=44, n_slots=8)
    modules = [LegModule()]
    return run_day(config, chain, accounts, tmp_path_factory.mktemp("leg-sim"), modules=modules)


def test_offer_price__falls_with_surplus_within_bounds():
    assert offer_price(0) == 18 * WATT // 100
    assert offer_price(3_500) == 15 * WATT // 100
    assert offer_price(50_000) == 10 * WATT // 100


def test_leg_stage__compute_trades_settle_with_fee_and_heat_credits(day):
    sim = day.simulation
    leg = sim.summary["leg"]
    assert leg.seller_households and leg.buyer_households
    assert leg.trades, "no compute traded at noon in June"
    assert leg.unsettled == 0
    for trade in leg.trades:
        total = trade.used_wh * trade.price // 1000
        assert trade.fee == total * PARAMS.fee_bps // 10_000
        assert trade.paid == total - trade.fee
        assert trade.price <= 20 * WATT // 100
    assert leg.fees == sum(r.leg_fees for r in sim.module_of(LegModule).slots.values())
    heat = sum(t.heat_wh for t in leg.trades)
    assert sum(leg.heat_credits_wh.values()) == heat > 0
    sold = {str(t.seller) for t in leg.trades}
    for household, score in leg.reputation.items():
        assert score > 5_000 if household in sold else score == 5_000


def test_leg_stage__json_and_table_show_trades_fees_heat(day):
    import json

    document = json.loads(day.results_json.read_text())
    assert document["summary"]["leg"]["fees"] > 0
    assert any("leg_compute_wh" in slot for slot in document["slots"])
