"""A coin flipped, dice rolled, a number picked, as `other`'s answer (they had been "Sorry, I can't help
with that"); what no skill takes is still refused."""

from __future__ import annotations

import random

import pytest

from assistant.chance import chance_said
from assistant.config import Config
from assistant.dialogue.conversation import Conversation
from assistant.plugins import discover_skills
from assistant.routing.router import Router
from assistant.scheduler import Scheduler
from assistant.skill_context import SkillContext


@pytest.mark.parametrize(
    ("words", "said"),
    [
        ("flip a coin", {"It's heads.", "It's tails."}),
        ("heads or tails", {"It's heads.", "It's tails."}),
        ("roll a die", {f"You rolled a {n}." for n in range(1, 7)}),
        ("roll two dice", {f"You rolled {a} and {b}: {a + b} in all." for a in range(1, 7) for b in range(1, 7)}),
        ("roll a d4", {f"You rolled a {n}." for n in range(1, 5)}),  # a die of other sides
        ("roll an eight-sided die", {f"You rolled a {n}." for n in range(1, 8)} | {"You rolled an 8."}),
        ("roll 2d3", {f"You rolled {a} and {b}: {a + b} in all." for a in range(1, 4) for b in range(1, 4)}),
        ("pick a number between 3 and 5", {"I pick 3.", "I pick 4.", "I pick 5."}),
        ("pick a number between five and three", {"I pick 3.", "I pick 4.", "I pick 5."}),
    ],
)
def test_each_answer_is_one_of_the_possible_ones_and_all_come_up(words, said):
    rng = random.Random(7)
    seen = {chance_said(words, rng) for _ in range(400)}
    assert seen == said, words


def test_a_number_from_a_round_range_and_none_for_other_words():
    rng = random.Random(1)
    picks = {int(chance_said("pick a number between one and a hundred", rng).split()[-1].rstrip(".")) for _ in range(300)}
    assert min(picks) >= 1 and max(picks) <= 100 and len(picks) > 50
    assert chance_said("pick a random number", rng).startswith("I pick ")
    assert chance_said("pick a number between 1 and 99999999999", rng).startswith("That's too wide a range")
    for words in ("what's the exchange rate for a coin", "pick up the kids", "roll down the window"):
        assert chance_said(words, rng) is None, words


def test_the_conversation_flips_the_coin_and_still_refuses_the_rest():
    config = Config.model_validate({"llm": {"enabled": False}})
    skills = discover_skills(config)
    conv = Conversation(skills, Router(skills), lambda n: SkillContext(config, lambda: 0.0, Scheduler(), n, {}))
    turn = conv.respond("can you flip a coin for me")
    assert (turn.intent.name, turn.reply.text in ("It's heads.", "It's tails.")) == ("other", True), turn.reply.text
    assert conv.respond("turn off the lights").reply.text.startswith("Sorry, I can't turn off the lights.")


@pytest.mark.parametrize(
    ("said", "answer"),
    [
        ("can you play music", "No, I can't play music."),
        ("could you read my calendar please", "No, I can't read your calendar."),
        ("can you search the internet for me", "No, I can't search the internet: I work offline."),
        ("turn off the lights", "Sorry, I can't turn off the lights."),  # told, not asked: said back too
        ("please call my mom", "Sorry, I can't call your mom."),
        ("what's the news today", "Sorry, I can't get the news: I work offline."),
        ("what's the capital of france", "Sorry, I can't look that up: I work offline."),
        ("order the pizza now", "Sorry, I can't help with that."),  # a skill's topic named (below)
    ],
)
def test_what_it_cannot_do_is_said_back(said, answer):
    """"can you play music" had been "Sorry, I can't help with that": a question of what it can do is
    answered as one."""
    from assistant.dialogue.phrases import cant_help, said_words

    assert cant_help(said_words(said), frozenset({"timer", "email", "pizza"})) == answer
    # a skill's topic named: not said to be impossible (the router missed it)
    assert cant_help("can you set a timer for the eggs", frozenset({"timer"})) == "Sorry, I can't help with that."


def test_how_to_ask_for_a_conversion_reminders_and_turning_it_off():
    config = Config.model_validate({"llm": {"enabled": False}})
    skills = discover_skills(config)
    conv = Conversation(skills, Router(skills), lambda n: SkillContext(config, lambda: 0.0, Scheduler(), n, {}))
    assert conv.respond("can you convert units").reply.text.startswith("Yes: say the measure, like convert 5 miles")
    assert conv.respond("can you set reminders").reply.text.startswith("Yes, for today: a timer rings")
    assert conv.respond("how do i turn you off").reply.text.startswith("Say stop to cut me short.")
    from assistant.skills.chitchat.handler import stock_answer

    assert stock_answer("what are you good at", "en", "set timers") == "I can set timers. I also keep your shopping and to-do lists. What would you like?"
