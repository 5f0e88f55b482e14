"""The edges a hostile but honest tester found (issue 21), through the real CLI in a subprocess: a bad
model file, a config that names a model the machine does not have, recordings given in odd ways."""

import json
import os
import struct
from pathlib import Path

import pytest

from tests.conftest import cli, one_error_line

ROOT = Path(__file__).resolve().parent.parent




@pytest.fixture
def corrupt_gguf(tmp_path) -> Path:
    """A file that starts like a GGUF (magic, version 3) and goes on with garbage."""
    path = tmp_path / "broken.gguf"
    path.write_bytes(b"GGUF" + struct.pack("<IQQ", 3, 5, 7) + os.urandom(64 * 1024))
    return path


def test_corrupt_language_model_is_one_line_and_exit_2(tmp_path, corrupt_gguf):
    cfg = tmp_path / "c.toml"
    cfg.write_text(f'[llm]\npreset = "custom"\nmodel_path = "{corrupt_gguf}"\n')
    r = cli("ask", "--config", cfg, "tell me a joke")
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert "cannot load the language model" in one_error_line(r)
    assert "Sorry" not in r.stdout


def test_corrupt_voice_in_listen_is_one_line_and_exit_2(tmp_path, make_wav):
    from assistant.tts.piper_tts import default_voice_path

    voice = tmp_path / "broken.onnx"
    voice.write_bytes(os.urandom(8192))
    (tmp_path / "broken.onnx.json").write_bytes(Path(str(default_voice_path()) + ".json").read_bytes())
    cfg = tmp_path / "c.toml"
    cfg.write_text(f'[llm]\nenabled = false\n[tts]\nvoice = "{voice}"\n')
    r = cli("listen", "--config", cfg, "--wav", make_wav(1.0), "--events", tmp_path / "ev.jsonl")
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert "cannot load the voice" in one_error_line(r)


GUARD = '''
import os, socket
def _record(what):
    with open(os.environ["NET_ATTEMPTS_LOG"], "a") as f:
        f.write(repr(what) + "\\n")
_connect = socket.socket.connect
def connect(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6):
        _record(("connect", address))
        raise OSError("network blocked in this test")
    return _connect(self, address)
def getaddrinfo(host, *args, **kwargs):
    _record(("getaddrinfo", host))
    raise socket.gaierror("name resolution blocked in this test")
socket.socket.connect, socket.getaddrinfo = connect, getaddrinfo
'''


@pytest.fixture
def blocked_network(tmp_path) -> tuple[dict, Path]:
    """The environment of a CLI process whose sockets are blocked: every outbound connection and name
    lookup is refused and written to the returned file (a sitecustomize module runs before the CLI)."""
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(GUARD)
    attempts = tmp_path / "attempts.log"
    env = {"PYTHONPATH": f"{guard}{os.pathsep}{ROOT}", "NET_ATTEMPTS_LOG": str(attempts)}
    return env, attempts


@pytest.mark.parametrize("name", ["tiny.en", "models/whisper-tiny-mistyped"])
@pytest.mark.parametrize("latency", [True, False])  # model checked at start, or loaded at once
def test_a_hub_model_name_in_the_config_never_reaches_the_network(tmp_path, make_wav, blocked_network, name,
                                                                   latency):
    env, attempts = blocked_network
    cfg = tmp_path / "c.toml"
    cfg.write_text(f'[asr]\nengine = "whisper"\nwhisper_model = "{name}"\n[latency]\nenabled = {str(latency).lower()}\n')
    r = cli("transcribe", "--config", cfg, make_wav(1.0), env=env)
    assert r.returncode == 2
    assert "not a Whisper model folder" in one_error_line(r)
    assert not attempts.exists(), attempts.read_text()
    r = cli("listen", "--config", cfg, "--wav", make_wav(1.0), "--events", tmp_path / "ev.jsonl", env=env)
    assert r.returncode == 2 and "not a Whisper model folder" in one_error_line(r)
    assert not attempts.exists(), attempts.read_text()


def test_listen_events_never_go_back_in_time_across_files(piper, make_wav, tmp_path):
    # the first file ends mid-command and the command gets no spoken reply ("stop"): its events are
    # stamped after the file's end (the time spent recognizing), which the next file must start after
    first = make_wav(1.0, piper("Stop."))
    second = make_wav(0.3, piper("What time is it?"), 1.5)
    events_path = tmp_path / "ev.jsonl"
    cfg = tmp_path / "c.toml"
    cfg.write_text("[llm]\nenabled = false\n[tts]\ndeterministic = true\n")
    r = cli("listen", "--config", cfg, "--no-wake", "--wav", first, second, "--events", events_path)
    assert r.returncode == 0, r.stderr
    events = [json.loads(line) for line in events_path.read_text().splitlines()]
    times = [e["t"] for e in events]
    assert times == sorted(times), [(e["type"], e["t"]) for e in events]
    assert [e["intent"] for e in events if e["type"] == "intent"] == ["stop", "get_time"]


def test_a_folder_given_as_a_recording_says_it_is_a_folder(tmp_path, make_wav):
    folder = tmp_path / "recordings"
    folder.mkdir()
    cfg = tmp_path / "c.toml"
    cfg.write_text("[llm]\nenabled = false\n")
    r = cli("transcribe", "--config", cfg, folder)
    assert r.returncode == 2
    assert f"{folder} is a folder" in one_error_line(r)
    r = cli("listen", "--config", cfg, "--wav", folder, make_wav(0.5), "--events", tmp_path / "ev.jsonl")
    assert r.returncode == 1 and f"{folder} is a folder" in r.stderr  # reported, and the next file runs


@pytest.mark.parametrize(
    "section",
    [
        '[llm]\npreset = "remote"\nremote_url = "http://192.0.2.7:8080/v1"\n',
        '[llm]\nenabled = false\n[asr]\nengine = "wyoming"\nwyoming_uri = "tcp://asr.example:10300"\n',
    ],
)
def test_a_remote_engine_needs_network_allow(tmp_path, blocked_network, section):
    env, attempts = blocked_network
    cfg = tmp_path / "c.toml"
    cfg.write_text(section)
    r = cli("ask", "--config", cfg, "what time is it", env=env)
    assert r.returncode == 2 and "[network] allow = true" in one_error_line(r)
    assert not attempts.exists(), attempts.read_text()
