"""The voice loop: frames in, events out.

idle --wake--> listening --vad end--> thinking (ASR final, route, skill) --> speaking --> idle
                  |  no speech within the timeout --> idle                  \\-> listening (follow-up)

Audio arriving while the assistant speaks is dropped (it would hear itself), unless barge-in is on
(listen/bargein.py): then every frame passes an echo canceller and, while a reply plays, only the wake word
or a stop phrase is listened for. Due timers ring on every frame whatever the state.
"""

from __future__ import annotations

import dataclasses
import itertools
import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import Any, Literal

from .asr.base import AsrSession
from .audio.sources import AudioFrame
from .brain.ahead import RunAhead
from .brain.dialogue import Conversation, Turn
from .brain.waiting import before_slow_step
from .events import Event
from .listen.bargein import BargeIn, Kind
from .listen.vad import Endpointer
from .memory import give_back_freed_memory
from .routing.intent import OTHER, Intent
from .runtime import Runtime
from .scheduler import Due, Scheduler
from .skill_api import SkillContext
from .text import normalize
from .text_guard import clean_text
from .tts.clauses import clauses
from .tts.output import NullOutput, chime

log = logging.getLogger(__name__)

State = Literal["idle", "listening"]
PRE_ROLL_FRAMES = 10  # 300 ms kept before speech starts when no wake word is used
ECHO_TAIL_S = 0.25  # the room's echo outlasts the last sample a little


class Clock:
    """Seconds on the audio clock, moved on by the wall time spent between frames (thinking,
    speaking), and never backwards."""

    def __init__(self):
        self._audio_t = 0.0
        self._wall = time.monotonic()
        self._last = 0.0
        # the speakers' thread reads it too (barge-in places what they play): a reading between the two
        # writes of on_frame would add a whole pause to the new frame's time, and _last keeps it
        self._lock = threading.Lock()

    def on_frame(self, t: float) -> None:
        with self._lock:
            self._audio_t = t
            self._wall = time.monotonic()

    def now(self) -> float:
        with self._lock:
            self._last = max(self._last, self._audio_t + (time.monotonic() - self._wall))
            return self._last


class Pipeline:
    acknowledges = True  # says "one moment" before slow turns ([latency] acknowledge)

    def __init__(
        self,
        runtime: Runtime,
        emit: Callable[[Event], None],
        output: Any = None,
        wake: bool = True,
        wake_phrases: list[str] | None = None,
        scheduler: Scheduler | None = None,
        wall_clock: Callable[[], datetime] | None = None,  # skills' "now"; tests freeze it
        barge_in: bool | None = None,  # None: [barge_in] enabled, on speakers only
    ):
        self.rt = runtime
        self.cfg = runtime.config
        self._emit = emit
        self.output = output or NullOutput()
        self.wake_enabled = wake and self.cfg.wake.enabled
        self.wake_phrases = [normalize(p) for p in (wake_phrases or self.cfg.wake.phrases)]
        self.clock = Clock()
        self.scheduler = scheduler or Scheduler()
        self.skill_state: dict[str, dict] = {}
        self.conversation = Conversation(
            runtime.skills, runtime.router, self._context, self.cfg.skills.timeout_s
        )
        self.gate = runtime.wake_gate(self.wake_phrases) if (self.wake_enabled and runtime.hears) else None
        self.endpointer = Endpointer(runtime.vad_settings())
        # webrtcvad lets noise and tones through: a neural check must hear speech in an utterance
        # before it is transcribed and answered ([vad] speech_check)
        self.speech_check = None
        if self.cfg.vad.speech_check and runtime.hears:
            from .listen.speech_check import SpeechCheck

            self.speech_check = SpeechCheck(self.cfg.vad.speech_threshold)
        self.state: State = "idle"
        self.session: AsrSession | None = None
        self.listen_since = 0.0
        self.listen_timeout: float | None = None
        self.window = "wake"
        self.speech_started = False
        self.busy_until = -1.0
        self.muted = False
        self.wall_clock = wall_clock
        self._hush = False  # set by stop_speaking() from another thread (the UI's Esc)
        # a reply prepared at the pause and its speech, synthesized while the endpoint is awaited
        self._spoken_ahead: tuple[str, RunAhead] | None = None
        self._pre: deque[bytes] = deque(maxlen=PRE_ROLL_FRAMES)
        self.turns: list[Turn] = []
        self._emit_lock = threading.RLock()
        self._setup_ack()
        self._frames: Iterator[AudioFrame] | None = None  # the audio source, read on while speaking
        self._fed_t = 0.0  # the end of the last frame read
        self.barged: Kind | None = None  # what the user said over the last reply, if anything
        self.barge = self._setup_barge_in(barge_in)

    def _setup_barge_in(self, want: bool | None) -> BargeIn | None:
        on = self.cfg.barge_in.enabled and self.output.realtime if want is None else want
        if not on or not self.rt.hears:
            return None
        barge = BargeIn(self.rt, self.wake_phrases if self.wake_enabled else [], self.cfg.barge_in)
        if hasattr(self.output, "on_play"):  # speakers: the canceller's reference is what they play
            self.output.on_play = lambda pcm, rate: barge.far.place(pcm, rate, self.clock.now(), contiguous=True)
        return barge

    # -- plumbing -------------------------------------------------------------------------------
    def emit(self, type_: str, t: float | None = None, **kw: Any) -> Event:
        event = Event(type=type_, t=self.clock.now() if t is None else t, **kw)  # type: ignore[arg-type]
        with self._emit_lock:  # the acknowledgement is said from a timer thread (_say_ack)
            self._emit(event)
        return event

    def _context(self, skill: str) -> SkillContext:
        return SkillContext(
            self.cfg,
            self.clock.now,
            self.scheduler,
            skill,
            self.skill_state.setdefault(skill, {}),
            self.rt.llm_load,
            wall_clock=self.wall_clock,
        )

    # -- audio path -----------------------------------------------------------------------------
    def attach(self, frames: Iterable[AudioFrame]) -> Iterator[AudioFrame]:
        """The frames to feed; a reply being spoken reads on from the same iterator (barge-in)."""
        self._frames = iter(frames)
        return self._frames

    def run(self, frames: Iterable[AudioFrame]) -> None:
        for frame in self.attach(frames):
            self.feed(frame)

    def feed(self, frame: AudioFrame) -> None:
        self._fed_t = frame.t
        self.clock.on_frame(frame.t)
        for due in self.scheduler.pop_due(self.clock.now()):
            self.ring(due)
        if self.barge is not None:
            frame = self.barge.clean(frame)
            if frame.t < self.busy_until and not self.muted:
                self._hear_over_reply(frame)  # the echo's tail
                return
        if frame.t < self.busy_until or self.muted:
            return  # self-wake guard: never listen to our own voice
        if self.state == "idle":
            self._idle(frame)
        else:
            self._listening(frame)

    def _idle(self, frame: AudioFrame) -> None:
        if self.gate is not None:
            phrase = self.gate.accept(frame.pcm, frame.t)
            if phrase:
                self.emit("wake", frame.t, text=phrase)
                self._start_listening(frame.t, self.cfg.vad.no_speech_timeout_s, "wake")
            return
        # no wake word: every utterance is a command; keep a pre-roll so the first word is whole
        self._pre.append(frame.pcm)
        if self.endpointer.process(frame.pcm) == "start":
            self._start_listening(frame.t, None, "open")
            self.speech_started = True
            self.emit("vad_start", frame.t)
            assert self.session is not None
            for pcm in self._pre:
                self.session.accept(pcm)
                if self.speech_check is not None:
                    self.speech_check.feed(pcm)
            self._pre.clear()
            self.endpointer.in_speech = True

    def start_listening_now(self) -> None:
        """Push-to-talk: listen for a command now, as if the wake word had been heard."""
        if not self.rt.hears:
            return
        t = self.clock.now()
        self.emit("wake", t, text="", data={"via": "push_to_talk"})
        self._start_listening(t, self.cfg.vad.no_speech_timeout_s, "wake")

    def stop_speaking(self) -> None:
        """Cut the reply being spoken (safe to call from another thread)."""
        self._hush = True
        self.output.stop()

    def _start_listening(self, t: float, timeout: float | None, window: str) -> None:
        """window: why we listen: "wake" (wake word or push-to-talk), "answer" (we asked a question),
        "follow_up" (after a reply, no wake word needed), "open" (no wake word configured)."""
        self.state = "listening"
        self.window = window
        self.listen_since = t
        self.listen_timeout = timeout
        self.speech_started = False
        self.endpointer.reset()
        if self.speech_check is not None:
            self.speech_check.reset()
        # follow-up speech may not be meant for us: an engine with a stricter mode for it uses that
        strict = getattr(self.rt.asr, "strict_session", None) if window == "follow_up" else None
        self.session = (strict or self.rt.asr.session)() if self.rt.asr else None
        self._drop_spoken_ahead()
        if hasattr(self.session, "on_guess") and self.cfg.latency.run_ahead:  # the fast recognizer
            turn = self.conversation.responded
            self.session.on_guess = lambda text: self._prepare(text, turn)
            self.session.on_stale = self._drop_prepared

    def _prepare(self, text: str, turn: int) -> None:
        """A pause's transcript (the recognizer's thread): route it, and run a read-only skill, ahead.
        A complete reply is synthesized too, in a thread of its own (the recognizer's helper must
        finish: an early endpoint waits for it); the turn plays that speech if its reply is the same."""
        if self.speech_check is not None and not self.speech_check.heard:
            return  # no speech heard yet: whatever the recognizer made of the noise is not routed
        self.conversation.prepare(self._strip_wake(text) if self.wake_enabled else text, turn)
        reply = self.conversation.prepared_reply_text()
        if reply and self.rt.tts is not None:
            self._drop_spoken_ahead()  # an earlier pause's
            self._spoken_ahead = (reply, RunAhead(self.rt.tts.synthesize(reply)))

    def _drop_prepared(self) -> None:
        """The user speaks on after the pause: what was prepared for the words before it is not wanted."""
        self.conversation.drop_prepared()
        self._drop_spoken_ahead()

    def _drop_spoken_ahead(self) -> None:
        """Stop synthesizing speech no turn will play (at its next sentence): it takes the cores from
        the recognizer while the user speaks."""
        ahead, self._spoken_ahead = self._spoken_ahead, None
        if ahead is not None:
            ahead[1].cancel()

    def _listening(self, frame: AudioFrame) -> None:
        assert self.session is not None
        partial = self.session.accept(frame.pcm)
        if self.speech_check is not None:
            self.speech_check.feed(frame.pcm)
        if partial and self.speech_started:
            self.emit("asr_partial", frame.t, text=self._strip_wake(partial))
        change = self.endpointer.process(frame.pcm)
        if change == "start" and not self.speech_started:
            self.speech_started = True
            self.emit("vad_start", frame.t)
        elif change in ("end", "max_length") and self.speech_started:
            self.emit("vad_end", frame.t, data={"reason": change})
            self._finish_utterance(cut=change == "max_length")
        elif self.speech_started and getattr(self.session, "endpoint_ready", False):
            # the words so far already make a complete command (asr/grammar_engine.py): no need to wait longer
            self.emit("vad_end", frame.t, data={"reason": "complete_command"})
            self._finish_utterance()
        elif not self.speech_started and self.listen_timeout is not None:
            if frame.t - self.listen_since >= self.listen_timeout:
                self.emit("listen_timeout", frame.t, data={"waited_s": round(frame.t - self.listen_since, 2)})
                self._go_idle()

    def flush(self, keep_window: bool = False) -> None:
        """End of input: an utterance still open is finished as if the speaker stopped. keep_window:
        more audio follows (the next file of a continuous recording), so a question's answer window or
        a follow-up window stays open into it."""
        if self.state == "listening" and self.speech_started:
            self.emit("vad_end", data={"reason": "end_of_input"})
            self._finish_utterance()
        if keep_window and self.state == "listening" and not self.speech_started:
            return
        self._go_idle()

    def _go_idle(self) -> None:
        self.state = "idle"
        self.session = None
        self.speech_started = False
        self.endpointer.reset()
        if self.gate is not None:
            self.gate.reset()

    def _strip_wake(self, text: str) -> str:
        """Drop the wake phrase (or its tail) if the ASR heard it at the start of the command."""
        words = text.split()
        wake_words = {w for p in self.wake_phrases for w in p.split()}
        while words and words[0] in wake_words:
            words.pop(0)
        return " ".join(words)

    def _finish_utterance(self, cut: bool = False) -> None:
        """cut: the utterance reached max_utterance_s while still being spoken."""
        assert self.session is not None
        was_follow_up = self.window == "follow_up"
        if self.speech_check is not None and not self.speech_check.heard:
            # noise, a tone or a hum that webrtcvad took for voice: not transcribed, not answered
            abandon = getattr(self.session, "abandon", None)
            if abandon is not None:
                abandon()
            self.session = None
            self._drop_prepared()
            self.emit("not_speech", data={"speech_probability": round(self.speech_check.peak, 3)})
            self._go_idle()
            return
        raw = self.session.finish()
        self.session = None
        text = self._strip_wake(raw) if self.wake_enabled else raw
        self.emit("asr_final", text=text, data={"raw": raw} if raw != text else {})
        self.state = "idle"
        if text and was_follow_up and cut:
            # speech that runs past max_utterance_s in a follow-up window is people talking, not a
            # command to us: whatever a recognizer made of it, it is not routed (a stray match in a
            # long transcript must not set a timer)
            self._emit_intent(text, Intent(OTHER, {}, "none", 0.0), ignored="follow-up speech too long for a command")
            self._go_idle()
            return
        if not text:
            if not was_follow_up and self.wake_enabled:
                self.speak("Sorry, I didn't catch that.")
            self._after_reply(False)
            return
        # speech in a follow-up window that is no command was most likely not meant for us (a TV, people
        # talking): stay quiet and close the window, or a monologue would keep the assistant replying
        turn = self.handle_text(text, quiet_if_other=was_follow_up)
        if turn.ignored:
            self._go_idle()
            return
        self._after_reply(turn.expects_reply)

    def _after_reply(self, expects_reply: bool) -> None:
        if self.barged == "wake":
            return  # the wake word said over the reply opened a new turn: it listens already
        if self.barged == "stop":
            self._go_idle()  # "stop" ends the exchange: no follow-up window
            return
        window = self.cfg.vad.no_speech_timeout_s if expects_reply else self.cfg.vad.follow_up_s
        if self.rt.hears and window > 0 and (self.wake_enabled or expects_reply):
            kind = "answer" if expects_reply else "follow_up"
            self._start_listening(max(self.busy_until, self.clock.now()), window, kind)
        else:
            self._go_idle()

    # -- acknowledging slow turns -------------------------------------------------------------------
    def _setup_ack(self) -> None:
        """Whether this pipeline says the acknowledgement. handle_text registers it for its turn
        (brain/waiting.py); it is synthesized once per voice (Runtime.speech; the voice's loader does
        it while warming up)."""
        self._ack_lock = threading.Lock()  # the acknowledgement (a timer thread) vs the reply's start
        self._ack_timer: threading.Timer | None = None
        self._ack_due = 0.0  # when the timer fires (monotonic)
        self._new_turn_ack()
        lat = self.cfg.latency
        on = self.acknowledges and lat.enabled and lat.acknowledge and lat.ack_phrase.strip()
        self._ack_on = bool(on) and self.rt.speaks

    def _new_turn_ack(self) -> None:
        with self._ack_lock:
            if self._ack_timer is not None:
                self._ack_timer.cancel()
            self._ack_timer = None
            self._acked = False
            self._ack_until = -1.0
            self._replying = False

    def _acknowledge(self, delay: float) -> None:
        """The turn has become slow: say the acknowledgement if the reply has not started `delay` seconds
        from now. An answer that is ready by then is not held back behind "One moment." (the reply waits
        until the acknowledgement has been heard). A second call may bring it forward, never put it
        off. Only the thread handling the turn calls this (speculative routing has no hook)."""
        if not self._ack_on or self._acked:
            return
        due = time.monotonic() + delay
        with self._ack_lock:
            if self._ack_timer is not None:
                if due >= self._ack_due:
                    return
                self._ack_timer.cancel()
                self._ack_timer = None
        if delay <= 0:
            self._say_ack()
            return
        timer = threading.Timer(delay, lambda: self._say_ack(timer))
        timer.daemon = True
        self._ack_timer, self._ack_due = timer, due
        timer.start()

    def _model_decides(self) -> None:
        self._acknowledge(self.cfg.latency.ack_model_after_s)

    def _say_ack(self, timer: threading.Timer | None = None) -> None:
        with self._ack_lock:
            # a timer of an earlier turn that fired just as this one began must not speak in it
            stale = timer is not None and timer is not self._ack_timer
            if stale or self._acked or self._replying:
                return
            self._acked = True
            chunks = self.rt.speech(self.cfg.latency.ack_phrase)
            t = self.clock.now()
            self.emit("ack", t, text=self.cfg.latency.ack_phrase)
            for chunk in chunks:  # queued: speakers play it while the model or skill works
                self.output.play(chunk)
            self._ack_until = t + sum(c.duration_s for c in chunks)

    def _answer_on_its_way(self) -> None:
        """No acknowledgement from now on in this turn (one already said is still heard in full)."""
        with self._ack_lock:
            self._replying = True
            if self._ack_timer is not None:
                self._ack_timer.cancel()

    def _reply_starts(self) -> float:
        """When the reply's first sample plays: now, or once the acknowledgement has been heard."""
        self._answer_on_its_way()
        return max(self.clock.now(), self._ack_until) if self._acked else self.clock.now()

    # -- thinking and speaking ------------------------------------------------------------------
    def _emit_intent(self, said: str, intent: Intent, **extra: Any) -> None:
        """The routing decision, as the UI, logs and bench see it."""
        data = {"source": intent.source, "confidence": round(intent.confidence, 3), **extra}
        self.emit("intent", intent=intent.name, args=intent.args, text=said, data=data)

    def handle_text(self, text: str, quiet_if_other: bool = False) -> Turn:
        """Route one utterance (spoken or typed), run the skill, speak the reply. quiet_if_other: words
        that are no command get no reply (the turn is marked ignored)."""
        text = clean_text(text)  # events and replies carry it: no lone surrogates to print or encode
        announced: list[str] = []

        def announce(said: str, intent, **extra) -> None:  # the routing decision, before the skill runs
            announced.append(intent.name)
            self._emit_intent(said, intent, **extra)
            skill = self.rt.skills.get(intent.name)
            if skill is not None and skill.manifest.slow:
                self._acknowledge(self.cfg.latency.ack_after_s)

        self._new_turn_ack()
        self.conversation.before_skill = announce
        with before_slow_step(self._model_decides):
            turn = self.conversation.respond(text)
        if turn.reply.stream is None:  # the answer is known: only synthesis is left, no time to fill
            self._answer_on_its_way()
        self.turns.append(turn)
        if quiet_if_other and turn.intent.name == "other" and turn.skill is None and not turn.error:
            turn.ignored = True
            announce(text, turn.intent, ignored="follow-up speech that is no command")
            return turn
        if not announced:  # no skill ran (other, a question, a cancel): the decision is the turn's intent
            announce(text, turn.intent)
        if turn.error:
            self.emit("error", text=turn.error, skill=turn.skill)
        streamed = turn.reply.stream is not None
        if streamed:
            self._speak_stream(turn)
        if turn.skill and turn.intent.name == turn.skill:
            self.emit(
                "skill_result",
                skill=turn.skill,
                text=turn.reply.text,
                data={"card": turn.reply.card} if turn.reply.card else {},
            )
        self.emit(
            "reply",
            text=turn.reply.text,
            intent=turn.intent.name,
            skill=turn.skill,
            data={"ran_ahead": True} if turn.ran_ahead else {},
        )
        if not streamed:
            self.speak(turn.reply.text, turn.skill)
        return turn

    def _speak_stream(self, turn: Turn) -> None:
        """A reply still being written (LLM): speak each clause as soon as it is complete, so speech
        starts before generation ends; afterwards the turn holds the whole text."""
        written = [turn.reply.text]

        def pieces():
            try:
                for piece in turn.reply.stream or ():
                    written.append(piece)
                    yield piece
            except Exception:  # a failing model ends the reply; the loop goes on
                log.exception("streamed reply from %s failed", turn.skill)

        said = clauses(itertools.chain([turn.reply.text], pieces()))
        if self.rt.tts is None:
            for _ in said:
                pass
        else:
            tts = self.rt.tts
            self.speak("", turn.skill, chunks=(c for clause in said for c in tts.synthesize(clause)))
        cancel = getattr(turn.reply.stream, "cancel", None)
        if cancel is not None:  # a reply written ahead (brain/ahead.py) and cut short (stop_speaking):
            cancel()  # its thread would write on to max_tokens, keeping the model from the next turn
        text = "".join(written).strip() or "Sorry, I have nothing to say to that."
        turn.reply = dataclasses.replace(turn.reply, text=text, stream=None)

    def speak(
        self, text: str, skill: str | None = None, prefix: list | None = None, chunks: Iterable | None = None
    ) -> None:
        """Speak text (or already-synthesized chunks, played as they arrive)."""
        if (not text and chunks is None) or self.rt.tts is None:
            return
        ahead = self._spoken_ahead
        spoken_ahead = chunks is None and ahead is not None and ahead[0] == text
        if spoken_ahead:
            self._spoken_ahead = None
            chunks = iter(ahead[1])  # the same words, synthesized while the endpoint was awaited
        elif chunks is None:
            chunks = self.rt.tts.synthesize(text)
        first: float | None = None
        total = 0.0
        self._hush = False
        self.barged = None
        barge = self.barge
        for chunk in itertools.chain(prefix or [], chunks):
            if self._hush:
                break
            if first is None:
                first = self._reply_starts()
                self.emit("tts_first_audio", first, skill=skill, data={"synthesized_ahead": True} if spoken_ahead else {})
            if barge is not None and not self.output.realtime:  # a file "plays" it on the audio clock
                barge.far.place(chunk.pcm, chunk.rate, first + total)
            elif barge is not None and total > 0:
                self._catch_up()  # speakers already play the reply's start: hear what was said over it
                if self._hush:
                    break
            self.output.play(chunk)
            total += chunk.duration_s
        if barge is not None and first is not None and self._frames is not None:
            self._listen_over_reply(first + total)
        path = self.output.end_reply()
        if first is None:
            return
        # played in real time on speakers; simulated (first audio + duration) for files
        end = self.clock.now() if self.output.realtime else max(self.clock.now(), first + total)
        if self.barged is not None:
            end = self.busy_until  # set where the user cut in
        self.emit(
            "tts_end",
            end,
            skill=skill,
            data={
                "audio_s": round(total, 3),
                **({"wav": str(path)} if path else {}),
                **({"stopped": True} if self._hush else {}),
            },
        )
        # the wake word said over the reply: what follows it is the command, not echo
        self.busy_until = end if self.barged == "wake" else end + ECHO_TAIL_S
        if barge is not None:
            barge.far.end_stream()
        give_back_freed_memory()  # the turn's working memory (memory.py)

    def ring(self, due: Due) -> None:
        """A due timer: chime and speak now, even in the middle of listening to the user."""
        self.emit("timer_ring", text=due.text, skill=due.skill, data={"key": due.key})
        self.emit("reply", text=due.text, skill=due.skill, intent=due.skill)
        rate = self.rt.tts.sample_rate if self.rt.tts else 22050
        self.speak(due.text, due.skill, prefix=[chime(rate)] if due.sound else None)
        if self.state == "listening" and self.barged is None:  # the words under the bell are lost
            self._start_listening(
                self.busy_until, self.listen_timeout or self.cfg.vad.no_speech_timeout_s, self.window
            )

    # -- barge-in (listen/bargein.py) -----------------------------------------------------------
    def _listen_over_reply(self, end: float) -> None:
        """Read the microphone on while the reply plays: speakers until they fall silent, a file until the
        reply's simulated end on the audio clock; stops at a barge-in."""
        assert self._frames is not None
        realtime = self.output.realtime and hasattr(self.output, "busy")
        if realtime:
            self.output.end_reply(wait=False)
        while not self._hush and (self.output.busy() if realtime else True):
            frame = next(self._frames, None)
            if frame is None:
                return  # the source ended (a file)
            self._fed_t = frame.t
            self.clock.on_frame(frame.t)
            assert self.barge is not None
            if self._hear_over_reply(self.barge.clean(frame)) or (not realtime and frame.t >= end):
                return

    def _catch_up(self) -> None:
        """Speakers, between the sentences of a reply still being written or synthesized: hear what the
        microphone delivered meanwhile, up to now (never waiting on it for longer than a frame or two)."""
        if self._frames is None or self.barge is None:
            return
        until = self.clock.now() - 0.1
        while not self._hush and self._fed_t < until:
            frame = next(self._frames, None)
            if frame is None:
                return
            self._fed_t = frame.t
            self.clock.on_frame(frame.t)
            if self._hear_over_reply(self.barge.clean(frame)):
                return

    def _hear_over_reply(self, frame: AudioFrame) -> bool:
        """A cleaned frame heard while the assistant speaks; True if the user cut in."""
        assert self.barge is not None
        if self.muted:
            return False
        hit = self.barge.hear(frame)
        if hit is None:
            return False
        kind, phrase = hit
        self.barged = kind
        self._hush = True
        self.output.stop()
        self.barge.far.cut(frame.t)
        self.busy_until = frame.t
        self.emit("barge_in", frame.t, text=phrase, data={"kind": kind})
        if kind == "wake":
            self.emit("wake", frame.t, text=phrase, data={"via": "barge_in"})
            self._start_listening(frame.t, self.cfg.vad.no_speech_timeout_s, "wake")
        else:
            self._go_idle()
        return True
