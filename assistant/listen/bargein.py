"""Barge-in: listening over the assistant's own voice.

While a reply plays, the microphone hears the reply's echo. Every microphone frame goes through WebRTC's
AEC3 echo canceller (pywebrtc-audio), fed with what the speakers played at the same moment on the audio
clock (FarEnd); the cleaned frame is searched for the wake word and for short stop phrases. The wake word
cuts the reply and opens a new turn; a stop phrase only cuts the reply.

Why pywebrtc-audio: it binds the canceller Chrome and every WebRTC client run (AEC3, with its own delay
estimator, so a 20-200 ms echo path needs no calibration), ships prebuilt wheels for Linux x86_64/aarch64,
macOS and Windows for Python 3.10-3.14, is Apache-2.0 like this project and was released in 2026. The
alternatives on the registry build from source (speexaec, aec-audio-processing) or have not changed since
2018-2022 (speexdsp, pyspeexaec), and speex's canceller needs the echo delay inside its filter length.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import soxr

from ..audio import FRAME_SAMPLES, SAMPLE_RATE
from ..audio.sources import AudioFrame
from ..errors import UserError
from ..text import normalize
from .vad import Endpointer
from .wake import PocketsphinxWake, VoskWake, WakeGate

if TYPE_CHECKING:
    from ..config import BargeInConfig
    from ..runtime import Runtime

log = logging.getLogger(__name__)

Kind = Literal["wake", "stop"]
DOMINANCE_FRAMES = 25  # 0.75 s: about a stop phrase, or the end of the wake phrase
# a wake word begun over the reply may end after it: its spotter, which heard the start, hears it out
# for this long after the reply and its echo (the usual wake gate starts afresh there, mid-phrase)
OVERHANG_S = 1.5


class FarEnd:
    """What the speakers played, placed on the audio clock at 16 kHz; the canceller's reference.

    Written by the playing thread (speakers) or the pipeline (files), read by the pipeline: locked."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._segments: list[tuple[int, np.ndarray]] = []  # (first sample index, int16 samples)
        self._end = 0  # sample index after the last sample placed
        self._stream: Any = None
        self._stream_rate = 0

    @staticmethod
    def _index(t: float) -> int:
        return int(round(t * SAMPLE_RATE))

    def place(self, pcm: np.ndarray, rate: int, t: float, contiguous: bool = False) -> None:
        """Audio that starts playing at t. contiguous: a piece of a stream (the speakers play in steps):
        it follows the previous piece without a gap or an overlap if it starts close to its end."""
        if contiguous:
            if self._stream is None or self._stream_rate != rate:
                self._stream = soxr.ResampleStream(rate, SAMPLE_RATE, 1, dtype="int16")
                self._stream_rate = rate
            pcm16 = self._stream.resample_chunk(np.ascontiguousarray(pcm, dtype=np.int16))
        else:
            pcm16 = _to_16k(pcm, rate)
        if not len(pcm16):
            return
        start = self._index(t)
        with self._lock:
            if contiguous and abs(start - self._end) < SAMPLE_RATE // 10:
                start = self._end
            self._segments.append((start, pcm16))
            self._end = max(self._end, start + len(pcm16))

    def end_stream(self) -> None:
        """The speakers stopped: the next step starts a new stream."""
        self._stream = None

    def take(self, t_end: float, n: int = FRAME_SAMPLES) -> np.ndarray:
        """The n reference samples that end at t_end (silence where nothing played)."""
        stop = self._index(t_end)
        start = stop - n
        out = np.zeros(n, dtype=np.int16)
        with self._lock:
            keep = []
            for first, pcm in self._segments:
                last = first + len(pcm)
                if last <= start - SAMPLE_RATE:  # long past: no frame will ask for it again
                    continue
                keep.append((first, pcm))
                lo, hi = max(first, start), min(last, stop)
                if lo < hi:
                    out[lo - start : hi - start] += pcm[lo - first : hi - first]
            self._segments = keep
        return out

    def cut(self, t: float) -> None:
        """Playback stopped at t: what was placed after it never played."""
        stop = self._index(t)
        with self._lock:
            self._segments = [(f, p[: max(0, stop - f)]) for f, p in self._segments if f < stop]
            self._end = min(self._end, stop)
        self._stream = None

    def playing_until(self) -> float:
        """When the last sample placed ends, seconds on the audio clock."""
        return self._end / SAMPLE_RATE


def _energy(pcm: np.ndarray) -> float:
    x = pcm.astype(np.float32)
    return float(np.dot(x, x))


def _to_16k(pcm: np.ndarray, rate: int) -> np.ndarray:
    x = np.ascontiguousarray(pcm, dtype=np.int16)
    if rate == SAMPLE_RATE:
        return x
    return soxr.resample(x, rate, SAMPLE_RATE, quality="HQ")


class EchoCanceller:
    """WebRTC AEC3 on 30 ms frames; stream_delay_ms is a hint, the canceller estimates the delay itself."""

    def __init__(self, stream_delay_ms: int = 0):
        try:
            from pywebrtc_audio import EchoCanceller as Aec3
        except ImportError:
            raise UserError(
                "barge-in needs pywebrtc-audio: pip install 'pywebrtc-audio>=0.2,<0.3', or set "
                "[barge_in] enabled = false"
            ) from None
        self._aec = Aec3(sample_rate=SAMPLE_RATE, num_channels=1, stream_delay_ms=stream_delay_ms)

    def process(self, near: np.ndarray, far: np.ndarray) -> np.ndarray:
        return self._aec.process(near, far)


def _spotter(runtime: Runtime, phrases: list[str], threshold: float) -> Any:
    cfg = runtime.config
    if cfg.asr.engine == "vosk":  # the recognizer's own model, as the wake word does (runtime.wake_gate)
        return VoskWake(runtime.asr.model, phrases, cfg.asr.language)
    return PocketsphinxWake(phrases, threshold)


class BargeIn:
    """The canceller and the spotters that listen while the assistant speaks."""

    def __init__(self, runtime: Runtime, wake_phrases: list[str], settings: BargeInConfig):
        self.settings = settings
        self.far = FarEnd()
        self.aec = EchoCanceller(settings.stream_delay_ms)
        self.stop_phrases = [normalize(p) for p in settings.stop_phrases if normalize(p)]
        vad = runtime.vad_settings()
        # gates of their own: the pipeline's wake gate keeps its state for when the reply is over
        self.wake_gate = None
        trained = runtime.config.wake.engine != "kws"  # a trained model has no keyphrase threshold
        if wake_phrases and (settings.wake_threshold is None or trained):
            self.wake_gate = runtime.wake_gate(wake_phrases)
        elif wake_phrases:  # the canceller's output is harder to spot in: a more lenient threshold
            spotter = _spotter(runtime, wake_phrases, settings.wake_threshold)
            self.wake_gate = WakeGate(spotter, Endpointer(vad), runtime.config.wake.refractory_s)
        # (raw, cleaned) energy of the latest frames: a phrase is the user's only where the canceller
        # left most of the sound in place (double talk); its own echo it takes down by 20-35 dB
        self._energy: deque[tuple[float, float]] = deque(maxlen=DOMINANCE_FRAMES)
        self.stop_gate = (
            WakeGate(_spotter(runtime, self.stop_phrases, settings.stop_threshold), Endpointer(vad), 0.0)
            if self.stop_phrases
            else None
        )

    @property
    def listens_for(self) -> list[str]:
        """What said over a reply is heard (for the UI)."""
        wake = list(self.wake_gate.spotter.phrases) if self.wake_gate else []
        return [*wake, *self.stop_phrases]

    def clean(self, frame: AudioFrame) -> AudioFrame:
        """The frame with the echo of what played removed. Every frame goes through, also between
        replies, so the canceller stays adapted to the room instead of learning it anew each reply."""
        far = self.far.take(frame.t, len(frame.samples))
        near = frame.samples
        out = self.aec.process(near, far)
        self._energy.append((_energy(near), _energy(out)))
        return AudioFrame(out.tobytes(), frame.t)

    def near_end_db(self) -> float:
        """How much of the latest sound the canceller kept, in dB (0: none of it was echo)."""
        raw = sum(r for r, _ in self._energy)
        kept = sum(c for _, c in self._energy)
        return 10 * float(np.log10((kept + 1.0) / (raw + 1.0)))

    def mid_phrase(self, t: float, reply_end: float) -> bool:
        """Whether the wake word's spotter may be hearing a phrase that began over the reply, which ended
        (with its echo) at reply_end."""
        return self.wake_gate is not None and t - reply_end < OVERHANG_S and self.wake_gate.voiced

    def hear(self, frame: AudioFrame, stop: bool = True) -> tuple[Kind, str] | None:
        """A cleaned frame heard while the assistant speaks: a stop phrase or the wake word, if said.
        stop=False: the wake word only (after the reply: there is nothing left to stop)."""
        for kind, gate in (("stop", self.stop_gate if stop else None), ("wake", self.wake_gate)):
            if gate is not None:
                hit = gate.accept(frame.pcm, frame.t)
                if hit and self.near_end_db() < self.settings.min_near_end_db:
                    log.info("%r over the reply ignored: mostly echo (%.1f dB kept)", hit, self.near_end_db())
                    gate.reset()
                elif hit:
                    self.reset()
                    return kind, hit  # type: ignore[return-value]
        return None

    def reset(self) -> None:
        for gate in (self.stop_gate, self.wake_gate):
            if gate is not None:
                gate.reset()
