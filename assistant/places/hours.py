"""Opening hours (OSM's opening_hours syntax, read by opening-hours-py): open now, the next change, and
the stretches a place is open on one day."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

import opening_hours

# mappers in German-speaking places write days in German and times with a dot ("Mo,Do 08.30-22.00;So
# 10.00-22.00"), which the syntax does not allow: read as meant when the strict reading fails
_GERMAN_DAYS = {"Di": "Tu", "Mi": "We", "Do": "Th", "So": "Su"}
_DAY_TOKEN = re.compile(r"(?<![A-Za-z])(Di|Mi|Do|So)(?![A-Za-z])")
_DOT_TIME = re.compile(r"\b(\d{1,2})\.(\d{2})\b")


def _parsed(spec: str) -> opening_hours.OpeningHours:
    """The hours as the syntax reads them, else as a German-speaking mapper meant them; raises
    ParserError / ValueError when neither reading works."""
    try:
        return opening_hours.OpeningHours(spec)
    except (opening_hours.ParserError, ValueError):
        lenient = _DOT_TIME.sub(r"\1:\2", _DAY_TOKEN.sub(lambda m: _GERMAN_DAYS[m[1]], spec))
        if lenient == spec:
            raise
        return opening_hours.OpeningHours(lenient)


def next_change(spec: str | None, when: datetime) -> datetime | None:
    """When a place with these opening hours next opens or closes; None for always, or unreadable."""
    if not spec:
        return None
    try:
        at = _parsed(spec).next_change(when.replace(tzinfo=None))
    except (opening_hours.ParserError, ValueError):
        return None
    return at.replace(tzinfo=when.tzinfo) if at is not None else None


def open_periods(spec: str | None, day: date) -> list[tuple[datetime, datetime]] | None:
    """When a place with these opening hours opens on one day, and until when: an evening that runs
    past midnight ends the next morning ("Sa 17:00-02:00" is Saturday 5 PM to 2 AM, and nothing on
    Sunday); a place open all day, the whole day. None when the hours are unreadable or unknown."""
    if not spec:
        return None
    start = datetime.combine(day, time())
    try:
        spans = _parsed(spec).intervals(start - timedelta(days=1), start + timedelta(days=2))
    except (opening_hours.ParserError, ValueError):
        return None
    merged: list[list[datetime]] = []  # the open stretches, joined across midnight
    for a, b, state, _ in spans:
        if state == opening_hours.State.UNKNOWN and start <= a < start + timedelta(days=1):
            return None
        if state != opening_hours.State.OPEN:
            continue
        if merged and merged[-1][1] == a:
            merged[-1][1] = b
        else:
            merged.append([a, b])
    end = start + timedelta(days=1)
    out = []
    for a, b in merged:
        if a <= start and b >= end:
            out.append((start, end))  # open all day
        elif start <= a < end:
            out.append((a, b))
    return out


def open_state(spec: str | None, when: datetime) -> bool | None:
    if not spec:
        return None
    try:
        oh = _parsed(spec)
    except (opening_hours.ParserError, ValueError):
        return None
    naive = when.replace(tzinfo=None)
    if oh.is_unknown(naive):
        return None
    return bool(oh.is_open(naive))
