"""How people pad a command when they speak: hesitations and a word said twice ("the weather in, uh, in
london"), courtesy before it ("if it's not too much trouble, could you ..."). The padding is no part of
the command: the same skill and arguments as the plain words, through the real router and skills."""

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
from assistant.text import fluent


@pytest.mark.parametrize(
    "said, words",
    [
        ("whats the weather in uh in london", "whats the weather in london"),
        ("um, set a timer", "set a timer"),
        ("hmm let me think", "let me think"),
        ("uh", "uh"),  # only a hesitation: "not yet", when a question is waiting
        ("bye bye", "bye bye"),
        ("no no no", "no no no"),
        ("Ah Fong", "Ah Fong"),
        ("the umbrella", "the umbrella"),
    ],
)
def test_stumbles_are_taken_out(said, words):
    assert fluent(said) == words


@pytest.fixture(scope="module")
def conv():
    config = Config.model_validate({"llm": {"enabled": False}})
    skills = discover_skills(config)
    sched, state = Scheduler(), {}
    return Conversation(
        skills, Router(skills, loaded(LlmRouter(skills, None))),
        lambda n: SkillContext(config, lambda: 0.0, sched, n, state.setdefault(n, {}), loaded(None)),
    )


def test_a_place_said_after_a_stumble_is_the_place(conv):
    """"what's the weather in uh in london" had looked for a town called "in london"."""
    turn = conv.respond("what's the weather in uh in london")
    assert (turn.intent.name, turn.intent.args.get("location")) == ("weather", "london")


@pytest.mark.parametrize(
    "said, skill, args",
    [
        ("if it's not too much trouble could you write to bob and tell him i'll be late", "draft_email",
         {"recipient": "bob", "message": "i'll be late"}),
        ("i was wondering if you could set a timer for ten minutes", "set_timer",
         {"action": "set", "duration": 10, "unit": "minutes"}),
        ("when you get a chance, what's the weather in london", "weather", {"location": "london"}),
        # a name run into the rest had been the recipient "bob and let him know i'll be late"
        ("could you write to bob and let him know i'll be late", "draft_email", {"recipient": "bob", "message": "i'll be late"}),
    ],
)
def test_courtesy_before_a_command_leaves_the_command(said, skill, args):
    skills = discover_skills(Config.model_validate({}))
    hit = Router(skills).route(said)
    assert (hit.name, hit.source) == (skill, "template")
    assert {k: hit.args[k] for k in args} == args
