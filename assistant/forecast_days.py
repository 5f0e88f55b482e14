"""A day a weather question names by its date ("will it snow on christmas", "the weather on december 9",
"what was the weather yesterday"), against the days the forecast holds: the weekday it falls on, or
what to say when the forecast does not reach it (the answer had been today's weather)."""

from __future__ import annotations

import re
from datetime import date

from .dates import HOLIDAYS, MONTHS, WEEKDAYS, date_in, parse_date

# said by its weekday, or relative to today: the forecast's own day words read these
_PLAIN = re.compile(r"\b(?:today|tonight|tomorrow|now|week|weekend|" + "|".join(WEEKDAYS) + r")\b")
_LEAD = re.compile(r"^(?:on|for|at|in|by|the|this)\s+")
PAST = "I have no past weather, only the forecast from today on."
# days over a stretch ("the next 3 days"): the forecast's days, not one date
_STRETCH = re.compile(r"\b(?:next|coming|few|couple)\b.*\bdays\b")
_PAST = re.compile(r"\b(?:last (?:night|week|weekend|month|year)|(?:a|one|two|three|few|couple of) days ago)\b")
# a date said as one: "the 10th", "yesterday", "in 3 days" (with _NAMES: months, holidays, weekdays)
_DATED = re.compile(r"\b(?:yesterday|\d{1,2}(?:st|nd|rd|th)|in (?:[a-z0-9]+ ){1,2}days?|days? from now)\b")
_NAMES = {w for name in (*MONTHS, *HOLIDAYS, *WEEKDAYS) for w in str(name).split()}


def dated(words: str, days: list[str]) -> tuple[str | None, str | None]:
    """(what to say instead, or None; the weekday a date inside the forecast falls on, or None). `days`:
    the forecast's dates (ISO), today's first."""
    if not days:
        return None, None
    first, last = date.fromisoformat(days[0]), date.fromisoformat(days[-1])
    if _PAST.search(words):
        return PAST, None
    span = None if _STRETCH.search(words) else date_in(words, first)
    when = parse_date(span, first) if span else None
    named = set(span.split()) & {*MONTHS, *WEEKDAYS} or any(re.search(rf"\b{re.escape(h)}\b", span) for h in HOLIDAYS) if span else False
    if span is None or when is None or not (named or _DATED.search(span)):
        return None, None  # "the 5 day forecast": no date said
    if when < first:  # "yesterday", "last week"
        return PAST, None
    what = " ".join(w.capitalize() if w in _NAMES else w for w in _LEAD.sub("", span).split())  # "Christmas"
    if when > last:  # "christmas" three weeks ahead
        reach = f"{last:%A}, {last:%B} {last.day}"
        return f"The forecast only reaches {reach}, so I can't tell the weather for {what} yet.", None
    if _PLAIN.search(span):  # "on friday", "tomorrow": read as they are
        return None, None
    return None, WEEKDAYS[when.weekday()]
