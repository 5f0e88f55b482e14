"""A command in another language than the configured one is told which the assistant understands (it had
been "Sorry, I can't help with that. I can ..."), with the real language identifier (py3langid's model);
English words the router does not place keep the usual answer."""

from __future__ import annotations

import pytest

from assistant import language_id
from assistant.config import Config
from assistant.dialogue.conversation import Conversation
from assistant.plugins import discover_skills
from assistant.routing.router import Router
from assistant.scheduler import Scheduler
from assistant.skill_context import SkillContext


@pytest.fixture(scope="module")
def conv():
    language_id.load()  # what warm() does in the background, here before the first turn
    config = Config.model_validate({"llm": {"enabled": False}})
    skills = discover_skills(config)
    return lambda: Conversation(skills, Router(skills), lambda n: SkillContext(config, lambda: 0.0, Scheduler(), n))


@pytest.mark.parametrize(
    "said, reply",
    [
        ("quelle heure est-il", "Sorry, I only understand English; I don't speak French."),
        ("wie ist das wetter morgen", "Sorry, I only understand English; I don't speak German."),
        ("지금 몇 시야", 'Sorry, I only understand English here. I can run in Korean: set language = "ko" in the config.'),
        ("今天天气怎么样", 'Sorry, I only understand English here. I can run in Chinese: set language = "zh" in the config.'),
    ],
)
def test_another_language_is_told_which_it_understands(conv, said, reply):
    turn = conv().respond(said)
    assert (turn.intent.name, turn.reply.text) == ("other", reply)


def test_english_it_cannot_help_with_gets_the_usual_answer(conv):
    assert conv().respond("turn on the lights in the kitchen").reply.text.startswith("Sorry, I can't turn on the lights in the kitchen. I can ")
    # a fact to look up is said to need what the assistant does not use
    assert conv().respond("what's the capital of france").reply.text.startswith("Sorry, I can't look that up: I work offline. I can ")
    said = conv()
    said.respond("how tall is mount everest")
    assert said.respond("who won the world cup").reply.text == "Sorry, I can't look that up: I work offline."  # the list once
    assert said.respond("where is my phone").reply.text == "Sorry, I can't help with that."
    assert language_id.other_language("add dj clay to my canciones del recuerdo", "en") is None  # 0.956: not sure


def test_a_script_only_one_language_writes_is_known_while_the_model_loads(monkeypatch):
    """A new session's first command "지금 몇 시야" came before the identifier had loaded (~0.8 s) and was
    "Sorry, I can't help with that"; Hangul, kana, Chinese characters and Cyrillic say the language at once."""
    monkeypatch.setattr(language_id, "_model", None)  # still loading
    assert [language_id.other_language(t, "en") for t in ("지금 몇 시야", "今何時ですか", "现在几点", "который час")] == [
        "ko", "ja", "zh", "ru"]
    assert language_id.other_language("지금 몇 시야", "ko") is None  # the configured one
    assert language_id.other_language("quelle heure est-il", "en") is None  # Latin letters: the model's to say
