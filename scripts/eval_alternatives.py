#!/usr/bin/env python
"""Whisper's best reading against the router taking another reading of its beam (Router.heard), on rows
spoken by Piper, dry and in `eval spoken`'s simulated rooms (row i of the sample is room seed + i).

    .venv/bin/python scripts/eval_alternatives.py ../shared/data/intent-dev/intent_dev.jsonl --per-label 16 --seed 7
    .venv/bin/python scripts/eval_alternatives.py ../shared/data/intent-dev/intent_dev.jsonl --only other --rows 150 --seed 11

Each recording is transcribed whole (no loop: deterministic up to Piper's noise) with the default
settings (dereverberation "auto"), and routed without the language model: the best reading alone, then
as the loop does for a new command (the best reading unless the router is unsure of a skill for it and
sure for one of the beam's others). Prints rows routed right per label and condition, and each row that
changed. --only LABEL --rows N: N rows of one label (`other`: what the other readings may wrongly win).
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.audio.sources import to_pcm16  # noqa: E402
from assistant.bench.eval_spoken import balanced_sample, in_a_room, padded, read_rows  # noqa: E402
from assistant.config import load_config  # noqa: E402
from assistant.runtime import load_runtime  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("--per-label", type=int, default=16)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--only", help="one label's rows instead of a balanced sample")
    ap.add_argument("--rows", type=int, default=150)
    a = ap.parse_args()
    rows = read_rows(Path(a.file))
    if a.only:
        rows = [r for r in rows if r["label"] == a.only]
        random.Random(a.seed).shuffle(rows)
        rows = rows[: a.rows]
    else:
        rows = balanced_sample(rows, a.per_label, a.seed)
    rt = load_runtime(load_config(None))
    router, whisper = rt.router, rt.asr.whisper
    fallback = router.fallback.get()
    fallback.need_args, fallback.llm = False, None  # unsure rows keep the classifier's label: it is scored
    right = {c: (Counter(), Counter()) for c in ("clean", "room")}
    changed = []
    for i, row in enumerate(rows, 1):
        dry = padded(to_pcm16(rt.tts.synthesize_all(row["text"]), rt.tts.sample_rate))  # as eval spoken pads them
        for condition, pcm in (("clean", dry), ("room", in_a_room(dry, a.seed + i))):
            text = whisper.transcribe(pcm.tobytes())
            best = router.route(text) if text else None
            chosen = best
            if best is not None and not router.sure_of_skill(best) and (heard := router.heard(whisper.alternatives(text))):
                chosen = heard[1]
                changed.append(f"{condition} {row['label']}: {text!r} {best.name} -> {heard[0]!r} {chosen.name}")
            right[condition][0][row["label"]] += best is not None and best.name == row["label"]
            right[condition][1][row["label"]] += chosen is not None and chosen.name == row["label"]
    labels = sorted({r["label"] for r in rows})
    total = Counter(r["label"] for r in rows)
    print("| condition | reading | " + " | ".join(labels) + " | all |")
    print("|---|---|" + "---|" * (len(labels) + 1))
    for condition, (alone, heard) in right.items():
        for name, counts in (("best alone", alone), ("with the others", heard)):
            cells = " | ".join(f"{counts[lab]}/{total[lab]}" for lab in labels)
            print(f"| {condition} | {name} | {cells} | {sum(counts.values())}/{len(rows)} |")
    print("\nchanged:\n" + "\n".join(changed))


if __name__ == "__main__":
    main()
