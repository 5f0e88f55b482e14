"""Endpointing with webrtcvad: speech start, end of speech after a silence, and a length cap."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import Literal

import webrtcvad

from ..audio import FRAME_MS, SAMPLE_RATE

VadChange = Literal["start", "end", "max_length"]


@dataclass
class VadSettings:
    aggressiveness: int = 2
    end_silence_ms: int = 600
    max_utterance_s: float = 12.0
    # speech starts when this many of the last `start_window` frames are voiced (rejects clicks)
    start_voiced: int = 4
    start_window: int = 6


class Endpointer:
    """Feed 30 ms frames; returns "start", "end" or "max_length" on the frame where that happens."""

    def __init__(self, settings: VadSettings | None = None):
        self.s = settings or VadSettings()
        self.vad = webrtcvad.Vad(self.s.aggressiveness)
        self.reset()

    def reset(self) -> None:
        self.in_speech = False
        self._recent: deque[bool] = deque(maxlen=self.s.start_window)
        self._silent_ms = 0
        self._speech_ms = 0

    def is_voiced(self, pcm: bytes) -> bool:
        return self.vad.is_speech(pcm, SAMPLE_RATE)

    def process(self, pcm: bytes) -> VadChange | None:
        voiced = self.is_voiced(pcm)
        self._recent.append(voiced)
        if not self.in_speech:
            if sum(self._recent) >= self.s.start_voiced:
                self.in_speech = True
                self._silent_ms = 0
                self._speech_ms = FRAME_MS * len(self._recent)
                return "start"
            return None
        self._speech_ms += FRAME_MS
        self._silent_ms = 0 if voiced else self._silent_ms + FRAME_MS
        if self._silent_ms >= self.s.end_silence_ms:
            self.in_speech = False
            self._recent.clear()
            return "end"
        if self._speech_ms >= self.s.max_utterance_s * 1000:
            self.in_speech = False
            self._recent.clear()
            return "max_length"
        return None
