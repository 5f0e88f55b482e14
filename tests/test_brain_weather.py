"""The weather skill against a loopback HTTP server speaking Open-Meteo's JSON; offline it says so."""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest

from assistant.config import load_config
from assistant.plugins import discover_skills
from assistant.scheduler import Scheduler
from assistant.skill_context import SkillContext

FORECAST = {
    "latitude": 47.14,
    "longitude": 9.52,
    "timezone": "Europe/Vaduz",
    "current_units": {"temperature_2m": "°C", "wind_speed_10m": "km/h"},
    "current": {"time": "2026-11-28T09:00", "temperature_2m": 4.6, "weather_code": 3, "wind_speed_10m": 7.2},
    "daily_units": {"temperature_2m_max": "°C"},
    "daily": {
        "time": ["2026-11-28", "2026-11-29", "2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04"],
        "weather_code": [3, 61, 73, 0, 1, 2, 80],
        "temperature_2m_max": [6.1, 8.4, 1.2, 3.0, 4.0, 5.0, 7.0],
        "temperature_2m_min": [-0.4, 2.2, -3.5, -2.0, -1.0, 0.0, 1.0],
        "precipitation_probability_max": [10, 85, 70, 0, 5, 10, 60],
        "wind_speed_10m_max": [12.0, 35.5, 20.0, 8.0, 9.0, 10.0, 14.0],
    },
}
# the place's hours from midnight of the first day: light rain from 3 to 6 PM on the first day
FORECAST["hourly"] = {
    "time": [f"2026-{11 + (28 + h // 24 > 30)}-{(28 + h // 24 - 1) % 30 + 1:02d}T{h % 24:02d}:00" for h in range(168)],
    "temperature_2m": [float(h % 24 // 3) for h in range(168)],
    "precipitation_probability": [70 if 15 <= h < 18 else 10 for h in range(168)],
    "weather_code": [61 if 15 <= h < 18 else 3 for h in range(168)],
}
GEOCODE = {"results": [{"name": "Schaan", "latitude": 47.17, "longitude": 9.51, "country": "Liechtenstein"}]}


@contextlib.contextmanager
def loopback(body_for: Callable[[str, dict[str, str]], dict | None]) -> Iterator[str]:
    """An HTTP server on loopback answering GET with the JSON `body_for(path, query)` gives (404 for None);
    yields its base URL."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            url = urlparse(self.path)
            body = body_for(url.path, {k: v[0] for k, v in parse_qs(url.query).items()})
            if body is None:
                self.send_error(404)
                return
            data = json.dumps(body).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()


@pytest.fixture(scope="module")
def meteo():
    seen: list[dict] = []

    def body_for(path: str, query: dict[str, str]) -> dict | None:
        seen.append({"path": path, **query})
        if path == "/v1/forecast":
            return FORECAST
        if path == "/v1/search":
            return GEOCODE if query.get("name", "").lower() == "schaan" else {"generationtime_ms": 0.1}
        return None

    with loopback(body_for) as base:
        yield base, seen


def run(args: dict, **sections) -> object:
    config = load_config(None, {"llm.enabled": False})
    for name, value in sections.items():
        setattr(config, name, value)
    skill = discover_skills(config)["weather"]
    ctx = SkillContext(config, lambda: 0.0, Scheduler(), "weather")
    return asyncio.run(skill.handle(args, ctx))


def online(base: str) -> dict:
    return {
        "network": {"allow": True},
        "weather": {
            "url": f"{base}/v1/forecast",
            "geocoding_url": f"{base}/v1/search",
            "latitude": 47.14,
            "longitude": 9.52,
        },
    }


def online_skill(base: str, utterance: str, **weather) -> tuple:
    """The weather skill against the loopback server, and a context holding what the user said."""
    config = load_config(None, {"llm.enabled": False})
    for name, value in online(base).items():
        setattr(config, name, value)
    config.weather = {**config.weather, **weather}
    return discover_skills(config)["weather"], SkillContext(config, lambda: 0.0, Scheduler(), "weather", utterance=utterance)


def test_offline_by_default_says_so_plainly():
    reply = run({})
    assert reply.text.startswith("I can't check the weather: I'm offline.")
    assert "[network]" in reply.text


def test_current_weather_at_home(meteo):
    base, seen = meteo
    reply = run({}, **online(base))
    assert reply.text == "It's 5 degrees and overcast. Today: overcast, from 0 degrees to 6 degrees, 10 percent chance of rain."
    req = seen[-1]
    assert req["path"] == "/v1/forecast" and req["latitude"] == "47.14" and "temperature_2m" in req["current"]
    assert reply.card["daily"]["time"][0] == "2026-11-28"


def test_a_unit_said_is_the_answers_unit_not_a_place(meteo):
    """"what's the temperature in fahrenheit" had looked for a town called fahrenheit."""
    base, seen = meteo
    skill, ctx = online_skill(base, "what's the temperature in fahrenheit")
    reply = asyncio.run(skill.handle({"location": "fahrenheit"}, ctx))
    assert reply.text.startswith("It's "), reply.text
    assert seen[-1]["path"] == "/v1/forecast" and seen[-1]["temperature_unit"] == "fahrenheit"
    ctx.utterance = "what's the weather in schaan in celsius"
    asyncio.run(skill.handle({"location": "schaan in celsius"}, ctx))
    assert seen[-2]["name"] == "schaan" and "temperature_unit" not in seen[-1]


def test_two_places_compared(meteo):
    """"is it warmer in schaan than here" had looked for a town called "schaan than here"; both forecasts
    are fetched and the day's highs compared (the loopback server gives both the same forecast)."""
    base, seen = meteo
    skill, ctx = online_skill(base, "is it warmer in schaan than here", place="Vaduz")
    reply = asyncio.run(skill.handle({"location": "schaan than here"}, ctx))
    assert reply.text == "About the same: Schaan and Vaduz both reach 6 degrees today.", reply.text
    assert [q["path"] for q in seen[-3:]] == ["/v1/search", "/v1/forecast", "/v1/forecast"]
    assert (seen[-2]["latitude"], seen[-1]["latitude"]) == ("47.17", "47.14")


def test_rain_tomorrow_in_a_named_town(meteo):
    base, seen = meteo
    reply = run({"location": "schaan", "day": "tomorrow", "condition": "rain"}, **online(base))
    assert reply.text == "Yes, rain is likely tomorrow in Schaan (85 percent chance)."
    assert [s["path"] for s in seen[-2:]] == ["/v1/search", "/v1/forecast"]
    assert seen[-1]["latitude"] == "47.17"


def test_unknown_town_and_unreachable_server(meteo):
    base, _ = meteo
    assert run({"location": "atlantis"}, **online(base)).text == "I couldn't find a place called atlantis."
    dead = online("http://127.0.0.1:9")  # nothing listens on the discard port
    assert run({}, **dead).text == "I couldn't reach the weather service."


def test_outside_and_around_here_are_home(meteo):
    """What the model wrote for "what's it like outside": location "outside", which was looked up as a town."""
    base, seen = meteo
    for place in ("outside", "around here"):
        reply = run({"location": place}, **online(base))
        assert reply.text.startswith("It's 5 degrees and overcast.")
        assert seen[-1]["path"] == "/v1/forecast" and seen[-1]["latitude"] == "47.14"


def test_a_bad_weather_setting_is_one_clear_line_for_both_skills_that_read_it():
    """latitude = "abc" under [weather] had been a traceback in the log and "Sorry, something went wrong in
    weather" (and in get time, for the sunset): the setting and what is wrong with it are said instead."""
    from assistant.dialogue.conversation import Conversation
    from assistant.errors import ConfigError
    from assistant.routing.router import Router
    from assistant.weather_settings import weather_settings

    config = load_config(None, {"llm.enabled": False})
    config.network = {"allow": True}
    config.weather = {"url": "http://127.0.0.1:9/v1/forecast", "latitude": "abc", "longitude": 9.5}
    skills = discover_skills(config)
    sched = Scheduler()
    conv = Conversation(skills, Router(skills), lambda n: SkillContext(config, lambda: 0.0, sched, n))
    for said, skill in (("what's the weather like", "weather"), ("when is sunset", "get time")):
        turn = conv.respond(said)
        assert turn.reply.text.startswith(f"Sorry, {skill} cannot work: [weather] setting 'latitude': "), turn.reply.text
        assert "(got 'abc')" in turn.reply.text
    with pytest.raises(ConfigError, match=r"\[weather\] has an unknown setting 'lattitude'"):
        weather_settings({"lattitude": 47.1})
    assert weather_settings({"latitude": 47.1, "longitude": 9.5}).home == (47.1, 9.5)


def said(meteo, args: dict, words: str) -> str:
    """The reply to `words`, with the arguments the router gave them, against the loopback server."""
    base, _ = meteo
    config = load_config(None, {"llm.enabled": False})
    for name, value in online(base).items():
        setattr(config, name, value)
    skill = discover_skills(config)["weather"]
    ctx = SkillContext(config, lambda: 0.0, Scheduler(), "weather", utterance=words)
    return asyncio.run(skill.handle(args, ctx)).text


def test_questions_a_person_asks_are_answered_as_asked(meteo):
    """As a new user asked them (the forecast of 2026-11-28, a Saturday): "do i need a jacket" had been
    "Between 0 degrees and 6 degrees today", "how cold ... tonight" the whole day's summary, the wind had
    no unit, "on tuesday" the week's summary, and "the humidity" an answer as if it had been given."""
    assert said(meteo, {"day": "today", "condition": "cold"}, "do i need a jacket today") == (
        "Yes, it stays cold: between 0 and 6 degrees today.")
    assert said(meteo, {"day": "today"}, "how cold is it going to be tonight") == "Down to 0 degrees tonight, and up to 6 degrees."
    assert said(meteo, {"day": "today", "condition": "hot"}, "how hot will it get today") == "Up to 6 degrees today, and down to 0 degrees."
    assert said(meteo, {"condition": "wind"}, "is it windy outside") == "Not very windy today, wind up to 12 kilometers per hour."
    assert said(meteo, {"day": "week"}, "what's the weather on tuesday") == (
        "On Tuesday: clear sky, from -2 degrees to 3 degrees, 0 percent chance of rain.")
    assert said(meteo, {"day": "tomorrow", "condition": "hot"}, "can i wear shorts tomorrow") == (
        "Probably not: it stays cold, between 2 and 8 degrees tomorrow.")
    assert said(meteo, {"condition": "cold"}, "is it cold outside") == "Yes: 5 degrees now, up to 6 degrees today."
    assert said(meteo, {"condition": "hot", "location": "schaan"}, "is it warm in schaan") == (
        "Not really: 5 degrees now in Schaan, up to 6 degrees today.")
    # one degree, and a snowy day's chance is of snow
    assert said(meteo, {"day": "week"}, "what's the weather on monday") == (
        "On Monday: snow, from -4 degrees to 1 degree, 70 percent chance of snow.")
    # "and the day after" after tomorrow's: after tomorrow, not a place called "day after"
    assert said(meteo, {"day": "tomorrow", "location": "day after"}, "and the day after").startswith(
        "The day after tomorrow: snow, from -4 degrees to 1 degree")
    assert said(meteo, {}, "what's the humidity").startswith("The forecast I get has no humidity. It's 5 degrees")
    # "right now" is the temperature now (it had been the day's range); "the 5 day forecast" five days (it
    # had been today's)
    assert said(meteo, {"day": "today"}, "how cold is it right now") == "It's 5 degrees now, between 0 and 6 degrees today."
    assert said(meteo, {"day": "today"}, "what's the weather going to be tonight") == "Tonight: overcast, down to 0 degrees."
    # a template's place that ran on into the day ("vaduz tomorrow evening" had been a place it could not find)
    assert said(meteo, {"location": "schaan tomorrow evening"}, "what's the weather like in schaan tomorrow evening").startswith(
        "Tomorrow evening in Schaan: 6 to 7 degrees")  # the evening's hours
    assert said(meteo, {}, "give me the 5 day forecast") == (
        "The next 5 days: -4 degrees to 8 degrees. Rain or snow on 2 of 5 days.")


def test_the_home_town_by_its_name_needs_no_lookup(meteo):
    """ "the weather in vaduz tomorrow" with Vaduz as home had asked the geocoder, which may not know it."""
    base, seen = meteo
    sections = online(base)
    sections["weather"] = {**sections["weather"], "place": "Vaduz"}
    reply = run({"location": "vaduz", "day": "tomorrow"}, **sections)
    assert reply.text.startswith("Tomorrow in Vaduz: light rain") and seen[-1]["latitude"] == "47.14"
    assert not [x for x in seen if x.get("name") == "vaduz"]  # no lookup


def test_a_follow_up_keeps_the_weekday_the_last_answer_was_about(meteo):
    """"what about in schaan" after "and on tuesday" had been the whole week's in Schaan: the kept day
    ("week") stands for the weekday just asked about."""
    base, _ = meteo
    config = load_config(None, {"llm.enabled": False})
    for name, value in online(base).items():
        setattr(config, name, value)
    skill, state = discover_skills(config)["weather"], {}

    def turn(args: dict, words: str) -> str:
        ctx = SkillContext(config, lambda: 0.0, Scheduler(), "weather", state, utterance=words)
        return asyncio.run(skill.handle(args, ctx)).text

    assert turn({"condition": "rain", "day": "week"}, "and on tuesday") == "No rain expected on Tuesday (0 percent chance)."
    assert turn({"condition": "rain", "day": "week", "location": "schaan"}, "what about in schaan") == (
        "No rain expected on Tuesday in Schaan (0 percent chance).")
    assert turn({"day": "week"}, "what's the weather this week").startswith("This week: ")


def test_what_to_wear_and_a_town_said_without_in(meteo):
    """A new user's words: "what should i wear today" had been `other`; "weather zurich" and "schaan
    weather" were the weather at home. The words' own reading gives the town, a word about the weather
    ("nice weather", "weather report") none; the template routes what to wear."""
    from assistant.routing.router import Router
    from assistant.spoken_args import weather_args

    assert said(meteo, {"day": "today"}, "what should i wear today") == (
        "Between 0 and 6 degrees today: wear a warm coat.")
    assert said(meteo, {"day": "tomorrow"}, "what should i wear tomorrow") == (
        "Between 2 and 8 degrees tomorrow: wear a jacket, and take an umbrella.")
    skills = discover_skills(load_config(None, {"llm.enabled": False}))
    assert Router(skills).route("what should i wear tomorrow").args == {"day": "tomorrow"}
    for words, place in (("weather schaan", "schaan"), ("schaan weather", "schaan"), ("costa mesa weather", "costa mesa"),
                         ("forecast for paris tomorrow", "paris"), ("nice weather today", None), ("weather report", None),
                         ("the weather is sunny today", None), ("weekend weather", None), ("weather forecast", None),
                         ("gimme the forecast", None), ("tell me the weather", None)):
        assert (weather_args(words) or {}).get("location") == place, words
    assert said(meteo, weather_args("schaan weather"), "schaan weather").startswith("It's 5 degrees and overcast in Schaan.")


def test_a_good_day_for_something_outside(meteo):
    """"is it a good day for a bike ride" had gone to chit-chat, whose model made up sunshine: the
    forecast answers, dry, calm and not freezing being a yes."""
    from assistant.routing.router import Router
    from assistant.spoken_args import weather_args

    router = Router(discover_skills(load_config(None, {"llm.enabled": False})))
    assert router.route("is it a good day for a bike ride").args == {"condition": "outing"}
    assert router.route("is tomorrow a good day for a walk").args == {"day": "tomorrow", "condition": "outing"}
    assert weather_args("will it be nice enough for a walk this afternoon") == {"day": "today", "condition": "outing"}
    assert said(meteo, {"condition": "outing"}, "is it a good day for a bike ride") == (
        "Yes, it looks fine: overcast, between 0 and 6 degrees today.")
    assert said(meteo, {"condition": "outing", "day": "tomorrow"}, "is tomorrow a good day for a walk").startswith(
        "Not really, it'll be wet")


def test_two_places_in_one_question_are_each_answered(meteo):
    """"the weather in zurich and in london" had looked for a place "zurich and in london": a name with
    "and" that no geocoder knows is two places, each answered; one it knows is one place."""
    text = said(meteo, {"location": "schaan and in atlantis"}, "what's the weather in schaan and in atlantis")
    assert text.startswith("It's 5 degrees and overcast in Schaan.") and text.endswith("I couldn't find a place called atlantis."), text
    assert said(meteo, {"location": "atlantis"}, "weather in atlantis") == "I couldn't find a place called atlantis."


def test_cold_tonight_is_the_night_s_low_not_the_temperature_now(meteo):
    """"is it going to be cold tonight" had been answered by the temperature now ("5 degrees now, up to
    6 degrees today"); the night's low answers it."""
    args = {"condition": "cold", "day": "today"}
    assert said(meteo, args, "is it going to be cold tonight") == "Yes: down to 0 degrees tonight."
    assert said(meteo, args, "is it cold outside").startswith("Yes: 5 degrees now")


def test_some_days_ahead_are_counted_and_are_no_town(meteo):
    """"weather for the next three days" had been today's; "will it rain in the next two days" had looked
    for a town called "the next two days"."""
    from assistant.routing.router import Router

    skills = discover_skills(load_config(None, {"llm.enabled": False}))
    args = Router(skills).route("will it rain in the next two days").args
    assert said(meteo, args, "will it rain in the next two days").startswith("Yes, rain is likely the next 2 days")
    assert said(meteo, {}, "weather for the next three days").startswith("The next 3 days: ")
    # "the rest of the week" had been looked up as a town
    assert said(meteo, {"location": "rest of the week"}, "what's the weather for the rest of the week").startswith("This week")
    # a time of day where a town goes ("at 3 pm" had been looked up as a town): that hour's
    assert said(meteo, {"location": "3 pm"}, "what's the temperature going to be at 3 pm").startswith("At 3 PM: 5 degrees")


def test_a_town_of_the_imported_map_is_found_by_its_sound(meteo, tmp_path):
    """The recognizer wrote "sean" for Schaan: the geocoder knows no such place, the imported map (the
    restaurants' database) has a town that sounds like it, at its own coordinates. No map, no guess."""
    from pathlib import Path

    from assistant.places.osm_import import import_osm

    db = tmp_path / "food.sqlite"
    import_osm(Path(__file__).parent / "data" / "restaurants.osm", db, progress=False)
    base, seen = meteo
    config = load_config(None, {"llm.enabled": False})
    for name, value in online(base).items():
        setattr(config, name, value)
    skill = discover_skills(config)["weather"]

    def reply(words: str) -> str:
        ctx = SkillContext(config, lambda: 0.0, Scheduler(), "weather", utterance=words)
        return asyncio.run(skill.handle({"location": words.rsplit(" in ", 1)[1]}, ctx)).text

    assert reply("what's the weather in over now") == "I couldn't find a place called over now."
    config.restaurants = {"db": str(db), "home": "Testburg"}
    assert reply("what's the weather in over now").startswith("It's 5 degrees and overcast in Obernau.")
    assert seen[-1]["latitude"] == "47.05" and seen[-1]["longitude"] == "9.5"
    assert reply("what's the weather in blorp") == "I couldn't find a place called blorp."


def test_a_why_question_is_no_forecast():
    """"why is the sky blue" (the classifier's weather, for the sky) had been answered with the forecast;
    "why is it so cold today" is still the weather's."""
    from assistant.dialogue.near_miss import declined

    skill = discover_skills(load_config(None, {"llm.enabled": False}))["weather"]
    assert declined("why is the sky blue", skill) == "I can tell the weather here or anywhere, but not explain why it is so."
    assert declined("why is it so cold today", skill) is None


def test_what_to_wear_for_the_cold_is_the_weathers():
    """"do i need gloves" had been `other`; the handler reads the cold from the words."""
    from assistant.routing.router import Router

    skills = discover_skills(load_config(None, {"llm.enabled": False}))
    for said in ("do i need gloves", "should i wear a coat tomorrow", "will i need a scarf"):
        assert Router(skills).route(said).name == "weather", said


def test_warmer_tomorrow_compares_the_two_days(meteo):
    """"will it be warmer tomorrow" had been tomorrow's forecast, with no answer to the question."""
    skill, ctx = online_skill(meteo[0], "will it be warmer tomorrow")
    reply = asyncio.run(skill.handle({"day": "tomorrow"}, ctx))
    assert reply.text == "Yes: up to 8 degrees tomorrow here, 6 degrees today.", reply.text


def test_an_hour_or_part_of_a_day_is_read_from_the_hourly_forecast(meteo):
    """"what's the temperature going to be at 3 pm" had been the weather now and the day's range (its
    place "3 pm" dropped); "will it rain this afternoon", "... in schaan at noon" (a town "schaan at noon")
    and "tomorrow morning" are those hours' own rows."""
    base, seen = meteo
    assert said(meteo, {"location": "3 pm"}, "what's the temperature going to be at 3 pm") == (
        "At 3 PM: 5 degrees, light rain, 70 percent chance of rain.")
    assert "hourly" in seen[-1] and "temperature_2m" in seen[-1]["hourly"]
    args = {"condition": "rain", "day": "today"}
    assert said(meteo, args, "will it rain this afternoon") == "Yes, rain is likely this afternoon (70 percent chance)."
    assert said(meteo, {"condition": "rain"}, "will it rain at 11") == "No rain expected at 11 AM (10 percent chance)."
    assert said(meteo, {"condition": "rain"}, "is it going to rain in the next hour") == (
        "No rain expected in the next hour (10 percent chance).")  # 9 and 10 AM: the forecast's "now" is 9:00
    assert said(meteo, {"location": "schaan at noon"}, "what's the weather in schaan at noon") == (
        "At noon in Schaan: 4 degrees, overcast, 10 percent chance of rain.")
    assert said(meteo, {"day": "tomorrow"}, "what's the forecast for tomorrow morning") == (
        "Tomorrow morning: 2 to 3 degrees, overcast, 10 percent chance of rain.")
    assert said(meteo, {"day": "week"}, "what's the forecast for the next 5 days").startswith("The next 5 days:")
    # "and at 6?" after a question about tomorrow: the router keeps the day, and "6" is no town
    assert said(meteo, {"day": "tomorrow", "location": "6"}, "and at 6?").startswith("Tomorrow at 6 PM: ")
    assert said(meteo, {"condition": "rain"}, "will it rain in 6 hours") == "Yes, rain is likely in 6 hours (70 percent chance)."
    # "an umbrella tonight": the night's hours (it had been the day's 10 percent); the night's low stays the day's
    assert said(meteo, {"condition": "rain", "day": "today"}, "should i bring an umbrella tonight") == (
        "No rain expected tonight (10 percent chance).")
    assert said(meteo, {"day": "today"}, "what's the weather going to be tonight") == "Tonight: overcast, down to 0 degrees."


def test_hours_without_hourly_rows_get_the_day_s_answer():
    """A server that sends no hourly rows (or none for those hours): the day's answer is given instead."""
    from datetime import datetime

    from assistant.forecast_hours import hours_asked, said_for_hours

    hours = hours_asked("will it rain this afternoon", datetime(2026, 11, 28, 9))
    assert hours is not None and hours.said == "this afternoon" and hours.start.hour == 12 and hours.end.hour == 18
    assert said_for_hours({"daily": FORECAST["daily"]}, hours, "rain", "") is None
    assert hours_asked("what's the forecast for 5 days", datetime(2026, 11, 28, 9)) is None  # a length, no hour
    assert hours_asked("will it rain at 5", datetime(2026, 11, 28, 9)).start.hour == 17
    assert hours_asked("how cold is it in the morning", datetime(2026, 11, 28, 20)).said == "tomorrow morning"
    # "when i wake up" had been the weather now: the next morning
    assert hours_asked("what's the weather like when i wake up", datetime(2026, 11, 28, 20)).said == "tomorrow morning"
    assert hours_asked("will it rain first thing tomorrow", datetime(2026, 11, 28, 9)).said == "tomorrow morning"


def test_an_hour_said_right_after_is_that_hour_of_the_same_day_and_place(meteo):
    """"and at six" right after "the weather in schaan tomorrow" had been a place called "six" (and
    Whisper's "and that 6", for a spoken "and at six", no command at all): the same day and place at
    that hour. The real router (its trained classifier) and dialogue."""
    from assistant.dialogue.conversation import Conversation
    from assistant.loading import loaded
    from assistant.routing.llm_router import LlmRouter
    from assistant.routing.router import Router

    config = load_config(None, {"llm.enabled": False})
    for name, value in online(meteo[0]).items():
        setattr(config, name, value)
    skills, sched = discover_skills(config), Scheduler()
    router = Router(skills, loaded(LlmRouter(skills, None)))  # the trained classifier, no model
    conv = Conversation(skills, router, lambda n: SkillContext(config, lambda: 0.0, sched, n))
    assert conv.respond("what's the weather in schaan tomorrow").reply.text.startswith("Tomorrow in Schaan: ")
    for said in ("and at six", "and that 6"):
        assert conv.respond(said).reply.text == "Tomorrow at 6 PM in Schaan: 6 degrees, overcast, 10 percent chance of rain.", said
    assert conv.respond("what about at noon").reply.text.startswith("Tomorrow at noon in Schaan: ")
    # "there" is the place just answered for ("will it rain there tonight" had been home's); "in the evening"
    # is no town
    assert conv.respond("will it rain there tonight").reply.text == "No rain expected tonight in Schaan (10 percent chance)."
    assert conv.respond("how about in the evening").reply.text == "No rain expected this evening in Schaan (10 percent chance)."


def test_rain_now_and_when_it_starts_or_stops(meteo):
    """"is it raining right now" had been the day's chance ("No rain expected today"), "when will it start
    raining" and "will it stop raining soon" the same; the sky now and the hourly rows answer them. "for my
    run at 6" is here at 6 PM (a town called "run" before)."""
    assert said(meteo, {"condition": "rain", "day": "today"}, "is it raining right now") == "No, it isn't raining right now: overcast."
    assert said(meteo, {"condition": "rain"}, "when will it start raining") == "Rain is likely from about 3 PM."
    assert said(meteo, {"condition": "rain"}, "will it stop raining soon") == "It isn't raining now."
    assert said(meteo, {"location": "run"}, "how's the weather looking for my run at 6").startswith("At 6 PM: ")
    from datetime import datetime

    from assistant.forecast_hours import rain_timing

    # at 3 PM, in the rain: the first dry hour ends it
    assert rain_timing("when will the rain stop", FORECAST, datetime(2026, 11, 28, 15), " in Vaduz") == (
        "The rain should stop around 6 PM in Vaduz.")
    assert rain_timing("when will it start raining", FORECAST, datetime(2026, 11, 28, 19), "") == "No rain in the next 24 hours."


def test_a_weekday_where_the_place_goes_and_the_sun_asked_of_the_weather(meteo):
    """"what's the forecast for friday" had looked for a town "friday" (and, with no day argument, answered
    today); "when is the sun setting", which the classifier gives the weather, had been the day's weather."""
    assert said(meteo, {"location": "friday"}, "what's the forecast for friday").startswith("On Friday: light showers, from 1 degree to 7 degrees")
    assert said(meteo, {}, "what's the weather on friday").startswith("On Friday: light showers, from 1 degree to 7 degrees")
    assert said(meteo, {}, "when is the sun setting").startswith("Sunset today ")
    assert said(meteo, {}, "when is the sun coming up tomorrow").startswith("Sunrise tomorrow is at ")


def test_storms_and_fog_are_read_from_the_forecast_codes(meteo):
    """"is it going to storm" had been answered by the wind ("Not very windy today"), "is it foggy" by the
    day's weather; the forecast's codes say thunderstorms (95-99) and fog (45, 48)."""
    import copy
    import sys

    assert said(meteo, {"condition": "wind"}, "is it going to storm") == "No thunderstorms expected today."
    assert said(meteo, {}, "is it foggy") == "No fog expected today."
    skill = discover_skills(load_config(None, {"llm.enabled": False}))["weather"]
    describe = sys.modules[skill.handle.__module__].describe
    stormy = copy.deepcopy(FORECAST)
    stormy["daily"]["weather_code"][1] = 95
    assert describe(stormy, "home", "tomorrow", None, "any thunderstorms tomorrow") == "Yes, thunderstorms are expected tomorrow."


def test_two_days_named_are_both_answered(meteo):
    """"is it gonna rain on saturday or sunday" had been answered for Saturday alone."""
    assert said(meteo, {"condition": "rain"}, "will it rain on thursday or friday") == (
        "Yes, rain is likely on Thursday or Friday (60 percent chance).")
    assert said(meteo, {}, "what's the weather on tuesday and wednesday").startswith("On Tuesday and Wednesday: ")
