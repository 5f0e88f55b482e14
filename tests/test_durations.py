"""Lengths as people say them, read by the timer from the user's words: compound lengths do not fit the
timer's one number and one unit, and the language model cut or garbled them."""

from __future__ import annotations

import asyncio
from datetime import datetime

import pytest

from assistant.config import Config
from assistant.durations import spoken_lengths, spoken_seconds, until_clock
from assistant.plugins import discover_skills
from assistant.scheduler import Scheduler
from assistant.skill_context import SkillContext


@pytest.mark.parametrize(
    "text, seconds",
    [
        ("set a timer for an hour and a half", 5400),
        ("set a timer for 1 hour 30 minutes", 5400),
        ("timer for 2 hours and 15 minutes", 8100),
        ("set a timer for two and a half minutes", 150),
        ("set a timer for half an hour", 1800),
        ("a quarter of an hour", 900),
        ("three quarters of an hour", 2700),
        ("set a 5-minute timer", 300),
        ("timer for twenty five minutes", 1500),
        ("2 minutes 30 seconds", 150),
        ("a couple of minutes", 120),
        ("90 seconds", 90),
        # hundreds ("a hundred seconds" had been the model's 1000, "a hundred and twenty seconds" 20 seconds)
        ("set a timer for a hundred seconds", 100),
        ("a hundred and twenty seconds", 120),
        ("one hundred twenty five seconds", 125),
        ("two hundred minutes", 12000),
        ("set a timer for a day", 86400),
        ("timer for 2.5 minutes", 150),
        ("set a timer for 10 minutes for the eggs and 5 minutes for the toast", 600),  # the first length
        # a bare number right after a length is the next smaller unit ("1 hour 15" had been 1 hour)
        ("set a timer for 1 hour 15", 4500),
        ("a timer for one hour fifteen for the roast", 4500),
        ("timer for 2 minutes and 30 please", 150),
        ("boil for 5 minutes 2 eggs", 300),  # a number with its own object is no part of the length
        ("timer for 3 minutes 75", 180),
        ("cancel the 5 minute one", 300),
        ("set a timer", None),
        ("set a timer for half", None),
        ("three quarters", None),
    ],
)
def test_a_spoken_length_is_read_whole(text, seconds):
    assert spoken_seconds(text) == seconds


def test_the_timer_takes_the_length_from_the_words_over_garbled_arguments():
    """The arguments the 0.5B model gave for "an hour and a half" (30 hours): the words win. Where the
    words name no length, the arguments stand."""
    config = Config.model_validate({"llm": {"enabled": False}})
    skill = discover_skills(config)["set_timer"]

    def run(text: str, args: dict) -> str:
        ctx = SkillContext(config, lambda: 0.0, Scheduler(), "set_timer", {}, None, utterance=text)
        return asyncio.run(skill.handle(args, ctx)).text

    garbled = {"action": "set", "duration": 30, "unit": "hours"}
    assert run("set a timer for an hour and a half", garbled) == "Timer set for 1 hour and 30 minutes."
    assert run("make it so", {"action": "set", "duration": 4, "unit": "minutes"}) == "Timer set for 4 minutes."


def test_a_timer_to_a_clock_time_runs_until_then():
    """What the 0.5B model gave for "set a timer for 3 pm" (3 minutes, and the time as a name): the
    words win. 14:22 on the wall clock."""
    from datetime import datetime

    from assistant.durations import until_clock

    now = datetime(2026, 12, 5, 14, 22)
    assert until_clock("set a timer until 5:30 pm", now) == datetime(2026, 12, 5, 17, 30)
    assert until_clock("set a timer for 2 p.m.", now) == datetime(2026, 12, 6, 14, 0)  # passed: tomorrow's
    assert until_clock("timer to 7 o'clock", now) == datetime(2026, 12, 5, 19, 0)  # the next of 7 and 19
    assert until_clock("set a timer for noon", now) == datetime(2026, 12, 6, 12, 0)
    assert until_clock("set a timer for 3 minutes", now) is None
    # the part of the day said picks one of the two
    assert until_clock("set a timer for 9 o'clock in the morning", now) == datetime(2026, 12, 6, 9, 0)
    assert until_clock("at 4 tomorrow afternoon, remind me to start the oven", now) == datetime(2026, 12, 6, 16, 0)

    config = Config.model_validate({"llm": {"enabled": False}})
    skill = discover_skills(config)["set_timer"]
    sched = Scheduler()
    ctx = SkillContext(config, lambda: 0.0, sched, "set_timer", {}, None, lambda: now, utterance="set a timer for 3 pm")
    reply = asyncio.run(skill.handle({"action": "set", "duration": 3, "name": "3 pm"}, ctx))
    assert reply.text == "Timer set for 38 minutes, until 3 PM."
    assert [d.t for d in sched.pending("timer")] == [38 * 60]


@pytest.mark.parametrize(
    "said, at",
    [
        ("set a timer for six thirty", datetime(2026, 12, 5, 18, 30)),  # the model had made it 630 minutes
        ("wake me up at 6:30", datetime(2026, 12, 6, 6, 30)),  # a wake-up between 4 and 11: the morning's
        ("set a timer for 6.30", datetime(2026, 12, 5, 18, 30)),
        ("set a timer for seven oh five", datetime(2026, 12, 5, 19, 5)),
        ("set a timer for half past seven", datetime(2026, 12, 5, 19, 30)),
        ("wake me at quarter to seven", datetime(2026, 12, 5, 18, 45)),
        ("set a timer for twenty minutes to seven", datetime(2026, 12, 5, 18, 40)),
        ("set a timer for ten past six in the morning", datetime(2026, 12, 6, 6, 10)),
        ("wake me at seven in the morning", datetime(2026, 12, 6, 7, 0)),
        ("set a timer for seven am", datetime(2026, 12, 6, 7, 0)),
        ("set a timer for seven o'clock", datetime(2026, 12, 5, 19, 0)),
        ("remind me at two thirty at night", datetime(2026, 12, 6, 2, 30)),
        ("set a timer for one forty five", datetime(2026, 12, 6, 1, 45)),  # 13:45 has passed
        ("remind me at 7", datetime(2026, 12, 5, 19, 0)),  # an hour alone after "at": the next 7
        ("wake me up at 7", datetime(2026, 12, 6, 7, 0)),  # ... but no one is woken at 7 pm
        ("set a timer until five", datetime(2026, 12, 5, 17, 0)),
        ("remind me tomorrow at 9 pm to call", datetime(2026, 12, 6, 21, 0)),  # not tonight's 9 pm
        ("wake me up tomorrow at 7", datetime(2026, 12, 6, 7, 0)),  # 7 am tomorrow is the next 7 anyway
    ],
)
def test_a_clock_time_said_in_words(said, at):
    assert until_clock(said, datetime(2026, 12, 5, 14, 0)) == at


@pytest.mark.parametrize(
    "said", ["set a timer for five", "set a timer for twenty five minutes", "set a timer for six thirty minutes", "set 2 timers"]
)
def test_an_hour_alone_or_a_length_is_no_clock_time(said):
    assert until_clock(said, datetime(2026, 12, 5, 14, 0)) is None


@pytest.mark.parametrize(
    "text, lengths",
    [
        ("timers for 5 and 10 minutes", [300, 600]),
        # a list: each number takes the unit at its end ("5, 10 and 15 minutes" had set 10 and 15 only)
        ("set 3 timers for 5, 10 and 15 minutes", [300, 600, 900]),
        ("set a timer for 5 minutes and 10 seconds", [310]),  # one length
        ("set two timers one for 3 minutes and one for 10 minutes", [180, 600]),
        # a bare number at the end, after another one: the unit said before
        ("set a timer for 4 minutes and another for 5", [240, 300]),
        ("set a timer for 1 hour and another for 30", [3600]),  # not 30 hours: left to the model
        ("set a timer for 10 minutes for the eggs and 5", [600]),  # no "another": a number, not a timer
    ],
)
def test_every_length_a_sentence_names(text, lengths):
    assert spoken_lengths(text) == lengths
