"""Reading the JSONL files every evaluation takes (labelled commands, spoken rows, bench command sets),
in a module of its own so the evaluations import it rather than each other."""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import UserError


def json_lines(path: Path, shape: str) -> list[tuple[int, object]]:
    """(line number, value) of each non-empty line of a JSONL file; `shape` says in the errors what a
    line should be. Lines split at newlines only: texts may hold other Unicode line separators."""
    if not path.is_file():
        raise UserError(f"{path} does not exist; give a JSONL file with one {shape} per line")
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if line.strip():
            try:
                rows.append((n, json.loads(line)))
            except json.JSONDecodeError:
                raise UserError(f"{path} line {n} is not a JSON object with {shape}") from None
    if not rows:
        raise UserError(f"{path} has no rows")
    return rows
