"""The edges a hostile but honest tester found (issue 21), through the real CLI in a subprocess: a bad
model file, a config that names a model the machine does not have, recordings given in odd ways."""

import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def cli(*args, env: dict | None = None, prefix: tuple = (), timeout: int = 600):
    return subprocess.run(
        [*prefix, sys.executable, "-m", "assistant", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )


def one_error_line(r) -> str:
    assert "Traceback" not in r.stderr, r.stderr
    lines = [line for line in r.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), r.stderr
    return lines[0]


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
