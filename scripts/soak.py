#!/usr/bin/env python
"""Soak test: N scripted turns through one `assistant listen` process; zero crashes and flat memory.

    .venv/bin/python scripts/soak.py --turns 1000 [--out soak.json]

Each turn is a WAV ("hey computer" + a command) synthesized once with Piper; the files are passed to a
single `listen` run, so models, dialogue and timers live for the whole soak. RSS is sampled from
outside with psutil; reported at the first reply (models loaded, warmed), at the end, and the peak.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import psutil
import soundfile

from assistant.audio.sources import to_pcm16
from assistant.tts.piper_tts import PiperTts

COMMANDS = [
    ("What time is it?", "get_time"),
    ("What's today's date?", "get_time"),
    ("Set a timer for ten minutes.", "set_timer"),
    ("How much time is left on my timer?", "set_timer"),
    ("Cancel my timer.", "set_timer"),
    ("What day is it today?", "get_time"),
    ("Order some Chinese food.", "other"),
]


def make_turns(folder: Path) -> list[tuple[Path, str]]:
    tts = PiperTts(deterministic=True)

    def speak(text: str) -> np.ndarray:
        return to_pcm16(tts.synthesize_all(text), tts.sample_rate)

    wake = speak("Hey computer.")
    quiet = np.zeros(8000, dtype=np.int16)
    out = []
    for i, (text, label) in enumerate(COMMANDS):
        path = folder / f"turn-{i}.wav"
        soundfile.write(
            path, np.concatenate([quiet, wake, quiet, speak(text), quiet]), 16000, subtype="PCM_16"
        )
        out.append((path, label))
    return out


def vm_hwm_mb(pid: int) -> float:
    """Peak resident set size of a live process as the kernel counts it (/proc/PID/status VmHWM)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024  # kB
    return 0.0


def rss_every(samples: list[tuple[float, float, int]], step: int) -> list[float]:
    """RSS (MB) at the first sample after every `step` replies."""
    out: list[float] = []
    for _, rss, replies in samples:
        if replies >= step * (len(out) + 1):
            out.append(round(rss, 1))
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--turns", type=int, default=1000)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--config", type=Path)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        turns = make_turns(folder)
        plan = [turns[i % len(turns)] for i in range(args.turns)]
        events_path = folder / "events.jsonl"
        cmd = [
            sys.executable,
            "-m",
            "assistant",
            "listen",
            "--events",
            str(events_path),
            "--wav",
            *[str(p) for p, _ in plan],
        ]
        if args.config:
            cmd += ["--config", str(args.config)]
        start = time.monotonic()
        proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True)
        ps = psutil.Process(proc.pid)
        samples: list[tuple[float, float, int]] = []  # (seconds, rss MB, replies so far)
        hwm_mb = 0.0  # the kernel's own peak RSS of the process (VmHWM): a spike between samples counts
        while proc.poll() is None:
            try:
                rss = ps.memory_info().rss / 2**20
                hwm_mb = max(hwm_mb, vm_hwm_mb(proc.pid))
            except (psutil.NoSuchProcess, OSError):
                break
            replies = events_path.read_text().count('"type": "reply"') if events_path.exists() else 0
            samples.append((time.monotonic() - start, rss, replies))
            time.sleep(2.0)
        stderr = proc.stderr.read() if proc.stderr else ""
        events = [json.loads(line) for line in events_path.read_text().splitlines()]
    intents = [e["intent"] for e in events if e["type"] == "intent"]
    expected = [label for _, label in plan]
    first_reply = next((s for s in samples if s[2] >= 1), samples[0] if samples else (0, 0, 0))
    # the second half of the run against the first: a leak shows as a steady climb
    half = [s for s in samples if s[2] >= args.turns // 2]
    result = {
        "turns": args.turns,
        "exit_code": proc.returncode,
        "crashes": int(proc.returncode != 0) + stderr.count("Traceback"),
        "error_events": sum(e["type"] == "error" for e in events),
        "intents_seen": len(intents),
        "intents_as_expected": sum(a == b for a, b in zip(intents, expected, strict=False)),
        "wall_s": round(time.monotonic() - start, 1),
        "rss_mb_at_first_reply": round(first_reply[1], 1),
        "rss_mb_at_half": round(half[0][1], 1) if half else None,
        "rss_mb_at_end": round(samples[-1][1], 1) if samples else None,
        "rss_mb_peak": round(hwm_mb, 1) if hwm_mb else None,  # VmHWM, read until the process ended
        "rss_mb_peak_sampled": round(max(s[1] for s in samples), 1) if samples else None,
        # a leak climbs steadily; a one-off allocation is a single step followed by a plateau
        "rss_mb_every_100_turns": rss_every(samples, 100),
    }
    print(json.dumps(result, indent=2))
    if args.out:
        args.out.write_text(json.dumps({**result, "rss_samples": samples}, indent=1))
    return 0 if result["crashes"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
