"""The governance gas benchmark runs on the local chain and records every lifecycle step."""

from __future__ import annotations

from gridset.bench import GasTable, area_runner


def test_bench_governance__records_each_step_from_receipts(accounts):
    table = GasTable()

    area_runner("governance")(table, accounts)

    steps = [
        "GovernanceDAO.propose[1 action]",
        "GovernanceDAO.castVote[for]",
        "GovernanceDAO.queue[1 action]",
        "GovernanceDAO.execute[1 action]",
        "GridToken.delegate[self, first]",
        "GridToken.transfer[both delegated, checkpoints]",
    ]
    assert set(steps) <= set(table.entries)
    assert all(21_000 < table.entries[key] < 1_000_000 for key in steps)
    # More actions cost more to propose, queue and execute.
    for step in ("propose", "queue", "execute"):
        one, three = (
            table.entries[f"GovernanceDAO.{step}[{n} action{s}]"] for n, s in ((1, ""), (3, "s"))
        )
        assert three > one
