"""When, as people say it, for get_time: a spoken date ("march third", "the 4th of july 2027",
"tomorrow", "next friday", "easter", "in two weeks") to a calendar date."""

from __future__ import annotations

import re
from datetime import date, timedelta

from dateutil.easter import easter
from dateutil.relativedelta import SU, TH, relativedelta, weekday

from .text import CARDINALS as NUMBER_WORDS

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
    "new year's": (1, 1),
    "new years": (1, 1),
    "valentine's day": (2, 14),
    "halloween": (10, 31),
    "independence day": (7, 4),
}
# feasts whose date moves, by year: Easter's (western churches; dateutil's algorithm) and US Thanksgiving
def _thanksgiving(year: int) -> date:
    return date(year, 11, 1) + relativedelta(weekday=TH(+4))  # the fourth Thursday of November


def _season(jde0: tuple[float, ...]):
    """The day an equinox or solstice falls on (UTC) in a year: Meeus' mean formula (Astronomical
    Algorithms, ch. 27, years 2000-3000; within about an hour of the true instant)."""

    def day(year: int) -> date:
        y = (year - 2000) / 1000
        jde = sum(c * y**i for i, c in enumerate(jde0))
        return date(2000, 1, 1) + timedelta(days=int(jde - 2451544.5))  # JD 2451544.5: 2000-01-01 0h

    return day


# the astronomical seasons of the northern hemisphere, begun by the equinoxes and solstices
SEASONS = {
    "spring": _season((2451623.80984, 365242.37404, 0.05169, -0.00411, -0.00057)),
    "summer": _season((2451716.56767, 365241.62603, 0.00325, 0.00888, -0.00030)),
    "autumn": _season((2451810.21715, 365242.01767, -0.11575, 0.00337, 0.00078)),
    "winter": _season((2451900.05952, 365242.74049, -0.06223, -0.00823, 0.00032)),
}
SEASONS["fall"] = SEASONS["autumn"]
MOVABLE = {
    "easter": easter,
    "easter sunday": easter,
    "good friday": lambda y: easter(y) - timedelta(days=2),
    "easter monday": lambda y: easter(y) + timedelta(days=1),
    "thanksgiving": _thanksgiving,
    "thanksgiving day": _thanksgiving,
    # as in the US and most of Europe (the UK's Mothering Sunday is in Lent)
    "mother's day": lambda y: date(y, 5, 1) + relativedelta(weekday=SU(+2)),
    "mothers day": lambda y: date(y, 5, 1) + relativedelta(weekday=SU(+2)),
    "father's day": lambda y: date(y, 6, 1) + relativedelta(weekday=SU(+3)),
    "fathers day": lambda y: date(y, 6, 1) + relativedelta(weekday=SU(+3)),
    **SEASONS,
    **{f"the first day of {name}": day for name, day in SEASONS.items()},
    **{f"the start of {name}": day for name, day in SEASONS.items()},
}
# "the end of the year", "the end of this month", "the end of the week" (its Sunday)
PERIOD_END = re.compile(r"^(?:the\s+)?end of (?:the|this) (?P<period>year|month|week)$")


def period_end(period: str, today: date) -> date:
    """The last day of this year, month or week (weeks end on Sunday)."""
    if period == "year":
        return date(today.year, 12, 31)
    if period == "month":
        return today + relativedelta(day=31)  # relativedelta stops at the month's last day
    return today + timedelta(days=6 - today.weekday())
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
# a day of the month said alone, as an ordinal ("the 25th", "the first"): not a bare number
DAY_ONLY = re.compile(
    r"^(?:the\s+)?(?P<day>" + "|".join(sorted((re.escape(k) for k in ORDINALS if not k.isdigit()), key=len, reverse=True)) + ")$"
)
WEEKEND = {"this weekend", "the weekend", "weekend", "on the weekend", "at the weekend", "next weekend", "this coming weekend"}
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

# days or weeks counted from another date: "a week from friday", "three days after christmas", "two weeks
# before may 5th"
FROM_DATE = re.compile(
    rf"^(?P<n>\d+|{COUNT})\s+(?P<unit>days?|weeks?)\s+(?P<way>from|after|before)\s+(?P<date>.+)$"
)

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
# "the third monday of january", "the last friday of this month": a month's nth weekday
NTH = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "fifth": 5, "5th": 5, "last": -1}
NTH_WEEKDAY = re.compile(
    rf"^(?:the\s+)?(?P<n>{'|'.join(NTH)})\s+(?P<day>{'|'.join(WEEKDAYS)})\s+(?:of|in)\s+"
    rf"(?:(?P<rel>this|next|last) month|(?P<month>{MONTH}))$"
)


def nth_weekday_date(m: re.Match, year: int | None, today: date) -> date | None:
    """The date a NTH_WEEKDAY match names: in a month named without a year, the next time it comes (as
    parse_date's other dates); None for a fifth weekday the month does not have."""
    n, day = NTH[m["n"]], weekday(WEEKDAYS.index(m["day"]))

    def in_month(y: int, mo: int) -> date | None:
        d = date(y, mo, 1) + (relativedelta(day=31, weekday=day(-1)) if n < 0 else relativedelta(weekday=day(+n)))
        return d if d.month == mo else None

    if m["rel"]:
        first = today.replace(day=1) + relativedelta(months={"this": 0, "next": 1, "last": -1}[m["rel"]])
        return in_month(first.year, first.month)
    month = int(m["month"]) if m["month"].isdigit() else MONTHS[m["month"]]
    if year is not None:
        return in_month(year, month)
    for y in (today.year, today.year + 1):
        if (d := in_month(y, month)) is not None and d >= today - timedelta(days=RECENT_DAYS):
            return d
    return None


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


def _counted_days(m: re.Match) -> int:
    """The days a count of days or weeks names ("3 days", "two weeks")."""
    n = int(m["n"]) if m["n"].isdigit() else CARDINALS[m["n"]]
    return n * 7 if m["unit"].startswith("week") else n


def date_words(spoken: str) -> str:
    """A date's words as parse_date reads them: lower case, single spaces, no "on" or "for" before."""
    return " ".join(re.sub(r"^(on|for)\s+", "", spoken.strip().lower()).split())


def parse_date(spoken: str, today: date) -> date | None:
    """A spoken calendar date. Without a year, the next time that date comes (in December, "march third"
    is next March), unless it was in the last few days ("what day was december first")."""
    text = spoken.strip().lower()
    if not ISO_DATE.fullmatch(text):  # "twenty-third, 2027" -> "twenty third 2027"
        text = " ".join(text.replace("-", " ").replace(",", " ").split())
    text = date_words(text)
    if text in RELATIVE:
        return today + timedelta(days=RELATIVE[text])
    m = PERIOD_END.match(text)
    if m:
        return period_end(m["period"], today)
    m = WEEKDAY.match(text)
    if m:
        return weekday_date(m, today)
    m = IN_DAYS.match(text)
    if m:
        n = _counted_days(m)
        past = m["when"] in ("ago", "back", "before today")
        return today + timedelta(days=-n if past and not m["in"] else n)
    m = FROM_DATE.match(text)
    if m and m["date"] not in ("now", "today") and (base := parse_date(m["date"], today)) is not None:
        n = _counted_days(m)
        return base + timedelta(days=-n if m["way"] == "before" else n)
    month = day = year = None
    said = SAID_YEAR.search(text)
    if said and not any(form.match(text) for form in DATE_FORMS):  # "christmas next year", "may 5th this year"
        text = text[: said.start()]
        year = int(said["year"]) if said["year"] else today.year + {"this": 0, "next": 1, "last": -1}[said["rel"]]
    if text in MOVABLE:
        if year is not None:
            return MOVABLE[text](year)
        return next(d for y in (today.year, today.year + 1) if (d := MOVABLE[text](y)) >= today - timedelta(days=RECENT_DAYS))
    if text in WEEKEND:  # its Saturday (today on a weekend day); "next weekend": the next week's
        wd = today.weekday()
        if text.startswith("next"):
            return today + timedelta(days=12 - wd)  # the Saturday of next week
        return today if wd >= 5 else today + timedelta(days=5 - wd)
    m = NTH_WEEKDAY.match(text)
    if m:
        return nth_weekday_date(m, year, today)
    m = DAY_ONLY.match(text)
    if m and year is None:  # "the 25th": this month's, or next month's once it has passed
        n = ORDINALS[m["day"]]
        for months in range(0, 3):
            y, mo = divmod(today.month - 1 + months, 12)
            try:
                d = date(today.year + y, mo + 1, n)
            except ValueError:  # the 31st of a shorter month
                continue
            if d >= today:
                return d
        return None
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
            year = int(m["year"]) if m["year"] else year
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
