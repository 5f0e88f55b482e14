"""Recognition that never invents words: the real Whisper model and the real loop on silence, white noise,
a clipped tone, a spoken digit at 8 kHz and a short word. Audio is made here (numpy, Piper), never read
from ../shared."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.audio.sources import to_pcm16
from tests.conftest import SR, types


def white_noise(seconds: float, level: float = 0.25, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return to_pcm16(np.clip(rng.standard_normal(int(seconds * SR)) * level, -1, 1).astype(np.float32), SR)


def clipped_tone(seconds: float, hz: float = 1000.0) -> np.ndarray:
    t = np.arange(int(seconds * SR)) / SR
    return to_pcm16(np.clip(1.5 * np.sin(2 * np.pi * hz * t), -1, 1).astype(np.float32), SR)


def telephone(pcm: np.ndarray) -> np.ndarray:
    """Down to 8 kHz and back up: the narrow band of FSDD's recordings or a phone line."""
    return to_pcm16(to_pcm16(pcm, SR, 8000), 8000)


def trimmed(pcm: np.ndarray) -> np.ndarray:
    loud = np.flatnonzero(np.abs(pcm.astype(np.int32)) > 500)
    return pcm[loud[0] : loud[-1] + 1]


@pytest.fixture(scope="module")
def whisper(runtime):
    return runtime.asr.whisper  # the Whisper engine inside the default (fast hybrid) recognizer


def test_silence_noise_and_a_tone_give_no_words(whisper):
    assert whisper.speech_check is not None  # [vad] speech_check is on by default
    for audio in (np.zeros(60 * SR, np.int16), white_noise(10), white_noise(1, 0.02), clipped_tone(3)):
        assert whisper.transcribe(audio.tobytes()) == ""


def test_a_spoken_digit_at_8_khz_is_one_word_not_a_loop(whisper, piper):
    for word in ("zero", "seven", "nine"):
        heard = whisper.transcribe(telephone(piper(word.capitalize() + ".")).tobytes()).split()
        assert len(heard) == 1, heard  # "0 0 0 0 0 0 0 0 0" was the loop


def test_a_short_word_is_heard(whisper, piper):
    yes = trimmed(piper("Yes."))
    assert len(yes) < 0.4 * SR
    assert whisper.transcribe(yes.tobytes()) == "yes"


def test_a_repeated_word_is_redone_the_standard_way():
    from assistant.asr.whisper_engine import _loops

    assert _loops("nine nine", SR)  # a window pass that says this is decoded again with a beam
    assert _loops("0 0 0 0 0 0 0 0 0", SR)
    assert _loops("one two three four five six seven eight nine ten", SR)  # 10 words in 1 s
    assert not _loops("set a timer for ten minutes", 2 * SR)


def test_the_loop_answers_no_noise_no_tone_and_no_silence(piper, make_wav, run_pipeline):
    wav = make_wav(0.5, white_noise(30), 1.0, clipped_tone(3), 60.0, piper("What time is it?"), 1.5)
    events, out = run_pipeline(wav, wake=False)
    seq = types(events)
    rejected = [e for e in events if e.type == "not_speech"]
    assert len(rejected) >= 2  # the noise (cut at max_utterance_s) and the tone
    assert all(e.data["speech_probability"] < 0.5 for e in rejected)
    # the only thing transcribed and answered is the spoken command at the end
    finals = [e.text for e in events if e.type == "asr_final"]
    assert finals == ["what time is it"], finals
    assert seq.count("reply") == 1
    assert seq.index("reply") > seq.index(rejected[-1].type)
    assert len(out.written) == 1


def test_noise_after_the_wake_word_gets_no_reply(piper, make_wav, run_pipeline):
    wav = make_wav(1.0, piper("Hey computer."), 0.3, white_noise(4), 2.0)
    events, out = run_pipeline(wav)
    seq = types(events)
    assert "wake" in seq and "not_speech" in seq
    assert "asr_final" not in seq and "reply" not in seq  # not even "Sorry, I didn't catch that"
    assert out.written == []


def test_the_speech_check_can_be_switched_off(runtime):
    import dataclasses

    from assistant.config import load_config
    from assistant.pipeline import Pipeline

    off = load_config(None, {"vad.speech_check": False})
    pipe = Pipeline(dataclasses.replace(runtime, config=off), lambda e: None, wake=False)
    assert pipe.speech_check is None
    assert Pipeline(runtime, lambda e: None, wake=False).speech_check is not None


def test_contact_and_place_names_bias_the_recognizer(tmp_path, piper):
    from assistant.asr.vocabulary import MAX_CHARS, hotwords
    from assistant.asr.whisper_engine import whisper_from_config
    from assistant.config import load_config
    from assistant.places.osm_import import import_osm
    from tests.test_email_skill import VCARDS
    from tests.test_restaurant_skill import OSM

    (tmp_path / "contacts.vcf").write_text(VCARDS)
    db = tmp_path / "food.sqlite"
    import_osm(OSM, db, progress=False)
    email = {"maildir": str(tmp_path / "Mail"), "contacts": str(tmp_path / "contacts.vcf"),
             "address_book": {"mum": "Jane Doe <jane@example.org>"}}
    config = load_config(None, {"email": email, "restaurants": {"db": str(db)}})
    words = hotwords(config)
    assert words is not None and words.startswith("Alice Smith, Bob Smith, Bob Jones, Jane Doe, ")
    assert "Bangkok Garden" in words and "computer" not in words.lower()
    many = {f"friend{i}": f"Friend Number{i} <f{i}@example.org>" for i in range(100)}
    assert len(hotwords(load_config(None, {"email": {**email, "address_book": many}})) or "") <= MAX_CHARS
    # a contacts file that is gone leaves the address book (the email skill reports the file when used)
    assert hotwords(load_config(None, {"email": {**email, "contacts": str(tmp_path / "gone.vcf")}})) == "Jane Doe"

    assert whisper_from_config(config).hotwords is None  # off by default: it made short words into names
    engine = whisper_from_config(load_config(None, {"email": email, "restaurants": {"db": str(db)}, "asr.hotwords": True}))
    assert engine.hotwords == words
    assert engine.prompt[0] == engine.tokenizer.sot_prev  # the names go before the audio, as faster-whisper puts them
    assert engine.transcribe(piper("What time is it?").tobytes()) == "what time is it"  # a prompt, not a script
