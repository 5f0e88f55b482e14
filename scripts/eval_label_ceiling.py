#!/usr/bin/env python
"""How far the router's classifier gets on a dev file's labels when it may also learn from that file:
k-fold cross-validation over the dev rows, each fold's head trained on the training rows plus the other
folds' dev rows (their own source intents: SLURP's general_quirky, CLINC150's oos, ...), beside the same
head trained without any dev row, on the same folds. A label that stays low even with its own kind of
rows to learn from is one whose rows the data does not tell apart from another label's.

    .venv/bin/python scripts/eval_label_ceiling.py ../shared/data/intent-train/intent_train.jsonl \
        ../shared/data/intent-dev/intent_dev.jsonl [--folds 5]

Head argmax, no templates (as train_router.py's report). Needs scikit-learn (the `train` extra) and the
embedding cache train_router.py fills (~10 min on first use). Nothing is written to the package.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_router import (  # noqa: E402
    CACHE,
    class_weights,
    embed,
    fit_models,
    read_jsonl,
    recall_figures,
    source_class,
    training_rows,
)


def fold_of(text: str, k: int) -> int:
    return int(hashlib.sha256(text.encode()).hexdigest()[:8], 16) % k


def head_labels(x_train, t_train, classes, y, x_test, t_test, labels):
    """The router head's recipe (train_router.fit_models: two logistic regressions over the classes,
    log-probabilities averaged, a label's probability the sum of its classes'; word weights unpruned):
    each test row's best label."""
    meaning, tfidf, _, words = fit_models(x_train, t_train, classes, class_weights(y, classes))
    label_of = np.array([labels.index(str(c).split(":")[0]) for c in meaning.classes_])
    out = []
    for p in (meaning.predict_proba(x_test), words.predict_proba(tfidf.transform(t_test))):
        per_label = np.zeros((len(t_test), len(labels)))
        for j, i in enumerate(label_of):
            per_label[:, i] += p[:, j]
        out.append(np.log(np.clip(per_label, 1e-12, None)))
    return [labels[i] for i in (0.5 * out[0] + 0.5 * out[1]).argmax(1)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("train", type=Path)
    ap.add_argument("dev", type=Path)
    ap.add_argument("--folds", type=int, default=5)
    args = ap.parse_args()
    dev = read_jsonl(args.dev)
    train, _ = training_rows(args.train, dev)
    labels = sorted({lab for _, lab, _ in train} | {r["label"] for r in dev})
    x_pub = embed([t for t, _, _ in train], CACHE)
    x_dev = embed([r["text"] for r in dev], CACHE)
    folds = np.array([fold_of(r["text"], args.folds) for r in dev])
    gold = [r["label"] for r in dev]
    WITH, WITHOUT = "with the other folds' dev rows", "without dev rows"
    runs = {WITHOUT: [""] * len(dev), WITH: [""] * len(dev)}
    for k in range(args.folds):
        test = np.flatnonzero(folds == k)
        learn = np.flatnonzero(folds != k)
        t_test = [dev[i]["text"] for i in test]
        for name, extra in ((WITHOUT, []), (WITH, learn)):
            rows = train + [(dev[i]["text"], dev[i]["label"], source_class(dev[i], dev[i]["label"])) for i in extra]
            x = np.vstack([x_pub, x_dev[extra]]) if len(extra) else x_pub
            pred = head_labels(x, [t for t, _, _ in rows], [c for _, _, c in rows], [lab for _, lab, _ in rows],
                               x_dev[test], t_test, labels)
            for i, p in zip(test, pred, strict=True):
                runs[name][i] = p
            print(f"fold {k + 1}/{args.folds} {name}: done", file=sys.stderr, flush=True)
    shown = [lab for lab in labels if lab in set(gold)]
    print("| head trained | accuracy | macro recall | " + " | ".join(shown) + " |")
    print("|---" * (3 + len(shown)) + "|")
    for name, pred in runs.items():
        f = recall_figures(gold, pred, shown)
        cells = " | ".join(f"{100 * f['recall'][lab]:.1f}" for lab in shown)
        print(f"| {name} | {100 * f['accuracy']:.1f} | {100 * f['macro_recall']:.1f} | {cells} |")
    # per source intent of the weakest label: where its rows go
    weakest = min(shown, key=lambda lab: recall_figures(gold, runs[WITH], shown)["recall"][lab])
    print(f"\n{weakest}, per source intent (right with / without dev rows, of rows; where the misses went with them):")
    for intent in sorted({r["source_label"] for r in dev if r["label"] == weakest}):
        idx = [i for i, r in enumerate(dev) if r["label"] == weakest and r["source_label"] == intent]
        right = {n: sum(runs[n][i] == weakest for i in idx) for n in runs}
        went = Counter(runs[WITH][i] for i in idx if runs[WITH][i] != weakest)
        print(f"  {intent}: {right[WITH]} / {right[WITHOUT]} of {len(idx)}; missed to {dict(went.most_common())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
