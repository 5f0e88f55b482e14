"""A Vosk session restricted to a list of phrases (the command sentences of the skills' templates).

A grammar maps every sound onto some phrase, so words are kept only when Vosk's word confidence
reaches min_word_conf; the router then has to match what is left against a whole template, which
rejects the fragments speech outside the grammar turns into."""

from __future__ import annotations

import json

from .base import normalize


class GrammarSession:
    def __init__(self, recognizer, min_word_conf: float):
        self.rec = recognizer
        self.rec.SetWords(True)
        self.min_word_conf = min_word_conf
        self._words: list[str] = []
        self._last = ""

    def _keep(self, result: dict) -> None:
        self._words += [
            w["word"] for w in result.get("result", []) if w.get("conf", 0.0) >= self.min_word_conf
        ]

    def accept(self, pcm: bytes) -> str | None:
        if self.rec.AcceptWaveform(pcm):
            self._keep(json.loads(self.rec.Result()))
            partial = " ".join(self._words)
        else:
            partial = " ".join([*self._words, json.loads(self.rec.PartialResult()).get("partial", "")])
        partial = normalize(partial)
        if partial and partial != self._last:
            self._last = partial
            return partial
        return None

    def finish(self) -> str:
        self._keep(json.loads(self.rec.FinalResult()))
        return normalize(" ".join(self._words))
