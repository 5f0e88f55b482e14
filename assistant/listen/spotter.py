"""What a wake-word spotter gives the wake gate and barge-in: the phrases it listens for, whether it hears
audio continuously, and the per-frame decision."""

from __future__ import annotations

from abc import ABC, abstractmethod


class Spotter(ABC):
    phrases: list[str]  # normalized, as they are reported when heard
    # trained models hear everything (listen/trained.py): the gate feeds them every frame instead of
    # only the utterances its endpointer finds
    continuous = False

    @abstractmethod
    def accept(self, pcm: bytes) -> str | None:
        """Feed 16 kHz mono int16 PCM; the phrase when it was heard in it, else None."""

    @abstractmethod
    def end(self) -> str | None:
        """The utterance the gate fed ended: the phrase if it was heard in it."""

    @abstractmethod
    def reset(self) -> None: ...
