"""Router: the template fast path first, then the fallback (the classifier and the language model,
llm_router.py, when configured), then `other` with an honest answer. The fallback plugs in as any object
with `route(text) -> Intent | None`."""

from __future__ import annotations

import logging
from typing import Protocol

from ..plugins import Skill
from .intent import OTHER, Intent
from .templates import TemplateMatcher

log = logging.getLogger(__name__)


class FallbackRouter(Protocol):
    def route(self, text: str) -> Intent | None: ...


class Router:
    def __init__(
        self, skills: dict[str, Skill], fallback: FallbackRouter | None = None, language: str = "en"
    ):
        self.skills = skills
        self.templates = TemplateMatcher(skills, language)
        self.fallback = fallback

    def route(self, text: str) -> Intent:
        hit = self.templates.match(text)
        if hit is not None:
            return hit
        if self.fallback is not None and text.strip():
            try:
                guess = self.fallback.route(text)
            except Exception:  # a failing model must not end the conversation: answer honestly
                log.exception("the fallback router failed on %r", text[:200])
                return Intent(OTHER, {}, "error", 0.0)
            if guess is not None and (guess.name == OTHER or guess.name in self.skills):
                return guess
        return Intent(OTHER, {}, "none", 0.0)
