"""Shared fixtures: each real model loads once per test session.

Only the hardware edge is faked: spoken commands are synthesized with Piper and espeak-ng into WAV
files that play as the microphone; ASR, VAD, wake word, router, skills and TTS are the real ones.
"""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
import soundfile

from assistant import paths

# Tests never write to the user's home: the config, data and cache folders are temporary ones, and the
# CLI run in subprocesses inherits them. The models scripts/install.sh put in place are read where they
# are; the cache (prompt states, example embeddings, grammars) persists in .pytest_cache/ across runs.
os.environ.setdefault("ASSISTANT_DOWNLOAD_DIR", str(paths.download_dir()))
os.environ.setdefault("ASSISTANT_CACHE_DIR", str(Path(__file__).resolve().parent.parent / ".pytest_cache" / "assistant"))
_HOME = Path(tempfile.mkdtemp(prefix="assistant-tests-"))
for _var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
    os.environ[_var] = str(_HOME / _var.lower())
os.environ.pop("ASSISTANT_DATA_DIR", None)
atexit.register(shutil.rmtree, _HOME, True)

from assistant.audio.sources import read_wav, to_pcm16  # noqa: E402
from assistant.config import Config, load_config  # noqa: E402
from assistant.events import Event  # noqa: E402

SR = 16000
ROOT = Path(__file__).resolve().parent.parent


def cli(*args, cwd: Path | None = ROOT, env: dict | None = None, prefix: tuple = (), timeout: int = 600):
    """The real `assistant` command in a subprocess; `env` sets variables over this process's own."""
    return subprocess.run(
        [*prefix, sys.executable, "-m", "assistant", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


def one_error_line(result: subprocess.CompletedProcess) -> str:
    """What bad input must give: a non-zero exit and one `error: ...` line, no traceback."""
    assert result.returncode != 0
    assert "Traceback" not in result.stderr, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


@pytest.fixture(scope="session")
def config() -> Config:
    # deterministic TTS; no LLM so the core tests do not pay for loading one
    # follow-ups off here: these tests script the wake word for every command (test_brain_* turn them on)
    # live partials on: the terminal UI's stack, every part loaded (test_pipeline has the headless one)
    overrides = {"tts.deterministic": True, "llm.enabled": False, "vad.follow_up_s": 0.0, "asr.live_partials": True}
    return load_config(None, overrides)


@pytest.fixture(scope="session")
def runtime(config):
    from assistant.runtime import load_runtime

    return load_runtime(config)


@pytest.fixture(scope="session")
def piper(runtime):
    """Piper speech at 16 kHz (the microphone's rate)."""

    def speak(text: str) -> np.ndarray:
        pcm = runtime.tts.synthesize_all(text)
        return to_pcm16(pcm, runtime.tts.sample_rate)

    return speak


@pytest.fixture(scope="session")
def espeak(tmp_path_factory) -> Callable[..., np.ndarray]:
    folder = tmp_path_factory.mktemp("espeak")

    def speak(text: str, voice: str = "en-us", speed: int = 150) -> np.ndarray:
        out = folder / "say.wav"
        subprocess.run(["espeak-ng", "-v", voice, "-s", str(speed), "-w", str(out), text], check=True)
        return read_wav(out)

    return speak


def silence(seconds: float) -> np.ndarray:
    return np.zeros(int(seconds * SR), dtype=np.int16)


@pytest.fixture
def make_wav(tmp_path) -> Callable[..., Path]:
    """make_wav(1.0, pcm, 0.5, pcm2, ...): floats are seconds of silence, arrays are speech."""
    count = [0]

    def build(*parts, name: str | None = None) -> Path:
        count[0] += 1
        pcm = np.concatenate([silence(p) if isinstance(p, (int, float)) else p for p in parts])
        path = tmp_path / (name or f"input-{count[0]}.wav")
        soundfile.write(path, pcm, SR, subtype="PCM_16")
        return path

    return build


@pytest.fixture
def run_pipeline(runtime, tmp_path):
    """Play WAV files through the real pipeline in-process; returns (events, WavOutput)."""
    from assistant.audio.sources import WavSource
    from assistant.pipeline import Pipeline
    from assistant.tts.output import WavOutput

    def run(*paths: Path, wake: bool = True, pipeline_kwargs: dict | None = None, rt=None):
        events: list[Event] = []
        out = WavOutput(tmp_path / "replies")
        pipe = Pipeline(rt or runtime, events.append, out, wake=wake, **(pipeline_kwargs or {}))
        t0 = 0.0
        for p in paths:
            src = WavSource(p)
            pipe.run(src.frames(t0))
            pipe.flush()
            t0 = max(t0 + src.duration_s, pipe.listening.busy_until)
        return events, out

    return run


def types(events: list[Event]) -> list[str]:
    return [e.type for e in events]


def heard_the_clock(said: str, heard: str) -> bool:
    """Whether Whisper's transcript of a spoken "It's 6:06 PM." is that answer: its start, or the clock's
    hour (the minutes vary with the time of day, and Whisper writes them as "it's 616pm", "at 6 0 6 p m",
    "it 720 pd"), not some other sound."""
    import re

    from assistant.text import CARDINALS

    hour = re.search(r"\d+|noon|midnight", said)
    assert hour is not None, said
    words = {hour.group()} | {w for w, n in CARDINALS.items() if str(n) == hour.group()}  # "6" or "six"
    return heard.startswith(("it's", "it is")) or any(w in heard for w in words)


@pytest.fixture(scope="session")
def llm(tmp_path_factory):
    """The default language model (Qwen2.5-Coder 0.5B Q4_K_M), loaded once; its prompt cache goes to a
    fresh folder so the first priming really evaluates the prefix."""
    from assistant.brain.llm import LlamaModel
    from assistant.models_default import QWEN_05B, assemble

    return LlamaModel(assemble(QWEN_05B), n_ctx=1024, state_dir=tmp_path_factory.mktemp("llm-state"))
