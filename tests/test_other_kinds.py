"""Requests no skill takes that the assistant answers itself by their kind (assistant/other_kinds.py): a
word spelled, a place's time zone, the public holidays (the `holidays` package's real tables), the
user's name kept for the run, a new name for the assistant, a word's meaning it cannot give. Through the
real router head and conversation; before this they were all "Sorry, I can't help with that" (and "can
you spell restaurant for me" a restaurant search)."""

from __future__ import annotations

import asyncio
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from assistant.config import Config
from assistant.dialogue.conversation import Conversation
from assistant.other_kinds import other_kind
from assistant.plugins import discover_skills
from assistant.public_holidays import country_of, holiday_said
from assistant.routing.router import Router
from assistant.scheduler import Scheduler
from assistant.skill_api import SkillContext
from assistant.spelling import letters_counted, spelling_said, word_to_spell
from assistant.worldtime import place_zone_said

WHEN = datetime(2026, 12, 7, 10, 0, tzinfo=ZoneInfo("America/New_York"))  # a Monday


@pytest.mark.parametrize(
    ("words", "word"),
    [
        ("how do you spell necessary", "necessary"),
        ("tell me how to spell the word dessert", "dessert"),
        ("what is the correct spelling of the word: dessert", "dessert"),
        ("can you spell out the word special for me", "special"),
        ("how is the word umbrella spelled", "umbrella"),
        ("malignant is spelled how exactly", "malignant"),
        ("i'd like to know how acommodate is spelled", "acommodate"),
        ("how do you spell ice cream", "ice cream"),
        ("how do you spell it", None),
        ("spelling bee winners from last year are who", None),
        ("google the word", None),
    ],
)
def test_the_word_to_spell_is_read_from_the_ways_people_ask(words, word):
    assert word_to_spell(words) == word


def test_letters_are_said_one_by_one_and_counted():
    assert spelling_said("how do you spell necessary") == "Necessary: N, E, C, E, S, S, A, R, Y."
    assert spelling_said("how do you spell ice cream") == "Ice cream: I, C, E; space; C, R, E, A, M."
    assert letters_counted("how many r's are in strawberry") == "Strawberry has 3 R's: S, T, R, A, W, B, E, R, R, Y."
    assert letters_counted("how many a's can you find in the word happiness").startswith("Happiness has one A:")
    assert letters_counted("how many people are in the room") is None


@pytest.mark.parametrize(
    ("country", "words", "said"),
    [
        ("US", "when is the next holiday", "The next public holiday in the United States is Christmas Day, on Friday, December 25, in 18 days."),
        ("US", "is december 25 a holiday", "Yes, Friday, December 25 is Christmas Day, a public holiday in the United States."),
        ("US", "do we get monday off as a holiday", "No, Monday, December 7 is not a public holiday in the United States. "
                                                   "The next is Christmas Day, on Friday, December 25, in 18 days."),
        ("US", "when is labor day", "Labor Day is on Monday, September 6, 2027, in 273 days."),
        ("US", "is there a holiday in may", "Public holidays in the United States in May: Memorial Day, on Monday, May 31, 2027, in 175 days."),
        ("GB", "when is boxing day", "Boxing Day is on Saturday, December 26, in 19 days."),
        ("CH", "when is labor day", "I don't find labor day among the public holidays in Switzerland."),
        ("CH", "when is thanksgiving", "Thanksgiving is on Thursday, November 25, 2027, in 353 days; it isn't a public holiday in Switzerland."),
        ("CH", "does march have a holiday", "There's no public holiday in Switzerland in March 2027."),
    ],
)
def test_holidays_come_from_the_countrys_own_table(country, words, said):
    assert holiday_said(words, date(2026, 12, 7), country) == said


def test_the_country_is_the_configured_one_or_the_time_zones():
    assert country_of(None, "Europe/Zurich") == "CH" and country_of("de", "Europe/Zurich") == "DE"
    assert country_of(None, "Etc/UTC") is None
    assert holiday_said("when is the next holiday", date(2026, 12, 7), None).startswith("I don't know which country")
    assert holiday_said("when is the next holiday", date(2026, 12, 24), "US").endswith("Christmas Day, tomorrow, Friday, December 25.")


@pytest.mark.parametrize(
    ("words", "said"),
    [
        ("what time zone is sydney in", "Sydney is on UTC+11 right now."),  # "AEDT" would be read as a word
        ("what timezone is chicago in", "Chicago is on CST, UTC-6 right now."),
        ("what's london's timezone", "London is on GMT, UTC right now."),
        ("what timezone is hanoi in", "Hanoi is on UTC+7 right now."),  # "+07" is no spoken abbreviation
        ("what are the time zones of russia", "Russia has more than one time zone; Moscow is on MSK, UTC+3 right now."),
        ("what's the timezone over there", "Which place? Say it like what time zone is Tokyo in."),
        ("set time zone", "I can't change time zones, but I can tell a place's, like what time zone is Tokyo in."),
    ],
)
def test_a_places_time_zone(words, said):
    assert place_zone_said(words, WHEN) == said


@pytest.fixture(scope="module")
def conversation():
    config = Config.model_validate({"llm": {"enabled": False}, "timezone": "America/New_York"})
    skills = discover_skills(config)
    states: dict[str, dict] = {}
    return Conversation(skills, Router(skills), lambda n: SkillContext(config, lambda: 0.0, Scheduler(), n,
                                                                      states.setdefault(n, {}), None, lambda: WHEN))


@pytest.mark.parametrize(
    ("said", "answer"),
    [
        ("how do you spell necessary", "Necessary: N, E, C, E, S, S, A, R, Y."),
        ("can you spell restaurant for me", "Restaurant: R, E, S, T, A, U, R, A, N, T."),  # no restaurant search
        ("what time zone is sydney in", "Sydney is on UTC+11 right now."),
        ("when is the next holiday", "The next public holiday in the United States is Christmas Day, on Friday, December 25, in 18 days."),
        ("what does ubiquitous mean", "I have no dictionary here, so I can't tell what ubiquitous means."),
        ("i want to change your name to fred", 'I\'ll stay Juniper, but you can wake me with Fred: set phrases under [wake] in the config, '
                                               'like phrases = ["hey fred"], and run assistant wake calibrate.'),
    ],
)
def test_the_conversation_answers_each_kind(conversation, said, answer):
    turn = conversation.respond(said)
    assert (turn.intent.name, turn.reply.text) == ("other", answer)


def test_a_name_given_is_kept_for_the_next_question_and_small_talk_knows_it(conversation):
    """The chit-chat skill reads it too (SkillContext.user_name): the model had answered "who am i" with "I
    am not a person, nor am I a computer ..." and "how old am i" with "I'm 25 years old!"."""
    assert conversation.respond("what's my name").reply.text == "I don't know your name yet. Say call me, then your name."
    assert conversation.respond("who am i").reply.text == "I don't know your name yet. Say call me, then your name."
    conversation.prepare("you can call me chip")  # at a pause: nothing kept ahead of the turn
    assert conversation.prepared_reply_text() is None
    assert conversation.respond("you can call me chip").reply.text == "Okay, I'll call you Chip."
    assert conversation.respond("what is my name").reply.text == "You're Chip."
    assert conversation.respond("hey juniper, who am i").reply.text == "You're Chip."
    assert conversation.respond("how old am i").reply.text == "I don't know that, Chip: I only know what you tell me."
    assert conversation.respond("what do you know about me").reply.text.startswith("Only your name, Chip, what you set in the config")


def test_the_chit_chat_skill_answers_questions_about_the_user_by_the_name_it_is_given():
    """Routed to chit-chat (as the model's router does), the skill answers from SkillContext.user_name."""
    config = Config.model_validate({"llm": {"enabled": False}})
    chat = discover_skills(config)["chitchat"]
    for said, name, answer in [("who am i", "Chip", "You're Chip."), ("how old am i", "", "I don't know that: I only know what you tell me."),
                               ("who am i", "", "I don't know your name yet. Say call me, then your name.")]:
        ctx = SkillContext(config, lambda: 0.0, Scheduler(), "chitchat", {}, utterance=said, user_name=name)
        assert asyncio.run(chat.handle({}, ctx)).text == answer


def test_the_head_names_no_kind_for_other_requests():
    for words in ("order me chinese food", "please play aretha franklin's call me maybe", "turn off the lights"):
        assert other_kind(words) is None, words


@pytest.mark.parametrize(
    ("words", "said"),
    [
        ("how far is paris from london", "Paris is about 340 kilometers from London as the crow flies; by road it's farther."),
        ("how many miles is it from boston to chicago", "Boston is about 850 miles from Chicago as the crow flies; by road it's farther."),
        ("how far is zurich from here", "Zürich is about 77 kilometers from here as the crow flies; by road it's farther."),
        ("how far is the airport", None),  # a thing, not a city: not this answer's
        ("how far is it", None),
    ],
)
def test_how_far_apart_two_places_are(words, said):
    from assistant.distances import distance_said

    assert distance_said(words, (47.14, 9.52)) == said


def test_the_conversation_answers_distances_from_the_weather_home_and_money_honestly():
    config = Config.model_validate({"llm": {"enabled": False}, "weather": {"latitude": 47.14, "longitude": 9.52, "units": "fahrenheit"}})
    skills = discover_skills(config)
    conv = Conversation(skills, Router(skills), lambda n: SkillContext(config, lambda: 0.0, Scheduler(), n, {}))
    turn = conv.respond("how far away is new york")
    assert (turn.intent.name, turn.reply.text) == ("other", "New York is about 4,000 miles from here as the crow flies; by road it's farther.")
    assert conv.respond("convert 100 dollars to euros").reply.text.startswith(
        "Sorry, I can't convert money: exchange rates change every day, and I work offline.")
