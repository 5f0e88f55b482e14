"""The pipeline's time: seconds on the audio clock."""

from __future__ import annotations

import threading
import time

ECHO_TAIL_S = 0.25  # the room's echo outlasts the last sample a little


class Clock:
    """Seconds on the audio clock, moved on by the wall time spent between frames (thinking,
    speaking), and never backwards."""

    def __init__(self):
        self._audio_t = 0.0
        self._wall = time.monotonic()
        self._last = 0.0
        # the speakers' thread reads it too (barge-in places what they play): a reading between the two
        # writes of on_frame would add a whole pause to the new frame's time, and _last keeps it
        self._lock = threading.Lock()

    def on_frame(self, t: float) -> None:
        with self._lock:
            self._audio_t = t
            self._wall = time.monotonic()

    def now(self) -> float:
        with self._lock:
            self._last = max(self._last, self._audio_t + (time.monotonic() - self._wall))
            return self._last
