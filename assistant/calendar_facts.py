"""get_time's answers that are arithmetic on the calendar and the clock: a length from now or ago ("what
time will it be in 3 hours"), the time until a clock time ("how many hours until midnight"), leap years,
the length of a month and an age from a birth date."""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta

from .dates import FROM_DATE, MONTHS, parse_date
from .durations import counted, hours_and_minutes, spoken_seconds, spoken_time, until_clock
from .skill_api import Reply
from .text import CARDINALS

# "what's 3 hours from now": a length alone asks for the time then
LATER = re.compile(
    r"(?:\b(?P<asked>time|date|day|year)\b|^what(?:'s| is| will it be)(?= .+ from now$))(?P<rest>.*\b(?:in|after) .+|.+ ago|.+ from now)$"
)
# months and years are calendar lengths, not a number of seconds: "in 3 months", "ten years ago"
CALENDAR_LENGTH = re.compile(rf"\b(?P<n>\d+|a|an|one|{'|'.join(CARDINALS)}) (?P<unit>months?|years?)$")


def _lead(said: str, ago: bool) -> str:
    """ "Ten days ago it was" / "In 3 hours it will be", with the length as the user said it."""
    return f"{said[0].upper()}{said[1:]} ago it was" if ago else f"In {said} it will be"


def _months_later(today: date, months: int) -> date:
    """The same day `months` later (or earlier), or the month's last day where it has no such day."""
    y, m = divmod(today.month - 1 + months, 12)
    year, month = today.year + y, m + 1
    return date(year, month, min(today.day, calendar.monthrange(year, month)[1]))


def _calendar_reply(rest: str, ago: bool, now: datetime, asked: str) -> Reply | None:
    """ "what year will it be in 10 years", "what's the date in 3 months", "what day was it a year ago"."""
    m = CALENDAR_LENGTH.search(rest[:-4] if ago else rest)
    if m is None:
        return None
    n = int(m["n"]) if m["n"].isdigit() else CARDINALS.get(m["n"], 1)
    months = n * (12 if m["unit"].startswith("year") else 1)
    at = _months_later(now.date(), -months if ago else months)
    when = str(at.year) if asked == "year" else f"{at:%A}, {at:%B} {at.day}, {at.year}"
    said = m.group()
    lead = _lead(said, ago)
    return Reply(f"{lead} {when}.", {"type": "date", "date": at.isoformat()})


def later_reply(m: re.Match, now: datetime, what: str) -> Reply | None:
    """The time or date a length from now, or ago ("what time will it be in 3 hours", "what day was it
    ten days ago"); None when the words name no length ("what time is it in tokyo")."""
    rest = re.sub(r" from now$", "", m["rest"]).strip()
    counted_from = re.sub(r"^(?:(?:is|was|will|it|be|it's)\s+)+", "", rest)
    if FROM_DATE.match(counted_from) and parse_date(counted_from, now.date()):  # "three days after christmas"
        return None  # a length from another date, not from now: the date reply counts it
    ago = rest.endswith(" ago")
    seconds = spoken_seconds(rest)
    if not seconds:
        return _calendar_reply(rest, ago, now, m["asked"])
    # the length as the user said it: the fewest last words that still name all of it
    words = (rest[:-4] if ago else rest).split()
    said = next(
        (" ".join(words[-k:]) for k in range(1, len(words) + 1) if spoken_seconds(" ".join(words[-k:])) == seconds),
        None,
    )
    if said is None:
        return None
    at = now + timedelta(seconds=-seconds if ago else seconds)
    card = {"type": "time", "iso": at.isoformat(timespec="minutes")}
    if (what == "time" or m["asked"] is None) and seconds < 86400:
        when = spoken_time(at.hour, at.minute) + ("" if at.date() == now.date() else f" on {at:%A}")
    else:
        when = f"{at:%A}, {at:%B} {at.day}" + ("" if at.year == now.year else f", {at.year}")
    lead = _lead(said, ago)
    return Reply(f"{lead} {when}.", card)


CLOCK_COUNTDOWN = re.compile(
    r"\bhow (many (hours|minutes)|long|much (longer|time)) (is it |is there |are there |is left |are left |left )?(until|till|til|to|before)\b"
)


def clock_countdown_reply(words: str, now: datetime) -> Reply | None:
    """ "how many hours until midnight", "how long until 5 pm": the time left until the clock shows it."""
    at = until_clock(words, now)
    if at is None:
        return None
    minutes = round((at - now).total_seconds() / 60)
    card = {"type": "countdown", "until": at.isoformat(timespec="minutes"), "minutes": minutes}
    left = hours_and_minutes(minutes)
    return Reply(f"{left[0].upper()}{left[1:]} until {spoken_time(at.hour, at.minute)}.", card)


def leap_reply(words: str, this_year: int) -> Reply:
    """ "is it a leap year", "is 2028 a leap year": yes or no, and the next one when not."""
    said = re.search(r"\b(\d{4})\b", words)
    year = int(said[1]) if said else this_year + (1 if re.search(r"\bnext year\b", words) else 0)
    card = {"type": "date", "year": year, "leap": calendar.isleap(year)}
    if calendar.isleap(year):
        return Reply(f"Yes, {year} is a leap year: February has 29 days.", card)
    after = next(y for y in range(year + 1, year + 9) if calendar.isleap(y))
    return Reply(f"No, {year} isn't a leap year; the next one is {after}.", card)


def days_in_reply(month: str, today: date) -> Reply:
    """ "how many days are in february": the month's length this year (next month: its own year); "in a
    year": this year's length."""
    if month.endswith("year"):
        year = today.year + (month == "next year")
        days = 366 if calendar.isleap(year) else 365
        return Reply(f"{year} has {days} days.", {"type": "date", "year": year, "days": days})
    if month in ("this month", "the month"):
        year, number = today.year, today.month
    elif month == "next month":
        year, number = (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)
    else:
        year, number = today.year, MONTHS[month]
    days = calendar.monthrange(year, number)[1]
    name = date(year, number, 1).strftime("%B")
    return Reply(f"{name} {year} has {days} days.", {"type": "date", "month": f"{year}-{number:02d}", "days": days})


# a date only the user knows: "my birthday", "our anniversary", "mom's birthday" (no month or number said)
PERSONAL_DATE = re.compile(r"\b(?P<whose>my|our|\w+'s) (?P<day>birthday|anniversary|wedding anniversary|name day)\b")


def personal_date_reply(words: str) -> Reply | None:
    """ "how many days until my birthday" with no date said: that the date is not known, and how to ask
    with it (it had been today's weekday, or "can't help")."""
    m = PERSONAL_DATE.search(words)
    if m is None or re.search(rf"\d|\b(?:{'|'.join(MONTHS)})\b", words):
        return None
    whose = {"my": "your", "our": "your"}.get(m["whose"], m["whose"])
    return Reply(
        f"I don't know when {whose} {m['day']} is. Ask with its date, like: how many days until March 3?",
        {"type": "error", "skill": "get_time", "error": "a personal date not known"},
    )


# "how many days between christmas and new year", "how many weeks are there between march 3 and may 1"
BETWEEN = re.compile(r"\bhow many (?P<unit>days|weeks) (?:are there |is it |are |were there )?between (?P<a>.+?) and (?P<b>.+)$")


def between_reply(words: str, today: date) -> Reply | None:
    """The days (or weeks) from one date said to the other, or None if either is not understood. A
    second date before the first with no year said is the next one after it ("christmas and new year")."""
    m = BETWEEN.search(words)
    if m is None:
        return None
    a, b = parse_date(m["a"], today), parse_date(m["b"], today)
    if a is None or b is None:
        return None
    if b < a and not re.search(r"\b\d{4}\b", m["b"]):
        b = parse_date(f"{m['b']} {a.year + 1}", today) or b
    days = abs((b - a).days)
    said = days_said(days, m["unit"] == "weeks")
    card = {"type": "date_difference", "from": a.isoformat(), "to": b.isoformat(), "days": days}
    return Reply(f"There are {said} between {a:%B} {a.day}, {a.year} and {b:%B} {b.day}, {b.year}.", card)


def days_said(days: int, weeks: bool) -> str:
    """ "26 days", or asked in weeks (and a week or more): "3 weeks and 5 days"."""
    if not weeks or days < 7:
        return counted(days, "day")
    w, rest = divmod(days, 7)
    return counted(w, "week") + (f" and {counted(rest, 'day')}" if rest else "")


# "how old am i if i was born in 1990", "how old is someone born on march 3 1985"
AGE = re.compile(r"\bhow old (?:(?P<me>am i|would i be|will i be)|is (?:someone|somebody|a person|he|she|my \w+))\b.*\bborn (?:in |on )?(?P<when>.+)$")


def age_reply(when: str, today: date, you: bool = True) -> Reply | None:
    """The age of someone born then, this day (you: the user's own); with the year alone, both ages this
    year can give. None when the words are no date in the past."""
    year_only = re.fullmatch(r"(?:the year )?(\d{4})", when.strip())
    born = date(int(year_only[1]), 1, 1) if year_only else parse_date(when, today)
    if born is None or born >= today:
        return None
    if born.year >= today.year and year_only:
        return None
    card = {"type": "date", "born": born.isoformat() if not year_only else str(born.year)}
    if year_only:
        age = today.year - born.year
        whose = "you're {}, or {} once your birthday has" if you else "they're {}, or {} once their birthday has"
        return Reply(f"Born in {born.year}, {whose.format(age - 1, age)} passed this year.", card | {"age": age})
    had_birthday = (today.month, today.day) >= (born.month, born.day)
    age = today.year - born.year - (0 if had_birthday else 1)
    return Reply(f"Born on {born:%B} {born.day}, {born.year}, {'you are' if you else 'they are'} {age}.", card | {"age": age})
