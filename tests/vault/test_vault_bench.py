"""The StakingVault gas benchmark runs, covers every state-changing entry point, and keeps the
market's hot path (encumber, release) within its budget."""

from __future__ import annotations

import re

from gridset.bench import GasTable, area_runner

#: Execution gas (receipt minus intrinsic) allowed for the market's per-ask calls.
HOT_PATH_BUDGET = 10_000


def _execution(table: GasTable, key: str) -> int:
    return int(re.fullmatch(r"execution (\d+) gas", table.notes[key]).group(1))


def test_vault_bench__records_every_state_changing_function(project, accounts):
    table = GasTable()
    area_runner("vault")(table, accounts)
    measured = {key.split(".")[1].split("[")[0] for key in table.entries}
    state_changing = {
        abi.name
        for abi in project.StakingVault.contract_type.mutable_methods
        if abi.name not in {"grantRole", "revokeRole", "renounceRole"}
    }
    assert measured == state_changing
    assert all(0 < gas < 150_000 for gas in table.entries.values())
    for key in ("encumber[warm]", "release[partial]", "release[all]"):
        assert _execution(table, f"StakingVault.{key}") < HOT_PATH_BUDGET
