"""[audio] noise_suppression: WebRTC's noise suppressor on the microphone, before the wake word, the
endpointer and the recognizer (audio/denoise.py). Real speech (Piper), real white noise, the real loop."""

from __future__ import annotations

import dataclasses

import numpy as np
import soundfile

from assistant.audio.denoise import NoiseSuppression
from assistant.audio.sources import frames_from_pcm
from tests.conftest import silence


def db(x: np.ndarray) -> float:
    return 10 * np.log10(np.mean(x.astype(np.float64) ** 2) + 1e-9)


def noisy(speech: np.ndarray, snr_db: float, seed: int = 0) -> np.ndarray:
    power = np.mean(speech.astype(np.float64) ** 2)
    noise = np.random.default_rng(seed).normal(0.0, np.sqrt(power / 10 ** (snr_db / 10)), speech.shape)
    return np.clip(speech + noise, -32768, 32767).astype(np.int16)


def test_steady_noise_is_taken_out_and_speech_kept(piper):
    words = piper("What time is it in Tokyo?")
    clean = np.concatenate([silence(1.5), words, silence(1.0)])
    mixed = noisy(clean, 15.0)
    ns = NoiseSuppression(2)
    out = np.concatenate([np.frombuffer(ns.clean(f).pcm, np.int16) for f in frames_from_pcm(mixed, 0.0)])
    assert len(out) >= len(mixed) and out.dtype == np.int16  # the last frame is padded
    tail = slice(len(clean) - 8000, len(clean))  # the last 0.5 s: noise alone, the estimate settled
    speech = slice(24000, 24000 + len(words))
    assert db(out[tail]) < db(mixed[tail]) - 10  # the noise floor drops by more than 10 dB
    assert db(out[speech]) > db(mixed[speech]) - 3  # the speech stays within 3 dB


def test_the_loop_hears_a_command_in_noise_through_the_suppressor(runtime, piper, tmp_path):
    from assistant.audio.sources import WavSource
    from assistant.pipeline import Pipeline
    from assistant.tts.output import WavOutput

    cfg = runtime.config.model_copy(deep=True)
    cfg.audio.noise_suppression = 2
    said = [silence(1.0), piper("Hey computer."), silence(0.4), piper("What time is it?"), silence(1.5)]
    wav = tmp_path / "noisy.wav"
    soundfile.write(wav, noisy(np.concatenate(said), 15.0), 16000, subtype="PCM_16")
    events: list = []
    pipe = Pipeline(dataclasses.replace(runtime, config=cfg), events.append, WavOutput(tmp_path / "out"))
    assert isinstance(pipe.denoise, NoiseSuppression) and pipe.denoise.level == 2
    pipe.run(WavSource(wav).frames(0.0))
    pipe.flush()
    assert [e.type for e in events if e.type == "wake"] == ["wake"]
    assert [e.intent for e in events if e.type == "intent"] == ["get_time"], [e.to_dict() for e in events]
