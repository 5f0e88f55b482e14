"""Whether the words heard before a pause are a whole command, or the user is likely to go on.

People pause inside a command ("set a timer for ... ten minutes", "email alice ... saying ...") and
after it; only the words tell the two apart. A logistic regression over a few features of the words
(the last word and the last two, the first two, the words themselves, the length) gives the
probability that the command is complete. It was trained by `scripts/train_turn_end.py` on ~29k public
commands (intent-train) as written, against their own proper beginnings ("what's the weather in"),
and its two thresholds were chosen on the calibration part of intent-dev: `threshold` passes at most
5% of the beginnings there, `likely_threshold` at most 10%. The same script prints the report. Run
time is a dictionary lookup per feature and a sigmoid: NumPy only, ~10 microseconds.

The loop uses it at a pause (asr/grammar_engine.py), whether or not the router is sure which skill
the words are for: the surer the words are a whole command, the shorter the silence that ends the
utterance (`latency.confident_end_silence_ms` at `threshold`, `latency.likely_end_silence_ms` at
`likely_threshold`, else `vad.end_silence_ms`). A longer pause is needed where a cut is likelier.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np

from ..errors import UserError
from ..text import normalize

MODEL_FILE = Path(__file__).with_name("turn_end.npz")
LONGEST = 12  # length features stop here: "12 words or more"


def features(text: str) -> list[str]:
    """The model's binary features of a transcript (the trainer calls this too)."""
    words = normalize(text).split()
    if not words:
        return []
    out = [f"w={w}" for w in dict.fromkeys(words)]
    out += [f"last={words[-1]}", f"first={words[0]}", f"n={min(len(words), LONGEST)}"]
    if len(words) > 1:
        out += [f"last2={words[-2]} {words[-1]}", f"first2={words[0]} {words[1]}"]
    return out


@dataclass(frozen=True)
class TurnEnd:
    vocabulary: tuple[str, ...]
    weights: np.ndarray  # (features,)
    bias: float
    threshold: float  # probability at or above which the command is taken as complete
    likely_threshold: float  # ... as likely complete (a lower bar, for a longer silence)
    meta: dict = field(default_factory=dict)  # how it was trained (data hash, sizes, choices, figures)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", {f: i for i, f in enumerate(self.vocabulary)})

    def probability(self, text: str) -> float:
        """P(the command is complete) for a transcript; 0 for no words."""
        found = features(text)
        if not found:
            return 0.0
        index = self._index  # type: ignore[attr-defined]
        cols = [i for f in found if (i := index.get(f)) is not None]
        z = self.bias + float(self.weights[cols].sum())
        return 1.0 / (1.0 + math.exp(-z))

    def tier(self, probability: float) -> str | None:
        """The loop's endpoint reason for words of this probability: "complete_turn" (at `threshold`),
        "likely_turn" (at `likely_threshold`) or None."""
        if probability >= self.threshold:
            return "complete_turn"
        return "likely_turn" if probability >= self.likely_threshold else None

    def save(self, path: Path) -> None:
        np.savez_compressed(
            path,
            vocabulary=np.array(self.vocabulary, dtype=str),
            weights=self.weights.astype(np.float32),
            bias=np.array(self.bias, np.float32),
            threshold=np.array(self.threshold, np.float32),
            likely_threshold=np.array(self.likely_threshold, np.float32),
            meta=np.array(json.dumps(self.meta, sort_keys=True)),
        )


@cache
def load_turn_end(path: Path = MODEL_FILE) -> TurnEnd:
    try:
        with np.load(path, allow_pickle=False) as f:
            return TurnEnd(
                tuple(str(x) for x in f["vocabulary"]),
                f["weights"].astype(np.float32),
                float(f["bias"]),
                float(f["threshold"]),
                float(f["likely_threshold"]),
                json.loads(str(f["meta"])),
            )
    except (OSError, KeyError, ValueError) as exc:
        raise UserError(
            f"the end-of-command model {path} cannot be read ({exc}); reinstall the package "
            "or retrain it with scripts/train_turn_end.py"
        ) from None
