"""Which day of the forecast is the warmest, coldest, wettest, windiest or nicest ("which day will be the
warmest", "what's the best day for a walk this week"): the days ranked by the forecast's daily numbers
(the answer had been today's weather)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from .forecast_words import RAIN_CODES, SNOW_CODES, WMO, deg

# what a day is most, said as a superlative or, of two or a few days, as a comparative ("which day will be nicer")
_MOST = {"warmest": "warmest", "hottest": "warmest", "warmer": "warmest", "hotter": "warmest",
         "coldest": "coldest", "coolest": "coldest", "colder": "coldest", "cooler": "coldest",
         "wettest": "wettest", "rainiest": "wettest", "wetter": "wettest", "rainier": "wettest",
         "windiest": "windiest", "windier": "windiest",
         "driest": "best", "sunniest": "best", "nicest": "best", "best": "best", "finest": "best",
         "drier": "best", "sunnier": "best", "nicer": "best", "better": "best"}
_SUPERLATIVE = "|".join(w for w in _MOST if w.endswith("st"))
# "which day", "what day", "when", "the warmest day": the one day asked for, by what it is most
BEST_ASKED = re.compile(
    rf"\b(?:which|what) (?:day|days)\b.*\b(?P<most>{'|'.join(_MOST)})\b"
    rf"|\bwhen (?:is|will be|'s) (?:it |the )?(?P<most2>{_SUPERLATIVE})\b"
    rf"|\bthe (?P<most3>{_SUPERLATIVE}) day\b"
)


def _niceness(daily: dict[str, Any], i: int) -> tuple[float, ...]:
    """Larger is nicer: dry before cloud before cold; the clearer sky, the smaller chance of rain, the warmer."""
    code = int(daily["weather_code"][i])
    wet = code in RAIN_CODES | SNOW_CODES
    chance = float((daily.get("precipitation_probability_max") or [0] * (i + 1))[i] or 0)
    return (-wet, -min(code, 3), -chance, float(daily["temperature_2m_max"][i]))


def best_day(daily: dict[str, Any], words: str, days: list[int], where: str) -> str | None:
    """The answer naming the day of `days` (indices of the forecast) the words ask for, or None when they
    ask no such thing. where: " in Paris", or "" for home."""
    m = BEST_ASKED.search(words)
    if m is None or len(days) < 2:
        return None
    word = m["most"] or m["most2"] or m["most3"]
    most = _MOST[word]
    highs, lows = daily["temperature_2m_max"], daily["temperature_2m_min"]
    chances = daily.get("precipitation_probability_max") or [0] * len(highs)
    winds = daily.get("wind_speed_10m_max")
    if most == "warmest":
        i = max(days, key=lambda d: highs[d])
        said = f"up to {deg(highs[i])}"
    elif most == "coldest":
        i = min(days, key=lambda d: (highs[d], lows[d]))
        said = f"from {deg(lows[i])} to only {deg(highs[i])}"
    elif most == "wettest":
        i = max(days, key=lambda d: (chances[d] or 0, int(daily["weather_code"][d]) in RAIN_CODES | SNOW_CODES))
        said = f"{chances[i] or 0:.0f} percent chance of rain or snow"
    elif most == "windiest" and winds:
        i = max(days, key=lambda d: winds[d])
        said = f"wind up to {round(winds[i])} kilometers per hour"
    else:  # driest, sunniest, nicest, best (for a walk): the nicest
        i = max(days, key=lambda d: _niceness(daily, d))
        said = f"{WMO.get(int(daily['weather_code'][i]), 'mixed weather')}, up to {deg(highs[i])}"
    day = date.fromisoformat(daily["time"][i])
    name = "Today" if i == 0 else "Tomorrow" if i == 1 else f"{day:%A}"
    if most == "windiest" and not winds:
        return f"The forecast I get has no wind by day{where}."
    return f"{name} looks {word if word.endswith('st') else most}{where}: {said}."


# "when will it rain", "when is it going to snow": the first day of the forecast it does
WHEN_ASKED = re.compile(r"^(?:(?:so|and|ok|okay),? )*when (?:is it|will it|'s it|is it going to|will there be|do we get|are we getting|does it)\b")


def first_day(daily: dict[str, Any], condition: str, where: str) -> str:
    """The first day of the forecast with rain (or snow), said with its chance; or that none has it."""
    codes = SNOW_CODES if condition == "snow" else RAIN_CODES
    chances = daily.get("precipitation_probability_max") or [0] * len(daily["time"])
    for i, t in enumerate(daily["time"]):
        if int(daily["weather_code"][i]) in codes or (condition == "rain" and (chances[i] or 0) >= 50):
            name = "today" if i == 0 else "tomorrow" if i == 1 else f"on {date.fromisoformat(t):%A}"
            what = "Snow" if condition == "snow" else "Rain"
            return f"{what} looks likely first {name}{where} ({chances[i] or 0:.0f} percent chance)."
    return f"No {condition} in the forecast for the next {len(daily['time'])} days{where}."
