"""Wire the latency features into the runtime: routing at load_runtime, the recognizer once loaded."""

from __future__ import annotations

import hashlib
import json
import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import paths
from ..asr.grammar_engine import LEAD_WORDS, FastEngine, fast_settings
from ..routing.speculate import Speculation, keep_prompt_prefixes, remember_skill_prompts

if TYPE_CHECKING:
    from ..runtime import Runtime

log = logging.getLogger(__name__)

GRAMMAR_VERSION = 1  # bump when asr/command_grammar.py writes grammars differently
FAST_ENGINES = ("hybrid", "whisper", "pocketsphinx")  # English engines the command grammar fits


def make_fast(rt: Runtime) -> dict[str, Any]:
    """Speculative routing and the prompt-prefix cache. Returns what was done (for `assistant bench`
    and logs); the recognizer's part (`fast_asr`) adds to it once the recognizer is loaded."""
    cfg = rt.config
    lat = cfg.latency
    done: dict[str, Any] = {}
    if not lat.enabled:
        return done
    if lat.speculate and rt.router.fallback is not None and rt.router.speculation is None:
        rt.router.speculation = Speculation()
        done["speculative_routing"] = True

    def cache_prefixes(llm: Any) -> None:
        if llm is None:
            return
        done["prefix_cache"] = kept = keep_prompt_prefixes(llm, lat.prefix_cache_mb)
        if kept and lat.warm_up:
            done["skill_prompts_cached"] = remember_skill_prompts(llm, rt.skills)

    if lat.prefix_cache_mb > 0 and rt.llm_load is not None:
        done["prefix_cache"] = True  # once the model is there: now, or in its loading thread
        rt.llm_load.when_loaded(cache_prefixes)
    return done


def fast_asr(rt: Runtime, asr: Any) -> Any:
    """The recognizer with the command grammar and speculative transcription around it (English),
    its grammar decoder warmed up; else `asr` itself. Records what it did in `rt.latency`."""
    cfg = rt.config
    if not cfg.latency.enabled or getattr(asr, "name", "") not in FAST_ENGINES or cfg.asr.language != "en":
        return asr
    router = rt.router

    def parses(text: str) -> bool:
        return router.templates.match(text) is not None

    fast = FastEngine(
        asr, fast_settings(cfg), parses, router.prefetch, router.templates.intents, grammar_cache_file(rt)
    )
    rt.latency["grammar"] = fast.grammar_info
    if _warms(cfg):
        start = time.perf_counter()
        fast.warm_up_grammar()  # its decoder serves one utterance at a time: warmed before anyone uses it
        rt.latency["grammar_warm_up_s"] = round(time.perf_counter() - start, 3)
    return fast


def _warms(config: Any) -> bool:
    return config.latency.enabled and config.latency.warm_up


def warm_up_recognizer(asr: Any, config: Any) -> None:
    """Run Whisper once on throwaway input: its first transcription allocates and pages in, and takes
    about twice as long as the next. The loader calls this after handing the recognizer over (Whisper
    is safe to call from two threads)."""
    if isinstance(asr, FastEngine) and _warms(config):
        asr.warm_up_whisper()


def warm_up_voice(rt: Runtime) -> None:
    """The voice's first sentence pages it in: make that sentence the acknowledgement, which
    Runtime.speech then keeps for the first slow turn."""
    if _warms(rt.config):
        rt.speech(rt.config.latency.ack_phrase.strip() or "Okay.")


def grammar_cache_file(rt: Runtime) -> Path:
    """The command grammar depends only on the skills' sentences: keyed by their hash."""
    data = [
        (s.manifest.name, s.manifest.templates, s.manifest.lists, s.manifest.expansion_rules)
        for s in rt.skills.values()
    ]
    key = hashlib.sha256(
        json.dumps([GRAMMAR_VERSION, LEAD_WORDS, data], sort_keys=True, default=str).encode()
    )
    return paths.cache_dir() / f"commands-{key.hexdigest()[:16]}.gram"


