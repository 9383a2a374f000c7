"""Measured typical-year weather for one day at one site, from a TMY3 file that pvlib ships.

Source: pvlib's bundled TMY3 files (``pvlib/data``; default ``723170TYA.CSV``, Greensboro
Piedmont Triad International Airport, NC, USA, 36.1 N 79.95 W, 273 m, UTC-5), read with
``pvlib.iotools.read_tmy3``. A TMY ("typical meteorological year") stitches typical months of
different years together, so a calendar date is mapped onto the TMY row of the same month and
day (29 February onto 28 February); the year of the chosen date only sets the sun's position
and the weekday.

Time: TMY3 uses local *standard* time (no daylight saving). Irradiance in a row labelled ``t``
is the energy received in the hour *ending* at ``t`` (Wh/m^2 over one hour, i.e. mean W/m^2);
temperature and wind are instantaneous at ``t``. The day is resampled to one-minute steps:
irradiance is held over the hour it was recorded in (so the hour's energy is unchanged),
temperature and wind are interpolated linearly, and the sun's position is computed for the
midpoint of each minute (``pvlib.solarposition.get_solarposition``). Direct normal irradiance is
set to zero in the minutes when the sun is below the horizon.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pandas as pd
import pvlib

from gridset.profiles.options import SECONDS_PER_DAY
from gridset.profiles.slots import site_timezone

DEFAULT_TMY_FILE = "723170TYA.CSV"
STEP_SECONDS = 60
HOURS_PER_TMY_YEAR = 8_760
# A non-leap year to turn month/day into the row of a TMY day.
_TMY_CALENDAR_YEAR = 2001


@dataclass(frozen=True)
class Site:
    """Where the weather was measured (from the TMY3 header).

    Attributes:
        name: station name, e.g. ``GREENSBORO PIEDMONT TRIAD INT``.
        state: US state code.
        usaf: USAF station number.
        latitude: degrees north.
        longitude: degrees east (negative west).
        altitude_m: elevation in metres.
        utc_offset_hours: local standard time minus UTC, in hours (e.g. -5.0).
        tmy_file: file name of the TMY3 file.
    """

    name: str
    state: str
    usaf: int
    latitude: float
    longitude: float
    altitude_m: float
    utc_offset_hours: float
    tmy_file: str

    @property
    def timezone(self) -> dt.timezone:
        """The site's local standard time as a fixed-offset time zone."""
        return site_timezone(self.utc_offset_hours)


@dataclass(frozen=True, eq=False)
class DayWeather:
    """One day of weather at one-minute steps (``86400 / STEP_SECONDS`` values per array).

    Attributes:
        site: where it was measured.
        date: the calendar day (local standard time).
        times: midpoints of the one-minute steps, time-zone aware (site's standard time).
        ghi: global horizontal irradiance, W/m^2.
        dni: direct normal irradiance, W/m^2 (zero while the sun is below the horizon).
        dhi: diffuse horizontal irradiance, W/m^2.
        temp_air: air temperature, deg C.
        wind_speed: wind speed, m/s.
        solar_zenith: apparent (refraction-corrected) solar zenith angle, degrees.
        solar_azimuth: solar azimuth, degrees east of north.
        dni_extra: extraterrestrial normal irradiance, W/m^2.
    """

    site: Site
    date: dt.date
    times: pd.DatetimeIndex
    ghi: npt.NDArray
    dni: npt.NDArray
    dhi: npt.NDArray
    temp_air: npt.NDArray
    wind_speed: npt.NDArray
    solar_zenith: npt.NDArray
    solar_azimuth: npt.NDArray
    dni_extra: npt.NDArray

    step_seconds: int = STEP_SECONDS


def bundled_tmy_path(file_name: str = DEFAULT_TMY_FILE) -> Path:
    """Return the path of a TMY3 file shipped in ``pvlib/data`` (e.g. ``723170TYA.CSV``).

    Raises:
        FileNotFoundError: pvlib ships no file of that name.
    """
    path = Path(pvlib.__file__).parent / "data" / file_name
    if not path.is_file():
        raise FileNotFoundError(f"pvlib ships no weather file {file_name!r} in {path.parent}")
    return path


@functools.lru_cache(maxsize=4)
def load_tmy(path: str | None = None) -> tuple[pd.DataFrame, Site]:
    """Read a TMY3 file (default: pvlib's Greensboro file) once and cache it.

    Args:
        path: a TMY3 CSV file; ``None`` for ``pvlib/data/723170TYA.CSV``.

    Returns:
        The 8,760 hourly rows in file order (irradiance in Wh/m^2 over the hour ending at the
        row's time = mean W/m^2, temperature in deg C, wind in m/s) and the site.

    Raises:
        ValueError: the file does not hold exactly one year of hourly rows.
    """
    file_path = Path(path) if path is not None else bundled_tmy_path()
    data, meta = pvlib.iotools.read_tmy3(str(file_path), map_variables=True)
    if len(data) != HOURS_PER_TMY_YEAR:
        raise ValueError(f"{file_path.name}: expected {HOURS_PER_TMY_YEAR} hourly rows")
    site = Site(
        name=str(meta["Name"]).strip('"'),
        state=str(meta["State"]),
        usaf=int(meta["USAF"]),
        latitude=float(meta["latitude"]),
        longitude=float(meta["longitude"]),
        altitude_m=float(meta["altitude"]),
        utc_offset_hours=float(meta["TZ"]),
        tmy_file=file_path.name,
    )
    return data, site


def tmy_day_index(date: dt.date) -> int:
    """Return the 0-based day of the TMY year for ``date``'s month and day (29 Feb -> 28 Feb)."""
    day = 28 if (date.month, date.day) == (2, 29) else date.day
    return dt.date(_TMY_CALENDAR_YEAR, date.month, day).timetuple().tm_yday - 1


def _read_only(values: npt.ArrayLike) -> npt.NDArray:
    array = np.array(values, dtype=float)
    array.flags.writeable = False
    return array


@functools.lru_cache(maxsize=16)
def day_weather(date: dt.date, tmy_path: str | None = None) -> DayWeather:
    """Return one day of TMY weather at one-minute steps with the sun's position (cached).

    Args:
        date: calendar day; the TMY row of its month/day gives the weather, the date itself
            gives the sun's position.
        tmy_path: a TMY3 file, ``None`` for pvlib's Greensboro file.
    """
    data, site = load_tmy(tmy_path)
    steps = SECONDS_PER_DAY // STEP_SECONDS
    first_row = tmy_day_index(date) * 24
    # Row first_row + h covers the hour [h, h+1) of the day (labelled h+1, hour-ending).
    hour_of_step = np.arange(steps) * STEP_SECONDS // 3600
    hourly = data.iloc[first_row : first_row + 24]

    midnight = pd.Timestamp(dt.datetime.combine(date, dt.time(0), tzinfo=site.timezone))
    times = midnight + pd.to_timedelta(np.arange(steps) * STEP_SECONDS + STEP_SECONDS / 2, "s")
    solar = pvlib.solarposition.get_solarposition(
        times, site.latitude, site.longitude, altitude=site.altitude_m
    )
    zenith = solar["apparent_zenith"].to_numpy()

    ghi = hourly["ghi"].to_numpy(dtype=float)[hour_of_step]
    dhi = hourly["dhi"].to_numpy(dtype=float)[hour_of_step]
    dni = np.where(zenith < 90.0, hourly["dni"].to_numpy(dtype=float)[hour_of_step], 0.0)

    # Instantaneous readings at the day's hours 0..24: hour 0 is the previous row's label.
    instants = (first_row - 1 + np.arange(25)) % HOURS_PER_TMY_YEAR
    step_hours = (np.arange(steps) * STEP_SECONDS + STEP_SECONDS / 2) / 3600
    temp_air = np.interp(step_hours, np.arange(25), data["temp_air"].to_numpy(float)[instants])
    wind = np.interp(step_hours, np.arange(25), data["wind_speed"].to_numpy(float)[instants])

    return DayWeather(
        site=site,
        date=date,
        times=times,
        ghi=_read_only(ghi),
        dni=_read_only(dni),
        dhi=_read_only(dhi),
        temp_air=_read_only(temp_air),
        wind_speed=_read_only(wind),
        solar_zenith=_read_only(zenith),
        solar_azimuth=_read_only(solar["azimuth"].to_numpy()),
        dni_extra=_read_only(pvlib.irradiance.get_extra_radiation(times).to_numpy()),
    )
