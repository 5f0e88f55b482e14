"""A weather question that names its day by a date: inside the forecast it is that day, before it or
past its end it is said so (every one had been answered with today's weather). The loopback server's
forecast runs from Saturday, November 28, 2026 to Friday, December 4."""

from __future__ import annotations

import pytest

from assistant.forecast_days import PAST, dated
from tests.test_brain_weather import meteo, said  # noqa: F401

DAYS = [f"2026-11-{d}" for d in (28, 29, 30)] + [f"2026-12-0{d}" for d in (1, 2, 3, 4)]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("will it snow on christmas", ("The forecast only reaches Friday, December 4, so I can't tell the weather "
                                       "for Christmas yet.", None)),
        ("what was the weather yesterday", (PAST, None)),
        ("how was the weather last weekend", (PAST, None)),
        ("what's the weather on december 1", (None, "tuesday")),
        ("will it rain on the 2nd", (None, "wednesday")),
        ("what's the weather in 3 days", (None, "tuesday")),
        # not one date: read as they were
        ("give me the 5 day forecast", (None, None)),
        ("what's the weather for the next 3 days", (None, None)),
        ("what's the forecast for friday", (None, None)),
        ("what's the weather at 5 pm", (None, None)),
    ],
)
def test_a_date_against_the_forecasts_days(words, expected):
    assert dated(words, DAYS) == expected


def test_the_skill_answers_for_the_date_or_says_it_has_none(meteo):  # noqa: F811
    assert said(meteo, {"condition": "snow"}, "will it snow on christmas").startswith("The forecast only reaches Friday")
    assert said(meteo, {}, "what was the weather yesterday") == PAST
    # December 1, a Tuesday: its row (clear sky, -2 to 3 degrees), not today's (overcast, up to 6)
    assert said(meteo, {}, "what's the weather on december 1").startswith("On Tuesday: clear sky, from -2 degrees to 3 degrees")


def test_the_day_after_and_any_rain_then_keep_the_place_and_the_day():
    """"and the day after" right after Schaan's weather had been Vaduz's (the place dropped), "any rain then"
    today's at home, and "what about the weekend" after them home's too."""
    from assistant.config import load_config
    from assistant.dialogue.conversation import Conversation
    from assistant.plugins import discover_skills
    from assistant.routing.router import Router
    from assistant.scheduler import Scheduler
    from assistant.skill_context import SkillContext
    from tests.test_brain_weather import FORECAST, GEOCODE, loopback, online

    def body_for(path: str, query: dict[str, str]) -> dict:
        return FORECAST if path == "/v1/forecast" else GEOCODE if query.get("name", "").lower() == "schaan" else {}

    with loopback(body_for) as base:
        config = load_config(None, {"llm.enabled": False})
        for name, value in online(base).items():
            setattr(config, name, value)
        skills, states = discover_skills(config), {}
        conv = Conversation(skills, Router(skills),
                            lambda n: SkillContext(config, lambda: 0.0, Scheduler(), n, states.setdefault(n, {})))
        said = [conv.respond(t).reply.text for t in ("what's the weather in schaan", "and tomorrow", "and the day after",
                                                       "any rain then", "what about the weekend", "will it snow then")]
    assert said[2].startswith("The day after tomorrow in Schaan: snow"), said
    assert said[3] == "Yes, rain is likely the day after tomorrow in Schaan (70 percent chance).", said
    assert said[4] == "Yes, rain is likely this weekend in Schaan (85 percent chance).", said
    assert said[5] == "No snow expected this weekend in Schaan.", said


@pytest.mark.parametrize(
    ("words", "args", "expected"),
    [
        ("which day will be the warmest", {}, "Tomorrow looks warmest: up to 8 degrees."),
        ("what day will be the coldest", {}, "Monday looks coldest: from -4 degrees to only 1 degree."),
        ("when is the rainiest day this week", {"day": "week"}, "Tomorrow looks rainiest: 85 percent chance of rain or snow."),
        ("which day will be the windiest", {}, "Tomorrow looks windiest: wind up to 36 kilometers per hour."),
        ("what's the best day for a bike ride", {"condition": "outing"}, "Tuesday looks best: clear sky, up to 3 degrees."),
        # of the weekend's two days, asked so
        ("which day is the nicest this weekend", {"day": "weekend"}, "Today looks nicest: overcast, up to 6 degrees."),
    ],
)
def test_the_day_of_the_week_that_is_most_so(meteo, words, args, expected):  # noqa: F811
    """"which day will be the warmest" right after the week's forecast had been today's weather; "which day is
    the best for a walk this week" the time in a place called "this week". The forecast's days, ranked."""
    from assistant.config import Config
    from assistant.plugins import discover_skills
    from assistant.routing.router import Router

    skills = discover_skills(Config.model_validate({}))
    turn = Router(skills).templates.match(words)
    assert turn is not None and (turn.name, turn.args) == ("weather", args), (words, turn)
    assert said(meteo, args, words) == expected
    assert said(meteo, {"day": "weekend"}, "which day this weekend will be nicer") == "Today looks best: overcast, up to 6 degrees."


def test_sunscreen_is_the_sun_and_the_evening_is_asked_on(meteo):  # noqa: F811
    """"will i need sunscreen" had been `other`; "what about the evening" right after tomorrow morning's
    weather a town called "evening"."""
    from assistant.config import Config
    from assistant.dialogue.follow_up import own_follow_up
    from assistant.plugins import discover_skills
    from assistant.routing.intent import Intent
    from assistant.routing.router import Router

    skills = discover_skills(Config.model_validate({}))
    for words in ("will i need sunscreen", "should i bring sunglasses tomorrow"):
        turn = Router(skills).templates.match(words)
        assert (turn.name, turn.args["condition"]) == ("weather", "sun"), words
    assert said(meteo, {"condition": "sun"}, "will i need sunscreen") == "Not really sunny today: overcast."
    last = Intent("weather", {"day": "tomorrow"}, "template")
    assert own_follow_up("what about the evening", last, skills).args == {"day": "tomorrow"}


def test_the_weather_on_another_planet_is_said_to_be_unknown():
    """"what's the weather on mars" had been the weather at home; "sit in the sun" is no planet."""
    from assistant.config import Config
    from assistant.dialogue.near_miss import declined
    from assistant.plugins import discover_skills

    weather = discover_skills(Config.model_validate({}))["weather"]
    for words in ("what's the weather on mars", "weather on the moon", "how cold is it in outer space"):
        assert declined(words, weather) == "I only know the weather here on Earth. Name a town, like what's the weather in Zurich."
    for words in ("is it warm enough to sit in the sun", "will the sun come out on saturday", "weather for the moon festival"):
        assert declined(words, weather) is None, words


def test_when_it_will_rain_is_the_first_day_of_the_forecast_it_does(meteo):  # noqa: F811
    """"when is it going to rain" had been "No rain expected today"; "the weather for running this evening" a town
    called "running"."""
    from assistant.spoken_args import weather_args

    assert said(meteo, {"condition": "rain"}, "when is it going to rain") == "Rain looks likely first tomorrow (85 percent chance)."
    assert said(meteo, {"condition": "snow"}, "when will it snow") == "Snow looks likely first on Monday (70 percent chance)."
    assert weather_args("what's the weather like for running this evening") == {"day": "today", "condition": "outing"}


def test_the_temperature_again_is_the_last_place_s():
    """"what was the temperature again" right after Schaan's weather had been home's."""
    from assistant.config import Config
    from assistant.dialogue.follow_up import own_follow_up
    from assistant.plugins import discover_skills
    from assistant.routing.intent import Intent

    skills = discover_skills(Config.model_validate({}))
    last = Intent("weather", {"location": "schaan", "day": "tomorrow"}, "template")
    for words in ("what was the temperature again", "and what's the temperature there"):
        assert own_follow_up(words, last, skills).args == {"location": "schaan", "day": "tomorrow"}, words
    assert own_follow_up("what's the temperature", last, skills) is None  # asked afresh: home's
