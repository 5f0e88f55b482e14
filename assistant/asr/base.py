"""The ASR interface every engine implements (the factory that picks one is in asr/__init__.py)."""

from __future__ import annotations

from typing import Protocol

from ..text import normalize  # noqa: F401  (its old home: code written against asr.base still imports it)


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
