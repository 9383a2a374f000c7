"""A few midday slots of the community simulation, end to end on the local chain."""

import datetime as dt
import json

import pytest

from gridset.sim.run import run_day
from gridset.sim.simulation import SimConfig

NOISE = 0.01


@pytest.fixture(scope="module")
def day(chain, accounts, tmp_path_factory):
    config = SimConfig(
        households=3, date=dt.date(2025, 6, 21), start_slot=44, n_slots=3, meter_noise=NOISE
    )
    return run_day(config, chain, accounts, tmp_path_factory.mktemp("simulation"))


def test_simulation__onchain_totals_follow_the_median_rule_and_the_model(day):
    sim = day.simulation
    panels = len(sim.panels())
    for record in sim.records:
        # Exactly what the oracle's acceptance rule gives for the operators' readings...
        assert record["onchain_production_wh"] == record["oracle_expected_wh"]
        # ...and within the meter noise (3 sigma, clipped) of the PV model, plus rounding.
        bound = 3 * NOISE * record["production_wh"] + panels
        assert abs(record["onchain_production_wh"] - record["production_wh"]) <= bound
        assert record["production_wh"] > 0


def test_simulation__every_traded_slot_settles_with_no_escrow_left(day):
    sim = day.simulation
    market, settlement = sim.suite.energy_market, sim.suite.settlement_engine
    for k, record in enumerate(sim.records):
        slot = sim.chain_slot(k)
        assert market.escrowOf(slot) == 0
        assert settlement.isTimeSlotSettled(slot)
        assert record["delivered_wh"] + record["shortfall_wh"] == record["cleared_wh"]
    assert sim.suite.staking_vault.getTotalStaked() == sum(
        sim.suite.staking_vault.getStake(a) for a in sim.actors.households
    )


def test_simulation__credits_minted_equal_finalised_production(day):
    sim = day.simulation
    minted = sim.suite.energy_token.totalSupply()
    assert minted == sum(r["onchain_production_wh"] for r in sim.records)
    assert sim.suite.energy_token.balanceOf(sim.suite.settlement_engine) == 0


def test_simulation__writes_results_json_and_chart(day):
    document = json.loads(day.results_json.read_text())
    assert document["config"]["households"] == 3
    assert len(document["slots"]) == 3
    assert set(document["summary"]) >= {"oracle", "market"}
    assert day.chart_png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_simulation__prosumers_sell_unsold_credits_to_the_broker_pool(day):
    sim = day.simulation
    broker = sim.summary["broker"]
    energy = sim.suite.energy_token
    pool = broker["contracts"]["EnergyBrokerPool"]
    assert broker["credits_sold_wh"] > 0
    assert all(sim.community.households[s["household"]].is_prosumer for s in broker["swaps"])
    assert energy.balanceOf(pool) == broker["final_reserves"]["credits_wh"]
    assert sim.suite.payment_token.balanceOf(pool) == broker["final_reserves"]["watt"]
