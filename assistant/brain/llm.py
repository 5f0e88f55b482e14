"""The local language model on llama-cpp-python, behind a small interface that skills use too.

One long-lived `Llama` per process: the system prompt's KV cache stays warm between calls, so a
command costs only its own tokens.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import logging
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from ..config import Config
from ..errors import UserError
from ..paths import cache_dir
from .free_cores import FreeCores, allowed_cpus, threads_for
from .language_model import LanguageModel
from .llama_log import errors_while_loading, keep_output_while_loading
from .prompt_tokens import PromptTokens
from .resident import drop_mapped_pages, save_state_once

log = logging.getLogger(__name__)


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


def machine_threads() -> int:
    """Cores this process may run on (a container or taskset may allow fewer than the machine has)."""
    return max(1, len(allowed_cpus()))


class LlamaModel(LanguageModel):
    """One long-lived `Llama`. `prime(system)` evaluates a fixed system prompt once and saves the KV
    state next to the model, so later calls (and later processes) evaluate only the user's tokens."""

    def __init__(
        self,
        path: str | Path,
        threads: int = 0,
        n_ctx: int = 2048,
        n_batch: int = 128,
        state_dir: str | Path | None = None,
    ):
        try:
            from llama_cpp import Llama
        except ImportError:
            raise UserError("llama-cpp-python is not installed; run scripts/install.sh") from None
        keep_output_while_loading()
        self.path = Path(path)
        self.name = self.path.stem
        self.threads = threads or machine_threads()
        # threads = 0: each evaluation runs on the cores other programs leave free (free_cores.py)
        self._free_cores, self._threads_now = (FreeCores() if not threads and self.threads > 1 else None), self.threads
        self.state_dir = Path(state_dir) if state_dir else cache_dir() / "state"  # a cache: rebuilt when missing
        with errors_while_loading() as held:
            try:
                # n_batch stays modest: the logits buffer (n_batch x vocabulary x 4 bytes) dominates peak RSS
                self.llama = Llama(
                    str(self.path),
                    n_ctx=n_ctx,
                    n_threads=self.threads,
                    n_threads_batch=self.threads,
                    n_batch=n_batch,
                    verbose=False,
                )
            except (ValueError, RuntimeError) as exc:
                log.debug("llama.cpp while loading %s: %s", self.path, held)
                raise UserError(
                    f"cannot load the language model {self.path} ({exc}); is it a GGUF file?"
                ) from None
        for message in held:
            logging.getLogger("llama.cpp").warning("%s", message)
        # llama.cpp maps the file with MAP_POPULATE: all of it is resident now, though the originals of the
        # weights repacked at load (and a token-embedding table that is not also the output layer: one
        # row read per step) are never read again. The pages are dropped here; the first evaluation maps
        # back only those it reads
        drop_mapped_pages(self.path)
        # llama-cpp-python keeps an n_batch x vocabulary float array of logits (78 MB for Qwen) that only
        # logprobs and stopping criteria read, and load_state writes all of it: one row is enough here
        self.llama.scores = np.zeros((1, self.llama.n_vocab()), dtype=np.single)
        self.llama.save_state = functools.partial(save_state_once, self.llama)  # one copy, not three
        # the chat template stored in the GGUF itself, not a guessed built-in format
        if "chat_template.default" in self.llama._chat_handlers:
            self.llama.chat_format = "chat_template.default"
        self.primed_tokens = 0
        # one llama.cpp context must never run two evaluations at once (speculative routing runs in a
        # helper thread; two at once crashed with GGML_ASSERT in get_rows and the sampler): every use of
        # self.llama holds this lock, a stream for as long as it is being read
        self.lock = threading.RLock()
        self.state_loaded_from: Path | None = None
        self._grammars: dict[str, Any] = {}
        self._prefix: tuple[str, Any] | None = None  # (system prompt, its saved KV state)
        self._decoder: Any = None  # tool_decode.ToolCallDecoder, made at the first tool call
        self._script_masks: dict[str, np.ndarray | None] = {}  # language -> tokens never sampled in it
        self._prompt_tokens = PromptTokens(self._tokenize)

    @contextlib.contextmanager
    def _evaluating(self) -> Iterator[None]:
        """Hold the model for one use, on as many threads as there are cores free right now."""
        with self.lock:
            if self._free_cores is None:
                yield
                return
            n = threads_for(self.threads, self._free_cores.others_busy())
            if n != self._threads_now:
                from llama_cpp import llama_set_n_threads

                llama_set_n_threads(self.llama._ctx.ctx, n, n)
                self._threads_now = n
            with self._free_cores.evaluating():
                yield

    # -- prefix cache -----------------------------------------------------------------------------
    def _prefix_tokens(self, system: str) -> list[int]:
        """The tokens the chat template puts before any user message, for this system prompt."""
        marker = "\u241fUSER\u241f"
        prompt = self._chat_prompt([{"role": "system", "content": system}, {"role": "user", "content": marker}])
        # everything up to the user's words, the user turn's opening included (3 tokens fewer per
        # command); should a command's text tokenize differently across the seam, the KV cache is
        # simply re-evaluated from the first differing token
        head = prompt[: prompt.index(marker)]
        return self._tokens(head)

    def prime(self, system: str) -> int:
        """Make the KV cache hold the system prompt: restore a saved state when one matches, else
        evaluate it once and save it. Returns the number of cached prefix tokens."""
        with self._evaluating():
            n = self._prime(system)
            if self.state_loaded_from is not None:  # nothing was evaluated: no page is mapped back yet
                self._take_one_step()
            return n

    def _take_one_step(self) -> None:
        """One step after the prefix, so the weight pages a step reads are mapped back now rather than
        during the first command (see __init__)."""
        n = self.llama.n_tokens
        self.llama.eval([self.llama.token_eos()])
        self.llama.n_tokens = n  # the step's KV entry is overwritten by the next evaluation
        self.llama._requires_eval = True  # the context's logits are the step's, not the prefix's

    def _prime(self, system: str) -> int:
        from llama_cpp.llama import LlamaState

        tokens = self._prefix_tokens(system)
        self.state_loaded_from = None  # set below when this priming comes from disk
        key = hashlib.sha256(
            f"{self.path.stat().st_size}:{self.path.name}:{self.llama.n_ctx()}".encode()
            + np.asarray(tokens, dtype=np.int32).tobytes()
        ).hexdigest()[:16]
        file = self.state_dir / f"{self.name}-{key}.npz"
        if file.is_file():
            try:
                with np.load(file) as z:
                    n = int(z["n_tokens"])
                    ids = np.zeros(self.llama.input_ids.shape, dtype=np.intc)
                    ids[:n] = z["input_ids"][:n]
                    blob = z["state"].tobytes()
                scores = np.zeros_like(self.llama.scores)
                self._prefix = (system, LlamaState(ids, scores, n, blob, len(blob), self.llama._seed))
                self.llama.load_state(self._prefix[1])
                self.primed_tokens = n
                self.state_loaded_from = file
                return n
            except (OSError, ValueError, KeyError, RuntimeError) as exc:
                log.warning("ignoring unreadable prompt cache %s (%s)", file, exc)
        self.llama.reset()
        self.llama.eval(tokens)
        state = self.llama.save_state()  # save_state_once: already without the logits array
        self._prefix = (system, state)
        try:
            self.state_dir.mkdir(parents=True, exist_ok=True)
            tmp = file.with_suffix(".tmp.npz")
            np.savez(
                tmp,
                n_tokens=np.int64(state.n_tokens),
                input_ids=state.input_ids[: state.n_tokens],
                state=np.frombuffer(state.llama_state, dtype=np.uint8),
            )
            os.replace(tmp, file)
        except OSError as exc:  # a read-only models/ folder only costs the next start some seconds
            log.warning("cannot save the prompt cache to %s (%s)", file, exc)
        self.primed_tokens = len(tokens)
        return len(tokens)

    def remember_prefix(self, system: str) -> bool:
        """Evaluate another fixed system prompt (a skill's persona) into the prompt-prefix cache that
        `keep_prompt_prefixes` gave the model, so its first use evaluates only the user's words. The
        router's primed prefix is put back afterwards. False when there is no cache."""
        with self._evaluating():
            cache = self.llama.cache
            if cache is None:
                return False
            tokens = self._prefix_tokens(system)
            self.llama.reset()
            self.llama.eval(tokens)
            state = self.llama.save_state()
            if hasattr(cache, "keep"):  # kept for good, not as one of the completions' states
                cache.keep(tokens, state)
            else:
                cache[tokens] = state
            if self._prefix is not None:
                self.llama.load_state(self._prefix[1])
            return True

    def _restore_prefix(self, messages) -> None:
        """Another prompt (a skill drafting an email, chit-chat) replaced the KV cache: put the primed
        system prompt back from memory instead of evaluating it again."""
        if self._prefix is None or not messages or messages[0].get("content") != self._prefix[0]:
            return
        state = self._prefix[1]
        n = state.n_tokens
        if self.llama.n_tokens >= n and list(self.llama.input_ids[:n]) == list(state.input_ids[:n]):
            return
        self.llama.load_state(state)

    def perf(self) -> dict[str, int]:
        """llama.cpp's counters since the last reset: prompt tokens evaluated, tokens generated."""
        import llama_cpp

        data = llama_cpp.llama_perf_context(self.llama._ctx.ctx)
        return {"prompt_tokens": int(data.n_p_eval), "generated_tokens": int(data.n_eval)}

    def reset_perf(self) -> None:
        import llama_cpp

        llama_cpp.llama_perf_context_reset(self.llama._ctx.ctx)

    # -- generation -------------------------------------------------------------------------------
    def grammar(self, schema: dict):
        """The GBNF grammar for a JSON schema, compiled once per distinct schema."""
        from llama_cpp import LlamaGrammar

        key = json.dumps(schema, sort_keys=True)
        if key not in self._grammars:
            # compiled from the schema as declared: the grammar writes properties in this order, and the
            # model must name the tool before its arguments (sorted keys put "args" first, so the model
            # filled in arguments before it had chosen what they were for)
            self._grammars[key] = LlamaGrammar.from_json_schema(json.dumps(schema), verbose=False)
        return self._grammars[key]

    # -- tool calls -------------------------------------------------------------------------------
    def tool_call(self, messages, tools: dict[str, dict | None], grounds: dict[str, Any] | None = None) -> str:
        """`{"tool": <one of tools>, "args": {...}}` as JSON text, asking the model only at the call's
        real choices (tool_decode.py): a third of the steps of grammar-constrained generation.
        `tools` maps each allowed name to its argument schema (None: no arguments)."""
        from .tool_decode import ModelAccess, ToolCallDecoder

        with self._evaluating():
            self._restore_prefix(messages)
            if self._decoder is None:
                access = ModelAccess(self._tokens, self._logits_after, self._piece, self._is_end, self._single)
                self._decoder = ToolCallDecoder(access)
            # a command's call takes some 20-40 tokens (the tool, short grounded values)
            return self._decoder.call(self._chat_prompt(self._fit(messages, 48)), tools, grounds)

    def _fit(self, messages, reserve: int) -> list[dict]:
        """The messages with the last one's text cut so that the prompt and `reserve` more tokens fit the
        context window: past it llama.cpp cannot decode, and typed text can be longer than any window."""
        over = len(self._tokenize(self._chat_prompt(messages))) + reserve - self.llama.n_ctx()
        if over <= 0:
            return messages
        ids = self._tokenize(messages[-1]["content"], bos=False)
        cut = self.llama.detokenize(ids[: max(len(ids) - over, 0)]).decode("utf-8", errors="ignore")
        return [*messages[:-1], {**messages[-1], "content": cut}]

    def _chat_prompt(self, messages) -> str:
        """The prompt text create_chat_completion would build (the GGUF's own chat template)."""
        from llama_cpp.llama_chat_format import Jinja2ChatFormatter

        template = self.llama.metadata.get("tokenizer.chat_template")
        if not template:
            return "\n\n".join(m["content"] for m in messages) + "\n"
        eos = self.llama._model.token_get_text(self.llama.token_eos())
        return Jinja2ChatFormatter(template, eos_token=eos, bos_token="")(messages=messages).prompt

    def _tokens(self, text: str) -> list[int]:
        return self._prompt_tokens(text)  # the system part tokenized once (prompt_tokens.py)

    def _tokenize(self, text: str, bos: bool = True) -> list[int]:
        return self.llama.tokenize(text.encode(), add_bos=bos, special=True)

    def _piece(self, token: int) -> str:
        return self.llama.detokenize([token]).decode("utf-8", errors="ignore")

    def _single(self, text: str) -> int | None:
        ids = self.llama.tokenize(text.encode(), add_bos=False, special=False)
        return ids[0] if len(ids) == 1 else None

    def _is_end(self, token: int) -> bool:
        import llama_cpp

        return bool(llama_cpp.llama_vocab_is_eog(self.llama._model.vocab, token))

    def _logits_after(self, tokens: list[int]) -> np.ndarray:
        """Next-token logits after `tokens`, evaluating only what the KV cache does not hold yet."""
        import llama_cpp

        from .tool_decode import common_length

        llama = self.llama
        held = common_length([llama.input_ids[: llama.n_tokens].tolist(), tokens])
        llama.n_tokens = min(held, len(tokens) - 1)  # the last token is evaluated again for its logits
        llama.eval(tokens[llama.n_tokens :])
        row = llama_cpp.llama_get_logits_ith(llama._ctx.ctx, -1)
        return np.ctypeslib.as_array(row, shape=(llama.n_vocab(),)).copy()

    def chat(self, messages, *, schema=None, max_tokens=256, temperature=0.0) -> str:
        kwargs: dict[str, Any] = {}
        if schema is not None:
            kwargs["grammar"] = self.grammar(schema)
        with self._evaluating():
            self._restore_prefix(messages)
            out = self.llama.create_chat_completion(
                messages=self._fit(messages, 48), max_tokens=max_tokens, temperature=temperature, **kwargs
            )
        return out["choices"][0]["message"]["content"] or ""

    def stream(
        self, messages, *, max_tokens=256, temperature=0.0, only_script: str | None = None
    ) -> Iterator[str]:
        """With `only_script` (a language code), tokens that would begin a letter of another script are
        never sampled (script.py): a 0.5B model's drift into Chinese cannot reach an English voice."""
        kwargs: dict[str, Any] = {}
        with self._evaluating():
            mask = self._script_mask(only_script) if only_script else None
            if mask is not None:
                from llama_cpp import LogitsProcessorList

                def forbid(_ids, logits):
                    logits[mask[: len(logits)]] = -np.inf
                    return logits

                kwargs["logits_processor"] = LogitsProcessorList([forbid])
            for part in self.llama.create_chat_completion(
                messages=messages, max_tokens=max_tokens, temperature=temperature, stream=True, **kwargs
            ):
                piece = part["choices"][0]["delta"].get("content")
                if piece:
                    yield piece

    def _script_mask(self, language: str) -> np.ndarray | None:
        """The forbidden-token mask for a language, made once (~4 s: every token's bytes) and kept next
        to the prompt cache."""
        from .script import token_mask

        if language in self._script_masks:
            return self._script_masks[language]
        file = self.state_dir / f"{self.name}-{self.path.stat().st_size}-script-{language}.npy"
        mask = None
        try:
            mask = np.load(file)
        except (OSError, ValueError):
            pieces = [self.llama.detokenize([t]) for t in range(self.llama.n_vocab())]
            mask = token_mask(pieces, language)
            if mask is not None:
                try:
                    self.state_dir.mkdir(parents=True, exist_ok=True)
                    np.save(file, mask)
                except OSError as exc:
                    log.warning("cannot keep the script mask in %s (%s)", file, exc)
        self._script_masks[language] = mask
        return mask


def load_language_model(config: Config) -> LanguageModel:
    from ..languages import in_reply_language  # answers in the configured language (`language = "ko"`)

    if config.llm.preset == "remote":
        from .remote_llm import RemoteModel

        if not config.llm.remote_url:
            raise UserError('[llm] preset "remote" needs remote_url, e.g. "http://127.0.0.1:8080/v1"')
        return in_reply_language(RemoteModel(config.llm.remote_url, config.llm.remote_model), config)
    return in_reply_language(LlamaModel(model_path_for(config), config.llm.threads, config.llm.n_ctx), config)
