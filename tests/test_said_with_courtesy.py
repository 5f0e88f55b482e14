"""How people pad a command when they speak: hesitations and a word said twice ("the weather in, uh, in
london"), courtesy before it ("if it's not too much trouble, could you ..."), something said before it
("my grandson says you can send emails, can you send one ..."). The padding is no part of the command:
the same skill and arguments as the plain words, through the real router and skills."""

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
def test_courtesy_before_a_command_leaves_the_command(router, said, skill, args):
    assert_template(router, said, skill, args)


@pytest.fixture(scope="module")
def router():
    return Router(discover_skills(Config.model_validate({})))


def assert_template(router, said: str, skill: str, args: dict) -> None:
    """The words are matched by a template of `skill`, with these arguments among its own."""
    hit = router.route(said)
    assert (hit.name, hit.source) == (skill, "template")
    assert {k: hit.args[k] for k in args} == args


@pytest.mark.parametrize(
    "said, skill, args",
    [
        # the model had written the message "Happy birthday, my grandson!"
        ("my grandson says you can send emails, can you send one to alice for me saying happy birthday",
         "draft_email", {"recipient": "alice", "message": "happy birthday"}),
        ("I was cooking all day. Set a timer for 10 minutes.", "set_timer", {"duration": 10, "unit": "minutes"}),
        ("i don't remember how it works, give me the list of my timers", "set_timer", {"action": "list"}),
    ],
)
def test_a_command_after_what_was_said_before_it(router, said, skill, args):
    assert_template(router, said, skill, args)


@pytest.mark.parametrize(
    "said",
    [
        "in tokyo, what's the time",  # a place put first is part of the command
        "if i'm in japan, what time zone am i in",  # so is a condition (it had been the zone here)
        "i need you to place a stop on my bank account, thank you",  # thanks at the end are no command
        "hey, what",  # too little before it to be a clause of its own
    ],
)
def test_a_clause_that_belongs_to_the_command_is_not_dropped(router, said):
    hit = router._template(said)
    assert hit is None or hit.args.get("place") == "tokyo", hit
