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
SR = 16000
FRAME_BYTES = SR * 30 // 1000 * 2  # one 30 ms webrtcvad frame
SPEECH_MS = 300  # a phrase is at least this long
PAUSE_MS = 90  # then this much without speech is a pause worth looking past
LOOKAHEAD_S = 0.6  # how far past it: the models score a phrase 0.2-0.3 s after its end, some later


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
    per phrase; 0.5 is the project's documented default probability threshold.

    Its models score a phrase only once 0.2-0.3 s of audio after it has been heard (docs/wake.md). So at
    the first pause after speech (PauseWatch) the spotter also plays its models what the pause would
    sound like if it went on (the pause's own audio, repeated) and wakes at once when they hear the phrase
    in that; the models' state is put back afterwards, and the real audio goes on as before."""

    def __init__(self, phrases: list[str], cutoff: float | None = None, lookahead_s: float = LOOKAHEAD_S):
        try:
            from pyopen_wakeword import Model, OpenWakeWord, OpenWakeWordFeatures
        except ImportError:
            raise _missing("pyopen-wakeword") from None
        super().__init__(phrases, OWW_MODELS, "openwakeword")
        self.models = [OpenWakeWord.from_builtin(Model(n)) for n in self.names]
        self.cutoff = 0.5 if cutoff is None else cutoff
        self.features = OpenWakeWordFeatures.from_builtin()
        self.lookahead_s = lookahead_s
        self.pauses = PauseWatch()

    def accept(self, pcm: bytes) -> str | None:
        hit = self._heard(pcm)
        if hit is None and self.lookahead_s > 0 and (quiet := self.pauses.accept(pcm)) is not None:
            hit = self._look_ahead(quiet)
        if hit is not None:
            self.reset()
        return hit

    def _heard(self, pcm: bytes) -> str | None:
        for emb in self.features.process_streaming(pcm):
            for phrase, model in zip(self.phrases, self.models, strict=True):
                best = max((float(p) for p in model.process_streaming(emb)), default=-math.inf)
                if best > self.cutoff:
                    self.last = (phrase, best, 0, 0)
                    return phrase
        return None

    def _look_ahead(self, quiet: bytes) -> str | None:
        """Would the models hear the phrase if the pause went on? Their state is restored either way."""
        f = self.features
        saved = (f.audio.copy(), f.new_audio_samples, f.mels.copy(), f.new_mels)
        models = [(m.embeddings.copy(), m.new_embeddings) for m in self.models]
        n = int(self.lookahead_s * SR * 2)
        pause = (quiet * (n // len(quiet) + 1))[:n]
        try:
            return self._heard(pause)
        finally:
            f.audio, f.new_audio_samples, f.mels, f.new_mels = saved
            for m, (emb, new) in zip(self.models, models, strict=True):
                m.embeddings, m.new_embeddings = emb, new

    def reset(self) -> None:
        # the classifiers start afresh; the front end's reset refills 8 s of silence (~1 s of CPU) and is
        # not needed: its features are of the audio itself, and the classifiers' windows are cleared
        super().reset()
        self.pauses.reset()


class PauseWatch:
    """Pauses after speech: webrtcvad on 30 ms frames; once SPEECH_MS of speech has been heard (since the
    last second of quiet), each PAUSE_MS without speech that follows new speech. Returns the pause's audio,
    once per pause."""

    def __init__(self, speech_ms: int = SPEECH_MS, pause_ms: int = PAUSE_MS):
        import webrtcvad

        self.vad = webrtcvad.Vad(3)  # the strictest: room noise is not speech
        self.speech_frames = speech_ms // 30
        self.pause_frames = pause_ms // 30
        self.reset()

    def reset(self) -> None:
        self.buf = b""
        self.speech = 0  # speech frames since the last second of quiet
        self.fresh = False  # speech since the last pause returned
        self.quiet: list[bytes] = []
        self.quiet_run = 0

    def accept(self, pcm: bytes) -> bytes | None:
        self.buf += pcm
        out = None
        while len(self.buf) >= FRAME_BYTES:
            frame, self.buf = self.buf[:FRAME_BYTES], self.buf[FRAME_BYTES:]
            if self.vad.is_speech(frame, SR):
                self.speech += 1
                self.fresh = True
                self.quiet, self.quiet_run = [], 0
                continue
            self.quiet = [*self.quiet[1 - self.pause_frames :], frame]
            self.quiet_run += 1
            if self.quiet_run * 30 >= 1000:
                self.speech = 0
            if self.fresh and self.speech >= self.speech_frames and self.quiet_run >= self.pause_frames:
                out = b"".join(self.quiet)
                self.fresh = False
        return out
