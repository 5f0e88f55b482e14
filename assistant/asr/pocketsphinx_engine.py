"""pocketsphinx 5: streams partial hypotheses with its bundled en-us model; weak on open dictation."""

from __future__ import annotations

from pocketsphinx import Decoder

from .base import normalize

# checking the hypothesis every frame costs more than the decoding; every 6 frames (~180 ms) is plenty
_PARTIAL_EVERY = 6


class PocketsphinxSession:
    def __init__(self, engine: PocketsphinxEngine):
        self.engine = engine
        self.decoder = engine.decoder
        self.decoder.start_utt()
        engine.open_session = self
        self._n = 0
        self._last = ""

    def accept(self, pcm: bytes) -> str | None:
        if self.engine.open_session is not self:
            return None
        self.decoder.process_raw(pcm, False, False)
        self._n += 1
        if self._n % _PARTIAL_EVERY:
            return None
        hyp = self.decoder.hyp()
        text = normalize(hyp.hypstr) if hyp else ""
        if text and text != self._last:
            self._last = text
            return text
        return None

    def finish(self) -> str:
        if self.engine.open_session is not self:
            return ""  # abandoned: a newer session took the decoder
        self.engine.open_session = None
        self.decoder.end_utt()
        hyp = self.decoder.hyp()
        return normalize(hyp.hypstr) if hyp else ""


class PocketsphinxEngine:
    name = "pocketsphinx"
    streams_partials = True

    def __init__(self, jsgf: str | None = None, partials_only: bool = False):
        kwargs: dict = {"samprate": 16000, "loglevel": "FATAL"}
        if jsgf:
            kwargs["jsgf"] = jsgf
        if partials_only:
            # partials come from the first (tree) pass alone: without the flat-lexicon and lattice passes
            # the decoder takes 49 MB instead of 91 MB, with the same partial text on read speech
            kwargs |= {"fwdflat": False, "bestpath": False}
        self.decoder = Decoder(**kwargs)
        self.open_session: PocketsphinxSession | None = None

    def session(self) -> PocketsphinxSession:
        # one decoder, one utterance at a time: an abandoned session (listening timed out) is closed
        if self.open_session is not None:
            self.open_session.finish()
        return PocketsphinxSession(self)

    def transcribe(self, pcm: bytes) -> str:
        s = self.session()
        s.accept(pcm)
        return s.finish()


def dictionary_subset(decoder, words) -> str:
    """Pronunciation dictionary text for just these words (with alternatives, stored as word(2), ...),
    looked up in a decoder that has the full one. A decoder that only ever hears a few words (wake
    phrases, the command grammar) is built from this instead of the full 130,000-word dictionary."""
    lines = []
    for word in dict.fromkeys(words):
        entry, n = word, 1
        while (pron := decoder.lookup_word(entry)) is not None:
            lines.append(f"{entry} {pron}\n")
            n += 1
            entry = f"{word}({n})"
    return "".join(lines)
