"""The shopping and to-do lists (assistant/lists.py): kept in the data folder across runs, named by the
words people use for them, answered as `other` (they had been "Sorry, I can't help with that"); other
sentences about groceries or things to do are not taken for them."""

from __future__ import annotations

import json

import pytest

from assistant.config import Config
from assistant.dialogue.conversation import Conversation
from assistant.lists import list_said
from assistant.plugins import discover_skills
from assistant.routing.router import Router
from assistant.scheduler import Scheduler
from assistant.skill_api import SkillContext

STEPS = [
    ("and milk and eggs to my shopping list", "Added milk and eggs to your shopping list."),  # Whisper's "and" for "add"
    ("put bread on the list too", "Added bread to your shopping list."),  # "the list": the one used last
    ("add milk to my grocery list", "Milk is already on your shopping list."),
    ("what's on my shopping list", "Your shopping list has 3 items: milk, eggs and bread."),
    ("is butter on my shopping list", "No, butter isn't on your shopping list."),
    ("are bananas on the list, if not add them", "Bananas weren't on your shopping list; I've added them."),
    ("does my shopping list include eggs", "Yes, eggs are on your shopping list."),
    ("take eggs off the list", "Took eggs off your shopping list."),
    ("we no longer need fries on the shopping list", "Fries aren't on your shopping list."),
    ("add call the plumber to my to do list", "Added call the plumber to your to-do list."),
    ("what's on my to do list", "Your to-do list has 1 item: call the plumber."),
    ("can you order everything on my shopping list", "I can't order or buy anything, only keep the list: milk, bread and bananas."),
    ("clear my shopping list", "Cleared your shopping list (3 items)."),
    ("what's on my shopping list", "Your shopping list is empty. Say add, then what to put on it."),
]


def test_a_list_is_kept_in_the_data_folder_through_each_change(tmp_path, monkeypatch):
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path))
    state: dict = {}
    for said, answer in STEPS:
        assert list_said(said, state) == answer, said
    assert json.loads((tmp_path / "lists.json").read_text()) == {"shopping": [], "to-do": ["call the plumber"]}
    assert [p.name for p in tmp_path.iterdir()] == ["lists.json"]  # written whole, nothing left half-done
    # the next run of the assistant (a new state) reads the same lists
    assert list_said("read my to do list", {}) == "Your to-do list has 1 item: call the plumber."


def test_an_unreadable_file_is_kept_aside_not_overwritten(tmp_path, monkeypatch):
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path))
    (tmp_path / "lists.json").write_text("{not json", encoding="utf-8")
    assert list_said("add tea to my shopping list", {}) == "Added tea to your shopping list."
    assert (tmp_path / "lists.json.unreadable").read_text(encoding="utf-8") == "{not json"


@pytest.mark.parametrize(
    "said",
    ["what are some things to do in boston", "how much did i spend on groceries today", "add this song to my playlist",
     "give me a list of things to do in orlando", "what's the weather like"],
)
def test_other_sentences_are_not_taken_for_a_list(said, tmp_path, monkeypatch):
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path))
    assert list_said(said, {}) is None


def test_the_conversation_keeps_the_list(tmp_path, monkeypatch):
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path))
    config = Config.model_validate({"llm": {"enabled": False}})
    skills = discover_skills(config)
    states: dict[str, dict] = {}
    conv = Conversation(skills, Router(skills), lambda n: SkillContext(config, lambda: 0.0, Scheduler(), n, states.setdefault(n, {})))
    turn = conv.respond("add milk to my shopping list")
    assert (turn.intent.name, turn.reply.text) == ("other", "Added milk to your shopping list.")
    assert conv.respond("what's on my shopping list").reply.text == "Your shopping list has 1 item: milk."


def test_a_list_is_not_changed_ahead_of_the_turn(tmp_path, monkeypatch):
    """At a pause the conversation answers `other` ahead of the turn (its speech can be made while the
    end of the command is awaited); a list change waits for the turn: ahead, "add milk" had been added
    once, then the turn heard it was "already on your shopping list"."""
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path))
    config = Config.model_validate({"llm": {"enabled": False}})
    skills = discover_skills(config)
    states: dict[str, dict] = {}
    conv = Conversation(skills, Router(skills), lambda n: SkillContext(config, lambda: 0.0, Scheduler(), n, states.setdefault(n, {})))
    conv.prepare("put bread on my shopping list")
    assert not (tmp_path / "lists.json").exists() and conv.prepared_reply_text() is None
    assert conv.respond("put bread on my shopping list").reply.text == "Added bread to your shopping list."
    conv.prepare("how do you spell bread")  # nothing changes: answered ahead as before
    assert conv.prepared_reply_text() == "Bread: B, R, E, A, D."
