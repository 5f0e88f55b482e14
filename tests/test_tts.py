"""Piper TTS: sentence-by-sentence chunks, deterministic mode, voice selection."""

import shutil

import numpy as np
import pytest

from assistant.errors import UserError
from assistant.tts.piper_tts import (
    PiperTts,
    available_voices,
    default_voice_path,
    resolve_voice,
    split_sentences,
)


def test_one_chunk_per_sentence(runtime):
    chunks = list(runtime.tts.synthesize("It's 7:30 PM. Your timer is done! Anything else?"))
    assert [c.text for c in chunks] == ["It's 7:30 PM.", "Your timer is done!", "Anything else?"]
    assert all(c.rate == 22050 and c.pcm.dtype == np.int16 and c.duration_s > 0.3 for c in chunks)


def test_deterministic_setting_is_bit_identical(runtime):
    a = runtime.tts.synthesize_all("Timer set for five minutes.")
    b = runtime.tts.synthesize_all("Timer set for five minutes.")
    assert np.array_equal(a, b)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Hello there. How are you?", ["Hello there.", "How are you?"]),
        ("It costs 3.50 dollars.", ["It costs 3.50 dollars."]),
        ("One\nTwo", ["One", "Two"]),
        ("   ", []),
    ],
)
def test_split_sentences(text, expected):
    assert split_sentences(text) == expected


def test_unknown_voice_lists_the_available_ones():
    with pytest.raises(UserError, match="unknown voice 'nobody'; available: en_US-joe-medium"):
        resolve_voice("nobody")


def test_voice_from_the_voices_folder(tmp_path):
    src = default_voice_path()
    shutil.copy(src, tmp_path / "my-voice.onnx")
    shutil.copy(str(src) + ".json", tmp_path / "my-voice.onnx.json")
    assert resolve_voice("my-voice", tmp_path) == tmp_path / "my-voice.onnx"
    assert "my-voice" in available_voices(tmp_path)
    tts = PiperTts("my-voice", deterministic=True, voices_dir=tmp_path)
    assert len(tts.synthesize_all("Hi.")) > 1000
