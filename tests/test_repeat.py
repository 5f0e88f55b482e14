""""Repeat that" says the last reply again: a plain one, one written as a stream (the words that were
said), and a question, which stays open."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.config import load_config
from assistant.dialogue.conversation import Conversation
from assistant.plugins import discover_skills
from assistant.routing.router import Router
from assistant.scheduler import Scheduler
from assistant.skill_context import SkillContext

STORY = Path(__file__).parent / "data" / "story_skill"  # a skill whose reply is a stream


@pytest.fixture()
def conv():
    config = load_config(None, {"llm.enabled": False, "skills.dirs": [str(STORY)]})
    skills = discover_skills(config)
    return Conversation(skills, Router(skills), lambda n: SkillContext(config, lambda: 0.0, Scheduler(), n, {}, None))


def test_repeat_says_the_last_reply_again(conv):
    assert conv.respond("what did you say").intent.name != "repeat"  # nothing said yet: routed as usual
    first = conv.respond("set a timer for 5 minutes").reply.text
    assert first == "Timer set for 5 minutes."
    again = conv.respond("Could you repeat that, please?")
    assert again.intent.name == "repeat" and again.reply.text == first
    assert conv.respond("say that again").reply.text == first  # a repeat is not what it repeats
    assert conv.respond("read it back to me").reply.text == first  # after a draft: its words again
    assert conv.respond("uh what was that").reply.text == first  # a filler first (it had been `other`)
    # not heard: "huh" had been `other`, "what" chit-chat ("I'm here to help you")
    for said in ("huh", "what?", "sorry, i didn't catch that"):
        assert conv.respond(said).reply.text == first, said


def test_repeat_says_a_streamed_reply_as_it_was_said(conv):
    turn = conv.respond("tell me the story")
    assert "".join(turn.reply.stream) == "Once there was a fox. It slept all day."
    assert conv.respond("what did you just say").reply.text == "Once there was a fox. It slept all day."


def test_a_question_repeated_stays_open(conv):
    assert conv.respond("set a timer").reply.text == "For how long?"
    again = conv.respond("pardon")
    assert again.reply.text == "For how long?" and again.reply.expects_reply
    assert conv.respond("five minutes").reply.text == "Timer set for 5 minutes."


@pytest.mark.parametrize(
    "said, reply",
    [("okay", "Okay."), ("no", "Okay."), ("Yes, send it.", "There's nothing waiting for a yes."), ("go ahead", "There's nothing waiting for a yes.")],
)
def test_a_yes_or_no_with_nothing_asked_gets_a_short_answer(conv, said, reply):
    # it had been "Sorry, I can't help with that. I can write emails, ...", a list after every "okay"
    conv.respond("set a timer for 5 minutes")
    turn = conv.respond(said)
    assert (turn.intent.name, turn.reply.text, turn.skill) == ("ack", reply, None)
    assert conv.respond("set a timer").reply.text == "For how long?"
    assert conv.respond("yes").reply.text != "Okay."  # a question is open: not an acknowledgement


@pytest.mark.parametrize("said", ["no, that's wrong", "That's not what I meant.", "you are wrong", "you misunderstood me", "you got it wrong"])
def test_told_it_was_wrong(conv, said):
    """ "that's wrong" (CLINC150 labels it `other`: no skill) gets an apology, not "I can't help with
    that"; said to a question waiting for a yes, it is a no."""
    conv.respond("what time is it")
    turn = conv.respond(said)
    assert (turn.intent.name, turn.reply.text) == ("ack", "Sorry about that. Could you say it another way?")
    conv.respond("set an alarm for 7 am")  # the timer skill's offer: "... Shall I set one?"
    turn = conv.respond(said)
    assert (turn.intent.name, turn.reply.expects_reply, conv.pending) == ("cancel", False, None)


def test_what_did_i_just_say_gives_the_users_words_back(conv):
    assert conv.respond("what did i just say").intent.name != "repeat"  # nothing said yet: routed as usual
    conv.respond("set a timer for 5 minutes")
    turn = conv.respond("what did I just ask you?")
    assert (turn.intent.name, turn.reply.text) == ("repeat", 'You said: "set a timer for 5 minutes".')
    assert conv.respond("what did i say").reply.text == turn.reply.text  # the question is not what was said
    assert conv.respond("what was the last thing i asked").reply.text == turn.reply.text
    # "repeat that" now says that again (it had repeated the reply before it)
    assert conv.respond("repeat that").reply.text == turn.reply.text


def test_a_hesitation_is_no_answer_to_a_question(conv):
    """"uh" asked what a timer is for had been taken as the answer ("Uh."); "hmm let me think" closed the
    question with "Sorry, I can't help with that". Both keep it open."""
    assert conv.respond("set a timer").reply.text == "For how long?"
    for said in ("uh", "hmm, let me think"):
        turn = conv.respond(said)
        assert (turn.reply.text, turn.reply.expects_reply) == ("Sorry, I didn't get that. For how long?", True), said
    assert conv.respond("five minutes").reply.text == "Timer set for 5 minutes."


def test_a_question_the_answers_do_not_settle_is_left_on_the_third_time(conv):
    """"Who should it go to?" had been asked again and again, taking "read the last one" and "go back" as
    names, until "cancel"; "Please say yes to go ahead" the same. The third time the question is left (a
    hesitation does not count) and the next words are a command again; nothing is done."""
    assert conv.respond("set a timer").reply.text == "For how long?"
    assert conv.respond("uh").reply.text == "Sorry, I didn't get that. For how long?"  # thinking: no failed answer
    assert conv.respond("0 minutes").reply.text == "Sorry, I didn't get that. For how long?"
    turn = conv.respond("zero")
    assert (turn.reply.text, turn.reply.expects_reply) == (
        "Sorry, I still didn't get that, so I've left it. Say the whole request again when you're ready.", False)
    assert conv.respond("what time is it").intent.name == "get_time"  # a command again, not an answer


@pytest.mark.parametrize(
    "said, reply",
    [
        ("uh like ten minutes", "Timer set for 10 minutes."),  # it had been "Sorry, I didn't get that."
        ("maybe about half an hour", "Timer set for 30 minutes."),  # it had left the question for `other`
        ("an hour and a half", "Timer set for 1 hour and 30 minutes."),
    ],
)
def test_a_hedged_or_spelled_out_length_answers_for_how_long(conv, said, reply):
    assert conv.respond("set a timer").reply.text == "For how long?"
    assert conv.respond(said).reply.text == reply
