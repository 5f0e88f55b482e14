"""The ASR interface every engine implements, and the factory that picks one from the config."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ..config import Config


class AsrSession(Protocol):
    def accept(self, pcm: bytes) -> str | None:
        """Feed 16 kHz mono int16 PCM; return the partial transcript when it changed, else None."""

    def finish(self) -> str:
        """End of utterance: return the final transcript (lower case, no punctuation)."""


class AsrEngine(Protocol):
    name: str
    streams_partials: bool

    def session(self) -> AsrSession: ...

    def transcribe(self, pcm: bytes) -> str:
        """A whole utterance at once."""


def normalize(text: str) -> str:
    """Lower case, keep letters, digits, apostrophes and colons (times like 7:30) and single spaces."""
    out = []
    for ch in text.lower():
        if ch.isalnum() or ch in "':":
            out.append(ch)
        elif ch in "-.," and out and out[-1].isdigit():
            out.append(ch)  # keep 2.5, 10,000 and 5-minute until the next step decides
        else:
            out.append(" ")
    words = "".join(out).split()
    return " ".join(w.strip("-.,") for w in words if w.strip("-.,"))


def create_engine(config: Config) -> AsrEngine:
    engine = config.asr.engine
    if engine == "vosk":
        from .vosk_engine import VoskEngine

        return VoskEngine(config.asr.vosk_model, sample_rate=16000)
    if engine == "wyoming":
        from ..wyoming.remote import WyomingAsrEngine

        return WyomingAsrEngine(config.asr.wyoming_uri, config.asr.language)
    if engine == "pocketsphinx":
        from .pocketsphinx_engine import PocketsphinxEngine

        return PocketsphinxEngine()
    if engine == "whisper":
        from .whisper_engine import whisper_from_config

        return whisper_from_config(config)
    from .hybrid_engine import HybridEngine

    return HybridEngine(config)
