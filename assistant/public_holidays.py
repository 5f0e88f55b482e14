"""Public holidays where the user lives: "when is the next holiday", "is monday a holiday", "does march
have a holiday", "when is labor day". The days come from the `holidays` package (MIT, offline tables for
~200 countries); the country is the config's `country`, else the one the config's time zone belongs to
(the time zone database's zone.tab: Europe/Zurich -> CH)."""

from __future__ import annotations

import re
import zoneinfo
from datetime import date, timedelta
from functools import cache
from importlib import resources
from pathlib import Path

from rapidfuzz import fuzz, process

from .dates import MONTHS, date_in, parse_date

AHEAD_DAYS = 370  # "the next holiday" looks this far
_NEXT = re.compile(r"\b(?:next|coming up|upcoming|soon)\b")
_IS = re.compile(r"^(?:is|are|do we (?:get|have)|will|was|isn't) ")
# a named holiday ("when is labor day"): the words after "when is" / "what day is"
_NAMED = re.compile(r"\b(?:when(?:'s| is| does| will| was)?|what (?:day|date) is|how (?:many|long) (?:days )?(?:until|till|before))"
                    r"\s+(?P<name>.+?)(?: this year| next year)?$")
_GENERIC = re.compile(r"\b(?:holiday|holidays|break|day off|days off|free day|long weekend)\b")
_MONTH = re.compile(r"\b(?:in|during|for|does|of|this|next|current) (?P<month>month|" + "|".join(m for m in MONTHS if len(m) > 3 or m == "may") + r")\b")


@cache
def _tab(name: str) -> list[list[str]]:
    """A table of the time zone database (zone.tab, iso3166.tab): the system's, else the tzdata package's."""
    text = next((f.read_text(encoding="utf-8") for d in zoneinfo.TZPATH if (f := Path(d) / name).is_file()), None)
    if text is None:
        try:
            text = resources.files("tzdata").joinpath("zoneinfo", name).read_text(encoding="utf-8")
        except (ModuleNotFoundError, FileNotFoundError):
            return []
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


def country_of(country: str | None, timezone: str | None) -> str | None:
    """The country whose holidays count: the one configured, else the time zone's (tzdata's zone.tab)."""
    if country:
        return country.upper()
    return next((r[0] for r in _tab("zone.tab") if len(r) >= 3 and r[2] == timezone), None)


def _country_name(code: str) -> str:
    name = next((r[1] for r in _tab("iso3166.tab") if len(r) >= 2 and r[0] == code), code)
    return {"Britain (UK)": "the UK", "United States": "the United States"}.get(name, name)


def _days(country: str, years: list[int]) -> dict[date, str]:
    import holidays

    try:
        return dict(holidays.country_holidays(country, years=years))
    except NotImplementedError:
        return {}


def _when(day: date, today: date, gap: bool = True) -> str:
    """ "Friday, December 25, in 18 days"; without the gap: "Friday, December 25"."""
    spoken = f"{day:%A}, {day:%B} {day.day}" + (f", {day.year}" if day.year != today.year else "")
    days = (day - today).days
    return spoken + (f", in {days} days" if gap and days > 1 else "")


def _on(day: date, today: date) -> str:
    """ "on Friday, December 25, in 18 days", "today, Tuesday, December 8", "tomorrow, ..."."""
    days = (day - today).days
    return {0: "today, ", 1: "tomorrow, "}.get(days, "on ") + _when(day, today)


def _bare(name: str) -> str:
    """A holiday's name without the "day" most of them end in ("labor day" is no "new year's day")."""
    return re.sub(r"\b(?:day|the)\b", " ", name.lower()).strip()


def _month(words: str, today: date) -> date | None:
    """The month asked about ("does march have a holiday", "this month"), as its first day."""
    m = _MONTH.search(words)
    if m is None or (m["month"] == "month" and not re.search(r"\b(?:this|next|current) month\b", words)):
        return None
    if m["month"] == "month":
        first = today.replace(day=1)
        return (first + timedelta(days=32)).replace(day=1) if "next month" in words else first
    number = MONTHS[m["month"]]
    return date(today.year if number >= today.month else today.year + 1, number, 1)


def holiday_said(words: str, today: date, country: str | None) -> str:
    """The answer to a question about public holidays, for `country` (None: how to set it)."""
    if not country:
        return 'I don\'t know which country\'s holidays to use: set country = "US" (or your country\'s code) in the config.'
    days = _days(country, [today.year, today.year + 1])
    if not days:
        return f"I have no list of public holidays for the country code {country}."
    place = f"in {_country_name(country)}"
    ahead = sorted((d, n) for d, n in days.items() if today <= d <= today + timedelta(days=AHEAD_DAYS))
    asked = date_in(words, today)
    day = parse_date(asked, today) if asked is not None else None
    if day is not None and _IS.match(words):  # "is monday a holiday"
        name = days.get(day) or _days(country, [day.year]).get(day)
        if name:
            return f"Yes, {_when(day, today, False)} is {name}, a public holiday {place}."
        after = next((f" The next is {n}, {_on(d, today)}." for d, n in ahead if d > day), "")
        return f"No, {_when(day, today, False)} is not a public holiday {place}.{after}"
    if (m := _NAMED.search(words)) is not None and not _NEXT.search(words) and not _GENERIC.search(m["name"]):
        names = {_bare(n): (d, n) for d, n in reversed(ahead)}  # "when is labor day": its next date
        found = process.extractOne(_bare(m["name"]), names.keys(), scorer=fuzz.ratio, score_cutoff=80)
        if found is not None:
            d, n = names[found[0]]
            return f"{n} is {_on(d, today)}."
        if day is not None and asked == m["name"]:  # a feast the calendar knows, no public holiday here ("thanksgiving" in CH)
            return f"{m['name'].capitalize()} is {_on(day, today)}; it isn't a public holiday {place}."
        return f"I don't find {m['name']} among the public holidays {place}."
    if (first := _month(words, today)) is not None:  # "does march have a holiday"
        inside = [(d, n) for d, n in sorted(days.items()) if (d.year, d.month) == (first.year, first.month)]
        if not inside:
            return f"There's no public holiday {place} in {first:%B %Y}."
        return f"Public holidays {place} in {first:%B}: " + "; ".join(f"{n}, {_on(d, today)}" for d, n in inside) + "."
    if not ahead:
        return f"I find no public holiday {place} in the next year."
    d, n = ahead[0]
    return f"The next public holiday {place} is {n}, {_on(d, today)}."
