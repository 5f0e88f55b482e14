"""The [restaurants] config section: db (SQLite file) and home (a place name or "lat,lon")."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from ..config import skill_section
from ..paths import data_dir


def default_db() -> Path:
    return data_dir() / "restaurants.sqlite"


class RestaurantSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    db: str | None = None  # default: restaurants.sqlite in the data folder
    home: str | None = None
    max_km: float = Field(30.0, gt=0)  # farther places are not offered

    @property
    def db_path(self) -> Path:
        return Path(self.db).expanduser() if self.db else default_db()


def restaurant_settings(section: dict[str, Any]) -> RestaurantSettings:
    """Validate [restaurants]; raises ConfigError with the first problem."""
    return skill_section(RestaurantSettings, "restaurants", section, "use db, home or max_km")
