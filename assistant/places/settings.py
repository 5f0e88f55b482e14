"""The [restaurants] config section: db (SQLite file) and home (a place name or "lat,lon")."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..errors import ConfigError
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
    try:
        return RestaurantSettings.model_validate(section or {})
    except ValidationError as exc:
        e = exc.errors()[0]
        where = ".".join(str(p) for p in e["loc"])
        if e["type"] == "extra_forbidden":
            raise ConfigError(
                f"[restaurants] has an unknown setting '{where}'; use db, home or max_km"
            ) from None
        raise ConfigError(f"[restaurants] setting '{where}': {e['msg']} (got {e.get('input')!r})") from None
