"""`assistant bench --soak N`: N turns of the default stack in a process of its own, cycling a command
set, and its peak RSS. One `assistant listen --no-wake --wav` run holds every turn, so the models, the
dialogue, ONNX Runtime's arenas and llama.cpp's caches live for the whole soak: what a long session
keeps shows here and not in a run of 40 commands."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import soundfile

from ..audio import SAMPLE_RATE
from ..errors import UserError
from .runner import _peak_kb


def _rss_kb(pid: int) -> int:
    """VmRSS of a running process (0 once it is gone)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _replies(events: Path) -> int:
    try:
        return events.read_text(encoding="utf-8").count('"type": "reply"')
    except OSError:
        return 0


def run_soak(
    config: Any,
    turns: int,
    commands: str | None = None,
    quick: bool = False,
    config_path: str | None = None,
    progress=print,
) -> dict[str, Any]:
    from ..plugins import discover_skills
    from ..tts.piper_tts import PiperTts
    from .stimuli import load_commands, stimuli

    if turns < 1:
        raise UserError("--soak takes the number of turns, at least 1 (e.g. --soak 300)")
    chosen = load_commands(commands, quick, discover_skills(config))
    stims = stimuli(PiperTts(deterministic=True), chosen, config.vad.aggressiveness)
    with tempfile.TemporaryDirectory(prefix="bench-soak-") as tmp:
        wavs = []
        for i, stim in enumerate(stims):  # each command written once, played in turn
            wavs.append(str(Path(tmp) / f"{i}.wav"))
            soundfile.write(wavs[-1], stim.pcm, SAMPLE_RATE, subtype="PCM_16")
        plan = [wavs[i % len(wavs)] for i in range(turns)]
        events = Path(tmp) / "events.jsonl"
        cmd = [sys.executable, "-m", "assistant", *(["--config", config_path] if config_path else [])]
        cmd += ["--no-ui", "listen", "--no-wake", "--wav", *plan, "--events", str(events)]
        progress(f"soak: {turns} turns cycling {len(stims)} commands in a process of its own ...")
        start = time.monotonic()
        with open(Path(tmp) / "stderr", "w+b") as err:
            proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err)
            peak_kb, rss_kb, replies = 0, 0, 0
            at_first_reply: float | None = None
            every_100: list[float] = []
            last_read = 0.0
            while proc.poll() is None:
                # VmHWM is the kernel's own peak: a spike between two samples still counts. Read after the
                # RSS, so the peak holds it (read before, the RSS could grow past it in between)
                rss_kb = _rss_kb(proc.pid) or rss_kb
                peak_kb = max(peak_kb, _peak_kb(proc.pid), rss_kb)
                if time.monotonic() - last_read > 0.25:
                    last_read, replies = time.monotonic(), _replies(events)
                    if replies >= 1 and at_first_reply is None:
                        at_first_reply = round(rss_kb / 1024, 1)
                    if replies >= 100 * (len(every_100) + 1):
                        every_100.append(round(rss_kb / 1024, 1))
                        progress(f"  {replies} replies, RSS {every_100[-1]} MB, peak {peak_kb / 1024:.1f} MB")
                time.sleep(0.05)
            err.seek(0)
            tail = err.read().decode(errors="replace")[-300:]
        replies = _replies(events)
        if at_first_reply is None and replies:  # a session shorter than one reading of its events
            at_first_reply = round(rss_kb / 1024, 1)
        kinds = [json.loads(line).get("type") for line in events.read_text().splitlines()] if events.exists() else []
    if proc.returncode != 0 or peak_kb == 0:
        raise UserError(f"the soak's session failed (exit {proc.returncode}): {tail.strip()}")
    return {
        "turns": turns,
        "commands": len(stims),
        "replies": replies,
        "error_events": kinds.count("error"),
        "wall_s": round(time.monotonic() - start, 1),
        "peak_rss_mb": round(peak_kb / 1024, 1),  # MiB, as the bench's peak_rss_mb
        "rss_mb_at_first_reply": at_first_reply,
        "rss_mb_at_end": round(rss_kb / 1024, 1),
        "rss_mb_every_100_turns": every_100,
    }
