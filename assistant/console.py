"""`assistant` without a subcommand: the live loop on the microphone and speakers, printed as plain
lines (the Textual UI takes over this entry when it is installed and a terminal is attached)."""

from __future__ import annotations

import sys
from datetime import datetime

from .audio.sources import MicrophoneSource
from .config import Config
from .events import Event
from .ui.timings import TurnTimings

SHOWN = {"wake", "asr_final", "intent", "reply", "timer_ring", "listen_timeout", "error"}


def print_event(e: Event) -> None:
    if e.type not in SHOWN:
        return
    stamp = datetime.now().strftime("%H:%M:%S")
    detail = e.text or ""
    if e.type == "intent":
        detail = f"{e.intent} {e.args or {}}"
    print(f"{stamp} {e.type:<14} {detail}", flush=True)


class TurnLog:
    """print_event plus one latency line per turn (wake -> end of the spoken reply), for the daemon's log."""

    def __init__(self) -> None:
        self.turn: TurnTimings | None = None

    def __call__(self, e: Event) -> None:
        print_event(e)
        began = TurnTimings.begin(e)
        if began is not None and (self.turn is None or self.turn.done or e.type == "wake"):
            self.turn = began
        elif self.turn is not None and self.turn.add(e) and self.turn.done:
            print(f"{datetime.now():%H:%M:%S} {'latency':<14} {self.turn.summary()}", flush=True)


def run_console(config: Config, headless: bool = True) -> int:
    from .pipeline import Pipeline
    from .record import start_recording
    from .runtime import load_runtime
    from .tts.output import NullOutput, SpeakerOutput

    mic = MicrophoneSource.from_config(config.audio)  # fails early, with a clear line, if absent
    rt = load_runtime(config)
    try:
        output = SpeakerOutput(config.audio.output_device)
    except Exception as exc:
        print(f"warning: no speakers ({exc}); replies are printed only", file=sys.stderr)
        output = NullOutput()
    recorder = start_recording(config)
    log = TurnLog()
    pipe = Pipeline(rt, log if recorder is None else lambda e: (log(e), recorder.emit(e)), output)
    phrases = " / ".join(config.wake.phrases)
    print(f"listening for {phrases!r} (Ctrl+C to quit)", flush=True)
    if pipe.barge is not None:
        print(f"listening over replies too: {' / '.join(pipe.barge.listens_for)} cut them short", flush=True)
    if recorder is None:
        pipe.run(mic.frames())
        return 0
    recorder.describe(pipe)
    print(f"RECORDING the microphone and events to {recorder.folder}", flush=True)
    try:
        pipe.run(recorder.frames(mic.frames()))
    finally:
        recorder.close()
    return 0
