"""The assistant over the Wyoming protocol, on loopback: the `wyoming` package's own clients against our
server, satellites that play WAV files as their microphone (only the hardware edge is faked), two
satellites at once, and a server that goes away in the middle of a turn."""

from __future__ import annotations

import asyncio

import numpy as np
import pytest
from wyoming.asr import Transcribe, Transcript
from wyoming.audio import AudioChunk, AudioStart, AudioStop
from wyoming.client import AsyncTcpClient
from wyoming.event import Event as WyEvent
from wyoming.info import Describe, Info
from wyoming.intent import Intent, NotRecognized, Recognize
from wyoming.tts import Synthesize, SynthesizeChunk, SynthesizeStart, SynthesizeStop, SynthesizeStopped
from wyoming.wake import Detect, Detection, NotDetected

from assistant.audio.sources import WavSource, read_wav, to_pcm16
from assistant.audio.wyoming_pcm import PcmConverter
from assistant.bench.wyoming_peers import free_port
from assistant.tts.output import WavOutput
from assistant.wyoming.satellite import Satellite
from assistant.wyoming.server import start_server
from assistant.wyoming.services import Services
from tests.conftest import heard_the_clock


@pytest.fixture(scope="module")
def services(runtime):
    return Services(runtime)


async def read_until(client: AsyncTcpClient, *types: str) -> list[WyEvent]:
    """Every event up to and including the first of `types`."""
    events = []
    while True:
        event = await asyncio.wait_for(client.read_event(), 120)
        assert event is not None, "the server closed the connection"
        events.append(event)
        if event.type in types:
            return events


def audio_of(events: list[WyEvent]) -> np.ndarray:
    return np.frombuffer(b"".join(e.payload or b"" for e in events if AudioChunk.is_type(e.type)), np.int16)


async def send_audio(client: AsyncTcpClient, pcm: np.ndarray, rate: int, step: int = 2048) -> None:
    data = pcm.astype(np.int16).tobytes()
    await client.write_event(AudioStart(rate, 2, 1).event())
    for i in range(0, len(data), step):
        await client.write_event(AudioChunk(rate, 2, 1, data[i : i + step]).event())
    await client.write_event(AudioStop().event())


# -- the services, through the wyoming package's client -------------------------------------------------
async def test_describe_synthesize_and_transcribe(services, runtime):
    port = free_port()
    server = await start_server(f"tcp://127.0.0.1:{port}", services)
    try:
        async with AsyncTcpClient("127.0.0.1", port) as client:
            await client.write_event(Describe().event())
            info = Info.from_event((await read_until(client, "info"))[-1])
            assert [p.name for p in info.asr] == ["assistant-asr"]
            assert info.tts[0].voices[0].name == "en_US-joe-medium"
            assert info.tts[0].supports_synthesize_streaming
            assert [m.phrase for m in info.wake[0].models] == ["hey computer"]
            assert info.intent and info.handle

            text = "Hello there. How are you today?"
            await client.write_event(Synthesize(text=text).event())
            events = await read_until(client, "audio-stop")
            start = AudioStart.from_event(next(e for e in events if AudioStart.is_type(e.type)))
            assert (start.rate, start.width, start.channels) == (22050, 2, 1)
            spoken = audio_of(events)
            # the same samples the local engine makes (deterministic Piper), sentence after sentence
            assert np.array_equal(spoken, runtime.tts.synthesize_all(text))

            # the reply goes back in at Piper's 22,050 Hz: the server resamples it for the ASR
            await client.write_event(Transcribe(language="en").event())
            await send_audio(client, spoken, 22050)
            transcript = Transcript.from_event((await read_until(client, "transcript"))[-1])
            assert transcript.text == "hello there how are you today"
    finally:
        await server.stop()


async def test_streamed_synthesis_matches_whole(services, runtime):
    port = free_port()
    server = await start_server(f"tcp://127.0.0.1:{port}", services)
    try:
        async with AsyncTcpClient("127.0.0.1", port) as client:
            await client.write_event(SynthesizeStart().event())
            for piece in ["Okay. The ti", "mer is set", " for ten minutes."]:
                await client.write_event(SynthesizeChunk(text=piece).event())
            # Home Assistant repeats the whole text for servers that do not stream: it must be ignored
            await client.write_event(Synthesize(text="Okay. The timer is set for ten minutes.").event())
            await client.write_event(SynthesizeStop().event())
            events = await read_until(client, SynthesizeStopped().event().type)
            assert [e.type for e in events].count("audio-stop") == 1
            whole = runtime.tts.synthesize_all("Okay. The timer is set for ten minutes.")
            assert np.array_equal(audio_of(events), whole)
    finally:
        await server.stop()


async def test_wake_recognize_and_handle(services, piper):
    port = free_port()
    server = await start_server(f"tcp://127.0.0.1:{port}", services)
    silence = np.zeros(16000, np.int16)
    try:
        async with AsyncTcpClient("127.0.0.1", port) as client:
            # wake word at 48 kHz stereo, as a USB microphone might send it
            mono = np.concatenate([silence, piper("Hey computer."), silence]).astype(np.float32) / 32768
            hi = to_pcm16(mono, 16000, 48000)
            stereo = np.stack([hi, hi], axis=1).reshape(-1)
            await client.write_event(Detect(names=["hey computer"]).event())
            data = stereo.tobytes()
            await client.write_event(AudioStart(48000, 2, 2).event())
            for i in range(0, len(data), 4096):
                await client.write_event(AudioChunk(48000, 2, 2, data[i : i + 4096]).event())
            await client.write_event(AudioStop().event())
            detection = Detection.from_event((await read_until(client, "detection"))[-1])
            assert detection.name == "hey computer"

            await client.write_event(Detect().event())
            await send_audio(client, np.concatenate([silence, piper("What time is it?"), silence]), 16000)
            assert NotDetected.is_type((await read_until(client, "not-detected", "detection"))[-1].type)

            await client.write_event(Recognize(text="set a timer for ten minutes").event())
            intent = Intent.from_event((await read_until(client, "intent", "not-recognized"))[-1])
            assert intent.name == "set_timer"
            assert {e.name: e.value for e in intent.entities} == {
                "action": "set",
                "duration": 10,
                "unit": "minutes",
            }
            await client.write_event(Recognize(text="paint the fence green").event())
            assert NotRecognized.is_type((await read_until(client, "intent", "not-recognized"))[-1].type)

            # Home Assistant's conversation agent: a transcript in, handled out; one connection per request,
            # the conversation id carries the follow-up question across them
            ctx = {"conversation_id": "kitchen-1"}
            await client.write_event(Transcript(text="set a timer", context=ctx).event())
            asked = (await read_until(client, "handled", "not-handled"))[-1]
            assert asked.data["text"] == "For how long?"
            assert asked.data["context"]["continue_conversation"] is True
        async with AsyncTcpClient("127.0.0.1", port) as client:
            await client.write_event(Transcript(text="five minutes", context=ctx).event())
            done = (await read_until(client, "handled", "not-handled"))[-1]
            assert done.type == "handled"
            assert done.data["text"] == "Timer set for 5 minutes."
    finally:
        await server.stop()


def test_converter_resamples_and_mixes_down():
    # one second of a 440 Hz tone at 44.1 kHz stereo, fed in odd-sized chunks
    t = np.arange(44100) / 44100
    tone = (np.sin(2 * np.pi * 440 * t) * 12000).astype(np.int16)
    data = np.stack([tone, tone], axis=1).tobytes()
    conv = PcmConverter(44100, 2, 2)
    out = b"".join(conv.convert(data[i : i + 1000]) for i in range(0, len(data), 1000)) + conv.flush()
    pcm = np.frombuffer(out, np.int16)
    assert abs(len(pcm) - 16000) <= 2
    spectrum = np.abs(np.fft.rfft(pcm[1000:15000]))
    assert abs(np.argmax(spectrum) * 16000 / 14000 - 440) < 3


# -- satellites ---------------------------------------------------------------------------------------
def turn_wav(make_wav, piper, *commands: str, name: str | None = None, gap: float = 4.0):
    """Commands spoken after "Hey computer." (a command starting with '+' is a follow-up: no wake word)."""
    parts: list = [1.0]
    for c in commands:
        if c.startswith("+"):
            parts += [piper(c[1:]), gap]
        else:
            parts += [piper("Hey computer."), 0.5, piper(c), gap]
    return make_wav(*parts, name=name)


def of(events, type_):
    return [e for e in events if e.type == type_]


async def test_satellite_turn_end_to_end(services, runtime, piper, make_wav, tmp_path):
    port = free_port()
    server = await start_server(f"tcp://127.0.0.1:{port}", services)
    wav = turn_wav(make_wav, piper, "What time is it?", "Set a timer.", "+Five minutes.")
    events = []
    out = WavOutput(tmp_path / "replies")
    satellite = Satellite(f"tcp://127.0.0.1:{port}", runtime.config, events.append, out)
    try:
        await satellite.run(WavSource(wav).frames())
    finally:
        await server.stop()
    seq = [e.type for e in events]
    first = seq.index("wake")
    assert seq[first : first + 8] == [
        "wake",
        "vad_start",
        "vad_end",
        "asr_final",
        "intent",
        "reply",
        "tts_first_audio",
        "tts_end",
    ]
    heard = [e.text for e in of(events, "asr_final")]
    assert heard[:2] == ["what time is it", "set a timer"] and heard[2] in ("5 minutes", "five minutes")
    assert [(e.intent, e.args) for e in of(events, "intent")][1:] == [
        ("set_timer", {"action": "set"}),
        ("set_timer", {"action": "set", "duration": 5, "unit": "minutes"}),
    ]
    # the follow-up answer needed no wake word: the server said it expects a reply
    assert len(of(events, "wake")) == 2
    assert [e.text for e in of(events, "reply")][1:] == ["For how long?", "Timer set for 5 minutes."]
    # the reply played on the satellite is the spoken answer
    assert len(out.written) == 3
    heard = runtime.asr.transcribe(read_wav(out.written[0]).tobytes())
    said = [e.text for e in of(events, "reply")][0]  # "It's 6:06 PM.", "It's noon."
    assert heard_the_clock(said, heard), (said, heard)
    assert satellite.lost == 0 and satellite.connects == 1


async def test_two_satellites_at_once(runtime, piper, make_wav, tmp_path):
    services = Services(runtime)  # its own connection counts
    port = free_port()
    server = await start_server(f"tcp://127.0.0.1:{port}", services)
    uri = f"tcp://127.0.0.1:{port}"
    kitchen_wav = turn_wav(make_wav, piper, "Set a timer.", "+Ten minutes.", name="kitchen.wav")
    hall_wav = turn_wav(make_wav, piper, "What time is it?", "What day is it?", name="hall.wav")
    kitchen, hall = [], []
    sat_k = Satellite(uri, runtime.config, kitchen.append, WavOutput(tmp_path / "kitchen"), "kitchen")
    sat_h = Satellite(uri, runtime.config, hall.append, WavOutput(tmp_path / "hall"), "hall")
    try:
        await asyncio.gather(
            sat_k.run(WavSource(kitchen_wav).frames()), sat_h.run(WavSource(hall_wav).frames())
        )
    finally:
        await server.stop()
    assert services.peak_connections >= 2
    # each satellite has its own dialogue: the hall's questions do not answer the kitchen's "For how long?"
    assert [(e.intent, e.args) for e in of(kitchen, "intent")] == [
        ("set_timer", {"action": "set"}),
        ("set_timer", {"action": "set", "duration": 10, "unit": "minutes"}),
    ]
    assert [e.args for e in of(hall, "intent")] == [{"what": "time"}, {"what": "day"}]
    assert [e.text for e in of(kitchen, "reply")] == ["For how long?", "Timer set for 10 minutes."]
    assert len(sat_k.output.written) == 2 and len(sat_h.output.written) == 2


@pytest.mark.parametrize("drop_at", ["vad_start", "vad_end"])
async def test_server_drops_mid_turn(services, runtime, piper, make_wav, tmp_path, drop_at):
    """The server goes away while the command streams (vad_start) or while it is thinking (vad_end);
    the satellite reports it, keeps listening, reconnects once the server is back, and the next command
    is answered."""
    port = free_port()
    uri = f"tcp://127.0.0.1:{port}"
    servers = [await start_server(uri, services)]
    tasks = []

    def hook(event):
        events.append(event)
        if event.type == drop_at and not tasks:
            tasks.append(asyncio.get_running_loop().create_task(servers[0].stop()))
        if event.type == "error" and len(tasks) == 1:

            async def restart():
                servers.append(await start_server(uri, services))

            tasks.append(asyncio.get_running_loop().create_task(restart()))

    events = []
    wav = turn_wav(make_wav, piper, "What time is it?", "What day is it?", gap=5.0)
    satellite = Satellite(uri, runtime.config, hook, WavOutput(tmp_path / "replies"))
    try:
        await satellite.run(WavSource(wav).frames())
    finally:
        await asyncio.gather(*tasks)
        await servers[-1].stop()
    errors = of(events, "error")
    assert len(errors) == 1 and errors[0].data["lost"]
    assert satellite.lost == 1 and satellite.connects == 2
    # the command after the drop was heard and answered by the restarted server
    assert of(events, "intent")[-1].args == {"what": "day"}
    assert of(events, "reply")[-1].text.startswith("It's ")
    assert len(satellite.output.written) == 1
    order = [e.type for e in events]
    assert order.index("error") < order.index("tts_end")


async def test_timer_rings_on_the_satellite(services, runtime, piper, make_wav, tmp_path):
    """A timer set through a satellite rings there: the server pushes the chime and the words."""
    import threading
    import time

    from assistant.audio import FRAME_MS, FRAME_SAMPLES

    port = free_port()
    server = await start_server(f"tcp://127.0.0.1:{port}", services)
    rang = threading.Event()
    events = []

    def hook(event):
        events.append(event)
        if event.type == "tts_end" and any(e.data.get("announcement") for e in events):
            rang.set()  # the ring has played to its end

    def microphone():
        """The command, then a quiet room in real time (the hardware edge) until the timer has rung."""
        from assistant.audio.sources import AudioFrame

        yield from WavSource(make_wav(1.0, piper("Hey computer, set a timer for one second."), 1.0)).frames()
        n = 0
        silence = bytes(FRAME_SAMPLES * 2)
        while not rang.is_set() and n < 2000:  # 60 s at most, if the timer never rings
            n += 1
            time.sleep(FRAME_MS / 1000)
            yield AudioFrame(silence, 100 + n * FRAME_MS / 1000)

    satellite = Satellite(f"tcp://127.0.0.1:{port}", runtime.config, hook, WavOutput(tmp_path / "replies"))
    try:
        await satellite.run(microphone())
    finally:
        await server.stop()
    assert rang.is_set()
    assert [e.text for e in of(events, "reply")] == [
        "Timer set for 1 second.",
        "Your 1 second timer is done.",
    ]
    assert len(satellite.output.written) == 2
