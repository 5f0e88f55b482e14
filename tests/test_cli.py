"""The command line as a user and the acceptance checks call it: real subprocesses, real models."""

import json
from pathlib import Path

import pytest

from assistant.audio.sources import read_wav
from tests.conftest import cli, one_error_line

ROOT = Path(__file__).resolve().parent.parent




@pytest.fixture
def no_llm(tmp_path):
    cfg = tmp_path / "config.toml"
    cfg.write_text("[llm]\nenabled = false\n[tts]\ndeterministic = true\n")
    return cfg




def test_listen_acceptance_turn(piper, make_wav, tmp_path, no_llm):
    wav = make_wav(1.0, piper("Hey computer."), 0.5, piper("What time is it?"), 2.0)
    events_path = tmp_path / "events.jsonl"
    replies = tmp_path / "replies"
    r = cli("listen", "--wav", wav, "--events", events_path, "--reply-dir", replies, "--config", no_llm)
    assert r.returncode == 0, r.stderr
    events = [json.loads(line) for line in events_path.read_text().splitlines()]
    assert all("type" in e and isinstance(e["t"], float | int) for e in events)
    seq = [e["type"] for e in events if e["type"] in ("wake", "asr_final", "intent", "reply")]
    assert seq == ["wake", "asr_final", "intent", "reply"]
    intent = next(e for e in events if e["type"] == "intent")
    assert intent["intent"] == "get_time" and intent["args"] == {"what": "time"}
    reply_wavs = sorted(replies.glob("reply-*.wav"))
    assert len(reply_wavs) == 1 and len(read_wav(reply_wavs[0])) > 8000


def test_listen_reports_a_bad_file_and_runs_the_next(piper, make_wav, tmp_path, no_llm):
    bad = tmp_path / "bad.wav"
    bad.write_bytes(b"definitely not audio")
    good = make_wav(0.5, piper("What day is it?"), 1.5)
    events_path = tmp_path / "ev.jsonl"
    r = cli("listen", "--wav", bad, good, "--events", events_path, "--no-wake", "--config", no_llm)
    assert r.returncode == 1
    assert "bad.wav is not a readable audio file" in r.stderr and "Traceback" not in r.stderr
    events = [json.loads(line) for line in events_path.read_text().splitlines()]
    assert events[0]["type"] == "error"
    assert any(e["type"] == "intent" and e["intent"] == "get_time" for e in events)
    # as the README says it ("assistant listen --wav command.wav"; --events was required): the conversation
    r = cli("listen", "--wav", good, "--no-wake", "--config", no_llm)
    assert r.returncode == 0, r.stderr
    heard, reply = r.stdout.splitlines()
    assert heard == "heard: what day is it" and reply.startswith("reply: It's ") and "day" in reply, r.stdout


def test_ask_json_and_batch(tmp_path, no_llm):
    r = cli("ask", "set a timer for 5 minutes", "--json", "--config", no_llm)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["intent"] == "set_timer" and out["args"] == {"action": "set", "duration": 5, "unit": "minutes"}
    assert out["reply"] == "Timer set for 5 minutes."
    batch = tmp_path / "in.jsonl"
    batch.write_text('{"text": "what time is it"}\n\n{"text": "order chinese food"}\n')
    r = cli("ask", "--batch", batch, "--config", no_llm)
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert [(x["text"], x["intent"]) for x in rows] == [
        ("what time is it", "get_time"),
        ("order chinese food", "other"),
    ]
    assert all(set(x) >= {"text", "intent", "args", "reply"} for x in rows)


def test_say_then_transcribe_round_trip(tmp_path, no_llm):
    out = tmp_path / "said.wav"
    r = cli("say", "Set a timer for ten minutes.", "-o", out, "--config", no_llm)
    assert r.returncode == 0, r.stderr
    r = cli("transcribe", out, "--json", "--config", no_llm)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["text"] in ("set a timer for ten minutes", "set a timer for 10 minutes")


@pytest.mark.parametrize(
    "args,expect",
    [
        (["transcribe", "{bad}"], "is not a readable audio file"),
        (["transcribe", "{missing}"], "does not exist"),
        (["say", "hi", "-o", "{tmp}/x.wav", "--config", "{voicecfg}"], "unknown voice 'nobody'"),
        (["ask", "hi", "--config", "{typo}"], "unknown setting 'vad.aggresiveness'"),
        (["ask", "hi", "--config", "{tmp}/nope.toml"], "does not exist"),
        (["transcribe", "{good}", "--config", "{voskcfg}"], "not a Vosk model folder"),
        (["--config", "{miccfg}"], "cannot open microphone"),
        (["ask", "hi", "--config", "{badtoml}"], "is not valid TOML"),
        (["ask", "   "], "say what to ask"),
    ],
)
def test_bad_input_gets_one_clear_line(tmp_path, args, expect):
    (tmp_path / "bad.wav").write_bytes(b"nope")
    (tmp_path / "v.toml").write_text('[tts]\nvoice = "nobody"\n')
    (tmp_path / "t.toml").write_text("[vad]\naggresiveness = 2\n")
    (tmp_path / "k.toml").write_text(f'[asr]\nengine = "vosk"\nvosk_model = "{tmp_path}"\n')
    (tmp_path / "m.toml").write_text('[audio]\ninput_device = "no such microphone"\n')
    (tmp_path / "b.toml").write_text("[vad\n")
    import numpy as np
    import soundfile

    soundfile.write(tmp_path / "good.wav", np.zeros(16000, dtype=np.int16), 16000)
    subs = {
        "{bad}": tmp_path / "bad.wav",
        "{missing}": tmp_path / "missing.wav",
        "{tmp}": tmp_path,
        "{voicecfg}": tmp_path / "v.toml",
        "{typo}": tmp_path / "t.toml",
        "{voskcfg}": tmp_path / "k.toml",
        "{miccfg}": tmp_path / "m.toml",
        "{badtoml}": tmp_path / "b.toml",
        "{good}": tmp_path / "good.wav",
    }
    real = []
    for a in args:
        for k, v in subs.items():
            a = a.replace(k, str(v))
        real.append(a)
    line = one_error_line(cli(*real, "--no-ui") if real[0] == "--config" else cli(*real))
    assert expect in line
