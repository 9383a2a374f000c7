"""One simulated community day: set-up, the merged event schedule, per-slot records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol, TypeVar

from gridset.chain_time import next_day_start
from gridset.deploy.core import Suite, deploy_suite
from gridset.deploy.params import DeployParams, OracleParams
from gridset.profiles import Community, build_community, validate_options
from gridset.sim.actors import Actors, make_actors
from gridset.sim.community_chain import mint_and_register
from gridset.sim.scheduler import Event, run_events

#: Chain day of the simulation starts at the first UTC midnight at least this far ahead (s), so
#: that the first slot's orders can still be placed before its gate closure.
SETUP_MARGIN = 6 * 3600


@dataclass(frozen=True)
class SimConfig:
    """Options of one run.

    Attributes:
        households: number of households (1..500).
        date: calendar day whose weather and load profile are simulated.
        slot_seconds: slot length, s (900 or 3600 typically).
        seed: seed of every random draw.
        start_slot: first slot of the day to simulate (0 = midnight).
        n_slots: number of slots to simulate (None = to the end of the day).
        n_operators: oracle operators (1..3).
        quorum: oracle quorum (1..n_operators).
        meter_noise: relative standard deviation of each operator's meter error (0.01 = 1 %).
        reporting_window: oracle reporting window after each slot, s.
    """

    households: int = 20
    date: dt.date = dt.date(2025, 6, 21)
    slot_seconds: int = 900
    seed: int = 0
    start_slot: int = 0
    n_slots: int | None = None
    n_operators: int = 3
    quorum: int = 2
    meter_noise: float = 0.01
    reporting_window: int = 1800


@dataclass(frozen=True)
class Column:
    """A per-slot table column: record key, header, and how to show a value."""

    key: str
    header: str
    fmt: Callable[[Any], str] = str


@dataclass(frozen=True)
class Series:
    """A per-slot chart panel: record key, axis label, and the factor to plot the value with."""

    key: str
    label: str
    scale: float = 1.0


@dataclass(frozen=True)
class SlotRecord:
    """The modelled community's figures of one simulated slot (the first keys of each
    ``results.json`` slot row; each module adds its own record's fields after them).

    Attributes:
        slot_index: slot of the day (0 = midnight).
        slot: chain slot id (start, Unix s).
        local_time: the slot's start in the site's local time, ``HH:MM``.
        production_wh: PV model production of all households, Wh.
        load_wh: load of all households, Wh.
        net_wh: ``production_wh - load_wh``, Wh.
    """

    slot_index: int
    slot: int
    local_time: str
    production_wh: int
    load_wh: int
    net_wh: int


class ModuleSummary(Protocol):
    """A module's day summary: a dataclass (``results.json`` ``summary.<module name>`` holds its
    fields) that says itself in the printed summary."""

    def lines(self) -> list[str]:
        """The lines printed after the table (Rich markup); none for a silent summary."""


class SimModule(Protocol):
    """A part of the simulation: contributes set-up, per-slot events and records, columns and a
    summary.

    Attributes:
        name: key of the module's summary in ``Simulation.summary`` and ``results.json``.
        columns: its per-slot table columns (keys of its slot record's fields).
        chart: its chart series (keys of its slot record's fields).
    """

    name: str
    columns: Sequence[Column]
    chart: Sequence[Series]

    def setup(self, sim: Simulation) -> None:
        """Deploy or configure what the module needs (runs once, before any event)."""

    def slot_events(self, sim: Simulation, k: int) -> list[Event]:
        """The module's events for simulated slot ``k`` (an index into ``sim.records``)."""

    def slot_record(self, k: int) -> Any | None:
        """The module's figures of simulated slot ``k`` (a dataclass), None if it has none."""

    def finish(self, sim: Simulation) -> ModuleSummary | None:
        """Day-level work after the last event; returns the module's summary (None: nothing to
        summarise)."""


M = TypeVar("M")


@dataclass
class Simulation:
    """State of one run: the modelled community, its accounts and contracts, and the results."""

    config: SimConfig
    chain: Any
    community: Community
    actors: Actors
    params: DeployParams
    suite: Suite
    panel_ids: list[list[int]]
    day_start: int
    slot_indices: list[int]
    modules: list[SimModule] = field(default_factory=list)
    records: list[SlotRecord] = field(default_factory=list)
    summary: dict[str, ModuleSummary] = field(default_factory=dict)

    def chain_slot(self, k: int) -> int:
        """Chain slot id (start, Unix s) of simulated slot ``k``."""
        return self.day_start + self.slot_indices[k] * self.config.slot_seconds

    def panels(self) -> list[tuple[int, int, int]]:
        """Every registered array as ``(household id, array index, panel id)``."""
        return [
            (h, j, panel_id)
            for h, ids in enumerate(self.panel_ids)
            for j, panel_id in enumerate(ids)
        ]

    def events(self) -> list[Event]:
        """All modules' events for all simulated slots, plus their day-level events."""
        return [
            e
            for m in self.modules
            for k in range(len(self.records))
            for e in m.slot_events(self, k)
        ]

    def run(self, on_done: Callable[[Event], None] | None = None) -> None:
        """Run every event in time order, then each module's ``finish``, collecting the
        summaries."""
        run_events(self.chain, self.events(), on_done)
        for module in self.modules:
            summary = module.finish(self)
            if summary is not None:
                self.summary[module.name] = summary

    def module_of(self, kind: type[M]) -> M:
        """The run's module of class ``kind``.

        Raises:
            LookupError: the run has no such module.
        """
        for module in self.modules:
            if isinstance(module, kind):
                return module
        raise LookupError(f"the simulation runs no {kind.__name__}")

    def slot_rows(self) -> list[dict[str, Any]]:
        """Each simulated slot as ``results.json`` lists it: the community's figures, then each
        module's record (a module without a record for the slot adds no keys)."""
        rows = []
        for k, record in enumerate(self.records):
            row = asdict(record)
            for module in self.modules:
                part = module.slot_record(k)
                if part is not None:
                    row.update(asdict(part))
            rows.append(row)
        return rows


def deploy_params(config: SimConfig, actors: Actors) -> DeployParams:
    """Deployment parameters of a simulated community (the YAML defaults where not simulated)."""
    return DeployParams(
        slot_seconds=config.slot_seconds,
        installers=(actors.installer.address,),
        watt_issuers=(actors.installer.address,),
        oracle=OracleParams(
            reporting_window=config.reporting_window,
            quorum=config.quorum,
            operators=tuple(op.address for op in actors.operators),
        ),
        **_intraday_params(actors),
    )


def _intraday_params(actors: Actors) -> dict[str, Any]:
    """``staking`` and ``cda`` sections of the simulated community."""
    from gridset.sim.intraday_module import cda_params, staking_params  # it imports this module

    return {
        "staking": staking_params(),
        "cda": cda_params(actors.installer.address, actors.installer.address),
    }


def build_simulation(
    config: SimConfig, chain: Any, test_accounts: Any, modules: list[SimModule]
) -> Simulation:
    """Model the community, create its accounts, deploy and populate the suite, set up modules.

    Raises:
        OptionError: invalid households, date, slot length or seed (one-line message).
        ValueError: slot range outside the day, quorum above the operators.
    """
    options = validate_options(config.households, config.date, config.slot_seconds, config.seed)
    community = build_community(
        options.households, options.date, options.slot_seconds, options.seed
    )
    last = community.n_slots if config.n_slots is None else config.start_slot + config.n_slots
    if not 0 <= config.start_slot < last <= community.n_slots:
        raise ValueError(
            f"slots {config.start_slot}..{last - 1} are outside the day's {community.n_slots}"
        )
    if not 1 <= config.quorum <= config.n_operators:
        raise ValueError(f"quorum {config.quorum} must be between 1 and {config.n_operators}")
    actors = make_actors(test_accounts, options.households, config.n_operators)
    params = deploy_params(config, actors)
    suite = deploy_suite(actors.deployer, params)
    panel_ids = mint_and_register(suite, actors.installer, actors.households, community)
    indices = list(range(config.start_slot, last))
    sim = Simulation(
        config=config,
        chain=chain,
        community=community,
        actors=actors,
        params=params,
        suite=suite,
        panel_ids=panel_ids,
        day_start=next_day_start(chain.pending_timestamp + SETUP_MARGIN),
        slot_indices=indices,
        modules=modules,
    )
    production = community.production_wh.sum(axis=0)
    consumption = community.consumption_wh.sum(axis=0)
    for k, index in enumerate(indices):
        sim.records.append(
            SlotRecord(
                slot_index=index,
                slot=sim.chain_slot(k),
                local_time=_local_time(community, index),
                production_wh=int(production[index]),
                load_wh=int(consumption[index]),
                net_wh=int(production[index] - consumption[index]),
            )
        )
    for module in modules:
        module.setup(sim)
    return sim


def _local_time(community: Community, index: int) -> str:
    offset = dt.timedelta(hours=community.site.utc_offset_hours)
    start = dt.datetime.fromtimestamp(int(community.slot_starts[index]), dt.timezone(offset))
    return start.strftime("%H:%M")
