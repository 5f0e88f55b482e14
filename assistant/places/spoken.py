"""How a place on the map is said aloud: its name (or what it is), how far, whether it is open and when."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from ..dates import parse_date
from ..durations import spoken_time
from ..text import listed, normalize
from .hours import open_periods
from .search import Hit, spoken_distance

# one place of an OSM kind, as said ("an unnamed thai restaurant", "a pub")
KIND_NAME = {"cafe": "cafe", "fast_food": "fast food place", "bar": "bar", "pub": "pub", "biergarten": "beer garden",
             "ice_cream": "ice cream shop"}


def label(h: Hit) -> str:
    if h.name:
        return h.name
    food = (h.cuisine or "").split(";")[0].replace("_", " ")
    kind = KIND_NAME.get(h.kind, "restaurant")
    return f"an unnamed {food + ' ' if food else ''}{kind}"


def open_words(h: Hit, now: datetime | None = None) -> str:
    """Open or closed now; given the time now, also when that changes ("it's open now, until 10 PM")."""
    if h.open_now is None:
        # hours the map has but no reading of them works are not read out as code ("Mo,Do 08.30-22.00")
        return "I don't know its opening hours" if not h.opening_hours else "I can't read its opening hours"
    state = "it's open now" if h.open_now else "it's closed now"
    at = h.changes
    if now is None or at is None:
        return state
    when = spoken_time(at.hour, at.minute)
    days = (at.date() - now.date()).days
    day = "" if days == 0 else " tomorrow" if days == 1 else f" on {at:%A}"
    if h.open_now:
        return f"{state}, until {when}{day}"
    return f"{state}; it opens at {when}{day}"


DAY_SAID = re.compile(r"\b(?:(?:on|this|next) )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|\btomorrow\b")


def day_asked(utterance: str, today: date) -> date | None:
    """The day a question about opening hours names ("on sunday", "tomorrow"), or None (then: now)."""
    m = DAY_SAID.search(re.sub(r"(day)s\b", r"\1", normalize(utterance)))  # "on sundays": a Sunday
    return parse_date(m.group(), today) if m else None


def spoken_day(day: date, today: date) -> str:
    """ "today", "tomorrow" or "on Sunday": a day as a question about it names it"""
    return "today" if day == today else "tomorrow" if day == today + timedelta(days=1) else f"on {day:%A}"


def hours_on(h: Hit, day: date, today: date) -> str:
    """ "Linde is open on Sunday from 11:30 AM to 10 PM", "closed on Monday", or what the map says."""
    when = spoken_day(day, today)
    periods = open_periods(h.opening_hours, day)
    if periods is None:
        hours = ": I can't read its opening hours" if h.opening_hours else ""
        return f"I don't know if {label(h)} is open {when}{hours}."
    if not periods:
        return f"{label(h)} is closed {when}."
    if periods[0][1] - periods[0][0] >= timedelta(days=1):
        return f"{label(h)} is open all day {when}."
    spans = [f"from {spoken_time(a.hour, a.minute)} to {spoken_time(b.hour, b.minute)}" for a, b in periods]
    return f"{label(h)} is open {when} {listed(spans)}."


def how_far(h: Hit) -> str:
    """ "150 meters away, at Main Street 3; it's open now": where one place is and whether it is open."""
    at = f", at {h.address}" if h.address else ""
    return f"{spoken_distance(h.distance_m)} away{at}; {open_words(h)}"
