"""Everything loaded once per process: ASR, wake spotter, TTS, skills and router.

`load_runtime` returns once the assistant can listen for its wake word; the recognizer, the voice and
the language model may still be loading in threads then: each is held as a `Loading`
(assistant/loading.py), the one way anything loads in the background."""

from __future__ import annotations

import importlib.util
import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from .asr import AsrEngine, create_engine
from .catalog.language_models import use_installed_models
from .config import Config
from .errors import UserError
from .latency_setup import set_up_routing, warm_up_recognizer, warm_up_voice, with_command_grammar
from .listen.spotters import calibrate_missing, make_spotter
from .listen.vad import Endpointer, VadSettings
from .listen.verify import VerifiedWake
from .listen.wake import VoskWake, WakeGate
from .loading import Loading, load_in_background, loaded
from .memory import tune_malloc
from .netpolicy import check_network_use
from .plugins import Skill, discover_skills
from .routing.router import Router
from .text import normalize
from .tts.piper_tts import PiperTts, without_trailing_silence

log = logging.getLogger(__name__)

MAX_MAPPING_WAIT_S = 5.0  # a model file on a slow disk does not hold the recognizer back longer


@dataclass
class Runtime:
    """The models as `Loading` values (assistant/loading.py): each may still be loading in a thread
    after `load_runtime` returns. None: not used at all (typed input only, text replies only, no model).
    `asr`, `tts` and `llm` read the value, waiting for it while it loads."""

    config: Config
    asr_load: Loading[AsrEngine] | None
    tts_load: Loading[PiperTts] | None
    skills: dict[str, Skill]
    router: Router
    llm_load: Loading[Any] | None = None
    latency: dict[str, Any] = field(default_factory=dict)  # which latency features were set up
    _speech: dict[tuple[int, str], list] = field(default_factory=dict, repr=False)
    _spare_spotter: Any = field(default=None, repr=False)  # built at start, handed to the first wake gate

    @property
    def asr(self) -> AsrEngine | None:
        return self.asr_load.get() if self.asr_load is not None else None

    @property
    def tts(self) -> PiperTts | None:
        return self.tts_load.get() if self.tts_load is not None else None

    @property
    def llm(self) -> Any:
        return self.llm_load.get() if self.llm_load is not None else None

    @property
    def hears(self) -> bool:
        """There is (or soon will be) a recognizer: asks without waiting for it."""
        return self.asr_load is not None

    @property
    def speaks(self) -> bool:
        return self.tts_load is not None

    def wait_ready(self) -> None:
        """Until every model is loaded (they may still be loading after start); raises a load's error."""
        for load in (self.asr_load, self.tts_load, self.llm_load, self.router.fallback):
            if load is not None:
                load.get()

    def speech(self, text: str) -> list:
        """Fixed phrases (the acknowledgement) synthesized once per voice, not once per pipeline."""
        key = (id(self.tts), text)
        if key not in self._speech:
            chunks = list(self.tts.synthesize(text)) if self.tts is not None else []
            # what follows a fixed phrase (the answer, after the acknowledgement) need not wait through
            # the silence Piper ends it with
            self._speech[key] = [*chunks[:-1], without_trailing_silence(chunks[-1])] if chunks else []
        return self._speech[key]

    def recognized(self, pcm: bytes, expect: str | None = None) -> str | None:
        """The recognizer's transcript of pcm, or None while it loads (the wake word's check of an
        uncertain detection, listen/verify.py; expect: the phrase it looks for)."""
        if self.asr_load is None or not self.asr_load.ready():
            return None
        try:
            asr = self.asr_load.get()
        except Exception:  # a failed load is reported where a command needs the recognizer, not here
            return None
        return asr.quick_transcript(pcm, expect)

    def vad_settings(self) -> VadSettings:
        v = self.config.vad
        return VadSettings(v.aggressiveness, v.end_silence_ms, v.max_utterance_s)

    def wake_gate(self, phrases: list[str] | None = None) -> WakeGate:
        w = self.config.wake
        phrases = phrases or w.phrases
        spare, self._spare_spotter = self._spare_spotter, None
        if spare is not None and spare.phrases == [normalize(p) for p in phrases]:
            spotter: Any = spare
        elif self.config.asr.engine == "vosk" and w.engine == "kws":  # the recognizer's model spots it
            spotter = VoskWake(self.asr.model, phrases, self.config.asr.language)
        else:
            spotter = make_spotter(self.config, phrases, transcribe=self.recognized)
        return WakeGate(spotter, Endpointer(self.vad_settings()), w.refractory_s)


def _llm_present(config: Config) -> bool:
    """The local model's package and file are there (raises UserError naming what is missing)."""
    if config.llm.preset == "remote":
        return True
    # found, not imported: the import (~0.25 s) happens in the loading thread, off the way to listening
    if importlib.util.find_spec("llama_cpp") is None:
        return False
    from .brain.llm import model_path_for

    model_path_for(config)
    return True


def load_runtime(
    config: Config, *, audio: bool = True, speech: bool = True, llm: bool | None = None
) -> Runtime:
    """audio=False skips ASR (typed input only); speech=False skips TTS. llm=None follows the config."""
    use_installed_models(config)  # the language's Vosk model and voice as installed here (not in load_config)
    check_network_use(config)  # a remote engine named in the config needs [network] allow
    tune_malloc()  # before the loader threads start
    skills = discover_skills(config)
    if not skills:
        raise UserError("no skills found; check [skills] dirs and disabled in the config")
    want_llm = config.llm.enabled if llm is None else llm

    # llama.cpp maps the whole model file into memory while it loads (MAP_POPULATE) and the model drops
    # the pages it will not read right after (brain/resident.py). The recognizer and the voice start
    # loading once that is done, so that the transient does not stack on top of them: peak RSS.
    model_mapped = threading.Event()

    def load_brain() -> tuple[Any, Any]:
        local = config.llm.preset != "remote"
        if local and importlib.util.find_spec("llama_cpp") is None:
            # a package installed without its [llm] extra: templates, examples and `other` only
            log.warning("llama-cpp-python is not installed (the [llm] extra): no language model")
            model_mapped.set()
            return None, None
        try:
            from .brain.llm import load_language_model
            from .routing.llm_router import LlmRouter
        except ImportError:  # llama-cpp-python not installed: templates and `other` only
            model_mapped.set()
            return None, None
        try:
            llm = load_language_model(config)
        finally:
            model_mapped.set()
        return LlmRouter(skills, llm, language=config.language), llm

    def after_model_mapped(build: Callable[[], Any]) -> Callable[[], Any]:
        def wait_then_build() -> Any:
            model_mapped.wait(MAX_MAPPING_WAIT_S)
            return build()

        return wait_then_build

    def load_tts() -> Any:
        if config.tts.engine == "wyoming":
            from .tts.wyoming_tts import WyomingTts

            return WyomingTts(config.tts.wyoming_uri, config.tts.voice)
        from .tts.espeak_tts import create_local_tts

        return create_local_tts(config)

    # what loads while the assistant already listens: only what can be checked up front, so that a
    # missing file or package is still reported at start, as one line
    later = config.latency.enabled and config.latency.listen_while_loading
    brain_later = want_llm and later and _llm_present(config)
    asr_later = audio and later and _recognizer_present(config)
    tts_later = speech and later and _voice_present(config)
    brain = load_in_background("load-brain", load_brain) if brain_later else None
    if brain is None:
        model_mapped.set()
    # the wake-word spotter is what listening needs: built before the other loads compete for the CPU
    spotter = None
    if audio and config.wake.enabled and (config.asr.engine != "vosk" or config.wake.engine != "kws"):
        spotter = make_spotter(config)
        calibrate_missing(config)
    # what loads now loads in parallel: each is mostly file reading and native code that releases the
    # GIL, which takes the wait from the sum of the loads towards the longest one
    with ThreadPoolExecutor(max_workers=3, thread_name_prefix="load") as pool:
        brain_job = pool.submit(load_brain) if want_llm and not brain_later else None
        asr_job = pool.submit(create_engine, config) if audio and not asr_later else None
        tts_job = pool.submit(load_tts) if speech and not tts_later else None
        fallback_now, llm_now = brain_job.result() if brain_job else (None, None)
        asr = asr_job.result() if asr_job else None
        tts: Any = tts_job.result() if tts_job else None
    if brain is not None:  # one load, handed out as its two parts
        fallback, llm_load = brain.map(lambda b: b[0]), brain.map(lambda b: b[1])
    else:
        fallback = loaded(fallback_now) if fallback_now is not None else None
        llm_load = loaded(llm_now) if llm_now is not None else None
    router = Router(skills, fallback, config.asr.language, config)
    rt = Runtime(config, None, None, skills, router, llm_load, _spare_spotter=spotter)
    if isinstance(spotter, VerifiedWake):  # built before the runtime it asks
        spotter.transcribe = rt.recognized
    rt.latency = set_up_routing(config, router, llm_load)

    def ears(asr: Any) -> Any:
        from .languages import attach_grammar

        attach_grammar(asr, router, config)
        return with_command_grammar(config, router, asr, rt.latency)

    if asr_later:
        rt.asr_load = load_in_background(
            "load-recognizer",
            after_model_mapped(lambda: ears(create_engine(config))),
            lambda asr: warm_up_recognizer(asr, config),
        )
    elif asr is not None:
        rt.asr_load = loaded(ears(asr))
        warm_up_recognizer(rt.asr, config)
    if tts_later:
        rt.tts_load = load_in_background("load-voice", after_model_mapped(load_tts), lambda _voice: warm_up_voice(config, rt.speech))
    elif tts is not None:
        rt.tts_load = loaded(tts)
        warm_up_voice(config, rt.speech)
    return rt


def _recognizer_present(config: Config) -> bool:
    """The English recognizers load in the background once their model files are found here (raises
    UserError naming what is missing). Vosk loads at once: its model also spots the wake word."""
    engine = config.asr.engine
    if engine not in ("hybrid", "whisper", "pocketsphinx"):
        return False
    if engine != "pocketsphinx":
        from .asr.whisper_engine import default_whisper_path, require_local_model

        require_local_model(config.asr.whisper_model or default_whisper_path())
    return True


def _voice_present(config: Config) -> bool:
    """A Piper voice loads in the background once its file is found (raises UserError if not)."""
    voice = config.tts.voice or ""
    if config.tts.engine == "wyoming" or voice.startswith("espeak-ng:"):
        return False  # a connection to check, or nothing to load
    from .tts.piper_tts import resolve_voice

    resolve_voice(config.tts.voice)
    return True
