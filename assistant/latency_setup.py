"""The latency features ([latency] in the config) wired in while the runtime loads (runtime.py):
speculative routing and the language model's prompt-prefix cache, the command grammar around the
English recognizer (asr/grammar_engine.py), and a first throwaway run of each model so that the user's
first command does not pay for paging it in. What was set up is recorded for `assistant bench` and logs."""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import paths
from .asr.grammar_engine import LEAD_WORDS, FastEngine, fast_settings
from .config import Config
from .loading import Loading
from .plugins import Skill
from .routing.router import Router
from .routing.speculate import Speculation, keep_prompt_prefixes, remember_skill_prompts

log = logging.getLogger(__name__)

GRAMMAR_VERSION = 1  # bump when asr/command_grammar.py writes grammars differently
FAST_ENGINES = ("hybrid", "whisper", "pocketsphinx")  # English engines the command grammar fits


def set_up_routing(config: Config, router: Router, llm_load: Loading[Any] | None) -> dict[str, Any]:
    """Speculative routing, and the prompt-prefix cache once the model is there. Returns what was set
    up; `with_command_grammar` adds to it once the recognizer is loaded."""
    lat = config.latency
    done: dict[str, Any] = {}
    if not lat.enabled:
        return done
    if lat.speculate and router.fallback is not None and router.speculation is None:
        router.speculation = Speculation()
        done["speculative_routing"] = True

    def cache_prefixes(llm: Any) -> None:
        if llm is None:
            return
        done["prefix_cache"] = kept = keep_prompt_prefixes(llm, lat.prefix_cache_mb)
        if kept and lat.warm_up:
            done["skill_prompts_cached"] = remember_skill_prompts(llm, router.skills)

    if lat.prefix_cache_mb > 0 and llm_load is not None:
        done["prefix_cache"] = True  # once the model is there: now, or in its loading thread
        llm_load.when_loaded(cache_prefixes)
    return done


def with_command_grammar(config: Config, router: Router, asr: Any, done: dict[str, Any]) -> Any:
    """The recognizer with the command grammar and speculative transcription around it (English),
    its grammar decoder warmed up; else `asr` itself. Records what it did in `done`."""
    if not config.latency.enabled or asr.name not in FAST_ENGINES or config.asr.language != "en":
        return asr

    def parses(text: str) -> bool:
        return router.templates.match(text) is not None

    cache = grammar_cache_file(router.skills)
    fast = FastEngine(asr, fast_settings(config), parses, router.prefetch, router.templates.intents, cache)
    done["grammar"] = fast.grammar_info
    if _warms(config):
        start = time.perf_counter()
        fast.warm_up_grammar()  # its decoder serves one utterance at a time: warmed before anyone uses it
        done["grammar_warm_up_s"] = round(time.perf_counter() - start, 3)
    return fast


def _warms(config: Config) -> bool:
    return config.latency.enabled and config.latency.warm_up


def warm_up_recognizer(asr: Any, config: Config) -> None:
    """Run Whisper once on throwaway input: its first transcription allocates and pages in, and takes
    about twice as long as the next. The loader calls this after handing the recognizer over (Whisper
    is safe to call from two threads)."""
    if isinstance(asr, FastEngine) and _warms(config):
        asr.warm_up_whisper()


def warm_up_voice(config: Config, speech: Callable[[str], Any]) -> None:
    """The voice's first sentence pages it in: make that sentence the acknowledgement, which
    `speech` (Runtime.speech) then keeps for the first slow turn."""
    if _warms(config):
        speech(config.latency.ack_phrase.strip() or "Okay.")


def grammar_cache_file(skills: dict[str, Skill]) -> Path:
    """The command grammar depends only on the skills' sentences: keyed by their hash."""
    data = [
        (s.manifest.name, s.manifest.templates, s.manifest.lists, s.manifest.expansion_rules)
        for s in skills.values()
    ]
    key = hashlib.sha256(
        json.dumps([GRAMMAR_VERSION, LEAD_WORDS, data], sort_keys=True, default=str).encode()
    )
    return paths.cache_dir() / f"commands-{key.hexdigest()[:16]}.gram"
