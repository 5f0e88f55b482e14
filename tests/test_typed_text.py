"""Typed chat shorthand ("tmrw", "im", "thx") read as the words it stands for, before routing; a
recognizer's words, and spellings that are other words, come back unchanged."""

from __future__ import annotations

import pytest

from assistant.config import Config
from assistant.dialogue.conversation import Conversation
from assistant.loading import loaded
from assistant.plugins import discover_skills
from assistant.routing.llm_router import LlmRouter
from assistant.routing.router import Router
from assistant.scheduler import Scheduler
from assistant.skill_context import SkillContext
from assistant.text import spelled_out


@pytest.mark.parametrize(
    "typed, words",
    [
        ("tmrw weather", "tomorrow weather"),
        ("im hungry", "i'm hungry"),
        ("whats the time in tokyo rn", "what's the time in tokyo right now"),
        ("r u there", "are you there"),
        ("gm juniper", "good morning juniper"),
        ("dont send it", "don't send it"),
        ("thx", "thanks"),
        ("whats the date 2day", "what's the date today"),  # a time zone "2day" before
        ("wats the weather 2nite", "what's the weather tonight"),
        ("is it gonna rain", "is it going to rain"),
        ("gimme the forecast", "give me the forecast"),
        # misspellings of the words that choose a skill ("wheather tomorrow" had been the date tomorrow)
        ("wheather tomorrow", "weather tomorrow"),
        ("find a resturant", "find a restaurant"),
        ("set a timer for 10 mintues", "set a timer for 10 minutes"),
        ("the wether", "the wether"),  # a word: stays
        # other words, or not shorthand here
        ("GM stock price", "GM stock price"),
        ("what is r", "what is r"),
        ("the U.S. dollar", "the U.S. dollar"),
        ("its fine", "its fine"),
        ("i'll be ill", "i'll be ill"),
        ("what's the weather tomorrow", "what's the weather tomorrow"),
    ],
)
def test_shorthand_is_spelled_out(typed, words):
    assert spelled_out(typed) == words


def test_a_typed_command_in_shorthand_is_routed_as_its_words():
    """"whats the time in tokyo rn" had asked for the zone of "tokyo rn"; "im hungry" had been `other`."""
    skills = discover_skills(Config.model_validate({}))
    config, sched, state = Config.model_validate({}), Scheduler(), {}
    conv = Conversation(
        skills, Router(skills, loaded(LlmRouter(skills, None))),
        lambda n: SkillContext(config, lambda: 0.0, sched, n, state.setdefault(n, {}), loaded(None)),
    )
    turn = conv.respond("whats the time in tokyo rn")
    assert (turn.intent.name, turn.intent.args.get("place")) == ("get_time", "tokyo"), turn.intent
    assert conv.respond("im hungry").intent.name == "find_restaurant"
    assert conv.respond("thx").intent.name == "chitchat"
