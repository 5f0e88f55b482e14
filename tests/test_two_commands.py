"""Two commands said as one ("set a timer for 5 minutes and tell me a joke"): both run, in order, and
are answered in one reply; a list or a part that leans on the other stays one command."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.config import load_config
from assistant.dialogue.compound import split_commands
from assistant.dialogue.conversation import Conversation
from assistant.plugins import discover_skills
from assistant.routing.router import Router
from assistant.scheduler import Scheduler
from assistant.skill_context import SkillContext

STORY = Path(__file__).parent / "data" / "story_skill"  # a skill whose reply is a stream


@pytest.fixture()
def setup():
    config = load_config(None, {"llm.enabled": False, "skills.dirs": [str(STORY)], "timezone": "UTC"})
    skills = discover_skills(config)
    router = Router(skills)
    scheduler = Scheduler()
    conv = Conversation(skills, router, lambda n: SkillContext(config, lambda: 0.0, scheduler, n, {}, None))
    return conv, router, scheduler


def spoken(turn) -> str:
    return turn.reply.text + "".join(turn.reply.stream or [])


def test_two_commands_both_run_in_order(setup):
    conv, _, scheduler = setup
    turn = conv.respond("set a timer for 5 minutes and tell me the story")
    assert spoken(turn) == "Timer set for 5 minutes. Once there was a fox. It slept all day."
    assert [d.text for d in scheduler.pending("timer")] == ["Your 5 minute timer is done."]
    turn = conv.respond("tell me the story then set a timer for 2 minutes")
    assert spoken(turn) == "Once there was a fox. It slept all day. Timer set for 2 minutes."
    assert conv.respond("repeat that").reply.text == "Once there was a fox. It slept all day. Timer set for 2 minutes."
    turn = conv.respond("what time is it and what's the date")
    assert turn.reply.text.startswith("It's ") and " Today is " in turn.reply.text


def test_a_first_command_that_asks_asks_last(setup):
    """A question the first command asks ("which timer?") ends the reply; the second command is done
    before it (it had been dropped: "email alice i'm on my way and set a timer" set no timer)."""
    conv, _, scheduler = setup
    turn = conv.respond("cancel the timer and tell me the story")  # no timer: nothing to ask, said so
    assert "".join(turn.reply.stream or []).endswith("It slept all day.")
    conv.respond("set a timer for 5 minutes")
    conv.respond("set a timer for 10 minutes")
    turn = conv.respond("cancel a timer and tell me the story")
    assert turn.reply.expects_reply is True and turn.intent.name == "set_timer"
    said = spoken(turn)
    assert said.startswith("Once there was a fox. It slept all day.") and said.endswith("?"), said
    assert len(scheduler.pending("timer")) == 2
    # the question is still the one open: its answer cancels that timer
    conv.respond("the 5 minute one")
    assert [d.text for d in scheduler.pending("timer")] == ["Your 10 minute timer is done."]


@pytest.mark.parametrize(
    "text",
    [
        "set timers for 5 and 10 minutes",  # one command: the timer skill sets both
        "find a restaurant with pizza and pasta",
        "send an email to alice and bob",
        "write an email to alice saying hi and see you soon",
        "what time is it and is it raining there",  # "there" with no place before it
        "cancel the pasta timer and the tea timer",
        "set a timer for 5 minutes and 10 seconds",  # one length
        "email bob saying i'm at home and in the office by 6",  # one email's words
    ],
)
def test_one_command_with_and_is_not_split(setup, text):
    _, router, _ = setup
    assert split_commands(text, router.whole_command) is None


def test_there_in_the_second_command_is_the_first_ones_place(setup):
    _, router, _ = setup
    parts = split_commands("what's the weather in paris and what time is it there", router.whole_command)
    assert [(said, i.name, i.args.get("place") or i.args.get("location")) for said, i in parts] == [
        ("what's the weather in paris", "weather", "paris"), ("what time is it in paris", "get_time", "paris")
    ]


def test_a_second_command_with_the_first_ones_head_left_out(setup):
    """"remind me in 5 minutes to check the oven and in 10 minutes to take it out" had been one reminder
    whose name was too long ("Sorry, I didn't get that right"); "tomorrow and on saturday" one day."""
    conv, router, scheduler = setup
    parts = split_commands("remind me in 5 minutes to check the oven and in 10 minutes to take it out", router.whole_command)
    assert [said for said, _ in parts] == ["remind me in 5 minutes to check the oven", "remind me in 10 minutes to take it out"]
    turn = conv.respond("remind me in 5 minutes to check the oven and in 10 minutes to take it out")
    assert turn.reply.text == "I'll remind you to check the oven in 5 minutes. I'll remind you to take it out in 10 minutes."
    assert [d.text for d in scheduler.pending("timer")] == ["Time to check the oven.", "Time to take it out."]
    parts = split_commands("what's the weather like tomorrow and on saturday", router.whole_command)
    assert [(i.name, i.args.get("day")) for _, i in parts] == [("weather", "tomorrow"), ("weather", "weekend")]


def test_a_long_text_is_not_tried_for_two_commands(setup):
    """Every "and" costs a template match: a pasted page (more than two commands' words) is not split."""
    _, router, _ = setup
    assert split_commands(" and ".join(["what time is it"] * 30), router.whole_command) is None
    assert split_commands(" and ".join(["what time is it"] * 2), router.whole_command) is not None
