"""What the Wyoming server shares between connections: the runtime's models (loaded once) and one lock
per model, because the engines keep per-model state (pocketsphinx has one decoder, the LLM one context).

Every call into a model runs in a worker thread so one satellite's transcription never stalls another
satellite's audio stream; the locks make the workers take turns on each model.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wyoming.info import (
    AsrModel,
    AsrProgram,
    Attribution,
    HandleModel,
    HandleProgram,
    Info,
    IntentModel,
    IntentProgram,
    TtsProgram,
    TtsVoice,
    WakeModel,
    WakeProgram,
)

from ..dialogue.conversation import Conversation
from ..dialogue.turn import Turn
from ..routing.intent import Intent
from ..runtime import Runtime
from ..scheduler import Scheduler
from ..skill_api import SkillContext
from ..text import normalize
from ..tts.piper_tts import SpeechChunk

log = logging.getLogger(__name__)

ATTRIBUTION = Attribution(name="assistant", url="https://github.com/rhasspy/wyoming")
VERSION = "0.1.0"
MAX_CONVERSATIONS = 64  # Home Assistant conversation ids kept for follow-up questions


@dataclass
class Dialogue:
    """One conversation: its state across turns and the timers its skills set."""

    conversation: Conversation
    scheduler: Scheduler
    skill_state: dict[str, dict] = field(default_factory=dict)


# what a Wyoming client hears when a yes would make a skill act ([wyoming] allow_side_effects is off)
REFUSED = (
    "Sorry, I don't do that for a Wyoming client: nothing was sent or changed. To allow it, set "
    "allow_side_effects = true in the [wyoming] section of the server's config."
)


class Services:
    def __init__(self, runtime: Runtime):
        self.rt = runtime
        self.config = runtime.config
        self.asr_lock = threading.Lock()
        self.tts_lock = threading.Lock()
        self.brain_lock = threading.Lock()
        self._t0 = time.monotonic()
        self.connections = 0  # open right now, and the most at once (satellites stay connected)
        self.peak_connections = 0
        # Home Assistant opens a connection per request: its conversation_id keeps the dialogue going
        self._by_id: OrderedDict[str, Dialogue] = OrderedDict()

    def connected(self, delta: int) -> None:
        self.connections += delta
        self.peak_connections = max(self.peak_connections, self.connections)
        log.info("%s a client: %d connected", "accepted" if delta > 0 else "lost", self.connections)

    # -- clock and dialogue ---------------------------------------------------------------------
    def clock(self) -> float:
        return time.monotonic() - self._t0

    def new_dialogue(self) -> Dialogue:
        scheduler = Scheduler()
        state: dict[str, dict] = {}

        def context(skill: str) -> SkillContext:
            folders = [Path(f).expanduser() for f in self.config.wyoming.file_folders]
            return SkillContext(
                self.config, self.clock, scheduler, skill, state.setdefault(skill, {}), self.rt.llm_load,
                readable_folders=folders,
            )

        refuse = None if self.config.wyoming.allow_side_effects else REFUSED
        conv = Conversation(self.rt.skills, self.rt.router, context, self.config.skills.timeout_s, refuse)
        return Dialogue(conv, scheduler, state)

    def dialogue_for(self, conversation_id: str | None, fallback: Callable[[], Dialogue]) -> Dialogue:
        if not conversation_id:
            return fallback()
        d = self._by_id.get(conversation_id)
        if d is None:
            d = self._by_id[conversation_id] = self.new_dialogue()
            while len(self._by_id) > MAX_CONVERSATIONS:
                self._by_id.popitem(last=False)[1].conversation.close()
        self._by_id.move_to_end(conversation_id)
        return d

    # -- blocking model calls, each under its model's lock ---------------------------------------
    def _transcribe(self, pcm: bytes) -> str:
        if not self.rt.hears:
            raise RuntimeError("this server was started without speech recognition")
        with self.asr_lock:
            return self.rt.asr.transcribe(pcm)

    def _synthesize(self, text: str) -> list[SpeechChunk]:
        if not self.rt.speaks:
            raise RuntimeError("this server was started without text to speech")
        with self.tts_lock:
            return list(self.rt.tts.synthesize(text))

    def _route(self, text: str) -> Intent:
        with self.brain_lock:
            return self.rt.router.route(text)

    def _respond(self, dialogue: Dialogue, text: str) -> Turn:
        with self.brain_lock:
            return dialogue.conversation.respond(text)

    # -- the async face used by connection handlers ----------------------------------------------
    async def transcribe(self, pcm: bytes) -> str:
        return await asyncio.to_thread(self._transcribe, pcm)

    async def synthesize_sentence(self, text: str) -> list[SpeechChunk]:
        return await asyncio.to_thread(self._synthesize, text)

    async def route(self, text: str) -> Intent:
        return await asyncio.to_thread(self._route, text)

    async def respond(self, dialogue: Dialogue, text: str) -> Turn:
        return await asyncio.to_thread(self._respond, dialogue, text)

    def wake_gate(self, names: list[str] | None):
        phrases = [normalize(n) for n in names or [] if normalize(n)] or None
        return self.rt.wake_gate(phrases)

    # -- describe ---------------------------------------------------------------------------------
    def info(self) -> Info:
        def artifact(name: str, description: str) -> dict[str, Any]:
            return dict(
                name=name, attribution=ATTRIBUTION, installed=True, description=description, version=VERSION
            )

        lang = self.config.asr.language
        info = Info()
        if self.rt.hears:
            model = AsrModel(
                **artifact(self.rt.asr.name, f"{self.rt.asr.name} speech recognition"), languages=[lang]
            )
            info.asr = [
                AsrProgram(
                    **artifact("assistant-asr", "the assistant's speech recognition"),
                    models=[model],
                    supports_transcript_streaming=False,
                )
            ]
        if self.rt.speaks:
            voice = TtsVoice(**artifact(self.rt.tts.name, "the assistant's voice"), languages=[lang])
            info.tts = [
                TtsProgram(
                    **artifact("assistant-tts", "Piper, sentence by sentence"),
                    voices=[voice],
                    supports_synthesize_streaming=True,
                )
            ]
        if self.rt.hears:
            models = [
                WakeModel(**artifact(p, f"keyword spotting of '{p}'"), languages=[lang], phrase=p)
                for p in self.config.wake.phrases
            ]
            info.wake = [
                WakeProgram(**artifact("assistant-wake", "keyword spotting wake words"), models=models)
            ]
        skills = ", ".join(sorted(self.rt.skills))
        info.intent = [
            IntentProgram(
                **artifact("assistant-intent", "templates, then the local LLM"),
                models=[IntentModel(**artifact("skills", skills), languages=[lang])],
            )
        ]
        info.handle = [
            HandleProgram(
                **artifact("assistant-handle", "routes and runs the skills"),
                models=[HandleModel(**artifact("skills", skills), languages=[lang])],
            )
        ]
        return info
