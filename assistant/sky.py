"""The sun and the moon for get_time: sunrise and sunset at a place, the moon's phase and the dates of
its next phases, from PyEphem (MIT; the VSOP87 and ELP theories, accurate to about a minute), offline;
and get_time's replies about them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo

import ephem

from .durations import hours_and_minutes, spoken_time
from .skill_api import Reply

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


SUN_ASKED = re.compile(r"\b(sunrise|sunset|sun (rises?|rising|sets?|setting|comes? up|coming up|go(?:es)? down|going down)|gets? (dark|light))\b|^is it (?:still )?(?:dark|light|daylight|daytime|night ?time)\b")
DARK_ASKED = re.compile(r"^is it (?:still )?(?P<what>dark|light|daylight|daytime|night ?time)\b")
UNTIL = re.compile(r"\bhow (?:long|much (?:longer|time)|many (?:hours|minutes))\b.*\b(?:until|till|til|to|before)\b")
MOON_ASKED = re.compile(r"\b(full|new) moon\b|\b(first|last|third) quarter\b|\bphase of the moon\b|\bmoon phase\b|\bphase is the moon\b")


def _when(at: datetime, now: datetime) -> str:
    days = (at.date() - now.date()).days
    day = "today" if days == 0 else "tomorrow" if days == 1 else f"on {at:%A}, {at:%B} {at.day}"
    return f"{day} at {spoken_time(at.hour, at.minute)}"


def sun_reply(words: str, now: datetime, at: tuple[float, float] | None, where: str = "") -> Reply:
    """Sunrise or sunset, today or tomorrow, at a place (latitude, longitude; `now` in its time zone) or at
    home; None for `at`: home is not set."""
    if at is None:
        return Reply(
            "Sorry, I don't know where home is; set latitude and longitude under [weather] in the config.",
            {"type": "error", "skill": "get_time", "error": "no home coordinates"},
        )
    if (dark := DARK_ASKED.match(words)) is not None:
        return _day_or_night(dark["what"], now, at, f" in {where}" if where else "")
    rising = bool(re.search(r"sunrise|\bris(?:e|es|ing)\b|\bcom(?:e|es|ing) up\b|gets? light", words))
    name = "sunrise" if rising else "sunset"
    there = f" in {where}" if where else ""
    day = now + timedelta(days=1) if "tomorrow" in words.split() else now
    sun = sun_day(*at, day)
    time = sun.rise if rising else sun.set
    when = "tomorrow" if day is not now else "today"
    if time is None:
        up = "up" if sun.always_up else "down"
        return Reply(f"There's no {name}{there} {when}: the sun stays {up} all day.", {"type": "sun", "event": name})
    if UNTIL.search(words):  # "how long until sunset": from now to the next one
        nxt = time if time >= now else getattr(sun_day(*at, now + timedelta(days=1)), "rise" if rising else "set")
        if nxt is not None:
            minutes = round((nxt - now).total_seconds() / 60)
            card = {"type": "sun", "event": name, "at": nxt.isoformat(timespec="minutes"), "minutes": minutes}
            left = hours_and_minutes(minutes)
            on = "" if nxt.date() == now.date() else " tomorrow"  # today's was earlier: the next is tomorrow's
            return Reply(f"{name.capitalize()}{there} is in {left}, at {spoken_time(nxt.hour, nxt.minute)}{on}.", card)
    card = {"type": "sun", "event": name, "at": time.isoformat(timespec="minutes")}
    if time >= now or when == "tomorrow":
        return Reply(f"{name.capitalize()}{there} {when} is at {spoken_time(time.hour, time.minute)}.", card)
    text = f"{name.capitalize()}{there} today was at {spoken_time(time.hour, time.minute)}"
    nxt = sun_day(*at, now + timedelta(days=1))
    after = nxt.rise if rising else nxt.set
    if after is None or "today" in words.split():
        return Reply(text + ".", card)
    return Reply(f"{text}; tomorrow it's at {spoken_time(after.hour, after.minute)}.", card)


def _day_or_night(asked: str, now: datetime, at: tuple[float, float], there: str) -> Reply:
    """ "is it dark outside": yes or no by today's sunrise and sunset at the place, and when that changes."""
    sun = sun_day(*at, now)
    light = sun.always_up or (sun.rise is not None and sun.set is not None and sun.rise <= now < sun.set)
    yes = light == (asked in ("light", "daylight", "daytime"))
    if sun.always_up or (sun.rise is None and sun.set is None):
        return Reply(f"{'Yes' if yes else 'No'}: the sun stays {'up' if light else 'down'}{there} all day.", {"type": "sun"})
    if light:
        change = f"the sun sets at {spoken_time(sun.set.hour, sun.set.minute)}" if sun.set else "the sun stays up"
    else:
        rise = sun.rise if sun.rise and now < sun.rise else sun_day(*at, now + timedelta(days=1)).rise
        change = f"the sun rises at {spoken_time(rise.hour, rise.minute)}" if rise else "the sun stays down"
    state = "light" if light else "dark"
    return Reply(f"{'Yes' if yes else 'No'}, it's {state}{there}: {change}.", {"type": "sun", "light": light})


def moon_reply(words: str, now: datetime) -> Reply:
    """The moon's phase now, or when the next full, new or quarter moon is."""
    asked = next((p for p in PHASES if p in words or p.replace("last", "third") in words), None)
    moon = moon_now(now)
    if asked is None:
        full = next_phase("full moon", now)
        card = {"type": "moon", "phase": moon.name, "lit": moon.lit, "next_full": full.isoformat(timespec="minutes")}
        return Reply(f"The moon is a {moon.name}, {moon.lit}% lit. The next full moon is {_when(full, now)}.", card)
    at = next_phase(asked, now)
    card = {"type": "moon", "phase": moon.name, "lit": moon.lit, "next": asked, "at": at.isoformat(timespec="minutes")}
    if moon.name == asked and re.search(r"\b(is (it|there|this)|tonight)\b", words):
        return Reply(f"Yes, it's a {asked} now, {moon.lit}% lit. The next one is {_when(at, now)}.", card)
    lead = f"No, the moon is a {moon.name} now. " if re.search(r"^is (it|there|this)\b", words) else ""
    return Reply(f"{lead}The next {asked} is {_when(at, now)}.", card)
