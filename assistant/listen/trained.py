"""Trained wake-word models as an alternative to keyword spotting: `[wake] engine = "micro"` runs Home
Assistant's microWakeWord models from pymicro-wakeword, `engine = "openwakeword"` the openWakeWord models
from pyopen-wakeword. Both packages ship their models and a TensorFlow Lite C library in the wheel, so
they work offline (`pip install .[wake]`). wyoming-openwakeword ships the same openWakeWord models but
pins wyoming 1.2 and tflite-runtime-nightly, which this project's wyoming>=1.10 excludes.

Each model knows one phrase; these spotters take audio continuously (the models keep their own
context over ~1-2 s) rather than only the voiced stretches the keyword spotter sees.
"""

from __future__ import annotations

import math

from ..errors import UserError
from ..text import normalize
from .spotter import Spotter

MICRO_MODELS = ("okay_nabu", "hey_jarvis", "hey_mycroft", "alexa")
OWW_MODELS = ("okay_nabu", "hey_jarvis", "hey_mycroft", "alexa", "hey_rhasspy")
ALIASES = {"ok nabu": "okay_nabu"}


def model_name(phrase: str, available: tuple[str, ...], engine: str) -> str:
    p = normalize(phrase)
    name = ALIASES.get(p, p.replace(" ", "_"))
    if name not in available:
        spoken = ", ".join(n.replace("_", " ") for n in available)
        raise UserError(f'wake engine "{engine}" has no model for {phrase!r}; its phrases: {spoken}')
    return name


def _missing(package: str) -> UserError:
    return UserError(f"the trained wake-word models need {package}: pip install '.[wake]' (or pip install {package})")


class _TrainedWake(Spotter):
    """What both trained spotters share: one model per phrase, fed continuously; no end-of-utterance
    decision (a detection happens inside accept)."""

    continuous = True

    def __init__(self, phrases: list[str], available: tuple[str, ...], engine: str):
        self.names = [model_name(p, available, engine) for p in phrases]
        self.phrases = [n.replace("_", " ") for n in self.names]
        self.models: list = []
        self.last: tuple[str, float, int, int] | None = None

    def end(self) -> str | None:
        return None

    def reset(self) -> None:
        for m in self.models:
            m.reset()


class MicroWake(_TrainedWake):
    """microWakeWord: ~50-80 KB streaming models, one 10 ms feature frame at a time."""

    def __init__(self, phrases: list[str], cutoff: float | None = None):
        try:
            from pymicro_wakeword import MicroWakeWord, MicroWakeWordFeatures, Model
        except ImportError:
            raise _missing("pymicro-wakeword") from None
        super().__init__(phrases, MICRO_MODELS, "micro")
        self.models = [MicroWakeWord.from_builtin(Model(n)) for n in self.names]
        if cutoff is not None:  # each model ships its own probability cut-off; this overrides all
            for m in self.models:
                m.probability_cutoff = cutoff
        self.features = MicroWakeWordFeatures()

    def accept(self, pcm: bytes) -> str | None:
        for feats in self.features.process_streaming(pcm):
            for phrase, model in zip(self.phrases, self.models, strict=True):
                prob = model.process_streaming_prob(feats)
                if prob is not None and prob > model.probability_cutoff:
                    self.last = (phrase, float(prob), 0, 0)
                    self.reset()
                    return phrase
        return None

    def reset(self) -> None:
        self.features.reset()
        super().reset()


class OpenWakeWordWake(_TrainedWake):
    """openWakeWord: a shared melspectrogram + embedding front end (80 ms steps), one small classifier
    per phrase; 0.5 is the project's documented default probability threshold."""

    def __init__(self, phrases: list[str], cutoff: float | None = None):
        try:
            from pyopen_wakeword import Model, OpenWakeWord, OpenWakeWordFeatures
        except ImportError:
            raise _missing("pyopen-wakeword") from None
        super().__init__(phrases, OWW_MODELS, "openwakeword")
        self.models = [OpenWakeWord.from_builtin(Model(n)) for n in self.names]
        self.cutoff = 0.5 if cutoff is None else cutoff
        self.features = OpenWakeWordFeatures.from_builtin()

    def accept(self, pcm: bytes) -> str | None:
        for emb in self.features.process_streaming(pcm):
            for phrase, model in zip(self.phrases, self.models, strict=True):
                best = max((float(p) for p in model.process_streaming(emb)), default=-math.inf)
                if best > self.cutoff:
                    self.last = (phrase, best, 0, 0)
                    self.reset()
                    return phrase
        return None

    # reset(): the classifiers start afresh; the front end's reset refills 8 s of silence (~1 s of CPU)
    # and is not needed: its features are of the audio itself, and the classifiers' windows are cleared
