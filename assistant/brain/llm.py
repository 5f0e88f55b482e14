"""The local language model on llama-cpp-python, behind a small interface that skills use too.

One long-lived `Llama` per process: the system prompt's KV cache stays warm between calls, so a
command costs only its own tokens.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

from ..config import Config
from ..errors import UserError

log = logging.getLogger(__name__)


class LanguageModel(Protocol):
    name: str

    def chat(
        self,
        messages: list[dict[str, str]],
        *,
        schema: dict | None = None,
        max_tokens: int = 256,
        temperature: float = 0.0,
    ) -> str:
        """The assistant message's text; with a JSON schema, output is grammar-constrained to it."""

    def stream(
        self, messages: list[dict[str, str]], *, max_tokens: int = 256, temperature: float = 0.0
    ) -> Iterator[str]:
        """Text pieces as they are generated."""


def model_path_for(config: Config) -> Path:
    from ..models_default import PRESETS, assemble

    llm = config.llm
    if llm.model_path:
        p = Path(llm.model_path).expanduser()
        if not p.is_file():
            raise UserError(
                f"[llm] model_path {p} does not exist; give a GGUF file or remove it to use the preset"
            )
        return p
    preset = PRESETS.get(llm.preset)
    if preset is None:
        raise UserError(
            f"[llm] preset {llm.preset!r} has no local file; use fast, quality, or set model_path"
        )
    return assemble(preset)


class LlamaModel:
    def __init__(self, path: str | Path, threads: int = 0, n_ctx: int = 2048, n_batch: int = 128):
        try:
            from llama_cpp import Llama
        except ImportError:
            raise UserError("llama-cpp-python is not installed; run scripts/install.sh") from None
        self.path = Path(path)
        self.name = self.path.stem
        threads = threads or os.cpu_count() or 2
        try:
            # n_batch stays modest: the logits buffer (n_batch x vocabulary x 4 bytes) dominates peak RSS
            self.llama = Llama(
                str(self.path),
                n_ctx=n_ctx,
                n_threads=threads,
                n_threads_batch=threads,
                n_batch=n_batch,
                verbose=False,
            )
        except (ValueError, RuntimeError) as exc:
            raise UserError(
                f"cannot load the language model {self.path} ({exc}); is it a GGUF file?"
            ) from None

    def chat(self, messages, *, schema=None, max_tokens=256, temperature=0.0) -> str:
        kwargs: dict[str, Any] = {}
        if schema is not None:
            kwargs["response_format"] = {"type": "json_object", "schema": schema}
        out = self.llama.create_chat_completion(
            messages=messages, max_tokens=max_tokens, temperature=temperature, **kwargs
        )
        return out["choices"][0]["message"]["content"] or ""

    def stream(self, messages, *, max_tokens=256, temperature=0.0) -> Iterator[str]:
        for part in self.llama.create_chat_completion(
            messages=messages, max_tokens=max_tokens, temperature=temperature, stream=True
        ):
            piece = part["choices"][0]["delta"].get("content")
            if piece:
                yield piece


def load_language_model(config: Config) -> LanguageModel:
    return LlamaModel(model_path_for(config), config.llm.threads, config.llm.n_ctx)
