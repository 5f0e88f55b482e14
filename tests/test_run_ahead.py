"""Running a turn ahead (assistant/dialogue/ahead.py): at a pause, the transcript is routed and a read-only
skill runs before the endpoint; the turn takes what was prepared for the same words and drops it for
others. Real skills, router, model and recognizer; no timings asserted."""

from __future__ import annotations

import dataclasses

import numpy as np

from assistant.audio.sources import frames_from_pcm
from assistant.dialogue.conversation import Conversation
from assistant.loading import loaded
from assistant.routing.llm_router import LlmRouter
from assistant.routing.router import Router
from assistant.scheduler import Scheduler
from assistant.skill_context import SkillContext


def _conversation(runtime, llm=None):
    sched = Scheduler()
    router = Router(runtime.skills, loaded(LlmRouter(runtime.skills, llm))) if llm is not None else runtime.router
    conv = Conversation(runtime.skills, router, lambda n: SkillContext(runtime.config, lambda: 0.0, sched, n, {}, loaded(llm)))
    return conv, sched


class CountingRouter:
    def __init__(self, inner):
        self.inner, self.calls = inner, 0

    def route(self, text):
        self.calls += 1
        return self.inner.route(text)

    def __getattr__(self, item):
        return getattr(self.inner, item)


def test_a_read_only_skill_runs_ahead_and_the_turn_takes_its_reply(runtime, llm):
    conv, _ = _conversation(runtime, llm)
    conv.prepare("how do you feel about mondays")  # the model writes it (a joke or "how was your day" is said at once)
    prepared = conv._prepared
    assert prepared is not None and prepared.skill == "chitchat"
    stream = prepared.reply.stream
    written = list(stream)  # written in the run-ahead thread, read here as the pipeline would
    assert "".join(written).strip()
    turn = conv.respond("how do you feel about mondays")
    assert turn.ran_ahead and turn.reply.stream is stream  # not written a second time
    assert "".join(turn.reply.stream).strip() == "".join(written).strip()


def test_other_words_drop_what_was_run_ahead(runtime, llm):
    conv, _ = _conversation(runtime, llm)
    conv.prepare("how do you feel about mondays")
    stream = conv._prepared.reply.stream
    turn = conv.respond("what do you think of rainy days")  # the user went on speaking: the final differs
    stream.wait()  # its writing stopped and let go of the model (the turn's own reply needs it)
    assert not turn.ran_ahead and turn.reply.stream is not stream
    assert turn.skill == "chitchat" and "".join(turn.reply.stream).strip()


def test_a_skill_that_changes_something_is_routed_ahead_but_not_run(runtime):
    conv, sched = _conversation(runtime)
    router = CountingRouter(conv.router)
    conv.router = router
    conv.prepare("set a timer for ten minutes")
    assert conv._prepared.intent.name == "set_timer" and conv._prepared.reply is None
    assert sched.pending() == []  # no timer before the user has finished
    turn = conv.respond("set a timer for ten minutes")
    assert router.calls == 1  # the decision made ahead is the turn's
    assert turn.reply.text == "Timer set for 10 minutes." and len(sched.pending()) == 1


def test_nothing_is_prepared_for_words_already_answered(runtime):
    """A transcript that reaches prepare() after its turn began (the endpoint came first) must not leave
    a reply for a later turn with the same words."""
    conv, _ = _conversation(runtime)
    turn_at_start = conv.responded
    conv.respond("what time is it")
    conv.prepare("what time is it", turn_at_start)
    assert conv._prepared is None


def test_the_loop_speaks_a_reply_written_during_the_pause(runtime, llm, piper, tmp_path):
    """Audio in, frames as a microphone gives them: at the pause Whisper transcribes and the chit-chat
    reply starts being written; at the endpoint the turn takes it."""
    from assistant.pipeline import Pipeline
    from assistant.tts.output import NullOutput

    router = Router(runtime.skills, loaded(LlmRouter(runtime.skills, llm)))
    rt = dataclasses.replace(runtime, router=router, llm_load=loaded(llm))
    events: list = []
    pipe = Pipeline(rt, events.append, NullOutput(), wake=False)
    pcm = np.concatenate([np.zeros(4800, np.int16), piper("tell me something funny"), np.zeros(24000, np.int16)])
    for frame in frames_from_pcm(pcm):
        pipe.feed(frame)
        guess = getattr(pipe.session, "guess", None)
        if guess is not None:
            guess.wait()  # a microphone's next frame comes 30 ms later: let the pause's work finish first
    pipe.flush()
    reply = next(e for e in events if e.type == "reply")
    assert reply.skill == "chitchat" and reply.text.strip()
    assert reply.data.get("ran_ahead") is True
    assert [e.text for e in events if e.type == "asr_final"] == ["tell me something funny"]


def test_a_command_heard_at_the_pause_is_answered_and_synthesized_before_the_endpoint(runtime, piper):
    """Whisper's guess at the 120 ms pause is "what time is it"; the turn is prepared and its reply
    synthesized while the early endpoint is awaited, and the turn plays that audio. "set a timer ..."
    changes something: routed ahead, never run or spoken ahead."""
    from assistant.pipeline import Pipeline
    from assistant.tts.output import NullOutput

    for command, ahead in (("what time is it", True), ("set a timer for 10 minutes", False)):
        events: list = []
        pipe = Pipeline(runtime, events.append, NullOutput(), wake=False)
        pcm = np.concatenate([np.zeros(4800, np.int16), piper(command), np.zeros(24000, np.int16)])
        for frame in frames_from_pcm(pcm):
            pipe.feed(frame)
            guess = getattr(pipe.session, "guess", None)
            if guess is not None:
                guess.wait()  # the next frame comes 30 ms later: let the pause's work finish first
        pipe.flush()
        assert [e.text for e in events if e.type == "asr_final"] == [command]
        reply = next(e for e in events if e.type == "reply")
        first = next(e for e in events if e.type == "tts_first_audio")
        assert reply.data.get("ran_ahead", False) is ahead and reply.text
        assert first.data.get("synthesized_ahead", False) is ahead, command


def test_the_honest_answer_to_what_no_skill_does_is_synthesized_before_the_endpoint(runtime, piper):
    """`other` (a third of real commands) has its answer as soon as the pause's words are routed: it is
    spoken from speech synthesized while the endpoint is awaited."""
    from assistant.pipeline import Pipeline
    from assistant.tts.output import NullOutput

    events: list = []
    pipe = Pipeline(runtime, events.append, NullOutput(), wake=False)
    pcm = np.concatenate([np.zeros(4800, np.int16), piper("play some jazz music"), np.zeros(24000, np.int16)])
    for frame in frames_from_pcm(pcm):
        pipe.feed(frame)
        for job in (getattr(pipe.session, "guess", None), getattr(pipe.session, "preparing", None)):
            if job is not None:
                (job.wait if hasattr(job, "wait") else job.join)()
    pipe.flush()
    reply = next(e for e in events if e.type == "reply")
    first = next(e for e in events if e.type == "tts_first_audio")
    assert reply.intent == "other" and reply.text.startswith("Sorry, I can't play some jazz music. I can ")
    assert first.data.get("synthesized_ahead") is True


def test_a_reply_written_ahead_stops_when_cancelled():
    """What a stopped turn (the user said stop, or the words changed) leaves behind: the writing thread
    ends at the next piece and closes the stream, so the model is free for the next turn."""
    import threading

    from assistant.dialogue.ahead import RunAhead

    gate, closed = threading.Event(), threading.Event()

    def slow():
        try:
            for i in range(100):
                gate.wait()
                yield f"piece {i} "
        finally:
            closed.set()

    ahead = RunAhead(slow())
    ahead.cancel()
    gate.set()
    ahead.wait()
    assert closed.is_set() and len(list(ahead)) <= 1
