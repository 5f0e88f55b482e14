"""`assistant satellite`: a small machine with a microphone and a speaker. It spots the wake word and
finds the end of the command itself (pocketsphinx + webrtcvad, no big models), streams the command to an
`assistant serve` over Wyoming (run-pipeline asr -> tts), and plays the spoken reply.

The server may go away at any moment: a turn in flight ends with an error event, the satellite goes back
to listening for the wake word, and a background task reconnects (with backoff) until the server is back.
Only the audio edges differ between a Pi and a test: frames come from a MicrophoneSource or a WAV file.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections import deque
from collections.abc import Callable, Iterable
from typing import Any

from wyoming.asr import Transcript
from wyoming.audio import AudioChunk, AudioStart, AudioStop
from wyoming.client import AsyncClient
from wyoming.error import Error
from wyoming.event import Event as WyEvent
from wyoming.handle import Handled, NotHandled
from wyoming.intent import Intent as WyIntent
from wyoming.pipeline import PipelineStage, RunPipeline
from wyoming.tts import Synthesize

from ..audio import SAMPLE_RATE
from ..audio.sources import AudioFrame
from ..audio.wyoming_pcm import chunk_to_int16
from ..config import Config
from ..events import Event
from ..listen.spotters import make_spotter
from ..listen.vad import Endpointer, VadSettings
from ..listen.wake import WakeGate
from ..pipeline.clock import ECHO_TAIL_S, Clock
from ..tts.output import NullOutput
from ..tts.piper_tts import SpeechChunk

log = logging.getLogger(__name__)

PRE_ROLL_FRAMES = 10  # 300 ms before VAD says "speech" go to the server too: the first word stays whole
CONNECT_TIMEOUT_S = 3.0
REPLY_TIMEOUT_S = 120.0  # a server that accepted the command but never answers counts as gone
RETRY_S = (0.2, 0.5, 1.0, 2.0, 5.0)  # reconnect backoff


class FileClock:
    """A file played as the microphone has only its own clock: the reply is taken to start when the
    command ends, however long the server took, so a scripted run is the same on any machine."""

    def __init__(self):
        self._t = 0.0

    def on_frame(self, t: float) -> None:
        self._t = max(self._t, t)

    def now(self) -> float:
        return self._t


def satellite_wake_gate(config: Config) -> WakeGate:
    v = config.vad
    spotter = make_spotter(config)
    endpointer = Endpointer(VadSettings(v.aggressiveness, v.end_silence_ms, v.max_utterance_s))
    return WakeGate(spotter, endpointer, config.wake.refractory_s)


class ServerLost(Exception):
    pass


class Satellite:
    def __init__(
        self,
        server_uri: str,
        config: Config,
        emit: Callable[[Event], None] | None = None,
        output: Any = None,
        name: str = "satellite",
    ):
        self.uri = server_uri
        self.cfg = config
        self.name = name
        self._emit_cb = emit or (lambda e: log.info("%s %s", name, e.to_json()))
        self.output = output or NullOutput()
        self.gate = satellite_wake_gate(config)
        v = config.vad
        self.endpointer = Endpointer(VadSettings(v.aggressiveness, v.end_silence_ms, v.max_utterance_s))
        self.clock: Clock | FileClock = FileClock()
        self.busy_until = -1.0
        self.turns = 0
        self.lost = 0  # turns cut short because the server went away
        self.connects = 0
        self._client: AsyncClient | None = None
        self._connected = asyncio.Event()
        self._disconnected = asyncio.Event()
        self._disconnected.set()
        self._reader: asyncio.Task | None = None
        self._turn: asyncio.Future | None = None
        self._reply: dict[str, Any] = {}
        self._play_first: float | None = None
        self._play_total = 0.0
        self._play_text = ""

    def emit(self, type_: str, t: float | None = None, **kw: Any) -> None:
        self._emit_cb(Event(type=type_, t=self.clock.now() if t is None else t, **kw))  # type: ignore[arg-type]

    # -- connection -------------------------------------------------------------------------------
    async def _connect_once(self) -> bool:
        client = AsyncClient.from_uri(self.uri, connect_timeout=CONNECT_TIMEOUT_S)
        try:
            await client.connect()
        except (TimeoutError, OSError) as exc:
            log.debug("%s: cannot reach %s: %s", self.name, self.uri, exc)
            return False
        self._client = client
        self.connects += 1
        self._disconnected.clear()
        self._connected.set()
        self._reader = asyncio.create_task(self._read_events(client))
        log.info("%s: connected to %s", self.name, self.uri)
        return True

    async def _keep_connected(self) -> None:
        """Reconnect whenever the server is gone, backing off while it stays away."""
        attempt = 0
        while True:
            if self._client is not None:
                await self._disconnected.wait()
                attempt = 0
                continue
            if await self._connect_once():
                continue
            await asyncio.sleep(RETRY_S[min(attempt, len(RETRY_S) - 1)])
            attempt += 1

    def _lose(self, why: str) -> None:
        if self._client is None:
            return
        log.warning("%s: lost the server %s (%s)", self.name, self.uri, why)
        client, self._client = self._client, None
        self._connected.clear()
        self._disconnected.set()
        with contextlib.suppress(Exception):
            assert client._writer is not None
            client._writer.close()
        if self._turn is not None and not self._turn.done():
            self._turn.set_exception(ServerLost(why))

    async def _send(self, event: WyEvent) -> None:
        client = self._client
        if client is None:
            raise ServerLost("not connected")
        try:
            await client.write_event(event)
        except (ConnectionError, OSError, RuntimeError) as exc:
            self._lose(f"{type(exc).__name__}: {exc}")
            raise ServerLost(str(exc)) from None

    async def _read_events(self, client: AsyncClient) -> None:
        try:
            while True:
                event = await client.read_event()
                if event is None:
                    break
                await self._on_server_event(event)
        except (ConnectionError, OSError, asyncio.IncompleteReadError) as exc:
            if self._client is client:
                self._lose(f"{type(exc).__name__}: {exc}")
            return
        if self._client is client:
            self._lose("connection closed")

    # -- what the server says ---------------------------------------------------------------------
    async def _on_server_event(self, event: WyEvent) -> None:
        t = event.type
        if Transcript.is_type(t):
            self.emit("asr_final", text=Transcript.from_event(event).text)
        elif WyIntent.is_type(t):
            intent = WyIntent.from_event(event)
            self.emit("intent", intent=intent.name, args={e.name: e.value for e in intent.entities})
        elif Handled.is_type(t) or NotHandled.is_type(t):
            reply = Handled.from_event(event) if Handled.is_type(t) else NotHandled.from_event(event)
            self._reply = {"text": reply.text or "", **(reply.context or {})}
            self.emit("reply", text=reply.text or "", data={"handled": Handled.is_type(t)})
        elif Synthesize.is_type(t):
            self._play_text = Synthesize.from_event(event).text
            if self._turn is None:  # nobody asked: a timer rings, or the server announces something
                self.emit("reply", text=self._play_text, data={"announcement": True})
        elif AudioStart.is_type(t):
            self._play_first, self._play_total = None, 0.0
        elif AudioChunk.is_type(t):
            chunk = AudioChunk.from_event(event)
            if self._play_first is None:
                self._play_first = self.clock.now()
                self.emit("tts_first_audio", self._play_first)
            pcm = chunk_to_int16(chunk)
            self._play_total += len(pcm) / chunk.rate
            self.output.play(SpeechChunk(pcm, chunk.rate, self._play_text))
        elif AudioStop.is_type(t):
            path = await asyncio.to_thread(self.output.end_reply)
            end = self.clock.now()
            if not self.output.realtime and self._play_first is not None:
                end = max(end, self._play_first + self._play_total)
            self.busy_until = max(self.busy_until, end + ECHO_TAIL_S)
            self.emit(
                "tts_end",
                end,
                data={"audio_s": round(self._play_total, 3), **({"wav": str(path)} if path else {})},
            )
            if self._turn is not None and not self._turn.done() and self._reply:
                self._turn.set_result(self._reply)
        elif Error.is_type(t):
            err = Error.from_event(event)
            self.emit("error", text=f"server: {err.text}")
            if self._turn is not None and not self._turn.done():
                self._turn.set_result({"text": "", "error": err.text})

    # -- the microphone side ----------------------------------------------------------------------
    async def run(self, frames: Iterable[AudioFrame], live: bool = False) -> None:
        """Listen until the frames end (a WAV file) or forever (a microphone: live=True, so the time
        spent waiting for and playing a reply counts, and what the microphone heard meanwhile is
        dropped as our own voice)."""
        self.clock = Clock() if live else FileClock()
        queue: asyncio.Queue = asyncio.Queue(maxsize=1)
        loop = asyncio.get_running_loop()
        stop = threading.Event()
        pump = threading.Thread(target=_pump, args=(frames, loop, queue, stop), daemon=True)
        keeper = asyncio.create_task(self._keep_connected())
        pump.start()
        try:
            await self._listen(queue)
        finally:
            stop.set()
            keeper.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await keeper
            if self._client is not None:
                client, self._client = self._client, None
                with contextlib.suppress(Exception):
                    await client.disconnect()
            if self._reader is not None:
                self._reader.cancel()

    async def _next(self, queue: asyncio.Queue) -> AudioFrame | None:
        item = await queue.get()
        if isinstance(item, BaseException):
            raise item
        return item

    async def _listen(self, queue: asyncio.Queue) -> None:
        follow_up = False
        while True:
            frame = await self._next(queue)
            if frame is None:
                return
            self.clock.on_frame(frame.t)
            if frame.t < self.busy_until:
                continue  # our own voice from the speaker
            if not follow_up:
                phrase = self.gate.accept(frame.pcm, frame.t)
                if not phrase:
                    continue
                self.emit("wake", frame.t, text=phrase)
            else:
                phrase = None
            reply = await self._command(queue, frame.t, phrase)
            follow_up = bool(reply and reply.get("continue_conversation"))
            self.gate.reset()

    async def _command(self, queue: asyncio.Queue, since: float, phrase: str | None) -> dict | None:
        """From the wake word to the reply: wait for speech, stream it, play what comes back."""
        self.endpointer.reset()
        pre: deque[bytes] = deque(maxlen=PRE_ROLL_FRAMES)
        timeout = self.cfg.vad.no_speech_timeout_s
        while True:  # wait for the speaker to start
            frame = await self._next(queue)
            if frame is None:
                return None
            self.clock.on_frame(frame.t)
            pre.append(frame.pcm)
            if self.endpointer.process(frame.pcm) == "start":
                self.emit("vad_start", frame.t)
                break
            if frame.t - since >= timeout:
                self.emit("listen_timeout", frame.t, data={"waited_s": round(frame.t - since, 2)})
                return None
        self.turns += 1
        try:
            if self._client is None and not await self._connect_once():
                self.lost += 1
                self.emit(
                    "error",
                    text=f"cannot reach the server at {self.uri}; retrying in the background",
                    data={"lost": True, "unreachable": True},
                )
                return None
            loop = asyncio.get_running_loop()
            self._turn, self._reply = loop.create_future(), {}
            run = RunPipeline(PipelineStage.ASR, PipelineStage.TTS, wake_word_name=phrase)
            await self._send(run.event())
            await self._send(AudioStart(rate=SAMPLE_RATE, width=2, channels=1).event())
            for pcm in pre:
                await self._send(AudioChunk(rate=SAMPLE_RATE, width=2, channels=1, audio=pcm).event())
            reason = "end_of_input"
            while True:  # stream until the speaker stops
                frame = await self._next(queue)
                if frame is None:
                    break
                self.clock.on_frame(frame.t)
                await self._send(AudioChunk(rate=SAMPLE_RATE, width=2, channels=1, audio=frame.pcm).event())
                change = self.endpointer.process(frame.pcm)
                if change in ("end", "max_length"):
                    reason = change
                    break
            self.emit("vad_end", data={"reason": reason})
            await self._send(AudioStop().event())
            return await asyncio.wait_for(self._turn, REPLY_TIMEOUT_S)
        except (TimeoutError, ServerLost) as exc:
            self.lost += 1
            why = str(exc) or "no reply"
            self.emit(
                "error", text=f"the server went away mid-turn ({why}); reconnecting", data={"lost": True}
            )
            if isinstance(exc, TimeoutError):
                self._lose("no reply")
            return None
        finally:
            self._turn = None


def _pump(
    frames: Iterable[AudioFrame], loop: asyncio.AbstractEventLoop, queue: asyncio.Queue, stop: threading.Event
) -> None:
    """Moves frames from a blocking source (microphone, file) into the event loop, one at a time, so a
    file plays exactly as fast as the satellite listens to it."""
    item: Any = None
    try:
        for frame in frames:
            if stop.is_set():
                return
            asyncio.run_coroutine_threadsafe(queue.put(frame), loop).result()
    except BaseException as exc:  # a microphone that stopped: hand the error to the listener
        item = exc
    with contextlib.suppress(RuntimeError):  # the loop already closed
        asyncio.run_coroutine_threadsafe(queue.put(item), loop).result()
