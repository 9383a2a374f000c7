"""End of the day: a private netting round over the households' unsettled renewable balances.

After the market has settled, each household is left with renewable energy it produced but
neither used nor sold (a positive balance) or energy it used but neither produced nor bought (a
negative one). The day ends with one private netting round over these balances on ``DUtility``
(spec ``20-netting.md``): households post Poseidon commitments, the netting entity nets them off
chain (:func:`gridset.reference.netting.settle`, exact shares), proves the netting with ZoKrates
and the contract accepts it only if the Groth16 proof verifies on chain.

**Unsettled balance** of household h over the simulated slots S (Wh, then Ws)::

    balance_wh(h) = sum over s in S of  production(h, s) - consumption(h, s)
                                        - delivered(h, s) + received(h, s)
    balance_ws(h) = 3600 * balance_wh(h)        (1 Wh = 3,600 Ws, the netting unit)

- ``production(h, s)``: production of h's registered panels as finalised on chain,
  ``PanelRegistry.ownerProductionOf(h, s)``, read for the households with registered panels
  and the slots whose finalised community total (``EnergyOracle.getTimeSlotData(s).totalEnergy``)
  is above zero: otherwise every owner's total is zero, and so are all deliveries and receipts of
  the slot (delivered <= produced).
- ``consumption(h, s)``: h's load in the slot from its load profile (``community.consumption_wh``;
  load has no meter on chain).
- ``delivered(h, s)``: what h delivered as a seller, ``min(sold, produced)``, read from the
  SettlementEngine's seller-side ``SettlementExecuted(slot, h, sellerSide=true, ...)`` event
  (``energyDelivered``); the engine keeps it in no public view.
- ``received(h, s)``: what h received as a buyer,
  ``SettlementEngine.getSettlementRecord(s, h).energyConsumed``, read for the households that
  the slot's buyer-side ``SettlementExecuted`` events name (no one else received anything).

Deliveries and receipts of a slot are equal in total (the engine shares the delivered volume
exactly among the buyers), so the market only moves balances between households: the community's
total is its on-chain production minus its load. Non-renewable (grid) energy is not counted:
a negative balance is exactly the renewable energy still required.

**One community-wide round.** A community of up to 32 households is netted in one round with one
proof (the 32-seat circuit for 17..32 households: the seed's community-wide netting; every
producer can offset every consumer). The proof's cost grows about linearly with the seats, so
smaller groups would not prove faster in total, and every group border would leave surpluses and
deficits unnetted. Only communities larger than the largest circuit (32 seats) are split into
near-equal groups of consecutive households, each with its own ``DUtility`` and proof; balances are
then netted within each group only.

**Costs.** The proving keys are built once into the git-ignored ``zk/build/`` (32 seats: about
170 s compile and 80 s setup on a loaded 2-core machine); :meth:`NettingModule.setup` starts that
build in a background thread, so on a fresh machine it runs while the day is simulated. Groups of
at most 16 would need a smaller one-time build, but every run then pays about the same proving
time in total and leaves imbalances across groups. Each run pays the chain reads (about 40 s for
a 20-household day), one commitment per household (about 51k gas each), one proof (about 20 s at
32 seats) and ``submitNetting`` (about 0.97M gas for 20 households).
(docs/simulation.md has the figures).

The summary (``sim.summary["netting"]``) holds every household's figures and balances before and
after, in Wh and Ws: the netting entity's private view, which the simulation has anyway; the chain
only sees commitments.
"""

from __future__ import annotations

import json
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np
from eth_utils import to_checksum_address

from gridset.netting import build, deploy, zk
from gridset.netting.private_round import (
    KWH,
    PrivateRoundResult,
    register_households,
    run_private_round,
)
from gridset.sim.market_module import RANK_SETTLE, settle_time
from gridset.sim.scheduler import Event
from gridset.sim.simulation import Series, Simulation

#: Balances of a slot are read right after its settlement; the netting runs after the last one.
RANK_BALANCES = RANK_SETTLE + 10
RANK_NETTING = 90
#: 1 Wh in Ws, the netting unit.
WS_PER_WH = 3_600
#: Largest community netted in one round: the largest circuit's seats.
MAX_GROUP = zk.SEATS[-1]


def household_groups(households: int, max_group: int = MAX_GROUP) -> list[range]:
    """Split households ``0..households-1`` into the fewest near-equal groups of consecutive
    households that each fit a circuit (sizes differ by at most one).

    Raises:
        ValueError: no households.
    """
    if households < 1:
        raise ValueError("a netting needs at least one household")
    count = -(-households // max_group)
    base, extra = divmod(households, count)
    groups, start = [], 0
    for g in range(count):
        size = base + (g < extra)
        groups.append(range(start, start + size))
        start += size
    return groups


@dataclass(frozen=True)
class KeyBuild:
    """Proving keys of the circuits used: which sizes had to be built and the wall time spent."""

    built: tuple[int, ...]
    seconds: float


def prepare_keys(sizes: tuple[int, ...]) -> KeyBuild:
    """Build the commitment program and the circuits of ``sizes`` unless cached.

    Raises:
        ZkError: a build failed.
        RuntimeError: a rebuilt verifier differs from the committed one.
    """
    started = time.monotonic()
    built = tuple(s for s in sizes if not build.is_built(s))
    for seats in sizes:
        build.ensure_built(seats)
    return KeyBuild(built, time.monotonic() - started)


@dataclass(frozen=True)
class NettingSummary:
    """The day's private netting (the netting entity's view; the chain sees only commitments).

    Attributes:
        households: households netted.
        groups: per group (DUtility): address, households, seats, round, statement, transfers
            (``deeds``: producer, consumer, Ws), witness and proving time (s), gas of
            ``submitNetting`` and of the commitments.
        balances: per household: group, account, production, consumption, delivered and
            received (Wh), balance before (Wh, Ws) and after (Wh, Ws).
        abs_before_kwh, abs_after_kwh: sum of |balance| before and after, kWh.
        keys: proving keys: sizes built now, build and wait time (s), one-time figures.
        read_seconds, round_seconds: wall time of the chain reads and of the rounds, s.
    """

    households: int
    groups: list[dict[str, Any]]
    balances: list[dict[str, Any]]
    abs_before_kwh: float
    abs_after_kwh: float
    keys: dict[str, Any]
    read_seconds: float
    round_seconds: float

    def lines(self) -> list[str]:
        """Per group circuit, round, proof and gas; balances in kWh; the keys' and reads' time."""
        lines = [
            f"[bold]Private netting[/bold] of the unsettled balances: {self.households} "
            f"households, sum |balance| {self.abs_before_kwh:.2f} kWh before -> "
            f"{self.abs_after_kwh:.2f} kWh after"
        ]
        for group in self.groups:
            lines.append(
                f"  DUtility {group['dutility']}: round {group['round']}, "
                f"{len(group['households'])} households on the {group['seats']}-seat circuit, "
                f"{len(group['deeds'])} transfers; proof {group['proving_seconds']:.1f} s "
                f"(witness {group['witness_seconds']:.1f} s), verified on chain: submitNetting "
                f"gas {group['submit_netting_gas']:,}, commitments gas {group['commitment_gas']:,}"
            )
        keys = self.keys
        one_time = ", ".join(
            f"{k['seats']} seats: setup {k['setup_seconds']:.0f} s" for k in keys["one_time"]
        )
        state = (
            f"built now in {keys['build_seconds']:.0f} s beside the simulation"
            if keys["built_now"]
            else "cached in zk/build/"
        )
        lines.append(
            f"  proving keys ({one_time}): {state}, waited {keys['waited_seconds']:.0f} s; "
            f"reading balances {self.read_seconds:.1f} s, netting round "
            f"{self.round_seconds:.1f} s"
        )
        return lines


class NettingModule:
    """Reads each household's settled flows per slot and nets the day's balances privately.

    Per slot (right after its settlement): production, deliveries and receipts per household.
    At the end of the day (a day-level event after the last settlement): one private round per
    group on its ``DUtility`` (see the module docstring). Summary: ``sim.summary["netting"]``.
    The module needs the oracle and market modules before it.
    """

    name = "netting"
    columns: tuple = ()
    chart: tuple[Series, ...] = ()

    def __init__(self) -> None:
        self.groups: list[range] = []
        self.dutilities: list[Any] = []
        self.production_wh = np.zeros((0, 0), dtype=np.int64)
        self.consumption_wh = np.zeros((0, 0), dtype=np.int64)
        self.delivered_wh = np.zeros((0, 0), dtype=np.int64)
        self.received_wh = np.zeros((0, 0), dtype=np.int64)
        self.results: list[PrivateRoundResult] = []
        self._keys: Future[KeyBuild] | None = None
        self._key_wait = 0.0
        self._round_seconds = 0.0
        self._read_seconds = 0.0
        self._from_block = 0

    def setup(self, sim: Simulation) -> None:
        """Start building the proving keys in the background; deploy one DUtility per group with
        its verifier and register the group's households."""
        n, slots = sim.config.households, len(sim.records)
        self.groups = household_groups(n)
        sizes = tuple(sorted({zk.seats_for(len(g)) for g in self.groups}))
        # The build is a Node process: it runs beside the simulation, which only waits for it at
        # the end of the day.
        executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="zk-keys")
        self._keys = executor.submit(prepare_keys, sizes)
        executor.shutdown(wait=False)
        deployer = sim.actors.deployer
        for group in self.groups:
            seats = zk.seats_for(len(group))
            dutility, _ = deploy.deploy_dutility(deployer, seats=(seats,))
            register_households(dutility, deployer, [sim.actors.households[h] for h in group])
            self.dutilities.append(dutility)
        for name in ("production_wh", "consumption_wh", "delivered_wh", "received_wh"):
            setattr(self, name, np.zeros((n, slots), dtype=np.int64))
        self._from_block = sim.chain.blocks.head.number + 1

    def slot_record(self, k: int) -> None:
        """No per-slot figures: the balances are in the summary."""

    def slot_events(self, sim: Simulation, k: int) -> list[Event]:
        """Read slot ``k``'s flows after its settlement; after the last slot, net the day."""
        at = settle_time(sim, k)
        events = [Event(at, RANK_BALANCES, k, "balances", lambda: self.read_slot(sim, k))]
        if k == len(sim.records) - 1:
            events.append(Event(at, RANK_NETTING, -1, "private netting", lambda: self.net(sim)))
        return events

    def read_slot(self, sim: Simulation, k: int) -> None:
        """Record every household's production, load, delivery and receipt of slot ``k`` (Wh)."""
        started = time.monotonic()
        try:
            self._read_slot(sim, k)
        finally:
            self._read_seconds += time.monotonic() - started

    def _read_slot(self, sim: Simulation, k: int) -> None:
        suite, slot = sim.suite, sim.chain_slot(k)
        engine, registry = suite.settlement_engine, suite.panel_registry
        households = sim.actors.households
        self.consumption_wh[:, k] = sim.community.consumption_wh[:, sim.slot_indices[k]]
        head = sim.chain.blocks.head.number
        from_block, self._from_block = self._from_block, head + 1
        if suite.energy_oracle.getTimeSlotData(slot).totalEnergy == 0:
            return  # no production: nothing delivered or received either
        for h, panels in enumerate(sim.panel_ids):
            if panels:  # an owner without registered panels produces nothing on chain
                self.production_wh[h, k] = registry.ownerProductionOf(households[h], slot)
        seat = {str(a.address): h for h, a in enumerate(households)}
        # The slot settled after the previous read: its events lie in the blocks since then. Only
        # a settled buyer has a receipt, so the records of the buyers among them are read.
        logs = engine.SettlementExecuted.range(from_block, head + 1, search_topics={"slot": slot})
        for log in logs:
            h = seat.get(to_checksum_address(log.participant))
            if h is None:
                continue
            if log.sellerSide:
                self.delivered_wh[h, k] += log.energyDelivered
            else:
                record = engine.getSettlementRecord(slot, households[h])
                self.received_wh[h, k] = record.energyConsumed

    def balances_wh(self) -> np.ndarray:
        """Unsettled balance of each household over the slots read so far, Wh."""
        return (
            self.production_wh - self.consumption_wh - self.delivered_wh + self.received_wh
        ).sum(axis=1)

    def net(self, sim: Simulation) -> None:
        """Wait for the proving keys, then run and check one private round per group.

        Raises:
            ZkError: the keys could not be built or the netting could not be proven.
            RuntimeError: the chain did not store the netting.
        """
        assert self._keys is not None, "setup() was not run"
        waited = time.monotonic()
        self._keys.result()
        self._key_wait = time.monotonic() - waited
        started = time.monotonic()
        balances = self.balances_wh()
        deployer = sim.actors.deployer
        for group, dutility in zip(self.groups, self.dutilities, strict=True):
            accounts = [sim.actors.households[h] for h in group]
            result = run_private_round(
                dutility, deployer, accounts, [int(balances[h]) * WS_PER_WH for h in group]
            )
            _check_accepted(dutility, accounts, result)
            self.results.append(result)
        self._round_seconds = time.monotonic() - started

    def finish(self, sim: Simulation) -> NettingSummary | None:
        """Summarise the netting (None if it did not run)."""
        if not self.results:
            return None
        assert self._keys is not None
        keys = self._keys.result()
        households = sim.actors.households
        rows: list[dict[str, Any]] = []
        before_wh = self.balances_wh()
        totals = {
            name: getattr(self, f"{name}_wh").sum(axis=1)
            for name in ("production", "consumption", "delivered", "received")
        }
        groups = []
        for g, (group, result) in enumerate(zip(self.groups, self.results, strict=True)):
            seats = result.seats
            for position, h in enumerate(group):
                after_ws = result.after[position]
                rows.append(
                    {
                        "household": h,
                        "group": g,
                        "account": str(households[h].address),
                        **{f"{name}_wh": int(v[h]) for name, v in totals.items()},
                        "before_wh": int(before_wh[h]),
                        "before_ws": result.before[position],
                        "after_wh": round(after_ws / WS_PER_WH, 3) + 0.0,  # no -0.0
                        "after_ws": after_ws,
                    }
                )
            groups.append(
                {
                    "dutility": str(self.dutilities[g].address),
                    "households": list(group),
                    "seats": seats,
                    "round": result.round_id,
                    "statement": "0x" + bytes(self.dutilities[g].nettingOf(result.round_id)).hex(),
                    "deeds": [
                        {"producer": group[p], "consumer": group[c], "ws": ws}
                        for p, c, ws in result.deeds
                    ],
                    "witness_seconds": round(result.witness_seconds, 2),
                    "proving_seconds": round(result.proving_seconds, 1),
                    "submit_netting_gas": result.netting_gas,
                    "commitment_gas": result.commitment_gas,
                }
            )
        return NettingSummary(
            households=len(rows),
            groups=groups,
            balances=rows,
            abs_before_kwh=round(sum(abs(r["before_ws"]) for r in rows) / KWH, 3),
            abs_after_kwh=round(sum(abs(r["after_ws"]) for r in rows) / KWH, 3),
            keys={
                "built_now": list(keys.built),
                "build_seconds": round(keys.seconds, 1),
                "waited_seconds": round(self._key_wait, 1),
                "one_time": [build_figures(s) for s in sorted({r.seats for r in self.results})],
            },
            read_seconds=round(self._read_seconds, 1),
            round_seconds=round(self._round_seconds, 1),
        )


def build_figures(seats: int) -> dict[str, Any]:
    """One-time costs of the ``seats`` circuit, from its build record in ``zk/build/``."""
    meta = json.loads((zk.circuit_dir(seats) / "meta.json").read_text())
    return {
        "seats": seats,
        "constraints": meta["constraints"],
        "compile_seconds": round(meta["compileSeconds"], 1),
        "setup_seconds": round(meta["setupSeconds"], 1),
        "proving_key_bytes": (zk.circuit_dir(seats) / "proving.key").stat().st_size,
    }


def _check_accepted(dutility: Any, accounts: list[Any], result: PrivateRoundResult) -> None:
    """The chain accepted the round: its statement is recorded, the next round is open, no
    household was left out and every household's stored commitment is its after-commitment
    (public inputs after the round id and the before-commitments)."""
    after = result.proof.inputs[1 + result.seats : 1 + result.seats + len(accounts)]
    stored = tuple(dutility.commitmentOf(a) for a in accounts)
    if (
        dutility.nettingOf(result.round_id) == b"\0" * 32
        or dutility.currentRound() != result.round_id + 1
        or stored != tuple(after)
        or result.skipped
    ):
        raise RuntimeError(f"DUtility did not store the netting of round {result.round_id}")
