"""What every language model gives the router and the skills (the local one is llm.py, a server's
remote_llm.py). The parts only a local model has (a llama.cpp context whose prompt prefixes can be
kept) have defaults that do nothing, so callers call them on any model."""

from __future__ import annotations

import contextlib
from abc import ABC, abstractmethod
from collections.abc import Iterator
from contextlib import AbstractContextManager
from typing import Any


class LanguageModel(ABC):
    """What every language model gives the router and the skills. The parts only a local model has
    (a llama.cpp context whose prompt prefixes can be kept) have defaults that do nothing."""

    name: str
    llama: Any = None  # the llama.cpp handle of a local model; None for a remote one
    # held while the model evaluates (one thread at a time in a llama.cpp context); nothing to hold remotely
    lock: AbstractContextManager[Any] = contextlib.nullcontext()

    @abstractmethod
    def chat(
        self,
        messages: list[dict[str, str]],
        *,
        schema: dict | None = None,
        max_tokens: int = 256,
        temperature: float = 0.0,
    ) -> str:
        """The assistant message's text; with a JSON schema, output is grammar-constrained to it."""

    @abstractmethod
    def stream(
        self,
        messages: list[dict[str, str]],
        *,
        max_tokens: int = 256,
        temperature: float = 0.0,
        only_script: str | None = None,
    ) -> Iterator[str]:
        """Text pieces as they are generated; with only_script (a language code), in its script only
        where the model can be held to it."""

    def prime(self, system: str) -> int:
        """Evaluate a fixed system prompt now, so calls that start with it skip it. Returns the tokens
        kept (0: nothing is kept, as for a remote model)."""
        return 0

    def remember_prefix(self, system: str) -> bool:
        """Keep another fixed system prompt (a skill's persona) evaluated; False when nothing is kept."""
        return False

    def tool_call(
        self,
        messages: list[dict[str, str]],
        tools: dict[str, dict | None],
        grounds: dict[str, Any] | None = None,
    ) -> str | None:
        """A tool call as JSON text, decoded directly (fewer steps than generating it under a schema);
        None when the model has no such way (the caller generates it with chat() and the schema).
        `grounds`: per tool, which argument values may be written (brain/tool_decode.py `Grounding`)."""
        return None
