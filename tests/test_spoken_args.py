"""Arguments read from a command's words once the classifier has chosen the skill (assistant/spoken_args.py,
skill_api.ArgReader), driven by tests/data/spoken_args_cases.yaml; and the router taking them instead of
asking the language model, with the shipped classifier and the real MiniLM encoder."""

from pathlib import Path

import pytest
import yaml

from assistant.config import load_config
from assistant.plugins import discover_skills
from assistant.routing.llm_router import LlmRouter

CASES = yaml.safe_load((Path(__file__).parent / "data" / "spoken_args_cases.yaml").read_text())


@pytest.fixture(scope="module")
def skills():
    return discover_skills(load_config())


@pytest.fixture(scope="module")
def router(skills):
    return LlmRouter(skills, None)  # no model: what the router returns is what the words gave


@pytest.mark.parametrize(
    "skill,text,args", [(skill, c["text"], c["args"]) for skill, cases in CASES.items() for c in cases]
)
def test_each_skill_reads_its_arguments_or_leaves_them_to_the_model(skills, skill, text, args):
    got = skills[skill].read_args(text)
    assert got == args
    if got is not None:  # what a reader gives fits the skill's schema
        assert skills[skill].validate(got) is None


@pytest.mark.parametrize("text", ["i want a timer that goes off at 6 pm", "wake me up at six thirty"])
def test_a_timer_to_a_clock_time_is_read_without_the_model(skills, text):
    """The handler counts to the time from the words on the configured clock; the reader only says a
    timer of some minutes is to be set (the schema needs a length), so the model is not asked."""
    got = skills["set_timer"].read_args(text)
    assert got is not None and got["action"] == "set" and got["unit"] == "minutes" and got["duration"] >= 1
    assert skills["set_timer"].validate(got) is None


def test_the_router_takes_read_arguments_without_the_model(router):
    intent = router.route("which day of the week will the twenty second of may be")
    assert (intent.name, intent.source) == ("get_time", "classifier")
    assert intent.args == {"what": "day", "date": "the twenty second of may"}
    assert router.last["read"] and not router.last["llm"]


def test_words_that_stop_unfinished_are_not_read(router, skills):
    # at a pause the user is most likely still speaking ("what's the time in ... tokyo"): not settled
    assert skills["get_time"].read_args("what is the time in") is not None
    intent = router.route("what is the time in")
    assert "read" not in router.last and intent.args == {}


def test_only_english_words_are_read(skills):
    router = LlmRouter(skills, None, language="ko")
    router.route("which day of the week will the twenty second of may be")
    assert "read" not in router.last


def test_a_failing_reader_leaves_the_words_to_the_model(skills, caplog):
    import dataclasses

    def broken(text):
        raise RuntimeError("a plugin's bug")

    patched = {**skills, "get_time": dataclasses.replace(skills["get_time"], read_args=broken)}
    router = LlmRouter(patched, None)
    intent = router.route("which day of the week will the twenty second of may be")
    assert intent.name == "get_time" and "read" not in router.last
    assert "read_args failed" in caplog.text
