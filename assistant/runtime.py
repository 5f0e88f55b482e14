"""Everything loaded once per process: ASR, wake spotter, TTS, skills and router."""

from __future__ import annotations

import ctypes
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from .asr import AsrEngine, create_engine
from .brain.background import BrainLoad, PendingFallback, PendingModel
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
    brain_load: BrainLoad | None = None  # the language model still loading in the background, if so
    _speech: dict[tuple[int, str], list] = field(default_factory=dict, repr=False)

    def wait_ready(self) -> None:
        """Until every model is loaded (the language model may still be loading after start)."""
        if self.brain_load is not None:
            self.brain_load.wait()

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


def _llm_present(config: Config) -> bool:
    """The local model's package and file are there (raises UserError naming what is missing)."""
    if config.llm.preset == "remote":
        return True
    try:
        import llama_cpp  # noqa: F401
    except ImportError:
        return False
    from .brain.llm import model_path_for

    model_path_for(config)
    return True


def limit_malloc_arenas(arenas: int = 2) -> None:
    """glibc gives threads that allocate their own heap arenas (up to 8 per core), each keeping the
    memory freed in it. The loader threads, Whisper's speculative runs and ONNX Runtime's workers left
    ~55 MB of such slack (peak RSS of a scripted session: 1375 MB -> 1320 MB with two arenas)."""
    try:
        ctypes.CDLL("libc.so.6").mallopt(-8, arenas)  # -8 = M_ARENA_MAX
    except (OSError, AttributeError):  # not glibc: nothing to tune
        pass


def load_runtime(
    config: Config, *, audio: bool = True, speech: bool = True, llm: bool | None = None
) -> Runtime:
    """audio=False skips ASR (typed input only); speech=False skips TTS. llm=None follows the config."""
    limit_malloc_arenas()  # before the loader threads start
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

    # the language model loads while the assistant already listens (brain/background.py) when it can be
    # checked up front: a missing file or package is then still reported at start, as one line
    background = want_llm and config.latency.enabled and config.latency.listen_while_loading and _llm_present(config)
    brain_load = BrainLoad(load_brain) if background else None
    # the models load in parallel: each is mostly file reading and native code that releases the GIL,
    # which takes cold start from the sum of the loads towards the longest one
    with ThreadPoolExecutor(max_workers=3, thread_name_prefix="load") as pool:
        brain = pool.submit(load_brain) if want_llm and brain_load is None else None
        asr_job = pool.submit(create_engine, config) if audio else None
        tts_job = pool.submit(load_tts) if speech else None
        fallback, llm_obj = brain.result() if brain else (None, None)
        asr = asr_job.result() if asr_job else None
        tts: Any = tts_job.result() if tts_job else None
    if brain_load is not None:
        fallback, llm_obj = PendingFallback(brain_load), PendingModel(brain_load)
    router = Router(skills, fallback, config.asr.language)
    if asr is not None:
        from .languages import attach_grammar

        attach_grammar(asr, router, config)
    rt = Runtime(config, asr, tts, skills, router, llm_obj, brain_load=brain_load)
    from .fast.setup import make_fast  # command grammar, speculation, prefix cache, warm-up

    rt.latency = make_fast(rt)
    return rt
