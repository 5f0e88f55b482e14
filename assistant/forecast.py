"""Where the weather comes from: an Open-Meteo-compatible forecast over HTTP (only when the config allows
the network), the place asked about found by the geocoder, or, for a name it does not know, by its sound
among the imported map's towns. What the forecast says is the weather skill's (skills/weather)."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .forecast_hours import HOURLY
from .text import normalize
from .weather_settings import WeatherSettings, weather_settings

if TYPE_CHECKING:
    from .config import Config

TIMEOUT_S = 8.0

DAILY = "weather_code,temperature_2m_max,temperature_2m_min,precipitation_probability_max,wind_speed_10m_max"
CURRENT = "temperature_2m,weather_code,wind_speed_10m"


class WeatherError(Exception):
    """Something to say to the user, in one sentence."""


def settings_allowed(config) -> WeatherSettings:
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


Found = tuple[float, float, str]  # a place's latitude, longitude and name


def on_map(config: Config, spoken: str) -> Found | None:
    """A town of the imported map (the restaurants' database) whose name sounds like what the recognizer
    wrote ("sean" for Schaan), for a name the geocoder does not know; None without a map."""
    from assistant.asr.pronounce import sounds_like
    from assistant.errors import UserError
    from assistant.places.search import RestaurantDb
    from assistant.places.settings import restaurant_settings

    try:
        db = RestaurantDb(restaurant_settings(config.restaurants).db_path)
    except UserError:
        return None
    try:
        towns = [p for p in db.places() if p.kind in ("city", "town", "village", "suburb", "hamlet")]
    finally:
        db.close()
    alike = sounds_like(spoken, [p.name for p in towns])
    return next(((p.lat, p.lon, p.name) for p in towns if " ".join(p.name.lower().split()) == alike), None)


def _place(w: WeatherSettings, location: str | None, near: Callable[[str], Found | None] | None = None) -> Found:
    """near(name): the place's coordinates and name where the geocoder knows none (`on_map`)."""
    if location and " ".join(location.lower().split()) in HOME:
        location = None
    if location and w.place and w.home is not None and normalize(location) == normalize(w.place):
        location = None  # the home town by its name: its own coordinates, no lookup
    if location:
        geo = w.geocoding_url
        if not geo:
            raise WeatherError(
                f"I only know the weather at home; set geocoding_url under [weather] to ask about {location}."
            )
        found = _get_json(geo, {"name": location, "count": 1, "language": "en", "format": "json"})
        results = found.get("results") or []
        if not results and near is not None and (known := near(location)) is not None:
            return known
        if not results:
            raise WeatherError(f"I couldn't find a place called {location}.")
        r = results[0]
        return float(r["latitude"]), float(r["longitude"]), str(r.get("name") or location)
    if w.home is None:
        raise WeatherError("Set latitude and longitude under [weather] so I know where home is.")
    return *w.home, w.place or "home"


def fetch(
    w: WeatherSettings, location: str | None, near: Callable[[str], Found | None] | None = None
) -> tuple[dict[str, Any], str]:
    lat, lon, name = _place(w, location, near)
    params = {
        "latitude": lat,
        "longitude": lon,
        "current": CURRENT,
        "daily": DAILY,
        "hourly": HOURLY,
        "timezone": "auto",
        "forecast_days": 7,
    }
    if w.units == "fahrenheit":
        params |= {"temperature_unit": "fahrenheit", "wind_speed_unit": "mph"}
    data = _get_json(str(w.url), params)
    if "daily" not in data or "current" not in data:
        raise WeatherError("The weather service's answer has no forecast in it.")
    return data, name
