"""The Wyoming server at its edges (issue 21): a client that announces absurd audio or event sizes,
and a client that says "yes" to a skill that acts. Real wyoming clients on loopback, a real SMTP server."""

from __future__ import annotations

import asyncio
import dataclasses
import json

import numpy as np
import pytest
from aiosmtpd.controller import Controller
from test_email_skill import VCARDS, Inbox
from wyoming.asr import Transcribe, Transcript
from wyoming.audio import AudioChunk, AudioStart, AudioStop
from wyoming.client import AsyncTcpClient
from wyoming.error import Error
from wyoming.handle import Handled

from assistant.bench.wyoming_peers import free_port
from assistant.cli import build_parser
from assistant.wyoming.server import start_server
from assistant.wyoming.services import REFUSED, Services


async def next_event(client: AsyncTcpClient, timeout: float = 120):
    return await asyncio.wait_for(client.read_event(), timeout)


@pytest.fixture(scope="module")
def services(runtime):
    return Services(runtime)


async def test_absurd_audio_rate_is_refused_not_resampled(services, piper):
    port = free_port()
    server = await start_server(f"tcp://127.0.0.1:{port}", services)
    try:
        async with AsyncTcpClient("127.0.0.1", port) as client:
            await client.write_event(Transcribe().event())
            # announced at 16 Hz, one 32 KB chunk: resampled to 16 kHz this was ~250 MB
            await client.write_event(AudioStart(rate=16, width=2, channels=1).event())
            await client.write_event(AudioChunk(rate=16, width=2, channels=1, audio=bytes(32768)).event())
            error = Error.from_event(await next_event(client))
            assert "8000-192000 Hz" in error.text
            # the connection goes on: the same client's next stream, at a real rate, is transcribed
            await client.write_event(Transcribe().event())
            speech = piper("What time is it?")
            await client.write_event(AudioStart(16000, 2, 1).event())
            await client.write_event(AudioChunk(16000, 2, 1, speech.astype(np.int16).tobytes()).event())
            await client.write_event(AudioStop().event())
            event = await next_event(client)
            while not Transcript.is_type(event.type):
                event = await next_event(client)
            assert "time" in Transcript.from_event(event).text.lower()
    finally:
        await server.stop()


async def test_an_event_announcing_a_huge_payload_closes_the_connection(services):
    port = free_port()
    server = await start_server(f"tcp://127.0.0.1:{port}", services)
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        header = {"type": "audio-chunk", "data": {"rate": 16000, "width": 2, "channels": 1},
                  "payload_length": 4 * 2**30}  # 4 GiB announced; a few bytes sent
        writer.write(json.dumps(header).encode() + b"\n" + bytes(1024))
        await writer.drain()
        line = await asyncio.wait_for(reader.readline(), 60)  # before: the server waited for 4 GiB
        reply = json.loads(line)
        assert reply["type"] == "error"
        length = reply.get("data_length", 0)
        data = json.loads(await reader.readexactly(length)) if length else reply["data"]
        assert "max_event_bytes" in data["text"]
        assert await asyncio.wait_for(reader.read(), 60) == b""  # closed
        writer.close()
    finally:
        await server.stop()


async def test_long_audio_stream_is_cut_at_max_audio_s(runtime, piper):
    cfg = runtime.config.model_copy(deep=True)
    cfg.wyoming.max_audio_s = 2.0
    services = Services(dataclasses.replace(runtime, config=cfg))
    port = free_port()
    server = await start_server(f"tcp://127.0.0.1:{port}", services)
    try:
        async with AsyncTcpClient("127.0.0.1", port) as client:
            await client.write_event(Transcribe().event())
            await client.write_event(AudioStart(16000, 2, 1).event())
            for _ in range(3):  # 3 s of silence, then words the server must no longer keep
                await client.write_event(AudioChunk(16000, 2, 1, bytes(32000)).event())
            speech = piper("What time is it?").astype(np.int16).tobytes()
            await client.write_event(AudioChunk(16000, 2, 1, speech).event())
            await client.write_event(AudioStop().event())
            event = await next_event(client)
            assert Transcript.is_type(event.type)
            assert "time" not in Transcript.from_event(event).text.lower()
    finally:
        await server.stop()


def email_runtime(runtime, tmp_path, port: int, allow: bool):
    (tmp_path / "contacts.vcf").write_text(VCARDS)
    cfg = runtime.config.model_copy(deep=True)
    cfg.email = {
        "maildir": str(tmp_path / "Mail"),
        "contacts": str(tmp_path / "contacts.vcf"),
        "address": "Sam Doe <sam@example.net>",
        "smtp": {"host": "127.0.0.1", "port": port, "security": "none"},
    }
    cfg.wyoming.allow_side_effects = allow
    return dataclasses.replace(runtime, config=cfg)


@pytest.mark.parametrize("allow", [False, True])
async def test_a_wyoming_client_cannot_send_email_unless_allowed(runtime, tmp_path, allow):
    inbox = Inbox()
    port = free_port()
    smtp = Controller(inbox, hostname="127.0.0.1", port=port)
    smtp.start()
    services = Services(email_runtime(runtime, tmp_path, port, allow))
    wy_port = free_port()
    server = await start_server(f"tcp://127.0.0.1:{wy_port}", services)
    try:
        async with AsyncTcpClient("127.0.0.1", wy_port) as client:
            await client.write_event(
                Transcript(text="write an email to alice saying the door code is 4711").event()
            )
            drafted = Handled.from_event(await next_event(client))
            assert drafted.text.endswith("Should I send it?")
            await client.write_event(Transcript(text="yes").event())
            answer = Handled.from_event(await next_event(client))
    finally:
        await server.stop()
        smtp.stop()
    if allow:
        assert answer.text == "Sent to Alice Smith." and len(inbox.messages) == 1
    else:
        assert answer.text == REFUSED and inbox.messages == []


@pytest.mark.parametrize("listed", [False, True])
async def test_a_wyoming_client_has_files_read_only_from_listed_folders(runtime, tmp_path, listed):
    """"summarize /etc/shadow" from a Wyoming client had been read out (the server ran as root): a file is
    read for a client only inside [wyoming] file_folders (none by default)."""
    (tmp_path / "notes.txt").write_text("The door code is 4711. The plumber comes on Friday at nine.")
    cfg = runtime.config.model_copy(deep=True)
    cfg.wyoming.file_folders = [str(tmp_path)] if listed else []
    services = Services(dataclasses.replace(runtime, config=cfg))
    port = free_port()
    server = await start_server(f"tcp://127.0.0.1:{port}", services)
    try:
        async with AsyncTcpClient("127.0.0.1", port) as client:
            await client.write_event(Transcript(text=f"summarize {tmp_path / 'notes.txt'}").event())
            answer = Handled.from_event(await next_event(client))
    finally:
        await server.stop()
    if listed:
        assert "4711" in answer.text
    else:
        assert answer.text.startswith("Sorry, I don't read files for a Wyoming client") and "4711" not in answer.text


def test_serve_binds_loopback_by_default():
    args = build_parser().parse_args(["serve"])
    assert args.uri.startswith("tcp://127.0.0.1:")
