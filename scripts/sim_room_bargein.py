"""Barge-in on the speakers' path in real time, without a sound card: a simulated room where what the
speakers play (a sound card playing at its steady rate, 50 ms buffer) comes back into a microphone that
delivers 30 ms frames on the wall clock, 80 ms late and 8 dB down; once with the echo alone, once with
"Stop." said 3 s into the reply. Prints the reply's events.

    .venv/bin/python scripts/sim_room_bargein.py
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import threading  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402
import soxr  # noqa: E402

from assistant.audio import FRAME_SAMPLES  # noqa: E402
from assistant.audio.sources import AudioFrame, to_pcm16  # noqa: E402
from assistant.config import load_config  # noqa: E402
from assistant.pipeline import Pipeline  # noqa: E402
from assistant.runtime import load_runtime  # noqa: E402
from assistant.tts.output import SpeakerOutput  # noqa: E402


class Room:
    """Speakers and a microphone in one room, on the wall clock: what plays comes back delay_s later, gain down."""

    def __init__(self, seconds=60, delay_s=0.08, gain=0.4):
        self.buf = np.zeros(seconds * 16000, np.float32)
        self.t0 = None
        self.delay = delay_s
        self.gain = gain
        self.first_play = None
        self.lock = threading.Lock()

    def start(self):
        self.t0 = time.monotonic()

    def add(self, pcm16k, at_s):
        i = int(at_s * 16000)
        with self.lock:
            self.buf[i : i + len(pcm16k)] += pcm16k[: max(0, len(self.buf) - i)]


class RoomSink:
    """A sound card: plays at its own steady rate; a write returns when the audio before it has played."""

    def __init__(self, room):
        self.room = room
        self.dev_t = None

    def play(self, pcm, rate):
        now = time.monotonic() - self.room.t0
        if self.dev_t is None or self.dev_t < now:
            self.dev_t = now  # an underrun: starts afresh
        if self.room.first_play is None:
            self.room.first_play = now
        x = soxr.resample(pcm.astype(np.float32), rate, 16000)
        self.room.add(x * self.room.gain, self.dev_t + self.room.delay)
        self.dev_t += len(pcm) / rate
        wait = self.room.t0 + self.dev_t - 0.05 - time.monotonic()  # 50 ms of device buffer
        if wait > 0:
            time.sleep(wait)

    def close(self):
        self.dev_t = None


class RoomMic:
    def __init__(self, room):
        self.room = room

    def frames(self, start_t=0.0):
        self.room.start()
        n = 0
        while True:
            n += 1
            wait = self.room.t0 + n * 0.03 - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            with self.room.lock:
                x = self.room.buf[(n - 1) * FRAME_SAMPLES : n * FRAME_SAMPLES].copy()
            yield AudioFrame(np.clip(x, -32768, 32767).astype(np.int16).tobytes(), start_t + n * 0.03)


cfg = load_config(None, {"tts.deterministic": True, "llm.enabled": False, "vad.follow_up_s": 0.0})
rt = load_runtime(cfg)
rt.wait_ready()
stop = to_pcm16(rt.tts.synthesize_all("Stop."), rt.tts.sample_rate).astype(np.float32)
REPLY = (
    "In Berlin it's twelve degrees and cloudy this afternoon, with light rain expected in the evening "
    "and a fresh wind from the west. Tomorrow looks brighter, with sunshine and a high of eighteen degrees."
)
for say_stop in (False, True):
    room = Room()
    events = []
    pipe = Pipeline(rt, events.append, SpeakerOutput(sink=RoomSink(room)), barge_in=True)
    frames = pipe.attach(RoomMic(room).frames())
    for _ in range(30):
        pipe.feed(next(frames))  # a second of quiet room
    if say_stop:

        def later(room: Room = room) -> None:
            while room.first_play is None:
                time.sleep(0.01)
            room.add(stop, room.first_play + 3.0)

        threading.Thread(target=later, daemon=True).start()
    pipe.speak(REPLY)
    for _ in range(60):
        pipe.feed(next(frames))
    print(
        "stop said" if say_stop else "echo only",
        [
            (e.type, e.text, round(e.t, 2), e.data)
            for e in events
            if e.type in ("tts_first_audio", "tts_end", "barge_in", "wake", "vad_start", "asr_final")
        ],
        "first_play",
        room.first_play,
    )
