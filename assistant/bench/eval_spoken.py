"""`assistant eval spoken FILE.jsonl`: routing accuracy end to end, from sound, beside text accuracy.

Each row is {"text", "label"} (spoken by the configured voice) or {"wav", "label"} (a recording; its
"text", when given, is what the text router is scored on). Each recording is played through the real
loop (VAD, recognizer, router; no wake word) once per condition:

    clean      as synthesized or recorded
    slow, fast tempo 0.9 / 1.1 (sox, pitch kept)
    noise      white noise at 15 dB SNR (seeded)
    phone      8 kHz telephone band (300-3400 Hz), as a phone or a cheap microphone gives
    room       said 1-3 m from the microphone in a simulated room (pyroomacoustics' image-source
               model; a shoebox 3-7 m x 3-5 m, reverberation time 0.3-0.7 s; seeded per row)

and the first `intent` event of the turn is the prediction (no intent at all counts as wrong). The
report is per label: text accuracy of the same rows (the router on the written words) and accuracy per
condition, so the gap is what speech costs.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import numpy as np
import soundfile

from ..errors import UserError
from .jsonl import json_lines

SR = 16000
CONDITIONS = ("clean", "slow", "fast", "noise", "phone", "room")
NOISE_SNR_DB = 15.0


def read_rows(path: Path) -> list[dict]:
    shape = '"label" and "text" or "wav"'
    rows = []
    for n, row in json_lines(path, shape):
        if not isinstance(row, dict) or "label" not in row or not (row.get("text") or row.get("wav")):
            raise UserError(f"{path} line {n} is not a JSON object with {shape}")
        if row.get("wav"):
            wav = Path(row["wav"]) if Path(row["wav"]).is_absolute() else path.parent / row["wav"]
            if not wav.is_file():
                raise UserError(f"{path} line {n}: the recording {wav} does not exist")
            row["wav"] = str(wav)
        rows.append(row)
    return rows


def balanced_sample(rows: list[dict], per_label: int | None, seed: int) -> list[dict]:
    if not per_label:
        return rows
    by_label: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by_label[r["label"]].append(r)
    rng = random.Random(seed)
    out = []
    for label in sorted(by_label):
        group = by_label[label]
        out += rng.sample(group, min(per_label, len(group)))
    return out


def perturb(pcm: np.ndarray, condition: str, folder: Path, seed: int) -> Path:
    """The recording under one condition, as a WAV file the loop plays (the source resamples)."""
    clean = folder / "clean.wav"
    soundfile.write(clean, pcm, SR, subtype="PCM_16")
    if condition == "clean":
        return clean
    out = folder / f"{condition}.wav"
    if condition == "noise":
        x = pcm.astype(np.float64)
        power = np.mean(x[np.abs(x) > 0] ** 2) if np.any(x) else 1.0
        noise = np.random.default_rng(seed).normal(0.0, np.sqrt(power / 10 ** (NOISE_SNR_DB / 10)), x.shape)
        soundfile.write(out, np.clip(x + noise, -32768, 32767).astype(np.int16), SR, subtype="PCM_16")
        return out
    if condition == "room":
        soundfile.write(out, in_a_room(pcm, seed), SR, subtype="PCM_16")
        return out
    effects = {
        "slow": ["tempo", "0.9"],
        "fast": ["tempo", "1.1"],
        "phone": ["sinc", "300-3400", "rate", "8000"],
    }[condition]
    subprocess.run(["sox", str(clean), str(out), *effects], check=True, capture_output=True)
    return out


def padded(pcm: np.ndarray) -> np.ndarray:
    """A row's speech with silence around it: half a second before, a second after, as a person pauses."""
    pad = np.zeros(SR // 2, np.int16)
    return np.concatenate([pad, pcm, pad, pad])


def in_a_room(pcm: np.ndarray, seed: int) -> np.ndarray:
    """The recording as a microphone 1-3 m away hears it in a seeded shoebox room, at the same loudness.

    The reverberation time is chosen and the walls' absorption follows from it (Sabine's formula), as a
    furnished living room (~0.3 s) to a bare kitchen (~0.7 s) give."""
    try:
        import pyroomacoustics as pra
    except ImportError:
        raise UserError("the room condition needs pyroomacoustics: pip install 'assistant-offline[bench]'") from None
    from scipy.signal import fftconvolve

    rng = np.random.default_rng(seed)
    dims = rng.uniform([3.0, 3.0, 2.4], [7.0, 5.0, 3.0])
    absorption, max_order = pra.inverse_sabine(rng.uniform(0.3, 0.7), dims)
    room = pra.ShoeBox(dims, fs=SR, materials=pra.Material(absorption), max_order=max_order)
    mic = rng.uniform([0.5, 0.5, 0.8], dims - [0.5, 0.5, 1.2])  # on a shelf or a table, off the walls
    while True:  # a speaker standing or sitting 1-3 m away, inside the room
        angle, dist = rng.uniform(0, 2 * np.pi), rng.uniform(1.0, 3.0)
        src = np.array([mic[0] + dist * np.cos(angle), mic[1] + dist * np.sin(angle), rng.uniform(1.1, 1.7)])
        if np.all(src[:2] > 0.3) and np.all(src[:2] < dims[:2] - 0.3):
            break
    room.add_source(src)
    room.add_microphone(mic)
    room.compute_rir()
    x = pcm.astype(np.float64)
    y = fftconvolve(x, room.rir[0][0])[: len(x)]
    y *= np.sqrt(np.mean(x**2) / max(np.mean(y**2), 1e-12))
    return np.clip(y, -32768, 32767).astype(np.int16)


def spoken_prediction(rt, wav: Path) -> str:
    """The intent the loop routes the recording to (a fresh loop per row: no dialogue carries over)."""
    from ..audio.sources import WavSource
    from ..pipeline import Pipeline

    events = []
    pipe = Pipeline(rt, events.append, wake=False)
    pipe.run(WavSource(wav).frames(0.0))
    pipe.flush()
    intents = [e for e in events if e.type == "intent"]
    return intents[0].intent if intents else "(nothing)"


def run(args: argparse.Namespace) -> int:
    from ..config import load_config
    from ..runtime import load_runtime

    if shutil.which("sox") is None:
        raise UserError("sox is missing: apt-get install sox (it changes the tempo and the band)")
    conditions = [c.strip() for c in args.conditions.split(",") if c.strip()]
    bad = [c for c in conditions if c not in CONDITIONS]
    if bad:
        raise UserError(f"unknown condition {bad[0]!r}; choose from {', '.join(CONDITIONS)}")
    rows = balanced_sample(read_rows(Path(args.file)), args.per_label, args.seed)
    overrides = {"vad.follow_up_s": 0.0}
    if args.no_llm:
        overrides["llm.enabled"] = False
    rt = load_runtime(load_config(args.config, overrides))
    results = []
    with tempfile.TemporaryDirectory(prefix="eval-spoken-") as tmp:
        folder = Path(tmp)
        for i, row in enumerate(rows, 1):
            text = row.get("text", "")
            res = {"label": row["label"], "text": text}
            res["text_predicted"] = rt.router.route(text).name if text else None
            if row.get("wav"):
                from ..audio.sources import read_wav

                pcm = read_wav(Path(row["wav"]))
            else:
                from ..audio.sources import to_pcm16

                pcm = to_pcm16(rt.tts.synthesize_all(text), rt.tts.sample_rate)
            pcm = padded(pcm)
            for c in conditions:
                res[c] = spoken_prediction(rt, perturb(pcm, c, folder, args.seed + i))
            results.append(res)
            if args.progress:
                print(f"{i}/{len(rows)} {json.dumps(res)}", file=sys.stderr, flush=True)
    if args.out:
        Path(args.out).write_text("".join(json.dumps(r) + "\n" for r in results), encoding="utf-8")
    print(markdown(results, conditions))
    return 0


def markdown(results: list[dict], conditions: list[str]) -> str:
    def share(rows: list[dict], key: str) -> float | None:
        scored = [r for r in rows if r.get(key) is not None]
        return 100 * sum(r[key] == r["label"] for r in scored) / len(scored) if scored else None

    def acc(rows: list[dict], key: str) -> str:
        v = share(rows, key)
        return "-" if v is None else f"{v:.1f}"

    labels = sorted({r["label"] for r in results})
    head = "| label | rows | text | " + " | ".join(conditions) + " |"
    lines = [head, "|---" * (3 + len(conditions)) + "|"]
    for lab in labels:
        rows = [r for r in results if r["label"] == lab]
        lines.append(
            f"| {lab} | {len(rows)} | {acc(rows, 'text_predicted')} | "
            + " | ".join(acc(rows, c) for c in conditions)
            + " |"
        )
    lines.append(
        f"| **all** | {len(results)} | {acc(results, 'text_predicted')} | "
        + " | ".join(acc(results, c) for c in conditions)
        + " |"
    )

    def macro(key: str) -> str:
        per = [share([r for r in results if r["label"] == lab], key) for lab in labels]
        per = [v for v in per if v is not None]
        return f"{np.mean(per):.1f}" if per else "-"

    lines.append("| macro recall | | " + " | ".join(macro(k) for k in ["text_predicted", *conditions]) + " |")
    return "accuracy % by label (text: the router on the written words)\n\n" + "\n".join(lines)
