"""Subcommands beyond the core loop register here (eval, bench, models, serve, ...)."""

from __future__ import annotations

import argparse
from collections.abc import Callable

EXTRA_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {}


def register_extra(sub, common: Callable[[argparse.ArgumentParser], None]) -> None:
    pass
