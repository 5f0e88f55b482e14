"""`assistant models use NAME`: write the model's settings into the user's TOML config with tomlkit,
which keeps the user's comments, order and formatting; the result is validated before it is written."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.exceptions import TOMLKitError

from ..config import load_config
from ..errors import UserError
from ..paths import voices_dir
from .entries import CatalogEntry
from .store import Store


def settings_for(entry: CatalogEntry, store: Store) -> dict[str, Any]:
    """The dotted settings to write, with {path} and {name} filled in (None = remove the key)."""
    path = store.path(entry)
    if path is None:
        raise UserError(f"{entry.name} is not installed; first run: assistant models pull {entry.name}")
    # a voice in the default voices/ folder is named, elsewhere it is given by path
    name = entry.install_name if store.voices_dir.resolve() == voices_dir().resolve() else str(path)
    out: dict[str, Any] = {}
    for key, value in entry.use.items():
        if isinstance(value, str):
            value = value.replace("{path}", str(path)).replace("{name}", name)
        out[key] = value
    return out


def write_settings(config_path: Path, settings: dict[str, Any]) -> None:
    text = config_path.read_text(encoding="utf-8") if config_path.is_file() else ""
    try:
        doc = tomlkit.parse(text)
    except TOMLKitError as exc:
        raise UserError(f"{config_path} is not valid TOML ({exc}); fix it before choosing a model") from None
    for dotted, value in settings.items():
        *sections, key = dotted.split(".")
        table: Any = doc
        for section in sections:
            if section not in table:
                if value is None:
                    table = None
                    break
                table[section] = tomlkit.table()
            table = table[section]
        if table is None:
            continue
        if value is None:
            table.pop(key, None)
        else:
            table[key] = value
    new_text = tomlkit.dumps(doc)
    # validate exactly what will be written, through the same loader the assistant uses
    config_path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=config_path.parent, prefix=f".{config_path.name}.", suffix=".toml")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(new_text)
    try:
        load_config(tmp)
    except UserError:
        os.unlink(tmp)
        raise
    os.replace(tmp, config_path)
