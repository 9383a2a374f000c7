"""The gas benchmark of the broker area, and the headline: not dearer than Uniswap V2."""

from gridset.bench import GasTable
from gridset.bench.broker import run

FORMULAS = ("constantProduct", "constantSum")


def test_bench__broker_area__records_every_case_and_beats_uniswap_v2(accounts, capsys):
    table = GasTable()

    run(table, list(accounts))

    entries = table.entries
    for formula in FORMULAS:
        for key in (
            f"EnergyBrokerFactory.createPool[{formula}]",
            f"EnergyBrokerRouter.addLiquidity[{formula}-first]",
            f"EnergyBrokerRouter.removeLiquidity[{formula}]",
            f"EnergyBrokerRouter.swapExactTokensForTokens[{formula}-1hop]",
            f"EnergyBrokerRouter.swapExactTokensForTokens[{formula}-2hop]",
            f"EnergyBrokerRouter.swapTokensForExactTokens[{formula}-1hop]",
        ):
            assert entries[key] > 21_000, key
    ours, theirs = "EnergyBrokerRouter.", "UniswapV2Router02."
    swap_ours = ours + "swapExactTokensForTokens[constantProduct-"
    swap_theirs = theirs + "swapExactTokensForTokens["
    for case in ("1hop]", "1hop-new-recipient]", "2hop]"):
        assert entries[swap_ours + case] <= entries[swap_theirs + case], case
    assert entries[ours + "addLiquidity[constantProduct]"] <= entries[theirs + "addLiquidity"]
    assert entries[ours + "removeLiquidity[constantProduct]"] <= entries[theirs + "removeLiquidity"]
    assert "ratio 0." in capsys.readouterr().out
