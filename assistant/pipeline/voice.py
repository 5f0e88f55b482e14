"""The assistant's voice: replies spoken through the output (a streamed one clause by clause), "One
moment." before a slow turn (ack.py), speech synthesized ahead, and, with barge-in (listen/bargein.py),
the microphone read on while a reply plays so the wake word or a stop phrase can cut it."""

from __future__ import annotations

import dataclasses
import itertools
import logging
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from ..audio.sources import AudioFrame
from ..dialogue.ahead import RunAhead
from ..dialogue.turn import Turn
from ..listen.bargein import BargeIn, Kind
from ..memory import give_back_freed_memory
from ..tts.clauses import clauses
from ..tts.output import Output
from .ack import Acknowledgement
from .clock import ECHO_TAIL_S, Clock
from .state import Listening, State

if TYPE_CHECKING:  # the runtime builds the pipeline: a type only, no import cycle
    from ..runtime import Runtime

log = logging.getLogger(__name__)


class Voice:
    def __init__(
        self,
        rt: Runtime,
        output: Output,
        clock: Clock,
        listening: Listening,
        emit: Callable[..., Any],
        barge: BargeIn | None,
        on_barge_in: Callable[[Kind, str, float], None],
        acknowledges: bool,
    ):
        """on_barge_in(kind, phrase, t): the user cut a reply short at t (the loop listens or goes idle)."""
        self.rt, self.output, self.clock, self.listening = rt, output, clock, listening
        self.emit, self.barge, self._on_barge_in = emit, barge, on_barge_in
        self.ack = Acknowledgement(acknowledges, self._say_ack)
        self.hush = False  # set by stop() from another thread (the UI's Esc)
        self.barged: Kind | None = None  # what the user said over the last reply, if anything
        self.frames: Iterator[AudioFrame] | None = None  # the audio source, read on while speaking
        self.fed_t = 0.0  # the end of the last frame read
        # a reply prepared at the pause and its speech, synthesized while the endpoint is awaited
        self._ahead: tuple[str, RunAhead] | None = None
        if barge is not None:  # speakers: the canceller's reference is what they play
            output.on_play = lambda pcm, rate: barge.far.place(pcm, rate, self.clock.now(), contiguous=True)

    def stop(self) -> None:
        """Cut the reply being spoken (safe to call from another thread)."""
        self.hush = True
        self.output.stop()

    # -- speech synthesized ahead ---------------------------------------------------------------
    def synthesize_ahead(self, reply: str) -> None:
        """Synthesize a reply prepared ahead, in a thread of its own; speak() plays it if its words are
        the turn's."""
        if self.rt.tts is not None:
            self.drop_ahead()  # an earlier pause's
            self._ahead = (reply, RunAhead(self.rt.tts.synthesize(reply)))

    def drop_ahead(self) -> None:
        """Stop synthesizing speech no turn will play (at its next sentence): it takes the cores from
        the recognizer while the user speaks."""
        ahead, self._ahead = self._ahead, None
        if ahead is not None:
            ahead[1].cancel()

    # -- speaking -------------------------------------------------------------------------------
    def _say_ack(self) -> float:
        """Say the acknowledgement (a timer's thread): queued, speakers play it while the model or skill
        works. Returns when it has been heard."""
        phrase = self.rt.config.latency.ack_phrase
        chunks = self.rt.speech(phrase)
        t = self.clock.now()
        self.emit("ack", t, text=phrase)
        for chunk in chunks:
            self.output.play(chunk)
        return t + sum(c.duration_s for c in chunks)

    def speak_stream(self, turn: Turn) -> None:
        """A reply still being written (LLM): speak each clause as soon as it is complete, so speech
        starts before generation ends; afterwards the turn holds the whole text."""
        stream = turn.reply.stream
        assert stream is not None
        written = [turn.reply.text]

        def pieces():
            try:
                for piece in stream:
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
        # a reply written ahead (dialogue/ahead.py) and cut short (stop): its thread would write on to
        # max_tokens, keeping the model from the next turn
        stream.cancel()  # type: ignore[attr-defined]  # a ReplyStream (the dialogue wraps every stream)
        text = "".join(written).strip() or "Sorry, I have nothing to say to that."
        turn.reply = dataclasses.replace(turn.reply, text=text, stream=None)

    def speak(
        self, text: str, skill: str | None = None, prefix: list | None = None, chunks: Iterable | None = None
    ) -> None:
        """Speak text (or already-synthesized chunks, played as they arrive)."""
        if (not text and chunks is None) or self.rt.tts is None:
            return
        ahead = self._ahead
        spoken_ahead = chunks is None and ahead is not None and ahead[0] == text
        if spoken_ahead:
            self._ahead = None
            chunks = iter(ahead[1])  # the same words, synthesized while the endpoint was awaited
        elif chunks is None:
            chunks = self.rt.tts.synthesize(text)
        first: float | None = None
        total = 0.0
        self.hush = False
        self.barged = None
        barge = self.barge
        for chunk in itertools.chain(prefix or [], chunks):
            if self.hush:
                break
            if first is None:
                first = self.ack.reply_starts(self.clock.now())
                self.emit("tts_first_audio", first, skill=skill, data={"synthesized_ahead": True} if spoken_ahead else {})
            if barge is not None and not self.output.realtime:  # a file "plays" it on the audio clock
                barge.far.place(chunk.pcm, chunk.rate, first + total)
            elif barge is not None and total > 0:
                self._catch_up()  # speakers already play the reply's start: hear what was said over it
                if self.hush:
                    break
            self.output.play(chunk)
            total += chunk.duration_s
        if barge is not None and first is not None and self.frames is not None:
            self._listen_over_reply(first + total)
        path = self.output.end_reply()
        if first is None:
            return
        # played in real time on speakers; simulated (first audio + duration) for files
        end = self.clock.now() if self.output.realtime else max(self.clock.now(), first + total)
        if self.barged is not None:
            end = self.listening.busy_until  # set where the user cut in
        self.emit(
            "tts_end",
            end,
            skill=skill,
            data={
                "audio_s": round(total, 3),
                **({"wav": str(path)} if path else {}),
                **({"stopped": True} if self.hush else {}),
            },
        )
        # the wake word said over the reply: what follows it is the command, not echo
        self.listening.busy_until = end if self.barged == "wake" else end + ECHO_TAIL_S
        if barge is not None:
            barge.far.end_stream()
        give_back_freed_memory()  # the turn's working memory (memory.py)

    # -- barge-in: hearing the user over a reply ------------------------------------------------
    def _listen_over_reply(self, end: float) -> None:
        """Read the microphone on while the reply plays: speakers until they fall silent, a file until the
        reply's simulated end on the audio clock; stops at a barge-in."""
        assert self.frames is not None and self.barge is not None
        realtime = self.output.realtime
        if realtime:
            self.output.end_reply(wait=False)
        while not self.hush and (self.output.busy() if realtime else True):
            frame = next(self.frames, None)
            if frame is None:
                return  # the source ended (a file)
            self.fed_t = frame.t
            self.clock.on_frame(frame.t)
            if self.hear_over_reply(self.barge.clean(frame)) or (not realtime and frame.t >= end):
                return

    def _catch_up(self) -> None:
        """Speakers, between the sentences of a reply still being written or synthesized: hear what the
        microphone delivered meanwhile, up to now (never waiting on it for longer than a frame or two)."""
        if self.frames is None or self.barge is None:
            return
        until = self.clock.now() - 0.1
        while not self.hush and self.fed_t < until:
            frame = next(self.frames, None)
            if frame is None:
                return
            self.fed_t = frame.t
            self.clock.on_frame(frame.t)
            if self.hear_over_reply(self.barge.clean(frame)):
                return

    def taken_by_barge_in(self, frame: AudioFrame) -> bool:
        """A cleaned frame after the reply was spoken: True if it is the barge-in path's alone (the
        echo's tail, or the wake word said over the reply's end, heard out, that cut in)."""
        assert self.barge is not None
        listening = self.listening
        if listening.muted:
            return False
        if frame.t < listening.busy_until:
            self.hear_over_reply(frame)  # the echo's tail
            return True
        # the wake word begun over the reply and ending after it: the barge-in spotter heard its start;
        # otherwise the frame goes on to the usual path too (nothing the user says next is lost)
        return (
            listening.state is not State.HEARING
            and self.barge.mid_phrase(frame.t, listening.busy_until)
            and self.hear_over_reply(frame, stop=False)
        )

    def hear_over_reply(self, frame: AudioFrame, stop: bool = True) -> bool:
        """A cleaned frame heard while the assistant speaks; True if the user cut in. stop=False: only
        the wake word (a phrase begun over the reply, heard out after it)."""
        assert self.barge is not None
        if self.listening.muted:
            return False
        hit = self.barge.hear(frame, stop)
        if hit is None:
            return False
        kind, phrase = hit
        self.barged = kind
        self.hush = True
        self.output.stop()
        self.barge.far.cut(frame.t)
        self.listening.busy_until = frame.t
        self.emit("barge_in", frame.t, text=phrase, data={"kind": kind})
        self._on_barge_in(kind, phrase, frame.t)
        return True
