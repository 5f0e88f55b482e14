"""The low-latency recognizer: the final transcript is ready when the user stops speaking.

Wraps the configured English engine (hybrid, whisper or pocketsphinx) and adds, per utterance:
1. a pocketsphinx decoder restricted to the skills' command sentences (command_grammar.py), fed frame by frame
   while the user speaks. When its hypothesis parses as a template command and its acoustic score is
   high (calibrated on Piper speech: in-grammar commands score >= 0.64, other speech <= 0.51), it IS
   the final: no Whisper pass, and the endpoint may come after a short silence (`endpoint_ready`).
2. otherwise, at the first pause (`pause_ms` of silence) Whisper starts on the audio so far in a
   background thread, and the router is asked to prefetch its decision for that text (or the
   listener's whole turn is prepared: `on_guess`, Conversation.prepare). If the user speaks again the
   guess is stale and the final is transcribed afresh; else the endpoint (600 ms of silence later)
   finds both done or nearly so. When the router decided the guess for sure without the language model
   and nothing is missing (`on_guess` or the prefetch returns True: Router.settled), the endpoint comes
   after `confident_end_silence_ms` instead; so it does when the words are a whole command by the
   end-of-command model (turn_end.py), whichever skill they are for and while the model still routes
   them, and after `likely_end_silence_ms` when that model finds them likely complete.
"""

from __future__ import annotations

import logging
import os
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import webrtcvad

from ..audio import FRAME_MS, SAMPLE_RATE
from ..memory import give_back_freed_memory
from ..text import normalize
from .command_grammar import build_jsgf
from .pocketsphinx_engine import decoder_with_files, dictionary_lines, dictionary_words
from .session import AsrEngine, AsrSession
from .turn_end import load_turn_end

if TYPE_CHECKING:
    from ..config import Config

log = logging.getLogger(__name__)

# words said before a command that the grammar should absorb rather than misread
LEAD_WORDS = ["hey computer", "computer", "okay", "ok", "hey", "please", "can you", "could you"]


@dataclass
class FastSettings:
    """From the config's [latency] and [vad] sections (`fast_settings`), where the defaults live."""

    grammar: bool
    min_grammar_score: float
    early_end_silence_ms: int
    confident_end_silence_ms: int
    likely_end_silence_ms: int
    speculate: bool
    pause_ms: int
    vad_aggressiveness: int
    turn_end: bool = False  # the end-of-command model may end the utterance (English words only)


class _Guess:
    """Whisper (then the turn prepared, or a routing prefetch) running on the audio up to a pause."""

    def __init__(self, engine: FastEngine, pcm: bytes, frames: int, then: Callable[[str], bool | None] | None):
        self.frames = frames  # audio frames it saw; stale once a voiced frame arrives after them
        self.text: str | None = None
        self.settled = False  # the router decided these words for sure, without the model, nothing missing
        self.end_probability = 0.0  # the end-of-command model's: the words are a whole command
        self.seconds = 0.0
        self.stale = False
        self._text_ready = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(engine, pcm, then), daemon=True)
        self._thread.start()

    def _run(self, engine: FastEngine, pcm: bytes, then: Callable[[str], None] | None) -> None:
        start = time.perf_counter()
        try:
            self.text = engine.final_text(pcm)
            self.seconds = time.perf_counter() - start
            if engine.turn_end is not None and self.text:
                self.end_probability = engine.turn_end.probability(self.text)
            self._text_ready.set()
            if self.text and not self.stale and then is not None:
                self.settled = bool(then(self.text))  # the listener's turn, run ahead (Conversation.prepare)
            elif self.text and not self.stale and engine.prefetch is not None:
                self.settled = bool(engine.prefetch(self.text))
        except Exception:  # a failed guess only costs the fallback below
            log.exception("speculative transcription failed")
        finally:
            self._text_ready.set()
            give_back_freed_memory()  # Whisper's and the model's working memory (memory.py)

    def wait_text(self) -> str | None:
        """The transcript (the routing prefetch may still run: the router waits for it itself)."""
        self._text_ready.wait()
        return self.text

    def wait(self) -> None:
        self._thread.join()

    @property
    def done(self) -> bool:
        return not self._thread.is_alive()


def _prepare(then: Callable[[str], None], text: str) -> None:
    """The listener's turn for a command the grammar heard, prepared in a helper thread."""
    try:
        then(text)
    except Exception:  # preparing ahead only saves time; the turn does the same work itself
        log.exception("preparing the turn ahead failed")


class FastSession(AsrSession):
    def __init__(self, engine: FastEngine, use_grammar: bool = True):
        self.engine = engine
        self.partials = engine.partial_engine.session() if engine.partial_engine is not None else None
        self.grammar = engine.grammar_decoder if use_grammar else None
        if self.grammar is not None:
            engine.close_grammar()
            self.grammar.start_utt()
            engine.grammar_owner = self
        self.pcm: list[bytes] = []
        self._decoded = 0  # frames of self.pcm the pocketsphinx decoders have seen
        self.vad = webrtcvad.Vad(engine.settings.vad_aggressiveness)
        self.heard_speech = False
        self.silent_ms = 0
        self._paused = False
        self.command: str | None = None  # a complete command heard before the current pause
        self.guess: _Guess | None = None
        self.info: dict[str, Any] = {}  # how the final was made (bench and logs)
        # set by the listener: called with a pause's transcript (in the guess's thread) to prepare the
        # turn, and when the user speaks on after it
        self.on_guess: Callable[[str], bool | None] | None = None
        self.on_stale: Callable[[], None] | None = None
        self.preparing: threading.Thread | None = None  # on_guess for a command the grammar heard

    # -- streaming ------------------------------------------------------------------------------
    def accept(self, pcm: bytes) -> str | None:
        self.pcm.append(pcm)
        voiced = len(pcm) == SAMPLE_RATE * FRAME_MS // 1000 * 2 and self.vad.is_speech(pcm, SAMPLE_RATE)
        partial = None
        if voiced or not (self._paused and self.guess is not None):
            partial = self._decode(self.pcm[self._decoded :])
            self._decoded = len(self.pcm)
        # else the decoders rest while Whisper and the model work on the pause: they want the 2 cores, and
        # the two pocketsphinx decoders took ~6 ms of every 30 ms frame of silence. They catch up on the
        # held frames if the user speaks again; at the endpoint the silence has nothing to add (the
        # final is the guess's or Whisper's, and the grammar's hypothesis was taken at the pause)
        if voiced:
            self.heard_speech = True
            self.silent_ms = 0
            self._paused = False
            if self.command is not None and self.on_stale is not None:
                self.on_stale()  # the words go on after a command was heard: what was prepared is not it
            self.command = None
            if self.guess is not None and not self.guess.stale:
                self.guess.stale = True
                if self.on_stale is not None:
                    self.on_stale()
        else:
            self.silent_ms += FRAME_MS
            if self.heard_speech and not self._paused and self.silent_ms >= self.engine.settings.pause_ms:
                self._paused = True
                self._at_pause()
        return partial

    def _decode(self, frames: list[bytes]) -> str | None:
        partial = None
        for pcm in frames:
            if self.grammar is not None and self.engine.grammar_owner is self:
                self.grammar.process_raw(pcm, False, False)
            if self.partials is not None:
                partial = self.partials.accept(pcm) or partial
        return partial

    def _at_pause(self) -> None:
        s = self.engine.settings
        text, score = self._grammar_hyp()
        if text and score >= s.min_grammar_score and self.engine.parses(text):
            self.command = text
            if self.on_guess is not None:  # the turn, prepared while the early endpoint is awaited
                self.preparing = threading.Thread(target=_prepare, args=(self.on_guess, text), daemon=True)
                self.preparing.start()
            return
        if s.speculate and self.engine.whisper is not None and (self.guess is None or self.guess.done):
            self.guess = _Guess(self.engine, b"".join(self.pcm), len(self.pcm), self.on_guess)

    @property
    def endpoint_reason(self) -> str | None:
        """The user has paused after a complete command: no need to wait for the full end silence.
        "complete_command": the grammar or the guess parses as a template (early_end_silence_ms);
        "confident_command": the router settled the guess without the model (confident_end_silence_ms);
        "complete_turn": the guess is a whole command by the end-of-command model (the same silence; the
        router may still be deciding, and the turn waits for it); "likely_turn": that model finds it
        likely complete (likely_end_silence_ms)."""
        s = self.engine.settings
        if self.silent_ms < s.early_end_silence_ms:
            return None
        if self.command is not None:
            return "complete_command"
        g = self.guess
        if g is None or g.stale or not g.text:
            return None
        if g.done and self.engine.parses(g.text):
            return "complete_command"
        if self.silent_ms < s.confident_end_silence_ms:
            return None
        if g.done and g.settled:
            return "confident_command"
        turn_end = self.engine.turn_end
        tier = turn_end.tier(g.end_probability) if turn_end is not None and g.end_probability else None
        if tier == "complete_turn" or (tier == "likely_turn" and self.silent_ms >= s.likely_end_silence_ms):
            return tier
        return None

    def _grammar_hyp(self) -> tuple[str, float]:
        if self.grammar is None or self.engine.grammar_owner is not self:
            return "", 0.0
        hyp = self.grammar.hyp()
        return (normalize(hyp.hypstr), float(hyp.score)) if hyp and hyp.hypstr else ("", 0.0)

    # -- the final -------------------------------------------------------------------------------
    def finish(self) -> str:
        start = time.perf_counter()
        text, score = "", 0.0
        if self.grammar is not None and self.engine.grammar_owner is self:
            self.grammar.end_utt()
            self.engine.grammar_owner = None
            text, score = self._grammar_hyp_final()
        s = self.engine.settings
        guess = self.guess
        if text and score >= s.min_grammar_score and self.engine.parses(text):
            # the open-vocabulary decoder is closed by the next session, off the critical path
            final, how = text, "grammar"
        elif guess is not None and not guess.stale and guess.wait_text() is not None:
            final, how = guess.text or "", "speculative"
        elif self.engine.whisper is not None:
            final, how = self.engine.final_text(b"".join(self.pcm)), "after_endpoint"
        else:
            final, how = (self.partials.finish() if self.partials is not None else ""), "pocketsphinx"
        if guess is not None and guess.text != final:
            guess.wait()  # a stale guess may still be routing: never leave the model busy behind our back
        self.info = {
            "final_source": how,
            "grammar_text": text,
            "grammar_score": round(score, 3),
            "finish_s": round(time.perf_counter() - start, 4),
            **({"speculative_s": round(guess.seconds, 3), "speculative_stale": guess.stale} if guess else {}),
        }
        self.engine.last_info = self.info
        return final

    def abandon(self) -> None:
        """Close the decoders without a final (warm-up)."""
        if self.partials is not None:
            self.partials.finish()
        if self.grammar is not None and self.engine.grammar_owner is self:
            self.grammar.end_utt()
            self.engine.grammar_owner = None

    def _grammar_hyp_final(self) -> tuple[str, float]:
        hyp = self.grammar.hyp() if self.grammar is not None else None
        return (normalize(hyp.hypstr), float(hyp.score)) if hyp and hyp.hypstr else ("", 0.0)


class FastEngine(AsrEngine):
    """An AsrEngine: `session()` gives FastSessions; `transcribe()` stays the wrapped engine's."""

    @property
    def streams_partials(self) -> bool:  # type: ignore[override]  # only with the partial decoder loaded
        return self.partial_engine is not None

    def __init__(
        self,
        base: Any,
        settings: FastSettings,
        parses=None,
        prefetch=None,
        intents=None,
        cache_file: Path | None = None,
    ):
        self.base = base
        self.name = base.name  # what the user configured still names the engine
        self.settings = settings
        self.parses = parses or (lambda text: False)
        self.prefetch = prefetch  # callable(text) that routes ahead of time, or None
        kind = base.name
        self.partial_engine = (
            base.partial_engine if kind == "hybrid" else base if kind == "pocketsphinx" else None
        )
        self.whisper = base.final_engine if kind == "hybrid" else base if kind == "whisper" else None
        self.grammar_decoder = None
        self.grammar_owner: FastSession | None = None
        self.grammar_info: dict[str, Any] = {}
        self.last_info: dict[str, Any] = {}
        # loaded with the engine (0.13 s), not at the first pause of the first command
        self.turn_end = load_turn_end() if settings.turn_end else None
        if settings.grammar and intents is not None:
            self.grammar_decoder = self._grammar_decoder(intents, cache_file)

    def _grammar_decoder(self, intents, cache_file: Path | None):
        # beams tighter than the defaults: a third of the CPU, same results on command sentences.
        # No lattice best-path pass: hyp() after it took 0.36 s at every pause and at the endpoint on 2
        # cores, the Viterbi result is ready at once. Scores move up by 0.005-0.02 (in-grammar commands
        # 0.66-0.70, other speech <= 0.53 on the bench's Piper commands): min_grammar_score went from
        # 0.58 to 0.60 to keep the margin below other speech
        opts = {"samprate": SAMPLE_RATE, "loglevel": "FATAL", "maxhmmpf": 1000, "bestpath": False}
        opts |= {"beam": 1e-30, "wbeam": 1e-20, "pbeam": 1e-30}
        if cache_file is not None and cache_file.is_file():  # spelling out numbers takes ~1 s
            jsgf = cache_file.read_text(encoding="utf-8")
            head = jsgf.splitlines()[0]
            self.grammar_info = {"cached": True, **dict(x.split("=") for x in head.split()[1:])}
        else:
            known = dictionary_words()
            grammar = build_jsgf(intents, known.__contains__, LEAD_WORDS)
            self.grammar_info = {"sentences": grammar.sentences, "skipped": grammar.skipped}
            jsgf = f"// sentences={grammar.sentences} skipped={grammar.skipped}\n{grammar.jsgf}"
            if cache_file is not None:
                try:
                    cache_file.parent.mkdir(parents=True, exist_ok=True)
                    tmp = cache_file.with_suffix(".tmp")
                    tmp.write_text(jsgf, encoding="utf-8")
                    os.replace(tmp, cache_file)
                except OSError as exc:
                    log.warning("cannot cache the command grammar in %s (%s)", cache_file, exc)
        # only the grammar's words, no language model: ~25 MB less than the full dictionary, and faster
        body = re.sub(r"<[^>]*>", " ", jsgf.split("grammar commands;", 1)[-1])  # drop the rule names
        words = dictionary_lines(re.findall(r"[^\s()\[\]|;=*+]+", body))
        decoder = decoder_with_files({"jsgf": jsgf, "dict": words}, lm=None, **opts)
        log.info("command grammar: %s", self.grammar_info)
        return decoder

    def close_grammar(self) -> None:
        """A new utterance takes the grammar decoder from an abandoned one (listening timed out)."""
        if self.grammar_owner is not None:
            self.grammar_decoder.end_utt()
            self.grammar_owner = None

    def final_text(self, pcm: bytes) -> str:
        if self.whisper is not None:
            return self.whisper.transcribe(pcm)
        return self.base.transcribe(pcm)

    def session(self) -> FastSession:
        return FastSession(self)

    def strict_session(self) -> FastSession:
        """For speech nobody addressed with the wake word (a follow-up window): the command grammar
        forces any speech onto its nearest command ("for a long while" can come out as "timer for one
        hour" with a passing score), so only Whisper's transcript counts here."""
        return FastSession(self, use_grammar=False)

    def transcribe(self, pcm: bytes) -> str:
        return self.base.transcribe(pcm)

    def quick_transcript(self, pcm: bytes, expect: str | None = None) -> str | None:
        return self.base.quick_transcript(pcm, expect)

    def alternatives(self, text: str) -> list[str]:
        return self.base.alternatives(text)

    def written(self, text: str) -> str:
        return self.base.written(text)

    # first calls into CTranslate2 and pocketsphinx allocate and page in: warm both at start
    def warm_up_whisper(self) -> None:
        if self.whisper is not None:
            self.whisper.transcribe(_noise())

    def warm_up_grammar(self) -> None:
        s = self.session()
        s.accept(_noise()[: SAMPLE_RATE * FRAME_MS // 1000 * 2])
        s.abandon()


def _noise() -> bytes:
    import numpy as np

    return (np.random.default_rng(0).standard_normal(SAMPLE_RATE) * 300).astype(np.int16).tobytes()


def fast_settings(config: Config) -> FastSettings:
    lat = config.latency
    return FastSettings(
        grammar=lat.grammar,
        min_grammar_score=lat.min_grammar_score,
        early_end_silence_ms=lat.early_end_silence_ms,
        confident_end_silence_ms=lat.confident_end_silence_ms,
        likely_end_silence_ms=lat.likely_end_silence_ms,
        speculate=lat.speculate,
        pause_ms=lat.pause_ms,
        vad_aggressiveness=config.vad.aggressiveness,
        turn_end=lat.turn_end and config.language == "en",
    )
