#!/usr/bin/env python
"""Train the end-of-command model (assistant/asr/turn_end.py) and print its report, reproducibly.

    .venv/bin/python scripts/train_turn_end.py ../shared/data/intent-train/intent_train.jsonl \
        ../shared/data/intent-dev/intent_dev.jsonl [--write]

Examples: every intent-train command (not also in the dev file, not a packaged benchmark command) as
written is complete; each of its proper beginnings, cut after its 1st, 2nd, ... word, is not (a pause
there means the user goes on). A command's beginnings share a weight of 1, so every command counts as
much complete as cut. Features: turn_end.features. Model: logistic regression (scikit-learn), its C
chosen by log-loss on the dev file's calibration split (the router's: 30% of rows by a hash of the text).

The thresholds: the lowest probability at which at most MAX_CUT (5%) of the calibration split's
beginnings are taken as complete (each command's beginnings weighted equally), and the lowest at which
at most MAX_CUT_LIKELY (10%) are. Those would end the utterance early if the user paused there for
`confident_end_silence_ms`, or for `likely_end_silence_ms`.

The report, on the calibration split and the held-out rest, per label: complete commands taken as
complete (the early endpoints gained), beginnings taken as complete (the cut-offs risked), beside a
baseline that knows only the last word (how often it ends a command in the training rows).
`--write` stores the model in the package; without it nothing is written.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.asr.turn_end import MODEL_FILE, TurnEnd, features  # noqa: E402
from assistant.bench.eval_intents import in_calibration, read_rows  # noqa: E402
from assistant.bench.stimuli import packaged_texts  # noqa: E402
from assistant.text import normalize  # noqa: E402

MAX_CUT = 0.05  # beginnings of commands that may be taken as complete (calibration split)
MAX_CUT_LIKELY = 0.10  # ... as likely complete
CS = (0.25, 0.5, 1.0, 2.0, 4.0)
SEED = 0


def examples(texts: list[str]) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
    """(texts, 1 complete / 0 cut, sample weights, index of the command each came from)."""
    xs, ys, ws, src = [], [], [], []
    for n, text in enumerate(texts):
        words = normalize(text).split()
        if not words:
            continue
        xs.append(" ".join(words))
        ys.append(1)
        ws.append(1.0)
        src.append(n)
        for k in range(1, len(words)):
            xs.append(" ".join(words[:k]))
            ys.append(0)
            ws.append(1.0 / (len(words) - 1))
            src.append(n)
    return xs, np.array(ys), np.array(ws), np.array(src)


def cut_share(p: np.ndarray, y: np.ndarray, w: np.ndarray, threshold: float) -> float:
    """Weighted share of beginnings at or above the threshold (each command's beginnings weigh 1)."""
    cut = y == 0
    return float((w[cut] * (p[cut] >= threshold)).sum() / w[cut].sum())


def choose_threshold(p: np.ndarray, y: np.ndarray, w: np.ndarray, max_cut: float) -> float:
    for t in np.round(np.arange(0.05, 1.0, 0.01), 2):
        if cut_share(p, y, w, t) <= max_cut:
            return float(t)
    return 1.0


class LastWordBaseline:
    """P(complete | last word) counted in the training examples (their weights), else the prior."""

    def __init__(self, xs: list[str], y: np.ndarray, w: np.ndarray):
        done: dict[str, float] = defaultdict(float)
        seen: dict[str, float] = defaultdict(float)
        for x, lab, wt in zip(xs, y, w, strict=True):
            last = x.split()[-1]
            seen[last] += wt
            done[last] += wt * lab
        self.p = {k: done[k] / seen[k] for k in seen}
        self.prior = float((w * y).sum() / w.sum())

    def predict(self, xs: list[str]) -> np.ndarray:
        return np.array([self.p.get(x.split()[-1], self.prior) for x in xs])


def report(name: str, rows: list[dict], p: np.ndarray, y: np.ndarray, w: np.ndarray, src: np.ndarray, t: float) -> dict:
    labels = sorted({r["label"] for r in rows})
    label_of = np.array([rows[i]["label"] for i in src])
    out = {}
    print(f"\n{name} (threshold {t:.2f}): complete commands taken as complete / beginnings taken as complete")
    for lab in labels + ["all"]:
        m = np.ones(len(y), bool) if lab == "all" else label_of == lab
        whole = m & (y == 1)
        gained = float((p[whole] >= t).mean()) if whole.any() else 0.0
        cut = cut_share(p[m], y[m], w[m], t) if (m & (y == 0)).any() else 0.0
        out[lab] = {"complete": round(gained, 4), "cut": round(cut, 4), "commands": int(whole.sum())}
        print(f"  {lab:16s} {100 * gained:5.1f}%  {100 * cut:5.1f}%   ({int(whole.sum())} commands)")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("train", type=Path)
    ap.add_argument("dev", type=Path)
    ap.add_argument("--write", action="store_true", help="store the model in the package")
    ap.add_argument("--out", type=Path, help="store the model in this file instead of the package")
    args = ap.parse_args()
    try:
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.metrics import log_loss
    except ImportError:
        sys.exit("scikit-learn is missing: .venv/bin/pip install 'scikit-learn>=1.5' (the `train` extra)")

    dev = read_rows(args.dev)
    dev_texts = {r["text"] for r in dev}
    bench = packaged_texts()
    train_texts = [r["text"] for r in read_rows(args.train)]
    train_texts = [t for t in train_texts if t not in dev_texts and normalize(t) not in bench]
    cal = [r for r in dev if in_calibration(r["text"]) and normalize(r["text"]) not in bench]
    held = [r for r in dev if not in_calibration(r["text"])]
    if not cal or not held:
        sys.exit(f"{args.dev} needs rows in both splits (calibration {len(cal)}, held-out {len(held)})")

    xs, y, w, src = examples(train_texts)
    print(f"training: {len(train_texts)} commands, {len(xs)} examples ({int((y == 0).sum())} beginnings)")
    found = [features(t) for t in xs]
    # a feature of a single command teaches nothing general and would only grow the file
    seen = Counter(f for _, f in {(n, f) for n, fs in zip(src, found, strict=True) for f in fs})
    vec = DictVectorizer()
    x = vec.fit_transform([{f: 1 for f in fs if seen[f] >= 2} for fs in found])
    splits = {}
    for name, rows in (("calibration", cal), ("held-out", held)):
        sx, sy, sw, ssrc = examples([r["text"] for r in rows])
        splits[name] = (rows, sx, sy, sw, ssrc, vec.transform([dict.fromkeys(features(t), 1) for t in sx]))

    _, _, cy, cw, _, cx = splits["calibration"]
    best = None
    for c in CS:
        model = LogisticRegression(C=c, max_iter=3000, random_state=SEED).fit(x, y, sample_weight=w)
        loss = log_loss(cy, model.predict_proba(cx)[:, 1], sample_weight=cw)
        print(f"C={c}: calibration log-loss {loss:.4f}")
        if best is None or loss < best[0]:
            best = (loss, c, model)
    _, c, model = best
    names = vec.get_feature_names_out()
    keep = np.flatnonzero(model.coef_[0] != 0)
    turn_end = TurnEnd(tuple(str(names[i]) for i in keep), model.coef_[0][keep], float(model.intercept_[0]), 0.5, 0.5)
    baseline = LastWordBaseline(xs, y, w)

    p = {name: np.array([turn_end.probability(t) for t in split[1]]) for name, split in splits.items()}
    p_base = {name: baseline.predict(split[1]) for name, split in splits.items()}
    figures: dict = {"complete": {}, "likely": {}}
    thresholds = {}
    for tier, max_cut in (("complete", MAX_CUT), ("likely", MAX_CUT_LIKELY)):
        thresholds[tier] = choose_threshold(p["calibration"], cy, cw, max_cut)
        b_threshold = choose_threshold(p_base["calibration"], cy, cw, max_cut)
        for name, (rows, _, sy, sw, ssrc, _) in splits.items():
            figures[tier][name] = report(f"{tier}: model, {name}", rows, p[name], sy, sw, ssrc, thresholds[tier])
            report(f"{tier}: baseline (last word only), {name}", rows, p_base[name], sy, sw, ssrc, b_threshold)
    threshold = thresholds["complete"]

    digest = hashlib.sha256("\n".join(train_texts).encode()).hexdigest()[:16]
    meta = {
        "trained_on": f"{args.train.name} ({len(train_texts)} commands, {len(xs)} examples)",
        "training_sha256_16": digest,
        "C": c,
        "max_cut": MAX_CUT,
        "max_cut_likely": MAX_CUT_LIKELY,
        "held_out": {tier: f["held-out"]["all"] for tier, f in figures.items()},
        "calibration": {tier: f["calibration"]["all"] for tier, f in figures.items()},
    }
    turn_end = TurnEnd(turn_end.vocabulary, turn_end.weights, turn_end.bias, threshold, thresholds["likely"], meta)
    print(f"\nC={c}, thresholds {threshold:.2f} and {thresholds['likely']:.2f}, {len(turn_end.vocabulary)} features")
    if args.write or args.out:
        target = args.out or MODEL_FILE
        turn_end.save(target)
        print(f"wrote {target} ({target.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
