"""The remote option: an OpenAI-compatible server (llama-cpp-python's own, on loopback) behind the same
interface as the local model."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from assistant.brain.remote_llm import RemoteModel
from assistant.errors import UserError
from assistant.models_default import QWEN_05B, assemble
from assistant.routing.tools import parse_tool_call, tool_schema


@pytest.fixture(scope="module")
def server():
    pytest.importorskip("llama_cpp.server", reason="needs llama-cpp-python[server] (scripts/install.sh)")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cmd = [sys.executable, "-m", "llama_cpp.server", "--model", str(assemble(QWEN_05B)),
           "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "1024", "--n_threads", "2"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/v1"
    try:
        for _ in range(600):  # up to ~2 minutes on a busy machine
            if proc.poll() is not None:
                raise RuntimeError("llama_cpp.server exited")
            try:
                urllib.request.urlopen(f"{url}/models", timeout=1).read()
                break
            except OSError:
                time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_remote_tool_call_and_stream(server, runtime):
    model = RemoteModel(server)
    allowed = ["weather", "other"]
    messages = [
        {"role": "system", "content": "Route the command to a tool. Reply with JSON."},
        {"role": "user", "content": "will it rain in vienna tomorrow"},
    ]
    raw = model.chat(messages, schema=tool_schema(runtime.skills, allowed), max_tokens=60)
    name, args = parse_tool_call(raw, runtime.skills, allowed)
    assert name in allowed and isinstance(args, dict)
    pieces = list(model.stream([{"role": "user", "content": "Say hello in three words."}], max_tokens=12))
    assert len(pieces) >= 2 and "".join(pieces).strip()


def test_unreachable_server_is_one_clear_error():
    with pytest.raises(UserError, match="cannot reach the language model server"):
        RemoteModel("http://127.0.0.1:9/v1", timeout_s=2).chat([{"role": "user", "content": "hi"}])
