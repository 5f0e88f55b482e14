"""Piper TTS: sentence-by-sentence chunks, deterministic mode, voice selection."""

import dataclasses
import shutil

import numpy as np
import pytest

from assistant.errors import UserError
from assistant.tts.piper_tts import (
    CACHED_RUN_WORDS,
    CACHED_RUNS,
    PiperTts,
    available_voices,
    default_voice_path,
    resolve_voice,
    split_sentences,
    without_trailing_silence,
)


def test_one_chunk_per_sentence(runtime):
    chunks = list(runtime.tts.synthesize("It's 7:30 PM. Your timer is done! Anything else?"))
    assert [c.text for c in chunks] == ["It's 7:30 PM.", "Your timer is done!", "Anything else?"]
    assert all(c.rate == 22050 and c.pcm.dtype == np.int16 and c.duration_s > 0.3 for c in chunks)


def test_the_acknowledgement_ends_where_its_voice_ends(runtime):
    """The answer follows "One moment." as soon as it has been said, not after Piper's closing silence."""
    (spoken,) = runtime.tts.synthesize("One moment.")
    (ack,) = runtime.speech("One moment.")
    loud = np.flatnonzero(np.abs(spoken.pcm) > 328)
    assert ack.duration_s < spoken.duration_s - 0.1  # Piper closes with ~0.2 s of silence
    assert np.array_equal(ack.pcm, spoken.pcm[: len(ack.pcm)])  # nothing said is cut
    assert len(ack.pcm) == loud[-1] + 1 + int(0.06 * ack.rate)
    silent = dataclasses.replace(spoken, pcm=np.zeros(5000, np.int16))
    assert len(without_trailing_silence(silent).pcm) == int(0.06 * spoken.rate)


def test_deterministic_setting_is_bit_identical(runtime):
    # twelve words: one run, longer than the runs kept once synthesized
    text = "Your timer for five minutes is done and the tea is ready."
    assert len(text.split()) > CACHED_RUN_WORDS
    a = runtime.tts.synthesize_all(text)
    b = runtime.tts.synthesize_all(text)
    assert np.array_equal(a, b)


def test_a_short_sentence_said_again_is_synthesized_once():
    """Piper's default noise makes every synthesis of a sentence differ; a short one said again is the
    first one's audio, a long one is synthesized afresh, and only CACHED_RUNS are kept."""
    tts = PiperTts()  # not deterministic
    short = "Sorry, I can't help with that."
    (first,), (again,) = tts.synthesize(short), tts.synthesize(short)
    assert again.pcm is first.pcm and not first.pcm.flags.writeable  # shared, so nobody may change it
    long = "Your timer for five minutes is done and the tea is ready."
    assert not np.array_equal(tts.synthesize_all(long), tts.synthesize_all(long))
    for n in range(CACHED_RUNS + 3):
        tts.synthesize_all(f"Number {n}.")
    assert list(tts._said) == [f"Number {n}." for n in range(3, CACHED_RUNS + 3)]


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


@pytest.mark.parametrize(
    ("pieces", "expected"),
    [
        (["Sure", "!", " What", "'s up?"], ["Sure!", "What's up?"]),  # a sentence end needs no length
        (["I am Juniper,", " an AI helper, made", " by friends."], ["I am Juniper,", "an AI helper, made by friends."]),
        (["Well, I", " think so."], ["Well, I think so."]),  # one word is too choppy to speak alone
        (["I'm sorry, but", " I can't do that."], ["I'm sorry,", "but I can't do that."]),
        (["It is 3.5 km. Dr. Smith", " agrees"], ["It is 3.5 km.", "Dr. Smith agrees"]),
    ],
)
def test_a_streamed_reply_is_spoken_clause_by_clause(pieces, expected):
    """The first clause may be 2 words, later ones 4; decimals and abbreviations are not ends."""
    from assistant.tts.clauses import clauses

    assert list(clauses(pieces)) == expected


@pytest.mark.parametrize(
    ("text", "runs"),
    [
        ("It's 10:07 AM. Timer set for 10 minutes.", ["It's 10:07 AM.", "Timer set for 10 minutes."]),
        (
            "I can tell the time, set timers, check the weather, find restaurants, write emails, summarize text or chat.",
            ["I can tell the time,", "set timers, check the weather, find restaurants, write emails,", "summarize text or chat."],
        ),
        (  # the listener waits for the first run: a long first sentence's first clause comes alone
            "Sorry, I don't know a place called your house on the map. Sorry, again.",
            ["Sorry,", "I don't know a place called your house on the map.", "Sorry, again."],
        ),
        ("December 7, 2026 is a Monday, I think.", ["December 7, 2026 is a Monday,", "I think."]),
        ("Hi, it's me.", ["Hi, it's me."]),
        ("Chicago is on CST, UTC-6 right now.", ["Chicago is on CST,", "UTC minus 6 right now."]),  # espeak drops the sign
        (
            "one two three four five six seven eight nine ten eleven twelve thirteen fourteen",
            ["one two three four five six seven", "eight nine ten eleven twelve thirteen fourteen"],
        ),
    ],
)
def test_long_sentences_are_synthesized_in_runs_of_twelve_words_at_most(text, runs):
    """ONNX Runtime keeps the working memory of Piper's longest run for good (a 7 s sentence: +121 MiB),
    so a long sentence is split at its commas, and a long stretch without one into equal parts."""
    from assistant.tts.piper_tts import speakable_runs

    assert speakable_runs(text) == runs


def test_a_long_word_is_synthesized_in_runs_of_bounded_phonemes(runtime):
    """A file path is one word of ~100 phonemes: a run is cut by phonemes too (ONNX Runtime's kept
    working memory grows with the longest run), between words where it can be, and all of it is said."""
    from assistant.tts.piper_tts import MAX_RUN_PHONEMES, split_phonemes

    voice = runtime.tts.voice
    text = "Sorry, no restaurant database at /root/.local/share/assistant/restaurants.sqlite."
    parts = voice.phonemize(text)
    assert len(parts) > 1 and all(len(p) <= MAX_RUN_PHONEMES for p in parts)
    from piper import PiperVoice

    whole = PiperVoice.phonemize(voice, text)  # Piper's own phonemes: nothing lost or added by the cut
    assert " ".join("".join(p) for p in parts).split() == " ".join("".join(p) for p in whole).split()
    chunks = list(runtime.tts.synthesize(text))
    assert sum(c.duration_s for c in chunks) > 3.0
    assert split_phonemes(list("ab cd efgh ij"), 5) == [list("ab cd"), list("efgh"), list("ij")]
    assert split_phonemes(list("abcdefghijkl"), 5) == [list("abcde"), list("fghij"), list("kl")]
