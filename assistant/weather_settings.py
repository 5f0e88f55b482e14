"""The [weather] config section, validated here so a typo gets one clear line naming the key: the weather
skill reads the forecast server and home from it, get_time home's sunrise and sunset."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from .config import skill_section


class WeatherSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: str | None = None  # a server speaking Open-Meteo's forecast JSON
    geocoding_url: str | None = None  # optional: towns by name
    latitude: float | None = Field(None, ge=-90, le=90)  # home
    longitude: float | None = Field(None, ge=-180, le=180)
    place: str | None = None  # how home is called in replies
    units: Literal["celsius", "fahrenheit"] = "celsius"
    allow_network: bool = False  # this skill alone may go online ([network] allow for all)

    @property
    def home(self) -> tuple[float, float] | None:
        return (self.latitude, self.longitude) if self.latitude is not None and self.longitude is not None else None


def weather_settings(section: dict[str, Any]) -> WeatherSettings:
    """Validate [weather]; raises ConfigError with the first problem."""
    return skill_section(
        WeatherSettings, "weather", section, "use url, geocoding_url, latitude, longitude, place, units or allow_network"
    )
