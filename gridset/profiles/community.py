"""A seeded community of households: their PV arrays, consumption and per-slot energy.

Households are drawn from one ``numpy.random.Generator`` seeded with ``seed``, independently of
the date and slot length (so the same seed gives the same households on every day and grid):

* ``round(0.25 * n)`` households, chosen at random, have no panels (pure consumers);
* every other household has one of these roof layouts, with probabilities 0.55 / 0.25 / 0.1 / 0.1:
  one south array (azimuth 150..210 deg), an east + west pair (azimuths 80..100 and 260..280 deg,
  same tilt), one east array (80..120 deg) or one west array (240..280 deg);
* a single array has 2.0..10.0 kWp, each array of an east + west pair 2.0..5.0 kWp (0.1 kWp steps);
  tilt 15..40 deg (whole degrees);
* annual consumption 1,500..6,000 kWh/a (100 kWh steps), uniform.

Production comes from :mod:`gridset.profiles.pv` (pvlib PVWatts on TMY weather), consumption from
:mod:`gridset.profiles.load` (BDEW H0). All energies are integer Wh per slot.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from gridset.profiles.load import consumption_wh
from gridset.profiles.options import DEFAULT_SLOT_SECONDS, validate_options
from gridset.profiles.pv import PanelSpec, panel_production_wh
from gridset.profiles.slots import slot_starts_unix
from gridset.profiles.weather import Site, load_tmy

CONSUMER_SHARE = 0.25
ANNUAL_KWH_RANGE = (1_500, 6_000)
ANNUAL_KWH_STEP = 100
SINGLE_ARRAY_KWP = (2.0, 10.0)
PAIR_ARRAY_KWP = (2.0, 5.0)
TILT_DEG = (15, 40)
LAYOUTS = ("south", "east-west", "east", "west")
LAYOUT_WEIGHTS = (0.55, 0.25, 0.10, 0.10)
AZIMUTH_DEG = {"south": (150, 210), "east": (80, 120), "west": (240, 280)}
PAIR_AZIMUTH_DEG = ((80, 100), (260, 280))


@dataclass(frozen=True)
class HouseholdSpec:
    """What is drawn for a household before any energy is computed.

    Attributes:
        id: 0-based index in the community.
        panels: its PV arrays (empty for a pure consumer).
        annual_consumption_kwh: yearly consumption, kWh/a.
    """

    id: int
    panels: tuple[PanelSpec, ...]
    annual_consumption_kwh: int

    @property
    def capacity_w(self) -> int:
        """Total DC nameplate capacity of its arrays, W."""
        return sum(p.capacity_w for p in self.panels)


@dataclass(frozen=True, eq=False)
class Household(HouseholdSpec):
    """A drawn household with its energy per slot (all arrays int64 Wh, read-only).

    Attributes (besides those of :class:`HouseholdSpec`):
        panel_production_wh: shape ``(len(panels), n_slots)``; ``[panel][slot]`` is the AC energy
            of that array in that slot, Wh.
        production_wh: shape ``(n_slots,)``, the sum over its arrays, Wh.
        consumption_wh: shape ``(n_slots,)``, Wh.
    """

    panel_production_wh: npt.NDArray
    production_wh: npt.NDArray
    consumption_wh: npt.NDArray

    # Identity, not the inherited comparison of the drawn fields: compare arrays with numpy.
    __eq__ = object.__eq__
    __hash__ = object.__hash__

    @property
    def is_prosumer(self) -> bool:
        """Whether it has at least one PV array."""
        return bool(self.panels)


@dataclass(frozen=True, eq=False)
class Community:
    """One simulated day of a community.

    Attributes:
        date: the calendar day (local standard time of ``site``).
        slot_seconds: slot length, s.
        seed: seed the households were drawn with.
        site: the weather station whose TMY data and time zone are used.
        slot_starts: shape ``(n_slots,)``, Unix time (s, int64) of each slot's start; the first
            is local midnight of ``date``.
        households: the households, ``households[i].id == i``.
    """

    date: dt.date
    slot_seconds: int
    seed: int
    site: Site
    slot_starts: npt.NDArray
    households: tuple[Household, ...]

    @property
    def n_slots(self) -> int:
        """Number of slots in the day (86400 / slot_seconds)."""
        return int(self.slot_starts.size)

    @property
    def production_wh(self) -> npt.NDArray:
        """Shape ``(n_households, n_slots)``: each household's production per slot, Wh."""
        return np.stack([h.production_wh for h in self.households])

    @property
    def consumption_wh(self) -> npt.NDArray:
        """Shape ``(n_households, n_slots)``: each household's consumption per slot, Wh."""
        return np.stack([h.consumption_wh for h in self.households])


def _uniform_step(rng: np.random.Generator, low: float, high: float, step: float) -> float:
    """Draw uniformly from ``low, low + step, ..., high``."""
    count = round((high - low) / step)
    return low + step * int(rng.integers(0, count + 1))


def _draw_panels(rng: np.random.Generator) -> tuple[PanelSpec, ...]:
    layout = LAYOUTS[int(rng.choice(len(LAYOUTS), p=LAYOUT_WEIGHTS))]
    tilt = int(rng.integers(TILT_DEG[0], TILT_DEG[1] + 1))
    if layout == "east-west":
        return tuple(
            PanelSpec(
                capacity_w=round(_uniform_step(rng, *PAIR_ARRAY_KWP, 0.1) * 1000),
                tilt_deg=tilt,
                azimuth_deg=int(rng.integers(low, high + 1)),
            )
            for low, high in PAIR_AZIMUTH_DEG
        )
    low, high = AZIMUTH_DEG[layout]
    return (
        PanelSpec(
            capacity_w=round(_uniform_step(rng, *SINGLE_ARRAY_KWP, 0.1) * 1000),
            tilt_deg=tilt,
            azimuth_deg=int(rng.integers(low, high + 1)),
        ),
    )


def draw_households(n_households: int, seed: int) -> tuple[HouseholdSpec, ...]:
    """Draw ``n_households`` households (arrays and annual consumption) from ``seed``.

    The distributions are listed in the module docstring; the result depends only on
    ``(n_households, seed)``.
    """
    rng = np.random.default_rng(seed)
    n_consumers = round(CONSUMER_SHARE * n_households)
    consumers = set(rng.choice(n_households, size=n_consumers, replace=False).tolist())
    specs = []
    for i in range(n_households):
        panels = () if i in consumers else _draw_panels(rng)
        annual = int(_uniform_step(rng, *ANNUAL_KWH_RANGE, ANNUAL_KWH_STEP))
        specs.append(HouseholdSpec(id=i, panels=panels, annual_consumption_kwh=annual))
    return tuple(specs)


def _read_only(array: npt.NDArray) -> npt.NDArray:
    array.flags.writeable = False
    return array


def household_profiles(
    spec: HouseholdSpec, date: dt.date, slot_seconds: int, tmy_path: str | None = None
) -> Household:
    """Compute a drawn household's production and consumption per slot of ``date`` (Wh)."""
    n_slots = 86_400 // slot_seconds
    per_panel = np.zeros((len(spec.panels), n_slots), dtype=np.int64)
    for k, panel in enumerate(spec.panels):
        per_panel[k] = panel_production_wh(panel, date, slot_seconds, tmy_path)
    return Household(
        id=spec.id,
        panels=spec.panels,
        annual_consumption_kwh=spec.annual_consumption_kwh,
        panel_production_wh=_read_only(per_panel),
        production_wh=_read_only(per_panel.sum(axis=0, dtype=np.int64)),
        consumption_wh=_read_only(consumption_wh(spec.annual_consumption_kwh, date, slot_seconds)),
    )


def build_community(
    n_households: int,
    date: dt.date | str,
    slot_seconds: int = DEFAULT_SLOT_SECONDS,
    seed: int = 0,
    *,
    tmy_path: str | None = None,
) -> Community:
    """Draw a community and compute every household's energy per slot for one day.

    Args:
        n_households: number of households, 1..500.
        date: calendar day (``datetime.date`` or ``YYYY-MM-DD``), local standard time of the site.
        slot_seconds: slot length in seconds, a divisor of 86,400 in [300, 3600].
        seed: non-negative seed; same arguments give identical communities.
        tmy_path: TMY3 weather file, ``None`` for pvlib's Greensboro, NC file.

    Raises:
        OptionError: an invalid option (one-line message).
    """
    options = validate_options(n_households, date, slot_seconds, seed)
    _, site = load_tmy(tmy_path)
    households = tuple(
        household_profiles(spec, options.date, options.slot_seconds, tmy_path)
        for spec in draw_households(options.households, options.seed)
    )
    starts = slot_starts_unix(options.date, site.utc_offset_hours, options.slot_seconds)
    return Community(
        date=options.date,
        slot_seconds=options.slot_seconds,
        seed=options.seed,
        site=site,
        slot_starts=_read_only(starts),
        households=households,
    )
