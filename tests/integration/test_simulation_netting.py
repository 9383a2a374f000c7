"""A few afternoon slots of the community simulation ending with the private netting round
(three households: the 4-seat circuit, a real proof verified on chain). The market, oracle,
governance and broker figures of a simulated day are checked in ``test_simulation.py``."""

import datetime as dt
import io

import pytest
from eth_abi import encode
from eth_utils import keccak
from rich.console import Console

from gridset.netting import zk
from gridset.reference.netting import settle
from gridset.sim.netting_module import WS_PER_WH, NettingModule
from gridset.sim.run import run_day
from gridset.sim.simulation import SimConfig

NOISE = 0.01


@pytest.fixture(scope="module")
def output():
    return io.StringIO()


@pytest.fixture(scope="module")
def day(chain, accounts, tmp_path_factory, output):
    # 16:45-17:15: the two prosumers still have a surplus, which the market sells only in part,
    # while the third household stays short, so the netting has energy to move.
    config = SimConfig(
        households=3, date=dt.date(2025, 6, 21), start_slot=67, n_slots=3, meter_noise=NOISE
    )
    console = Console(file=output, width=200)
    return run_day(config, chain, accounts, tmp_path_factory.mktemp("simulation"), console)


@pytest.fixture(scope="module")
def netting(day):
    (module,) = (m for m in day.simulation.modules if isinstance(m, NettingModule))
    return module


def test_netting__before_balances_are_production_minus_load_minus_sold_plus_bought(day):
    sim = day.simulation
    registry, market = sim.suite.panel_registry, sim.suite.energy_market
    settlement = sim.suite.settlement_engine
    rows = sim.summary["netting"].balances
    for h, account in enumerate(sim.actors.households):
        expected = 0
        for k, index in enumerate(sim.slot_indices):
            slot = sim.chain_slot(k)
            produced = registry.ownerProductionOf(account, slot)
            record = settlement.getSettlementRecord(slot, account)
            delivered = min(market.getPosition(slot, account).sold, record.energyProduced)
            load = int(sim.community.consumption_wh[h, index])
            expected += produced - load - delivered + record.energyConsumed
        assert rows[h]["before_wh"] == expected
        assert rows[h]["before_ws"] == expected * WS_PER_WH
    # The market only moves energy between households: the total is production minus load.
    onchain = sim.summary["oracle"].production_onchain_wh
    assert sum(r["before_wh"] for r in rows) == onchain - sum(r.load_wh for r in sim.records)
    assert min(r["before_wh"] for r in rows) < 0 < max(r["before_wh"] for r in rows)


def test_netting__after_balances_and_deeds_are_the_reference_settlement(day, netting):
    summary = day.simulation.summary["netting"]
    before = [r["before_ws"] for r in summary.balances]
    expected = settle(before, exact_shares=True)
    assert [r["after_ws"] for r in summary.balances] == expected.after
    assert summary.groups[0]["deeds"] == [
        {"producer": p, "consumer": c, "ws": ws} for p, c, ws in expected.deeds
    ]
    assert expected.deeds  # the netting moved energy
    assert summary.abs_after_kwh < summary.abs_before_kwh
    assert netting.results[0].after == expected.after


def test_netting__chain_accepted_the_proof_and_stores_the_after_commitments(day, netting):
    sim = day.simulation
    (dutility,) = netting.dutilities
    (result,) = netting.results
    accounts = sim.actors.households
    before = list(result.proof.inputs[1 : 1 + len(accounts)])
    after = zk.commitments(list(zip(result.after, result.after_salts, strict=True)))
    statement = keccak(encode(["uint256", "uint256[]", "uint256[]"], [1, before, after]))
    logs = list(dutility.NettingSuccess.range(0, sim.chain.blocks.head.number + 1))
    assert [(log.round, log.households, bytes(log.statement)) for log in logs] == [
        (1, 3, statement)
    ]
    assert dutility.nettingOf(1) == statement
    assert dutility.currentRound() == 2
    assert [dutility.commitmentOf(a) for a in accounts] == after
    assert sim.summary["netting"].groups[0]["statement"] == "0x" + statement.hex()


def test_netting__summary_block_is_printed_after_the_table(day, output):
    text = output.getvalue()
    assert text.index("Private netting") > text.index("Market:")
    assert "round 1, 3 households on the 4-seat circuit" in text
