"""Everything loaded once per process: ASR, wake spotter, TTS, skills and router."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from .asr import AsrEngine, create_engine
from .brain.router import Router
from .config import Config
from .errors import UserError
from .listen.vad import Endpointer, VadSettings
from .listen.wake import PocketsphinxWake, VoskWake, WakeGate
from .plugins import Skill, discover_skills
from .tts.piper_tts import PiperTts

log = logging.getLogger(__name__)


@dataclass
class Runtime:
    config: Config
    asr: AsrEngine | None
    tts: PiperTts | None
    skills: dict[str, Skill]
    router: Router
    llm: Any = None
    latency: dict[str, Any] = field(default_factory=dict)  # what assistant.fast set up
    _speech: dict[tuple[int, str], list] = field(default_factory=dict, repr=False)

    def speech(self, text: str) -> list:
        """Fixed phrases (the acknowledgement) synthesized once per voice, not once per pipeline."""
        key = (id(self.tts), text)
        if key not in self._speech:
            self._speech[key] = list(self.tts.synthesize(text)) if self.tts is not None else []
        return self._speech[key]

    def vad_settings(self) -> VadSettings:
        v = self.config.vad
        return VadSettings(v.aggressiveness, v.end_silence_ms, v.max_utterance_s)

    def wake_gate(self, phrases: list[str] | None = None) -> WakeGate:
        w = self.config.wake
        phrases = phrases or w.phrases
        if self.asr is not None and self.asr.name == "vosk":
            spotter: Any = VoskWake(self.asr.model, phrases, self.config.asr.language)
        else:
            spotter = PocketsphinxWake(phrases, w.threshold)
        return WakeGate(spotter, Endpointer(self.vad_settings()), w.refractory_s)


def load_runtime(
    config: Config, *, audio: bool = True, speech: bool = True, llm: bool | None = None
) -> Runtime:
    """audio=False skips ASR (typed input only); speech=False skips TTS. llm=None follows the config."""
    skills = discover_skills(config)
    if not skills:
        raise UserError("no skills found; check [skills] dirs and disabled in the config")
    want_llm = config.llm.enabled if llm is None else llm

    def load_brain() -> tuple[Any, Any]:
        try:
            from .brain.llm_router import load_llm_router
        except ImportError:  # llama-cpp-python not installed: templates and `other` only
            return None, None
        return load_llm_router(config, skills)

    def load_tts() -> Any:
        if config.tts.engine == "wyoming":
            from .wyoming.remote import WyomingTts

            return WyomingTts(config.tts.wyoming_uri, config.tts.voice)
        from .tts.espeak_tts import create_local_tts

        return create_local_tts(config)

    # the models load in parallel: each is mostly file reading and native code that releases the GIL,
    # which takes cold start from the sum of the loads towards the longest one
    with ThreadPoolExecutor(max_workers=3, thread_name_prefix="load") as pool:
        brain = pool.submit(load_brain) if want_llm else None
        asr_job = pool.submit(create_engine, config) if audio else None
        tts_job = pool.submit(load_tts) if speech else None
        fallback, llm_obj = brain.result() if brain else (None, None)
        asr = asr_job.result() if asr_job else None
        tts: Any = tts_job.result() if tts_job else None
    router = Router(skills, fallback, config.asr.language)
    if asr is not None:
        from .languages import attach_grammar

        attach_grammar(asr, router, config)
    rt = Runtime(config, asr, tts, skills, router, llm_obj)
    from .fast.setup import make_fast  # command grammar, speculation, prefix cache, warm-up

    rt.latency = make_fast(rt)
    return rt
