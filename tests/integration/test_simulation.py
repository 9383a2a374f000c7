"""Six late-morning slots of the community simulation, end to end on the local chain, with the
governance proposal at 12:00 (the fifth slot): slot 44 settles before its execution, the later
ones after it."""

import datetime as dt
import json

import pytest

from gridset.governance import ProposalState, Support
from gridset.sim.governance_module import GovernanceModule
from gridset.sim.run import default_modules, run_day
from gridset.sim.simulation import SimConfig
from gridset.units import WATT

NOISE = 0.01


@pytest.fixture(scope="module")
def day(chain, accounts, tmp_path_factory):
    config = SimConfig(
        households=3, date=dt.date(2025, 6, 21), start_slot=44, n_slots=6, meter_noise=NOISE
    )
    # The end-of-day netting is checked in test_simulation_netting.py (its own afternoon window).
    modules = default_modules(netting=False)
    return run_day(config, chain, accounts, tmp_path_factory.mktemp("simulation"), modules=modules)


def test_simulation__onchain_totals_follow_the_median_rule_and_the_model(day):
    sim = day.simulation
    panels = len(sim.panels())
    for record in sim.slot_rows():
        # Exactly what the oracle's acceptance rule gives for the operators' readings...
        assert record["onchain_production_wh"] == record["oracle_expected_wh"]
        # ...and within the meter noise (3 sigma, clipped) of the PV model, plus rounding.
        bound = 3 * NOISE * record["production_wh"] + panels
        assert abs(record["onchain_production_wh"] - record["production_wh"]) <= bound
        assert record["production_wh"] > 0


def test_simulation__every_traded_slot_settles_with_no_escrow_left(day):
    sim = day.simulation
    market, settlement = sim.suite.energy_market, sim.suite.settlement_engine
    for k, record in enumerate(sim.slot_rows()):
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
    assert minted == sim.summary["oracle"].production_onchain_wh
    assert minted == sum(r["onchain_production_wh"] for r in sim.slot_rows())
    assert sim.suite.energy_token.balanceOf(sim.suite.settlement_engine) == 0


def test_simulation__writes_results_json_and_chart(day):
    document = json.loads(day.results_json.read_text())
    assert document["config"]["households"] == 3
    assert len(document["slots"]) == 6
    assert set(document["summary"]) >= {"oracle", "market", "governance"}
    governance = document["summary"]["governance"]
    assert governance["state"] == "executed"
    assert [s["state"] for s in governance["states"]] == [
        "pending",
        "active",
        "succeeded",
        "queued",
        "executed",
    ]
    assert set(governance["gas"]) == {
        "distribute",
        "delegate",
        "propose",
        "castVote",
        "queue",
        "execute",
    }
    assert all(gas > 21_000 for gas in governance["gas"].values())
    assert day.chart_png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_simulation__prosumers_sell_unsold_credits_to_the_broker_pool(day):
    sim = day.simulation
    broker = sim.summary["broker"]
    energy = sim.suite.energy_token
    pool = broker.contracts["EnergyBrokerPool"]
    assert broker.credits_sold_wh > 0
    assert all(sim.community.households[s.household].is_prosumer for s in broker.swaps)
    assert energy.balanceOf(pool) == broker.final_reserves.credits_wh
    assert sim.suite.payment_token.balanceOf(pool) == broker.final_reserves.watt


def test_simulation__midday_proposal_passes_with_the_households_votes(day):
    sim = day.simulation
    governance = sim.summary["governance"]
    dao, grid = sim.suite.governance.dao, sim.suite.governance.grid
    proposal_id = int(governance.proposal_id)
    assert ProposalState(dao.state(proposal_id)) == ProposalState.EXECUTED
    assert governance.proposal_slot_index == governance.executed_at_slot_index == 48
    assert sim.records[4].local_time == "12:00"
    steps = sim.module_of(GovernanceModule).slots[4].governance
    assert steps == ["pending", "active", "succeeded", "queued", "executed"]
    # The deployer's GRID went to the households; each voted its whole share at the snapshot.
    assert grid.balanceOf(sim.actors.deployer) == 0
    snapshot = dao.proposalSnapshot(proposal_id)
    cast = [
        log
        for log in dao.VoteCast.range(0, sim.chain.blocks.height + 1)
        if int(log.proposalId) == proposal_id
    ]
    assert sorted(log.voter for log in cast) == sorted(a.address for a in sim.actors.households)
    tallies = dict.fromkeys(Support, 0)
    for log in cast:
        assert log.weight == grid.getPastVotes(log.voter, snapshot) > 0
        tallies[Support(log.support)] += log.weight
    votes = governance.votes
    assert (votes["for"], votes["against"], votes["abstain"]) == (
        tallies[Support.FOR],
        tallies[Support.AGAINST],
        tallies[Support.ABSTAIN],
    )
    assert votes["for"] > votes["against"] and votes["for"] + votes["abstain"] >= votes["quorum"]


def test_simulation__penalty_price_column_changes_for_slots_settled_after_execution(day):
    sim = day.simulation
    governance = sim.summary["governance"]
    prices = [r["penalty_price"] for r in sim.slot_rows()]
    # Slot 44 settles a minute after 12:00, before the vote; later slots after the execution.
    assert prices == [500 * WATT // 1000] + [600 * WATT // 1000] * 5
    assert governance.first_slot_settled_at_new_price == 45
    assert governance.before["penalty_price_per_kwh"] == 500 * WATT // 1000
    assert governance.after["penalty_price_per_kwh"] == 600 * WATT // 1000
    assert sim.suite.settlement_engine.parameters().penaltyPricePerKWh == 600 * WATT // 1000


def test_simulation__fourth_operator_reports_the_slots_after_execution(day):
    sim = day.simulation
    oracle = sim.suite.energy_oracle
    operator = sim.summary["governance"].actions[1]["operator"]
    rows = sim.slot_rows()
    assert [r["oracle_operators"] for r in rows] == [3, 3, 3, 3, 4, 4]
    assert oracle.isOperator(operator)
    # One aggregated report per slot: the new operator's signed readings count from its first slot.
    seat = oracle.seatOf(operator)
    signed = [bool(r["oracle_signers"] >> (seat - 1) & 1) for r in rows]
    assert signed == [False, False, False, False, True, True]
    assert all(r["oracle_signers"] & 0b111 == 0b111 for r in rows)
