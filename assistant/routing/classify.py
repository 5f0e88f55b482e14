"""The classifier step of routing: which skill a command is for, and how sure that is.

A linear head over the command's sentence embedding and its words, trained on ~29k public labelled
commands (head.py), gives probabilities for the built-in skills and `other`. Skills the head was not
trained on (a third party's plugin) are scored by the similarity of the command to their manifest examples; a close one is never decided here but offered
to the language model beside the head's best labels, so a new skill is routable without retraining.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..paths import cache_dir as _cache_dir
from ..skill_api import Skill
from ..text import asks_about_state, asks_to_read
from ..yamlfile import parse_yaml
from .head import LinearHead, load_head
from .intent import OTHER

EXAMPLES_FILE = Path(__file__).with_name("routing_examples.yaml")
TOP_K = 3  # an unknown skill's score: the mean similarity of its TOP_K nearest examples
UNKNOWN_SKILL_SIMILARITY = 0.55  # at least this close to a plugin's examples: offer it to the model


@dataclass(frozen=True)
class Ranking:
    labels: list[str]  # best first: the head's labels (probabilities)
    scores: list[float]
    plugins: list[tuple[str, float]]  # skills the head does not know, close enough to offer, best first

    @property
    def best(self) -> str:
        return self.labels[0]


def training_examples(skills: dict[str, Skill], path: Path = EXAMPLES_FILE) -> list[tuple[str, str]]:
    """Sentences written for this project: each skill's description and manifest examples, and
    routing_examples.yaml (near misses that belong to `other`, more phrasings for built-in skills)."""
    data = parse_yaml(path.read_text(encoding="utf-8")) if path.is_file() else {}
    rows: list[tuple[str, str]] = [(str(t), OTHER) for t in data.get("other", [])]
    extra = data.get("extra", {})
    for name, skill in skills.items():
        m = skill.manifest
        rows.append((m.description.split(".")[0], name))
        rows += [(str(e["text"]), name) for e in m.examples if e.get("text")]
        rows += [(str(t), name) for t in extra.get(name, [])]
    return rows


class Classifier:
    def __init__(
        self,
        skills: dict[str, Skill],
        encoder=None,
        head: LinearHead | None = None,
        cache_dir: Path | None = None,
    ):
        from ..brain.embed import default_encoder

        self.encoder = encoder or default_encoder()
        self.head = head or load_head()
        # a built-in skill the config disabled takes no share: its label is dropped and the rest renormalised
        self.keep = np.array([lab == OTHER or lab in skills for lab in self.head.labels])
        self.known = [lab for lab, k in zip(self.head.labels, self.keep, strict=True) if k]
        # skills that answer no question about what is or was take no share of one, nor of a request to read
        # what exists (text.asks_about_state, text.asks_to_read)
        self.requests_only = np.array([lab in skills and skills[lab].manifest.requests_only for lab in self.known])
        rows = [(t, lab) for t, lab in training_examples(skills) if lab not in self.head.labels]
        self.plugin_texts = [t for t, _ in rows]
        self.plugin_labels = sorted({lab for _, lab in rows})
        self.plugin_of = np.array([self.plugin_labels.index(lab) for _, lab in rows], dtype=int)
        self.plugin_vectors = self._cached_vectors(cache_dir) if rows else np.zeros((0, 1), np.float32)

    def _cached_vectors(self, cache_dir: Path | None) -> np.ndarray:
        """Embeddings of plugin examples, kept on disk by a hash of the sentences."""
        key = hashlib.sha256(
            ("minilm-bf16-mapped-words\n" + "\n".join(self.plugin_texts)).encode()
        ).hexdigest()[:16]
        file = (cache_dir or _cache_dir() / "state") / f"route-examples-{key}.npy"
        if file.is_file():
            vectors = np.load(file)
            if vectors.shape[0] == len(self.plugin_texts):
                return vectors
        vectors = self.encoder.embed(self.plugin_texts)
        try:
            file.parent.mkdir(parents=True, exist_ok=True)
            tmp = file.with_suffix(".tmp.npy")
            np.save(tmp, vectors)
            os.replace(tmp, file)
        except OSError:
            pass  # read-only: embed again next time
        return vectors

    def rank_many(self, texts: list[str]) -> list[Ranking]:
        vectors = self.encoder.embed(texts)
        probs = self.head.probabilities(vectors, texts)[:, self.keep]
        questions = np.array([asks_about_state(t) or asks_to_read(t) for t in texts])
        probs[np.ix_(questions, self.requests_only)] = 0.0
        probs /= probs.sum(axis=1, keepdims=True)
        sims = vectors @ self.plugin_vectors.T if len(self.plugin_texts) else None
        out = []
        for i, p in enumerate(probs):
            order = np.argsort(p)[::-1]
            plugins: list[tuple[str, float]] = []
            if sims is not None:
                for j, lab in enumerate(self.plugin_labels):
                    s = float(np.sort(sims[i][self.plugin_of == j])[::-1][:TOP_K].mean())
                    if s >= UNKNOWN_SKILL_SIMILARITY:
                        plugins.append((lab, s))
                plugins.sort(key=lambda x: -x[1])
            out.append(Ranking([self.known[k] for k in order], [float(p[k]) for k in order], plugins))
        return out

    def rank(self, text: str) -> Ranking:
        return self.rank_many([text])[0]
