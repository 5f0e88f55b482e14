"""Where spoken replies go: WAV files (one per reply), the speakers, or nowhere (text only)."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from ..audio.sinks import SpeakerSink, write_wav_atomic
from .piper_tts import SpeechChunk


def chime(rate: int = 22050) -> SpeechChunk:
    """Two short tones: the timer bell (no asset file needed)."""
    t = np.arange(int(rate * 0.25)) / rate
    env = np.minimum(1.0, 20 * t) * np.exp(-6 * t)
    tone = np.concatenate([np.sin(2 * np.pi * 880 * t) * env, np.sin(2 * np.pi * 1320 * t) * env])
    return SpeechChunk((tone * 0.5 * 32767).astype(np.int16), rate, "<chime>")


class Output:
    """Where the pipeline plays replies: what every output has, and the defaults of what only some do."""

    realtime = False  # plays in real time (speakers), rather than on the audio clock (files)
    # told each piece of audio as it goes to the device (the echo canceller's reference; barge-in);
    # only an output that plays in real time calls it
    on_play: Callable[[np.ndarray, int], None] | None = None

    def play(self, chunk: SpeechChunk) -> None:
        pass

    def end_reply(self, wait: bool = True) -> Path | None:
        """The reply's last chunk was given; its file, if one was written. wait=False: return before
        the last sample is out (busy() says when it is)."""
        return None

    def busy(self) -> bool:
        """Still playing (real-time outputs only)."""
        return False

    def stop(self) -> None:
        pass


class NullOutput(Output):
    """Text-only: nothing is played (typed `ask`, or no sound card)."""


class WavOutput(Output):
    """Collects each reply's audio and writes it as reply-NNN.wav when the reply ends."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.count = 0
        self._chunks: list[SpeechChunk] = []
        self.written: list[Path] = []

    def play(self, chunk: SpeechChunk) -> None:
        self._chunks.append(chunk)

    def end_reply(self, wait: bool = True) -> Path | None:
        if not self._chunks:
            return None
        rate = self._chunks[0].rate
        pcm = np.concatenate([c.pcm for c in self._chunks if c.rate == rate])
        self._chunks = []
        self.count += 1
        path = write_wav_atomic(self.folder / f"reply-{self.count:03d}.wav", pcm, rate)
        self.written.append(path)
        return path

    def stop(self) -> None:
        self._chunks = []


class SpeakerOutput(Output):
    """Plays on the speakers from a background thread, so the next sentence is synthesized while the
    current one plays; end_reply() waits until the last sample is out."""

    realtime = True

    def __init__(self, device: str | int | None = None, sink: Any = None):
        """sink: what plays the audio, SpeakerSink(device) unless given."""
        self.sink = sink if sink is not None else SpeakerSink(device)
        self._queue: queue.Queue[SpeechChunk | None] = queue.Queue()
        self._idle = threading.Event()
        self._idle.set()
        self._stopped = False
        self.on_play = None
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while True:
            chunk = self._queue.get()
            if chunk is None:
                # close between replies: an open, starved stream keeps the device busy for nothing
                self.sink.close()
                self._idle.set()
                continue
            # a tenth of a second at a time, so stop() cuts a sentence short instead of finishing it
            step = max(1, chunk.rate // 10)
            for i in range(0, len(chunk.pcm), step):
                if self._stopped:
                    break
                if self.on_play is not None:
                    self.on_play(chunk.pcm[i : i + step], chunk.rate)
                self.sink.play(chunk.pcm[i : i + step], chunk.rate)

    def play(self, chunk: SpeechChunk) -> None:
        self._stopped = False
        self._idle.clear()
        self._queue.put(chunk)

    def end_reply(self, wait: bool = True) -> Path | None:
        """wait=False: return at once (the pipeline listens for a barge-in meanwhile; busy() says
        when the last sample is out)."""
        self._queue.put(None)
        if wait:
            self._idle.wait()
        return None

    def busy(self) -> bool:
        return not self._idle.is_set()

    def stop(self) -> None:
        self._stopped = True
