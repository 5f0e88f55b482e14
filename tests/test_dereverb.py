"""Dereverberation before the recognizer (audio/dereverb.py), on Piper's speech heard in a room: the
room's echo is a decaying noise convolved with the speech (reverberation time 0.5 s, a furnished room)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.signal import fftconvolve

from assistant.audio.dereverb import Dereverb, band_energy, decay_rate, dereverb_from_config, wpe_dereverb

SR = 16000


def in_a_room(dry: np.ndarray, t60: float = 0.5, seed: int = 1) -> np.ndarray:
    """The direct sound, then an echo whose energy falls 60 dB in t60 seconds, at the same loudness."""
    n = int(t60 * SR)
    rir = np.random.default_rng(seed).normal(0.0, 0.1, n) * np.exp(-6.9 * np.arange(n) / SR / t60)
    rir[0] = 1.0
    wet = fftconvolve(dry.astype(np.float64), rir)[: dry.size]
    wet *= np.sqrt(np.mean(dry.astype(np.float64) ** 2) / np.mean(wet**2))
    return np.clip(wet, -32768, 32767).astype(np.int16)


def padded(pcm: np.ndarray) -> np.ndarray:
    quiet = np.zeros(SR // 2, np.int16)
    return np.concatenate([quiet, pcm, quiet])


@pytest.fixture(scope="module")
def command(piper) -> np.ndarray:
    return padded(piper("set a timer for ten minutes"))


def test_a_room_is_told_from_a_dry_recording(piper, command):
    """The dry command's energy falls fast (a close microphone), the room's slowly: only the room's gets
    WPE. A word alone is left as it is, even in the room (its own tail looks like an echo)."""
    auto = Dereverb()
    room = in_a_room(command)
    assert decay_rate(band_energy(command)) < auto.threshold_db_s < decay_rate(band_energy(room))
    assert not auto.reverberant(command) and auto.reverberant(room)
    assert auto(command.tobytes()) == command.tobytes()  # untouched, not merely similar
    assert auto(room.tobytes()) != room.tobytes()
    word = in_a_room(padded(piper("nine")))
    assert not auto.reverberant(word) and not Dereverb("on").reverberant(word)
    long = padded(piper("remind me to call my mother about the dinner on saturday evening"))
    assert not auto.reverberant(long) and Dereverb("on").reverberant(long)  # "on": every long utterance
    assert dereverb_from_config("off") is None and dereverb_from_config("auto") == auto


def test_wpe_brings_the_room_closer_to_the_dry_speech(command):
    """Frame by frame, the dereverberated audio's energy is nearer the dry speech's than the room's is."""

    def distance(a: np.ndarray) -> float:
        ea, dry = band_energy(a), band_energy(command)
        loud = dry >= dry.max() - 40  # where the speech is, not the silence the echo fills
        return float(np.sqrt(np.mean((ea[loud] - dry[loud]) ** 2)))

    for t60 in (0.3, 0.7):
        room = in_a_room(command, t60)
        out = wpe_dereverb(room)
        assert out.dtype == np.int16 and out.size == room.size
        assert distance(out) < distance(room) - 0.15, t60


def test_the_recognizer_hears_the_command_through_the_room(runtime, command):
    """The default recognizer takes the echo out before Whisper listens, and the words come through."""
    whisper = runtime.asr.whisper
    assert whisper.dereverb == Dereverb()
    text = whisper.transcribe(in_a_room(command).tobytes())
    assert "timer" in text and "10 minutes" in text, text
