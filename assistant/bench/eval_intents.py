"""`assistant eval intents FILE.jsonl`: routing accuracy on labelled commands.

Rows are {"text", "label"}. Every row goes through the real router (templates, classifier, language
model) as a spoken command would. Prints accuracy, per-label precision and recall, the confusion
matrix, mean and p95 latency, how often the language model was asked, and how many `other` rows went
to a skill with side effects.

`--split calibration|held-out` picks a fixed part of the file by a hash of the text (30% / 70%): the
router's thresholds were calibrated on the calibration part of the dev set, so report held-out.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from ..errors import UserError
from .jsonl import json_lines

CALIBRATION_SHARE = 3  # of 10 hash buckets


def in_calibration(text: str) -> bool:
    return int(hashlib.sha1(text.encode("utf-8")).hexdigest(), 16) % 10 < CALIBRATION_SHARE


def read_rows(path: Path) -> list[dict]:
    shape = '"text" and "label"'
    rows = []
    for n, row in json_lines(path, shape):
        try:
            rows.append({"text": str(row["text"]), "label": str(row["label"])})  # type: ignore[index]
        except (KeyError, TypeError):
            raise UserError(f"{path} line {n} is not a JSON object with {shape}") from None
    return rows


def select(rows: list[dict], split: str, sample: int | None, seed: int) -> list[dict]:
    if split != "all":
        rows = [r for r in rows if in_calibration(r["text"]) == (split == "calibration")]
    if sample and sample < len(rows):
        rows = random.Random(seed).sample(rows, sample)
    return rows


def report(results: list[dict], side_effect_skills: set[str]) -> dict:
    labels = sorted({r["label"] for r in results} | {r["predicted"] for r in results})
    n = len(results)
    correct = sum(r["label"] == r["predicted"] for r in results)
    per_label = {}
    for lab in labels:
        tp = sum(r["label"] == lab and r["predicted"] == lab for r in results)
        gold = sum(r["label"] == lab for r in results)
        pred = sum(r["predicted"] == lab for r in results)
        per_label[lab] = {
            "support": gold,
            "precision": tp / pred if pred else None,
            "recall": tp / gold if gold else None,
        }
    lat = sorted(r["seconds"] for r in results)
    return {
        "rows": n,
        "accuracy": correct / n,
        "per_label": per_label,
        "confusion": Counter((r["label"], r["predicted"]) for r in results),
        "labels": labels,
        "mean_s": statistics.fmean(lat),
        "p50_s": lat[min(n - 1, int(0.50 * n))],
        "p90_s": lat[min(n - 1, int(0.90 * n))],
        "p95_s": lat[min(n - 1, int(0.95 * n))],
        "llm_share": sum(r["llm"] for r in results) / n,
        "read_share": sum(r.get("read", False) for r in results) / n,
        "sources": Counter(r["source"] for r in results),
        "other_to_side_effect": sum(
            r["label"] == "other" and r["predicted"] in side_effect_skills for r in results
        ),
    }


def markdown(rep: dict) -> str:
    def pct(x):
        return "-" if x is None else f"{100 * x:.1f}%"

    lines = [
        f"rows {rep['rows']}, accuracy **{pct(rep['accuracy'])}**, mean {rep['mean_s'] * 1000:.0f} ms, "
        f"p50 {rep['p50_s'] * 1000:.0f} ms, p90 {rep['p90_s'] * 1000:.0f} ms, p95 {rep['p95_s'] * 1000:.0f} ms, language model asked for {pct(rep['llm_share'])} of rows, "
        f"arguments read from the words for {pct(rep['read_share'])}, "
        f"`other` rows sent to a side-effect skill: {rep['other_to_side_effect']}",
        f"decided by: {', '.join(f'{k} {v}' for k, v in sorted(rep['sources'].items()))}",
        "",
        "| label | support | precision | recall |",
        "|---|---|---|---|",
    ]
    for lab, m in rep["per_label"].items():
        lines.append(f"| {lab} | {m['support']} | {pct(m['precision'])} | {pct(m['recall'])} |")
    labs = rep["labels"]
    lines += ["", "confusion (rows: true label, columns: predicted)", ""]
    lines.append("| true \\ predicted | " + " | ".join(labs) + " |")
    lines.append("|---" * (len(labs) + 1) + "|")
    for gold in labs:
        counts = [str(rep["confusion"].get((gold, p), 0)) for p in labs]
        lines.append(f"| {gold} | " + " | ".join(counts) + " |")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    from ..config import load_config
    from ..runtime import load_runtime

    rows = select(read_rows(Path(args.file)), args.split, args.sample, args.seed)
    config = load_config(args.config)
    rt = load_runtime(config, audio=False, speech=False)
    router = rt.router
    fallback = router.fallback.get() if router.fallback is not None else None  # the LlmRouter
    if fallback is not None and args.labels_only:
        fallback.need_args = False
    if fallback is not None and args.no_read:
        fallback.read_words = False
    if fallback is not None and args.no_llm:
        fallback.llm = None  # unsure rows go to `other`; the label is what is scored
    side_effect = {s.name for s in rt.skills.values() if s.manifest.side_effects}
    results = []
    out = open(args.out, "w", encoding="utf-8") if args.out else None  # noqa: SIM115
    try:
        for i, row in enumerate(rows, 1):
            t = time.perf_counter()
            intent = router.route(row["text"])
            took = time.perf_counter() - t
            used_llm = bool(fallback is not None and intent.source == "llm")
            read = bool(fallback is not None and intent.source == "classifier" and fallback.last.get("read"))
            res = {**row, "predicted": intent.name, "source": intent.source, "seconds": took, "llm": used_llm,
                   "read": read}
            if fallback is not None and intent.source != "template" and "ranking" in fallback.last:
                res["classifier_best"] = fallback.last["ranking"].best  # beside the model's choice
            results.append(res)
            if out:
                out.write(json.dumps({**res, "args": intent.args}, ensure_ascii=False) + "\n")
                out.flush()
            if args.progress and i % 50 == 0:
                acc = sum(r["label"] == r["predicted"] for r in results) / i
                print(f"{i}/{len(rows)} accuracy so far {acc:.3f}", file=sys.stderr, flush=True)
    finally:
        if out:
            out.close()
    rep = report(results, side_effect)
    print(markdown(rep))
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    if args.what == "wake":
        from ..listen.commands import cmd_eval_wake

        return cmd_eval_wake(args)
    if args.what == "spoken":
        from .eval_spoken import run as run_spoken

        return run_spoken(args)
    return run(args)


def register(sub, common) -> dict:
    p = sub.add_parser(
        "eval",
        help="measure routing accuracy (eval intents FILE.jsonl), from sound (eval spoken FILE.jsonl) "
        "or the wake word (eval wake DIR)",
    )
    common(p)
    p.add_argument("what", choices=["intents", "spoken", "wake"])
    p.add_argument("file", metavar="FILE.jsonl | DIR")
    p.add_argument("--split", choices=["all", "calibration", "held-out"], default="all")
    p.add_argument("--sample", type=int, metavar="N", help="a fixed random sample of N rows")
    p.add_argument("--seed", type=int, default=3)
    p.add_argument(
        "--labels-only",
        action="store_true",
        help="skip filling arguments when the classifier is sure (the label is what is scored)",
    )
    p.add_argument(
        "--no-llm",
        action="store_true",
        help="templates and classifier only: rows the classifier is unsure about go to other",
    )
    p.add_argument(
        "--no-read",
        action="store_true",
        help="the model fills every argument, as before the skills read theirs from the words (to compare)",
    )
    p.add_argument("--out", metavar="RESULTS.jsonl", help="one line per row with the prediction")
    p.add_argument("--progress", action="store_true")
    p.add_argument("--per-label", type=int, metavar="N", help="spoken: a seeded sample of N rows per label")
    p.add_argument(
        "--conditions",
        default="clean,slow,fast,noise,phone,room",
        help="spoken: comma-separated conditions (clean, slow, fast, noise, phone, room)",
    )
    from ..listen.commands import add_eval_arguments

    add_eval_arguments(p)
    return {"eval": cmd_eval}
