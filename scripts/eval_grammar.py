#!/usr/bin/env python
"""How often the command grammar (`[latency] grammar = true`, asr/grammar_engine.py) writes what was said.

Speaks a sample of a labelled JSONL file's commands with the default voice, clean and with white noise
at 15 dB SNR, feeds each to the grammar decoder as the loop does, and reports, for each score threshold,
how many hypotheses that parse as a template would be taken as the final and how many of those are
what was said (numbers compared as words). Use commands nobody wrote for the templates (the public
training file), not the templates' own sentences.

    .venv/bin/python scripts/eval_grammar.py ../shared/data/intent-train/intent_train.jsonl \
        [--other 120] [--per-label 30] [--seed 1] [--out rows.jsonl]
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

from assistant.asr.command_grammar import number_words  # noqa: E402
from assistant.audio.sources import frames_from_pcm, read_wav, to_pcm16  # noqa: E402
from assistant.bench.eval_spoken import perturb  # noqa: E402
from assistant.config import load_config  # noqa: E402
from assistant.runtime import load_runtime  # noqa: E402
from assistant.text import normalize  # noqa: E402

SKILL_LABELS = ("chitchat", "find_restaurant", "get_time", "set_timer", "weather")
THRESHOLDS = (0.55, 0.60, 0.65, 0.70)


def as_words(text: str) -> str:
    """The text with its numerals spelt as the grammar spells them."""
    out: list[str] = []
    for w in normalize(text).split():
        out += number_words(int(w))[0].split() if w.isdigit() else w.split("-")
    return " ".join(out).replace("'", "")


def grammar_hypothesis(engine, pcm: np.ndarray) -> tuple[str, float]:
    """The grammar decoder's hypothesis and score at the end of the utterance, as the session's final
    records them (`FastSession.info`)."""
    session = engine.session()
    for frame in frames_from_pcm(pcm):
        session.accept(frame.pcm)
    session.finish()
    return session.info["grammar_text"], session.info["grammar_score"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("file", type=Path)
    ap.add_argument("--other", type=int, default=120, help="rows labelled other")
    ap.add_argument("--per-label", type=int, default=30, help="rows of each skill label")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, help="one JSON line per utterance")
    args = ap.parse_args()
    # split on newlines only: str.splitlines also splits inside a text at U+2028 and the like
    rows = [json.loads(line) for line in args.file.read_text(encoding="utf-8").split("\n") if line.strip()]
    rng = random.Random(args.seed)
    by: dict[str, list[dict]] = {}
    for r in rows:
        by.setdefault(r["label"], []).append(r)
    sample = rng.sample(by.get("other", []), min(args.other, len(by.get("other", []))))
    for label in SKILL_LABELS:
        sample += rng.sample(by.get(label, []), min(args.per_label, len(by.get(label, []))))
    overrides = {"latency.grammar": True, "latency.speculate": False, "llm.enabled": False}
    rt = load_runtime(load_config(None, overrides))
    rt.wait_ready()
    folder = Path(tempfile.mkdtemp(prefix="eval-grammar-"))
    results = []
    for i, r in enumerate(sample):
        pcm = to_pcm16(rt.tts.synthesize_all(r["text"]), rt.tts.sample_rate)
        pcm = np.concatenate([np.zeros(8000, np.int16), pcm, np.zeros(8000, np.int16)])
        noisy = read_wav(perturb(pcm, "noise", folder, args.seed + i))  # as `eval spoken` adds it
        for condition, audio in (("clean", pcm), ("noise", noisy)):
            text, score = grammar_hypothesis(rt.asr, audio)
            results.append(
                {"label": r["label"], "said": r["text"], "condition": condition, "hypothesis": text,
                 "score": round(score, 4), "parses": bool(text) and rt.asr.parses(text),
                 "right": as_words(text) == as_words(r["text"])}
            )
    if args.out:
        args.out.write_text("".join(json.dumps(r) + "\n" for r in results), encoding="utf-8")
    parsed = [r for r in results if r["parses"]]
    print(f"utterances {len(results)}, hypotheses that parse {len(parsed)}, "
          f"of them what was said {sum(r['right'] for r in parsed)}")
    print("| min score | taken as the final | what was said | something else |")
    print("|---|---|---|---|")
    for t in THRESHOLDS:
        taken = [r for r in parsed if r["score"] >= t]
        right = sum(r["right"] for r in taken)
        print(f"| {t:.2f} | {len(taken)} | {right} | {len(taken) - right} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
