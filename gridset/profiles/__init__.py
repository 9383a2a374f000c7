"""Energy profiles of a simulated community: PV production and household consumption per slot.

Production: pvlib's bundled TMY3 weather (Greensboro, NC by default) through pvlib's PVWatts
model (:mod:`.weather`, :mod:`.pv`). Consumption: demandlib's BDEW H0 household profile scaled
to each household's annual consumption (:mod:`.load`). Energies are integer Wh per slot
(:mod:`.slots`), households are drawn from a seed (:mod:`.community`), forecasts and meter
readings add seeded noise (:mod:`.forecast`), options are checked by :mod:`.options`.
"""

from gridset.profiles.community import (
    Community,
    Household,
    HouseholdSpec,
    build_community,
    draw_households,
)
from gridset.profiles.forecast import forecast_production, meter_readings
from gridset.profiles.load import consumption_wh, h0_day_shares
from gridset.profiles.options import (
    OptionError,
    SimulationOptions,
    parse_date,
    valid_slot_seconds,
    validate_options,
)
from gridset.profiles.pv import PanelSpec, panel_production_wh, specific_ac_power
from gridset.profiles.slots import energy_per_slot_wh, slot_starts_unix
from gridset.profiles.weather import Site, day_weather, load_tmy

__all__ = [
    "Community",
    "Household",
    "HouseholdSpec",
    "OptionError",
    "PanelSpec",
    "SimulationOptions",
    "Site",
    "build_community",
    "consumption_wh",
    "day_weather",
    "draw_households",
    "energy_per_slot_wh",
    "forecast_production",
    "h0_day_shares",
    "load_tmy",
    "meter_readings",
    "panel_production_wh",
    "parse_date",
    "slot_starts_unix",
    "specific_ac_power",
    "valid_slot_seconds",
    "validate_options",
]
