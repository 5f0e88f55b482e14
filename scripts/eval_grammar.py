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
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.audio.sources import frames_from_pcm, to_pcm16  # noqa: E402
from assistant.config import load_config  # noqa: E402
from assistant.runtime import load_runtime  # noqa: E402
from assistant.text import normalize  # noqa: E402

SKILL_LABELS = ("chitchat", "find_restaurant", "get_time", "set_timer", "weather")
THRESHOLDS = (0.55, 0.60, 0.65, 0.70)


def as_words(text: str, speller) -> str:
    out: list[str] = []
    for w in normalize(text).split():
        out += normalize(speller.format_number(int(w)).text).split() if w.isdigit() else w.split("-")
    return " ".join(out).replace("'", "")


def grammar_hypothesis(engine, pcm: np.ndarray) -> tuple[str, float]:
    """The grammar decoder's hypothesis and score at the end of the utterance (no Whisper pass)."""
    session = engine.session()
    for frame in frames_from_pcm(pcm):
        session.accept(frame.pcm)
    session.grammar.end_utt()
    engine.grammar_owner = None
    return session._grammar_hyp_final()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("file", type=Path)
    ap.add_argument("--other", type=int, default=120, help="rows labelled other")
    ap.add_argument("--per-label", type=int, default=30, help="rows of each skill label")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, help="one JSON line per utterance")
    args = ap.parse_args()
    from unicode_rbnf import RbnfEngine

    speller = RbnfEngine.for_language("en")
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
    noise = np.random.default_rng(args.seed)
    results = []
    for r in sample:
        pcm = to_pcm16(rt.tts.synthesize_all(r["text"]), rt.tts.sample_rate)
        pcm = np.concatenate([np.zeros(8000, np.int16), pcm, np.zeros(8000, np.int16)])
        x = pcm.astype(np.float64)
        power = np.mean(x[np.abs(x) > 0] ** 2)
        noisy = np.clip(x + noise.normal(0, np.sqrt(power / 10**1.5), x.shape), -32768, 32767).astype(np.int16)
        for condition, audio in (("clean", pcm), ("noise", noisy)):
            text, score = grammar_hypothesis(rt.asr, audio)
            results.append(
                {"label": r["label"], "said": r["text"], "condition": condition, "hypothesis": text,
                 "score": round(score, 4), "parses": bool(text) and rt.asr.parses(text),
                 "right": as_words(text, speller) == as_words(r["text"], speller)}
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
