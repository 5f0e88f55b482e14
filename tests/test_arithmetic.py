"""One sum said aloud, worked out as `other`'s answer (it had been "Sorry, I can't help with that"); words that
only hold numbers are no sum."""

from __future__ import annotations

import pytest

from assistant.arithmetic import worked_out
from assistant.config import Config
from assistant.dialogue.conversation import Conversation
from assistant.dialogue.phrases import said_words
from assistant.plugins import discover_skills
from assistant.routing.router import Router
from assistant.scheduler import Scheduler
from assistant.skill_context import SkillContext


@pytest.mark.parametrize(
    ("said", "answer"),
    [
        ("what's 15 times 7", "15 times 7 is 105."),
        ("how much is two hundred and fifty plus twelve", "250 plus 12 is 262."),
        ("take 19 from 100", None),  # a wording it does not know: not guessed at
        ("subtract 19 from 100", "100 minus 19 is 81."),
        ("what is 7 + 8 * 2", "7 plus 8 times 2 is 23."),  # times first
        ("could you work out 1,200 divided by 7 please", "1200 divided by 7 is about 171.43."),
        ("what's fifteen percent of 64 dollars", "15 percent of 64 is 9.6."),
        ("what is a 20% tip on $45", "20 percent of 45 is 9."),
        ("what's 2/3 of 90", "2 over 3 of 90 is 60."),
        ("what's the square root of 81", "The square root of 81 is 9."),
        ("what is 12 squared", "12 squared is 144."),
        ("what's 2 to the power of 10", "2 to the power of 10 is 1024."),
        ("what's 6 factorial", "6 factorial is 720."),
        ("what is 9 divided by zero", "You can't divide by zero."),
        ("twelve and twelve", None),
        # numbers in words that ask no sum
        ("add time flies 1994-2009 to my playlist", None),
        ("set 2 timers for 5 minutes", None),
        ("what is the weather on 5/17 in paris", None),
        ("what's 5 miles in km", None),
    ],
)
def test_a_sum_said_is_worked_out_and_nothing_else_is(said, answer):
    assert worked_out(said_words(said)) == answer


def test_the_conversation_answers_a_sum_and_says_how_to_ask_for_one():
    config = Config.model_validate({"llm": {"enabled": False}})
    skills = discover_skills(config)
    conv = Conversation(skills, Router(skills), lambda n: SkillContext(config, lambda: 0.0, Scheduler(), n, {}))
    turn = conv.respond("what's 15 times 7")
    assert (turn.intent.name, turn.reply.text, turn.reply.card["answered"]) == ("other", "15 times 7 is 105.", True)
    assert conv.respond("can you help me with my math").reply.text.startswith("Say the sum, like what's 15 times 7")


def test_the_recognizers_written_symbols_are_read():
    """Whisper writes a spoken "fifteen percent of eighty" as "What's 15% of 80?", and the transcript the router
    reads drops the "%" ("what's 15 of 80": "Sorry, I can't help with that", found in a spoken session)."""
    config = Config.model_validate({"llm": {"enabled": False}})
    skills = discover_skills(config)
    conv = Conversation(skills, Router(skills), lambda n: SkillContext(config, lambda: 0.0, Scheduler(), n, {}))
    turn = conv.respond("what's 15 of 80", written="What's 15% of 80?")
    assert turn.reply.text == "15 percent of 80 is 12.", turn.reply.text
