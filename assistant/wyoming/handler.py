"""One Wyoming connection: describe, transcribe, synthesize (whole or streamed), detect, recognize,
handle, and run-pipeline for satellites. Home Assistant opens one connection per request; a satellite
keeps one open, so its dialogue (follow-up questions, timers) lives with the connection."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from wyoming.asr import Transcribe, Transcript
from wyoming.audio import AudioChunk, AudioStart, AudioStop
from wyoming.error import Error
from wyoming.event import Event
from wyoming.handle import Handled, NotHandled
from wyoming.info import Describe
from wyoming.intent import Entity, NotRecognized, Recognize
from wyoming.intent import Intent as WyIntent
from wyoming.ping import Ping, Pong
from wyoming.pipeline import PipelineStage, RunPipeline
from wyoming.server import AsyncEventHandler
from wyoming.tts import Synthesize, SynthesizeChunk, SynthesizeStart, SynthesizeStop, SynthesizeStopped
from wyoming.wake import Detect, Detection, NotDetected

from ..audio import FRAME_MS
from ..audio.wyoming_pcm import PcmConverter, Reframer, audio_events
from ..errors import UserError
from ..routing.intent import OTHER
from ..text import normalize, without_wake
from ..tts.output import chime
from ..tts.piper_tts import split_sentences
from .limits import EventTooLarge, read_event_bounded
from .services import Dialogue, Services

log = logging.getLogger(__name__)

DIDNT_CATCH = "Sorry, I didn't catch that."
TIMER_POLL_S = 0.25


class AssistantHandler(AsyncEventHandler):
    def __init__(self, services: Services, reader, writer):
        super().__init__(reader, writer)
        self.s = services
        self.mode: str | None = None  # what the next audio stream is for: asr, wake or pipeline
        self.converter: PcmConverter | None = None
        self.audio = bytearray()
        self.pipeline: RunPipeline | None = None
        self.wake_names: list[str] | None = None
        self.gate = None
        self.reframer = Reframer()
        self.frames = 0
        self.detected = False
        self.stream_text: str | None = None  # text of a synthesize-start .. synthesize-stop stream
        self.stream_started = False
        self._dialogue: Dialogue | None = None
        self._say = asyncio.Lock()  # a reply and a ringing timer never interleave their audio
        self._timers: asyncio.Task | None = None
        services.connected(+1)

    # -- dispatch ---------------------------------------------------------------------------------
    async def run(self) -> None:
        """The wyoming package's loop, with events read under [wyoming] max_event_bytes."""
        self._is_running = True
        try:
            while self._is_running:
                try:
                    event = await read_event_bounded(self.reader, self.s.config.wyoming.max_event_bytes)
                except EventTooLarge as exc:  # its bytes are still coming: the connection cannot go on
                    log.warning("closing a connection: %s", exc)
                    await self.write_event(Error(text=str(exc), code="EventTooLarge").event())
                    break
                if event is None or not await self.handle_event(event):
                    break
        finally:
            await self.disconnect()
            self.writer.close()

    async def handle_event(self, event: Event) -> bool:
        try:
            await self._dispatch(event)
        except (ConnectionError, asyncio.IncompleteReadError):
            return False
        except (UserError, RuntimeError, ValueError, KeyError) as exc:
            log.warning("%s failed: %s", event.type, exc)
            await self.write_event(Error(text=str(exc), code=type(exc).__name__).event())
        return True

    async def _dispatch(self, event: Event) -> None:
        t = event.type
        if Describe.is_type(t):
            await self.write_event(self.s.info().event())
        elif Ping.is_type(t):
            await self.write_event(Pong(text=Ping.from_event(event).text).event())
        elif Transcribe.is_type(t):
            self.mode = "asr"
        elif Detect.is_type(t):
            self.mode = "wake"
            self.wake_names = Detect.from_event(event).names
            self.gate = None
        elif RunPipeline.is_type(t):
            await self._run_pipeline(RunPipeline.from_event(event))
        elif AudioStart.is_type(t):
            self._audio_start(AudioStart.from_event(event))
        elif AudioChunk.is_type(t):
            await self._audio_chunk(AudioChunk.from_event(event))
        elif AudioStop.is_type(t):
            await self._audio_stop()
        elif Synthesize.is_type(t):
            if self.stream_text is None:  # inside a stream it only repeats the text for old servers
                await self._speak(Synthesize.from_event(event).text)
        elif SynthesizeStart.is_type(t):
            self.stream_text, self.stream_started = "", False
        elif SynthesizeChunk.is_type(t):
            await self._stream_chunk(SynthesizeChunk.from_event(event).text)
        elif SynthesizeStop.is_type(t):
            await self._stream_stop()
        elif Recognize.is_type(t):
            await self._recognize(Recognize.from_event(event))
        elif Transcript.is_type(t):  # a handle request: Home Assistant's conversation agent sends this
            await self._handle(Transcript.from_event(event))
        else:
            log.debug("ignoring %s", t)

    # -- audio in ---------------------------------------------------------------------------------
    def _audio_start(self, start: AudioStart) -> None:
        self.converter = PcmConverter.from_start(start)
        self.audio = bytearray()
        self.reframer = Reframer()
        self.frames = 0
        self.detected = False
        if self.mode == "wake":
            if self.gate is None:
                self.gate = self.s.wake_gate(self.wake_names)
            self.gate.reset()

    async def _audio_chunk(self, chunk: AudioChunk) -> None:
        if self.converter is None:  # audio-start is optional for some clients
            self._audio_start(AudioStart(chunk.rate, chunk.width, chunk.channels))
        assert self.converter is not None
        pcm = self.converter.convert(chunk.audio)
        if self.mode == "wake":
            await self._spot(pcm)
        elif self.mode in ("asr", "pipeline"):
            room = int(self.s.config.wyoming.max_audio_s * 16000) * 2 - len(self.audio)
            if len(pcm) > room:  # a stream that never stops is cut, not kept: memory stays bounded
                log.warning("audio stream longer than [wyoming] max_audio_s: the rest is dropped")
            self.audio.extend(pcm[: max(room, 0)])

    async def _spot(self, pcm: bytes) -> None:
        assert self.gate is not None
        for frame in self.reframer.push(pcm):
            self.frames += 1
            phrase = self.gate.accept(frame, self.frames * FRAME_MS / 1000)
            if phrase:
                self.detected = True
                await self.write_event(Detection(name=phrase, timestamp=self.frames * FRAME_MS).event())

    async def _audio_stop(self) -> None:
        if self.converter is not None:
            tail = self.converter.flush()
            if self.mode in ("asr", "pipeline"):
                self.audio.extend(tail)
        self.converter = None
        mode, self.mode = self.mode, None
        if mode == "asr":
            text = await self.s.transcribe(bytes(self.audio))
            await self.write_event(Transcript(text=text, language=self.s.config.asr.language).event())
        elif mode == "wake":
            if not self.detected:
                await self.write_event(NotDetected().event())
        elif mode == "pipeline":
            await self._pipeline_turn()

    # -- text in ----------------------------------------------------------------------------------
    async def _recognize(self, req: Recognize) -> None:
        intent = await self.s.route(req.text)
        if intent.name == OTHER:
            await self.write_event(NotRecognized(text=req.text, context=req.context).event())
            return
        entities = [Entity(name=k, value=v) for k, v in intent.args.items()]
        await self.write_event(WyIntent(intent.name, entities, req.text, req.context).event())

    async def _handle(self, req: Transcript) -> None:
        context = dict(req.context or {})
        dialogue = self.s.dialogue_for(context.get("conversation_id"), self.dialogue)
        turn = await self.s.respond(dialogue, req.text)
        context["continue_conversation"] = turn.expects_reply
        if turn.intent.name == OTHER:
            await self.write_event(NotHandled(text=turn.reply.text, context=context).event())
        else:
            await self.write_event(Handled(text=turn.reply.text, context=context).event())

    def dialogue(self) -> Dialogue:
        if self._dialogue is None:
            self._dialogue = self.s.new_dialogue()
        return self._dialogue

    # -- satellites -------------------------------------------------------------------------------
    async def _run_pipeline(self, run: RunPipeline) -> None:
        if run.start_stage == PipelineStage.TTS:
            await self._speak(run.announce_text or "", announce=True)
            return
        if run.start_stage != PipelineStage.ASR:
            raise ValueError(
                f"pipelines starting at {run.start_stage.value} are not served; satellites spot the wake "
                "word themselves and start at asr"
            )
        self.pipeline = run
        self.mode = "pipeline"
        if self._timers is None:  # a satellite stays connected: its timers ring through it
            self._timers = asyncio.create_task(self._ring_timers())

    async def _pipeline_turn(self) -> None:
        run = self.pipeline
        assert run is not None
        raw = await self.s.transcribe(bytes(self.audio))
        text = self._strip_wake(raw, run.wake_word_name)
        await self.write_event(Transcript(text=text, language=self.s.config.asr.language).event())
        if run.end_stage == PipelineStage.ASR:
            return
        if not text:
            await self.write_event(NotHandled(text=DIDNT_CATCH).event())
            if run.end_stage == PipelineStage.TTS:
                await self._speak(DIDNT_CATCH, announce=True)
            return
        turn = await self.s.respond(self.dialogue(), text)
        entities = [Entity(name=k, value=v) for k, v in turn.intent.args.items()]
        await self.write_event(WyIntent(turn.intent.name, entities, text).event())
        if run.end_stage == PipelineStage.INTENT:
            return
        context = {"continue_conversation": turn.expects_reply}
        done = NotHandled if turn.intent.name == OTHER else Handled
        await self.write_event(done(text=turn.reply.text, context=context).event())
        if run.end_stage == PipelineStage.TTS:
            await self._speak(turn.reply.text, announce=True)

    def _strip_wake(self, text: str, wake_word: str | None) -> str:
        """The wake phrase (or its tail) heard at the start of the command is not part of it."""
        return without_wake([normalize(p) for p in (*self.s.config.wake.phrases, wake_word or "")], text)

    async def _ring_timers(self) -> None:
        dialogue = self.dialogue()
        with contextlib.suppress(ConnectionError, asyncio.CancelledError):
            while self._is_running:
                for due in dialogue.scheduler.pop_due(self.s.clock()):
                    log.info("timer %s rings", due.key)
                    await self._speak(due.text, prefix_chime=due.sound, announce=True)
                await asyncio.sleep(TIMER_POLL_S)

    async def disconnect(self) -> None:
        self.s.connected(-1)
        if self._timers is not None:
            self._timers.cancel()
        if self._dialogue is not None:
            self._dialogue.conversation.close()

    # -- speech out -------------------------------------------------------------------------------
    async def _speak(self, text: str, prefix_chime: bool = False, announce: bool = False) -> None:
        """audio-start, one sentence's chunks as soon as it is ready, audio-stop. A satellite is first
        told the text (`synthesize`), as Home Assistant tells its satellites."""
        tts = self.s.rt.tts
        if tts is None:
            raise RuntimeError("this server was started without text to speech")
        async with self._say:
            if announce:
                await self.write_event(Synthesize(text=text).event())
            await self.write_event(AudioStart(rate=tts.sample_rate, width=2, channels=1).event())
            if prefix_chime:
                for ev in audio_events(chime(tts.sample_rate).pcm, tts.sample_rate, False, False):
                    await self.write_event(ev)
            await self._sentences(split_sentences(text))
            await self.write_event(AudioStop().event())

    async def _sentences(self, sentences: list[str]) -> None:
        for sentence in sentences:
            for chunk in await self.s.synthesize_sentence(sentence):
                for ev in audio_events(chunk.pcm, chunk.rate, start=False, stop=False):
                    await self.write_event(ev)

    async def _stream_chunk(self, text: str) -> None:
        """Streamed text: speak each sentence once the next one has begun."""
        if self.stream_text is None:
            raise ValueError("synthesize-chunk without synthesize-start")
        self.stream_text += text
        sentences = split_sentences(self.stream_text)
        if len(sentences) > 1:
            await self._stream_audio_start()
            await self._sentences(sentences[:-1])
            self.stream_text = sentences[-1]

    async def _stream_stop(self) -> None:
        if self.stream_text is None:
            raise ValueError("synthesize-stop without synthesize-start")
        rest, self.stream_text = self.stream_text, None
        await self._stream_audio_start()
        await self._sentences(split_sentences(rest))
        await self.write_event(AudioStop().event())
        await self.write_event(SynthesizeStopped().event())
        self.stream_started = False

    async def _stream_audio_start(self) -> None:
        if not self.stream_started:
            assert self.s.rt.tts is not None
            await self.write_event(AudioStart(rate=self.s.rt.tts.sample_rate, width=2, channels=1).event())
            self.stream_started = True


def handler_factory(services: Services):
    def make(reader, writer) -> AssistantHandler:
        return AssistantHandler(services, reader, writer)

    return make


def describe_info(info) -> dict[str, Any]:
    """The advertised services in brief, for logs."""
    return {k: [p.name for p in getattr(info, k)] for k in ("asr", "tts", "wake", "intent", "handle")}
