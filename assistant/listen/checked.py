"""A keyphrase spotter whose detections pass a second check on the audio they fired on (confirm.py: a
stricter decode; verify.py: the recognizer's transcript): it keeps the current utterance's audio and
asks `passes` before a detection wakes the assistant."""

from __future__ import annotations

from abc import abstractmethod

from .spotter import Spotter

MAX_BYTES = 12 * 16000 * 2  # the voiced stretch kept (the VAD caps an utterance at 12 s)


class CheckedWake(Spotter):
    def __init__(self, spotter):
        self.spotter = spotter  # a PocketsphinxWake
        self.phrases = spotter.phrases
        self._utt = bytearray()
        self.rejected = 0
        self.check_s: list[float] = []  # seconds per check, for the evaluation's cost figure
        self.last = None

    @abstractmethod
    def passes(self, phrase: str) -> bool:
        """The detection in self.last (phrase, score, start, end frame) holds up on self._utt."""

    def accept(self, pcm: bytes) -> str | None:
        if not self.spotter._active:  # the spotter starts a new utterance with this frame
            self._utt.clear()
        if len(self._utt) < MAX_BYTES:
            self._utt += pcm
        hit = self.spotter.accept(pcm)
        if hit is None:
            return None
        self.last = self.spotter.last
        if self.passes(hit):
            return hit
        self.rejected += 1
        return None

    def end(self) -> str | None:
        return self.spotter.end()

    def reset(self) -> None:
        self.spotter.reset()
