"""The acknowledgement ("One moment.") said when a turn becomes slow, so the user knows they were heard.

The dialogue registers when a turn becomes slow (brain/waiting.py: the model begins to decide; a skill
marked slow begins); the pipeline says when the reply starts. The phrase is synthesized once per voice
(Runtime.speech; the voice's loader does it while warming up)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class Acknowledgement:
    def __init__(self, on: bool, say: Callable[[], float]):
        """on: acknowledgements are said at all. say: speaks the phrase (queued on the output) and
        returns when its audio ends on the audio clock."""
        self.on = on
        self._say_it = say
        # the timer's thread vs the turn's thread (the reply's start)
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None
        self._due = 0.0  # when the timer fires (monotonic)
        self.said = False
        self.until = -1.0  # when the acknowledgement said in this turn has been heard (audio clock)
        self._replying = False

    def new_turn(self) -> None:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
            self._timer = None
            self.said = False
            self.until = -1.0
            self._replying = False

    def after(self, delay: float) -> None:
        """The turn has become slow: say the acknowledgement if the reply has not started `delay` seconds
        from now. An answer that is ready by then is not held back behind "One moment." (the reply waits
        until the acknowledgement has been heard). A second call may bring it forward, never put it
        off. Only the thread handling the turn calls this (speculative routing has no hook)."""
        if not self.on or self.said:
            return
        due = time.monotonic() + delay
        with self._lock:
            if self._timer is not None:
                if due >= self._due:
                    return
                self._timer.cancel()
                self._timer = None
        if delay <= 0:
            self._say()
            return
        timer = threading.Timer(delay, lambda: self._say(timer))
        timer.daemon = True
        self._timer, self._due = timer, due
        timer.start()

    def _say(self, timer: threading.Timer | None = None) -> None:
        with self._lock:
            # a timer of an earlier turn that fired just as this one began must not speak in it
            stale = timer is not None and timer is not self._timer
            if stale or self.said or self._replying:
                return
            self.said = True
            self.until = self._say_it()

    def answer_on_its_way(self) -> None:
        """No acknowledgement from now on in this turn (one already said is still heard in full)."""
        with self._lock:
            self._replying = True
            if self._timer is not None:
                self._timer.cancel()

    def reply_starts(self, now: float) -> float:
        """When the reply's first sample plays: now, or once the acknowledgement has been heard."""
        self.answer_on_its_way()
        return max(now, self.until) if self.said else now
