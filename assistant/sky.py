"""The sun and the moon for get_time: sunrise and sunset at a place, the moon's phase and the dates of
its next phases, from PyEphem (MIT; the VSOP87 and ELP theories, accurate to about a minute), offline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo

import ephem

PHASES = ("new moon", "first quarter", "full moon", "last quarter")
_NEXT = {
    "new moon": ephem.next_new_moon,
    "first quarter": ephem.next_first_quarter_moon,
    "full moon": ephem.next_full_moon,
    "last quarter": ephem.next_last_quarter_moon,
}
# the phase names by eighth of the lunation (from one new moon to the next), each centred on its moment
_EIGHTHS = ("new moon", "waxing crescent", "first quarter", "waxing gibbous", "full moon", "waning gibbous",
            "last quarter", "waning crescent")


def _utc(d: datetime) -> ephem.Date:
    return ephem.Date(d.astimezone(UTC).replace(tzinfo=None))


def _local(d: ephem.Date, tz: tzinfo | None) -> datetime:
    return ephem.Date(d).datetime().replace(tzinfo=UTC).astimezone(tz)


def next_phase(phase: str, after: datetime) -> datetime:
    """The next moment of a principal phase ("full moon", ...) after `after`, in after's time zone."""
    return _local(_NEXT[phase](_utc(after)), after.tzinfo)


@dataclass(frozen=True)
class Moon:
    name: str  # "waxing gibbous"
    lit: int  # percent of the disc lit


def moon_now(at: datetime) -> Moon:
    d = _utc(at)
    last_new = ephem.previous_new_moon(d)
    age = (d - last_new) / (ephem.next_new_moon(d) - last_new)
    return Moon(_EIGHTHS[int(age * 8 + 0.5) % 8], round(ephem.Moon(d).phase))


@dataclass(frozen=True)
class SunDay:
    rise: datetime | None  # None: the sun does not rise (or set) that day
    set: datetime | None
    always_up: bool = False


def sun_day(latitude: float, longitude: float, day: datetime) -> SunDay:
    """Sunrise and sunset on the calendar day of `day` (its time zone), at the place."""
    midnight = day.replace(hour=0, minute=0, second=0, microsecond=0)
    obs = ephem.Observer()
    obs.lat, obs.lon = str(latitude), str(longitude)
    obs.date = _utc(midnight)
    sun = ephem.Sun()
    end = midnight + timedelta(days=1)
    try:
        rise = _local(obs.next_rising(sun), day.tzinfo)
        obs.date = _utc(midnight)
        setting = _local(obs.next_setting(sun), day.tzinfo)
    except ephem.AlwaysUpError:
        return SunDay(None, None, always_up=True)
    except ephem.NeverUpError:
        return SunDay(None, None)
    return SunDay(rise if rise < end else None, setting if setting < end else None)
