"""Household PV arrays and their AC output per slot, with pvlib's PVWatts model.

Model chain (all pvlib functions, PVWatts v5 after Dobos, NREL/TP-6A20-62641, 2014):

1. plane-of-array irradiance: ``pvlib.irradiance.get_total_irradiance`` with the Hay-Davies sky
   diffuse model (ModelChain's default transposition) and ground albedo 0.25;
2. reflection loss on the beam: ``pvlib.iam.physical`` at the angle of incidence
   (``pvlib.irradiance.aoi``), giving the effective irradiance;
3. cell temperature: ``pvlib.temperature.sapm_cell`` with the SAPM "close_mount_glass_glass"
   parameters (panels mounted close to a roof);
4. DC power: ``pvlib.pvsystem.pvwatts_dc`` with the PVWatts standard-module temperature
   coefficient -0.37 %/K, then PVWatts' default system losses (``pvwatts_losses()``, 14.08 %);
5. AC power: ``pvlib.inverter.pvwatts`` (nominal efficiency 0.96) with the inverter's AC rating
   at capacity / 1.2 (PVWatts' default DC/AC ratio), so AC power never exceeds capacity / 1.2.

Everything after step 1 is linear in the array's nameplate capacity (the inverter scales with
it), so the model runs once per orientation and day for 1 W of capacity (``specific_ac_power``,
cached) and each array's output is that profile times its capacity.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pvlib

from gridset.profiles.slots import energy_per_slot_wh
from gridset.profiles.weather import STEP_SECONDS, day_weather

GAMMA_PDC = -0.0037  # 1/K, PVWatts v5 "standard" module
SYSTEM_LOSSES_PERCENT = float(pvlib.pvsystem.pvwatts_losses())
DC_AC_RATIO = 1.2  # PVWatts v5 default
ETA_INV_NOM = 0.96  # PVWatts v5 default nominal inverter efficiency
ALBEDO = 0.25
TRANSPOSITION_MODEL = "haydavies"
TEMPERATURE_PARAMETERS = pvlib.temperature.TEMPERATURE_MODEL_PARAMETERS["sapm"][
    "close_mount_glass_glass"
]


@dataclass(frozen=True)
class PanelSpec:
    """One PV array of a household (one PanelNFT on chain).

    Attributes:
        capacity_w: DC nameplate capacity at standard test conditions, W (1 kWp = 1000 W).
        tilt_deg: tilt from horizontal, degrees (0 = flat).
        azimuth_deg: direction the array faces, degrees east of north (90 east, 180 south,
            270 west; pvlib's convention).
    """

    capacity_w: int
    tilt_deg: int
    azimuth_deg: int

    def __post_init__(self) -> None:
        if self.capacity_w <= 0:
            raise ValueError(f"panel capacity must be positive, got {self.capacity_w} W")
        if not 0 <= self.tilt_deg <= 90:
            raise ValueError(f"panel tilt must be within 0..90 degrees, got {self.tilt_deg}")
        if not 0 <= self.azimuth_deg < 360:
            raise ValueError(f"panel azimuth must be within 0..359 degrees, got {self.azimuth_deg}")

    @property
    def kwp(self) -> float:
        """Nameplate capacity in kWp."""
        return self.capacity_w / 1000

    def max_slot_wh(self, slot_seconds: int) -> float:
        """Return the most energy the array can yield in one slot, Wh: capacity x slot length."""
        return self.capacity_w * slot_seconds / 3600


@functools.lru_cache(maxsize=1024)
def specific_ac_power(
    date: dt.date, tilt_deg: int, azimuth_deg: int, tmy_path: str | None = None
) -> npt.NDArray:
    """Return AC power per watt of DC capacity (W/W) at the day's one-minute steps (cached).

    Source: PVWatts v5 through pvlib (see the module docstring). Values lie in
    ``[0, 1 / DC_AC_RATIO]`` and are zero while no light reaches the array.

    Args:
        date: calendar day (TMY weather of its month/day, sun position of the date itself).
        tilt_deg: array tilt, degrees from horizontal.
        azimuth_deg: array azimuth, degrees east of north.
        tmy_path: TMY3 file, ``None`` for pvlib's Greensboro file.
    """
    w = day_weather(date, tmy_path)
    poa = pvlib.irradiance.get_total_irradiance(
        surface_tilt=tilt_deg,
        surface_azimuth=azimuth_deg,
        solar_zenith=w.solar_zenith,
        solar_azimuth=w.solar_azimuth,
        dni=w.dni,
        ghi=w.ghi,
        dhi=w.dhi,
        dni_extra=w.dni_extra,
        albedo=ALBEDO,
        model=TRANSPOSITION_MODEL,
    )
    aoi = pvlib.irradiance.aoi(tilt_deg, azimuth_deg, w.solar_zenith, w.solar_azimuth)
    poa_direct = np.nan_to_num(np.asarray(poa["poa_direct"], dtype=float))
    poa_diffuse = np.nan_to_num(np.asarray(poa["poa_diffuse"], dtype=float))
    effective = np.maximum(poa_direct * pvlib.iam.physical(aoi) + poa_diffuse, 0.0)
    temp_cell = pvlib.temperature.sapm_cell(
        poa_direct + poa_diffuse, w.temp_air, w.wind_speed, **TEMPERATURE_PARAMETERS
    )
    dc = pvlib.pvsystem.pvwatts_dc(effective, temp_cell, pdc0=1.0, gamma_pdc=GAMMA_PDC)
    dc = np.maximum(dc, 0.0) * (1 - SYSTEM_LOSSES_PERCENT / 100)
    ac = pvlib.inverter.pvwatts(dc, pdc0=1.0 / (DC_AC_RATIO * ETA_INV_NOM), eta_inv_nom=ETA_INV_NOM)
    result = np.asarray(ac, dtype=float).copy()
    result.flags.writeable = False
    return result


def panel_step_energy_wh(
    panel: PanelSpec, date: dt.date, tmy_path: str | None = None
) -> npt.NDArray:
    """Return the array's AC energy in each one-minute step of the day, Wh (floats)."""
    w = day_weather(date, tmy_path)
    power_w = specific_ac_power(date, panel.tilt_deg, panel.azimuth_deg, tmy_path)
    return power_w * panel.capacity_w * w.step_seconds / 3600


def panel_production_wh(
    panel: PanelSpec, date: dt.date, slot_seconds: int, tmy_path: str | None = None
) -> npt.NDArray:
    """Return the array's AC energy per slot of ``date``, integer Wh (int64).

    Each slot is within 1 Wh of the model's exact value and never above
    ``panel.max_slot_wh(slot_seconds)``; the day's total does not depend on the slot length.
    """
    step_wh = panel_step_energy_wh(panel, date, tmy_path)
    return energy_per_slot_wh(step_wh, STEP_SECONDS, slot_seconds)
