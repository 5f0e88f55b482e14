"""Noise suppression on the microphone: WebRTC's noise suppressor (pywebrtc-audio, already here for the
echo canceller), applied to every frame before the wake word, the endpointer and the recognizer.

Steady noise (a fan, a hum, the hiss of a cheap microphone) keeps webrtcvad hearing "speech" after the
user has stopped and is heard by Whisper as words; the suppressor estimates the noise floor while no
one speaks and takes it out of every frame. It runs after the echo canceller (WebRTC's own order: the
canceller needs the microphone's linear signal). Levels 0-3 are WebRTC's low, moderate, high and very
high suppression; off by default until measured to help ([audio] noise_suppression).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from .sources import AudioFrame


class NoiseSuppression:
    def __init__(self, level: int, sample_rate: int = 16000):
        from pywebrtc_audio import NoiseSuppressor

        self.ns = NoiseSuppressor(sample_rate, 1, level)
        self.level = level

    def clean(self, frame: AudioFrame) -> AudioFrame:
        out = self.ns.process(np.frombuffer(frame.pcm, dtype=np.int16))
        return replace(frame, pcm=np.asarray(out, dtype=np.int16).tobytes())

    def reset(self) -> None:
        self.ns.reset()


def noise_suppression(level: int | None) -> NoiseSuppression | None:
    return NoiseSuppression(level) if level is not None else None
