"""The naive loop the benchmark compares against, built from the same loaded models:

- ASR only after the end of speech: Whisper transcribes the whole utterance once the endpointer has
  waited its full end_silence_ms (no command grammar, no early endpoint, no speculation);
- no prefix cache: the model's KV cache is cleared before every call, so each prompt is evaluated whole;
- the whole LLM reply is written before any of it is synthesized;
- the whole reply is synthesized before any of it plays.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Iterator
from typing import Any

import numpy as np

from ..brain.language_model import LanguageModel
from ..loading import loaded
from ..pipeline import Pipeline
from ..routing.router import Router
from ..tts.piper_tts import SpeechChunk


class ColdModel(LanguageModel):
    """A LanguageModel that forgets every prompt (no KV reuse) and hands over a stream only when the
    whole reply is written."""

    def __init__(self, model: Any):
        self.model = model
        self.name = model.name

    def _forget(self) -> Any:
        llama = self.model.llama
        if llama is None:
            return None
        # both prefix caches off: ours (llama.cache) and LlamaModel's primed system prompt (_prefix)
        kept = (llama.cache, getattr(self.model, "_prefix", None))
        llama.cache = None
        if kept[1] is not None:
            self.model._prefix = None
        llama.reset()
        return kept

    def _restore(self, kept: Any) -> None:
        llama = self.model.llama
        if llama is not None and kept is not None:
            llama.cache = kept[0]
            if kept[1] is not None:
                self.model._prefix = kept[1]

    @contextlib.contextmanager
    def _cold(self) -> Iterator[None]:
        """The model with its caches put aside, held against other users (a speculation may still run)."""
        with self.model.lock:
            cache = self._forget()
            try:
                yield
            finally:
                self._restore(cache)

    def chat(self, messages, **kwargs) -> str:
        with self._cold():
            return self.model.chat(messages, **kwargs)

    def tool_call(self, messages, tools, grounds=None):
        with self._cold():
            return self.model.tool_call(messages, tools, grounds)

    def stream(self, messages, **kwargs) -> Iterator[str]:
        with self._cold():
            whole = "".join(self.model.stream(messages, **kwargs))
        return iter([whole])


class WholeReplyTts:
    """Synthesizes the whole text, then yields it as one chunk."""

    def __init__(self, tts: Any):
        self.tts = tts
        self.sample_rate = tts.sample_rate
        self.name = tts.name

    def synthesize(self, text: str) -> Iterator[SpeechChunk]:
        pcm = self.tts.synthesize_all(text)
        if len(pcm):
            yield SpeechChunk(np.asarray(pcm), self.sample_rate, text)

    def synthesize_all(self, text: str) -> np.ndarray:
        return self.tts.synthesize_all(text)


class NaivePipeline(Pipeline):
    acknowledges = False  # the naive loop says nothing until its answer is ready

    def _speak_stream(self, turn) -> None:
        # the (already complete) reply spoken as one piece
        whole = (turn.reply.text + "".join(turn.reply.stream or ())).strip()
        whole = whole or "Sorry, I have nothing to say to that."
        turn.reply = dataclasses.replace(turn.reply, text=whole, stream=None)
        self.speak(whole, turn.skill)


def naive_runtime(rt: Any) -> Any:
    """The same models as `rt` (waits for them), wired the naive way."""
    from ..asr.grammar_engine import FastEngine

    asr = rt.asr
    if isinstance(asr, FastEngine):
        asr = asr.whisper or asr.base
    fallback = rt.router.fallback.get() if rt.router.fallback is not None else None
    model = rt.llm
    llm = ColdModel(model) if model is not None else None
    if fallback is not None and hasattr(fallback, "classifier") and llm is not None:
        from ..routing.llm_router import LlmRouter

        # the model fills every argument, as it did before the skills read theirs from the words
        fallback = LlmRouter(rt.skills, None, fallback.classifier, fallback.t, read_words=False)
        fallback.llm = llm  # set after construction: a cold model is never primed
    router = Router(rt.skills, loaded(fallback), rt.config.asr.language, rt.config)  # no speculation
    return dataclasses.replace(
        rt, asr_load=loaded(asr), router=router, llm_load=loaded(llm), tts_load=loaded(WholeReplyTts(rt.tts))
    )
