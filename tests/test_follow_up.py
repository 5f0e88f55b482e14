"""A follow-up that changes one thing about the last question ("and in london", "what about tomorrow",
"how about italian"), through the real router (templates and the trained classifier, no language model)
and the real skills."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from assistant.config import Config
from assistant.dialogue.conversation import Conversation
from assistant.dialogue.follow_up import follow_up
from assistant.places.asked import query
from assistant.plugins import discover_skills
from assistant.routing.intent import Intent
from assistant.routing.router import Router
from assistant.scheduler import Scheduler
from assistant.skill_context import SkillContext

WHEN = datetime(2026, 12, 4, 10, 30, tzinfo=ZoneInfo("Europe/Zurich"))


@pytest.fixture(scope="module")
def skills():
    return discover_skills(Config.model_validate({"llm": {"enabled": False}}))


@pytest.fixture()
def conv(skills):
    config = Config.model_validate({"llm": {"enabled": False}, "timezone": "Europe/Zurich"})
    sched = Scheduler()
    return Conversation(skills, Router(skills), lambda n: SkillContext(config, lambda: 0.0, sched, n, {}, None, lambda: WHEN))


@pytest.mark.parametrize(
    "last, said, args, chosen",
    [
        (Intent("get_time", {"place": "tokyo", "what": "time"}), "and in london", {"place": "london", "what": "time"}, False),
        (Intent("get_time", {"place": "tokyo"}), "what about new york?", {"place": "new york"}, False),
        (Intent("weather", {"condition": "rain", "day": "today"}), "what about tomorrow",
         {"condition": "rain", "day": "tomorrow"}, True),
        (Intent("weather", {"day": "today"}), "and in paris", {"day": "today", "location": "paris"}, False),
        # a day the skill reads, not a place called "after tomorrow" (a time zone it could not find)
        (Intent("get_time", {"what": "date"}), "and the day after tomorrow",
         {"what": "date", "date": "the day after tomorrow"}, True),
        # a day the skill reads ("week", the handler then reads the weekday), not a place called "wednesday"
        (Intent("weather", {"condition": "rain", "day": "tomorrow"}), "and on wednesday",
         {"condition": "rain", "day": "week"}, True),
        # the same day argument ("weekend") for another weekend day: not a place called "sunday"
        (Intent("weather", {"location": "paris", "day": "weekend"}), "and sunday",
         {"location": "paris", "day": "weekend"}, True),
        (Intent("find_restaurant", {"cuisine": "thai"}), "how about italian", {"cuisine": "italian"}, False),
        # a correction said so ("no i said chinese", "actually make that indian", "no i meant zurich not zug")
        (Intent("find_restaurant", {"cuisine": "thai"}), "no i said chinese", {"cuisine": "chinese"}, False),
        (Intent("find_restaurant", {"cuisine": "thai"}), "actually make that indian", {"cuisine": "indian"}, False),
        (Intent("weather", {"location": "zug"}), "no i meant zurich not zug", {"location": "zurich"}, False),
        # after a word of reaction ("ok what about chinese" had been `other`)
        (Intent("find_restaurant", {"cuisine": "sushi"}), "none? what about japanese", {"cuisine": "japanese"}, False),
        (Intent("get_time", {"place": "tokyo"}), "ok thanks and in london", {"place": "london"}, False),
        (Intent("find_restaurant", {"cuisine": "thai"}), "and cheap ones", {"cuisine": "thai", "price": "cheap"}, True),
        (Intent("find_restaurant", {"cuisine": "thai"}), "what about near the station",
         {"cuisine": "thai", "near": "the station"}, False),
        (Intent("find_restaurant", {"cuisine": "thai"}), "and cafes", {"cuisine": "thai", "kind": "cafe"}, True),
        # "there" is the same place: it had become the place "what's there"
        (Intent("get_time", {"place": "new york", "what": "time"}), "and what's the date there",
         {"place": "new york", "what": "date"}, True),
    ],
)
def test_the_last_question_with_one_thing_changed(skills, last, said, args, chosen):
    again, strong = follow_up(said, last, skills)
    assert (again.name, again.args, strong) == (last.name, args, chosen)


@pytest.mark.parametrize(
    "last, said",
    [
        (Intent("draft_email", {"recipient": "alice", "message": "hi"}), "what about bob"),  # not a second email
        (Intent("set_timer", {"action": "set", "duration": 5, "unit": "minutes"}), "and 10 minutes"),
        (Intent("get_time", {"place": "tokyo"}), "set a timer for 5 minutes"),  # not a follow-up's words
        (None, "and in london"),  # nothing asked before
    ],
)
def test_no_follow_up(skills, last, said):
    assert follow_up(said, last, skills) is None


@pytest.mark.parametrize(
    "last, said, unsure, args, chosen",
    [
        # only what changes, said right after the answer ("tomorrow?" had been the date tomorrow, "london?"
        # "Sorry, I can't help with that")
        (Intent("weather", {}), "tomorrow?", False, {"day": "tomorrow"}, True),
        (Intent("weather", {"day": "tomorrow"}), "tonight?", True, {"day": "today"}, True),
        # a lone date, even where the classifier is sure it is the calendar's
        (Intent("weather", {"location": "paris"}), "saturday", False, {"location": "paris", "day": "weekend"}, True),
        (Intent("get_time", {"place": "tokyo", "what": "time"}), "london?", True, {"place": "london", "what": "time"}, False),
        (Intent("find_restaurant", {"cuisine": "pizza"}), "cheap ones?", True, {"cuisine": "pizza", "price": "cheap"}, True),
        # a food of the skill's list is a food; a name no list holds is a place (it had been a food "schaan")
        (Intent("find_restaurant", {"cuisine": "pizza"}), "thai?", True, {"cuisine": "thai"}, False),
        (Intent("find_restaurant", {"cuisine": "pizza"}), "schaan?", True, {"cuisine": "pizza", "near": "schaan"}, False),
    ],
)
def test_a_few_words_right_after_an_answer_are_its_follow_up(skills, last, said, unsure, args, chosen):
    again, strong = follow_up(said, last, skills, unsure=unsure, just_ran=True)
    assert (again.name, again.args, strong) == (last.name, args, chosen)
    assert follow_up(said, last, skills, unsure=unsure, just_ran=False) is None  # not after another turn


@pytest.mark.parametrize(
    "last, said, args",
    [  # "the day after" had been a date called "after"
        ({"what": "day", "date": "tomorrow"}, "the day after?", {"what": "day", "date": "the day after tomorrow"}),
        ({"what": "day", "date": "tomorrow"}, "and the day before", {"what": "day", "date": "today"}),
        ({"what": "date", "date": "december 24 2030"}, "what about the day after that", {"what": "date", "date": "december 25 2030"}),
    ],
)
def test_the_day_after_is_the_day_after_the_one_asked_about(skills, last, said, args):
    again, strong = follow_up(said, Intent("get_time", last), skills, just_ran=True)
    assert (again.name, again.args, strong) == ("get_time", args, True)


def test_a_request_with_a_day_in_it_is_no_bare_follow_up(skills):
    """"remind me tomorrow" right after the time in tokyo is not tomorrow's date there."""
    assert follow_up("remind me tomorrow", Intent("get_time", {"place": "tokyo"}), skills, unsure=True, just_ran=True) is None
    # a request is no name: "send that to alice" after a place had searched for a place called that
    last = Intent("find_restaurant", {"name": "bangkok garden", "about": "book"})
    assert follow_up("send that to alice", last, skills, unsure=True, just_ran=True) is None
    # as Whisper heard them: "send the list to alice" as "and the list to alice", "london?" as "1"
    assert follow_up("and the list to alice", Intent("find_restaurant", {"cuisine": "pizza"}), skills) is None
    assert follow_up("1", Intent("get_time", {"place": "tokyo"}), skills, unsure=True, just_ran=True) is None


def test_a_place_alone_is_the_last_questions_where_no_skill_is_sure_of_it(skills):
    """"and in zurich" after the weather: the language model, asked without the conversation, had made it a
    restaurant search near zurich."""
    last = Intent("weather", {"day": "tomorrow"})
    again, strong = follow_up("and in zurich", last, skills, unsure=True)
    assert (again.args, strong) == ({"day": "tomorrow", "location": "zurich"}, True)
    assert follow_up("and in zurich", last, skills, unsure=False)[1] is False  # the router's sure skill decides


def test_follow_ups_in_a_conversation(conv):
    assert conv.respond("what time is it in tokyo").reply.text == "In Tokyo it's 6:30 PM."
    turn = conv.respond("and in london")
    assert (turn.intent.name, turn.intent.args) == ("get_time", {"place": "london", "what": "time"})
    assert turn.reply.text == "In London it's 9:30 AM."
    assert conv.respond("what about new york").reply.text == "In New York it's 4:30 AM."
    assert conv.respond("sydney?").reply.text.startswith("In Sydney it's 8:30 PM")
    # a whole command of its own is that command, not a follow-up
    assert conv.respond("and set a timer for 5 minutes").intent.name == "set_timer"


def test_another_wish_right_after_a_search_keeps_the_rest_of_it(conv):
    """ "anything cheaper", "something thai", "something italian but not too expensive": said after a
    search, they had been `other` ("Sorry, I can't help with that"). (No map here: the arguments.)"""
    conv.respond("find italian food near schaan")
    turn = conv.respond("anything cheaper")
    assert (turn.intent.name, turn.intent.args) == (
        "find_restaurant", {"cuisine": "italian", "kind": "restaurant", "near": "schaan", "price": "cheap"})
    turn = conv.respond("something thai")
    assert (turn.intent.args["cuisine"], turn.intent.args["near"], "price" in turn.intent.args) == ("thai", "schaan", False)
    assert conv.respond("what about somewhere fancier").intent.args["price"] == "expensive"
    conv.respond("find a restaurant near me")
    turn = conv.respond("something italian but not too expensive")
    assert turn.intent.name == "find_restaurant"
    wanted = query(turn.intent.args)  # what the search looks for (its map is another test's)
    assert (wanted.cuisine, wanted.price, wanted.near) == ("italian", "cheap", None)
    # not right after a search: no follow-up
    conv.respond("what time is it")
    assert conv.respond("anything cheaper").intent.name == "other"


def test_a_timer_asked_for_how_long_keeps_its_purpose_and_another_one_is_set_after_it(skills):
    """"set a timer for the laundry" asked "For how long?", and the answer set an unnamed "45 minute" timer:
    the command's words are read with the answer. Right after, "and another one for the bread for 20
    minutes" (it had been `other`) is a second timer, read from its words. (The classifier routes the
    first: no template has a purpose; no language model.)"""
    from assistant.loading import loaded
    from assistant.routing.llm_router import LlmRouter

    config = Config.model_validate({"llm": {"enabled": False}, "timezone": "Europe/Zurich"})
    sched = Scheduler()
    router = Router(skills, loaded(LlmRouter(skills, None)))
    conv = Conversation(skills, router, lambda n: SkillContext(config, lambda: 0.0, sched, n, {}, None, lambda: WHEN))
    assert conv.respond("set a timer for the laundry").reply.text == "For how long?"
    assert conv.respond("45 minutes").reply.text == "Laundry timer set for 45 minutes."
    turn = conv.respond("and another one for the bread for 20 minutes")
    assert (turn.intent.source, turn.reply.text) == ("follow_up", "Bread timer set for 20 minutes.")
    text = conv.respond("which timers are running").reply.text
    assert text == "The bread timer has 20 minutes left; the laundry timer has 45 minutes left.", text
    conv.respond("what time is it")
    assert conv.respond("and another one for the bread for 20 minutes").intent.name != "set_timer"  # not right after


def test_one_more_timer_said_with_one(conv):
    """"and one for the sauce for 15" and "and one for 5 minutes for the garlic bread" right after a timer had
    been `other`, and then taken as the answer to "For how long?" without its purpose."""
    assert conv.respond("set a timer for 9 minutes for pasta").reply.text == "Pasta timer set for 9 minutes."
    assert conv.respond("and one for the sauce for 15").reply.text == "Sauce timer set for 15 minutes."
    assert conv.respond("and one for 5 minutes for the garlic bread").reply.text == "Garlic bread timer set for 5 minutes."
    assert conv.respond("cancel the sauce one").reply.text == "Cancelled the sauce timer."


def test_how_long_till_a_timer_s_purpose_right_after(conv):
    """"how long till the bus" right after a bus timer had been `other`; "how long until christmas" there
    stays the date's."""
    assert conv.respond("set a timer for 12 minutes for the bus").reply.text == "Bus timer set for 12 minutes."
    assert conv.respond("how long till the bus").reply.text == "The bus timer has 12 minutes left."
    assert conv.respond("how long until christmas").intent.name == "get_time"


def test_a_timer_just_set_is_named_by_call_it(conv):
    """"call it eggs" right after a timer had been `other`; it names that timer (not after other talk)."""
    assert conv.respond("set a timer for 6 minutes").reply.text == "Timer set for 6 minutes."
    turn = conv.respond("call it eggs")
    assert (turn.intent.source, turn.reply.text) == ("follow_up", "It's the eggs timer now: 6 minutes left.")
    conv.respond("set a timer for 9 minutes for the potatoes")
    assert conv.respond("call the potato 1 spuds").reply.text == "It's the spuds timer now: 9 minutes left."  # as Whisper writes it
    conv.respond("what time is it")
    assert conv.respond("call it rice").intent.name != "set_timer"


def test_a_reminder_changed_stays_a_reminder_and_what_it_is_for_is_asked(skills):
    """"change it to 20 minutes" right after a reminder had said "Take the pizza out timer set for 20
    minutes." (and would ring "Your take the pizza out timer is done."); "what was that reminder for" and
    "what's left" had been `other`."""
    config = Config.model_validate({"llm": {"enabled": False}, "timezone": "Europe/Zurich"})
    sched, states = Scheduler(), {}  # each skill's state lasts the conversation, as in the runtime
    conv = Conversation(skills, Router(skills), lambda n: SkillContext(
        config, lambda: 0.0, sched, n, states.setdefault(n, {}), None, lambda: WHEN))
    assert conv.respond("remind me in 15 minutes to take the pizza out").reply.text == (
        "I'll remind you to take the pizza out in 15 minutes.")
    assert conv.respond("what was that reminder for").reply.text == "The reminder to take the pizza out has 15 minutes left."
    turn = conv.respond("change it to 20 minutes")
    assert turn.reply.text == "Changed the reminder to take the pizza out to 20 minutes.", turn.reply.text
    assert conv.respond("what's left").reply.text == "The reminder to take the pizza out has 20 minutes left."


def test_a_follow_up_whose_reader_fails_is_still_that_follow_up(skills, caplog):
    """A plugin's reader that raises counts as no reading (Skill.read), as in the router: "and another one
    for the bread" right after a timer is still a new timer, its length asked for, and the turn goes on."""
    import dataclasses

    def broken(text):
        raise RuntimeError("a plugin's bug")

    patched = {**skills, "set_timer": dataclasses.replace(skills["set_timer"], read_args=broken)}
    config = Config.model_validate({"llm": {"enabled": False}, "timezone": "Europe/Zurich"})
    sched = Scheduler()
    conv = Conversation(patched, Router(patched), lambda n: SkillContext(config, lambda: 0.0, sched, n, {}, None, lambda: WHEN))
    assert conv.respond("set a timer for 5 minutes").reply.text == "Timer set for 5 minutes."
    turn = conv.respond("and another one for the bread")
    assert (turn.intent.source, turn.intent.args, turn.reply.text) == ("follow_up", {"action": "set"}, "For how long?")
    assert "read_args failed" in caplog.text


def test_an_answer_the_skill_cannot_take_is_asked_again(conv):
    """"0 minutes" asked "For how long?" had crashed the timer skill ("Sorry, something went wrong")."""
    assert conv.respond("set a timer").reply.text == "For how long?"
    assert conv.respond("0 minutes").reply.text == "Sorry, I didn't get that. For how long?"
    assert conv.respond("10 minutes").reply.text == "Timer set for 10 minutes."


def test_all_the_timers_at_once_and_one_by_its_length(skills):
    """"resume all" and "what timers are left" right after the timers answered had been `other`; "add a
    minute to the 10 minute one" had been "There's no 10 minutes timer"."""
    config = Config.model_validate({"llm": {"enabled": False}, "timezone": "Europe/Zurich"})
    sched, states = Scheduler(), {}
    conv = Conversation(skills, Router(skills), lambda n: SkillContext(
        config, lambda: 0.0, sched, n, states.setdefault(n, {}), None, lambda: WHEN))
    conv.respond("set a timer for 5 minutes")
    conv.respond("and another for 10")
    assert conv.respond("pause all timers").reply.text == "Paused the 5 minute timer and the 10 minute timer."
    assert conv.respond("resume all").reply.text == "Resumed the 5 minute timer and the 10 minute timer."
    turn = conv.respond("add 1 minute to the 10 minute one")
    assert turn.reply.text.startswith("Added 1 minute to the 10 minute timer: 11 minutes left"), turn.reply.text
    assert conv.respond("what timers are left").intent.args == {"action": "list"}


def test_a_number_while_an_offer_waits_is_no_correction_of_the_last_timer(skills):
    """A correction while a yes is awaited is of what the skill asking just wrote; "20" while the alarm
    offer waits does not change the timer set before it."""
    config = Config.model_validate({"llm": {"enabled": False}, "timezone": "Europe/Zurich"})
    sched, states = Scheduler(), {}
    conv = Conversation(skills, Router(skills), lambda n: SkillContext(
        config, lambda: 0.0, sched, n, states.setdefault(n, {}), None, lambda: WHEN))
    conv.respond("set a timer for 5 minutes")
    assert conv.respond("wake me up at 7").expects_reply  # "... Shall I set one?"
    conv.respond("20")
    assert [d.data.get("seconds") for d in sched.pending("timer")] == [300]
