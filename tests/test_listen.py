"""Endpointing (webrtcvad) and wake word gating on real synthesized speech."""

import numpy as np
import pytest

from assistant.audio.sources import frames_from_pcm
from assistant.config import load_config
from assistant.errors import UserError
from assistant.listen.vad import Endpointer, VadSettings
from assistant.listen.wake import PocketsphinxWake, WakeGate
from tests.conftest import silence


def changes(endpointer, pcm):
    return [(c, round(f.t, 2)) for f in frames_from_pcm(pcm) if (c := endpointer.process(f.pcm))]


def test_speech_start_and_end(piper):
    speech = piper("What time is it?")
    pcm = np.concatenate([silence(1.0), speech, silence(1.5)])
    got = changes(Endpointer(VadSettings(end_silence_ms=600)), pcm)
    assert [c for c, _ in got] == ["start", "end"]
    start, end = got[0][1], got[1][1]
    speech_end = 1.0 + len(speech) / 16000
    assert 0.9 < start < 1.4
    # the end comes the configured silence after the voice stops (Piper adds a little tail)
    assert speech_end + 0.3 < end < speech_end + 0.9


def test_silence_never_starts():
    assert changes(Endpointer(), silence(5.0)) == []


def test_max_utterance_length_is_enforced(piper):
    talk = np.concatenate([piper("This is a long sentence that keeps going and going without a pause.")] * 3)
    got = changes(Endpointer(VadSettings(max_utterance_s=2.0, end_silence_ms=2000)), talk)
    assert got[0][0] == "start" and got[1][0] == "max_length"
    assert got[1][1] - got[0][1] == pytest.approx(2.0, abs=0.25)


def run_gate(gate, pcm):
    return [(hit, round(f.t, 2)) for f in frames_from_pcm(pcm) if (hit := gate.accept(f.pcm, f.t))]


@pytest.fixture(scope="module")
def spotter():
    return PocketsphinxWake(["hey computer", "hello assistant"], load_config().wake.threshold)


def test_wake_phrase_spotted_and_other_speech_ignored(piper, spotter):
    gate = WakeGate(spotter, Endpointer(), refractory_s=2.0)
    pcm = np.concatenate(
        [
            silence(1.0),
            piper("What time is it?"),
            silence(1.0),
            piper("Hey computer."),
            silence(1.0),
            piper("Hello assistant."),
            silence(1.0),
        ]
    )
    hits = run_gate(gate, pcm)
    assert [h for h, _ in hits] == ["hey computer", "hello assistant"]


def test_refractory_period(piper, spotter):
    wake = piper("Hey computer.")
    pcm = np.concatenate([silence(0.5), wake, silence(0.3), wake, silence(3.0), wake, silence(1.0)])
    hits = run_gate(WakeGate(spotter, Endpointer(), refractory_s=2.5), pcm)
    assert len(hits) == 2 and hits[1][1] - hits[0][1] > 2.5


def test_only_voiced_audio_is_searched(spotter):
    gate = WakeGate(spotter, Endpointer(), refractory_s=2.0)
    rng = np.random.default_rng(0)
    hum = (rng.normal(0, 30, 16000 * 5)).astype(np.int16)  # quiet background noise
    assert run_gate(gate, hum) == []


def test_wake_word_that_cannot_be_spelt_is_a_clear_error():
    with pytest.raises(UserError, match="cannot pronounce"):
        PocketsphinxWake(["hey 42"], 1e-30)


def test_a_new_spotter_hears_its_first_phrase():
    """The first wake of a session: a new spotter's live cepstral mean starts at speech's level, so a
    quiet real "hey computer" is found as the first thing it hears (with the model's start, at quiet
    audio's level, the search reported nothing for this recording)."""
    from pathlib import Path

    from assistant.audio.sources import read_wav

    clip = read_wav(Path(__file__).parent / "data" / "bargein" / "hey-computer-3.wav")
    spotter = PocketsphinxWake(["hey computer"], 1e-100, {"hey computer": -1.0})  # every candidate
    hits = run_gate(WakeGate(spotter, Endpointer(), refractory_s=0.0), np.concatenate([silence(0.5), clip, silence(0.5)]))
    assert [h for h, _ in hits] == ["hey computer"]
