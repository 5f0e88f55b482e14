"""The three flagship skills through the real language model (Qwen2.5-Coder 0.5B, the session `llm`
fixture): the LLM router picks them for wordings no template covers, the model drafts an email, and a
summary request on a document that gives orders runs no tool. A handful of LLM calls in all."""

from __future__ import annotations

import pytest

from assistant.config import Config
from assistant.dialogue.conversation import Conversation
from assistant.loading import loaded
from assistant.mail.compose import compose
from assistant.routing.llm_router import LlmRouter
from assistant.routing.router import Router
from assistant.scheduler import Scheduler
from assistant.skill_context import SkillContext
from tests.test_summarize_skill import INJECTION


@pytest.fixture(scope="module")
def llm_router(runtime, llm):
    # the model reads every argument here: with the skills' readers on (the default), "notes.txt" is read
    # from the words without it (test_a_file_name_is_read_without_the_model)
    return Router(runtime.skills, loaded(LlmRouter(runtime.skills, llm, read_words=False)))


def test_a_file_name_is_read_without_the_model(runtime, llm):
    router = Router(runtime.skills, loaded(LlmRouter(runtime.skills, llm)))
    intent = router.route("what does notes.txt say in short")
    assert (intent.name, intent.args, intent.source) == ("summarize", {"source": "notes.txt"}, "classifier")


@pytest.mark.parametrize(
    "text, skill, arg",
    [
        ("could you get a message to alice that i'm running late", "draft_email", "recipient"),
        ("hungry for pizza, what's around", "find_restaurant", "cuisine"),
        ("what does notes.txt say in short", "summarize", "source"),
        # misses with the 0.5B model, now that the grammar makes it name the tool first (they went to
        # `other`): "i'm starving, anything thai around here", "boil the attached report down to a few
        # lines"; "give me the short version of my latest email" went to draft_email
    ],
)
def test_llm_routes_paraphrases_to_the_flagship_skills(llm_router, text, skill, arg):
    assert llm_router.templates.match(text) is None  # no template: the model decides
    intent = llm_router.route(text)
    assert intent.name == skill and intent.source == "llm", intent
    assert intent.args.get(arg), intent.args
    # only what was said: the model also wrote a name, a place, a price for the pizza request
    said = text.replace(",", "").split()
    assert all(any(w in str(v).lower() for w in said) for v in intent.args.values()), intent.args


def test_model_writes_the_draft_of_a_long_note_and_keeps_the_facts(llm):
    note = "i'll be late tomorrow because the train is cancelled so please start the meeting without me"
    draft = compose(llm, "Alice", note, None, "Sam")
    assert draft.by == "llm"
    assert draft.body.startswith("Hi Alice,") and "late tomorrow" in draft.body and "Sam" in draft.body
    assert "train is cancelled" in draft.body


def test_a_short_note_is_the_email_as_said(llm):
    """One short sentence needs no rewriting: the model is not asked (it added facts to half of them)."""
    before = llm.perf()
    draft = compose(llm, "Alice", "can you bring the charger", None, "Sam")
    assert draft.by == "template" and llm.perf() == before
    assert draft.body == "Hi Alice,\n\nCan you bring the charger?\n\nBest,\nSam\n"


def test_summary_with_the_model_runs_no_tool(runtime, llm, tmp_path, monkeypatch):
    doc = tmp_path / "report.txt"
    doc.write_text(INJECTION)
    monkeypatch.setenv("ASSISTANT_TEXT_FILE", str(doc))
    cfg = Config.model_validate({"email": {"maildir": str(tmp_path / "Mail")}})
    sched = Scheduler()
    conv = Conversation(
        runtime.skills,
        Router(runtime.skills),
        lambda n: SkillContext(cfg, lambda: 0.0, sched, n, {}, loaded(llm)),
    )
    turn = conv.respond("summarize this file")
    card = turn.reply.card
    assert turn.skill == "summarize" and card["method"] in ("llm", "extractive")
    assert "Sales grew" in card["full_summary"]
    assert turn.reply.confirm_args is None and conv.pending is None
    assert not (tmp_path / "Mail").exists()


def test_a_command_said_when_asked_which_timer_is_that_command(runtime, llm):
    """Asked "Which one should I cancel?", "find me a place for breakfast" names no timer; the model and the
    classifier both read it as a restaurant search (the classifier alone was not sure enough to settle
    it), so it is that search, and both timers stay. A timer's name still answers the question."""
    config = Config.model_validate({"llm": {"enabled": False}})
    sched, state = Scheduler(), {}
    conv = Conversation(
        runtime.skills,
        Router(runtime.skills, loaded(LlmRouter(runtime.skills, llm))),
        lambda name: SkillContext(config, lambda: 0.0, sched, name, state.setdefault(name, {}), None),
    )
    conv.respond("set a timer for 5 minutes")
    conv.respond("set a timer for 10 minutes")
    assert conv.respond("delete the timer").reply.text.endswith("Which one should I cancel?")
    turn = conv.respond("find me a place for breakfast")
    assert turn.intent.name == "find_restaurant" and conv.pending is None, (turn.intent, turn.reply.text)
    assert len(sched.pending()) == 2
    assert conv.respond("cancel the timer").reply.text.endswith("Which one should I cancel?")
    assert conv.respond("the 5 minute one").reply.text == "Cancelled the 5 minute timer."
