#!/usr/bin/env python
"""The neural speech check (audio/speech_check.py) on speech and noise, full band and telephone band.

Speaks a sample of a labelled JSONL file's commands with the default voice and makes noise (white, pink,
brown, clipped white, square waves); each is also passed through a 300-3400 Hz, 8 kHz band with sox and
back to 16 kHz, as the loop's source resamples it. For each threshold, how many speech clips would be
rejected (fewer than MIN_CHUNKS chunks at or over it) and each noise's peak and chunk counts.

    .venv/bin/python scripts/eval_speech_check.py ../shared/data/intent-train/intent_train.jsonl [--n 150]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.audio.sources import read_wav, to_pcm16  # noqa: E402
from assistant.audio.speech_check import MIN_CHUNKS, SpeechCheck  # noqa: E402
from assistant.bench.eval_spoken import perturb  # noqa: E402

THRESHOLDS = (0.5, 0.4, 0.3)


def telephone(pcm: np.ndarray, folder: Path) -> np.ndarray:
    """The spoken evaluation's telephone band (eval_spoken.perturb), back at 16 kHz as the loop reads it."""
    return read_wav(perturb(pcm, "phone", folder, 0))


def noises(rng: np.random.Generator) -> dict[str, np.ndarray]:
    n = 16000 * 20
    out = {}
    f = np.fft.rfftfreq(n, 1 / 16000)
    f[0] = 1.0
    for name, alpha in (("white", 0), ("pink", 1), ("brown", 2)):
        spec = (rng.normal(size=len(f)) + 1j * rng.normal(size=len(f))) / f ** (alpha / 2)
        base = np.fft.irfft(spec, n)
        base /= np.abs(base).max()
        for level in (1000, 5000, 20000, 32767):
            out[f"{name} {level}"] = np.clip(base * level, -32768, 32767).astype(np.int16)
    out["white clipped"] = np.clip(rng.normal(0, 30000, n), -32768, 32767).astype(np.int16)
    t = np.arange(16000 * 5) / 16000
    for f0 in (100, 250, 440, 1000):
        out[f"square {f0} Hz"] = (8000 * np.sign(np.sin(2 * np.pi * f0 * t))).astype(np.int16)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("file", type=Path)
    ap.add_argument("--n", type=int, default=150)
    ap.add_argument("--seed", type=int, default=4)
    args = ap.parse_args()
    from assistant.tts.piper_tts import PiperTts

    rows = [json.loads(x) for x in args.file.read_text(encoding="utf-8").split("\n") if x.strip()]
    sample = random.Random(args.seed).sample(rows, min(args.n, len(rows)))
    tts = PiperTts(None)
    check = SpeechCheck()
    folder = Path(tempfile.mkdtemp(prefix="speech-check-"))
    rejected = {band: {t: [] for t in THRESHOLDS} for band in ("full band", "telephone band")}
    for row in sample:
        pcm = to_pcm16(tts.synthesize_all(row["text"]), tts.sample_rate)
        for band, audio in (("full band", pcm), ("telephone band", telephone(pcm, folder))):
            p = check.probabilities(audio)
            for t in THRESHOLDS:
                if (p >= t).sum() < MIN_CHUNKS:
                    rejected[band][t].append(row["text"])
    print(f"speech: {len(sample)} commands; rejected as not speech (fewer than {MIN_CHUNKS} chunks at the threshold)")
    for band, by in rejected.items():
        print(f"  {band}: " + ", ".join(f"{t}: {len(v)}" for t, v in by.items()))
    print("noise: peak, and chunks at " + " / ".join(str(t) for t in THRESHOLDS))
    for name, audio in noises(np.random.default_rng(args.seed)).items():
        for band, a in (("full band", audio), ("telephone band", telephone(audio, folder))):
            p = check.probabilities(a)
            print(f"  {name}, {band}: {p.max():.3f}, " + " / ".join(str(int((p >= t).sum())) for t in THRESHOLDS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
