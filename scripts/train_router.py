#!/usr/bin/env python
"""Train the router's classifier head and print its report, reproducibly.

    .venv/bin/pip install scikit-learn      # the `train` extra: only this script needs it
    .venv/bin/python scripts/train_router.py ../shared/data/intent-train/intent_train.jsonl \
        ../shared/data/intent-dev/intent_dev.jsonl [--write]

Training data: every intent-train row (CLINC150 + SNIPS train splits) whose text is not also in the dev
file, plus each built-in skill's manifest examples and description and routing_examples.yaml (the only
draft_email sentences: neither public source has an email intent), the OpenVoiceOS skills' example
sentences (data/skill-sentences/, from scripts/skill_sentences.py: 2,539 sentences, Apache-2.0), less any row whose normalized text
is a command of the benchmark's packaged sets (assistant/bench/sets/*.jsonl: the router must not have
memorized what `assistant bench` asks; they are left out of the calibration split too). Features: the
MiniLM sentence embedding the router computes anyway, and TF-IDF words and word pairs. Models: two
multinomial logistic regressions over the rows' source intents (CLINC150's 150, SNIPS's 7, the OpenVoiceOS
skills' intents, the derived email rows, the written rows per label: ~250 classes; `--no-source-intents`
trains on the skill labels alone, as before 2026-12-06), with sample weights that give each skill label
the same total weight (`other` is 79% of the rows); a label's probability is the sum of its classes'
(assistant/routing/head.py). Regularisation chosen on the dev file's calibration split (30% of rows by a
hash of the text; `assistant eval intents --split`).

The report: the head alone (argmax), on the calibration split and on the held-out rest, beside a plain
TF-IDF + logistic regression trained on the same rows (the baseline to beat), per-label recall, and the
thresholds chosen on the calibration split (see assistant/routing/classify.py). `--write` stores the head
in assistant/routing/router_head.npz and the thresholds beside it; without it nothing is written.
"""

from __future__ import annotations

import argparse
import hashlib
import math
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.bench.eval_intents import in_calibration, json_lines  # noqa: E402
from assistant.bench.stimuli import packaged_texts as benchmarked  # noqa: E402
from assistant.routing.head import HEAD_FILE, LinearHead  # noqa: E402
from assistant.text import normalize  # noqa: E402

SKILL_SENTENCES = ROOT / "data" / "skill-sentences" / "ovos_en.jsonl"
CACHE = Path.home() / ".cache" / "assistant" / "router-train"
SEED = 0
MIX = 0.5  # the embedding model's weight in the averaged log-probabilities
# word weights smaller than this are stored as 0: with ~250 classes the dense matrix is 12 MB, and on
# the calibration and held-out splits the head's labels do not change up to 0.3 (docs/routing-history.md)
PRUNE = 0.05


def read_jsonl(path: Path) -> list[dict]:
    return [row for _, row in json_lines(path, '"text" and "label"')]


def source_class(row: dict, label: str) -> str:
    """The class a public row trains: its label and the intent its source gave it."""
    intent = row.get("source_label") or row.get("intent")
    source = row.get("source", "")
    return f"{label}:{source}:{intent}" if intent else label


def written_rows() -> list[tuple[str, str]]:
    """The manifest examples and routing_examples.yaml of the built-in skills."""
    from assistant.config import load_config
    from assistant.plugins import discover_skills
    from assistant.routing.classify import training_examples

    skills = discover_skills(load_config(None))
    return training_examples(skills)


# a text message asked for by email: the same request to another channel (ordered: longest first)
_TO_EMAIL = [
    (r"\ba text messages?\b", "an email"),
    (r"\btext messages?\b", "email"),
    (r"\ba text\b", "an email"),
    (r"\btexted\b", "emailed"),
    (r"\btexting\b", "emailing"),
    (r"\btexts\b", "emails"),
    (r"\btext\b", "email"),
    (r"\ba message\b", "an email"),
]


def derived_email_rows(rows: list[dict]) -> list[tuple[str, str, str]]:
    """draft_email sentences derived from the training file's text-message commands (CLINC150 `text`,
    labelled `other`: the assistant sends no texts): the same requests by email ("text mom i'm almost
    there" -> "email mom i'm almost there"). Neither public source has an email intent, so without
    these the label's only sentences are the ~35 this project wrote. The text rows stay `other`."""
    out = []
    for row in rows:
        if row.get("source_label") != "text":
            continue
        text = row["text"]
        for pattern, email in _TO_EMAIL:
            text = re.sub(pattern, email, text)
        if "email" in text:
            out.append((text, "draft_email", "draft_email:derived from text"))
    return out


def embed(texts: list[str], cache: Path) -> np.ndarray:
    """MiniLM vectors, cached on disk by text (the encoder is deterministic; 34k texts take ~10 min)."""
    from assistant.brain.embed import default_encoder

    cache.mkdir(parents=True, exist_ok=True)
    file = cache / "vectors.npz"
    known: dict[str, np.ndarray] = {}
    if file.is_file():
        with np.load(file) as f:
            known = dict(zip([str(t) for t in f["texts"]], f["vectors"], strict=True))
    for old in cache.glob("*.npz"):  # the first runs' per-file caches
        if old != file:
            with np.load(old) as f:
                known |= dict(zip([str(t) for t in f["texts"]], f["vectors"], strict=True))
    missing = sorted({t for t in texts if t not in known})
    if missing:
        print(f"embedding {len(missing)} texts ...", file=sys.stderr, flush=True)
        vecs = default_encoder().embed(missing, batch=64)
        known |= dict(zip(missing, vecs, strict=True))
        np.savez(file, texts=np.array(list(known)), vectors=np.stack(list(known.values())))
    return np.stack([known[t] for t in texts]).astype(np.float32)


def balanced_weights(y: list[str]) -> np.ndarray:
    counts = Counter(y)
    return np.array([len(y) / (len(counts) * counts[label]) for label in y])


def class_weights(y: list[str], classes_y: list[str]) -> np.ndarray:
    """Each label the same total weight (balanced_weights); within a label, each class's share grows as
    the square root of its rows, not with them: SNIPS gives one intent ~2,000 rows, CLINC150 100, an
    OpenVoiceOS skill <= 60, and the big ones would otherwise own their label. Chosen on the calibration
    split over shares proportional to the rows and equal shares (docs/routing-history.md)."""
    counts = Counter(classes_y)
    raw = np.array([1.0 / math.sqrt(counts[c]) for c in classes_y])
    labels = np.array(y)
    for label in set(y):
        rows = labels == label
        raw[rows] *= rows.sum() / raw[rows].sum()
    return balanced_weights(y) * raw


def recall_figures(gold: list[str], pred: list[str], labels: list[str]) -> dict:
    """Accuracy, macro recall (over the labels present) and per-label recall."""
    rec = {}
    for lab in labels:
        idx = [i for i, g in enumerate(gold) if g == lab]
        rec[lab] = sum(pred[i] == lab for i in idx) / len(idx) if idx else float("nan")
    acc = sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold)
    return {"accuracy": acc, "macro_recall": float(np.nanmean(list(rec.values()))), "recall": rec}


def recall_table(name: str, gold: list[str], pred: list[str], labels: list[str]) -> dict:
    figures = recall_figures(gold, pred, labels)
    rec, acc, macro = figures["recall"], figures["accuracy"], figures["macro_recall"]
    cells = " | ".join(f"{100 * rec[lab]:.1f}" for lab in labels)
    print(f"| {name} | {len(gold)} | {100 * acc:.1f} | {100 * macro:.1f} | {cells} |")
    return figures


def choose_thresholds(p: np.ndarray, labels: list[str], gold: list[str], llm_budget: float) -> dict:
    """The smallest `sure` probability whose unsure share stays within the language-model budget, and
    the accuracy of the sure rows at it (the unsure ones go to the model, or to `other` without one)."""
    top = p.max(axis=1)
    pred = [labels[i] for i in p.argmax(axis=1)]
    best = None
    for sure in np.arange(0.30, 0.99, 0.01):
        unsure = top < sure
        if unsure.mean() <= llm_budget:
            best = float(round(sure, 2))
    assert best is not None
    sure_rows = top >= best
    acc = np.mean([pred[i] == gold[i] for i in np.flatnonzero(sure_rows)])
    return {"sure": best, "unsure_share": float((~sure_rows).mean()), "sure_accuracy": float(acc)}


def training_rows(
    train_file: Path, dev: list[dict], derived: bool = True, extras: list[Path] | None = None, written: bool = True
) -> tuple[list[tuple[str, str, str]], tuple[list, list, int]]:
    """(text, label, class) rows to train on: the public file (and the email rows derived from it), the
    extra labelled files, the written sentences; less the dev file's texts and the benchmark's commands.
    Also (public rows, written rows, public rows dropped as dev texts) for the report."""
    dev_texts = {r["text"] for r in dev}
    train_rows = read_jsonl(train_file)
    public = [(r["text"], r["label"], source_class(r, r["label"])) for r in train_rows]
    if derived:
        public += derived_email_rows(train_rows)
    for extra in [SKILL_SENTENCES] if extras is None else extras:
        public += [(r["text"], r["label"], source_class(r, r["label"])) for r in read_jsonl(extra)]
    overlap = sum(t in dev_texts for t, _, _ in public)
    public = [row for row in public if row[0] not in dev_texts]
    own = [(t, lab, lab) for t, lab in written_rows()] if written else []
    bench = benchmarked()
    train = [row for row in public + own if normalize(row[0]) not in bench]
    dropped = len(public) + len(own) - len(train)
    print(f"dropped {dropped} training rows that are benchmark commands ({len(bench)} commands)")
    return train, (public, own, overlap)


def fit_models(x: np.ndarray, texts: list[str], classes: list[str], weights: np.ndarray):
    """The head's two linear models over the classes: (embedding model, TF-IDF vectorizer, the texts'
    TF-IDF matrix, word model). Their regularisation is the one that served best in the first runs
    (embedding C=4, words C=16, by macro recall on the calibration split; see docs/routing.md), and again
    over the source intents (C 2-8 and 8-32 tried, docs/routing-history.md)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    meaning = LogisticRegression(C=4.0, max_iter=3000, random_state=SEED).fit(x, classes, sample_weight=weights)
    # min_df=2: a word seen once teaches nothing general and would only grow the file
    tfidf = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2)
    t_train = tfidf.fit_transform(texts)
    words = LogisticRegression(C=16.0, max_iter=3000, random_state=SEED).fit(t_train, classes, sample_weight=weights)
    return meaning, tfidf, t_train, words


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("train", type=Path)
    ap.add_argument("dev", type=Path)
    ap.add_argument("--write", action="store_true", help="store the head in the package")
    ap.add_argument("--out", type=Path, help="store the head in this file instead of the package")
    ap.add_argument(
        "--no-written", action="store_true", help="train on the public file alone (quick checks)"
    )
    ap.add_argument(
        "--no-derived", action="store_true", help="without the email rows derived from text-message rows"
    )
    ap.add_argument(
        "--extra",
        type=Path,
        action="append",
        help=f"labelled rows (JSONL with text, label) to train on too (default {SKILL_SENTENCES.relative_to(ROOT)})",
    )
    ap.add_argument("--no-extra", action="store_true", help="without the --extra rows")
    ap.add_argument(
        "--no-source-intents", action="store_true", help="train on the skill labels alone, not the source intents"
    )
    ap.add_argument("--cache", type=Path, help=f"embedding cache folder (default {CACHE})")
    ap.add_argument("--mix", type=float, help=f"the embedding model's weight (default {MIX})")
    ap.add_argument("--llm-budget", type=float, default=0.10, help="share of rows the model may decide")
    args = ap.parse_args()
    try:
        from sklearn.linear_model import LogisticRegression
    except ImportError:
        sys.exit("scikit-learn is missing: .venv/bin/pip install 'scikit-learn>=1.5' (the `train` extra)")

    dev = read_jsonl(args.dev)
    extras = [] if args.no_extra else args.extra or [SKILL_SENTENCES]
    train, (public, written, overlap) = training_rows(args.train, dev, not args.no_derived, extras, not args.no_written)
    bench = benchmarked()
    x_text = [t for t, _, _ in train]
    y = [lab for _, lab, _ in train]
    classes_y = y if args.no_source_intents else [c for _, _, c in train]
    print(f"training rows: {len(public)} public (dropped {overlap} also in dev) + {len(written)} written")
    print("per label:", dict(sorted(Counter(y).items())), f"in {len(set(classes_y))} classes")
    cal = [r for r in dev if in_calibration(r["text"]) and normalize(r["text"]) not in bench]
    held = [r for r in dev if not in_calibration(r["text"])]
    if not cal or not held:
        sys.exit(f"{args.dev} needs rows in both splits (calibration {len(cal)}, held-out {len(held)}): give more rows")

    cache = args.cache or CACHE
    x = embed(x_text, cache)
    x_cal = embed([r["text"] for r in cal], cache)
    x_held = embed([r["text"] for r in held], cache)
    sw = class_weights(y, classes_y)
    labels = sorted(set(y))

    meaning, tfidf, t_train, words = fit_models(x, x_text, classes_y, sw)
    # the baseline: the same TF-IDF features, one logistic regression over the labels
    baseline = LogisticRegression(C=16.0, max_iter=3000, random_state=SEED).fit(
        t_train, y, sample_weight=balanced_weights(y)
    )
    classes = [str(c) for c in meaning.classes_]
    assert classes == [str(c) for c in words.classes_]
    label_of = np.array([labels.index(c.split(":")[0]) for c in classes])
    vocabulary = [w for w, _ in sorted(tfidf.vocabulary_.items(), key=lambda kv: kv[1])]

    def full(model) -> tuple[np.ndarray, np.ndarray]:
        """(coefficients, intercepts) per class; two classes give scikit-learn one logistic row, which is
        the softmax of (0, that row)"""
        if len(classes) == 2:
            return np.vstack([np.zeros_like(model.coef_), model.coef_]), np.r_[0.0, model.intercept_]
        return model.coef_, model.intercept_

    (m_coef, m_bias), (w_coef, w_bias) = full(meaning), full(words)
    w_coef = np.where(np.abs(w_coef) < PRUNE, 0.0, w_coef)

    def head_with(a: float, meta: dict | None = None) -> LinearHead:
        """log p(label) = a log p_meaning(label) + (1 - a) log p_words(label) + const"""
        return LinearHead(
            tuple(labels),
            m_coef.astype(np.float32),
            m_bias.astype(np.float32),
            tuple(vocabulary),
            tfidf.idf_.astype(np.float32),
            w_coef.T.astype(np.float16),
            w_bias.astype(np.float32),
            label_of,
            a,
            tuple(classes),
            meta or {},
        )

    def scored(head: LinearHead, rows: list[dict], xv: np.ndarray) -> tuple[float, float]:
        """(macro recall, accuracy) of the head's best label"""
        pred = [labels[i] for i in head.probabilities(xv, [r["text"] for r in rows]).argmax(1)]
        figures = recall_figures([r["label"] for r in rows], pred, labels)
        return figures["macro_recall"], figures["accuracy"]

    # the mix is fixed, like the two C values: 0.5, which the rule "best macro recall on the calibration
    # split" chose in the first runs. With the derived email rows that rule moved to 0.7 (a higher weight
    # on the embedding model favours the small skill labels and costs `other`, 84% of what people say:
    # held-out `other` recall 95.3 -> 93.0%, accuracy 93.9 -> 92.2%), so it no longer chooses; the
    # calibration figures of a few mixes are printed for whoever revisits it (docs/routing.md)
    scores = {a: scored(head_with(a), cal, x_cal) for a in (0.3, 0.5, 0.7)}
    mix = args.mix if args.mix is not None else MIX
    print(
        "mixing weight of the embedding model -> calibration (macro recall, accuracy):",
        {a: (round(100 * m, 1), round(100 * acc, 1)) for a, (m, acc) in scores.items()},
        "used",
        mix,
    )
    head = head_with(mix)

    print()
    print("| model | rows | accuracy % | macro recall % | " + " | ".join(labels) + " |")
    print("|---" * (4 + len(labels)) + "|")
    out = {}
    for split, rows, xv in (("calibration", cal, x_cal), ("held-out", held, x_held)):
        gold = [r["label"] for r in rows]
        texts = [r["text"] for r in rows]
        p = head.probabilities(xv, texts)
        out[split] = recall_table(f"head (argmax), {split}", gold, [labels[i] for i in p.argmax(1)], labels)
        alone = head.probabilities(xv).argmax(1)
        recall_table(f"embedding + LR alone, {split}", gold, [labels[i] for i in alone], labels)
        recall_table(
            f"TF-IDF + LR (baseline), {split}", gold, list(baseline.predict(tfidf.transform(texts))), labels
        )
    p_cal = head.probabilities(x_cal, [r["text"] for r in cal])
    for budget in (0.05, 0.10, 0.15):
        print(
            f"LLM budget {budget:.0%}:", choose_thresholds(p_cal, labels, [r["label"] for r in cal], budget)
        )
    thresholds = choose_thresholds(p_cal, labels, [r["label"] for r in cal], args.llm_budget)
    print(f"\nthresholds from the calibration split: {thresholds}")
    digest = hashlib.sha256("\n".join(f"{t}\t{lab}" for t, lab, _ in train).encode()).hexdigest()[:16]
    meta = {
        "trained_on": f"{args.train.name} ({len(public)} rows) + {len(written)} written rows",
        "training_sha256_16": digest,
        "embedding_C": 4.0,
        "words_C": 16.0,
        "mix": mix,
        "classes": "labels" if args.no_source_intents else "source intents",
        "word_weights_pruned_below": PRUNE,
        "class_weight": "balanced per label; within a label, sqrt of each class's rows",
        "sure": thresholds["sure"],
        "calibration": {k: round(v, 4) for k, v in thresholds.items()},
        "held_out_head_accuracy": round(out["held-out"]["accuracy"], 4),
    }
    head = head_with(mix, meta)
    if args.write or args.out:
        target = args.out or HEAD_FILE
        head.save(target)
        print(f"wrote {target} ({target.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    from assistant.errors import UserError

    try:
        raise SystemExit(main())
    except UserError as exc:
        sys.exit(f"error: {exc}")
