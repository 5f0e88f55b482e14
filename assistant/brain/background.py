"""The language model and the router's classifier, loaded while the assistant already listens.

Loading them is the longest part of a start (GGUF mapping, the primed prompt state, the sentence
encoder); listening for the wake word needs none of it. So `load_runtime` starts this load in a thread
(assistant/loading.py, as for the recognizer and the voice) and returns: a command that arrives before it
is done waits for it at its first use (in practice a wake word and a command take longer than the rest
of the load). Errors surface at that first use and in the log.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from ..loading import load_in_background


class BrainLoad:
    """(fallback router, language model) being built by `build` in a thread."""

    def __init__(self, build: Callable[[], tuple[Any, Any]]):
        self.future: Future[tuple[Any, Any]] = load_in_background("load-brain", build)

    def wait(self) -> tuple[Any, Any]:
        return self.future.result()

    def when_loaded(self, then: Callable[[Any], None]) -> None:
        """Run `then(model)` in the loading thread once the model is there (at once if it is)."""

        def call(done: Future) -> None:
            if done.exception() is None and done.result()[1] is not None:
                then(done.result()[1])

        self.future.add_done_callback(call)


class PendingFallback:
    """The router's fallback while it loads: every use waits for the loaded one."""

    def __init__(self, load: BrainLoad):
        self._load = load

    def _loaded(self) -> Any:
        return self._load.wait()[0]

    @property
    def inner(self) -> Any:
        """The loaded router (waits for it), as other wrappers name what they wrap."""
        return self._loaded()

    def route(self, text: str):
        router = self._loaded()
        return router.route(text) if router is not None else None

    def __getattr__(self, item: str) -> Any:  # `last`, `classifier`, `llm` ... of the loaded router
        return getattr(self._loaded(), item)


class PendingModel:
    """The language model while it loads: skills hold this, and their first call waits for it."""

    def __init__(self, load: BrainLoad):
        self._load = load

    @property
    def inner(self) -> Any:
        """The loaded model (waits for it)."""
        return self._load.wait()[1]

    def __getattr__(self, item: str) -> Any:
        model = self._load.wait()[1]
        if model is None:
            raise AttributeError(item)
        return getattr(model, item)
