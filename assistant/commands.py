"""Subcommands beyond the core loop. Each module listed in COMMAND_MODULES has
`register(sub, common) -> dict[str, handler]`: it adds its argparse subparsers (calling `common(p)` on
each so --config works everywhere) and returns {command name: handler(args) -> exit code}."""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable

# one line per feature module; keep alphabetical to avoid edit clashes
COMMAND_MODULES: list[str] = [
    "assistant.catalog.cli",
    "assistant.config_cli",
    "assistant.doctor",
    "assistant.bench.commands",
    "assistant.bench.eval_intents",
    "assistant.listen.commands",
    "assistant.places.commands",
    "assistant.wyoming.commands",
]

EXTRA_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {}


def register_extra(sub, common: Callable[[argparse.ArgumentParser], None]) -> None:
    for name in COMMAND_MODULES:
        module = importlib.import_module(name)
        EXTRA_COMMANDS.update(module.register(sub, common))
