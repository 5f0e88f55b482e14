"""What every speech recognizer gives the pipeline: an engine that opens sessions, and a session per
utterance that takes PCM, yields partials, then a final. Engines derive from these bases and override
the abstract methods; the optional hooks have defaults, so the pipeline calls them on every engine."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any


class AsrSession(ABC):
    # set by the listener before the first frame. on_guess: called with the transcript of a pause (from
    # the recognizer's helper thread), so the turn can be prepared while the endpoint is awaited;
    # on_stale: the user spoke on after it, what was prepared is not wanted. Only a recognizer that
    # transcribes at pauses (the grammar engine) calls them. on_guess returns True when the words were
    # routed for sure without the language model (the router's `settled`): the endpoint may come sooner
    on_guess: Callable[[str], bool | None] | None = None
    on_stale: Callable[[], None] | None = None

    @abstractmethod
    def accept(self, pcm: bytes) -> str | None:
        """Feed 16 kHz mono int16 PCM; return the partial transcript when it changed, else None."""

    @abstractmethod
    def finish(self) -> str:
        """End of utterance: return the final transcript (lower case, no punctuation)."""

    @property
    def endpoint_reason(self) -> str | None:
        """Why the utterance may end now, before the usual end-of-speech silence (the pipeline's vad_end
        reason), or None: the words so far make a complete command and the user has paused. Only a
        recognizer that knows the commands says so."""
        return None

    @property
    def endpoint_ready(self) -> bool:
        return self.endpoint_reason is not None

    def abandon(self) -> None:
        """Close without a final (the utterance was noise, not speech): let go of what the session holds.
        Most sessions hold nothing a newer session would need."""
        return None


class AsrEngine(ABC):
    name: str
    streams_partials: bool  # partial transcripts arrive while the user speaks

    # how the last final was made (the bench and logs read it); empty for most engines
    last_info: Mapping[str, Any] = MappingProxyType({})

    @abstractmethod
    def session(self) -> AsrSession: ...

    def strict_session(self) -> AsrSession:
        """A session for speech that may not be meant for us (a follow-up window, no wake word): an
        engine with a stricter mode uses it there; most have none."""
        return self.session()

    @abstractmethod
    def transcribe(self, pcm: bytes) -> str:
        """A whole utterance at once."""

    def written(self, text: str) -> str:
        """The utterance whose transcript was `text` as the recognizer wrote it, with punctuation and
        capitals (a dictated email keeps its sentences); "" where it writes none (most engines)."""
        return ""

    def alternatives(self, text: str) -> list[str]:
        """Other readings of the utterance whose transcript was `text`, likeliest first, that the
        recognizer found nearly as likely (Whisper's beam): the router may take one it is sure of where
        it is unsure of `text` (Router.heard). Empty for most engines."""
        return []

    def quick_transcript(self, pcm: bytes, expect: str | None = None) -> str | None:
        """A short stretch (a second or two) transcribed in one quick pass, or None when that pass cannot
        be trusted: for checks that would rather say no than wait for a slower pass (listen/verify.py).
        expect: the words the check looks for, which an engine may be biased toward."""
        return self.transcribe(pcm)
