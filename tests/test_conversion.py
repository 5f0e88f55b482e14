"""One measurement converted, as `other`'s answer (it had been "Sorry, I can't help with that")."""

from __future__ import annotations

import pytest

from assistant.conversion import converted
from assistant.dialogue.phrases import said_words


@pytest.mark.parametrize(
    ("said", "answer"),
    [
        ("convert 10 kilometers to miles", "10 kilometers is 6.21 miles."),
        ("how many grams are in a pound", "1 pound is 454 grams."),
        ("what's 212 fahrenheit in celsius", "212 fahrenheit is 100 celsius."),
        ("how many teaspoons make a tablespoon", "1 tablespoon is 3 teaspoons."),
        ("how many ounces are in two cups", "2 cups is 16 ounces."),  # an ounce of a volume: a fluid ounce
        ("what would 3 feet be in centimeters", "3 feet is 91.44 centimeters."),
        ("how many kilos is 200 pounds", "200 pounds is 90.72 kilos."),  # "kilos" is no kilosecond
        ("how do you convert liters to gallons", "1 gallon is 3.79 liters."),  # the factor the way round people say it
        ("how many seconds are in a day", "1 day is 86400 seconds."),
        # no measure to convert
        ("how many crows are in a murder", None),
        ("how many people live in paris", None),
        ("convert this file to pdf", None),
        ("how many minutes until 5 pm", None),
        ("how many days are in a year", None),  # the calendar's: get_time says 2026 has 365 days
    ],
)
def test_a_measure_asked_for_is_converted_and_nothing_else_is(said, answer):
    assert converted(said_words(said)) == answer


def test_a_measure_or_a_sum_is_routed_to_other_which_works_it_out():
    """"what's 212 fahrenheit in celsius" had been the weather in a place called "212", "how many minutes in 3
    hours" the timers' list: a sum or a measure said as the whole sentence is `other`'s, before any template."""
    from assistant.config import Config
    from assistant.dialogue.conversation import Conversation
    from assistant.plugins import discover_skills
    from assistant.routing.router import Router
    from assistant.scheduler import Scheduler
    from assistant.skill_context import SkillContext

    config = Config.model_validate({"llm": {"enabled": False}})
    skills = discover_skills(config)
    router = Router(skills)
    for said in ("what's 212 fahrenheit in celsius", "how many minutes in 3 hours", "what's 3 times 4"):
        assert router.route(said).name == "other", said
    assert router.route("what's the weather in zurich").name == "weather"
    conv = Conversation(skills, router, lambda n: SkillContext(config, lambda: 0.0, Scheduler(), n, {}))
    assert conv.respond("how many minutes in 3 hours").reply.text == "3 hours is 180 minutes."
