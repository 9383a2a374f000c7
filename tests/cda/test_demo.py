"""`ape run cda demo`: the seed's scenario reproduces the PoC's trades and fees on chain."""

from __future__ import annotations

from gridset.cda.demo import ON_RAMP, STAKE, run_demo
from gridset.units import WATT


def test_demo__poc_trades_fees_and_balances(accounts):
    lines: list[str] = []
    result = run_demo(list(accounts), lines.append)
    # Charlie takes Bob's 15 kWh at 0.12 and 10 of Alice's kWh at 0.15, plus 5 % grid fee.
    assert result["grid_fees"] == 165 * WATT // 1000
    assert result["operator_watt"] == 165 * WATT // 1000
    assert result["Charlie"]["bought_wh"] == 25_000
    assert result["Charlie"]["watt"] == ON_RAMP - 3_465 * WATT // 1000
    assert result["Bob"] == {
        "watt": ON_RAMP + 1_800 * WATT // 1000,
        "sold_wh": 15_000,
        "bought_wh": 0,
        "encumbered": 15 * 600 * WATT // 1000,
    }
    assert result["Alice"]["sold_wh"] == 10_000
    assert result["Alice"]["watt"] == ON_RAMP + 1_500 * WATT // 1000
    assert STAKE > result["Alice"]["encumbered"] == 10 * 600 * WATT // 1000
    assert "  ASK 0.1500 /kWh  10 kWh" in lines
