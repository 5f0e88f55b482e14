"""The voice loop on a worker thread, for the terminal UI.

The pipeline is synchronous and not thread-safe, so one thread owns it: it feeds microphone frames and,
between frames, runs what the user asked for (a typed command, push-to-talk, a file to summarize).
Everything the loop has to say goes to `deliver` as a SessionItem, in order. Stopping speech and muting
are the exceptions: they must act while the thread is busy speaking, and only set flags.
"""

from __future__ import annotations

import logging
import os
import queue
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Literal, Protocol

from ..audio.sources import AudioFrame, MicrophoneSource
from ..config import Config
from ..errors import UserError
from ..events import Event
from ..tts.output import NullOutput, SpeakerOutput

log = logging.getLogger(__name__)


class FrameSource(Protocol):
    def frames(self, start_t: float = 0.0) -> Iterator[AudioFrame]: ...


@dataclass
class Devices:
    """What the loop hears with and speaks through; a None source / a NullOutput means there is none."""

    source: FrameSource | None
    output: Any
    mic_problem: str | None = None
    speaker_problem: str | None = None
    source_name: str = "microphone"

    @property
    def can_hear(self) -> bool:
        return self.source is not None

    @property
    def can_speak(self) -> bool:
        return not isinstance(self.output, NullOutput)


def probe_devices(config: Config) -> Devices:
    """Open the configured microphone and speakers; a missing one is noted, not fatal."""
    source: FrameSource | None = None
    mic_problem = speaker_problem = None
    try:
        source = MicrophoneSource.from_config(config.audio)
    except UserError as exc:
        mic_problem = str(exc)
    try:
        output: Any = SpeakerOutput(config.audio.output_device)
    except UserError as exc:
        output, speaker_problem = NullOutput(), str(exc)
    return Devices(source, output, mic_problem, speaker_problem)


Kind = Literal["event", "phase", "turn_start", "note", "ready", "error"]


@dataclass(frozen=True)
class SessionItem:
    """One thing the worker reports: a pipeline event, a phase change (loading / idle / listening /
    thinking), the start of a typed turn (t on the pipeline clock), or a line for the user."""

    kind: Kind
    event: Event | None = None
    text: str = ""
    t: float = 0.0
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class _Command:
    name: Literal["text", "push_to_talk", "summarize_file", "quit"]
    text: str = ""


class VoiceSession:
    def __init__(
        self,
        config: Config,
        deliver: Callable[[SessionItem], None],
        devices: Devices | None = None,
        runtime: Any = None,
        wake: bool = True,
        wall_clock: Callable[[], datetime] | None = None,
        pipeline_clock: Any = None,
    ):
        self.config = config
        self.deliver = deliver
        self.devices = devices
        self.runtime = runtime
        self.wake = wake
        self.wall_clock = wall_clock
        self.pipeline_clock = pipeline_clock
        self.pipe: Any = None
        self.recorder: Any = None  # SessionRecorder while --record / [debug] record_dir is on
        self._next_t = float("inf")  # the frame the loop feeds next (where a typed command falls)
        self.muted = False
        self._commands: queue.Queue[_Command] = queue.Queue()
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._main, name="voice-loop", daemon=True)

    # -- called from the UI thread --------------------------------------------------------------
    def start(self) -> None:
        self._thread.start()

    def submit_text(self, text: str) -> None:
        self._commands.put(_Command("text", text))

    def push_to_talk(self) -> None:
        self._commands.put(_Command("push_to_talk"))

    def summarize_file(self, path: str) -> None:
        self._commands.put(_Command("summarize_file", path))

    def stop_speaking(self) -> None:
        if self.pipe is not None:
            self.pipe.stop_speaking()

    def set_muted(self, muted: bool) -> None:
        self.muted = muted
        if self.pipe is not None:
            self.pipe.listening.muted = muted

    def close(self, timeout: float = 2.0) -> None:
        self._stopping.set()
        self.stop_speaking()
        self._commands.put(_Command("quit"))
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout)

    # -- the worker thread ----------------------------------------------------------------------
    def _send(self, item: SessionItem) -> None:
        if self._stopping.is_set():
            return
        try:
            self.deliver(item)
        except RuntimeError:  # the app is gone (its loop closed while we were busy)
            self._stopping.set()

    def _emit(self, event: Event) -> None:
        if self.recorder is not None:
            self.recorder.emit(event)
        self._emitted = True
        self._send(SessionItem("event", event))

    def _phase(self, phase: str) -> None:
        self._send(SessionItem("phase", text=phase))

    def _main(self) -> None:
        try:
            self._setup()
        except UserError as exc:
            self._send(SessionItem("error", text=str(exc), data={"fatal": True}))
            return
        except Exception as exc:  # a broken model must show up on screen, not kill the thread silently
            log.exception("voice loop failed to start")
            self._send(SessionItem("error", text=f"could not start: {exc}", data={"fatal": True}))
            return
        try:
            self._loop()
        except Exception as exc:
            log.exception("voice loop failed")
            self._send(SessionItem("error", text=f"the voice loop stopped: {exc}", data={"fatal": True}))
        finally:
            if self.recorder is not None:
                self.recorder.close()

    def _setup(self) -> None:
        from ..pipeline import Pipeline
        from ..record import start_recording
        from ..runtime import load_runtime

        self._phase("loading")
        if self.devices is None:
            self.devices = probe_devices(self.config)
        d = self.devices
        if self.runtime is None:
            if self.config.asr.live_partials is None:  # this display shows the words as they are spoken
                asr = self.config.asr.model_copy(update={"live_partials": True})
                self.config = self.config.model_copy(update={"asr": asr})
            # no microphone: no ASR to load; no speakers: nothing to synthesize
            self.runtime = load_runtime(self.config, audio=d.can_hear, speech=d.can_speak)
        self.pipe = Pipeline(self.runtime, self._emit, d.output, wake=self.wake, wall_clock=self.wall_clock)
        if self.pipeline_clock is not None:
            self.pipe.clock = self.pipeline_clock
        self.pipe.listening.muted = self.muted
        self.recorder = start_recording(self.config)
        if self.recorder is not None:
            self.recorder.describe(self.pipe)
        self._emitted = False
        self._send(
            SessionItem(
                "ready",
                data={
                    "mic_problem": d.mic_problem,
                    "speaker_problem": d.speaker_problem,
                    "source_name": d.source_name,
                    "can_hear": d.can_hear,
                    "can_speak": d.can_speak,
                    "wake_phrases": list(self.pipe.wake_phrases) if self.pipe.wake_enabled else [],
                    # said over a reply, these cut it (barge-in); empty: the mic is dropped while speaking
                    "listens_over_speech": self.pipe.barge.listens_for if self.pipe.barge else [],
                    "recording": str(self.recorder.folder) if self.recorder else None,
                },
            )
        )
        self._phase("idle")

    def _loop(self) -> None:
        pipe = self.pipe
        source = self.devices.source if self.devices else None
        if source is not None:
            state = pipe.phase
            frames = source.frames()
            if self.recorder is not None:
                frames = self.recorder.frames(frames)
            try:
                for frame in pipe.attach(frames):
                    self._next_t = frame.t
                    while not self._commands.empty():
                        if not self._do(self._commands.get_nowait()):
                            return
                    self._emitted = False
                    pipe.feed(frame)
                    if self._emitted or pipe.phase != state:
                        state = pipe.phase
                        self._phase(state)
                    if self._stopping.is_set():
                        return
            except UserError as exc:  # the microphone went away: carry on by typing
                self._send(SessionItem("error", text=str(exc)))
            pipe.flush()
            self._next_t = float("inf")
            self._phase(pipe.phase)
            self._send(SessionItem("note", text=f"{self.devices.source_name} ended; type a command"))
        # typing only: wait for commands, waking up in time to ring due timers
        while not self._stopping.is_set():
            self._ring_due()
            due = pipe.scheduler.next_due()
            wait = 1.0 if due is None else min(1.0, max(0.0, due - pipe.clock.now()))
            try:
                command = self._commands.get(timeout=wait)
            except queue.Empty:
                continue
            if not self._do(command):
                return

    def _ring_due(self) -> None:
        for due in self.pipe.scheduler.pop_due(self.pipe.clock.now()):
            self.pipe.ring(due)
            self._phase(self.pipe.phase)

    def _do(self, command: _Command) -> bool:
        pipe = self.pipe
        if command.name == "quit":
            return False
        if self.recorder is not None and command.name in ("text", "push_to_talk"):
            self.recorder.note_input(command.name, self._next_t, command.text)
        if command.name == "push_to_talk":
            if not pipe.rt.hears or self.devices is None or not self.devices.can_hear:
                self._send(SessionItem("note", text="no microphone: type the command instead"))
            elif self.muted:
                self._send(SessionItem("note", text="the microphone is muted (m to unmute)"))
            else:
                pipe.start_listening_now()
                self._phase(pipe.phase)
            return True
        if command.name == "summarize_file":
            path = Path(command.text).expanduser()
            if not path.is_file():
                self._send(SessionItem("error", text=f"{path} is not a file; choose an existing file"))
                return True
            # the same hand-over `assistant ask --text-file` uses: the summarize skill reads this file
            os.environ["ASSISTANT_TEXT_FILE"] = str(path.resolve())
            self._typed("summarize the attached file", shown=f"summarize {path}")
            return True
        self._typed(command.text)
        return True

    def _typed(self, text: str, shown: str | None = None) -> None:
        pipe = self.pipe
        t = pipe.clock.now()
        self._send(SessionItem("turn_start", text=shown or text, t=t))
        self._phase("thinking")
        pipe.handle_text(text)
        self._send(SessionItem("phase", text=pipe.phase, data={"turn_over": True, "t": pipe.clock.now()}))
