"""`assistant serve` the way wyoming-piper and wyoming-faster-whisper users know it: --zeroconf [NAME]
announces it for Home Assistant's discovery (real mDNS with the zeroconf package, browsed the way Home
Assistant does), --debug, --version, and a default port no other Wyoming service uses."""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

from wyoming.client import AsyncClient
from wyoming.info import Describe, Info
from zeroconf.asyncio import AsyncZeroconf

from assistant.wyoming.commands import DEFAULT_PORT, DEFAULT_URI

ROOT = Path(__file__).resolve().parent.parent
SERVICE = "_wyoming._tcp.local."


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def discover(name: str, wait_s: float = 120.0):
    """What Home Assistant's zeroconf discovery reads: the service's address and port."""
    browser = AsyncZeroconf()
    try:
        deadline = time.monotonic() + wait_s
        while time.monotonic() < deadline:
            info = await browser.async_get_service_info(SERVICE, f"{name}.{SERVICE}", timeout=2000)
            if info is not None:
                return info.parsed_addresses()[0], info.port
        return None
    finally:
        await browser.async_close()


def test_default_port_is_no_other_wyoming_services():
    # piper, faster-whisper, wake word services, satellite event services, mic/snd-external, satellite
    assert DEFAULT_PORT not in {10200, 10300, 10400, 10500, 10600, 10601, 10700}
    assert DEFAULT_URI == f"tcp://127.0.0.1:{DEFAULT_PORT}"


def test_zeroconf_needs_an_address_other_machines_reach():
    for uri, words in (
        ("tcp://127.0.0.1:10800", "other machines cannot reach a loopback address"),
        ("unix:///tmp/assistant.sock", "announces a tcp server"),
    ):
        r = subprocess.run(
            [sys.executable, "-m", "assistant", "serve", "--zeroconf", "--uri", uri],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=120,
        )
        lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
        assert r.returncode == 2 and len(lines) == 1 and words in lines[0], r.stderr


def test_home_assistant_discovers_the_server_and_finds_its_services(tmp_path):
    """The README's Home Assistant steps: `serve --zeroconf` on the network, discovery finds it, and the
    Wyoming integration's describe lists speech-to-text, text-to-speech, the wake word and the agent."""
    cfg = tmp_path / "c.toml"
    cfg.write_text("[llm]\nenabled = false\n")
    name = f"assistant-test-{uuid.uuid4().hex[:8]}"
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "assistant", "serve", "--uri", f"tcp://0.0.0.0:{port}", "--zeroconf", name]
        + ["--config", str(cfg), "--debug"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        found = asyncio.run(discover(name))
        assert found is not None and found[1] == port, "not announced"

        async def describe() -> Info:
            async with AsyncClient.from_uri(f"tcp://{found[0]}:{found[1]}") as client:
                await client.write_event(Describe().event())
                while True:
                    event = await client.read_event()
                    if Info.is_type(event.type):
                        return Info.from_event(event)

        info = asyncio.run(describe())
        assert info.asr and info.tts and info.wake and info.handle and info.intent
    finally:
        server.terminate()
        _, err = server.communicate(timeout=60)
    assert f"announced as {name}._wyoming._tcp.local." in err  # --debug logs what it does
