#!/usr/bin/env python
"""Wake word hit and false-accept rates on real recordings, through the same WakeGate the loop uses.

    .venv/bin/python scripts/eval_wake.py ../shared/data/wakeword-dev [--thresholds 1e-20 1e-30 1e-40]

The manifest lists "computer" and "hey computer" clips and other speech; each clip is padded with 1 s
of silence on both sides and played frame by frame.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from assistant.audio.sources import frames_from_pcm, read_wav
from assistant.listen.vad import Endpointer
from assistant.listen.wake import PocketsphinxWake, WakeGate


def detect(gate: WakeGate, pcm: np.ndarray) -> bool:
    pad = np.zeros(16000, dtype=np.int16)
    hit = False
    for f in frames_from_pcm(np.concatenate([pad, pcm, pad])):
        hit = bool(gate.accept(f.pcm, f.t)) or hit
    gate.reset()
    return hit


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("data", type=Path)
    ap.add_argument("--thresholds", nargs="+", type=float, default=[1e-20, 1e-30, 1e-40])
    args = ap.parse_args()
    rows = [json.loads(line) for line in (args.data / "manifest.jsonl").read_text().splitlines()]
    names = {"heycomputer": "hey computer"}
    clips = [
        (names.get(r.get("wake_word"), r.get("wake_word")), r["kind"], read_wav(args.data / r["path"]))
        for r in rows
    ]
    print('| kws_threshold | "computer" hits | "hey computer" hits | false accepts on other clips |')
    print("|---|---|---|---|")
    for th in args.thresholds:
        spotters = {w: PocketsphinxWake([w], th) for w in ("computer", "hey computer")}
        score = {"computer": [0, 0], "hey computer": [0, 0]}
        false = [0, 0]
        for word, kind, pcm in clips:
            if kind == "wake_word":
                gate = WakeGate(spotters[word], Endpointer(), refractory_s=0)
                score[word][0] += detect(gate, pcm)
                score[word][1] += 1
            else:
                # other speech must wake neither phrase
                false[0] += any(detect(WakeGate(s, Endpointer(), 0), pcm) for s in spotters.values())
                false[1] += 1
        c, h = score["computer"], score["hey computer"]
        print(f"| {th:g} | {c[0]}/{c[1]} | {h[0]}/{h[1]} | {false[0]}/{false[1]} |")


if __name__ == "__main__":
    main()
