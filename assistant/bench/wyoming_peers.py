"""The reference Wyoming servers (wyoming-piper, wyoming-faster-whisper) started on the same models the
assistant uses (the joe voice and Whisper tiny.en from their registry packages), for tests and the
benchmark. They run as their own processes, exactly as a user would start them."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

from ..errors import UserError
from ..tts.piper_tts import default_voice_path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_listening(port: int, proc: subprocess.Popen | None = None, limit_s: float = 180.0) -> None:
    """Model loading takes seconds on a busy machine: wait for the port (not a timing assertion)."""
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise UserError(f"{proc.args[0]} exited with code {proc.returncode} before listening")
        try:
            socket.create_connection(("127.0.0.1", port), 0.5).close()
            return
        except OSError:
            time.sleep(0.2)
    raise UserError(f"nothing listened on port {port} within {limit_s:.0f} s")


def _script(name: str) -> str:
    path = Path(sys.executable).parent / name
    found = str(path) if path.exists() else shutil.which(name)
    if not found:
        raise UserError(f"{name} is not installed; pip install {name}")
    return found


def start_wyoming_piper(port: int, data_dir: Path, log_path: Path | None = None) -> subprocess.Popen:
    """wyoming-piper on en_US-joe-medium with zero noise (deterministic, like `[tts] deterministic`)."""
    voice = default_voice_path()
    data_dir.mkdir(parents=True, exist_ok=True)
    for src in (voice, Path(str(voice) + ".json")):
        link = data_dir / src.name
        if not link.exists():
            link.symlink_to(src)
    cmd = [
        _script("wyoming-piper"),
        "--uri",
        f"tcp://127.0.0.1:{port}",
        "--data-dir",
        str(data_dir),
        "--voice",
        voice.stem,
        "--noise-scale",
        "0",
        "--noise-w-scale",
        "0",
    ]
    return _start(cmd, log_path)


def start_wyoming_faster_whisper(
    port: int, data_dir: Path, threads: int = 2, log_path: Path | None = None
) -> subprocess.Popen:
    """wyoming-faster-whisper on Whisper tiny.en, int8 and beam 1 like the assistant's own engine."""
    from ..asr.whisper_engine import default_whisper_path

    data_dir.mkdir(parents=True, exist_ok=True)
    cmd = [
        _script("wyoming-faster-whisper"),
        "--uri",
        f"tcp://127.0.0.1:{port}",
        "--data-dir",
        str(data_dir),
        "--model",
        default_whisper_path(),
        "--language",
        "en",
        "--compute-type",
        "int8",
        "--beam-size",
        "1",
        "--cpu-threads",
        str(threads),
        "--local-files-only",
    ]
    return _start(cmd, log_path)


def start_assistant_server(
    port: int, config_path: Path | None = None, log_path: Path | None = None
) -> subprocess.Popen:
    cmd = [_script("assistant"), "serve", "--uri", f"tcp://127.0.0.1:{port}"]
    if config_path is not None:
        cmd += ["--config", str(config_path)]
    return _start(cmd, log_path)


def _start(cmd: list[str], log_path: Path | None) -> subprocess.Popen:
    out = open(log_path, "wb") if log_path else subprocess.DEVNULL  # noqa: SIM115 - lives with the process
    return subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
