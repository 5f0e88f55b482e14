"""The weather at an hour or over part of a day ("at 3 pm", "this afternoon", "tomorrow morning", "in the
next hour", "later"), read from the forecast's hourly rows. Times are the place's own: Open-Meteo gives
the hours and the current time in the place's time zone (timezone=auto), so "now" is its "current.time"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from .dates import WEEKDAYS
from .durations import spoken_time
from .forecast_words import RAIN_CODES, SNOW_CODES, WMO, deg
from .text import CARDINALS

HOURLY = "temperature_2m,precipitation_probability,weather_code"

# parts of a day, as hours [start, end) of that day
PARTS = {"morning": (6, 12), "afternoon": (12, 18), "evening": (18, 22)}
# "at 3 pm", "around 5", "for 7 o'clock" ("for 5" alone is a length: "the forecast for 5 days")
_AT = re.compile(
    r"(?:\b(?:at|around|by)|^(?:(?:and|what about|how about) )?that) (?:about )?(?P<h>\d{1,2})(?::\d{2})? ?(?P<ap>[ap]\.? ?m\b\.?|o'?clock\b)?"
    r"(?! ?(?:days?|hours?|minutes?|degrees?|percent|%|km|miles?)\b)"
    r"|\bfor (?P<h2>\d{1,2})(?::\d{2})? ?(?P<ap2>[ap]\.? ?m\b\.?|o'?clock\b)"
    r"|\b(?:at|around|by) (?P<noon>noon|midday)\b"
)
_PART = re.compile(r"\b(?:this|tomorrow|in the|(?P<day>" + "|".join(WEEKDAYS) + r")) ?(?P<part>morning|afternoon|evening)\b")
_NEXT = re.compile(r"\b(?:in|over|for) the (?:next|coming) (?:(?P<n>\d{1,2}|two|three|four|five|six) |few |couple (?:of )?)?hours?\b")
_IN = re.compile(r"\bin (?P<n>an|one|\d{1,2}|two|three|four|five|six) hours?\b")
_LATER = re.compile(r"\blater(?: on| today)?\b|\brest of the day\b")
_HOUR_WORD = re.compile(r"\b(at|around|by|that) (one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b")
_FEW = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


@dataclass(frozen=True)
class Hours:
    start: datetime  # the first hour asked about
    end: datetime  # the hour after the last
    said: str  # how the answer names them: "at 3 PM", "this afternoon", "in the next 3 hours"


def hours_asked(words: str, now: datetime, day_said: str | None = None, night: bool = False) -> Hours | None:
    """The hours the words ask about, in the place's time; None for a whole day (or no time at all).
    day_said: the day the router kept ("tomorrow" for "and at 6?" after a question about tomorrow). An
    hour may be a word ("at six"); "and that 6" is a recognizer's "and at 6". night: "tonight" is the
    hours from 6 PM to 6 AM (asked whether it will rain; the night's low is the day's own answer)."""
    words = _HOUR_WORD.sub(lambda m: f"{m[1]} {CARDINALS[m[2]]}", words)
    # "when i wake up", "first thing": the next morning ("what's the weather like when i wake up" had been now's)
    words = re.sub(r"\bwhen i (?:wake|get) up\b|\bfirst thing(?: in the morning)?\b", "in the morning", words)
    today = re.search(r"\b(?:today|tonight|this (?:morning|afternoon|evening))\b", words)  # said: not the day kept
    day = 1 if re.search(r"\btomorrow\b", words) or (day_said == "tomorrow" and not today) else 0
    named = next((i for i, d in enumerate(WEEKDAYS) if re.search(rf"\b{d}\b", words)), None)
    if named is not None:
        day = (named - now.weekday()) % 7
    base = datetime(now.year, now.month, now.day) + timedelta(days=day)
    when = {0: "", 1: "tomorrow "}.get(day, f"on {WEEKDAYS[(now.weekday() + day) % 7].capitalize()} ")
    if (at := _AT.search(words)) is not None:
        hour = 12 if at["noon"] else int(at["h"] or at["h2"])
        suffix = (at["ap"] or at["ap2"] or "").replace(".", "").replace(" ", "").lower()
        if hour > 23 or (suffix in ("am", "pm") and not 1 <= hour <= 12):
            return None
        if suffix == "pm" and hour < 12:
            hour += 12
        elif suffix == "am" and hour == 12:
            hour = 0
        elif not suffix.endswith("m") and hour < 12 and (hour <= 6 or (day == 0 and now.hour >= hour)):
            hour += 12  # "at 5": the afternoon's 5 (or, today, the next 5 to come)
        start = base + timedelta(hours=hour)
        return Hours(start, start + timedelta(hours=1), f"{when}at {spoken_time(hour, 0)}".strip())
    if (part := _PART.search(words)) is not None:
        first, last = PARTS[part["part"]]
        if day == 0 and part[0].startswith("in the") and now.hour >= last:
            base, when = base + timedelta(days=1), "tomorrow "  # "in the morning", said in the evening
        name = f"{when}{part['part']}" if when else f"this {part['part']}"
        return Hours(base + timedelta(hours=first), base + timedelta(hours=last), name)
    if night and day == 0 and re.search(r"\btonight\b", words):
        return Hours(base + timedelta(hours=18), base + timedelta(hours=30), "tonight")
    this_hour = datetime(now.year, now.month, now.day, now.hour)
    if day == 0 and (ahead := _NEXT.search(words)) is not None:
        n = int(_FEW.get(ahead["n"] or "", ahead["n"] or (1 if "hours" not in ahead[0] else 3)))
        return Hours(this_hour, this_hour + timedelta(hours=n + 1), "in the next hour" if n == 1 else f"in the next {n} hours")
    if day == 0 and (later := _IN.search(words)) is not None:  # "will it rain in 2 hours": that hour
        n = 1 if later["n"] in ("an", "one") else int(_FEW.get(later["n"], later["n"]))
        start = this_hour + timedelta(hours=n)
        return Hours(start, start + timedelta(hours=1), "in an hour" if n == 1 else f"in {n} hours")
    if day == 0 and _LATER.search(words):
        return Hours(this_hour, datetime(now.year, now.month, now.day) + timedelta(days=1), "later today")
    return None


def _rows(data: dict[str, Any], hours: Hours) -> list[dict[str, Any]]:
    hourly = data.get("hourly") or {}
    out = []
    for i, t in enumerate(hourly.get("time") or []):
        at = datetime.fromisoformat(t)
        if hours.start <= at < hours.end:
            out.append({k: (v[i] if i < len(v) else None) for k, v in hourly.items() if isinstance(v, list)})
    return out


def said_for_hours(data: dict[str, Any], hours: Hours, condition: str | None, where: str) -> str | None:
    """The answer for those hours ("At 3 PM in Vaduz: 6 degrees, overcast, 10 percent chance of rain."),
    or None when the forecast has no hourly rows for them (the day's answer is given instead)."""
    if condition not in (None, "rain", "snow", "sun", "cold", "hot"):
        return None  # wind, what to wear, a good day for a walk: the day's answer
    rows = [r for r in _rows(data, hours) if r.get("temperature_2m") is not None and r.get("weather_code") is not None]
    if not rows:
        return None
    temps = [float(r["temperature_2m"]) for r in rows]
    codes = [int(r["weather_code"]) for r in rows]
    chance = max(float(r.get("precipitation_probability") or 0) for r in rows)
    when = f"{hours.said}{where}"
    sky = WMO.get(max(codes), "mixed weather")  # the worst of the hours: rain at 4 is what one needs to hear
    if condition == "rain":
        wet = any(c in RAIN_CODES for c in codes) or chance >= 50
        return f"{'Yes, rain is likely' if wet else 'No rain expected'} {when} ({round(chance)} percent chance)."
    if condition == "snow":
        return f"{'Yes, snow is expected' if any(c in SNOW_CODES for c in codes) else 'No snow expected'} {when}."
    if condition == "sun":
        return f"{'Yes, mostly sunny' if min(codes) <= 2 else 'Not really sunny'} {when}: {sky}."
    span = deg(temps[0]) if len(temps) == 1 else f"{round(min(temps))} to {deg(max(temps))}"
    if condition in ("cold", "hot"):
        return f"{span[0].upper()}{span[1:]} {when}."
    rain = f", {round(chance)} percent chance of {'snow' if max(codes) in SNOW_CODES else 'rain'}"
    return f"{when[0].upper()}{when[1:]}: {span}, {sky}{rain}."


# "is it raining right now": the sky now, not the day's chance
RAINING_NOW = re.compile(
    r"^(?:is it|it is|is it still|are we getting) (?P<what>raining|snowing|pouring|drizzling|rain|snow)"
    r"(?: (?:right now|now|at the moment|currently|outside|out there|here|still))*$"
)
# "when will the rain stop", "will it stop raining soon"; "when will it start raining"
RAIN_STOPS = re.compile(r"\b(?:(?:will|does|is) (?:it|the rain) (?:stop|end|going to stop|let up|clear up)(?: raining)?"
                        r"|(?:stop|end) raining)\b")
RAIN_STARTS = re.compile(r"\bwhen (?:will|is|does) (?:it|the rain) (?:start|going to start|begin|come)(?: to)?(?: rain(?:ing)?)?\b"
                         r"|\bwhat time (?:will|is) it (?:going to )?(?:start )?rain(?:ing)?\b|\bwhen will it rain\b")
LOOK_AHEAD_H = 24


def _wet_hour(codes: dict[str, Any], i: int) -> bool:
    code, chance = codes["weather_code"][i], (codes.get("precipitation_probability") or [0] * (i + 1))[i] or 0
    return int(code) in RAIN_CODES | SNOW_CODES or float(chance) >= 50


def rain_timing(words: str, data: dict[str, Any], now: datetime, where: str) -> str | None:
    """Whether it is raining now (the current sky), when the rain stops or starts (the first hourly row
    that changes it, within a day); None for other questions or without hourly rows."""
    if (m := RAINING_NOW.match(words)) is not None and (data.get("current") or {}).get("weather_code") is not None:
        code = int(data["current"]["weather_code"])
        wet = SNOW_CODES if m["what"].startswith("snow") else RAIN_CODES
        sky, doing = WMO.get(code, "mixed weather"), "snowing" if m["what"].startswith("snow") else "raining"
        return f"Yes, it's {doing}{where} now: {sky}." if code in wet else f"No, it isn't {doing}{where} right now: {sky}."
    stops, starts = RAIN_STOPS.search(words), RAIN_STARTS.search(words)
    hourly = data.get("hourly") or {}
    if not (stops or starts) or not hourly.get("time") or not hourly.get("weather_code"):
        return None
    this_hour = datetime(now.year, now.month, now.day, now.hour)
    ahead = [(datetime.fromisoformat(t), i) for i, t in enumerate(hourly["time"])]
    ahead = [(t, i) for t, i in ahead if this_hour <= t < this_hour + timedelta(hours=LOOK_AHEAD_H)]
    if not ahead:
        return None
    wet_now = _wet_hour(hourly, ahead[0][1])
    if stops and not wet_now:
        return f"It isn't raining{where} now."
    change = next((t for t, i in ahead if _wet_hour(hourly, i) != wet_now), None)
    if change is None:
        return f"No end to the rain{where} in the next {LOOK_AHEAD_H} hours." if wet_now else f"No rain{where} in the next {LOOK_AHEAD_H} hours."
    at = spoken_time(change.hour, 0) + ("" if change.date() == now.date() else " tomorrow")
    return f"The rain should stop around {at}{where}." if wet_now else f"Rain is likely from about {at}{where}."
