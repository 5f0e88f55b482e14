#!/usr/bin/env python
"""Whisper with and without the room's echo taken out (audio/dereverb.py), on rows spoken by Piper, dry
and in `eval spoken`'s simulated rooms (the same seeds: row i of the sample is room seed + i).

    .venv/bin/python scripts/eval_dereverb.py ../shared/data/intent-dev/intent_dev.jsonl --per-label 16 --seed 7 \
        [--keep DIR]

Each recording is transcribed whole (no loop: deterministic) with `[asr] dereverb` off and "auto", and
the transcript routed without the language model. Prints words wrong and rows routed right per
condition, and the decay rates the "auto" estimate read. --keep writes the WAVs and a rows file that
`assistant eval spoken DIR/spoken.jsonl --seed SEED --conditions clean,room` plays through the loop.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
import soundfile

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_asr import word_errors  # noqa: E402

from assistant.audio.dereverb import Dereverb, band_energy, decay_rate  # noqa: E402
from assistant.audio.sources import to_pcm16  # noqa: E402
from assistant.bench.eval_spoken import SR, balanced_sample, in_a_room, padded, read_rows  # noqa: E402
from assistant.config import load_config  # noqa: E402
from assistant.runtime import load_runtime  # noqa: E402
from assistant.text import normalize  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("--per-label", type=int, default=16)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--keep", type=Path)
    a = ap.parse_args()
    rows = balanced_sample(read_rows(Path(a.file)), a.per_label, a.seed)
    rt = load_runtime(load_config(None))
    fallback = rt.router.fallback.get()
    fallback.need_args, fallback.llm = False, None  # unsure rows go to `other`: the label is scored
    whisper = rt.asr.whisper
    recordings = []
    for i, row in enumerate(rows, 1):
        dry = padded(to_pcm16(rt.tts.synthesize_all(row["text"]), rt.tts.sample_rate))  # as eval spoken pads them
        recordings.append((row, {"clean": dry, "room": in_a_room(dry, a.seed + i)}))
        if a.keep:
            a.keep.mkdir(parents=True, exist_ok=True)
            soundfile.write(a.keep / f"{i:03d}.wav", dry, SR, subtype="PCM_16")
    if a.keep:
        lines = [json.dumps({"wav": f"{i:03d}.wav", "label": r["label"], "text": r["text"]}) for i, (r, _) in enumerate(recordings, 1)]
        (a.keep / "spoken.jsonl").write_text("\n".join(lines) + "\n")
    print("| dereverb | condition | words wrong | routed right | steepest falls min / median / max (dB/s) |")
    print("|---|---|---|---|---|")
    for mode, dereverb in (("off", None), ("auto", Dereverb())):
        whisper.dereverb = dereverb
        for condition in ("clean", "room"):
            wrong = total = right = 0
            rates = []
            for row, audio in recordings:
                pcm = audio[condition]
                rates.append(decay_rate(band_energy(pcm)))
                text = whisper.transcribe(pcm.tobytes())
                ref = normalize(row["text"]).split()
                wrong, total = wrong + word_errors(ref, text.split()), total + len(ref)
                right += (rt.router.route(text).name if text else "(nothing)") == row["label"]
            print(
                f"| {mode} | {condition} | {100 * wrong / total:.1f}% | {right}/{len(recordings)} | "
                f"{min(rates):.0f} / {np.median(rates):.0f} / {max(rates):.0f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
