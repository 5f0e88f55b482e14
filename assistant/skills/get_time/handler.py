"""get_time: the local time, date or weekday, said the way people say it; the time or date in a named
city, country or time zone; the weekday of a spoken date ("which day of the week is march third");
sunrise and sunset at home, the moon's phases (assistant/sky.py)."""

from __future__ import annotations

import dataclasses
import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from assistant.calendar_facts import (
    AGE,
    CLOCK_COUNTDOWN,
    LATER,
    age_reply,
    between_reply,
    clock_countdown_reply,
    days_in_reply,
    days_said,
    later_reply,
    leap_reply,
    personal_date_reply,
)
from assistant.clocks_compared import convert_time, part_of_day, spoken_hours, time_difference
from assistant.dates import (
    HOLIDAYS,
    MONTH,
    MOVABLE,
    SAID_YEAR,
    SEASONS,
    WEEKDAY,
    WEEKDAYS,
    WEEKEND,
    date_in,
    date_words,
    parse_date,
    period_end,
)
from assistant.durations import spoken_time
from assistant.public_holidays import country_of, holiday_said
from assistant.skill_api import Reply
from assistant.sky import MOON_ASKED, SUN_ASKED, moon_reply, sun_reply
from assistant.spoken_args import time_args
from assistant.text import THERE, normalize
from assistant.time_ko import korean_reply
from assistant.weather_settings import weather_settings
from assistant.worldtime import HERE_WORDS, find_zone, local_zone, next_clock_change, offset_now, zone_asked

read_args = time_args  # the router reads this skill's arguments from the words (skill_api.ArgReader)

def long_date(d: date) -> str:
    return f"{d:%A}, {d:%B} {d.day}, {d.year}"


NOW_WORDS = re.compile(r"\s+(now|right now|today|at the moment|currently)$")


TODAY_WORDS = {"today", "now", "it", "it today", "this", "right now", "today's date", "the date"}


def weekday_reply(spoken: str, today: date) -> Reply:
    d = parse_date(spoken, today)
    if d is None and not re.search(rf"\d|\b(?:{MONTH})\b", spoken) and not set(spoken.split()) & set(WEEKDAYS):
        # "when is the offsite": an event, not a date said wrong (it had been "didn't understand the date")
        return Reply(f"I don't know when {spoken} is: I have no calendar. I can tell the date of a day, like Easter.",
                     {"type": "error", "skill": "get_time", "error": f"no calendar for {spoken!r}"})
    if d is None:
        return Reply(
            f"Sorry, I didn't understand the date {spoken!r}; say a month and a day, like march third.",
            {"type": "error", "skill": "get_time", "error": f"unknown date {spoken!r}"},
        )
    verb = "is" if d >= today else "was"
    said = date_words(spoken)
    if WEEKDAY.match(said):  # "next friday": its date, not its weekday
        said = " ".join(w.capitalize() if w in WEEKDAYS else w for w in said.split())
        # "what's the date on sunday" said on a Sunday: the date too, which is what was asked
        text = f"That's today, {d:%B} {d.day}." if d == today else f"{said[0].upper()}{said[1:]} {verb} {d:%B} {d.day}."
        return Reply(text, {"type": "date", "date": d.isoformat(), "weekday": f"{d:%A}"})
    near = {0: "Today, {} is", 1: "Tomorrow, {} is", -1: "Yesterday, {} was"}.get((d - today).days)
    name = _date_name(SAID_YEAR.sub("", said).strip(), d)
    if name != f"{d:%B} {d.day}":  # "when is easter next year": the feast by its name, then its date
        if name.lower() in SEASONS:  # "when is fall": the day it starts
            verb = "starts" if d >= today else "started"
        text = f"{name} {verb} on {d:%A}, {d:%B} {d.day}, {d.year}."
    elif near:
        text = near.format(f"{d:%B} {d.day},") + f" a {d:%A}."
    else:
        text = f"{d:%B} {d.day}, {d.year} {verb} a {d:%A}."
    return Reply(text, {"type": "date", "date": d.isoformat(), "weekday": f"{d:%A}"})


# country names said with "the": "in the United Kingdom", "the Netherlands"
WITH_THE = re.compile(
    r"^(united |netherlands$|philippines$|czech republic$|bahamas$|gambia$|maldives$|dominican republic$"
    r"|central african republic$|democratic republic)", re.I
)


def _named(name: str) -> str:
    return f"the {name}" if WITH_THE.match(name) else name


def place_reply(spoken: str, what: str, here: datetime) -> Reply:
    spoken = NOW_WORDS.sub("", spoken.strip())  # "new york right now" (the model may copy it in)
    zone = find_zone(spoken)
    # "in new york and in london": each (a fuzzy match of the whole took the first); not "trinidad and tobago"
    whole = zone is not None and normalize(zone.name) == normalize(spoken)
    both = None if whole else re.fullmatch(r"(?P<a>.+?),? and (?:in |at )?(?P<b>.+)", spoken)
    if both and find_zone(both["a"]) and find_zone(both["b"]):
        replies = [place_reply(both[k], what, here) for k in "ab"]
        text = f"{replies[0].text[:-1]}; {replies[1].text[0].lower()}{replies[1].text[1:]}"
        return Reply(text, {"type": "times", "places": [r.card for r in replies]})
    if zone is None and parse_date(spoken, here.date()) is not None:
        return weekday_reply(spoken, here.date())  # "what day is it tomorrow": a day, not a place
    if zone is None:
        return Reply(
            f"Sorry, I don't know the time zone of {spoken}; try a big city near it or a zone like UTC.",
            {"type": "error", "skill": "get_time", "error": f"unknown place {spoken!r}"},
        )
    there = here.astimezone(zone.tz)
    card = {
        "type": "time",
        "place": zone.name,
        "zone": str(zone.tz),
        "iso": there.isoformat(timespec="seconds"),
        "time": f"{there:%H:%M}",
        "date": long_date(there.date()),
    }
    if what == "date":
        return Reply(f"In {_named(zone.name)} it's {long_date(there.date())}.", card)
    if what == "day":
        return Reply(f"In {_named(zone.name)} it's {there:%A}.", card)
    # the day too when it is not the user's own: "9:05 AM on Saturday"
    day = "" if there.date() == here.date() else f" on {there:%A}"
    return Reply(f"In {_named(zone.name)} it's {spoken_time(there.hour, there.minute)}{day}.", card)


# asked in words the arguments have no value for (what: time, date or day): read from the user's words
ASKS_YEAR = re.compile(r"\b(what|which) year (is it|is this|are we in)\b|\bthe (current )?year\b")
ASKS_MONTH = re.compile(r"\b(what|which) month (is it|is this|are we in)\b|\bthe (current )?month\b")
ASKS_WEEKEND = re.compile(r"^is (it|today|tomorrow) (a |the )?(weekday|week day|workday|work day|weekend day|weekend)\b")
# "is it monday today", "is today friday": yes or no, and the day it is
ASKS_IS_DAY = re.compile(rf"^is (?:it|today) (?:a )?(?P<day>{'|'.join(WEEKDAYS)})(?: today)?$")
ASKS_WEEK = re.compile(r"\b(what|which) week (number |of the year )?(is it|is this|are we in)\b|\bweek number\b")
ASKS_DAY_OF_YEAR = re.compile(r"\b(what|which) day of the year (is it|is this|is today)\b")
LEAP = re.compile(r"\bleap year\b")
DAYS_IN = re.compile(rf"\bhow many days (are |is |does )?(there )?(in|has) (?P<month>{MONTH}|(?:this|next|the) month|(?:a|this|next|the) year)\b")
COUNTDOWN = re.compile(
    r"\bhow (many (?P<unit>days|weeks|sleeps)|long|much longer) (is it |are there |are left |left )?(from (today|now) )?"
    r"(until|till|til|to|before|for)\b"
)


def difference_reply(words: str, here: datetime, shown: dict | None) -> Reply | None:
    """ "the time difference between london and tokyo", "... with tokyo", or with the place just shown"""
    found = time_difference(words, here, str((shown or {}).get("place") or ""))
    return Reply(*found) if found else None


# "how many days are left in the year", "how many weeks until the end of the month"
PERIOD_LEFT = re.compile(
    r"\bhow many (?P<unit>days|weeks) (?:are )?(?:(?:left|remaining) (?:in|of)|(?:left )?(?:until|till|to) the end of) "
    r"(?:the|this) (?P<period>year|month|week)\b"
)
ZONE_OF = re.compile(r"\btime ?zones?\b")  # of a place named ("what time zone is tokyo in")
HOLIDAY = re.compile(r"\bholidays?\b|\bdays? off\b")  # "is monday a holiday": public_holidays.py
DST_ASKED = re.compile(r"\b(daylight savings?|summer time)\b|\bclocks? (change|go back|go forward|spring forward|fall back)\b")


def period_left_reply(m: re.Match, today: date) -> Reply:
    """The days (or weeks) this year, month or week has left after today."""
    period = m["period"]
    end = period_end(period, today)
    days = (end - today).days
    card = {"type": "date", "date": end.isoformat(), "weekday": f"{end:%A}", "days": days}
    named = {"year": str(today.year), "month": f"{today:%B}", "week": "this week"}[period]
    if days == 0:
        return Reply(f"Today is the last day of {named if period != 'week' else 'the week'}.", card)
    left = days_said(days, m["unit"] == "weeks")
    return Reply(f"{left} left in {named}, not counting today.", card)


def dst_reply(tz: ZoneInfo | None, here: datetime, where: str) -> Reply:
    """Whether daylight saving time is on, and when the clocks next change."""
    there = f"in {where}" if where else "here"
    if tz is None:
        return Reply(
            "Sorry, I don't know your time zone; set timezone in the config, like Europe/Zurich.",
            {"type": "error", "skill": "get_time", "error": "no time zone with rules"},
        )
    now = here.astimezone(tz)
    on = bool(now.dst())
    change = next_clock_change(tz, now)
    card = {"type": "dst", "zone": str(tz), "on": on}
    if change is None:
        return Reply(f"The clocks don't change {there}: there's no daylight saving time.", card)
    at, delta = change
    card["change"] = at.isoformat(timespec="minutes")
    way = "forward" if delta > timedelta(0) else "back"
    by = "an hour" if abs(delta) == timedelta(hours=1) else spoken_hours(round(abs(delta).total_seconds() / 60))
    when = f"on {at:%A}, {at:%B} {at.day}, {at.year} at {spoken_time(at.hour, at.minute)}"
    state = "is on" if on else "isn't on"
    verb = "ends" if on else "starts"
    return Reply(f"Daylight saving time {state} {there} now; it {verb} {when}, when the clocks go {way} {by}.", card)


def sun_at(words: str, now: datetime, place: str, weather: dict) -> Reply:
    """Sunrise or sunset in a named place (its clock), else at home ([weather] latitude and longitude)."""
    if place and place.strip().lower() not in HERE_WORDS | TODAY_WORDS:
        zone = find_zone(place)
        if zone is None or zone.latitude is None or zone.longitude is None:
            return Reply(
                f"Sorry, I don't know where {place} is; name a city or a country.",
                {"type": "error", "skill": "get_time", "error": f"no coordinates for {place}"},
            )
        return sun_reply(words, now.astimezone(zone.tz), (zone.latitude, zone.longitude), zone.name)
    return sun_reply(words, now, weather_settings(weather).home)  # a bad [weather]: one line (ConfigError)


def _date_name(said: str, d: date) -> str:
    """How a reply names a date the user said: "New Year's Day", "The first day of spring", "March 3"."""
    said = SAID_YEAR.sub("", said)
    if said.split() and said.split()[-1] in SEASONS:  # "The first day of spring", not "The First Day Of Spring"
        return f"The {said}" if said.startswith(("first day", "start")) else said.capitalize()
    return said.title().replace("'S", "'s") if said in HOLIDAYS or said in MOVABLE else f"{d:%B} {d.day}"


SINCE = re.compile(
    r"\bhow (many (?P<unit>days|weeks)|long) (has it been |is it |have i been |was it )?since\b|\bhow (many (?P<unit2>days|weeks)|long) ago (was|is)\b"
)


def since_reply(spoken: str, today: date, weeks: bool = False) -> Reply | None:
    """ "how many days since new year": the days since the date last came, or None if none is understood."""
    d = parse_date(spoken, today)
    if d is not None and d > today and not SAID_YEAR.search(spoken.lower()):
        # "new year" is next January's: the last one was meant, this year's or else last year's
        d = next((p for rel in ("this", "last") if (p := parse_date(f"{spoken} {rel} year", today)) and p <= today), None)
    if d is None or d > today:
        return None
    said = " ".join(re.sub(r"^(on|for|the)\s+", "", spoken.strip().lower()).split())
    days = (today - d).days
    card = {"type": "date", "date": d.isoformat(), "weekday": f"{d:%A}", "days": -days}
    name = _date_name(said, d)
    if days == 0:
        return Reply(f"{name} is today.", card)
    ago = "yesterday" if days == 1 else f"{days_said(days, weeks)} ago"
    return Reply(f"{name} was {ago}, on {d:%A}, {d:%B} {d.day}, {d.year}.", card)


def countdown_reply(spoken: str, today: date, weeks: bool = False) -> Reply | None:
    """ "how many days until christmas": the days to the coming date, or None if none is understood."""
    d = parse_date(spoken, today)
    if d is None:
        return None
    if d < today:  # a recent date ("december first" said on the 4th) comes again next year
        try:
            d = d.replace(year=d.year + 1)
        except ValueError:  # February 29th
            return None
    said = " ".join(re.sub(r"^(on|for|the)\s+", "", spoken.strip().lower()).split())
    if said in WEEKDAYS and d == today:  # "how many days until friday" on a Friday: the next one
        d += timedelta(days=7)
    if f"the {said}" in WEEKEND or said in WEEKEND:
        card = {"type": "date", "date": d.isoformat(), "weekday": f"{d:%A}", "days": (d - today).days}
        if d <= today + timedelta(days=1) and today.weekday() >= 5:  # "how long until the weekend" on a Sunday
            return Reply("It's the weekend already.", card)
        days = (d - today).days
        return Reply(f"The weekend starts {'tomorrow' if days == 1 else f'in {days_said(days, weeks)}'}, on {d:%A}, {d:%B} {d.day}.", card)
    days = (d - today).days
    name = _date_name(said, d)
    card = {"type": "date", "date": d.isoformat(), "weekday": f"{d:%A}", "days": days}
    if days == 0:
        return Reply(f"{name} is today.", card)
    when = "tomorrow" if days == 1 else f"in {days_said(days, weeks)}"  # "in 3 weeks and 2 days" if asked in weeks
    if said in WEEKDAYS:  # "how many days till friday": "Friday is in 6 days, on December 11."
        return Reply(f"{d:%A} is {when}, on {d:%B} {d.day}.", card)
    if said.startswith("next ") and said[5:] in WEEKDAYS:  # not "December 14 is in 7 days, on Monday, December 14"
        return Reply(f"Next {d:%A} is {when}, on {d:%B} {d.day}.", card)
    return Reply(f"{name} is {when}, on {d:%A}, {d:%B} {d.day}, {d.year}.", card)


async def handle(args, ctx) -> Reply:
    now = ctx.now()
    what = args.get("what", "time")
    if "what" not in args and str(args.get("date") or "").strip().lower() in ("today", "today's date"):
        what = "date"  # "what's today": the day, not the clock
    words = normalize(ctx.utterance or "")
    if not args.get("place") and THERE.search(words) and (ctx.shown or {}).get("place"):
        args = {**args, "place": str(ctx.shown["place"])}  # "what day is it there" right after tokyo's time
    spoken_date = str(args.get("date") or args.get("place") or "")
    early = difference_reply(words, now, ctx.shown) or personal_date_reply(words)  # "my birthday": a date not known
    if early is not None:
        return early
    there = THERE.sub(f"in {args['place']}", words, count=1) if args.get("place") else words  # "is it night there"
    if (converted := convert_time(words, now) or part_of_day(there, now)) is not None:  # "is it night in tokyo"
        return Reply(*converted)
    left = PERIOD_LEFT.search(words)
    if left:
        return period_left_reply(left, now.date())
    if not args.get("place") and (zone := zone_asked(words, ctx.config.timezone, now)) is not None:
        return Reply(zone, {"type": "time"})  # "what time zone am i in", "what are the time zones of russia"
    if HOLIDAY.search(words) and ctx.config.language != "ko":
        return Reply(holiday_said(words, now.date(), country_of(ctx.config.country, ctx.config.timezone)), {"type": "date"})
    if DST_ASKED.search(words) and ctx.config.language != "ko":
        zone = find_zone(str(args["place"])) if args.get("place") else None
        tz = zone.tz if zone else (now.tzinfo if isinstance(now.tzinfo, ZoneInfo) else local_zone(ctx.config.timezone))
        return dst_reply(tz, now, zone.name if zone else "")
    later = LATER.search(words) if ctx.config.language != "ko" else None
    if later:
        reply = later_reply(later, now, what)
        if reply is not None:
            return reply
    if SUN_ASKED.search(words) and ctx.config.language != "ko":
        return sun_at(words, now, str(args.get("place") or ""), ctx.config.weather)
    if MOON_ASKED.search(words) and ctx.config.language != "ko":
        return moon_reply(words, now)
    if CLOCK_COUNTDOWN.search(words) and ctx.config.language != "ko":
        reply = clock_countdown_reply(words, now)
        if reply is not None:
            return reply
    if (between := between_reply(words, now.date()) if ctx.config.language != "ko" else None) is not None:
        return between
    since = SINCE.search(words)
    if since and ctx.config.language != "ko":
        spoken = spoken_date or words[since.end() :]
        reply = since_reply(spoken, now.date(), "weeks" in (since["unit"] or since["unit2"] or ""))
        if reply is not None:
            return reply
    countdown = COUNTDOWN.search(words)
    if countdown and spoken_date:
        reply = countdown_reply(spoken_date, now.date(), countdown["unit"] == "weeks")
        if reply is not None:
            return reply
    if not args.get("place") and ctx.config.language != "ko":
        # the week and the day "of the year" first: they name the year too
        if ASKS_WEEK.search(words):
            week = now.isocalendar().week
            return Reply(f"It's week {week}.", {"type": "date", "week": week, "date": now.date().isoformat()})
        if ASKS_DAY_OF_YEAR.search(words):
            n = now.timetuple().tm_yday
            return Reply(f"It's day {n} of {now.year}.", {"type": "date", "day_of_year": n, "date": now.date().isoformat()})
        if ASKS_YEAR.search(words):
            return Reply(f"It's {now.year}.", {"type": "date", "date": now.date().isoformat()})
        if ASKS_MONTH.search(words):
            return Reply(f"It's {now:%B}.", {"type": "date", "date": now.date().isoformat()})
        if asks_weekend := ASKS_WEEKEND.search(words):  # "is it a weekday", "is tomorrow the weekend"
            day, it = (now + timedelta(days=1), "tomorrow is") if asks_weekend[1] == "tomorrow" else (now, "it's")
            yes = (day.weekday() >= 5) == ("weekend" in words)
            kind = "the weekend" if day.weekday() >= 5 else "a weekday"
            return Reply(f"{'Yes' if yes else 'No'}, {it} {day:%A}: {kind}.", {"type": "date", "date": day.date().isoformat()})
        if (is_day := ASKS_IS_DAY.search(words)) is not None:
            yes = now.strftime("%A").lower() == is_day["day"]
            return Reply(f"{'Yes' if yes else 'No'}, it's {now:%A}.", {"type": "date", "date": now.date().isoformat()})
        if LEAP.search(words):
            return leap_reply(words, now.year)
        if (born := AGE.search(words)) is not None and (age := age_reply(born["when"], now.date(), bool(born["me"]))) is not None:
            return age
        if (days_in := DAYS_IN.search(words)) is not None:
            return days_in_reply(days_in["month"], now.date())
    # "what's the date today": a model may copy "today" into date; that is the plain question
    if args.get("date") and str(args["date"]).strip().lower() not in TODAY_WORDS:
        spoken = str(args["date"])
        if parse_date(spoken, now.date()) is None:  # the model copied out the wrong words ("this year")
            spoken = date_in(ctx.utterance or "", now.date()) or spoken
        elif not SAID_YEAR.search(spoken):
            # a year the template left out ("easter this year"), or more than the model copied ("on the third")
            longer = date_in(ctx.utterance or "", now.date())
            part = date_words(spoken)
            if longer and (SAID_YEAR.search(longer) or (len(longer) > len(part) and part in longer)):
                spoken = longer
        return weekday_reply(spoken, now.date())
    if args.get("place") and str(args["place"]).strip().lower() not in TODAY_WORDS | HERE_WORDS:
        reply = place_reply(str(args["place"]), what, now)
        if ZONE_OF.search(words) and reply.card.get("zone"):  # "what time zone is tokyo in": the zone, then the time
            offset = offset_now(ZoneInfo(reply.card["zone"]), now)
            reply = dataclasses.replace(reply, text=f"{reply.card['place']} is on {reply.card['zone']} time, {offset}. {reply.text}")
        return reply
    card = {"type": "time", "iso": now.isoformat(timespec="seconds"), "time": f"{now:%H:%M}"}
    if ctx.config.language == "ko":
        return Reply(korean_reply(now, what), {**card, "date": now.date().isoformat()})
    date_text = long_date(now.date())
    if what == "date":
        text = f"Today is {date_text}."
    elif what == "day":
        text = f"It's {now:%A}."
    elif re.search(r"\b(date|day)\b", words) and re.search(r"\btime\b", words):  # "the time and the date"
        text = f"It's {spoken_time(now.hour, now.minute)} on {date_text}."
    else:
        text = f"It's {spoken_time(now.hour, now.minute)}."
    return Reply(text, {**card, "date": date_text})
