"""Dereverberation before the recognizer, for a microphone across the room.

Said 1-3 m from the microphone in a living room or a kitchen (reverberation time 0.3-0.7 s), a command
reaches Whisper tiny.en smeared by its own echo, and it hears "time" for "timer", "they" for "date".
WPE (weighted prediction error; nara-wpe, the reference implementation, MIT) predicts the late echo of
each short-time spectrum from the ones a few frames before it and takes it out, on the one channel we
have, over the whole utterance.

It runs only where the room is heard (`mode = "auto"`): no sound in a room can fade faster than the
room's own echo does, so the steepest falls of the utterance's energy tell a dry recording (a headset,
a close microphone: falls of 380-800 dB/s) from a reverberant one (110-230 dB/s at 0.3-0.7 s). Measured
in docs/speech-recognition.md; the threshold was set on one sample of rooms and checked on another.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

SAMPLE_RATE = 16000
FFT, HOP = 512, 128  # 32 ms frames every 8 ms, for both the decay estimate and WPE
# WPE: 6 frames of past spectra predict the echo, from 3 frames back (the direct sound and the first
# reflections stay); 2 passes. Chosen on one sample of simulated rooms: 10 taps and 3 passes took out a
# little more echo for twice the time
TAPS, DELAY, ITERATIONS = 6, 3, 2
BAND = (10, 129)  # FFT bins 10-128: 310-4000 Hz, where speech has its energy
DECAY_FRAMES = 10  # a fall is fitted over 80 ms
DECAY_RANGE_DB = 35.0  # only falls that start within this of the loudest frame (not the noise floor)
# the steepest falls (5th percentile) at or above this rate are a room's
REVERBERANT_DB_S = -300.0
# a word alone (a spoken digit: 0.1-0.6 s) is left as it is: its own fading tail looks like a room's
# echo, and WPE's statistics need more frames than it has (on asr-dev's spoken digits WPE cost 5 words
# of 120); commands of two words or more are longer
VOICED_RANGE_DB = 25.0
MIN_VOICED_S = 0.75


def band_energy(pcm: np.ndarray) -> np.ndarray:
    """The energy (dB) of each 32 ms frame, every 8 ms, in the band where speech is loud."""
    x = np.asarray(pcm, dtype=np.float64)
    if x.size < FFT:
        return np.zeros(0)
    frames = np.lib.stride_tricks.sliding_window_view(x, FFT)[::HOP] * np.hanning(FFT)
    power = np.abs(np.fft.rfft(frames, axis=1)[:, BAND[0] : BAND[1]]) ** 2
    return 10 * np.log10(power.sum(axis=1) + 1e-9)


def voiced_seconds(energy: np.ndarray) -> float:
    """How long the audio is within 25 dB of its loudest frame: about how long someone spoke."""
    return float((energy >= energy.max() - VOICED_RANGE_DB).sum() * HOP / SAMPLE_RATE) if energy.size else 0.0


def decay_rate(energy: np.ndarray) -> float:
    """How fast the energy (`band_energy`) falls where it falls fastest, in dB per second (negative): the
    5th percentile of the slopes of 80 ms stretches that start within 35 dB of the loudest frame. 0.0
    for audio too short to tell."""
    if energy.size < DECAY_FRAMES + 1:
        return 0.0
    windows = np.lib.stride_tricks.sliding_window_view(energy, DECAY_FRAMES)
    t = np.arange(DECAY_FRAMES) * HOP / SAMPLE_RATE
    t = t - t.mean()
    slopes = (windows - windows.mean(axis=1, keepdims=True)) @ t / (t @ t)
    loud = windows[:, 0] >= energy.max() - DECAY_RANGE_DB
    return float(np.percentile(slopes[loud], 5)) if loud.any() else 0.0


def wpe_dereverb(pcm: np.ndarray) -> np.ndarray:
    """The utterance with its late echo predicted and taken out (int16 in, int16 out, same length)."""
    from nara_wpe.utils import istft, stft
    from nara_wpe.wpe import wpe

    y = np.asarray(pcm, dtype=np.float64) / 32768.0
    spectra = stft(y[None], size=FFT, shift=HOP).transpose(2, 0, 1)  # frequency, channel, time
    clean = wpe(spectra, taps=TAPS, delay=DELAY, iterations=ITERATIONS, statistics_mode="full")
    z = istft(clean.transpose(1, 2, 0), size=FFT, shift=HOP)[0][: y.size]
    z = np.pad(z, (0, y.size - z.size))
    return np.clip(np.round(z * 32768.0), -32768, 32767).astype(np.int16)


@dataclass(frozen=True)
class Dereverb:
    """`[asr] dereverb`: "auto" takes the echo out where the decay rate says a room was heard, "on" always."""

    mode: Literal["auto", "on"] = "auto"
    threshold_db_s: float = REVERBERANT_DB_S

    def reverberant(self, pcm: np.ndarray) -> bool:
        """Whether this utterance gets WPE: long enough, and (mode "auto") heard with a room's echo."""
        energy = band_energy(pcm)
        if voiced_seconds(energy) < MIN_VOICED_S:
            return False
        return self.mode == "on" or decay_rate(energy) >= self.threshold_db_s

    def __call__(self, pcm: bytes) -> bytes:
        x = np.frombuffer(pcm, dtype=np.int16)
        return wpe_dereverb(x).tobytes() if self.reverberant(x) else pcm


def dereverb_from_config(mode: str) -> Dereverb | None:
    return None if mode == "off" else Dereverb("on" if mode == "on" else "auto")
