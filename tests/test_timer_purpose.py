"""What a timer is for, read from the user's words: a named timer rings and is listed and cancelled by
its name; a reminder rings with what to do."""

from __future__ import annotations

import asyncio

import pytest

from assistant.config import Config
from assistant.dialogue.conversation import Conversation
from assistant.plugins import discover_skills
from assistant.routing.router import Router
from assistant.scheduler import Scheduler
from assistant.skill_context import SkillContext
from assistant.timer_purpose import timer_purpose


def _timer_skill():
    """The set_timer skill with its own scheduler and a clock the test moves (clock[0], seconds): a
    run(words, args) that returns the reply's text."""
    config = Config.model_validate({"llm": {"enabled": False}})
    skill = discover_skills(config)["set_timer"]
    scheduler = Scheduler()
    clock = [0.0]
    state: dict = {}  # the skill's state lasts the conversation, as in the runtime

    def run(text: str, args: dict) -> str:
        ctx = SkillContext(config, lambda: clock[0], scheduler, "set_timer", state, None, utterance=text)
        return asyncio.run(skill.handle(args, ctx)).text

    return run, scheduler, clock


@pytest.mark.parametrize(
    "text, set_text, done_text",
    [
        ("set a timer for 5 minutes called eggs", "Eggs timer set for 5 minutes.", "Your eggs timer is done."),
        ("set a 10 minute timer for the pasta please", "Pasta timer set for 5 minutes.", "Your pasta timer is done."),
        ("set a timer called tea for half an hour", "Tea timer set for 5 minutes.", "Your tea timer is done."),
        ("remind me in half an hour to take the cake out of the oven",
         "I'll remind you to take the cake out of the oven in 5 minutes.", "Time to take the cake out of the oven."),
        ("remind me in ten minutes to check the oven", "I'll remind you to check the oven in 5 minutes.",
         "Time to check the oven."),
        ("remind me to call my mother in an hour and a half", "I'll remind you to call your mother in 5 minutes.",
         "Time to call your mother."),
        ("remind me about the meeting in 20 minutes", "I'll remind you about the meeting in 5 minutes.",
         "Reminder: the meeting."),
        ("set a pizza timer for 12 minutes", "Pizza timer set for 5 minutes.", "Your pizza timer is done."),
        ("start the banana bread timer for an hour", "Banana bread timer set for 5 minutes.", "Your banana bread timer is done."),
        # the length took the article with it: "set a 3 minute egg timer"
        ("set a 3 minute egg timer", "Egg timer set for 5 minutes.", "Your egg timer is done."),
        ("start a five minute pasta timer", "Pasta timer set for 5 minutes.", "Your pasta timer is done."),
        # "on" or "going" between "timer" and "for": it runs for the eggs
        ("put a ten minute timer on for the eggs", "Eggs timer set for 5 minutes.", "Your eggs timer is done."),
        # a time said in words, and the day, are when, not what for
        ("remind me tomorrow at 9 to take my pills", "I'll remind you to take your pills in 5 minutes.",
         "Time to take your pills."),
        ("remind me at half past five to call mom", "I'll remind you to call mom in 5 minutes.", "Time to call mom."),
        # no article: "set a timer for pasta 10 minutes" had been a plain 10 minute timer
        ("set a timer for pasta 10 minutes", "Pasta timer set for 5 minutes.", "Your pasta timer is done."),
        # "another" without "one" ("and another for 40 minutes for the bread" had been a plain timer)
        ("and another for 40 minutes for the bread", "Bread timer set for 5 minutes.", "Your bread timer is done."),
        # "set one for my tea" (the model had named it "set tea timer")
        ("can you set one for my tea, 4 minutes", "Tea timer set for 5 minutes.", "Your tea timer is done."),
    ],
)
def test_a_purpose_is_read_from_the_words(text, set_text, done_text):
    purpose = timer_purpose(text)
    assert purpose is not None and purpose.set_text("5 minutes") == set_text and purpose.done_text() == done_text


@pytest.mark.parametrize(
    "text",
    ["set a timer for 5 minutes", "timer for 90 seconds", "remind me in 5 minutes", "set a timer for 1 hour 30 minutes",
     "set a 10 minute timer", "start a countdown timer for 2 minutes", "set a kitchen timer for 5 minutes",
     "set my timer for 3 minutes", "set timer for 10 minutes", "set me a timer for 20 minutes",
     "could you set us a timer, like, for twenty minutes or so", "set a timer for me for 5 minutes",
     "set a timer for tomorrow morning", "set a timer for twenty", "set a timer for when the rice is done",
     "set a timer for half past",
     # hedges before the length ("Like timer set for 10 minutes.")
     "um could you uh set a timer for like ten minutes", "set a timer for about an hour", "set a timer for just 2 minutes",
     "set a timer for 5min"],  # typed without a space ("5min timer set for 5 minutes.")
)
def test_a_timer_with_no_purpose_has_none(text):
    assert timer_purpose(text) is None


def test_named_timers_ring_list_and_cancel_by_name():
    run, scheduler, _ = _timer_skill()

    assert run("set a 5 minute timer for the eggs", {"action": "set", "duration": 5, "unit": "minutes"}) == (
        "Eggs timer set for 5 minutes."
    )
    assert run("remind me in ten minutes to check the oven", {"action": "set", "duration": 10, "unit": "minutes"}) == (
        "I'll remind you to check the oven in 10 minutes."
    )
    assert run("set a timer for 3 minutes", {"action": "set", "duration": 3, "unit": "minutes"}) == (
        "Timer set for 3 minutes."
    )
    assert [d.text for d in scheduler.pending("timer")] == [
        "Your 3 minute timer is done.", "Your eggs timer is done.", "Time to check the oven."
    ]
    assert run("how much time is left", {"action": "list"}) == (
        "The 3 minute timer has 3 minutes left; the eggs timer has 5 minutes left; "
        "the reminder to check the oven has 10 minutes left."
    )
    assert run("cancel the eggs timer", {"action": "cancel"}) == "Cancelled the eggs timer."
    assert [d.text for d in scheduler.pending("timer")] == ["Your 3 minute timer is done.", "Time to check the oven."]


def test_a_timer_pauses_and_resumes():
    run, scheduler, clock = _timer_skill()

    run("set a 5 minute timer for the eggs", {"action": "set", "duration": 5, "unit": "minutes"})
    run("set a timer for 10 minutes", {"action": "set", "duration": 10, "unit": "minutes"})
    clock[0] = 60.0
    assert run("pause the eggs timer", {"action": "pause"}) == "Paused the eggs timer."
    clock[0] = 1000.0  # long past when it would have rung
    assert [d.text for d in scheduler.pop_due(clock[0])] == ["Your 10 minute timer is done."]
    assert run("how long is left", {"action": "list"}) == "The eggs timer is paused with 4 minutes left."
    assert run("pause the timer", {"action": "pause"}) == "There is no running timer."
    assert run("resume the timer", {"action": "resume"}) == "Resumed the eggs timer: 4 minutes left."
    # "restart the timer" while it runs: that it runs, not "There is no paused timer."
    assert run("restart the timer", {"action": "resume"}) == "The eggs timer is running: 4 minutes left."
    assert scheduler.pop_due(clock[0] + 239) == []
    assert [d.text for d in scheduler.pop_due(clock[0] + 240)] == ["Your eggs timer is done."]


def test_time_is_added_to_and_taken_off_a_running_timer():
    run, scheduler, clock = _timer_skill()

    assert run("add five minutes to the timer", {"action": "add", "duration": 5, "unit": "minutes"}) == (
        "You have no timer running; say set a timer for 5 minutes to start one."
    )
    run("set a 5 minute timer for the eggs", {"action": "set", "duration": 5, "unit": "minutes"})
    run("set a timer for 20 minutes", {"action": "set", "duration": 20, "unit": "minutes"})
    clock[0] = 60.0
    # no timer named: the one set last
    assert run("add five minutes to the timer", {"action": "add", "duration": 5, "unit": "minutes"}) == (
        "Added 5 minutes to the 20 minute timer: 24 minutes left."
    )
    assert run("take 2 minutes off the eggs timer", {"action": "subtract", "duration": 2, "unit": "minutes"}) == (
        "Took 2 minutes off the eggs timer: 2 minutes left."
    )
    assert run("add 30 seconds to the 20 minute timer", {"action": "add", "duration": 30, "unit": "seconds"}) == (
        "Added 30 seconds to the 20 minute timer: 24 minutes and 30 seconds left."
    )
    assert [d.text for d in scheduler.pop_due(clock[0] + 120)] == ["Your eggs timer is done."]
    assert scheduler.pop_due(clock[0] + 24 * 60 + 29) == []
    assert [d.text for d in scheduler.pop_due(clock[0] + 24 * 60 + 30)] == ["Your 20 minute timer is done."]


def test_a_paused_timer_keeps_the_added_time_and_one_taken_past_its_end_rings():
    run, scheduler, _ = _timer_skill()

    run("set a timer for 10 minutes", {"action": "set", "duration": 10, "unit": "minutes"})
    run("pause the timer", {"action": "pause"})
    assert run("add 2 minutes", {"action": "add", "duration": 2, "unit": "minutes"}) == (
        "Added 2 minutes to the 10 minute timer: 12 minutes left."
    )
    assert run("how long is left", {"action": "list"}) == "The 10 minute timer is paused with 12 minutes left."
    run("resume the timer", {"action": "resume"})
    assert run("take 15 minutes off the timer", {"action": "subtract", "duration": 15, "unit": "minutes"}) == (
        "Took 15 minutes off the 10 minute timer: it's done."
    )
    assert [d.text for d in scheduler.pop_due(0.0)] == ["Your 10 minute timer is done."]


def test_how_much_longer_on_what_a_timer_is_for():
    """"how much longer on the pizza" names the timer by its purpose without the word timer (a template);
    a purpose no timer has is said so before the timers there are."""
    from assistant.routing.router import Router

    router = Router(discover_skills(Config.model_validate({"llm": {"enabled": False}})))
    for text in ("how much longer on the pizza", "how much time is left for the pizza", "how long left on my pizza timer"):
        intent = router.route(text)
        assert (intent.name, intent.args) == ("set_timer", {"action": "list", "name": "pizza"}), text
    assert router.route("what timers do i have running").args == {"action": "list"}
    # "how many minutes are left" had been the time of day
    assert (router.route("how many minutes are left").name, router.route("how many minutes are left").args) == (
        "set_timer", {"action": "list"}
    )
    for text in ("are there any timers", "is there a timer"):
        assert (router.route(text).name, router.route(text).args) == ("set_timer", {"action": "list"}), text
    for text in ("how long have i got left", "how long do i have left", "how much time is there left"):
        assert (router.route(text).name, router.route(text).args) == ("set_timer", {"action": "list"}), text
    run, _, _ = _timer_skill()
    run("set a pizza timer for 12 minutes", {"action": "set", "duration": 12, "unit": "minutes"})
    assert run("how much longer on the pizza", {"action": "list", "name": "pizza"}) == "The pizza timer has 12 minutes left."
    assert run("how much longer for the bus", {"action": "list", "name": "bus"}) == (
        "There's no bus timer. The pizza timer has 12 minutes left."
    )


def test_a_name_no_timer_has_cancels_nothing():
    """"stop the pasta timer" with no pasta timer cancelled every timer; now it cancels nothing and says
    which there are. "the egg timer" is the eggs timer."""
    run, scheduler, _ = _timer_skill()
    run("set a timer for the eggs for 7 minutes", {"action": "set", "duration": 7, "unit": "minutes"})
    run("set a timer for 3 minutes", {"action": "set", "duration": 3, "unit": "minutes"})
    assert run("stop the pasta timer", {"action": "cancel", "name": "pasta"}) == (
        "There's no pasta timer, so I cancelled nothing. You have the 3 minute timer and the eggs timer."
    )
    assert len(scheduler.pending("timer")) == 2
    assert run("how long on the egg timer", {"action": "list", "name": "egg"}) == "The eggs timer has 7 minutes left."
    assert run("stop the egg timer", {"action": "cancel", "name": "egg"}) == "Cancelled the eggs timer."
    assert [d.text for d in scheduler.pending("timer")] == ["Your 3 minute timer is done."]
    assert run("cancel the timer", {"action": "cancel", "name": "the timer"}) == "Cancelled the 3 minute timer."


def test_a_reminder_at_a_clock_time_says_what_and_when():
    """"remind me to call mom at 5 pm" as the model's arguments (a length it made up): until 5 PM, and
    the reminder is "call mom" (the time had made the purpose unreadable: a digit in it)."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    config = Config.model_validate({"llm": {"enabled": False}})
    skill = discover_skills(config)["set_timer"]
    three = datetime(2026, 12, 5, 15, 0, tzinfo=ZoneInfo("Europe/Zurich"))
    scheduler = Scheduler()
    ctx = SkillContext(config, lambda: 0.0, scheduler, "set_timer", {}, None, lambda: three,
                       utterance="remind me to call mom at 5 pm")
    reply = asyncio.run(skill.handle({"action": "set", "duration": 5, "unit": "minutes"}, ctx))
    assert reply.text == "I'll remind you to call mom at 5 PM, in 2 hours."
    assert [d.text for d in scheduler.pending("timer")] == ["Time to call mom."]


def test_time_added_to_a_timer_named_by_its_purpose_and_it_paused_and_resumed():
    """"add 10 minutes to the roast" without the word timer; "add 10 minutes to the meeting" with no such
    timer changes none (it had gone to the last timer set); "pause it", "resume it", "cancel everything"."""
    from assistant.routing.router import Router

    router = Router(discover_skills(Config.model_validate({"llm": {"enabled": False}})))
    assert router.route("add 10 minutes to the roast").args == {"action": "add", "duration": 10, "unit": "minutes", "name": "roast"}
    assert router.route("pause it").args == {"action": "pause"}
    assert router.route("resume it").args == {"action": "resume"}
    assert router.route("cancel everything").args == {"action": "cancel"}
    run, _, _ = _timer_skill()
    run("set a 2 hour timer called roast", {"action": "set", "duration": 2, "unit": "hours"})
    assert run("add 10 minutes to the roast", {"action": "add", "duration": 10, "unit": "minutes", "name": "roast"}) == (
        "Added 10 minutes to the roast timer: 2 hours and 10 minutes left."
    )
    assert run("add 10 minutes to the meeting", {"action": "add", "duration": 10, "unit": "minutes", "name": "meeting"}) == (
        "There's no meeting timer; say set a timer for 10 minutes to start one."
    )


@pytest.mark.parametrize(
    "text",
    ["set timers for 5 and 10 minutes", "set a timer for 5 minutes and another for 10 minutes",
     "start two timers, 5 minutes and 10 minutes", "set two timers, one for 5 and one for 10 minutes"],
)
def test_several_timers_at_once(text):
    """The model's arguments hold one length (5 or 10 minutes); the words ask for two timers."""
    run, scheduler, _ = _timer_skill()
    assert run(text, {"action": "set", "duration": 5, "unit": "minutes"}) == "Timers set for 5 minutes and 10 minutes."
    assert sorted(d.text for d in scheduler.pending("timer")) == ["Your 10 minute timer is done.", "Your 5 minute timer is done."]


def test_two_lengths_for_one_timer_stay_one_timer():
    run, scheduler, _ = _timer_skill()
    assert run("set a timer for 1 hour and 30 minutes", {"action": "set", "duration": 90, "unit": "minutes"}) == (
        "Timer set for 1 hour and 30 minutes."
    )
    assert len(scheduler.pending("timer")) == 1


def test_how_much_time_do_i_have_left_is_about_the_timers():
    from assistant.routing.router import Router

    router = Router(discover_skills(Config.model_validate({"llm": {"enabled": False}})))
    assert router.route("how much time do i have left").args == {"action": "list"}


def test_make_it_changes_the_timer_just_set_and_a_clock_timer_is_named_by_its_time():
    """"make it 5 minutes" right after setting one had set a second timer; a timer until 7 AM rang as
    "Your 35205 second timer is done."."""
    run, scheduler, clock = _timer_skill()
    assert run("set a timer for two and a half minutes", {"action": "set", "duration": 2.5, "unit": "minutes"}) == (
        "Timer set for 2 minutes and 30 seconds."
    )
    assert run("make it 5 minutes", {"action": "set", "duration": 5, "unit": "minutes"}) == (
        "Changed the 2 minute 30 second timer to 5 minutes."
    )
    assert [d.text for d in scheduler.pending("timer")] == ["Your 5 minute timer is done."]
    run("set a pasta timer for 8 minutes", {"action": "set", "duration": 8, "unit": "minutes"})
    assert run("actually make it 10 minutes", {"action": "set", "duration": 10, "unit": "minutes"}) == (
        "Changed the pasta timer to 10 minutes."
    )
    assert sorted(d.text for d in scheduler.pending("timer")) == ["Your 5 minute timer is done.", "Your pasta timer is done."]
    clock[0] += 120  # two minutes later "make it ..." is a timer of its own
    run("make it 3 minutes", {"action": "set", "duration": 3, "unit": "minutes"})
    assert len(scheduler.pending("timer")) == 3


def test_a_name_the_template_gave_names_the_timer():
    """"start a countdown of 15 minutes for the rice": the template's name, where the purpose reader found
    none, names the timer; a model's "name" holding the length does not ("10 minutes timer")."""
    from assistant.routing.router import Router

    router = Router(discover_skills(Config.model_validate({"llm": {"enabled": False}})))
    text = "start a countdown of fifteen minutes for the rice"
    intent = router.route(text)
    assert (intent.name, intent.args.get("name")) == ("set_timer", "rice")
    run, _, _ = _timer_skill()
    assert run(text, intent.args) == "Rice timer set for 15 minutes."
    assert run("how long on the rice", {"action": "list", "name": "rice"}) == "The rice timer has 15 minutes left."
    assert run("10 minutes is what it should be", {"action": "set", "duration": 10, "unit": "minutes",
                                                    "name": "10 minutes timer"}) == "Timer set for 10 minutes."
    assert router.route("kill all my timers").args == {"action": "cancel"}
    # "every" and "each" are all of them, not a timer's name
    intent = router.route("cancel every timer")
    assert run("cancel every timer", intent.args).startswith("Cancelled"), intent.args
    assert run("how long on the rice", {"action": "list", "name": "rice"}) == "You have no timers running."
    assert router.route("how many timers are running").args == {"action": "list"}


def test_a_timer_picked_by_the_order_it_was_set_in():
    """"cancel the first one", "pause the last one", and "the second one" as the answer to "which one?"."""
    from assistant.routing.router import Router

    router = Router(discover_skills(Config.model_validate({"llm": {"enabled": False}})))
    run, _, _ = _timer_skill()
    for text in ("set a timer for 5 minutes", "set a timer for 10 minutes", "set a pasta timer for 8 minutes"):
        run(text, router.route(text).args)

    def say(text: str) -> str:
        return run(text, router.route(text).args)

    assert say("cancel the first one") == "Cancelled the 5 minute timer."
    assert say("pause the last one") == "Paused the pasta timer."
    assert say("cancel the timer").endswith("Which one should I cancel?")
    assert run("the second one", {"action": "cancel", "name": "the second one"}) == "Cancelled the pasta timer."
    assert say("cancel the third one") == "There's no third timer, so I cancelled nothing. You have the 10 minute timer."


def test_two_timers_in_one_breath_and_a_bare_resume():
    """ "set two timers one for 3 minutes and one for 10 minutes" had listed timers (the model read "two"
    and "one" as a name); "and another for 5" set one; "resume" alone was `other`; four timers paused
    were named one by one. The real router (templates, then the trained classifier; no language model)."""
    from assistant.loading import loaded
    from assistant.routing.llm_router import LlmRouter
    from assistant.routing.router import Router

    skills = discover_skills(Config.model_validate({"llm": {"enabled": False}}))
    router = Router(skills, loaded(LlmRouter(skills, None)))
    run, _, _ = _timer_skill()

    def say(text: str) -> str:
        intent = router.route(text)
        assert intent.name == "set_timer", (text, intent)
        return run(text, intent.args)

    assert say("set two timers one for 3 minutes and one for 10 minutes") == "Timers set for 3 minutes and 10 minutes."
    assert say("set a timer for 4 minutes and another for 5") == "Timers set for 4 minutes and 5 minutes."
    assert say("pause the timers") == "Paused all 4 timers."
    assert say("resume") == "Resumed all 4 timers."
    assert say("pause the 3 minute timer") == "Paused the 3 minute timer."
    assert say("continue").startswith("Resumed the 3 minute timer")
    say("cancel all timers")
    # each with its name ("set a pasta timer for 8 minutes and a rice timer for 15" had asked which action)
    assert say("set a pasta timer for 8 minutes and a rice timer for 15") == (
        "Set the pasta timer for 8 minutes and the rice timer for 15 minutes.")
    assert say("set a timer for the eggs for 5 minutes and one for the toast for 2 minutes") == (
        "Set the eggs timer for 5 minutes and the toast timer for 2 minutes.")
    assert say("how much longer on the rice") == "The rice timer has 15 minutes left."


def test_a_length_without_its_unit_and_many_timers_listed():
    """ "make it 30" after a 20 second timer had made it 30 minutes, "countdown from 60" an hour; "how many
    timers" had listed all of them without a count; "every 10 minutes" set one timer without a word."""
    run, _, _ = _timer_skill()
    assert run("set a 20 second timer", {"action": "set", "duration": 20, "unit": "seconds"}) == "Timer set for 20 seconds."
    assert run("make it 30", {"action": "set", "duration": 30}) == "Changed the 20 second timer to 30 seconds."
    assert run("countdown from 60", {"action": "set", "duration": 60}) == "Timer set for 1 minute."
    assert run("set a timer every 10 minutes", {"action": "set", "duration": 10, "unit": "minutes"}) == (
        "I can't repeat a timer, so it rings once. Timer set for 10 minutes.")
    for n in (3, 4):
        run(f"set a timer for {n} hours", {"action": "set", "duration": n, "unit": "hours"})
    assert run("how many timers do i have", {"action": "list"}) == (
        "You have 5 timers. The 30 second timer has 30 seconds left; the 1 minute timer has 1 minute left; "
        "the 10 minute timer has 10 minutes left; and 2 more.")


def test_a_timer_named_as_the_recognizer_spelled_it_once():
    """Whisper wrote "a timer for pasta ten minutes" as "past": "how much longer on the pasta" had been
    "There's no pasta timer". One timer whose name sounds like the one asked for is that timer."""
    run, _, _ = _timer_skill()
    assert run("set a timer for past 10 minutes", {"action": "set", "duration": 10, "unit": "minutes"}) == (
        "Past timer set for 10 minutes.")
    run("set a timer for the eggs for 5 minutes", {"action": "set", "duration": 5, "unit": "minutes"})
    assert run("how much longer on the pasta", {"action": "list", "name": "pasta"}) == "The past timer has 10 minutes left."
    assert run("how much longer on the rice", {"action": "list", "name": "rice"}).startswith("There's no rice timer.")


def test_a_timer_by_what_it_is_for_without_the_word_timer_right_after():
    """"pause the eggs" right after the timer skill answered had been `other`; "resume the eggs", "stop
    the toast" too. "pause the music" there pauses no timer (it had paused the only one). The real
    router and dialogue."""
    from assistant.dialogue.conversation import Conversation
    from assistant.loading import loaded
    from assistant.routing.llm_router import LlmRouter
    from assistant.routing.router import Router

    config = Config.model_validate({"llm": {"enabled": False}})
    skills = discover_skills(config)
    sched, state = Scheduler(), {}
    conv = Conversation(
        skills, Router(skills, loaded(LlmRouter(skills, None))),
        lambda n: SkillContext(config, lambda: 0.0, sched, n, state.setdefault(n, {}), None),
    )
    assert conv.respond("start a 12 minute timer for the eggs").reply.text == "Eggs timer set for 12 minutes."
    assert conv.respond("set a toast timer for 3 minutes").reply.text == "Toast timer set for 3 minutes."
    assert conv.respond("pause the eggs").reply.text == "Paused the eggs timer."
    assert conv.respond("resume the eggs").reply.text == "Resumed the eggs timer: 12 minutes left."
    assert conv.respond("stop the toast").reply.text == "Cancelled the toast timer."
    assert conv.respond("pause the music").reply.text == "There's no music timer, so I paused nothing."
    conv.respond("set a timer for 3 minutes")
    assert conv.respond("never mind, cancel it").reply.text == "Cancelled the 3 minute timer."  # it had been `other`
    # "it" is the timer just named, not a timer called "it" (the model gives it as the name)
    assert conv.respond("how much time is left on the eggs").reply.text.startswith("The eggs timer has")
    assert conv.respond("add 5 minutes to it").reply.text == "Added 5 minutes to the eggs timer: 17 minutes left."
    # "add a minute" and "what time will it go off" alone right after (they had been `other` and the time now)
    assert conv.respond("add a minute").reply.text == "Added 1 minute to the eggs timer: 18 minutes left."
    assert conv.respond("what time will it go off").intent.args == {"action": "list"}
    # "how long has it been running" had been `other`: what is left of it
    turn = conv.respond("how long has it been running")
    assert (turn.intent.args, turn.reply.text) == ({"action": "list"}, "The eggs timer has 18 minutes left.")
    assert conv.respond("how long has the eggs timer been going").reply.text == "The eggs timer has 18 minutes left."
    # "what's left on the eggs", "can you make it 20 instead" had been `other`
    assert conv.respond("what's left on the eggs").reply.text == "The eggs timer has 18 minutes left."
    assert conv.respond("can you make it 20 instead").reply.text == "Changed the eggs timer to 20 minutes."
    assert conv.respond("no i said 25").reply.text == "Changed the eggs timer to 25 minutes."  # it had been `other`
    # a timer by what it is for, right after ("what time does the laundry finish" had been the time now)
    conv.respond("set a timer for the laundry for 45 minutes")
    assert conv.respond("when will the laundry be done").intent.args == {"action": "list", "name": "laundry"}
    # "set another for 20": a bare number in minutes, as "a timer for 20" is (it had asked "For how long?")
    assert conv.respond("set another for 20").reply.text == "Timer set for 20 minutes."
    # named as people name a length: "the 2 hour 15 minute timer" (it had been "the 135 minute timer")
    conv.respond("set a timer for 2 hours 15 minutes")
    assert "the 2 hour 15 minute timer" in conv.respond("cancel the timer").reply.text


def test_a_reminder_said_purpose_first_is_routed_to_a_timer():
    """"remind me to take the cake out in 40 minutes" had been offered a timer ("I can't keep reminders
    ... Shall I set one?") where "remind me in 40 minutes to ..." set it: both orders are templates."""
    from assistant.routing.router import Router

    router = Router(discover_skills(Config.model_validate({})))
    for said, length in (("remind me to take the cake out in 40 minutes", 40), ("remind me to call mom in half an hour", 30),
                         ("remind me in an hour to call bob", 1), ("remind me to stretch in an hour", 1)):
        intent = router.route(said)
        assert (intent.name, intent.source, intent.args.get("duration")) == ("set_timer", "template", length), intent
    assert router.route("remind me to call mom").source != "template"  # no length: how to say it
    # so a timer and a reminder said as one are two commands (it had been one reminder in 10 minutes)
    from assistant.dialogue.compound import split_commands

    parts = split_commands("set a ten minute timer then remind me to stretch in an hour", router.whole_command)
    assert [(i.args["duration"], i.args.get("name")) for _, i in parts] == [(10, None), (1, "stretch")], parts


def test_a_length_before_something_is_counted_back_from_its_time_or_said_unknown():
    """"remind me 10 minutes before the meeting" had set a timer for 10 minutes from now: with no time for
    the meeting it says so; "15 minutes before 3 pm" is 2:45 PM."""
    run, scheduler, _ = _timer_skill()
    assert run("remind me 10 minutes before the meeting", {"action": "set", "duration": 10, "unit": "minutes"}) == (
        "I don't know when the meeting is: I have no calendar. Say when, like remind me at 2:50 PM to go.")
    assert scheduler.pending("timer") == []
    assert run("remind me 5 minutes before it ends", {"action": "set", "duration": 5, "unit": "minutes"}).startswith(
        "I don't know when that is:")
    said = run("remind me 15 minutes before 3 pm to call bob", {"action": "set", "duration": 15, "unit": "minutes"})
    assert said.startswith("I'll remind you to call bob at 2:45 PM"), said
    assert [d.text for d in scheduler.pending("timer")] == ["Time to call bob."]


def test_a_template_name_that_is_only_the_user_is_no_name():
    """"set a timer for ten minutes for me please": the template's name "me please" had been said back
    ("Me please timer set for 10 minutes.")."""
    run, scheduler, _ = _timer_skill()
    args = {"action": "set", "duration": 10, "unit": "minutes", "name": "me please"}
    assert run("i was wondering if you could set a timer for ten minutes for me please", args) == "Timer set for 10 minutes."
    args = {"action": "set", "duration": 5, "unit": "minutes", "name": "pasta please"}
    assert run("set a timer for 5 minutes for the pasta please", args) == "Pasta timer set for 5 minutes."


def test_a_timer_is_changed_started_again_and_named():
    """"change the timer to 8 minutes" (set minutes before) had set a second timer, "reset the timer" and
    "name the timer pasta" had asked "For how long?", "is my timer done" had set one."""
    run, scheduler, clock = _timer_skill()
    run("set a timer for 10 minutes", {"action": "set", "duration": 10, "unit": "minutes"})
    clock[0] = 300.0  # five minutes on: no longer "just set"
    assert run("change the timer to 8 minutes", {"action": "set", "duration": 8, "unit": "minutes"}) == (
        "Changed the 10 minute timer to 8 minutes.")
    assert run("name the timer pasta", {"action": "rename", "name": "pasta"}) == "It's the pasta timer now: 8 minutes left."
    clock[0] = 360.0
    assert run("reset the timer", {"action": "restart"}) == "Started the pasta timer again: 8 minutes."
    assert run("start the eggs timer over", {"action": "restart", "name": "eggs"}) == (
        "There's no eggs timer, so I started nothing again.")
    assert [d.text for d in scheduler.pending("timer")] == ["Your pasta timer is done."]
    assert [d.text for d in scheduler.pop_due(360.0 + 480)] == ["Your pasta timer is done."]
    # "set the ... timer to" changes the one running; "for" is a second one
    assert run("set the pasta timer to 9 minutes", {"action": "set", "duration": 9, "unit": "minutes", "name": "pasta"}) == (
        "Pasta timer set for 9 minutes.")  # the pasta timer had rung: a new one
    clock[0] = 1000.0
    assert run("set the pasta timer to 10 minutes", {"action": "set", "duration": 10, "unit": "minutes", "name": "pasta"}) == (
        "Changed the pasta timer to 10 minutes.")
    assert run("set the pasta timer for 5 minutes", {"action": "set", "duration": 5, "unit": "minutes", "name": "pasta"}) == (
        "Pasta timer set for 5 minutes.")
    assert sorted(d.data["seconds"] for d in scheduler.pending("timer")) == [300, 600]


def test_a_timer_until_a_clock_time_says_its_length_in_whole_minutes():
    """"set a timer until 6 pm" said at 12:59:19 had been "Timer set for 5 hours and 41 seconds"; it rings at
    6 PM all the same."""
    from datetime import datetime

    config = Config.model_validate({"llm": {"enabled": False}})
    skill = discover_skills(config)["set_timer"]
    ctx = SkillContext(config, lambda: 0.0, Scheduler(), "set_timer", {}, None, lambda: datetime(2026, 12, 7, 12, 59, 19),
                       utterance="set a timer until 6 pm")
    reply = asyncio.run(skill.handle({"action": "set", "duration": 301, "unit": "minutes"}, ctx))
    assert reply.text == "Timer set for 5 hours, until 6 PM.", reply.text
    assert reply.card["seconds"] == 5 * 3600 + 41


def test_a_timer_longer_than_a_day_is_asked_again_and_a_negative_one_changes_nothing():
    """"set a timer for 100 hours" had set one for four days; "set a timer for minus 5 minutes" had taken 5
    minutes off the running timer."""
    run, scheduler, clock = _timer_skill()
    assert run("set a timer for 100 hours", {"action": "set", "duration": 100, "unit": "hours"}) == (
        "I set timers of up to 24 hours, and 100 hours is longer. For how long?")
    assert scheduler.pending("timer") == []
    assert run("set a timer for 24 hours", {"action": "set", "duration": 24, "unit": "hours"}) == "Timer set for 24 hours."
    assert run("set a timer for minus 5 minutes", {"action": "subtract", "duration": 5, "unit": "minutes"}).startswith(
        "A timer can't run for less than nothing.")
    assert [d.t for d in scheduler.pending("timer")] == [24 * 3600]


def test_a_reminder_named_by_a_word_of_its_purpose():
    """"cancel the bread reminder" had been "There's no bread reminder timer": the one reminder whose purpose
    holds the words said."""
    run, scheduler, _clock = _timer_skill()
    run("remind me to take the bread out in 20 minutes", {"action": "set", "duration": 20, "unit": "minutes",
                                                          "name": "take the bread out"})
    run("remind me to call mom in 30 minutes", {"action": "set", "duration": 30, "unit": "minutes", "name": "call mom"})
    assert run("cancel the bread reminder", {"action": "cancel", "name": "bread reminder"}) == (
        "Cancelled the reminder to take the bread out.")
    assert [d.data["name"] for d in scheduler.pending("timer")] == ["call mom"]


def test_what_reminders_there_are_is_told_where_to_look():
    """"what reminders do i have" had been "Sorry, I can't help with that" (the data labels it other)."""
    from assistant.dialogue.near_miss import near_miss
    from assistant.plugins import discover_skills

    skills = discover_skills(Config.model_validate({"llm": {"enabled": False}}))
    for said in ("what reminders do i have", "read my reminders", "do i have any reminders"):
        miss = near_miss(said, skills)
        assert miss is not None and miss.say.startswith("Reminders here are timers"), said


def test_snooze_rings_the_timer_that_rang_again_later():
    """ "snooze" right after a timer rang had been the time in a place called "snooze": the same timer is
    due again in 5 minutes, or as long as said; with nothing rung lately there is nothing to snooze."""
    config = Config.model_validate({"llm": {"enabled": False}})
    skills = discover_skills(config)
    scheduler, clock, states = Scheduler(), [0.0], {}
    conv = Conversation(skills, Router(skills), lambda n: SkillContext(config, lambda: clock[0], scheduler, n, states.setdefault(n, {})))
    assert conv.respond("snooze").reply.text == "No timer has rung lately, so there's nothing to snooze."
    conv.respond("set a timer for 10 minutes for the pasta")
    clock[0] = 601.0
    (rang,) = scheduler.pop_due(clock[0])  # the pipeline rings it
    turn = conv.respond("snooze")
    assert (turn.intent.name, turn.reply.text) == ("set_timer", "Snoozed: I'll ring again in 5 minutes.")
    (again,) = scheduler.pending("timer")
    assert (again.text, again.t) == (rang.text, 901.0)
    clock[0] = 901.0
    scheduler.pop_due(clock[0])
    assert conv.respond("snooze it for 2 minutes").reply.text == "Snoozed: I'll ring again in 2 minutes."
    assert scheduler.pending("timer")[0].t == 1021.0
