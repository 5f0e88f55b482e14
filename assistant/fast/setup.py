"""Wire the latency features into a loaded runtime (called at the end of load_runtime)."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .engine import LEAD_WORDS, FastEngine, fast_settings
from .speculate import SpeculativeFallback, keep_prompt_prefixes

if TYPE_CHECKING:
    from ..runtime import Runtime

log = logging.getLogger(__name__)

GRAMMAR_VERSION = 1  # bump when grammar.py writes grammars differently
FAST_ENGINES = ("hybrid", "whisper", "pocketsphinx")  # English engines the command grammar fits


def make_fast(rt: Runtime) -> dict[str, Any]:
    """Returns what was done and how long warming took (for `assistant bench` and logs)."""
    cfg = rt.config
    lat = cfg.latency
    done: dict[str, Any] = {}
    if not lat.enabled:
        return done
    if (
        lat.speculate
        and rt.router.fallback is not None
        and not isinstance(rt.router.fallback, SpeculativeFallback)
    ):
        rt.router.fallback = SpeculativeFallback(rt.router.fallback)
        done["speculative_routing"] = True
    if lat.prefix_cache_mb > 0 and rt.brain_load is not None:  # the model is still loading
        rt.brain_load.when_loaded(lambda llm: keep_prompt_prefixes(llm, lat.prefix_cache_mb))
        done["prefix_cache"] = True
    elif lat.prefix_cache_mb > 0 and rt.llm is not None:
        done["prefix_cache"] = keep_prompt_prefixes(rt.llm, lat.prefix_cache_mb)
    if rt.asr is not None and getattr(rt.asr, "name", "") in FAST_ENGINES and cfg.asr.language == "en":
        router = rt.router

        def parses(text: str) -> bool:
            return router.templates.match(text) is not None

        def prefetch(text: str) -> None:
            fallback = router.fallback
            if isinstance(fallback, SpeculativeFallback) and router.templates.match(text) is None:
                fallback.prefetch(text)

        rt.asr = FastEngine(
            rt.asr, fast_settings(cfg), parses, prefetch, router.templates.intents, grammar_cache_file(rt)
        )
        done["grammar"] = rt.asr.grammar_info
    if lat.warm_up:
        done["warm_up_s"] = warm_up(rt, background=lat.listen_while_loading)
    return done


def grammar_cache_file(rt: Runtime) -> Path:
    """The command grammar depends only on the skills' sentences: keyed by their hash."""
    data = [
        (s.manifest.name, s.manifest.templates, s.manifest.lists, s.manifest.expansion_rules)
        for s in rt.skills.values()
    ]
    key = hashlib.sha256(
        json.dumps([GRAMMAR_VERSION, LEAD_WORDS, data], sort_keys=True, default=str).encode()
    )
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "assistant" / f"commands-{key.hexdigest()[:16]}.gram"


def warm_up(rt: Runtime, background: bool = False) -> float:
    """Run each model once on throwaway input: first calls allocate and page in (Whisper's first
    transcription takes about twice as long as the next). The command grammar is warmed here (its
    decoder serves one utterance at a time); with `background`, Whisper and Piper (both safe to call
    from two threads) warm up in a thread while the assistant already listens. Returns the seconds
    spent before listening."""
    start = time.perf_counter()
    if isinstance(rt.asr, FastEngine):
        rt.asr.warm_up_grammar()

    def models() -> None:
        if isinstance(rt.asr, FastEngine):
            rt.asr.warm_up_whisper()
        if rt.tts is not None and hasattr(rt.tts, "synthesize_all"):
            rt.tts.synthesize_all("Okay.")

    if background:
        # not a daemon: an exit during the warm-up waits for it rather than tearing native code down mid-call
        threading.Thread(target=models, name="warm-up").start()
    else:
        models()
    return round(time.perf_counter() - start, 3)
