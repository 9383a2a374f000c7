"""Meter operators report each slot's production and the slot is finalised (EnergyOracle)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from gridset.oracle_aggregate import CHUNK_PANELS, build_report, sign_report
from gridset.profiles import meter_readings
from gridset.reference.oracle import accepted_wh
from gridset.sim.scheduler import Event
from gridset.sim.simulation import Column, Series, Simulation
from gridset.sim.tally import Tally

RANK_REPORT = 30
RANK_FINALISE = 40


def _kwh(wh: Any) -> str:
    return f"{wh / 1000:.2f}"


def _draw_readings(sim: Simulation, h: int, j: int, n: int, key: tuple[int, ...]) -> np.ndarray:
    """``n`` operators' readings of household ``h``'s array ``j`` over the day, seeded by
    ``(seed, *key)``."""
    household, config = sim.community.households[h], sim.config
    return meter_readings(
        household.panel_production_wh[j],
        n,
        (config.seed, *key),
        capacity_w=household.panels[j].capacity_w,
        slot_seconds=config.slot_seconds,
        noise=config.meter_noise,
    )


def _reading(readings: dict[int, list[int | None]], panel_id: int, row: int) -> int | None:
    """Operator ``row``'s reading of ``panel_id`` (Wh), None for no reading or no such panel."""
    values = readings.get(panel_id)
    return values[row] if values is not None else None


@dataclass
class OracleSlot:
    """The oracle's figures of one slot.

    Attributes:
        oracle_expected_wh: the acceptance rule applied off chain to the operators' readings, Wh.
        oracle_signers: seats (bit s-1 for seat s) whose signatures counted in the slot's
            reports.
        onchain_production_wh: the finalised on-chain total, Wh.
    """

    oracle_expected_wh: int = 0
    oracle_signers: int = 0
    onchain_production_wh: int = 0


@dataclass(frozen=True)
class OracleSummary:
    """The day's production and load (Wh), panels, and the oracle's transactions and gas per
    step (``report``, ``finalise``)."""

    production_model_wh: int
    production_onchain_wh: int
    load_wh: int
    panels: int
    transactions: dict[str, int]
    gas: dict[str, int]

    def lines(self) -> list[str]:
        """The line(s) printed after the slot table (Rich markup)."""
        return [
            f"[bold]Summary[/bold]: PV model {self.production_model_wh / 1000:.2f} kWh, "
            f"finalised on chain {self.production_onchain_wh / 1000:.2f} kWh, "
            f"load {self.load_wh / 1000:.2f} kWh, {self.panels} panels; "
            f"oracle transactions {sum(self.transactions.values())}, "
            f"gas {sum(self.gas.values()):,}"
        ]


class OracleModule:
    """After each slot the operators agree off chain: the transmitter computes each panel's median
    of the operators' readings within its capacity bound, every operator signs the report (EIP-712)
    and one transaction carries it (``EnergyOracle.reportAggregated``, up to
    MAX_AGGREGATE_PANELS panels per transaction; 0 Wh readings are sent as "no reading", so a
    panel without a quorum of non-zero readings counts 0, as before); a slot nobody produced in
    is not reported. After the reporting window the slot is finalised.

    Records per slot: ``oracle_expected_wh`` (the acceptance rule applied off chain to the same
    readings) and ``onchain_production_wh`` (the finalised on-chain total); summary: transactions
    and gas of reporting and finalisation.

    An operator added on chain during the day (a governance proposal) joins through
    :meth:`add_operator` and reports every slot whose report is due after that.
    """

    name = "oracle"
    columns = (
        Column("local_time", "time"),
        Column("production_wh", "PV model kWh", _kwh),
        Column("onchain_production_wh", "on-chain kWh", _kwh),
        Column("load_wh", "load kWh", _kwh),
        Column("net_wh", "net kWh", _kwh),
    )
    chart: tuple[Series, ...] = ()  # production and load are the chart's main panel

    def __init__(self) -> None:
        #: Per panel id: readings of every reporting operator (rows in ``operators`` order), Wh.
        self.readings: dict[int, np.ndarray] = {}
        #: Per panel id: the capacity bound of one slot, Wh (capacity W * slot s / 3600).
        self.max_wh: dict[int, int] = {}
        self.operators: list[Any] = []
        #: Per operator (in ``operators`` order): Unix s it took its seat (0 for the initial ones);
        #: it observes and signs only slots that end at or after that.
        self.seated_at: list[int] = []
        self.slots: list[OracleSlot] = []
        self.tally = Tally.of("report", "finalise")

    def setup(self, sim: Simulation) -> None:
        """Draw every operator's readings of every panel for the whole day (seeded per panel)."""
        config = sim.config
        self.operators = list(sim.actors.operators)
        self.seated_at = [0] * len(self.operators)
        self.slots = [OracleSlot() for _ in sim.records]
        for h, j, panel_id in sim.panels():
            self.readings[panel_id] = _draw_readings(sim, h, j, config.n_operators, (h, j))
            capacity_w = sim.community.households[h].panels[j].capacity_w
            self.max_wh[panel_id] = int(capacity_w) * config.slot_seconds // 3600

    def add_operator(self, sim: Simulation, operator: Any) -> None:
        """Have ``operator`` (an EnergyOracle operator from now on) report from the next slot
        report on, reading each panel with the same meter noise as the others (its own seeded
        draws; the other operators' readings are unchanged)."""
        seat = len(self.operators)
        for h, j, panel_id in sim.panels():
            extra = _draw_readings(sim, h, j, 1, (h, j, seat))
            self.readings[panel_id] = np.vstack([self.readings[panel_id], extra])
        self.operators.append(operator)
        self.seated_at.append(int(sim.chain.blocks.head.timestamp))

    def slot_record(self, k: int) -> OracleSlot:
        """The module's figures of simulated slot ``k``."""
        return self.slots[k]

    def slot_events(self, sim: Simulation, k: int) -> list[Event]:
        """Report at the slot's end, finalise when its reporting window closes."""
        end = sim.chain_slot(k) + sim.config.slot_seconds
        return [
            Event(end, RANK_REPORT, k, "report", lambda: self.report(sim, k)),
            Event(
                end + sim.config.reporting_window,
                RANK_FINALISE,
                k,
                "finalise",
                lambda: self.finalise(sim, k),
            ),
        ]

    def report(self, sim: Simulation, k: int) -> None:
        """One agreed report of slot ``k`` per MAX_AGGREGATE_PANELS panels, carrying every
        operator's non-zero readings, the medians and every operator's signature."""
        oracle, index, slot = sim.suite.energy_oracle, sim.slot_indices[k], sim.chain_slot(k)
        readings = {
            pid: [int(v) if v > 0 else None for v in r[:, index]]
            for pid, r in self.readings.items()
        }
        signers = 0
        if any(v is not None for values in readings.values() for v in values):
            per_tx, quorum = int(oracle.MAX_AGGREGATE_PANELS()), int(oracle.quorum())
            rows = [
                n
                for n, since in enumerate(self.seated_at)
                if since <= slot + sim.config.slot_seconds
            ]
            seats = {n: int(oracle.seatOf(self.operators[n])) for n in rows}
            first_id = min(readings) // CHUNK_PANELS * CHUNK_PANELS
            last_id = max(readings)
            for first in range(first_id, last_id + 1, per_tx):
                ids = range(first, min(first + per_tx, last_id + 1))
                by_seat = {
                    seat: [_reading(readings, p, n) for p in ids] for n, seat in seats.items()
                }
                report = build_report(
                    slot, first, by_seat, quorum, [self.max_wh.get(p) for p in ids]
                )
                signatures = [sign_report(oracle, self.operators[n], report) for n in rows]
                tx = oracle.reportAggregated(report.as_args(), signatures, sender=self.operators[0])
                self.tally.count("report", tx)
                for event in tx.events.filter(oracle.AggregateReported):
                    signers |= int(event.signers)
        expected = 0
        for r in self.readings.values():
            reports = [int(v) for v in r[:, index] if v > 0]
            expected += accepted_wh(reports, sim.config.quorum)
        self.slots[k].oracle_expected_wh = expected
        self.slots[k].oracle_signers = signers

    def finalise(self, sim: Simulation, k: int) -> None:
        """Finalise slot ``k`` and record the on-chain total."""
        oracle, slot = sim.suite.energy_oracle, sim.chain_slot(k)
        self.tally.count("finalise", oracle.finalizeTimeSlot(slot, sender=sim.actors.operators[0]))
        self.slots[k].onchain_production_wh = int(oracle.getTimeSlotData(slot).totalEnergy)

    def finish(self, sim: Simulation) -> OracleSummary:
        """Summarise the day's production, load and the oracle's transactions and gas."""
        return OracleSummary(
            production_model_wh=sum(r.production_wh for r in sim.records),
            production_onchain_wh=sum(s.onchain_production_wh for s in self.slots),
            load_wh=sum(r.load_wh for r in sim.records),
            panels=len(self.readings),
            transactions=dict(self.tally.transactions),
            gas=dict(self.tally.gas),
        )
