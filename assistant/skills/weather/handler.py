"""weather: current conditions and daily forecast from an Open-Meteo-compatible API.

The assistant is offline by default, so this skill only goes to the network when the user turns it on:

    [network]
    allow = true
    [weather]
    url = "https://api.open-meteo.com/v1/forecast"          # any server speaking Open-Meteo's JSON
    geocoding_url = "https://geocoding-api.open-meteo.com/v1/search"   # optional: towns by name
    latitude = 47.14
    longitude = 9.52
    place = "Vaduz"                                         # how home is called in replies
    units = "celsius"                                       # or "fahrenheit"

Without that it says plainly that it cannot check the weather offline.
"""

from __future__ import annotations

import asyncio
import json
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from assistant.skill_api import Reply
from assistant.spoken_args import weather_args
from assistant.weather_settings import WeatherSettings, weather_settings

read_args = weather_args  # the router reads this skill's arguments from the words (skill_api.ArgReader)

TIMEOUT_S = 8.0
# WMO weather interpretation codes, as Open-Meteo documents them
WMO = {
    0: "clear sky",
    1: "mainly clear",
    2: "partly cloudy",
    3: "overcast",
    45: "fog",
    48: "freezing fog",
    51: "light drizzle",
    53: "drizzle",
    55: "heavy drizzle",
    56: "freezing drizzle",
    57: "heavy freezing drizzle",
    61: "light rain",
    63: "rain",
    65: "heavy rain",
    66: "freezing rain",
    67: "heavy freezing rain",
    71: "light snow",
    73: "snow",
    75: "heavy snow",
    77: "snow grains",
    80: "light showers",
    81: "showers",
    82: "violent showers",
    85: "snow showers",
    86: "heavy snow showers",
    95: "thunderstorms",
    96: "thunderstorms with hail",
    99: "thunderstorms with heavy hail",
}
RAIN_CODES = {51, 53, 55, 56, 57, 61, 63, 65, 66, 67, 80, 81, 82, 95, 96, 99}
SNOW_CODES = {71, 73, 75, 77, 85, 86}
DAILY = "weather_code,temperature_2m_max,temperature_2m_min,precipitation_probability_max,wind_speed_10m_max"
CURRENT = "temperature_2m,weather_code,wind_speed_10m"


class WeatherError(Exception):
    """Something to say to the user, in one sentence."""


def _settings(config) -> WeatherSettings:
    w = weather_settings(config.weather)
    allowed = bool(config.network.get("allow", False)) or w.allow_network
    if not allowed or not w.url:
        raise WeatherError(
            "I can't check the weather: I'm offline. To allow it, set allow = true under [network] "
            "and a forecast url under [weather] in the config."
        )
    return w


def _get_json(url: str, params: dict[str, Any]) -> dict[str, Any]:
    full = f"{url}{'&' if '?' in url else '?'}{urllib.parse.urlencode(params)}"
    req = urllib.request.Request(full, headers={"User-Agent": "offline-voice-assistant"})
    try:
        with urllib.request.urlopen(req, timeout=TIMEOUT_S) as resp:
            return json.loads(resp.read().decode("utf-8"))
    except urllib.error.HTTPError as exc:
        raise WeatherError(f"The weather service answered with an error ({exc.code}).") from None
    except (urllib.error.URLError, TimeoutError, OSError):
        raise WeatherError("I couldn't reach the weather service.") from None
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise WeatherError("The weather service sent an answer I can't read.") from None


# "what's it like outside", "the weather around here": home, not a town called "outside"
HOME = {"outside", "out", "out there", "here", "home", "around here", "near me", "around me", "my area", "the area",
        "my location", "where i am", "my town", "my city", "local", "locally", "nearby", "this area"}


def _place(w: WeatherSettings, location: str | None) -> tuple[float, float, str]:
    if location and " ".join(location.lower().split()) in HOME:
        location = None
    if location:
        geo = w.geocoding_url
        if not geo:
            raise WeatherError(
                f"I only know the weather at home; set geocoding_url under [weather] to ask about {location}."
            )
        found = _get_json(geo, {"name": location, "count": 1, "language": "en", "format": "json"})
        results = found.get("results") or []
        if not results:
            raise WeatherError(f"I couldn't find a place called {location}.")
        r = results[0]
        return float(r["latitude"]), float(r["longitude"]), str(r.get("name") or location)
    if w.home is None:
        raise WeatherError("Set latitude and longitude under [weather] so I know where home is.")
    return *w.home, w.place or "home"


def fetch(w: WeatherSettings, location: str | None) -> tuple[dict[str, Any], str]:
    lat, lon, name = _place(w, location)
    params = {
        "latitude": lat,
        "longitude": lon,
        "current": CURRENT,
        "daily": DAILY,
        "timezone": "auto",
        "forecast_days": 7,
    }
    if w.units == "fahrenheit":
        params |= {"temperature_unit": "fahrenheit", "wind_speed_unit": "mph"}
    data = _get_json(str(w.url), params)
    if "daily" not in data or "current" not in data:
        raise WeatherError("The weather service's answer has no forecast in it.")
    return data, name


def _deg(x: float) -> str:
    return f"{round(x)} degrees"


def _day_line(daily: dict[str, Any], i: int) -> str:
    code = int(daily["weather_code"][i])
    hi, lo = daily["temperature_2m_max"][i], daily["temperature_2m_min"][i]
    rain = (daily.get("precipitation_probability_max") or [None] * (i + 1))[i]
    line = f"{WMO.get(code, 'mixed weather')}, from {_deg(lo)} to {_deg(hi)}"
    if rain is not None:
        line += f", {round(rain)} percent chance of rain"
    return line


def _answer_condition(cond: str, daily: dict[str, Any], days: list[int], when: str) -> str:
    codes = [int(daily["weather_code"][i]) for i in days]
    probs = [(daily.get("precipitation_probability_max") or [0] * 8)[i] or 0 for i in days]
    if cond == "rain":
        wet = any(c in RAIN_CODES for c in codes) or max(probs) >= 50
        return f"{'Yes, rain is likely' if wet else 'No rain expected'} {when} ({round(max(probs))} percent chance)."
    if cond == "snow":
        return f"{'Yes, snow is expected' if any(c in SNOW_CODES for c in codes) else 'No snow expected'} {when}."
    if cond == "wind":
        top = max(daily["wind_speed_10m_max"][i] for i in days)
        return f"{'Yes, it will be windy' if top >= 30 else 'Not very windy'} {when}, wind up to {round(top)}."
    if cond == "sun":
        sunny = any(c <= 2 for c in codes)
        return f"{'Yes, mostly sunny' if sunny else 'Not really sunny'} {when}: {WMO.get(codes[0], 'mixed')}."
    hi = max(daily["temperature_2m_max"][i] for i in days)
    lo = min(daily["temperature_2m_min"][i] for i in days)
    return f"Between {_deg(lo)} and {_deg(hi)} {when}."


def describe(data: dict[str, Any], name: str, day: str | None, condition: str | None) -> str:
    daily = data["daily"]
    n = len(daily["time"])
    where = "" if name == "home" else f" in {name}"
    if day == "tomorrow" and n > 1:
        days, when = [1], f"tomorrow{where}"
    elif day == "weekend":
        from datetime import date

        days = [i for i, t in enumerate(daily["time"]) if date.fromisoformat(t).weekday() >= 5][:2] or [0]
        when = f"this weekend{where}"
    elif day == "week":
        days, when = list(range(n)), f"this week{where}"
    else:
        days, when = [0], f"today{where}"
    if condition:
        return _answer_condition(condition, daily, days, when)
    if day in (None, "today"):
        cur = data["current"]
        now = f"It's {_deg(cur['temperature_2m'])} and {WMO.get(int(cur['weather_code']), 'mixed weather')}{where}."
        return f"{now} Today: {_day_line(daily, 0)}."
    if len(days) == 1:
        return f"{when[0].upper()}{when[1:]}: {_day_line(daily, days[0])}."
    hi = max(daily["temperature_2m_max"][i] for i in days)
    lo = min(daily["temperature_2m_min"][i] for i in days)
    wet = [daily["time"][i] for i in days if int(daily["weather_code"][i]) in RAIN_CODES | SNOW_CODES]
    tail = f" Rain or snow on {len(wet)} of {len(days)} days." if wet else " Dry throughout."
    return f"{when[0].upper()}{when[1:]}: {_deg(lo)} to {_deg(hi)}.{tail}"


async def handle(args, ctx) -> Reply:
    try:
        w = _settings(ctx.config)
        data, name = await asyncio.to_thread(fetch, w, args.get("location"))
        text = describe(data, name, args.get("day"), args.get("condition"))
    except WeatherError as exc:
        return Reply(str(exc), {"type": "weather", "error": str(exc)})
    card = {"type": "weather", "place": name, "current": data.get("current"), "daily": data.get("daily")}
    return Reply(text, card)
