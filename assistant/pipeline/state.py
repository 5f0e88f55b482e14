"""Where the voice loop stands: its state, why it listens, and when it must not listen."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class State(StrEnum):
    IDLE = "idle"  # waiting for the wake word (or, with none configured, for any speech)
    LISTENING = "listening"  # a window is open and no speech has started: the no-speech timeout runs
    HEARING = "hearing"  # the user speaks: partial transcripts go out, the endpoint is awaited


class Window(StrEnum):
    """Why the loop listens."""

    WAKE = "wake"  # the wake word was heard, or push-to-talk
    ANSWER = "answer"  # the assistant asked a question
    FOLLOW_UP = "follow_up"  # after a reply, without the wake word: speech that is no command is ignored
    OPEN = "open"  # no wake word configured: every utterance is a command


@dataclass
class Listening:
    state: State = State.IDLE
    window: Window = Window.WAKE
    since: float = 0.0  # when the window opened (audio clock)
    timeout: float | None = None  # no speech by since + timeout: back to idle; None: no limit
    busy_until: float = -1.0  # the assistant's own voice (and its echo) is heard until then
    muted: bool = False  # the microphone is off (set from the UI's thread)

    def open(self, window: Window, t: float, timeout: float | None) -> None:
        self.state, self.window, self.since, self.timeout = State.LISTENING, window, t, timeout

    def close(self) -> None:
        self.state = State.IDLE

    @property
    def speech_started(self) -> bool:
        return self.state is State.HEARING

    def deaf(self, t: float) -> bool:
        """A frame at t is not listened to: it is our own voice, or the microphone is muted."""
        return t < self.busy_until or self.muted

    def timed_out(self, t: float) -> bool:
        return self.state is State.LISTENING and self.timeout is not None and t - self.since >= self.timeout

    @property
    def phase(self) -> str:
        """What a screen shows: idle, or listening (the user speaking or not)."""
        return "idle" if self.state is State.IDLE else "listening"
