"""`assistant config init` (a commented TOML file with every setting at its default) and `assistant config
show` (the effective configuration). The comments come from the settings' own source lines in config.py
and the sections' models, so the file written and the code cannot drift apart."""

from __future__ import annotations

import argparse
import inspect
import os
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

import tomlkit
from pydantic import BaseModel

from . import paths
from .errors import UserError

# free-form sections (dict in Config) whose keys a skill validates: written from the skill's model, or
# from these lines for the weather skill, which reads its section directly
_WEATHER = """\
# url = "https://api.open-meteo.com/v1/forecast"  # any Open-Meteo-compatible server
# geocoding_url = "https://geocoding-api.open-meteo.com/v1/search"
# latitude = 47.14
# longitude = 9.52
# place = "Vaduz"
"""
_NETWORK = "allow = false  # the weather skill goes online only when this is true\n"
_SECRET = re.compile(r"password$|secret|token", re.I)


def register(sub, common) -> dict:
    p = sub.add_parser("config", help="write a commented config file, or show the effective configuration")
    common(p)
    actions = p.add_subparsers(dest="config_action", required=True)
    init = actions.add_parser("init", help="write every setting with its default and a comment")
    common(init)
    init.add_argument("path", nargs="?", help=f"where (default: --config, else {paths.config_file()})")
    init.add_argument("--force", action="store_true", help="replace an existing file")
    show = actions.add_parser("show", help="print the effective configuration as TOML")
    common(show)
    return {"config": cmd_config}


def cmd_config(args: argparse.Namespace) -> int:
    if args.config_action == "init":
        target = Path(args.path or args.config or paths.config_file()).expanduser()
        if target.exists() and not args.force:
            raise UserError(f"{target} exists; edit it, or pass --force to replace it with the defaults")
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(default_config_text())
        os.replace(tmp, target)
        print(f"wrote {target}")
        return 0
    sys.stdout.write(show_text(args.config))
    return 0


# -- init ------------------------------------------------------------------------------------------
def _comments(model: type[BaseModel]) -> dict[str, str]:
    """field -> its comment in the class source: the trailing `# ...` or the comment lines above."""
    out: dict[str, str] = {}
    above: list[str] = []
    for cls in reversed(model.__mro__):
        if not (isinstance(cls, type) and issubclass(cls, BaseModel)) or cls is BaseModel:
            continue
        try:
            lines = inspect.getsource(cls).splitlines()
        except (OSError, TypeError):
            continue
        for line in lines[1:]:
            s = line.strip()
            if s.startswith("#"):
                above.append(s.lstrip("# "))
                continue
            m = re.match(r"(\w+)\s*:", s)
            if m and m.group(1) in model.model_fields:
                trailing = s.split("  # ", 1)[1] if "  # " in s else ""
                info = model.model_fields[m.group(1)].description or ""
                out[m.group(1)] = " ".join(x for x in (*above, trailing, info) if x)
            above = []
    return out


def _value(v: Any) -> str:
    return tomlkit.item(v).as_string()


def _section_lines(model: type[BaseModel], skip: tuple[str, ...] = ()) -> list[str]:
    """Every key commented out at its default: the file documents the defaults without pinning them
    (a key written out counts as set, and a set key wins over what `language` picks)."""
    lines: list[str] = []
    notes = _comments(model)
    for name, field in model.model_fields.items():
        if name in skip:
            continue
        note = notes.get(name, "")
        if field.is_required():
            value = "(required)"
        else:
            default = field.get_default(call_default_factory=True)
            if isinstance(default, BaseModel):
                continue  # a section: written by the caller
            value = "(not set)" if default is None else _value(default)  # TOML has no null
        line = f"# {name} = {value}"
        if note and len(line) + len(note) + 4 <= 110:
            lines.append(f"{line}  # {note}")
        else:
            lines += [f"#   {piece}" for piece in _wrap(note) if piece] + [line]
    return lines


def _wrap(text: str, width: int = 100) -> list[str]:
    words, out, line = text.split(), [], ""
    for w in words:
        if line and len(line) + 1 + len(w) > width:
            out.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    return [*out, line] if line else out or [""]


def default_config_text() -> str:
    from .config import Config
    from .mail.settings import EmailSettings, SmtpSettings
    from .places.settings import RestaurantSettings

    free_form = ("email", "restaurants", "weather", "network")
    out = [
        "# assistant configuration: every setting with its default, commented out (README, 'Configuration').",
        "# Uncomment and change what you need; a key left commented keeps its default.",
        f"# data folder: {paths.data_dir()}  (models: {paths.models_dir()})",
        "",
        *_section_lines(Config, skip=free_form),
    ]
    for name, field in Config.model_fields.items():
        if isinstance(field.default, BaseModel):
            out += ["", f"[{name}]", *_section_lines(type(field.default))]
    out += ["", "[email]", f"#   default maildir: {paths.drafts_maildir()}"]
    out += _section_lines(EmailSettings, skip=("address_book", "smtp"))
    out += ['# [email.address_book]  # spoken name = "Full Name <address>"']
    out += ['# boss = "Carol King <carol@work.example>"', "", "# sending needs this section:", "# [email.smtp]"]
    out += _section_lines(SmtpSettings)
    out += ["", "[restaurants]", *_section_lines(RestaurantSettings)]
    out += ["", "[network]", f"# {_NETWORK.rstrip()}", "", "[weather]", _WEATHER.rstrip(), ""]
    return "\n".join(out)


# -- show ------------------------------------------------------------------------------------------
def _drop_none(value: Any, key: str = "") -> Any:
    if isinstance(value, dict):
        return {k: _drop_none(v, k) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_drop_none(v) for v in value]
    if key and isinstance(value, str) and _SECRET.search(key) and value:
        return "***"
    return value


def show_text(config_path: str | None) -> str:
    from .catalog.language_models import use_installed_models
    from .config import load_config

    config = use_installed_models(load_config(config_path))  # the settings as the assistant runs them
    head = [
        f"# config file: {config_path or 'none (' + str(paths.config_file()) + ' does not exist): defaults'}",
        f"# data folder: {paths.data_dir()}",
        f"# models: {paths.models_dir()}",
        f"# voices: {paths.voices_dir()}",
        f"# cache: {paths.cache_dir()}",
        f"# email drafts: {paths.drafts_maildir() if not config.email.get('maildir') else config.email['maildir']}",
        "",
    ]
    return "\n".join(head) + tomlkit.dumps(_drop_none(config.model_dump()))
