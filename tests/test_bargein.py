"""Barge-in on real audio: a Piper reply echoed back into the microphone with sox (delay, attenuation, room
reverberation), with a stop phrase (Piper) or a real recording of the wake word said over it.

The reply "plays" from audio-clock 0 (FileClock: the reply starts when the command ends, whatever the
machine's speed), so the echo mixed into the microphone file lines up with it as it would in a room.
"""

from __future__ import annotations

import copy
import random
from pathlib import Path

import numpy as np
import pytest

from assistant.audio import SAMPLE_RATE
from assistant.audio.room import REPLIES, echo_room, mix
from assistant.audio.sources import frames_from_pcm, read_wav
from assistant.events import Event
from assistant.pipeline import Pipeline
from assistant.tts.output import WavOutput
from assistant.wyoming.satellite import FileClock

DATA = Path(__file__).parent / "data" / "bargein"
REPLY = (
    "In Berlin it's twelve degrees and cloudy this afternoon, with light rain expected in the evening "
    "and a fresh wind from the west. Tomorrow looks brighter, with sunshine and a high of eighteen degrees."
)


def speech_end(pcm: np.ndarray, at: int) -> float:
    """Where the voice in pcm (placed at sample `at`) falls silent, seconds."""
    loud = np.flatnonzero(np.abs(pcm.astype(np.int32)) > 0.05 * np.abs(pcm).max())
    return (at + int(loud[-1])) / SAMPLE_RATE


def speak_over(runtime, text: str, mic: np.ndarray, folder: Path, barge_in: bool = True) -> list[Event]:
    """Say `text` from audio-clock 0 while `mic` plays as the microphone; every event of the run."""
    events: list[Event] = []
    pipe = Pipeline(runtime, events.append, WavOutput(folder / "replies"), barge_in=barge_in)
    pipe.clock = FileClock()
    frames = pipe.attach(frames_from_pcm(mic))
    pipe.speak(text)
    for frame in frames:
        pipe.feed(frame)
    pipe.flush()
    return events


def wake_then_command(echo: np.ndarray, wake: np.ndarray, at: int, command: np.ndarray) -> np.ndarray:
    """The microphone: the reply's echo, the wake phrase over it from sample `at`, then the command. The
    speakers fall silent at the barge-in (the tests assert it: within 0.3 s of the phrase's end), so the
    echo stops there."""
    after = at + len(wake)
    echo = echo[: int((speech_end(wake, at) + 0.3) * SAMPLE_RATE)]
    return mix(after + len(command) + 3 * SAMPLE_RATE, (echo, 0), (wake, at), (command, after))


def of(events: list[Event], kind: str) -> list[Event]:
    return [e for e in events if e.type == kind]


@pytest.fixture(scope="module")
def reply_echo(runtime, piper, tmp_path_factory):
    reply = piper(REPLY)
    return reply, echo_room(reply, tmp_path_factory.mktemp("echo"), 120, -6, 30)


def test_stop_said_over_a_reply_stops_it(runtime, piper, reply_echo, tmp_path):
    reply, echo = reply_echo
    stop = piper("Stop.")
    at = int(2.5 * SAMPLE_RATE)
    mic = mix(len(echo) + SAMPLE_RATE, (echo, 0), (stop, at))
    events = speak_over(runtime, REPLY, mic, tmp_path)
    (cut,) = of(events, "barge_in")
    assert cut.data["kind"] == "stop" and cut.text == "stop"
    assert cut.t - speech_end(stop, at) <= 0.3  # on the audio clock: when playback was told to stop
    (end,) = of(events, "tts_end")
    assert end.data.get("stopped") and end.t == pytest.approx(cut.t)
    assert end.t < len(reply) / SAMPLE_RATE - 1.0  # well before the reply would have ended
    assert not of(events, "asr_final")  # "stop" is no command to transcribe


def test_wake_word_said_over_a_reply_opens_a_new_turn(runtime, piper, reply_echo, tmp_path):
    """A real recording of "hey computer" over the echo, then a command: the reply stops, the command is
    heard and answered."""
    wake = read_wav(DATA / "hey-computer-1.wav")
    at = int(2.0 * SAMPLE_RATE)
    events = speak_over(
        runtime, REPLY, wake_then_command(reply_echo[1], wake, at, piper("What time is it?")), tmp_path
    )
    (cut,) = of(events, "barge_in")
    assert cut.data["kind"] == "wake", [(e.type, e.text) for e in events]
    assert cut.t - speech_end(wake, at) <= 0.3
    assert of(events, "wake")[0].data == {"via": "barge_in"}
    assert of(events, "tts_end")[0].data.get("stopped")
    intents = of(events, "intent")
    assert [e.intent for e in intents] == ["get_time"], [(e.type, e.text) for e in events]
    assert [e.type for e in events].index("intent") > [e.type for e in events].index("barge_in")


def test_a_wake_word_begun_over_the_reply_and_ended_after_it_opens_a_new_turn(runtime, piper, tmp_path):
    """The user starts "hey computer" just before a short reply ends: the phrase is heard whole (the
    barge-in spotter, which heard its start, hears it out after the reply), and the command after it is
    answered."""
    text = "It's a quarter past three."
    reply = piper(text)
    echo = echo_room(reply, tmp_path, 120, -6, 30)
    wake = read_wav(DATA / "hey-computer-1.wav")
    voiced = np.flatnonzero(np.abs(wake.astype(np.int32)) > 0.05 * np.abs(wake).max())
    at = len(reply) - int(voiced[0]) - int(0.8 * SAMPLE_RATE)  # the voice starts 0.8 s before the end
    command = piper("What time is it?")
    after = at + len(wake)
    mic = mix(after + len(command) + 3 * SAMPLE_RATE, (echo, 0), (wake, at), (command, after))
    events = speak_over(runtime, text, mic, tmp_path)
    wakes = of(events, "wake")
    assert len(wakes) == 1, [(e.type, e.t, e.text) for e in events]
    assert wakes[0].t - speech_end(wake, at) <= 0.3
    assert [e.intent for e in of(events, "intent")] == ["get_time"], [(e.type, e.text) for e in events]


def test_the_replys_own_echo_never_triggers_anything_over_20_replies(runtime, piper, tmp_path):
    """Echo 20-200 ms late, 3-12 dB down, with reverberation; nothing said over it: no barge-in, no wake,
    no speech start, no transcript, and every reply plays to its end."""
    rng = random.Random(23)
    for text in REPLIES:
        reply = piper(text)
        echo = echo_room(reply, tmp_path, rng.uniform(20, 200), rng.uniform(-12, -3), rng.randint(10, 50))
        events = speak_over(runtime, text, mix(len(echo) + SAMPLE_RATE, (echo, 0)), tmp_path)
        heard = [(e.type, e.text) for e in events if e.type in ("barge_in", "wake", "vad_start", "asr_final")]
        assert heard == [], text
        assert not of(events, "tts_end")[0].data.get("stopped")


def test_with_barge_in_off_the_microphone_is_dropped_while_speaking(runtime, piper, reply_echo, tmp_path):
    """[barge_in] enabled = false keeps the old behaviour: nothing said over the reply is heard."""
    _, echo = reply_echo
    stop = piper("Stop.")
    mic = mix(len(echo) + SAMPLE_RATE, (echo, 0), (stop, int(2.5 * SAMPLE_RATE)))
    events = speak_over(runtime, REPLY, mic, tmp_path, barge_in=False)
    assert not of(events, "barge_in") and not of(events, "wake")
    assert not of(events, "tts_end")[0].data.get("stopped")


@pytest.fixture(scope="module")
def micro_runtime(runtime):
    """The session's models with `[wake] engine = "micro"` and the phrase "hey jarvis" (a trained model)."""
    pytest.importorskip("pymicro_wakeword", reason="the `wake` extra")
    cfg = runtime.config
    wake = cfg.wake.model_copy(update={"engine": "micro", "phrases": ["hey jarvis"]})
    trained = copy.copy(runtime)
    trained.config = cfg.model_copy(update={"wake": wake})
    trained._spare_spotter = None
    return trained


def test_a_trained_wake_model_listens_over_the_reply(micro_runtime, piper, reply_echo, tmp_path):
    """With a trained wake engine the wake word over a reply is heard by that model (not by the keyphrase
    search): "hey jarvis" over the echo (in the reply's own voice: the canceller must keep it while taking
    out the same voice's echo) cuts the reply and the command after it is answered. The rate over 20
    rooms is scripts/bench_bargein.py's (docs/barge-in.md)."""
    from assistant.listen.bargein import BargeIn
    from assistant.listen.trained import MicroWake

    barge = BargeIn(micro_runtime, ["hey jarvis"], micro_runtime.config.barge_in)
    assert isinstance(barge.wake_gate.spotter, MicroWake)
    wake = piper("Hey jarvis.")
    at = int(2.0 * SAMPLE_RATE)
    mic = wake_then_command(reply_echo[1], wake, at, piper("What time is it?"))
    events = speak_over(micro_runtime, REPLY, mic, tmp_path)
    (cut,) = of(events, "barge_in")
    assert cut.data["kind"] == "wake" and cut.t - speech_end(wake, at) <= 0.3, [
        (e.type, e.text) for e in events
    ]
    assert [e.intent for e in of(events, "intent")] == ["get_time"], [(e.type, e.text) for e in events]
