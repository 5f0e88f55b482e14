"""A small nearest-neighbour classifier over sentence embeddings, trained only on written examples:
each skill manifest's examples and description, plus routing_examples.yaml (near misses that belong to
`other`, and more phrasings for built-in skills). It decides most commands in milliseconds; the ones it
is unsure about go to the language model with the few likeliest tools allowed."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..paths import cache_dir as _cache_dir
from ..plugins import Skill
from ..yamlfile import parse_yaml
from .intent import OTHER

EXAMPLES_FILE = Path(__file__).with_name("routing_examples.yaml")
TOP_K = 3  # a label's score is the mean similarity of its TOP_K nearest examples


@dataclass(frozen=True)
class Ranking:
    labels: list[str]  # best first
    scores: list[float]
    neighbours: list[str]  # nearest example sentences overall, best first

    @property
    def best(self) -> str:
        return self.labels[0]

    @property
    def margin(self) -> float:
        return self.scores[0] - self.scores[1] if len(self.scores) > 1 else self.scores[0]

    def score(self, label: str) -> float:
        return self.scores[self.labels.index(label)]


def training_examples(skills: dict[str, Skill], path: Path = EXAMPLES_FILE) -> list[tuple[str, str]]:
    data = parse_yaml(path.read_text(encoding="utf-8")) if path.is_file() else {}
    rows: list[tuple[str, str]] = [(str(t), OTHER) for t in data.get("other", [])]
    extra = data.get("extra", {})
    for name, skill in skills.items():
        m = skill.manifest
        rows.append((m.description.split(".")[0], name))
        rows += [(str(e["text"]), name) for e in m.examples if e.get("text")]
        rows += [(str(t), name) for t in extra.get(name, [])]
    return rows


class ExampleClassifier:
    def __init__(
        self,
        skills: dict[str, Skill],
        encoder=None,
        path: Path = EXAMPLES_FILE,
        cache_dir: Path | None = None,
    ):
        from .embed import default_encoder

        self.encoder = encoder or default_encoder()
        rows = training_examples(skills, path)
        self.texts = [t for t, _ in rows]
        self.labels = sorted({label for _, label in rows})
        self.label_of = np.array([self.labels.index(label) for _, label in rows])
        self.vectors = self._cached_vectors(cache_dir)

    def _cached_vectors(self, cache_dir: Path | None) -> np.ndarray:
        """Embeddings of the training sentences, kept on disk by a hash of the sentences, so a start
        costs a file read rather than a few hundred encoder runs."""
        # the encoder's weights changed precision three times (float16 matrices, float32 word embeddings
        # read from the file, bfloat16 matrices): vectors of older ones are not reused
        key = hashlib.sha256(("minilm-bf16-mapped-words\n" + "\n".join(self.texts)).encode()).hexdigest()[:16]
        file = (cache_dir or _cache_dir() / "state") / f"route-examples-{key}.npy"
        if file.is_file():
            vectors = np.load(file)
            if vectors.shape[0] == len(self.texts):
                return vectors
        vectors = self.encoder.embed(self.texts)
        try:
            file.parent.mkdir(parents=True, exist_ok=True)
            tmp = file.with_suffix(".tmp.npy")
            np.save(tmp, vectors)
            os.replace(tmp, file)
        except OSError:
            pass  # read-only: embed again next time
        return vectors

    def rank_many(self, texts: list[str]) -> list[Ranking]:
        sims = self.encoder.embed(texts) @ self.vectors.T  # (queries, examples)
        out = []
        for row in sims:
            per_label = []
            for i in range(len(self.labels)):
                s = np.sort(row[self.label_of == i])[::-1][:TOP_K]
                per_label.append(float(s.mean()))
            order = np.argsort(per_label)[::-1]
            nearest = np.argsort(row)[::-1][:6]
            out.append(
                Ranking(
                    [self.labels[i] for i in order],
                    [per_label[i] for i in order],
                    [self.texts[j] for j in nearest],
                )
            )
        return out

    def rank(self, text: str) -> Ranking:
        return self.rank_many([text])[0]
