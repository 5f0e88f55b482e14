"""pocketsphinx 5: streams partial hypotheses with its bundled en-us model; weak on open dictation."""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from pathlib import Path

from pocketsphinx import Decoder

from ..text import normalize
from .session import AsrEngine, AsrSession

# the 20,000 words of the en-us dictionary its language model finds likeliest (scripts/common_words.py)
COMMON_WORDS = Path(__file__).with_name("en-us-common-words.txt")

# checking the hypothesis every frame costs more than the decoding; every 6 frames (~180 ms) is plenty
_PARTIAL_EVERY = 6


class PocketsphinxSession(AsrSession):
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


class PocketsphinxEngine(AsrEngine):
    name = "pocketsphinx"
    streams_partials = True

    def __init__(self, jsgf: str | None = None, partials_only: bool = False):
        kwargs: dict = {"samprate": 16000, "loglevel": "FATAL"}
        if jsgf:
            kwargs["jsgf"] = jsgf
        if partials_only:
            # partials come from the first (tree) pass alone: without the flat-lexicon and lattice passes
            # the decoder takes 49 MB instead of 91 MB, with the same partial text on read speech. And it
            # searches the 20,000 commonest words, not all 134,000 (README, "Live partials"): ~40 MB less
            # and half the CPU, fewer errors on spoken commands, more on rare words
            kwargs |= {"fwdflat": False, "bestpath": False}
            words = COMMON_WORDS.read_text(encoding="utf-8").split()
            self.decoder = decoder_with_files({"dict": dictionary_lines(words)}, **kwargs)
        else:
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


def full_dictionary() -> Path:
    """pocketsphinx's en-us pronunciation dictionary (cmudict, 134,000 words)."""
    from pocketsphinx import get_model_path

    return Path(get_model_path()) / "en-us" / "cmudict-en-us.dict"


def decoder_with_files(files: dict[str, str], **options) -> Decoder:
    """A Decoder given some of its inputs as text: `files` maps an option (dict, jsgf, kws) to the file's
    contents, written to a temporary folder that is gone once the decoder has read it at construction."""
    with tempfile.TemporaryDirectory(prefix="pocketsphinx-") as tmp:
        for option, text in files.items():
            path = Path(tmp) / f"input.{option}"
            path.write_text(text, encoding="utf-8")
            options[option] = str(path)
        return Decoder(**options)


def entry_word(line: str) -> str:
    return line.split(" ", 1)[0].split("(", 1)[0]  # alternatives are written word(2), word(3) ...


def dictionary_lines(words: Iterable[str]) -> str:
    """The full dictionary's lines for just these words, alternatives included. A decoder that only ever
    hears some words (wake phrases, the command grammar, live partials) is built from this instead of
    the full dictionary, and no decoder is needed to look them up (each costs ~40 MB while it lives)."""
    wanted = set(words)
    with full_dictionary().open(encoding="utf-8") as f:
        return "".join(line for line in f if entry_word(line) in wanted)


def dictionary_words() -> set[str]:
    """Every word the full dictionary can pronounce."""
    with full_dictionary().open(encoding="utf-8") as f:
        return {entry_word(line) for line in f}
