"""Questions that compare clocks, for get_time: how far apart two places' clocks are ("the time difference
between london and tokyo"), whether it is a part of the day somewhere ("is it night in tokyo"), and a
clock time in one place told in another ("what is 3 pm london time in tokyo"). Where a place is:
worldtime.py."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from .durations import clock_alone, spoken_time
from .worldtime import HERE_WORDS, find_zone

# -- how two places' clocks differ -------------------------------------------------------------------

DIFFERENCE = re.compile(
    r"\btime difference (?:between (?P<a>.+?) and (?P<b>.+?)|(?:with|to|from|in) (?P<c>.+?))$"
    r"|\bhow (?:many hours|far) (?:ahead|behind) (?:of )?(?:us |me |here )?(?:is|are) (?P<d>.+?)$"
)


def spoken_hours(minutes: int) -> str:
    h, m = divmod(abs(minutes), 60)
    part = {0: "", 15: " and a quarter", 30: " and a half", 45: " and three quarters"}.get(m, f" {m} minutes")
    if h == 0 and m:
        return {15: "a quarter of an hour", 30: "half an hour", 45: "three quarters of an hour"}.get(m, f"{m} minutes")
    return f"{h}{part} hour{'s' if h != 1 or m else ''}"


def _here(place: str) -> bool:
    """ "here", "us", "my time zone", "where i am": the user's own place in a comparison"""
    p = re.sub(r"^(?:the|my|our) ", "", place.strip())
    return p in HERE_WORDS or p in ("us", "me", "my", "our", "where i am", "time zone")


# "what's the time difference (there)" said right after the time somewhere: with that place
DIFFERENCE_THERE = re.compile(
    r"\b(?:time difference|difference in time)(?: there| from here)?$"
    r"|\bhow many hours (?:ahead|behind)(?: (?:of )?(?:me|us|here))? (?:is it|are they)(?: there)?$"
)


def time_difference(words: str, here: datetime, last_place: str = "") -> tuple[str, dict] | None:
    """ "the time difference between london and tokyo", "... with tokyo" (from here): how many hours one
    is ahead of the other now (daylight saving included), as (what to say, card), or None if a place is not
    understood. last_place: the place of the answer just given, for "what's the time difference"."""
    if DIFFERENCE_THERE.search(words):  # with no place said before: which one (it had been the time here)
        if not last_place:
            return "The time difference with which place? Say, for example, the time difference with Tokyo.", {"type": "time"}
        words = f"time difference with {last_place}"
    m = DIFFERENCE.search(words)
    if m is None:
        return None
    first, second = (m["a"], m["b"]) if m["a"] else (None, m["c"] or m["d"])
    if first and second and _here(second):  # "between tokyo and here": how tokyo stands to here
        first, second = second, first
    if first and _here(first):  # "between here and new york"
        first = None
    zones = [find_zone(x) if x else None for x in (first, second)]
    if zones[1] is None or (first and zones[0] is None):
        return None
    a_tz = zones[0].tz if zones[0] else here.tzinfo
    a_name = zones[0].name if zones[0] else "here"
    b = zones[1]
    off_a, off_b = here.astimezone(a_tz).utcoffset(), here.astimezone(b.tz).utcoffset()
    minutes = round(((off_b or timedelta()) - (off_a or timedelta())).total_seconds() / 60)
    card = {"type": "time_difference", "from": a_name, "to": b.name, "minutes": minutes, "place": b.name}
    if minutes == 0:
        return (f"{b.name} and {a_name} have the same time." if zones[0] else f"{b.name} has the same time as here."), card
    way = "ahead of" if minutes > 0 else "behind"
    there = a_name if zones[0] else "here"
    return f"{b.name} is {spoken_hours(minutes)} {way} {there}.", card


# "is it night in tokyo", "is it tomorrow in sydney": yes or no, and the time there
IS_IT_THERE = re.compile(
    r"^(?:(?:and|so|ok|okay|hmm),? )*is it (?:already |still )?(?:the )?(?P<part>morning|afternoon|evening|night|nighttime|night time|daytime|day time|"
    r"daylight|dark|tomorrow|today|yesterday) (?:yet |already |now |right now )?(?:in|at|over in) (?P<place>.+?)(?: (?:now|right now|yet|already))?$"
)
PARTS = {"morning": range(5, 12), "afternoon": range(12, 17), "evening": range(17, 21),
         "night": [*range(21, 24), *range(0, 5)], "daytime": range(7, 19)}


def part_of_day(words: str, here: datetime) -> tuple[str, dict] | None:
    """ "is it night in tokyo": "Yes: in Tokyo it's 11:05 PM on Monday."; "is it tomorrow in sydney":
    whether its date is ahead of here's; None unless asked so of a place with a known zone."""
    from .durations import spoken_time

    m = IS_IT_THERE.match(words)
    zone = find_zone(m["place"]) if m else None
    if m is None or zone is None:
        return None
    there = here.astimezone(zone.tz)
    part = {"nighttime": "night", "night time": "night", "dark": "night", "day time": "daytime",
            "daylight": "daytime"}.get(m["part"], m["part"])
    days = (there.date() - here.date()).days
    if part in ("tomorrow", "today", "yesterday"):
        yes = days == {"tomorrow": 1, "today": 0, "yesterday": -1}[part]
    else:
        yes = there.hour in PARTS[part]
    card = {"type": "time", "place": zone.name, "zone": str(zone.tz), "iso": there.isoformat(timespec="seconds")}
    return f"{'Yes' if yes else 'No'}: in {zone.name} it's {spoken_time(there.hour, there.minute)} on {there:%A}.", card


# -- a clock time in one place, in another --------------------------------------------------------------

# "if it's 3 pm in london what time is it in tokyo", "what time is it in tokyo when it's 3 pm in london"
CONVERT_IF = re.compile(
    r"^(?:if|when) it(?:'s| is) (?P<said>.+?) (?:then )?what time (?:is it|will it be|would it be) in (?P<b>.+)$"
    r"|^what time (?:is it|will it be|would it be) in (?P<b2>.+?) (?:if|when) it(?:'s| is) (?P<said2>.+)$"
)
# "what is 3 pm london time in tokyo", "convert 9 am new york time to london time", "6 pm my time in paris"
CONVERT_LEAD = re.compile(r"^(?:(?:what(?:'s| is)|what time is|when is|convert|change) )?")
CONVERT_REST = re.compile(r"^(?:in )?(?P<a>.+?)(?: time)? (?:in|to|into) (?P<b>.+?)(?: time)?$")
CONVERT_PLACE = re.compile(r"^(?:(?:in|at) )?(?P<a>.+?)(?: time)?$")


def _converted(clock: str, a: str, b: str, here: datetime) -> tuple[str, dict] | None:
    if clock_alone(clock, here) is None:  # no clock time: the fuzzy place lookups are not needed
        return None
    zones = [None if _here(p) else find_zone(p) for p in (a, b)]
    if any(z is None and not _here(p) for z, p in zip(zones, (a, b), strict=True)) or zones == [None, None]:
        return None
    tz_a, tz_b = (z.tz if z else here.tzinfo for z in zones)
    start = clock_alone(clock, here.astimezone(tz_a))
    if start is None:
        return None
    there = start.astimezone(tz_b)
    name_a, name_b = (f"in {z.name}" if z else "here" for z in zones)
    days = (there.date() - start.date()).days
    day = {1: " the next day", -1: " the day before"}.get(days, "")
    card = {"type": "time_conversion", "from": name_a, "to": name_b, "at": start.isoformat(), "there": there.isoformat()}
    said = f"{spoken_time(start.hour, start.minute)} {name_a} is {spoken_time(there.hour, there.minute)} {name_b}{day}."
    return said[0].upper() + said[1:], card


def _two_places(rest: str, b: str | None) -> tuple[str, str] | None:
    """The places in the words after the clock time: "london time in tokyo", or "in london" when the
    place whose time is asked for came first (b)."""
    if b is not None:
        return (p["a"], b) if (p := CONVERT_PLACE.match(rest)) else None
    return (p["a"], p["b"]) if (p := CONVERT_REST.match(rest)) else None


def convert_time(words: str, here: datetime) -> tuple[str, dict] | None:
    """A clock time in one place said in another's time (daylight saving included), as (what to say,
    card), or None if the words are not such a question or a place is not known."""
    b = None
    if m := CONVERT_IF.match(words):
        said, b = (m["said"], m["b"]) if m["said"] else (m["said2"], m["b2"])
    else:
        said = words[CONVERT_LEAD.match(words).end() :]
    split = said.split()
    for n in range(min(5, len(split) - 1), 0, -1):  # the longest clock time first: "3 pm", not "3"
        places = _two_places(" ".join(split[n:]), b)
        if places and (found := _converted(" ".join(split[:n]), *places, here)) is not None:
            return found
    return None
