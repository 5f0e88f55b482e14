"""Router: the template fast path first, then the fallback (the classifier and the language model,
llm_router.py, when configured), then `other` with an honest answer. The fallback plugs in as any object
with `route(text) -> Intent | None`, held as a `Loading` (it may still be loading in the background:
a command that needs it meanwhile waits for it)."""

from __future__ import annotations

import logging
from typing import Protocol

from ..loading import Loading
from ..skill_api import Skill
from .intent import OTHER, Intent
from .speculate import Speculation
from .templates import TemplateMatcher

log = logging.getLogger(__name__)


class FallbackRouter(Protocol):
    def route(self, text: str) -> Intent | None: ...


class Router:
    def __init__(
        self,
        skills: dict[str, Skill],
        fallback: Loading[FallbackRouter | None] | None = None,
        language: str = "en",
    ):
        self.skills = skills
        self.templates = TemplateMatcher(skills, language)
        self.fallback = fallback
        # set when speculation is on (config [latency] speculate): the fallback's decision for a
        # pause's words, computed before the endpoint
        self.speculation: Speculation | None = None

    def prefetch(self, text: str) -> None:
        """Decide `text` now, at a pause in speech, so that `route` with the same words is immediate.
        Only what the templates do not match needs it; does nothing without speculation."""
        if self.speculation is None or self.fallback is None or self.templates.match(text) is not None:
            return
        fallback = self.fallback.get()
        if fallback is not None:
            self.speculation.prefetch(text, fallback.route)

    def route(self, text: str) -> Intent:
        hit = self.templates.match(text)
        if hit is not None:
            return hit
        if self.fallback is not None and text.strip():
            try:
                guess = self._ask_fallback(text)
            except Exception:  # a failing (or failed to load) model must not end the conversation
                log.exception("the fallback router failed on %r", text[:200])
                return Intent(OTHER, {}, "error", 0.0)
            if guess is not None and (guess.name == OTHER or guess.name in self.skills):
                return guess
        return Intent(OTHER, {}, "none", 0.0)

    def _ask_fallback(self, text: str) -> Intent | None:
        assert self.fallback is not None
        fallback = self.fallback.get()  # waits while it loads in the background
        if fallback is None:
            return None
        if self.speculation is not None:
            return self.speculation.route(text, fallback.route)
        return fallback.route(text)
