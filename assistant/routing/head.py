"""The trained part of the classifier: two linear models whose log-probabilities are averaged.

- one over the MiniLM sentence embedding (what a command means, whatever its words),
- one over TF-IDF word and word-pair features (which words it uses: "email", "table", "timer").

Averaging the two log-probabilities is a softmax over the sum of their weighted logits, so at run time
this is one matrix product on the embedding, a sparse sum over the command's known n-grams, and a
softmax: NumPy only. The weights (`router_head.npz`) are written by `scripts/train_router.py` (with
scikit-learn) from public labelled commands plus the skills' written examples; the TF-IDF features are
computed here exactly as scikit-learn's TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True) does,
which a test checks against scikit-learn itself.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np

from ..errors import UserError

HEAD_FILE = Path(__file__).with_name("router_head.npz")
TOKEN = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token pattern


def ngrams(text: str) -> list[str]:
    words = TOKEN.findall(text.lower())
    return words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]


@dataclass(frozen=True)
class LinearHead:
    labels: tuple[str, ...]
    weights: np.ndarray  # (labels, embedding dim): the embedding model's coefficients, pre-weighted
    bias: np.ndarray  # (labels,): both models' intercepts, weighted and summed
    vocabulary: tuple[str, ...] = ()  # TF-IDF features, in column order
    idf: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float32))
    word_weights: np.ndarray = field(
        default_factory=lambda: np.zeros((0, 0), np.float32)
    )  # (features, labels)
    meta: dict = field(default_factory=dict)  # how it was trained (data hash, sizes, choices)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", {w: i for i, w in enumerate(self.vocabulary)})

    def word_logits(self, text: str) -> np.ndarray:
        """The TF-IDF model's logits: sublinear term counts times idf, L2-normalised, times weights."""
        index = self._index  # type: ignore[attr-defined]
        counts = Counter(i for g in ngrams(text) if (i := index.get(g)) is not None)
        if not counts:
            return np.zeros(len(self.labels), np.float32)
        cols = np.fromiter(counts, dtype=np.int64)
        vals = np.array([1.0 + math.log(counts[c]) for c in cols], np.float32) * self.idf[cols]
        vals /= np.linalg.norm(vals)
        return vals @ self.word_weights[cols]

    def probabilities(self, vectors: np.ndarray, texts: list[str] | None = None) -> np.ndarray:
        """Softmax over the labels, one row per command (its embedding, and its words when given)."""
        logits = vectors.astype(np.float32) @ self.weights.T + self.bias
        if texts is not None and self.vocabulary:
            logits += np.stack([self.word_logits(t) for t in texts])
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        return p / p.sum(axis=1, keepdims=True)

    def save(self, path: Path) -> None:
        np.savez_compressed(
            path,
            labels=np.array(self.labels),
            weights=self.weights.astype(np.float32),
            bias=self.bias.astype(np.float32),
            vocabulary=np.array(self.vocabulary, dtype=str),
            idf=self.idf.astype(np.float32),
            # float16 halves the file; the logits it gives differ from float32 by < 1e-3
            word_weights=self.word_weights.astype(np.float16),
            meta=np.array(json.dumps(self.meta, sort_keys=True)),
        )


@cache
def load_head(path: Path = HEAD_FILE) -> LinearHead:
    try:
        with np.load(path, allow_pickle=False) as f:
            return LinearHead(
                tuple(str(x) for x in f["labels"]),
                f["weights"].astype(np.float32),
                f["bias"].astype(np.float32),
                tuple(str(x) for x in f["vocabulary"]),
                f["idf"].astype(np.float32),
                f["word_weights"].astype(np.float32),
                json.loads(str(f["meta"])),
            )
    except (OSError, KeyError, ValueError) as exc:
        raise UserError(
            f"the router's classifier weights {path} cannot be read ({exc}); reinstall the package "
            "or retrain them with scripts/train_router.py"
        ) from None
