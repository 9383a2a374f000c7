"""The simulated day's intraday stage: CDA corrections after the auction, staking, nothing stuck."""

from __future__ import annotations

import datetime as dt

import pytest

from gridset.sim.governance_module import GovernanceModule
from gridset.sim.intraday_module import STAKE_GRID, IntradayModule
from gridset.sim.market_module import MarketModule
from gridset.sim.oracle_module import OracleModule
from gridset.sim.run import default_modules, run_day
from gridset.sim.simulation import SimConfig


@pytest.fixture(scope="module")
def day(chain, accounts, tmp_path_factory):
    """Four households at 17:15, three 15-minute slots: demand exceeds the PV offered, auction
    bids stay partly unfilled and the sellers' updated forecasts move both ways, so corrections
    meet on the CDA; the stages the CDA needs (oracle and market for the auction and its
    settlement, governance for the households' GRID)."""
    config = SimConfig(households=4, date=dt.date(2025, 6, 21), start_slot=69, n_slots=3)
    modules = [OracleModule(), MarketModule(), IntradayModule(), GovernanceModule()]
    return run_day(config, chain, accounts, tmp_path_factory.mktemp("cda-sim"), modules=modules)


def test_intraday_module__registered_before_governance():
    names = [type(m).__name__ for m in default_modules(netting=False)]
    assert names.index("IntradayModule") < names.index("GovernanceModule")


def test_intraday_stage__trades_with_fees_and_leaves_nothing_in_the_cda(day):
    sim = day.simulation
    intraday = sim.summary["intraday"]
    cda = sim.suite.cda_market
    assert intraday.trades > 0, "no CDA correction traded on a June evening"
    for record in sim.module_of(IntradayModule).slots:
        if record.cda_wh:
            assert record.cda_vwap == record.cda_value * 1000 // record.cda_wh
        assert record.cda_wall_s < 30
    assert intraday.grid_fees == intraday.grid_fees_withdrawn > 0
    # Nothing stuck: every order closed, no WATT left, no stake encumbered by the CDA.
    assert intraday.left_in_cda == 0
    for k in range(len(sim.records)):
        for account in sim.actors.households:
            assert cda.getPosition(sim.chain_slot(k), account).openOrders == 0
    vault = sim.suite.staking_vault
    assert all(vault.encumberedStake(a) == 0 for a in sim.actors.households)


def test_intraday_stage__households_stake_hold_licences_and_earn(day):
    sim = day.simulation
    staking = sim.summary["intraday"].staking
    households = sim.config.households
    assert staking.staked == households * STAKE_GRID
    assert staking.licensed == households
    assert staking.rate_bps == 800
    assert staking.earned > 0
    earned = [r.staking_earned for r in sim.module_of(IntradayModule).slots]
    assert earned == sorted(earned)  # grows through the day
