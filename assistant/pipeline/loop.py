"""The voice loop: frames in, events out (the stages are drawn in __init__.py)."""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..asr.session import AsrSession
from ..audio.denoise import noise_suppression
from ..audio.sources import AudioFrame
from ..brain.waiting import before_slow_step
from ..dialogue.conversation import Conversation, Turn  # Turn lives in dialogue/turn.py
from ..events import Event
from ..listen.bargein import BargeIn, Kind
from ..listen.vad import Endpointer
from ..routing.intent import OTHER, Intent
from ..scheduler import Due, Scheduler
from ..skill_api import SkillContext
from ..text import normalize, without_wake
from ..text_guard import clean_text
from ..tts.output import NullOutput, Output, chime
from .clock import Clock
from .state import Listening, State, Window
from .voice import Voice

if TYPE_CHECKING:  # the runtime builds the pipeline: a type only, no import cycle
    from ..runtime import Runtime

log = logging.getLogger(__name__)

PRE_ROLL_FRAMES = 10  # 300 ms kept before speech starts when no wake word is used


class Pipeline:
    acknowledges = True  # says "one moment" before slow turns ([latency] acknowledge)

    def __init__(
        self,
        runtime: Runtime,
        emit: Callable[[Event], None],
        output: Output | None = None,
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
            from ..audio.speech_check import SpeechCheck

            self.speech_check = SpeechCheck(self.cfg.vad.speech_threshold)
        self.listening = Listening()
        self.session: AsrSession | None = None
        self.wall_clock = wall_clock
        self._pre: deque[bytes] = deque(maxlen=PRE_ROLL_FRAMES)
        self.turns: list[Turn] = []
        self._emit_lock = threading.RLock()
        lat = self.cfg.latency
        acks = self.acknowledges and lat.enabled and lat.acknowledge and bool(lat.ack_phrase.strip())
        self.voice = Voice(
            runtime,
            self.output,
            Clock(),
            self.listening,
            self.emit,
            self._setup_barge_in(barge_in),
            self._barged_in,
            acks and runtime.speaks,
        )
        self.barge = self.voice.barge
        self.denoise = noise_suppression(self.cfg.audio.noise_suppression) if runtime.hears else None

    def _setup_barge_in(self, want: bool | None) -> BargeIn | None:
        on = self.cfg.barge_in.enabled and self.output.realtime if want is None else want
        if not on or not self.rt.hears:
            return None
        return BargeIn(self.rt, self.wake_phrases if self.wake_enabled else [], self.cfg.barge_in)

    @property
    def clock(self) -> Clock:
        return self.voice.clock

    @clock.setter
    def clock(self, clock: Clock) -> None:  # a file's clock (the Wyoming satellite, tests)
        self.voice.clock = clock

    @property
    def phase(self) -> str:
        """idle or listening, as a screen shows it."""
        return self.listening.phase

    # -- plumbing -------------------------------------------------------------------------------
    def emit(self, type_: str, t: float | None = None, **kw: Any) -> Event:
        event = Event(type=type_, t=self.clock.now() if t is None else t, **kw)  # type: ignore[arg-type]
        with self._emit_lock:  # the acknowledgement is said from a timer thread (Acknowledgement)
            self._emit(event)
        return event

    def _context(self, skill: str) -> SkillContext:
        state = self.skill_state.setdefault(skill, {})
        return SkillContext(
            self.cfg, self.clock.now, self.scheduler, skill, state, self.rt.llm_load, wall_clock=self.wall_clock
        )

    # -- audio path -----------------------------------------------------------------------------
    def attach(self, frames: Iterable[AudioFrame]) -> Iterator[AudioFrame]:
        """The frames to feed; a reply being spoken reads on from the same iterator (barge-in)."""
        self.voice.frames = iter(frames)
        return self.voice.frames

    def run(self, frames: Iterable[AudioFrame]) -> None:
        for frame in self.attach(frames):
            self.feed(frame)

    def feed(self, frame: AudioFrame) -> None:
        self.voice.fed_t = frame.t
        self.clock.on_frame(frame.t)
        for due in self.scheduler.pop_due(self.clock.now()):
            self.ring(due)
        listening = self.listening
        if self.barge is not None:
            frame = self.barge.clean(frame)
        if self.denoise is not None:  # after the canceller, as WebRTC orders them
            frame = self.denoise.clean(frame)
        if self.barge is not None and self.voice.taken_by_barge_in(frame):
            return
        if listening.deaf(frame.t):
            return  # self-wake guard: never listen to our own voice
        if listening.state is State.IDLE:
            self._idle(frame)
        else:
            self._listening(frame)

    def _idle(self, frame: AudioFrame) -> None:
        if self.gate is not None:
            phrase = self.gate.accept(frame.pcm, frame.t)
            if phrase:
                if self.barge is not None:
                    self.barge.reset()  # the same phrase, heard out by the barge-in spotter, is not a second wake
                self.emit("wake", frame.t, text=phrase)
                self._start_listening(frame.t, self.cfg.vad.no_speech_timeout_s, Window.WAKE)
            return
        # no wake word: every utterance is a command; keep a pre-roll so the first word is whole
        self._pre.append(frame.pcm)
        if self.endpointer.process(frame.pcm) == "start":
            self._start_listening(frame.t, None, Window.OPEN)
            self.listening.state = State.HEARING
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
        self._start_listening(t, self.cfg.vad.no_speech_timeout_s, Window.WAKE)

    def stop_speaking(self) -> None:
        """Cut the reply being spoken (safe to call from another thread)."""
        self.voice.stop()

    def _start_listening(self, t: float, timeout: float | None, window: Window) -> None:
        self.listening.open(window, t, timeout)
        self.endpointer.reset()
        if self.speech_check is not None:
            self.speech_check.reset()
        if self.rt.asr is None:
            self.session = None
        else:  # follow-up speech may not be meant for us: an engine with a stricter mode for it uses that
            asr = self.rt.asr
            self.session = asr.strict_session() if window is Window.FOLLOW_UP else asr.session()
        self.voice.drop_ahead()
        if self.session is not None and self.cfg.latency.run_ahead:  # a recognizer that guesses calls them
            turn = self.conversation.responded
            self.session.on_guess = lambda text: self._prepare(text, turn)
            self.session.on_stale = self._drop_prepared

    def _prepare(self, text: str, turn: int) -> bool:
        """A pause's transcript (the recognizer's thread): route it, and run a read-only skill, ahead. A
        complete reply is synthesized too, in a thread of its own (an early endpoint waits for the helper);
        the turn plays it if its reply is the same. True: settled (Router.settled), the end may come sooner."""
        if self.speech_check is not None and not self.speech_check.heard:
            return False  # no speech heard yet: whatever the recognizer made of the noise is not routed
        settled = self.conversation.prepare(self._said(text), turn, self._readings(text))
        if reply := self.conversation.prepared_reply_text():
            self.voice.synthesize_ahead(reply)
        return settled

    def _readings(self, raw: str) -> list[str]:
        """Other readings of the words, for a command the router is unsure of; none in a follow-up window
        (a near reading must not make a command of a TV's words)."""
        said = [] if self.listening.window is Window.FOLLOW_UP else self.rt.asr.alternatives(raw)
        return [w for w in map(self._said, said) if w]

    def _said(self, raw: str) -> str:
        return without_wake(self.wake_phrases, raw) if self.wake_enabled else raw

    def _drop_prepared(self) -> None:
        """The user speaks on after the pause: what was prepared for the words before it is not wanted."""
        self.conversation.drop_prepared()
        self.voice.drop_ahead()

    def _listening(self, frame: AudioFrame) -> None:
        assert self.session is not None
        listening = self.listening
        partial = self.session.accept(frame.pcm)
        if self.speech_check is not None:
            self.speech_check.feed(frame.pcm)
        if partial and listening.speech_started:
            self.emit("asr_partial", frame.t, text=without_wake(self.wake_phrases, partial))
        change = self.endpointer.process(frame.pcm)
        if change == "start" and not listening.speech_started:
            listening.state = State.HEARING
            self.emit("vad_start", frame.t)
        elif change in ("end", "max_length") and listening.speech_started:
            self.emit("vad_end", frame.t, data={"reason": change})
            self._finish_utterance(cut=change == "max_length")
        elif listening.speech_started and (early := self.session.endpoint_reason) is not None:
            # the words so far already make a complete command (the grammar engine): no need to wait longer
            self.emit("vad_end", frame.t, data={"reason": early})
            self._finish_utterance()
        elif listening.timed_out(frame.t):
            self.emit("listen_timeout", frame.t, data={"waited_s": round(frame.t - listening.since, 2)})
            self._go_idle()

    def flush(self, keep_window: bool = False) -> None:
        """End of input: an utterance still open is finished as if the speaker stopped. keep_window:
        more audio follows (the next file of a continuous recording), so a question's answer window or
        a follow-up window stays open into it."""
        if self.listening.state is State.HEARING:
            self.emit("vad_end", data={"reason": "end_of_input"})
            self._finish_utterance()
        if keep_window and self.listening.state is State.LISTENING:
            return
        self._go_idle()

    def _go_idle(self) -> None:
        self.listening.close()
        self.session = None
        self.endpointer.reset()
        if self.gate is not None:
            self.gate.reset()

    def _finish_utterance(self, cut: bool = False) -> None:
        """cut: the utterance reached max_utterance_s while still being spoken."""
        assert self.session is not None
        was_follow_up = self.listening.window is Window.FOLLOW_UP
        if self.speech_check is not None and not self.speech_check.heard:
            # noise, a tone or a hum that webrtcvad took for voice: not transcribed, not answered
            self.session.abandon()
            self.session = None
            self._drop_prepared()
            self.emit("not_speech", data={"speech_probability": round(self.speech_check.peak, 3)})
            self._go_idle()
            return
        raw = self.session.finish()
        self.session = None
        text = self._said(raw)
        self.emit("asr_final", text=text, data={"raw": raw} if raw != text else {})
        self.listening.close()
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
        # follow-up speech that is no command was not meant for us (a TV), unless it began with the wake phrase
        quiet = was_follow_up and text == " ".join(raw.split())
        turn = self.handle_text(text, quiet, self._readings(raw), self.rt.asr.written(raw))
        if turn.ignored:
            self._go_idle()
            return
        self._after_reply(turn.expects_reply)

    def _after_reply(self, expects_reply: bool) -> None:
        if self.voice.barged == "wake":
            return  # the wake word said over the reply opened a new turn: it listens already
        if self.voice.barged == "stop":
            self._go_idle()  # "stop" ends the exchange: no follow-up window
            return
        window = self.cfg.vad.no_speech_timeout_s if expects_reply else self.cfg.vad.follow_up_s
        if self.rt.hears and window > 0 and (self.wake_enabled or expects_reply):
            kind = Window.ANSWER if expects_reply else Window.FOLLOW_UP
            self._start_listening(max(self.listening.busy_until, self.clock.now()), window, kind)
        else:
            self._go_idle()

    def _barged_in(self, kind: Kind, phrase: str, t: float) -> None:
        """The user cut a reply short: the wake word opens a new turn, a stop phrase ends the exchange."""
        if kind == "wake":
            self.emit("wake", t, text=phrase, data={"via": "barge_in"})
            self._start_listening(t, self.cfg.vad.no_speech_timeout_s, Window.WAKE)
        else:
            self._go_idle()

    # -- thinking and speaking ------------------------------------------------------------------
    def _emit_intent(self, said: str, intent: Intent, **extra: Any) -> None:
        """The routing decision, as the UI, logs and bench see it."""
        data = {"source": intent.source, "confidence": round(intent.confidence, 3), **extra}
        self.emit("intent", intent=intent.name, args=intent.args, text=said, data=data)

    def handle_text(self, text: str, quiet_if_other: bool = False, alternatives: Sequence[str] = (), written: str = "") -> Turn:
        """Route one utterance (spoken or typed), run the skill, speak the reply. quiet_if_other: words
        that are no command get no reply (the turn is marked ignored)."""
        text = clean_text(text)  # events and replies carry it: no lone surrogates to print or encode
        announced: list[str] = []
        ack = self.voice.ack

        def announce(said: str, intent, **extra) -> None:  # the routing decision, before the skill runs
            announced.append(intent.name)
            self._emit_intent(said, intent, **extra)
            skill = self.rt.skills.get(intent.name)
            if skill is not None and skill.manifest.slow:
                ack.after(self.cfg.latency.ack_after_s)

        ack.new_turn()
        self.conversation.before_skill = announce
        with before_slow_step(lambda: ack.after(self.cfg.latency.ack_model_after_s)):
            turn = self.conversation.respond(text, alternatives, written)
        if turn.reply.stream is None:  # the answer is known: only synthesis is left, no time to fill
            ack.answer_on_its_way()
        self.turns.append(turn)
        if quiet_if_other and turn.intent.name == "other" and turn.skill is None and not turn.error and not (turn.reply.card or {}).get("answered"):
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

    def _speak_stream(self, turn: Turn) -> None:  # the bench's naive loop speaks it whole instead
        self.voice.speak_stream(turn)

    def speak(self, text: str, skill: str | None = None, prefix: list | None = None) -> None:
        self.voice.speak(text, skill, prefix)

    def ring(self, due: Due) -> None:
        """A due timer: chime and speak now, even in the middle of listening to the user."""
        self.emit("timer_ring", text=due.text, skill=due.skill, data={"key": due.key})
        self.emit("reply", text=due.text, skill=due.skill, intent=due.skill)
        rate = self.rt.tts.sample_rate if self.rt.tts else 22050
        self.speak(due.text, due.skill, prefix=[chime(rate)] if due.sound else None)
        listening = self.listening
        if listening.state is not State.IDLE and self.voice.barged is None:  # the words under the bell are lost
            timeout = listening.timeout or self.cfg.vad.no_speech_timeout_s
            self._start_listening(listening.busy_until, timeout, listening.window)
