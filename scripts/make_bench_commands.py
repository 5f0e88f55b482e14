#!/usr/bin/env python
"""Write the benchmark's command sets into the package, reproducibly.

    .venv/bin/python scripts/make_bench_commands.py ../shared/data/intent-dev/intent_dev.jsonl

`default.jsonl`: SIZE commands drawn with a fixed seed from intent-dev (CLINC150 val + SLURP devel),
nobody choosing them: every label in the file's own proportions (the share a user says them), except
that each skill label gets at least MIN_PER_SKILL (intent-dev's `other` is 84% of its rows; without a
floor set_timer would get no command). Within a label the rows are a seeded random sample; a text drawn
twice counts once. Each row keeps its source (file, 1-based line, label, the dataset's own label,
mapping, dataset and id). QUICK of them carry `"quick": true` (`assistant bench --quick`): every label
at least once, the rest in the default set's proportions.

`classic.jsonl`: the eight hand-picked commands the benchmark used until issue 18, kept as a named set.

Nothing here looks at how fast a command is: the draw depends only on the file, the seed and the sizes.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.text import normalize  # noqa: E402

OUT = ROOT / "assistant" / "bench" / "sets"
OTHER = "other"
SEED = 18  # the number: fixed once, never re-drawn for a better-looking set

# (text, intent): the hand-picked set; the second four were chosen because the templates miss them
CLASSIC = [
    ("what time is it", "get_time"),
    ("set a timer for ten minutes", "set_timer"),
    ("what day is it", "get_time"),
    ("cancel my timers", "set_timer"),
    ("tell me something funny", "chitchat"),
    ("wake me up in twenty minutes", "set_timer"),
    ("is it late already", "get_time"),
    ("what should i call you", "chitchat"),
]
CLASSIC_QUICK = {0, 1, 4, 5}  # the old --quick: two template commands, two the model routed


def allocate(total: int, weights: dict[str, float], floor: dict[str, int]) -> dict[str, int]:
    """Counts per label summing to `total`: proportional to `weights`, at least `floor[label]` each.
    Labels whose share is below their floor get the floor; the rest share what is left in proportion
    (largest remainder; ties to the label with more weight, then by name)."""
    fixed: dict[str, int] = {}
    while True:
        free = {lab: w for lab, w in weights.items() if lab not in fixed}
        left = total - sum(fixed.values())
        wsum = sum(free.values())
        below = [lab for lab, w in free.items() if left * w / wsum < floor.get(lab, 0)]
        if not below:
            break
        fixed |= {lab: floor[lab] for lab in below}
    if left < 0 or (left > 0 and not free):
        raise SystemExit(f"{total} commands cannot give every label its floor {floor}")
    share = {lab: left * w / wsum for lab, w in free.items()}
    counts = {lab: int(s) for lab, s in share.items()}
    order = sorted(free, key=lambda lab: (-(share[lab] - counts[lab]), -weights[lab], lab))
    for lab in order[: left - sum(counts.values())]:
        counts[lab] += 1
    return fixed | counts


def draw(rows: list[tuple[int, dict]], size: int, min_per_skill: int, seed: int) -> list[tuple[int, dict]]:
    by_label: dict[str, list[tuple[int, dict]]] = {}
    seen: set[str] = set()
    for n, row in rows:
        key = normalize(row["text"])
        if key and key not in seen:  # a text said twice in the file is one command
            seen.add(key)
            by_label.setdefault(row["label"], []).append((n, row))
    weights = {lab: float(len(v)) for lab, v in by_label.items()}
    floor = {lab: (1 if lab == OTHER else min_per_skill) for lab in by_label}
    counts = allocate(size, weights, floor)
    rng = random.Random(seed)
    picked = []
    for lab in sorted(by_label):
        if counts[lab] > len(by_label[lab]):
            raise SystemExit(f"label {lab} has {len(by_label[lab])} rows, {counts[lab]} asked for")
        picked += rng.sample(by_label[lab], counts[lab])
    return picked


def quick_marks(picked: list[tuple[int, dict]], size: int, dev_weights: dict[str, float]) -> set[int]:
    """Rows (by line number) of the quick subset: the first of each label in draw order, in the default
    set's own proportions; ties go to the label intent-dev holds more of."""
    counts = Counter(r["label"] for _, r in picked)
    weights = {lab: c + dev_weights[lab] / 1e9 for lab, c in counts.items()}  # tie-break only
    alloc = allocate(size, weights, {lab: 1 for lab in counts})
    out = set()
    for lab, k in alloc.items():
        out |= {n for n, _ in [p for p in picked if p[1]["label"] == lab][:k]}
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dev", type=Path, help="intent-dev/intent_dev.jsonl")
    ap.add_argument("--size", type=int, default=40)
    ap.add_argument("--min-per-skill", type=int, default=5)
    ap.add_argument("--quick", type=int, default=12)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--out", type=Path, default=OUT, help=f"folder (default {OUT.relative_to(ROOT)})")
    args = ap.parse_args()
    from assistant.bench.jsonl import json_lines

    rows = [(n, r) for n, r in json_lines(args.dev, '"text" and "label"')]  # type: ignore[misc]
    picked = draw(rows, args.size, args.min_per_skill, args.seed)  # type: ignore[arg-type]
    dev_weights = dict(Counter(r["label"] for _, r in rows))  # type: ignore[index]
    quick = quick_marks(picked, args.quick, dev_weights)
    source_file = f"{args.dev.parent.name}/{args.dev.name}"
    args.out.mkdir(parents=True, exist_ok=True)
    with open(args.out / "default.jsonl", "w", encoding="utf-8") as f:
        for n, r in sorted(picked, key=lambda p: (p[1]["label"], p[0])):
            row = {"text": r["text"], "intent": r["label"]}
            if n in quick:
                row["quick"] = True
            row["source"] = {
                "file": source_file,
                "row": n,
                "label": r["label"],
                "source_label": r.get("source_label"),
                "mapping": r.get("mapping"),
                "dataset": r.get("source"),
                "source_id": r.get("source_id"),
            }
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    with open(args.out / "classic.jsonl", "w", encoding="utf-8") as f:
        for i, (text, intent) in enumerate(CLASSIC):
            row = {"text": text, "intent": intent} | ({"quick": True} if i in CLASSIC_QUICK else {})
            f.write(json.dumps(row | {"source": "hand-picked for the first benchmark"}) + "\n")
    per = Counter(r["label"] for _, r in picked)
    per_quick = Counter(r["label"] for n, r in picked if n in quick)
    print(f"default: {len(picked)} commands {dict(sorted(per.items()))}")
    print(f"quick: {len(quick)} {dict(sorted(per_quick.items()))}; classic: {len(CLASSIC)}; in {args.out}")
    return 0


if __name__ == "__main__":
    from assistant.errors import UserError

    try:
        raise SystemExit(main())
    except UserError as exc:
        sys.exit(f"error: {exc}")
