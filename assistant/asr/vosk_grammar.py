"""A Vosk session restricted to a list of phrases (the command sentences of the skills' templates).

A grammar maps every sound onto some phrase, so words are kept only when Vosk's word confidence
reaches min_word_conf; the router then has to match what is left against a whole template, which
rejects the fragments speech outside the grammar turns into."""

from __future__ import annotations

from .vosk_engine import VoskSession


class GrammarSession(VoskSession):
    def __init__(self, recognizer, min_word_conf: float):
        super().__init__(recognizer)
        self.rec.SetWords(True)
        self.min_word_conf = min_word_conf

    def _keep(self, result: dict) -> None:
        self._done += [
            w["word"] for w in result.get("result", []) if w.get("conf", 0.0) >= self.min_word_conf
        ]
