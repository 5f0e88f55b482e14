"""Barge-in on real audio: a Piper reply echoed back into the microphone with sox (delay, attenuation, room
reverberation), with a stop phrase (Piper) or a real recording of the wake word said over it.

The reply "plays" from audio-clock 0 (FileClock: the reply starts when the command ends, whatever the
machine's speed), so the echo mixed into the microphone file lines up with it as it would in a room.
"""

from __future__ import annotations

import random
import subprocess
from pathlib import Path

import numpy as np
import pytest
import soundfile

from assistant.audio import SAMPLE_RATE
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
# twenty replies of the kinds the skills give, none of them containing a stop phrase or the wake word
REPLIES = [
    "It's ten past three in the afternoon.",
    "Timer set for five minutes.",
    "In Berlin it's twelve degrees and cloudy, with light rain expected in the evening.",
    "Here's one. Why did the scarecrow win an award? Because he was outstanding in his field.",
    "You have three new emails. The first is from Alice, about the meeting on Thursday.",
    "I found two restaurants open now nearby: Luigi's Trattoria and the Golden Dragon.",
    "The document says the project finished on time and under budget, and the team will grow next year.",
    "Your timer for the pasta has two minutes left.",
    "Sorry, I didn't catch that.",
    "Tomorrow will be sunny with a high of twenty one degrees and a gentle breeze from the south.",
    "I've drafted an email to Bob saying you'll be late. Shall I send it?",
    "The nearest pharmacy is on Main Street, four hundred metres away, and it closes at eight.",
    "It's Friday, the fourteenth of March.",
    "A light year is the distance light travels in one year, about nine and a half trillion kilometres.",
    "There are no new messages since this morning.",
    "Here's the summary: sales grew by ten percent, costs stayed flat, and the new office opens in May.",
    "The capital of Australia is Canberra, not Sydney as many people think.",
    "I couldn't find a restaurant serving Thai food within two kilometres.",
    "Playing your evening playlist. Enjoy the music, and let me know if you want something else.",
    "I set an alarm for seven tomorrow morning. Would you like a reminder the night before as well?",
]


def echo_room(reply: np.ndarray, folder: Path, delay_ms: float, gain_db: float, reverberance: int) -> np.ndarray:
    """The reply as a microphone beside the speaker hears it: late, quieter, with a little room (sox)."""
    src, out = folder / "reply.wav", folder / "echo.wav"
    soundfile.write(src, reply, SAMPLE_RATE, subtype="PCM_16")
    cmd = ["sox", str(src), str(out), "gain", f"{gain_db:g}", "reverb", str(reverberance), "pad", f"{delay_ms / 1000:g}"]
    subprocess.run(cmd, check=True)
    return read_wav(out)


def mix(length: int, *parts: tuple[np.ndarray, int]) -> np.ndarray:
    acc = np.zeros(length, dtype=np.float32)
    for pcm, at in parts:
        n = min(len(pcm), length - at)
        acc[at : at + n] += pcm[:n]
    return np.clip(acc, -32768, 32767).astype(np.int16)


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
    _, echo = reply_echo
    wake = read_wav(DATA / "hey-computer-1.wav")
    command = piper("What time is it?")
    at = int(2.0 * SAMPLE_RATE)
    after = at + len(wake)
    # the speakers fall silent at the barge-in (asserted below: within 0.3 s of the phrase's end)
    echo = echo[: int((speech_end(wake, at) + 0.3) * SAMPLE_RATE)]
    mic = mix(after + len(command) + 3 * SAMPLE_RATE, (echo, 0), (wake, at), (command, after))
    events = speak_over(runtime, REPLY, mic, tmp_path)
    (cut,) = of(events, "barge_in")
    assert cut.data["kind"] == "wake", [(e.type, e.text) for e in events]
    assert cut.t - speech_end(wake, at) <= 0.3
    assert of(events, "wake")[0].data == {"via": "barge_in"}
    assert of(events, "tts_end")[0].data.get("stopped")
    intents = of(events, "intent")
    assert [e.intent for e in intents] == ["get_time"], [(e.type, e.text) for e in events]
    assert [e.type for e in events].index("intent") > [e.type for e in events].index("barge_in")


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
