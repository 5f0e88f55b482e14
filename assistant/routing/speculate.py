"""Routing ahead of time: the router's fallback decides on a pause's transcript while the endpoint
is still being waited for. The decision is kept only for exactly that text; any other text is routed
afresh (after the guess finishes: one model, one call at a time)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from ..brain.waiting import slow_step

log = logging.getLogger(__name__)


class Speculation:
    """One routing decision computed ahead of time. The router holds one when speculation is on:
    `prefetch(text, decide)` decides the words so far at a pause; a later `route(text, decide)` with
    exactly those words takes that decision at once, any other words are decided afresh."""

    def __init__(self) -> None:
        self._lock = threading.Lock()  # one call into the model at a time
        self._text: str | None = None
        self._result: Any = None
        self.hits = 0
        self.misses = 0

    def prefetch(self, text: str, decide: Callable[[str], Any]) -> Any:
        """The decision for `text`, kept for the `route` that follows."""
        with self._lock:
            if text != self._text:
                self._text, self._result = text, decide(text)
            return self._result

    def route(self, text: str, decide: Callable[[str], Any]) -> Any:
        if self._lock.locked():  # a guess is still being computed: this turn waits for the model
            slow_step()
        with self._lock:
            if text == self._text:
                self.hits += 1
                result, self._text, self._result = self._result, None, None
                return result
            self.misses += 1
            self._text, self._result = None, None
            return decide(text)


def keep_prompt_prefixes(llm: Any, capacity_mb: int = 48) -> bool:
    """Give llama-cpp-python a RAM cache of KV states keyed by prompt tokens, so each distinct system
    prompt (the router's, chitchat's persona, the email drafter's) is evaluated once, not again on every
    switch between them. Returns False for models without a llama handle (remote)."""
    llama = llm.llama
    if llama is None or not hasattr(llama, "set_cache"):  # llama-cpp-python before its prompt cache
        return False
    with llm.lock:  # a command may already be using the model
        cache = _slim_cache(capacity_mb << 20)
        if llama.n_tokens > 0:  # the prefix primed at load (the router's system prompt) is the first entry
            cache.keep(llama._input_ids.tolist(), llama.save_state())
        llama.set_cache(cache)
    return True


def remember_skill_prompts(llm: Any, skills: dict[str, Any]) -> int:
    """Put the skills' fixed system prompts (manifest system_prompt: chit-chat's persona) in the prefix
    cache now rather than at their first use (~0.7 s for the persona on 2 cores). Returns how many."""
    prompts = dict.fromkeys(s.manifest.system_prompt for s in skills.values() if s.manifest.system_prompt)
    return sum(llm.remember_prefix(p) for p in prompts)


def _slim_cache(capacity_bytes: int):
    import numpy as np
    from llama_cpp import LlamaRAMCache
    from llama_cpp.llama import LlamaState

    class SlimRAMCache(LlamaRAMCache):
        """Two changes to LlamaRAMCache:
        - a state keeps one zero row of logits, not a copy of every cached token's (n_batch x
          vocabulary x 4 bytes, ~78 MB for Qwen) that nothing reads back: a resumed prompt always
          evaluates at least its last token (load_state broadcasts the row).
        - the system prompts put here on purpose (`keep`: the router's, chit-chat's persona) stay, and
          of the states llama-cpp-python saves after every completion (prompt + reply) only the latest:
          it is what a follow-up in the same conversation resumes from, and the older ones were never
          read again but held the capacity (48 MB of them, and a long email draft evicted the persona)."""

        def __init__(self, capacity: int):
            super().__init__(capacity)
            self.pinned: set[tuple[int, ...]] = set()

        def keep(self, key, value) -> None:
            self.pinned.add(tuple(key))
            self._store(tuple(key), value)

        def __setitem__(self, key, value):  # llama-cpp-python's save after a completion
            for old in [k for k in self.cache_state if k not in self.pinned]:
                del self.cache_state[old]
            self._store(tuple(key), value)

        def _store(self, key, value):
            row = np.zeros((1, value.scores.shape[-1]), dtype=np.single)
            slim = LlamaState(
                value.input_ids, row, value.n_tokens, value.llama_state, value.llama_state_size, value.seed
            )
            super().__setitem__(key, slim)

    return SlimRAMCache(capacity_bytes)
