"""The trained part of the classifier: two linear models whose label probabilities are combined.

- one over the MiniLM sentence embedding (what a command means, whatever its words),
- one over TF-IDF word and word-pair features (which words it uses: "email", "table", "timer").

Each model is a softmax over the *classes* it was trained on: the source intents of the public data
("other:clinc150:cancel_reservation", "find_restaurant:snips:BookRestaurant", ...), not only the skill
labels. `other` is the union of ~200 unrelated intents, which no single linear boundary can enclose; one
class each keeps "cancel my reservation" apart from "book a table" though both go to different labels.
A label's probability is the sum of its classes'; the two models' log-probabilities of the labels are
averaged with the weight `mix` (the embedding model's). At run time: one matrix product on the
embedding, a sparse sum over the command's known n-grams, two softmaxes: NumPy only. The weights
(`router_head.npz`) are written by `scripts/train_router.py` (with scikit-learn) from public labelled
commands plus the skills' written examples; the TF-IDF features are computed here exactly as
scikit-learn's TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True) does, which a test checks
against scikit-learn itself.
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


def _softmax(logits: np.ndarray) -> np.ndarray:
    z = np.exp(logits - logits.max(axis=1, keepdims=True))
    return z / z.sum(axis=1, keepdims=True)


@dataclass(frozen=True)
class LinearHead:
    labels: tuple[str, ...]  # what the router decides between: skills and `other`
    weights: np.ndarray  # (classes, embedding dim): the embedding model's coefficients
    bias: np.ndarray  # (classes,): its intercepts
    vocabulary: tuple[str, ...] = ()  # TF-IDF features, in column order
    idf: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float32))
    word_weights: np.ndarray = field(
        default_factory=lambda: np.zeros((0, 0), np.float32)
    )  # (features, classes); float16 in memory, the rows a command uses are widened
    word_bias: np.ndarray | None = None  # (classes,): the word model's intercepts (None: zeros)
    label_of: np.ndarray | None = None  # (classes,): the index of each class's label (None: class = label)
    mix: float = 0.5  # the embedding model's weight in the averaged log-probabilities
    classes: tuple[str, ...] = ()  # the classes' names (source intents), for reports
    meta: dict = field(default_factory=dict)  # how it was trained (data hash, sizes, choices)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", {w: i for i, w in enumerate(self.vocabulary)})
        n = self.weights.shape[0]
        of = np.arange(n) if self.label_of is None else np.asarray(self.label_of, dtype=np.int64)
        group = np.zeros((n, len(self.labels)), np.float32)
        group[np.arange(n), of] = 1.0
        object.__setattr__(self, "_group", group)

    def _known(self, text: str) -> Counter[int]:
        """How often each of the text's n-grams the word model knows occurs in it, by feature column."""
        index = self._index  # type: ignore[attr-defined]
        return Counter(i for g in ngrams(text) if (i := index.get(g)) is not None)

    def word_logits(self, text: str, counts: Counter[int] | None = None) -> np.ndarray:
        """The TF-IDF model's logits per class (without its intercepts): sublinear term counts times idf,
        L2-normalised, times weights. `counts`: the text's `_known` n-grams, when already counted."""
        counts = self._known(text) if counts is None else counts
        if not counts:
            return np.zeros(self.word_weights.shape[1], np.float32)
        cols = np.fromiter(counts, dtype=np.int64)
        vals = np.array([1.0 + math.log(counts[c]) for c in cols], np.float32) * self.idf[cols]
        vals /= np.linalg.norm(vals)
        return vals @ self.word_weights[cols].astype(np.float32)

    def _model_probabilities(self, vectors: np.ndarray, texts: list[str] | None) -> tuple[np.ndarray, np.ndarray | None, np.ndarray]:
        """Each model's probability of each class, one row per command: the embedding model's; the word
        model's (None without texts or a vocabulary); and which commands have a word the word model knows."""
        emb = _softmax(vectors.astype(np.float32) @ self.weights.T + self.bias)
        if texts is None or not self.vocabulary:
            return emb, None, np.zeros(len(emb), bool)
        counts = [self._known(t) for t in texts]
        words = np.stack([self.word_logits(t, c) for t, c in zip(texts, counts, strict=True)])
        if self.word_bias is not None:
            words += self.word_bias
        return emb, _softmax(words), np.array([bool(c) for c in counts])

    def class_probabilities(self, vectors: np.ndarray, texts: list[str]) -> np.ndarray:
        """Probability of each class (source intent), one row per command: the two models' log-probabilities
        averaged as `probabilities` does for labels (a command with no known word: the embedding's alone)."""
        emb, words, heard = self._model_probabilities(vectors, texts)
        tiny = np.float32(1e-12)
        logp = np.log(np.maximum(emb, tiny))
        if words is not None:
            logp[heard] = self.mix * logp[heard] + (1 - self.mix) * np.log(np.maximum(words[heard], tiny))
        return _softmax(logp)

    def class_shares(self, vector: np.ndarray, text: str, label: str) -> dict[str, float]:
        """Each class (source intent) under `label` by its bare name ("clinc150_train:spelling" ->
        "spelling") and its share of that label's probability, for one command."""
        under = [i for i, c in enumerate(self.classes) if c.startswith(f"{label}:")]
        if not under:
            return {}
        p = self.class_probabilities(vector[None], [text])[0][under]
        shares: dict[str, float] = {}
        for i, q in zip(under, p / p.sum(), strict=True):  # two sources' classes of one name are one kind
            name = self.classes[i].rsplit(":", 1)[-1]
            shares[name] = shares.get(name, 0.0) + float(q)
        return shares

    def best_class(self, vector: np.ndarray, text: str, label: str) -> tuple[str, float]:
        """The likeliest class under `label` for one command, and its share (class_shares)."""
        shares = self.class_shares(vector, text, label)
        return max(shares.items(), key=lambda kv: kv[1]) if shares else ("", 0.0)

    def probabilities(self, vectors: np.ndarray, texts: list[str] | None = None) -> np.ndarray:
        """Probability of each label, one row per command (its embedding, and its words when given).
        A command none of whose words the word model knows ("wassup") gets no vote from it: its output
        would be its prior alone, which gives `other`, the label of ~200 of the classes, most of it."""
        group = self._group  # type: ignore[attr-defined]
        emb, words, heard = self._model_probabilities(vectors, texts)
        p = emb @ group
        if words is None:
            return p
        q = words @ group
        tiny = np.float32(1e-12)  # a label with no class left keeps a floor, not log(0)
        logp = np.log(np.maximum(p, tiny))
        logp[heard] = self.mix * logp[heard] + (1 - self.mix) * np.log(np.maximum(q[heard], tiny))
        return _softmax(logp)

    def save(self, path: Path) -> None:
        n = self.weights.shape[0]
        np.savez_compressed(
            path,
            labels=np.array(self.labels),
            weights=self.weights.astype(np.float32),
            bias=self.bias.astype(np.float32),
            vocabulary=np.array(self.vocabulary, dtype=str),
            idf=self.idf.astype(np.float32),
            # float16 halves the file; the logits it gives differ from float32 by < 1e-3
            word_weights=self.word_weights.astype(np.float16),
            word_bias=(np.zeros(n) if self.word_bias is None else self.word_bias).astype(np.float32),
            label_of=np.arange(n) if self.label_of is None else np.asarray(self.label_of, np.int64),
            mix=np.array(self.mix, np.float32),
            classes=np.array(self.classes or self.labels, dtype=str),
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
                f["word_weights"].astype(np.float16),
                f["word_bias"].astype(np.float32),
                f["label_of"].astype(np.int64),
                float(f["mix"]),
                tuple(str(x) for x in f["classes"]),
                json.loads(str(f["meta"])),
            )
    except (OSError, KeyError, ValueError) as exc:
        raise UserError(
            f"the router's classifier weights {path} cannot be read ({exc}); reinstall the package "
            "or retrain them with scripts/train_router.py"
        ) from None
