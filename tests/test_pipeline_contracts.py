"""The pipeline's declared contracts driven through the real loop with file audio: the listening state
(pipeline/state.py), the recognizer's session hooks (asr/session.py), the reply stream the dialogue hands
the voice (dialogue/reply_stream.py) and the acknowledgement (pipeline/ack.py). Real models throughout; only
a test skill's handler is a stand-in (a model writing a long reply)."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterator

import pytest

from assistant.asr.session import AsrEngine, AsrSession
from assistant.audio.sources import AudioFrame, WavSource
from assistant.dialogue.reply_stream import ReplyStream
from assistant.events import Event
from assistant.pipeline import Pipeline, State, Window
from assistant.skill_api import Reply, Skill
from assistant.tts.output import WavOutput
from assistant.wyoming.satellite import FileClock
from tests.test_asr_no_invented_words import white_noise


def of(events: list[Event], kind: str) -> list[Event]:
    return [e for e in events if e.type == kind]


def states(pipe: Pipeline, frames: Iterator[AudioFrame]) -> list[tuple[State, Window]]:
    """Feed the frames; the (state, window) the loop passes through, each change once."""
    seen: list[tuple[State, Window]] = [(pipe.listening.state, pipe.listening.window)]
    for frame in pipe.attach(frames):
        pipe.feed(frame)
        now = (pipe.listening.state, pipe.listening.window)
        if now != seen[-1]:
            seen.append(now)
        if pipe.listening.state is not State.IDLE:
            assert isinstance(pipe.session, AsrSession)
    return seen


@pytest.fixture(scope="module")
def follow_up_runtime(runtime):
    cfg = runtime.config.model_copy(deep=True)
    cfg.vad.follow_up_s = 3.0  # the shared test config turns follow-ups off
    return dataclasses.replace(runtime, config=cfg)


def test_the_listening_state_follows_a_spoken_turn_and_its_follow_up_window(
    follow_up_runtime, piper, make_wav, tmp_path
):
    events: list[Event] = []
    pipe = Pipeline(follow_up_runtime, events.append, WavOutput(tmp_path))
    pipe.clock = FileClock()  # the reply starts when the command ends, however long the machine took
    wav = make_wav(0.5, piper("Hey computer."), 0.3, piper("What time is it?"), 8.0)
    seen = states(pipe, WavSource(wav).frames())
    assert seen == [
        (State.IDLE, Window.WAKE),
        (State.LISTENING, Window.WAKE),  # the wake word
        (State.HEARING, Window.WAKE),  # the command; its turn is answered within the frame that ends it
        (State.LISTENING, Window.FOLLOW_UP),  # after the reply, without the wake word
        (State.IDLE, Window.FOLLOW_UP),  # nobody spoke on
    ], seen
    assert of(events, "reply") and of(events, "listen_timeout")
    # the reply and its echo: the follow-up window opens where they end, not while they play
    (end,) = of(events, "tts_end")
    assert pipe.listening.busy_until > end.t
    assert pipe.phase == "idle"


def test_a_follow_up_window_uses_the_engines_strict_session(follow_up_runtime, piper, make_wav, tmp_path):
    """Speech nobody addressed: an engine with a stricter mode (the grammar engine: no command grammar)
    gets to use it through AsrEngine.strict_session; the wake word's window uses session()."""
    pipe = Pipeline(follow_up_runtime, lambda e: None, WavOutput(tmp_path))
    pipe.clock = FileClock()
    sessions: dict[Window, AsrSession] = {}
    wav = make_wav(0.5, piper("Hey computer."), 0.3, piper("What time is it?"), 2.0)
    for frame in pipe.attach(WavSource(wav).frames()):
        pipe.feed(frame)
        if pipe.session is not None:
            sessions.setdefault(pipe.listening.window, pipe.session)
    assert isinstance(follow_up_runtime.asr, AsrEngine)
    assert set(sessions) == {Window.WAKE, Window.FOLLOW_UP}
    if getattr(sessions[Window.WAKE], "grammar", None) is not None:  # the grammar engine (English default)
        assert getattr(sessions[Window.FOLLOW_UP], "grammar", "absent") is None


def test_a_muted_microphone_hears_no_wake_word(runtime, piper, make_wav, tmp_path):
    events: list[Event] = []
    pipe = Pipeline(runtime, events.append, WavOutput(tmp_path))
    pipe.listening.muted = True  # the UI's thread sets it
    wav = make_wav(0.5, piper("Hey computer."), 0.3, piper("What time is it?"), 1.5)
    assert states(pipe, WavSource(wav).frames()) == [(State.IDLE, Window.WAKE)]
    assert events == []
    pipe.listening.muted = False
    pipe.run(WavSource(wav).frames(pipe.clock.now() + 1.0))
    pipe.flush()
    assert [e.intent for e in of(events, "intent")] == ["get_time"]


def test_noise_abandons_the_session_and_frees_the_grammar_decoder(runtime, make_wav, run_pipeline):
    """Noise webrtcvad took for voice is not transcribed: the session is abandoned (AsrSession.abandon),
    which for the grammar engine hands its one decoder back for the next utterance."""
    events, _ = run_pipeline(make_wav(0.5, white_noise(3), 2.0), wake=False)
    assert of(events, "not_speech") and not of(events, "asr_final")
    if hasattr(runtime.asr, "grammar_owner"):  # the grammar engine: one decoder, one utterance at a time
        assert runtime.asr.grammar_owner is None


def test_every_engine_and_session_declares_the_contract():
    from assistant.asr.hybrid_engine import HybridEngine, HybridSession
    from assistant.asr.pocketsphinx_engine import PocketsphinxEngine, PocketsphinxSession
    from assistant.asr.vosk_engine import VoskEngine, VoskSession
    from assistant.asr.whisper_engine import WhisperEngine, WhisperSession
    from assistant.asr.wyoming_engine import WyomingAsrEngine, WyomingAsrSession

    engines = [HybridEngine, PocketsphinxEngine, VoskEngine, WhisperEngine, WyomingAsrEngine]
    sessions = [HybridSession, PocketsphinxSession, VoskSession, WhisperSession, WyomingAsrSession]
    assert all(issubclass(e, AsrEngine) for e in engines) and all(issubclass(s, AsrSession) for s in sessions)
    with pytest.raises(TypeError):  # accept and finish have no default
        type("Half", (AsrSession,), {"accept": lambda self, pcm: None})()


def _streaming_runtime(runtime, written: list[int], pieces: int):
    """get_time answering with a long reply written piece by piece, as a language model streams it."""

    def sentences() -> Iterator[str]:
        for i in range(pieces):
            time.sleep(0.1)  # a model writes a sentence in about this long
            written.append(i)
            yield f" Number {i + 1}."

    async def handle(args, ctx) -> Reply:
        return Reply("Here is a long answer.", stream=sentences())

    skill = runtime.skills["get_time"]
    skills = {**runtime.skills, "get_time": Skill(skill.manifest, handle, "test")}
    return dataclasses.replace(runtime, skills=skills)


def test_a_streamed_reply_cut_short_is_cancelled(runtime, piper, make_wav, tmp_path):
    """A spoken command whose reply is still being written (prepared ahead at the pause, in a thread of its
    own); the user hushes it as it starts (the UI's Esc): the speech stops and so does the writing."""
    written: list[int] = []
    pieces = 200  # 20 s of writing: far more than the turn takes
    events: list[Event] = []
    pipe: Pipeline

    def emit(event: Event) -> None:
        events.append(event)
        if event.type == "tts_first_audio":
            pipe.stop_speaking()

    pipe = Pipeline(_streaming_runtime(runtime, written, pieces), emit, WavOutput(tmp_path), wake=False)
    pipe.run(WavSource(make_wav(0.5, piper("What time is it?"), 2.0)).frames())
    pipe.flush()
    (end,) = of(events, "tts_end")
    assert end.data.get("stopped")
    turn = pipe.turns[-1]
    assert turn.reply.text.startswith("Here is a long answer.") and turn.reply.stream is None
    stopped_at = len(written)
    time.sleep(0.5)  # five pieces' time: a writer still running would have written more
    assert len(written) <= stopped_at + 1 < pieces  # the piece being written when it was cancelled


def test_the_dialogue_hands_the_voice_a_cancellable_stream(runtime):
    """Whatever iterator a skill streams, the turn carries a ReplyStream: cancelled, it yields no more."""
    written: list[int] = []
    pipe = Pipeline(_streaming_runtime(runtime, written, 5), lambda e: None)
    turn = pipe.conversation.respond("what time is it")
    stream = turn.reply.stream
    assert isinstance(stream, ReplyStream)
    pieces = iter(stream)
    assert next(pieces) == " Number 1."
    stream.cancel()
    assert list(pieces) == [] and written == [0]  # the next piece was never asked for


def test_the_acknowledgement_is_said_before_a_slow_spoken_turn(runtime, piper, make_wav, tmp_path):
    cfg = runtime.config.model_copy(deep=True)
    cfg.latency.ack_after_s = 0  # said at once, not only when the reply is late
    events: list[Event] = []
    pipe = Pipeline(dataclasses.replace(runtime, config=cfg), events.append, WavOutput(tmp_path))
    pipe.clock = FileClock()
    wav = make_wav(0.5, piper("Hey computer."), 0.3, piper("What's the weather like today?"), 2.0)
    pipe.run(WavSource(wav).frames())
    pipe.flush()
    (ack,) = of(events, "ack")
    assert ack.text == cfg.latency.ack_phrase and pipe.voice.ack.said
    speech = sum(c.duration_s for c in runtime.speech(cfg.latency.ack_phrase))
    assert pipe.voice.ack.until == pytest.approx(ack.t + speech)
    (first,) = of(events, "tts_first_audio")
    assert first.t == pytest.approx(pipe.voice.ack.until)  # the reply waits until "One moment." was heard
    assert "offline" in of(events, "reply")[0].text.lower()


def test_every_wake_spotter_declares_the_contract(runtime):
    """The wake gate and barge-in read `phrases` and `continuous` of any spotter (listen/spotter.py)."""
    from assistant.listen.confirm import ConfirmedWake
    from assistant.listen.spotter import Spotter
    from assistant.listen.trained import MicroWake, OpenWakeWordWake
    from assistant.listen.verify import VerifiedWake
    from assistant.listen.wake import PocketsphinxWake, VoskWake

    spotters = (PocketsphinxWake, VoskWake, MicroWake, OpenWakeWordWake, ConfirmedWake, VerifiedWake)
    assert all(issubclass(c, Spotter) for c in spotters)
    assert MicroWake.continuous and OpenWakeWordWake.continuous and not PocketsphinxWake.continuous
    gate = runtime.wake_gate(["hey computer"])
    assert isinstance(gate.spotter, Spotter) and gate.spotter.phrases == ["hey computer"]
