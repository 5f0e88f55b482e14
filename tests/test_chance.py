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
    assert conv.respond("turn off the lights").reply.text.startswith("Sorry, I can't help with that.")
