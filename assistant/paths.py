"""Where the assistant keeps its files: the usual per-user folders of the platform (platformdirs), so a
wheel installed anywhere and a source checkout behave alike.

| what | default on Linux | override |
|---|---|---|
| config file | ~/.config/assistant/config.toml (read when present) | --config FILE |
| data: restaurants, the drafts Maildir | ~/.local/share/assistant | --data-dir DIR, $ASSISTANT_DATA_DIR |
| downloaded models (models/, voices/) | the data folder | --download-dir DIR, $ASSISTANT_DOWNLOAD_DIR |
| cache: prompt states, grammars, bench audio | ~/.cache/assistant | $ASSISTANT_CACHE_DIR |

The folders are looked up when needed (not at import), so the command line, the environment and the
XDG_* variables (tests point them at temporary folders) all take effect.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "assistant"
_CHECKOUT = Path(__file__).resolve().parent.parent  # the source checkout, when run from one
_chosen: dict[str, Path] = {}  # set from the command line (configure); wins over the environment


def configure(data_dir: str | Path | None = None, download_dir: str | Path | None = None) -> None:
    """The command line's --data-dir / --download-dir, for the rest of the process."""
    for key, value in (("data", data_dir), ("download", download_dir)):
        if value:
            _chosen[key] = Path(value).expanduser().resolve()


def _pick(key: str, env: str) -> Path | None:
    if key in _chosen:
        return _chosen[key]
    value = os.environ.get(env)
    return Path(value).expanduser().resolve() if value else None


def config_file() -> Path:
    return platformdirs.user_config_path(APP) / "config.toml"


def data_dir() -> Path:
    return _pick("data", "ASSISTANT_DATA_DIR") or platformdirs.user_data_path(APP)


def cache_dir() -> Path:
    return _pick("cache", "ASSISTANT_CACHE_DIR") or platformdirs.user_cache_path(APP)


def _legacy_checkout() -> Path | None:
    """A source checkout whose models/ already holds models (installed before the data folder was the
    default) keeps using them, rather than assembling ~800 MB again elsewhere. A fresh clone's models/
    has only its README, so it gets the data folder."""
    models = _CHECKOUT / "models"
    if not (_CHECKOUT / "pyproject.toml").is_file() or not models.is_dir():
        return None
    return _CHECKOUT if any(p.name != "README.md" for p in models.iterdir()) else None


def download_dir() -> Path:
    """The folder holding models/ and voices/: what install and `assistant models pull` write."""
    return _pick("download", "ASSISTANT_DOWNLOAD_DIR") or _legacy_checkout() or data_dir()


def models_dir() -> Path:
    """Vosk and GGUF models, the assembled default language model."""
    return download_dir() / "models"


def voices_dir() -> Path:
    """Piper voices added by the user (NAME.onnx + NAME.onnx.json)."""
    return download_dir() / "voices"


def drafts_maildir() -> Path:
    """The Maildir email drafts go to when [email] names none: drafting works before any setup."""
    return data_dir() / "Mail"
