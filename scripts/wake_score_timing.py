"""When an openWakeWord model's score passes each cut-off, relative to the end of its phrase.

Development clips that are not `eval wake`'s Piper positives: espeak-ng voices at two speeds, the phrase
alone and in a carrier sentence, sped up and slowed down. Prints one row per clip and, per cut-off, the
clips that passed it and the median time after the phrase's end (docs/wake.md).

    .venv/bin/python scripts/wake_score_timing.py okay_nabu
"""

from __future__ import annotations

import argparse

import numpy as np

from assistant.listen.calibrate import espeak_pcm, perturb
from assistant.listen.evaluate import speech_end_s

SR = 16000
VOICES = (
    ("en-us", 150), ("en-us", 190), ("en-gb-x-rp+m3", 180), ("en-us+f3", 130),
    ("en-029+m2", 165), ("en-gb-scotland", 160), ("en-us+m5", 140), ("en-gb", 175),
)  # fmt: skip
CUTOFFS = (0.5, 0.4, 0.3, 0.2, 0.1)


def scores(features, model_name: str, pcm: np.ndarray) -> list[tuple[float, float]]:
    """(seconds from the start of pcm, score) for each of the model's steps, fed 10 ms at a time."""
    from pyopen_wakeword import Model, OpenWakeWord

    model = OpenWakeWord.from_builtin(Model(model_name))
    out = []
    for i in range(0, len(pcm), 160):
        for emb in features.process_streaming(pcm[i : i + 160].tobytes()):
            out += [((i + 160) / SR, float(p)) for p in model.process_streaming(emb)]
    return out


def clips(phrase: str):
    """(where the phrase ends, s; the clip with 1 s of silence either side; its text) for each voice,
    carrier and speed"""
    pad = np.zeros(SR, np.int16)
    for voice, speed in VOICES:
        alone = espeak_pcm(f"{phrase}.", voice, speed)
        for text in (f"{phrase}.", f"{phrase}, what time is it?"):
            pcm = espeak_pcm(text, voice, speed)
            for factor in (0.9, 1.1):
                end = 1.0 + speech_end_s(perturb(alone, factor))  # the phrase ends where it ends alone
                yield end, np.concatenate([pad, perturb(pcm, factor), pad]), f"{voice} {speed} {factor} {text[:14]}"


def spotter_times(model_name: str, lookaheads: list[float], pause_ms: int) -> None:
    """The spotter's first wake after the phrase's end, per clip, for each look-ahead length (0: none)."""
    from assistant.listen.trained import OpenWakeWordWake, PauseWatch

    phrase = model_name.replace("_", " ")
    after: dict[float, list[float]] = {la: [] for la in lookaheads}
    n = 0
    for end, pcm, name in clips(phrase):
        n += 1
        row = []
        for la in lookaheads:
            spotter = OpenWakeWordWake([phrase], lookahead_s=la)  # a new one per clip: no history
            spotter.pauses = PauseWatch(pause_ms=pause_ms)
            woke = [(i + 160) / SR for i in range(0, len(pcm), 160) if spotter.accept(pcm[i : i + 160].tobytes())]
            if woke:
                after[la].append(woke[0] - end)
            row.append(f"{woke[0] - end:+.2f}" if woke else "  -  ")
        print(name, *row, flush=True)
    for la, xs in after.items():
        print(f"look-ahead {la} s: {len(xs)}/{n} clips, median {np.median(xs) if xs else float('nan'):.2f} s, "
              f"max {max(xs) if xs else float('nan'):.2f} s after the end")


def main() -> None:
    from pyopen_wakeword import OpenWakeWordFeatures

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("model", help="a built-in openWakeWord model, e.g. okay_nabu")
    ap.add_argument("--lookahead", help="comma-separated look-ahead lengths (s) to compare through the spotter")
    ap.add_argument("--pause-ms", type=int, default=90, help="the pause the spotter waits for (with --lookahead)")
    args = ap.parse_args()
    if args.lookahead:
        spotter_times(args.model, [float(x) for x in args.lookahead.split(",")], args.pause_ms)
        return
    phrase = args.model.replace("_", " ")
    features = OpenWakeWordFeatures.from_builtin()
    after: dict[float, list[float]] = {c: [] for c in CUTOFFS}
    n = 0
    for end, pcm, name in clips(phrase):
        trace = scores(features, args.model, pcm)
        n += 1
        row = []
        for c in CUTOFFS:
            first = next((t for t, p in trace if p > c), None)
            if first is not None:
                after[c].append(first - end)
            row.append(f"{first - end:+.2f}" if first is not None else "  -  ")
        print(name, f"max {max(p for _, p in trace):.3f}", *row, flush=True)
    for c in CUTOFFS:
        xs = after[c]
        print(
            f"cut-off {c}: {len(xs)}/{n} clips, median {np.median(xs) if xs else float('nan'):.2f} s after the end"
        )


if __name__ == "__main__":
    main()
