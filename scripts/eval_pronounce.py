#!/usr/bin/env python
"""How close espeak-ng's pronunciations (assistant/asr/pronounce.py) come to cmudict's, on random words.

    .venv/bin/python scripts/eval_pronounce.py [--n 2000]

Prints the share of words whose mapped phones equal one of cmudict's and the phone error rate
(edit distance / reference length, against the closest cmudict alternative), stress removed.
"""

from __future__ import annotations

import argparse
import random
from collections import Counter

from assistant.asr.pocketsphinx_engine import entry_word, full_dictionary
from assistant.asr.pronounce import espeak_phones, pronounceable


def edits(a: list[str], b: list[str]) -> int:
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, y in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (x != y))
    return row[-1]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    ref: dict[str, list[list[str]]] = {}
    with full_dictionary().open(encoding="utf-8") as f:
        for line in f:
            ref.setdefault(entry_word(line), []).append(line.split()[1:])
    words = sorted(w for w in ref if pronounceable(w) and "'" not in w and "." not in w)
    sample = random.Random(args.seed).sample(words, args.n)
    got = espeak_phones(sample)
    exact = err = total = 0
    confusions: Counter = Counter()
    for w in sample:
        best = min(ref[w], key=lambda r: edits(got.get(w, []), r))
        d = edits(got.get(w, []), best)
        exact += d == 0
        err += d
        total += len(best)
        if d and len(best) == len(got.get(w, [])):
            confusions.update((a, b) for a, b in zip(got[w], best, strict=True) if a != b)
    print(f"{args.n} words: {exact / args.n:.1%} exact, phone error rate {err / total:.1%}")
    print("commonest substitutions (espeak -> cmudict):", confusions.most_common(12))


if __name__ == "__main__":
    main()
