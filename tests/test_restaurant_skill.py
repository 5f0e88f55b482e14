"""find_restaurant on a small hand-made OSM XML town: import through osmium, queries through the
router, the dialogue and the handler, the CLI, and one spoken command."""

from __future__ import annotations

import bz2
import dataclasses
import sqlite3
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest

from assistant.config import Config
from assistant.dialogue.conversation import Conversation
from assistant.errors import UserError
from assistant.places import asked
from assistant.places.osm_import import import_osm
from assistant.plugins import discover_skills
from assistant.routing.router import Router
from assistant.scheduler import Scheduler
from assistant.skill_context import SkillContext

OSM = Path(__file__).parent / "data" / "restaurants.osm"
# Wednesday 2024-05-15 12:30: Bangkok Garden (11-22) is open, Siam Palace (18-23) is closed
NOON = datetime(2024, 5, 15, 12, 30)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("osm") / "food.sqlite"
    stats = import_osm(OSM, path, progress=False)
    assert (stats.pois, stats.places) == (9, 5)  # the bank is not food or drink
    return path


@pytest.fixture(scope="module")
def skills():
    return discover_skills(Config.model_validate({}))


@pytest.fixture(scope="module")
def router(skills):
    return Router(skills)


def ask(skills, router, db, text, home="Testburg", when=NOON):
    config = Config.model_validate({"restaurants": {"db": str(db), "home": home}})
    sched = Scheduler()
    conv = Conversation(
        skills, router, lambda n: SkillContext(config, lambda: 0.0, sched, n, {}, None, lambda: when)
    )
    return conv.respond(text)


def names(turn):
    return [r["name"] for r in turn.reply.card["results"]]


def test_import_keeps_fields_and_way_centres(db):
    con = sqlite3.connect(db)
    row = con.execute(
        "SELECT name, cuisine, street, housenumber, phone, price FROM pois WHERE osm_id='n10'"
    ).fetchone()
    assert row == ("Bangkok Garden", "thai", "Bahnhofstrasse", "3", "+41 1 234", "cheap")
    lat, lon = con.execute("SELECT lat, lon FROM pois WHERE name='Linde'").fetchone()
    assert lat == pytest.approx(47.0204, abs=1e-4) and lon == pytest.approx(9.5104, abs=1e-4)
    kinds = dict(con.execute("SELECT name, kind FROM places").fetchall())
    assert kinds == {
        "Testburg": "town",
        "Testburg Nord": "station",
        "Obernau": "village",
        "Hinterwald": "village",
        "Testburg Busbahnhof": "bus_station",  # public transport without rails is not "the station"
    }


def test_import_reads_bz2_and_rejects_bad_input(tmp_path):
    packed = tmp_path / "town.osm.bz2"
    packed.write_bytes(bz2.compress(OSM.read_bytes()))
    assert import_osm(packed, tmp_path / "a.sqlite", progress=False).pois == 9
    with pytest.raises(UserError, match="not an OpenStreetMap file"):
        import_osm(Path(__file__), tmp_path / "b.sqlite", progress=False)
    broken = tmp_path / "broken.osm"
    broken.write_text("<osm><node id='1' lat='x'")
    target = tmp_path / "a.sqlite"
    with pytest.raises(UserError, match="cannot read"):
        import_osm(broken, target, progress=False)
    # the earlier database is untouched by the failed import
    assert sqlite3.connect(target).execute("SELECT count(*) FROM pois").fetchone() == (9,)


def test_cheap_thai_near_the_station_open_now(skills, router, db):
    # "the station" is the railway station nearest home, not the bus station closer to it
    turn = ask(skills, router, db, "any cheap thai places near the station open now")
    assert turn.intent.args == {
        "price": "cheap",
        "cuisine": "thai",
        "kind": "restaurant",
        "near": "station",
        "open_now": True,
    }
    assert names(turn) == ["Bangkok Garden"]
    assert (
        turn.reply.text
        == "The only cheap thai place open now I found near Testburg Nord is Bangkok Garden, 50 meters away."
    )


def test_near_the_station_without_a_home_asks_for_one(skills, router, db):
    """Which station is "the station" depends on home: without one, the answer says how to set it rather
    than guess a station."""
    turn = ask(skills, router, db, "any cheap thai places near the station open now", home="")
    assert turn.reply.text.startswith("Sorry, I don't know where home is, so not which station you mean")
    assert "[restaurants] home" in turn.reply.text
    # a named place needs no home
    assert names(ask(skills, router, db, "thai food near testburg nord", home=""))[0] == "Bangkok Garden"


def test_sorted_by_distance_top_three_spoken_full_list_on_card(skills, router, db):
    turn = ask(skills, router, db, "find a thai restaurant nearby")
    # Thai Orchid has no cuisine tag: its name says thai
    assert names(turn) == ["Thai Orchid", "Bangkok Garden", "Siam Palace"]
    d = [r["distance_m"] for r in turn.reply.card["results"]]
    assert d == sorted(d)
    assert turn.reply.text.startswith(
        "I found 3 thai places near home. The closest: Thai Orchid, 350 meters;"
    )


def test_open_now_uses_the_clock_and_says_what_is_unknown(skills, router, db):
    evening = datetime(2024, 5, 15, 19, 0)
    turn = ask(skills, router, db, "thai places open now", when=evening)
    assert names(turn) == ["Bangkok Garden", "Siam Palace"]
    assert "1 more don't list opening hours" in turn.reply.text  # Thai Orchid's hours do not parse
    turn = ask(skills, router, db, "thai places open now", when=datetime(2024, 5, 15, 23, 30))
    assert names(turn)[0] == "Thai Orchid" and turn.reply.card.get("relaxed")
    assert turn.reply.text.startswith("I found no thai places open now near home.")


def test_near_a_named_place_and_by_name(skills, router, db):
    turn = ask(skills, router, db, "restaurants near obernau")
    assert names(turn)[0] == "Gasthof Adler"
    turn = ask(skills, router, db, "where is the restaurant called adler")
    assert turn.reply.text == "Gasthof Adler is 5.4 kilometers away; it's open now."
    turn = ask(
        skills, router, db, "is the linde restaurant open", when=datetime(2024, 5, 13, 12, 0)
    )  # Monday
    assert turn.reply.text.endswith("it's closed now.")


def test_price_hints_and_cafes(skills, router, db):
    assert names(ask(skills, router, db, "find an expensive thai restaurant")) == ["Siam Palace"]
    assert names(ask(skills, router, db, "cafes near me")) == ["Café Central"]
    assert names(ask(skills, router, db, "find me a cheap pizza place"))[0] == "Pizzeria Roma"


def test_home_as_coordinates_and_clear_errors(skills, router, db, tmp_path):
    turn = ask(skills, router, db, "pizza places nearby", home="47.0490,9.5000")
    assert turn.reply.card["results"][0]["distance_m"] == 5337
    assert (
        ask(skills, router, db, "cafes near atlantis").reply.text
        == "Sorry, I don't know a place called atlantis on the map."
    )
    turn = ask(skills, router, tmp_path / "missing.sqlite", "cafes near me")
    assert turn.reply.text.startswith("Sorry, I have no restaurant map yet.")
    assert "assistant restaurants import" in turn.reply.text and "missing.sqlite" not in turn.reply.text
    assert "missing.sqlite" in turn.reply.card["error"]  # the screen shows where it looked
    assert ask(skills, router, db, "cafes near me", home="Narnia").reply.text.startswith(
        "Sorry, [restaurants] home 'Narnia'"
    )


def test_cli_import_and_ask(tmp_path):
    cfg = tmp_path / "c.toml"
    cfg.write_text(
        f'[llm]\nenabled = false\n[restaurants]\ndb = "{tmp_path / "r.sqlite"}"\nhome = "Testburg"\n'
    )
    run = [sys.executable, "-m", "assistant"]
    out = subprocess.run(
        [*run, "restaurants", "import", "--config", str(cfg), str(OSM)], capture_output=True, text=True
    )
    assert out.returncode == 0 and "imported 9 places to eat or drink and 5 place names" in out.stdout
    assert "objects" in out.stderr  # the tqdm progress bar
    bad = subprocess.run(
        [*run, "restaurants", "import", "--config", str(cfg), str(tmp_path / "nope.osm.pbf")],
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "does not exist" in bad.stderr
    out = subprocess.run(
        [*run, "ask", "--config", str(cfg), "--json", "pizza places near testburg"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert '"name": "Pizzeria Roma"' in out.stdout


def test_spoken_restaurant_query(piper, make_wav, run_pipeline, runtime, db):
    config = Config.model_validate(
        {"restaurants": {"db": str(db), "home": "Testburg"}, "tts": {"deterministic": True}}
    )
    rt = dataclasses.replace(runtime, config=config)
    wav = make_wav(0.5, piper("Find a thai restaurant nearby."), 1.5)
    events, _ = run_pipeline(wav, wake=False, rt=rt)
    intent = next(e for e in events if e.type == "intent")
    assert intent.intent == "find_restaurant" and intent.args["cuisine"] == "thai"
    reply = next(e for e in events if e.type == "reply")
    assert "Thai Orchid" in reply.text


def test_booking_reviews_and_phone_are_answered_from_the_map(skills, router, db):
    turn = ask(skills, router, db, "book a table for four at bangkok garden")
    assert turn.intent.args == {"name": "bangkok garden", "about": "book"}
    assert turn.reply.text == (
        "I can't book tables; Bangkok Garden is 1.1 kilometers away, at Bahnhofstrasse 3; "
        "its phone is +41 1 234; it's open now."
    )
    turn = ask(skills, router, db, "are the reviews for siam palace any good")
    assert turn.reply.text == (
        "I have no reviews offline, only the map: Siam Palace is a thai restaurant, 1.3 kilometers away; "
        "it's closed now."
    )
    # the phone number of a named place comes from the model's arguments (no template: too general)
    import asyncio

    config = Config.model_validate({"restaurants": {"db": str(db), "home": "Testburg"}})
    ctx = SkillContext(config, lambda: 0.0, Scheduler(), "find_restaurant", {}, None, lambda: NOON)
    reply = asyncio.run(skills["find_restaurant"].handle({"name": "the linde", "about": "phone"}, ctx))
    assert reply.text.endswith("the map lists no phone number for it.")
    # reviews in the words where the arguments have none (as the model read "any good reviews for ...")
    ctx = SkillContext(config, lambda: 0.0, Scheduler(), "find_restaurant", {}, None, lambda: NOON,
                       utterance="any good reviews for siam palace")
    reply = asyncio.run(skills["find_restaurant"].handle({"name": "siam palace"}, ctx))
    assert reply.text.startswith("I have no reviews offline, only the map: Siam Palace")
    turn = ask(skills, router, db, "make a reservation at luigi's")
    assert turn.reply.text == "I can't book tables, and I couldn't find a place called luigi's near home."
    # as Whisper wrote one: the template's name runs on to who the table is for, and the name is misheard
    turn = ask(skills, router, db, "reserve a table for three at the bangkok gardn under the name miller at 730")
    assert turn.reply.text.startswith("I can't book tables; Bangkok Garden is 1.1 kilometers away")


def test_a_food_or_drink_in_the_words_and_an_address_asked_for(skills, db):
    """As a new user said them: "i want some pizza" reached the skill with no argument and listed every
    place; "where can i get a beer" looked for a food called beer; "what's the address of ..." for a
    place the map has no address of gave its distance alone."""
    import asyncio

    config = Config.model_validate({"restaurants": {"db": str(db), "home": "Testburg"}})

    def run(said, args):
        ctx = SkillContext(config, lambda: 0.0, Scheduler(), "find_restaurant", {}, None, lambda: NOON, utterance=said)
        return asyncio.run(skills["find_restaurant"].handle(args, ctx))

    assert [r["name"] for r in run("i want some pizza", {}).card["results"]] == ["Pizzeria Roma"]
    assert [r["name"] for r in run("where can i get a beer", {"cuisine": "beer"}).card["results"]] == ["The Crown"]
    assert [r["name"] for r in run("where can i get a drink", {}).card["results"]] == ["The Crown"]
    # a meal or a hurry names a kind of place (they had listed every place / none)
    assert [r["name"] for r in run("where can i get breakfast", {}).card["results"]] == ["Café Central"]
    assert [r["name"] for r in run("something quick to eat", {"cuisine": "quick to eat"}).card["results"]] == ["Pizzeria Roma"]
    # the food given as the name too: no place called "pizza" is meant (a Pizzeria's name had matched)
    said = run("where's the nearest pizza place", {"cuisine": "pizza", "name": "pizza"}).text
    assert said.startswith("The nearest pizza place is Pizzeria Roma, 100 meters away"), said
    # what a place serves, by name (had been `other`): what the map says, or that it does not
    said = ask(skills, Router(skills), db, "what kind of food does bangkok garden serve").reply.text
    assert said == "Bangkok Garden is a thai restaurant, 1.1 kilometers away, at Bahnhofstrasse 3."
    said = run("what cuisine is cafe central", {"name": "cafe central", "about": "food"}).text
    assert said == "The map doesn't say what food Café Central serves; it's a cafe, 50 meters away."
    said = run("what's the address of thai orchid", {"name": "thai orchid", "about": "address"}).text
    assert said == "Thai Orchid is 350 meters away; the map lists no address for it."
    said = run("what's the address of bangkok garden", {"name": "bangkok garden", "about": "address"}).text
    assert said.endswith(", at Bahnhofstrasse 3."), said


def test_a_food_and_price_are_not_taken_for_a_place_name(skills, db):
    """What a model may write for "find me a cheap thai restaurant near the station": a name that is
    really the food, or the whole phrase. The answer is about cheap thai food near the station."""
    import asyncio

    config = Config.model_validate({"restaurants": {"db": str(db), "home": "Testburg"}})
    ctx = SkillContext(config, lambda: 0.0, Scheduler(), "find_restaurant", {}, None, lambda: NOON)
    handle = skills["find_restaurant"].handle
    for args in (
        {"name": "thai", "price": "cheap", "near": "station"},
        {"name": "cheap thai restaurant", "cuisine": "thai", "price": "cheap", "near": "the station"},
    ):
        reply = asyncio.run(handle(args, ctx))
        assert [r["name"] for r in reply.card["results"]] == ["Bangkok Garden"], args
        assert "near Testburg Nord" in reply.text


def test_a_short_name_inside_a_longer_phrase_is_not_that_place():
    from assistant.places.search import Hit, _name_matches

    def hit(name):
        return Hit("n1", name, "restaurant", None, 47.0, 9.5, "", None, None, None, None)

    assert not _name_matches("cheap thai restaurant near the station", hit("Thai"))
    assert _name_matches("adler", hit("Gasthof Adler")) and _name_matches("the linde restaurant", hit("Linde"))
    assert _name_matches("luigi's", hit("Luigi")) and _name_matches("thai", hit("Thai"))


def test_a_hotel_is_not_a_place_to_eat(skills, router, db):
    turn = ask(skills, router, db, "any hotel places nearby")
    assert turn.reply.text == "I can only find places to eat; hotels and other places to stay aren't in my map."
    assert ask(skills, router, db, "where is the place called hotel royal").reply.text.startswith(
        "I can only find places to eat"
    )


@pytest.mark.parametrize(
    "args, said",
    [
        # what the model gave for "book a table for two at the nearest restaurant"
        # (a restaurant search keeps cafes, as every restaurant search does)
        ({"name": "the nearest restaurant", "about": "book"}, "I can't book tables; Café Central is 50 meters"),
        # what a template gave for "how far is the nearest restaurant"
        ({"name": "nearest"}, "The nearest place is Café Central, 50 meters away"),
        # what a template gave for "what's the phone number of the closest cafe"
        ({"cuisine": "phone number of the closest", "kind": "cafe"}, "Café Central is 50 meters away; the map lists no phone"),
        ({"name": "the closest thai place"}, "The nearest thai place is Thai Orchid, 350 meters away"),
    ],
)
def test_the_nearest_is_a_description_not_a_name(skills, db, args, said):
    import asyncio

    config = Config.model_validate({"restaurants": {"db": str(db), "home": "Testburg"}})
    ctx = SkillContext(config, lambda: 0.0, Scheduler(), "find_restaurant", {}, None, lambda: NOON)
    reply = asyncio.run(skills["find_restaurant"].handle(args, ctx))
    assert reply.text.startswith(said), reply.text


def test_near_me_is_home_and_a_follow_up_means_the_place_just_named(skills, router, db):
    config = Config.model_validate({"restaurants": {"db": str(db), "home": "Testburg"}})
    sched = Scheduler()
    state: dict = {}
    conv = Conversation(
        skills, router, lambda n: SkillContext(config, lambda: 0.0, sched, n, state.setdefault(n, {}), None, lambda: NOON)
    )
    turn = conv.respond("is it open now")
    assert turn.intent.name == "find_restaurant"
    assert turn.reply.text == "Which place do you mean? Ask me for places to eat first, or say its name."
    # what the model wrote for "any good thai restaurants close to me"
    import asyncio

    ctx = SkillContext(config, lambda: 0.0, sched, "find_restaurant", state.setdefault("find_restaurant", {}), None, lambda: NOON)
    reply = asyncio.run(skills["find_restaurant"].handle({"cuisine": "good thai", "near": "me"}, ctx))
    assert reply.text.startswith("I found 3 thai places near home. The closest: Thai Orchid, 350 meters;")
    # a template's food wildcard that took the sentence ("do you happen to know a good thai place around
    # here"): the food at its end; none there ("i found a nice restaurant"), no food
    for food, said in (("do you happen to know a good thai", "I found 3 thai places near home."),
                       ("i found a nice", "I found 7 places near home.")):
        apart = SkillContext(config, lambda: 0.0, sched, "find_restaurant", {}, None, lambda: NOON)
        reply = asyncio.run(skills["find_restaurant"].handle({"cuisine": food, "kind": "restaurant"}, apart))
        assert reply.text.startswith(said), reply.text
    # a day or time where the model put a place or a food ("thai on sunday", "where can i eat tonight")
    fresh = SkillContext(config, lambda: 0.0, sched, "find_restaurant", {}, None, lambda: NOON)
    for args in ({"cuisine": "thai", "near": "sunday"}, {"cuisine": "thai", "name": "tonight"}):
        reply = asyncio.run(skills["find_restaurant"].handle(args, fresh))
        assert reply.text.startswith("I found 3 thai places near home."), (args, reply.text)
    # what the model wrote for "can you find me somewhere to get a coffee around here": no food
    reply = asyncio.run(skills["find_restaurant"].handle({"cuisine": "somewhere to get a", "kind": "cafe"}, fresh))
    assert reply.text == "The only cafe I found near home is Café Central, 50 meters away.", reply.text
    # "restaurants" as the food: none ("which restaurant is closest to me")
    reply = asyncio.run(skills["find_restaurant"].handle({"cuisine": "restaurants"}, fresh))
    assert "restaurants places" not in reply.text and reply.text.startswith("I found"), reply.text
    reply = asyncio.run(skills["find_restaurant"].handle({"cuisine": "tonight"}, fresh))
    assert "tonight" not in reply.text and reply.text.startswith("I found"), reply.text
    assert conv.respond("how far is it").reply.text.startswith("Thai Orchid is 350 meters away")
    turn = conv.respond("what's the phone number for that place")
    assert turn.intent.args == {"name": "that place", "about": "phone"}
    assert turn.reply.text.startswith("Thai Orchid is 350 meters away") and "phone" in turn.reply.text
    conv.respond("where is the restaurant called bangkok garden")
    assert conv.respond("is it open").reply.text.startswith("Bangkok Garden is 1.1 kilometers away")


def test_open_late_and_the_phone_of_the_nearest(skills, router, db):
    """"open late" is open at 10 PM tonight, not at this minute (at noon Bangkok Garden is open, but it
    closes at 22:00); the phone number, website or hours of "the nearest thai restaurant" are the closest
    one's (a template: "the phone number of <a name>" stays the model's, it would take "my dentist")."""
    turn = ask(skills, router, db, "find a thai restaurant that's open late")
    assert turn.intent.name == "find_restaurant" and turn.intent.source == "template"
    assert names(turn) == ["Siam Palace"]
    assert "open at 10 PM" in turn.reply.text
    assert names(ask(skills, router, db, "find a thai restaurant that's open now")) == ["Bangkok Garden"]
    # "for a late bite" is open late too (it had listed every place)
    config = Config.model_validate({"restaurants": {"db": str(db), "home": "Testburg"}})
    ctx = SkillContext(config, lambda: 0.0, Scheduler(), "find_restaurant", {}, None, lambda: NOON,
                       utterance="anywhere thai for a late bite")
    import asyncio

    assert "open at 10 PM" in asyncio.run(skills["find_restaurant"].handle({"cuisine": "thai"}, ctx)).text
    # "where can i eat after 10 pm": the model's food "after 10 pm" is when, and it is open late; "a place
    # with a terrace": the model's place "terrace" is what it has
    # "open tonight": open at dinner time (the model's arguments had kept only the food)
    ctx = SkillContext(config, lambda: 0.0, Scheduler(), "find_restaurant", {}, None, lambda: NOON,
                       utterance="find me a thai place open tonight")
    assert "open at 7 PM" in asyncio.run(skills["find_restaurant"].handle({"cuisine": "thai"}, ctx)).text
    for said, args in (("where can i eat after 10 pm", {"cuisine": "after 10 pm"}),
                       ("a place with a terrace", {"near": "terrace"})):
        ctx = SkillContext(config, lambda: 0.0, Scheduler(), "find_restaurant", {}, None, lambda: NOON, utterance=said)
        text = asyncio.run(skills["find_restaurant"].handle(args, ctx)).text
        assert ("open at 10 PM" if "10" in said else "outdoor seating") in text and "terrace" not in text, text
    turn = ask(skills, router, db, "what's the phone number of the nearest thai restaurant")
    assert turn.intent.args == {"about": "phone", "cuisine": "thai", "kind": "restaurant"}
    # Thai Orchid (thai by its name) is nearer than Bangkok Garden
    assert turn.reply.text == "Thai Orchid is 350 meters away; the map lists no phone number for it."
    turn = ask(skills, router, db, "what's the phone number of the closest cheap thai restaurant")
    assert turn.reply.text == "Bangkok Garden is 1.1 kilometers away, at Bahnhofstrasse 3; its phone is +41 1 234."
    assert ask(skills, router, db, "when does the closest cafe close").reply.text.startswith("Café Central is")


def test_the_nearest_of_a_kind_when_a_place_closes_and_a_food_as_the_place(skills, router, db):
    """"how far is the nearest cafe" kept "cafe" (a template had taken it as its own word and answered
    with the nearest place of any kind); "what time does the linde close" is about the Linde (the time
    skill had looked up "linde" as a time zone); a food the model gave as the place to search around
    ("the closest pizzeria": near "pizzeria") is the food."""
    import asyncio

    assert ask(skills, router, db, "how far is the nearest cafe").reply.text.startswith("The nearest cafe is Café Central,")
    turn = ask(skills, router, db, "where is the closest fast food place")
    assert turn.reply.text.startswith("The nearest fast food place is Pizzeria Roma,")
    turn = ask(skills, router, db, "what time does the linde close")
    assert (turn.intent.name, turn.intent.args) == ("find_restaurant", {"name": "linde", "about": "hours"})
    assert turn.reply.text == "Linde is 2.4 kilometers away; it's open now, until 10 PM."
    assert ask(skills, router, db, "when does siam palace open").reply.text == (
        "Siam Palace is 1.3 kilometers away; it's closed now; it opens at 6 PM."
    )
    assert names(ask(skills, router, db, "any pizza takeaway around")) == ["Pizzeria Roma"]
    config = Config.model_validate({"restaurants": {"db": str(db), "home": "Testburg"}})
    ctx = SkillContext(config, lambda: 0.0, Scheduler(), "find_restaurant", {}, None, lambda: NOON)
    reply = asyncio.run(skills["find_restaurant"].handle({"cuisine": "pizza", "near": "pizzeria"}, ctx))
    assert reply.card["results"][0]["name"] == "Pizzeria Roma"


@pytest.mark.parametrize(
    "text, said",
    [
        # NOON is Wednesday, May 15, 2024
        ("is the linde open on monday", "Linde is closed on Monday."),
        ("is the linde open tomorrow", "Linde is open tomorrow from 11:30 AM to 10 PM."),
        ("what time does siam palace open on saturday", "Siam Palace is closed on Saturday."),
        ("when is pizzeria roma open on sundays", "Pizzeria Roma is open all day on Sunday."),
        ("is gasthof adler open this friday", "Gasthof Adler is open on Friday from 11 AM to 2 PM."),
        ("is thai orchid open on sunday", "I don't know if Thai Orchid is open on Sunday: I can't read its opening hours."),
    ],
)
def test_the_opening_hours_on_a_day_that_is_named(skills, router, db, text, said):
    """"is the linde open on sunday" had gone to the time skill ("Sunday is December 6.")."""
    turn = ask(skills, router, db, text)
    assert (turn.intent.name, turn.intent.args["about"]) == ("find_restaurant", "hours")
    assert turn.reply.text == said


def test_is_it_open_tomorrow_means_the_place_just_named(skills, router, db):
    config = Config.model_validate({"restaurants": {"db": str(db), "home": "Testburg"}})
    state: dict = {}
    conv = Conversation(
        skills, router, lambda n: SkillContext(config, lambda: 0.0, Scheduler(), n, state, None, lambda: NOON)
    )
    conv.respond("where is the restaurant called linde")
    assert conv.respond("is it open on monday").reply.text == "Linde is closed on Monday."


def test_an_evening_past_midnight_belongs_to_its_day():
    from datetime import date

    from assistant.places.hours import open_periods

    saturday, sunday = date(2026, 12, 5), date(2026, 12, 6)
    assert [(a.hour, b.hour, b.day) for a, b in open_periods("Sa 17:00-02:00", saturday)] == [(17, 2, 6)]
    assert open_periods("Sa 17:00-02:00", sunday) == []
    assert len(open_periods("Mo-Sa 11:00-14:00,17:00-22:00", saturday)) == 2
    assert open_periods("not hours", saturday) is None


def test_bars_pubs_and_ice_cream_are_their_own_kinds(skills, router, db):
    """"where's the closest bar" had looked for a place called "bar"; bars and ice cream shops are found
    when asked for, and a search for somewhere to eat leaves them out."""
    turn = ask(skills, router, db, "where's the closest bar")
    assert turn.intent.args == {"kind": "bar", "name": "nearest"}
    assert turn.reply.text.startswith("The nearest bar or pub is The Crown, 200 meters away")
    assert names(ask(skills, router, db, "find a pub nearby")) == ["The Crown"]
    assert names(ask(skills, router, db, "find an irish pub nearby")) == ["The Crown"]
    assert "Thai Orchid" in names(ask(skills, router, db, "find a thai bar nearby"))  # a food: somewhere to eat
    assert names(ask(skills, router, db, "any ice cream shops around")) == ["Gelateria Dolce"]
    eat = names(ask(skills, router, db, "find a restaurant nearby"))
    assert eat and not {"The Crown", "Gelateria Dolce"} & set(eat)
    assert ask(skills, router, db, "is the crown open on monday").reply.text == (
        "The Crown is open on Monday from 4 PM to 1 AM."
    )


def test_a_rating_wish_and_a_restaurant_given_as_the_place(skills, db):
    """What the model wrote: "best rated" as the food (the map has no ratings: "I found no rated
    places"), and "is there a pizzeria roma near me" with the restaurant as the place to search around
    ("I don't know a place called pizzeria roma on the map")."""
    import asyncio

    config = Config.model_validate({"restaurants": {"db": str(db), "home": "Testburg"}})

    def run(args):
        ctx = SkillContext(config, lambda: 0.0, Scheduler(), "find_restaurant", {}, None, lambda: NOON)
        return asyncio.run(skills["find_restaurant"].handle(args, ctx))

    reply = run({"cuisine": "best rated", "kind": "restaurant"})
    assert reply.text.startswith("I have no ratings offline. I found ") and reply.card["results"]
    assert run({"near": "pizzeria roma"}).text.startswith("Pizzeria Roma is 100 meters away")
    assert run({"near": "obernau"}).card["origin"]["name"] == "Obernau"  # a place on the map stays one


def test_a_place_on_the_map_is_known_by_its_name(skills, db):
    """"is cesare open right now" and "what's the phone number of the ratskeller" had been "can't help":
    the classifier does not know the names. The map's names are a slot list (handler.slot_lists), so only
    places the map has are taken: "is the bank open" stays out."""
    from assistant.places.search import place_names

    assert {"bangkok garden", "cafe central", "pizzeria roma", "the crown"} <= set(place_names(db))
    config = Config.model_validate({"restaurants": {"db": str(db), "home": "Testburg"}})
    router = Router(skills, None, "en", config)
    turn = ask(skills, router, db, "is siam palace open right now")
    assert (turn.intent.source, turn.intent.args) == ("template", {"name": "siam palace", "about": "hours"})
    assert turn.reply.text == "Siam Palace is 1.3 kilometers away; it's closed now; it opens at 6 PM."
    turn = ask(skills, router, db, "what's the phone number of bangkok garden")
    assert turn.intent.args == {"name": "bangkok garden", "about": "phone"} and "+41 1 234" in turn.reply.text
    assert ask(skills, router, db, "how do i get to cafe central").reply.text.startswith(
        "I can't give directions, only where it is: Café Central is"
    )
    turn = ask(skills, router, db, "how late is siam palace open tonight")
    assert (turn.intent.source, turn.intent.args) == ("template", {"name": "siam palace", "about": "hours"})
    assert ask(skills, router, db, "give me directions to cafe central").reply.text.startswith(
        "I can't give directions, only where it is: Café Central is"
    )
    assert ask(skills, router, db, "give me the address of the crown").intent.args == {"name": "the crown", "about": "address"}
    assert router.route("is the bank open").name != "find_restaurant"
    assert router.route("how late is the bank open").name != "find_restaurant"


def test_the_nearest_place_of_a_name_the_map_has_as_people_write_it(skills, tmp_path):
    """"where's the nearest mcdonalds" had been `other`: a name with an apostrophe is also known without
    it, and "the nearest" may come before a name the map has."""
    from assistant.places.search import place_names

    osm = tmp_path / "town.osm"
    osm.write_text(
        "<?xml version='1.0' encoding='UTF-8'?>\n<osm version=\"0.6\" generator=\"test\">\n"
        '  <node id="1" version="1" lat="47.0" lon="9.5"><tag k="place" v="town"/><tag k="name" v="Testburg"/></node>\n'
        '  <node id="2" version="1" lat="47.01" lon="9.5"><tag k="amenity" v="fast_food"/><tag k="name" v="McDonald&apos;s"/></node>\n'
        "</osm>\n"
    )
    db = tmp_path / "food.sqlite"
    import_osm(osm, db, progress=False)
    assert {"mcdonald's", "mcdonalds"} <= set(place_names(db))
    router = Router(skills, None, "en", Config.model_validate({"restaurants": {"db": str(db), "home": "Testburg"}}))
    for said in ("where's the nearest mcdonalds", "how far is the closest mcdonald's"):
        turn = ask(skills, router, db, said)
        assert turn.intent.source == "template", said
        assert turn.reply.text.startswith("McDonald's is 1.1 kilometers away"), turn.reply.text


def handled(skills, db, utterance: str, args: dict):
    """The skill's reply to the arguments a model gave for the words (home Testburg, at NOON)."""
    import asyncio

    config = Config.model_validate({"restaurants": {"db": str(db), "home": "Testburg"}})
    ctx = SkillContext(config, lambda: 0.0, Scheduler(), "find_restaurant", {}, None, lambda: NOON, utterance=utterance)
    return asyncio.run(skills["find_restaurant"].handle(args, ctx))


def test_a_town_given_as_a_name_a_price_said_with_not_and_a_request_word_as_the_food(skills, db):
    """What the model writes for "what's good to eat in obernau" (a name), "a place that's not too
    expensive" (the word it heard) and "list some restaurants in obernau" (the food "list some")."""

    def run(utterance, args):
        return handled(skills, db, utterance, args)

    in_town = run("what's good to eat in obernau", {"name": "obernau"})
    assert in_town.text.startswith("I found 7 places near Obernau. The closest: Gasthof Adler"), in_town.text
    listed = run("list some restaurants in obernau", {"cuisine": "list some", "kind": "restaurant", "near": "obernau"})
    assert [r["name"] for r in listed.card["results"]][0] == "Gasthof Adler"
    cheap = run("i need a place for lunch that's not too expensive", {"price": "expensive"})
    assert cheap.text.startswith("I found 3 cheap places near home.") and "Siam Palace" not in cheap.text, cheap.text


def test_the_nearest_said_only_in_the_words(skills, db):
    """What the model writes for "give me the opening hours of the closest cafe" ({kind: cafe}: "the
    closest" left out) is about the closest cafe, not a list of cafes; "the closest restaurants" (given
    as a food "closest") is the list, nearest first."""

    def run(utterance, args):
        return handled(skills, db, utterance, args)

    hours = run("give me the opening hours of the closest cafe", {"kind": "cafe"})
    assert hours.text.startswith("Café Central is 50 meters away;") and hours.card["about"] == "hours", hours.text
    many = run("what are the closest restaurants", {"cuisine": "closest", "kind": "restaurant"})
    assert many.text.startswith("I found") and len(many.card["results"]) > 3, many.text
    assert "closest places" not in many.text
    nearest = run("what are the closest restaurants", {"kind": "restaurant"})
    assert nearest.text == many.text


def test_hours_written_the_german_way_are_read():
    """Mappers in German-speaking places write "Mo,Do 08.30-22.00;So 10.00-22.00"; the syntax has English
    days and colons. Hours no reading works for are not read out."""
    from datetime import date

    from assistant.places.hours import open_periods, open_state

    spec = "Mo,Do,Fr 08.30-22.00;Sa 17:00-24:00;So 10:00-22:00"
    assert open_state(spec, datetime(2026, 12, 3, 9, 0)) is True  # a Thursday
    assert open_state(spec, datetime(2026, 12, 1, 9, 0)) is False  # a Tuesday
    assert [(a.hour, a.minute) for a, _ in open_periods(spec, date(2026, 12, 6))] == [(10, 0)]  # Sunday
    assert open_state("Mo-Fr after lunch", datetime(2026, 12, 3, 14, 0)) is None


def test_show_me_more_gives_the_next_places_of_the_last_list(skills, router, db):
    config = Config.model_validate({"restaurants": {"db": str(db), "home": "Testburg"}})
    sched, state = Scheduler(), {}
    conv = Conversation(skills, router, lambda n: SkillContext(config, lambda: 0.0, sched, n, state, None, lambda: NOON))
    assert conv.respond("show me more").reply.text == "There's no list to go on with: ask me for places to eat."
    first = conv.respond("find restaurants near testburg")
    assert first.reply.text.startswith("I found 7 places near Testburg. The closest:")
    said = [r["name"] for r in first.reply.card["results"]]
    turn = conv.respond("show me more")
    assert turn.intent.args["more"] is True
    assert turn.reply.text.startswith(f"Next: {said[3]},") and said[5] in turn.reply.text
    assert conv.respond("are there any other places").reply.text.startswith(f"Next: {said[6]},")
    assert conv.respond("more places please").reply.text == "That's all I found."
    # right after a list, "what else is there" goes on with it (it had been `other`); not otherwise
    conv.respond("find restaurants near testburg")
    turn = conv.respond("what else is there")
    assert (turn.intent.source, turn.intent.args["more"]) == ("follow_up", True)
    assert turn.reply.text.startswith(f"Next: {said[3]},")
    # the search is kept with "more": "what about in obernau" right after is the same food there (it had
    # gone on with the list, "There's no list to go on with")
    conv.respond("find thai food near testburg")
    conv.respond("show me more")
    turn = conv.respond("what about in obernau")
    assert (turn.intent.args.get("cuisine"), turn.intent.args.get("near"), "more" in turn.intent.args) == ("thai", "obernau", False)
    conv.respond("what time is it")
    assert conv.respond("what else is there").intent.name != "find_restaurant"


def test_a_place_of_the_last_list_by_its_place_in_it(skills, router, db):
    """"how far is the second one", "is the last one open" after a list: the places as they were said
    (the last one said, not the card's last); "show me more" goes on from where the list was."""
    config = Config.model_validate({"restaurants": {"db": str(db), "home": "Testburg"}})
    sched, state = Scheduler(), {}
    conv = Conversation(
        skills, router, lambda n: SkillContext(config, lambda: 0.0, sched, n, state.setdefault(n, {}), None, lambda: NOON)
    )
    assert conv.respond("how far is the second one").reply.text.startswith("Which place do you mean?")
    listed = conv.respond("find a restaurant")
    said = [r["name"] for r in listed.reply.card["results"][:3]]
    assert len(listed.reply.card["results"]) > 3
    turn = conv.respond("how far is the second one")
    assert (turn.intent.source, turn.intent.args) == ("template", {"name": "the second one"})
    assert turn.reply.text.startswith(f"{said[1]} is "), (said, turn.reply.text)
    turn = conv.respond("what's the phone number of the first one")
    assert turn.intent.args["about"] == "phone" and turn.reply.text.startswith(f"{said[0]} is ")
    assert conv.respond("is the last one open").reply.text.startswith(f"{said[2]} is ")
    assert conv.respond("show me more").reply.text.startswith("Next: ")
    sixth = listed.reply.card["results"][5]["name"]  # the last "more" said is the list's sixth
    assert conv.respond("how far is the last one").reply.text.startswith(f"{sixth} is ")
    # "the second one" alone, right after a list (it had been `other`), at the distance the list said:
    # from where it was searched, not from home
    listed = conv.respond("find a restaurant near obernau")
    second = listed.reply.card["results"][1]
    turn = conv.respond("the second one")
    assert (turn.intent.source, turn.intent.args) == ("follow_up", {"name": "the second one"})
    assert turn.reply.card["results"][0]["distance_m"] == second["distance_m"]
    assert turn.reply.text.startswith(f"{second['name']} is "), turn.reply.text
    # how expensive, by the map's hint (it had been `other`); "the first one" of a list of one place
    listed = [r["name"] for r in conv.respond("find thai food near testburg").reply.card["results"][:3]]
    which = ("the first one", "the second one", "the third one")[listed.index("Siam Palace")]  # $$$ on the map
    assert conv.respond(which).reply.text.startswith("Siam Palace is ")
    turn = conv.respond("is it expensive")
    assert turn.intent.args == {"name": "that place", "about": "price"}
    assert turn.reply.text.endswith("; going by the map, it's expensive."), turn.reply.text
    assert conv.respond("find a pizza place near testburg").reply.text.startswith("The only pizza place I found")
    assert conv.respond("the first one").reply.text.startswith("Pizzeria Roma is ")
    assert conv.respond("the second one").reply.text == "I named only Pizzeria Roma."
    # a correction of the last search ("no i meant ..." had been `other`), and a price said as a food
    conv.respond("find thai food near testburg")
    turn = conv.respond("no i meant pizza")
    assert (turn.intent.source, turn.intent.args.get("cuisine")) == ("follow_up", "pizza"), turn.intent
    assert asked.query({"cuisine": "somewhere cheaper"}) == asked.Query(price="cheap")
    assert asked.query({"cuisine": "fancier italian"}) == asked.Query(cuisine="italian", price="expensive")
    # the way there, right after a place was named (it had been `other`): where it is, said honestly
    for said in ("give me directions", "how do i get there", "ok take me there"):
        turn = conv.respond(said)
        assert turn.intent.args == {"name": "that place", "about": "address"}, said
        assert turn.reply.text.startswith("I can't give directions, only where it is: Pizzeria Roma is "), turn.reply.text
    # its hours, as people ask ("what time do they close" had been the time here)
    for said in ("what time do they close", "is it still open", "how late are they open", "are they open late",
                 "do they stay open late tonight"):
        turn = conv.respond(said)
        assert (turn.intent.name, turn.intent.args) == ("find_restaurant", {"name": "that place", "about": "hours"}), said


def test_places_open_on_a_day_that_is_named(skills, db):
    """"what restaurants are open on sunday": open at some hour that day, by the map's hours (the model's
    open_now and its "sunday" as a place are not kept); places without readable hours are counted."""

    from assistant.places.hours import open_periods

    def run(utterance, args):
        return handled(skills, db, utterance, args)

    sunday = date(2024, 5, 19)  # NOON is a Wednesday
    reply = run("what restaurants are open on sunday", {"near": "sunday", "open_now": True})
    assert reply.text.startswith("I found ") and " open on Sunday near home" in reply.text, reply.text
    assert "don't list opening hours" in reply.text
    names = [r["name"] for r in reply.card["results"]]
    assert "Siam Palace" not in names and "Café Central" not in names and "Linde" in names  # Mo-Fr, Mo-Sa, Tu-Su
    hours = {r["name"]: r.get("opening_hours") for r in reply.card["results"]}
    assert all(open_periods(hours[n], sunday) for n in names), hours
    reply = run("is anything open on monday", {"name": "anything", "about": "hours"})
    assert " open on Monday near home" in reply.text and "called anything" not in reply.text, reply.text


def _handled(skills, db, args, said):
    """The skill's answer to the arguments a router gives, with the user's words (which it reads too)."""
    import asyncio

    config = Config.model_validate({"restaurants": {"db": str(db), "home": "Testburg"}})
    ctx = SkillContext(config, lambda: 0.0, Scheduler(), "find_restaurant", {}, None, lambda: NOON, utterance=said)
    return asyncio.run(skills["find_restaurant"].handle(args, ctx))


@pytest.mark.parametrize(
    "said, args, found",
    [
        ("find a restaurant with outdoor seating", {"kind": "restaurant"}, ["Bangkok Garden"]),
        ("where can we sit outside for lunch", {}, ["Bangkok Garden"]),
        ("any vegetarian places nearby", {"cuisine": "vegetarian"}, ["Bangkok Garden"]),  # diet:vegetarian
        ("is there a cafe with wifi", {"kind": "cafe"}, ["Café Central"]),
        ("a wheelchair accessible cafe please", {"kind": "cafe"}, ["Café Central"]),
        # the kind said beside a feature ("a bar with outdoor seating" had searched every place): the
        # closest bar, the map silent on its seating
        ("find me a bar with outdoor seating", {}, ["The Crown"]),
    ],
)
def test_what_a_place_has_is_what_the_map_says(skills, db, said, args, found):
    reply = _handled(skills, db, args, said)
    assert [r["name"] for r in reply.card["results"]] == found, reply.text


def test_a_feature_no_place_lists_is_said_with_the_closest_place(skills, db):
    reply = _handled(skills, db, {}, "find me a place that does takeaway")
    assert reply.text == (
        "I found no places with takeaway near home. The closest place is Café Central, 50 meters away; "
        "the map doesn't say if it has takeaway."
    ), reply.text
    # the feature given as a place's name ("I couldn't find a place called takeaway")
    assert _handled(skills, db, {"name": "takeaway", "kind": "restaurant"}, "a restaurant that does takeaway").text.startswith(
        "I found no places with takeaway near home.")
    reply = _handled(skills, db, {}, "find me a bar with outdoor seating")
    assert reply.text.startswith("I found no bars and pubs with outdoor seating near home. Of the bars and pubs, the closest is The Crown")


@pytest.mark.parametrize(
    "said, features",
    [
        ("a place with a terrace", ("outdoor seating",)),
        ("pizza delivery near me", ("delivery",)),
        ("thai takeout with wi-fi", ("takeaway", "wifi")),
        ("step-free access please", ("wheelchair access",)),
        ("where should i go to eat", ()),
        ("take me out to dinner", ()),
    ],
)
def test_the_features_a_request_asks_for(said, features):
    from assistant.places.features import spoken_features
    from assistant.text import normalize

    assert spoken_features(normalize(said)) == features


def test_the_phone_number_said_right_after_a_list_is_the_first_places(skills, router, db):
    """"give me the phone number" alone is no request to the router; right after places were named it
    is about the first of them (the skill's follow_ups), and after anything else it is not."""
    config = Config.model_validate({"restaurants": {"db": str(db), "home": "Testburg"}})
    sched, state = Scheduler(), {}
    conv = Conversation(
        skills, router, lambda n: SkillContext(config, lambda: 0.0, sched, n, state.setdefault(n, {}), None, lambda: NOON)
    )
    first = conv.respond("find cheap thai food near the station")
    assert first.intent.name == "find_restaurant" and names(first)[0] == "Bangkok Garden", first.reply.text
    turn = conv.respond("give me the phone number")
    assert turn.intent.args == {"name": "that place", "about": "phone"}
    assert "+41 1 234" in turn.reply.text, turn.reply.text
    assert "Bahnhofstrasse 3" in conv.respond("ok what's the address").reply.text
    conv.respond("what time is it")
    assert conv.respond("give me the phone number").intent.name != "find_restaurant"


def test_a_place_that_is_not_for_eating_is_said_so(skills, db):
    """"is there a pharmacy nearby" (the classifier's find_restaurant) had listed restaurants; a place to
    eat near such a place is still a search."""
    import asyncio

    config = Config.model_validate({"restaurants": {"db": str(db), "home": "Testburg"}})

    def run(text, args):
        ctx = SkillContext(config, lambda: 0.0, Scheduler(), "find_restaurant", {}, None, lambda: NOON, utterance=text)
        return asyncio.run(skills["find_restaurant"].handle(args, ctx)).text

    assert run("is there a pharmacy nearby", {}) == (
        "I can only find places to eat and drink; I don't know where the nearest pharmacy is."
    )
    assert run("where's the closest bank", {"name": "nearest"}).startswith("I can only find places to eat and drink")
    assert run("any thai food near the bank", {"cuisine": "thai"}).startswith("I found 3 thai places")
    assert run("somewhere to eat by the museum", {}).startswith("I found ")
    # something that is no place ("recommend a book" had been "I can't book tables; Cesare is ...")
    assert run("recommend a book", {"about": "book"}) == "I can't recommend books: I only find places to eat and drink."
    assert "Pizzeria Roma" in run("can you recommend a good pizza place", {"cuisine": "pizza"})


def test_a_place_the_recognizer_spelled_as_other_words_is_found_by_its_sound(db):
    """Whisper wrote the town Schaan, said by the voice, as "sean": "near sean" had been "I don't know a
    place called sean". A name whose espeak-ng phones are close and start alike is the one meant; a name
    nothing on the map sounds like is still unknown."""
    from assistant.asr.pronounce import sounds_like
    from assistant.places.search import RestaurantDb

    places = RestaurantDb(db, sounds_like)
    assert places.find_place("over now").name == "Obernau"  # OW V ER N AW for OW B ER N AW
    assert places.find_place("dest berg").name == "Testburg"  # a first sound often confused: D for T
    assert places.find_place("testburg").name == "Testburg"
    assert places.find_place("paris") is None and places.find_place("john") is None


def test_which_is_closest_what_a_named_place_has_and_a_place_taken_for_a_food(skills, db):
    """A new user's follow-ups after a list: "which one's nearest" (the first), "do they do takeaway" /
    "is it wheelchair accessible" (what the map says the place has; its silence is no "no"), and
    "where can i eat near obernau", whose food wildcard had taken "near obernau" as the food."""
    config = Config.model_validate({"restaurants": {"db": str(db), "home": "Testburg"}})
    sched, state = Scheduler(), {}
    router = Router(skills, None, "en", config)  # the map's names are known ("does cafe central ...")
    conv = Conversation(
        skills, router, lambda n: SkillContext(config, lambda: 0.0, sched, n, state.setdefault(n, {}), None, lambda: NOON)
    )
    listed = conv.respond("where can i eat near obernau")
    assert listed.intent.args == {"near": "obernau"} and listed.reply.text.startswith("I found "), listed.reply.text
    first = listed.reply.card["results"][0]["name"]
    turn = conv.respond("which one's nearest")
    assert (turn.intent.source, turn.intent.args) == ("follow_up", {"name": "the first one"})
    assert turn.reply.text.startswith(f"{first} is ")
    assert conv.respond("the one closest to me").intent.args == {"name": "the first one"}
    conv.respond("find thai food near the station")  # Bangkok Garden first: outdoor seating on the map
    turn = conv.respond("do they have outdoor seating")
    assert turn.reply.text == "Yes, the map says Bangkok Garden has outdoor seating.", turn.reply.text
    turn = conv.respond("do they do takeaway")
    assert turn.reply.text == "The map doesn't say if Bangkok Garden has takeaway; its phone is +41 1 234."
    # a search and a question about its first place in one sentence (it had been `other`)
    turn = conv.respond("find a thai place near the station and tell me their phone number")
    assert turn.intent.args["about"] == "phone" and "+41 1 234" in turn.reply.text, turn.reply.text
    turn = conv.respond("does cafe central have wifi")  # by name, from a template
    assert turn.reply.text == "Yes, the map says Café Central has wifi.", turn.reply.text


def test_a_place_s_diets_and_its_rating_asked_right_after(skills, db):
    """"do they have vegan options" right after a place had been `other`, "what's the rating" too, and "are
    the reviews good" right after a list was about the closest place of all, not the list's first."""
    config = Config.model_validate({"restaurants": {"db": str(db), "home": "Testburg"}})
    sched, state = Scheduler(), {}
    conv = Conversation(
        skills, Router(skills, None, "en", config),
        lambda n: SkillContext(config, lambda: 0.0, sched, n, state.setdefault(n, {}), None, lambda: NOON),
    )
    conv.respond("find thai food near the station")  # Bangkok Garden first: diet:vegetarian=yes on the map
    turn = conv.respond("do they have vegetarian options")
    assert (turn.intent.source, turn.reply.text) == ("follow_up", "Yes, the map says Bangkok Garden has vegetarian food.")
    assert conv.respond("is it vegan friendly").reply.text == "The map doesn't say if Bangkok Garden has vegan food; its phone is +41 1 234."
    turn = conv.respond("what's the rating")
    assert turn.reply.text.startswith("I have no reviews offline, only the map: Bangkok Garden is a thai restaurant"), turn.reply.text
    conv.respond("find thai food near the station")
    assert conv.respond("are the reviews good").reply.text.startswith("I have no reviews offline, only the map: Bangkok Garden")
    # a search for the diet still finds a place whose cuisine says it, without the diet tag
    assert conv.respond("find vegetarian food").reply.text.startswith("The only vegetarian place I found"), state


@pytest.mark.parametrize(
    "args, cuisine, near, name",
    [
        ({"cuisine": "near obernau"}, None, "obernau", None),  # a food wildcard that took the place
        ({"cuisine": "in the obernau"}, None, "obernau", None),
        ({"cuisine": "a terrace", "near": "town"}, None, None, None),  # what it has; "in town" is home
        ({"cuisine": "pizza with outdoor seating"}, "pizza", None, None),
        ({"name": "obernau", "near": "obernau", "cuisine": "kebab"}, "kebab", "obernau", None),
        # the model's "near me" (with its preposition) is home, "cheapest pizza" a price and a food, not a
        # name ("I don't know a place called near me" had been the answer to "cheapest pizza nearby")
        ({"cuisine": "pizza", "name": "cheapest pizza", "near": "near me"}, "pizza", None, None),
        ({"name": "cheap sushi", "near": "close to home"}, "sushi", None, None),
        ({"cuisine": "most expensive"}, None, None, None),  # "the most expensive place around here"
        ({"cuisine": "quick"}, None, None, None),  # "something quick" after a list: fast food ("no quick places")
    ],
)
def test_a_place_or_a_feature_where_a_food_goes(args, cuisine, near, name):
    q = asked.query(args)
    assert (q.cuisine, q.near, q.name) == (cuisine, near, name)
    if args.get("cuisine") == "quick":
        assert q.kind == "fast_food"


def test_places_far_from_the_town_asked_about_are_not_near_it(skills, db):
    """"any pizza in balzers" had been "I found 3 pizza places near Balzers. The closest: ..., 11
    kilometers": the closest ones are said, as farther away; "within walking distance" is home."""
    reply = _handled(skills, db, {"cuisine": "thai", "near": "hinterwald"}, "any thai food in hinterwald")
    assert reply.text.startswith("I found no thai places near Hinterwald; the closest are farther away: "), reply.text
    assert _handled(skills, db, {"cuisine": "thai"}, "thai food near testburg").text.startswith("I found 3 thai places")
    q = asked.query({"cuisine": "sushi", "near": "within walking distance"})
    assert (q.cuisine, q.near) == ("sushi", None)


def test_the_best_restaurant_is_said_to_have_no_ratings(skills, db):
    reply = _handled(skills, db, {"kind": "restaurant"}, "what's the best restaurant in town")
    assert reply.text.startswith("I have no ratings offline. I found "), reply.text


def test_a_food_the_recognizer_spelled_as_other_words_is_found_by_its_sound(skills, db):
    """A robotic voice's "pizza" was heard "beat so": "I found no cheap beat so places". A food that
    matches nothing by its letters is matched by its sound (espeak-ng phones) to a food the map knows."""
    reply = _handled(skills, db, {"cuisine": "beat so"}, "find me a beat so place near testburg")
    assert [r["name"] for r in reply.card["results"]] == ["Pizzeria Roma"], reply.text
    # typed, a slip of the keys: "I found no pizaa places"
    reply = _handled(skills, db, {"cuisine": "pizaa"}, "find a pizaa place near testburg")
    assert [r["name"] for r in reply.card["results"]] == ["Pizzeria Roma"], reply.text


@pytest.mark.parametrize(("typed", "food"), [("pizaa", "pizza"), ("italain", "italian"), ("mexcian", "mexican"),
                                             ("vegitarian", "vegetarian"), ("thia", None), ("sandwich", None)])
def test_a_food_typed_with_a_slip_is_the_food_it_is_closest_to(typed, food):
    from assistant.places.foods import spelled_like

    assert spelled_like(typed, asked.CUISINE_WORDS) == food


def test_a_beer_a_pizzeria_a_known_name_in_a_town_its_prices_and_open_late_after_a_search(skills, db):
    """A new user's words: "i want a beer" and "is there a pizzeria in obernau" had been `other`, "is
    there a mcdonalds in schaan" the weather there, "is siam palace expensive" `other`; "anything open late
    tonight" right after a search keeps its food; "for dinner" with a word the model took for a name is a
    search; "what about thai" after "what food does X serve" is a search, not about X's food."""
    config = Config.model_validate({"restaurants": {"db": str(db), "home": "Testburg"}})
    sched, state = Scheduler(), {}
    router = Router(skills, None, "en", config)
    conv = Conversation(
        skills, router, lambda n: SkillContext(config, lambda: 0.0, sched, n, state.setdefault(n, {}), None, lambda: NOON)
    )
    assert names(conv.respond("i want a beer")) == ["The Crown"]
    turn = conv.respond("is there a pizzeria in obernau")
    assert turn.intent.args == {"kind": "restaurant", "near": "obernau"} and names(turn)[0] == "Pizzeria Roma"
    assert conv.respond("is there a bangkok garden in obernau").intent.args == {"name": "bangkok garden", "near": "obernau"}
    assert conv.respond("is siam palace expensive").reply.text.endswith("; going by the map, it's expensive.")
    conv.respond("find thai food near testburg")
    turn = conv.respond("anything open late tonight")
    assert (turn.intent.source, turn.intent.args["cuisine"], turn.intent.args["open_now"]) == ("follow_up", "thai", True)
    assert "open at 10 PM" in turn.reply.text, turn.reply.text
    # "and open now" had become a food called "open now", "any that are cheaper" `other`
    conv.respond("find thai food near testburg")
    turn = conv.respond("and open now")
    assert (turn.intent.source, turn.intent.args["cuisine"], turn.intent.args["open_now"]) == ("follow_up", "thai", True)
    turn = conv.respond("any that are cheaper")
    assert (turn.intent.source, turn.intent.args["cuisine"], turn.intent.args["price"]) == ("follow_up", "thai", "cheap")
    reply = _handled(skills, db, {"name": "family"}, "where can i take my family for dinner")
    assert reply.text.startswith("I found "), reply.text
    reply = _handled(skills, db, {"name": "thai", "about": "food"}, "what about thai")
    assert reply.text.startswith("I found 3 thai places"), reply.text


def test_the_closest_of_a_food_a_place_by_name_and_a_table_or_a_call_for_the_place_just_named(skills, db):
    """A new user's words: "what's the closest italian" and "any vegetarian options around here" had been
    `other`, "find linde" too; "book a table for two at 8" right after a place asked about a place called
    "8"; "call them" was `other`; "what's the address of the first one" after a list `other`. The foods
    the templates know are the search's own."""
    from assistant.places.foods import CUISINE_ALIASES

    config = Config.model_validate({"restaurants": {"db": str(db), "home": "Testburg"}})
    sched, state = Scheduler(), {}
    router = Router(skills, None, "en", config)
    conv = Conversation(
        skills, router, lambda n: SkillContext(config, lambda: 0.0, sched, n, state.setdefault(n, {}), None, lambda: NOON)
    )
    food = skills["find_restaurant"].manifest.lists["restaurant_food"]["values"]
    assert sorted(food) == sorted(CUISINE_ALIASES)
    turn = conv.respond("what's the closest italian")
    assert turn.intent.args == {"cuisine": "italian", "name": "nearest"}, turn.intent
    assert turn.reply.text.startswith("The nearest italian place is Pizzeria Roma"), turn.reply.text
    turn = conv.respond("any vegetarian options around here")
    assert turn.intent.args == {"cuisine": "vegetarian"} and names(turn) == ["Bangkok Garden"], turn.reply.text
    assert conv.respond("what's the closest gas station").intent.name != "find_restaurant"
    assert conv.respond("find linde").reply.text.startswith("Linde is ")
    turn = conv.respond("book a table for two at 8")
    assert turn.reply.text.startswith("I can't book tables; Linde is "), turn.reply.text
    assert conv.respond("call them").reply.text.startswith("I can't make calls; Linde is ")
    conv.respond("find thai food near testburg")
    turn = conv.respond("what's the address of the first one")
    # measured from the town the list was searched near, and said so
    assert turn.reply.text == "Thai Orchid is 350 meters from Testburg; the map lists no address for it.", turn.reply.text
    # how far from a named place, right after ("how far is it from obernau" had been `other`)
    turn = conv.respond("how far is it from obernau")
    assert turn.reply.text.startswith("Thai Orchid is ") and " from Obernau" in turn.reply.text, turn.reply.text
    turn = conv.respond("call the second one")
    assert turn.reply.text.startswith("I can't make calls; Bangkok Garden is ") and "+41 1 234" in turn.reply.text
    # nothing named before: said, with what it can do (the words' own reading of the booking)
    from assistant.spoken_args import table_args

    args = table_args("book a table for 4 at 7 pm")
    assert args == {"about": "book", "name": "that place"}
    reply = _handled(skills, db, args, "book a table for 4 at 7 pm")
    assert reply.text.startswith("I can't book tables, but I can find a place and its phone number."), reply.text


@pytest.mark.parametrize(
    "args, said, food",
    [
        ({"cuisine": "romantic", "kind": "restaurant"}, "find me a romantic restaurant", None),
        ({"name": "kid friendly restaurant", "kind": "restaurant"}, "a kid friendly restaurant", None),
        ({"cuisine": "romantic thai", "kind": "restaurant"}, "find me a romantic thai restaurant", "thai"),
        ({"cuisine": "quiet for dinner"}, "somewhere quiet for dinner", None),
        ({}, "somewhere quiet for dinner", None),  # what the model may give: the words say it
    ],
)
def test_how_a_place_feels_is_said_to_be_unknown(skills, db, args, said, food):
    """"find me a romantic restaurant" had been "I found no romantic places" (a food called romantic), "a
    kid friendly restaurant" a place of that name: the map records no such thing, so the places that fit
    the rest, and that it can't tell which feel so."""
    reply = _handled(skills, db, args, said)
    feel = "romantic" if "romantic" in said else "kid friendly" if "kid" in said else "quiet"
    assert reply.text.startswith(f"The map doesn't say which places are {feel}. I found "), reply.text
    assert (food or "places") in reply.text.split(". ")[1]


def test_all_the_map_holds_about_a_place_and_a_kind_to_grab(skills, db):
    """"tell me about bangkok garden" had been `other`; "i want to grab a coffee" had searched for a food
    called "to grab a"."""
    config = Config.model_validate({"restaurants": {"db": str(db), "home": "Testburg"}})
    sched = Scheduler()
    conv = Conversation(
        skills, Router(skills, None, "en", config),
        lambda n: SkillContext(config, lambda: 0.0, sched, n, {}, None, lambda: NOON),
    )
    turn = conv.respond("tell me about bangkok garden")
    assert turn.intent.args == {"name": "bangkok garden", "about": "info"}, turn.intent
    assert turn.reply.text.startswith("Bangkok Garden is a thai restaurant, "), turn.reply.text
    assert "Bahnhofstrasse 3" in turn.reply.text and "+41 1 234" in turn.reply.text and "open" in turn.reply.text
    turn = conv.respond("tell me more about the crown")
    assert turn.reply.text.startswith("The Crown is a pub, ") and "no phone number" in turn.reply.text, turn.reply.text
    turn = conv.respond("i want to grab a coffee")
    assert turn.intent.args == {"kind": "cafe"} and names(turn) == ["Café Central"], turn.reply.text
    assert conv.respond("let's grab a beer").intent.args == {"kind": "bar"}


def test_there_is_the_town_whose_weather_was_just_given(skills, db):
    """"find a restaurant there" right after the weather in Obernau had searched near home."""
    import asyncio

    config = Config.model_validate({"restaurants": {"db": str(db), "home": "Testburg"}})
    ctx = SkillContext(config, lambda: 0.0, Scheduler(), "find_restaurant", {}, None, lambda: NOON,
                       utterance="find a restaurant there")
    ctx.shown = {"type": "weather", "place": "Obernau"}
    reply = asyncio.run(skills["find_restaurant"].handle({"kind": "restaurant"}, ctx))
    assert reply.text.startswith("I found 7 places near Obernau. The closest: Gasthof Adler, 100 meters"), reply.text
    ctx.shown = None  # nothing shown: home
    reply = asyncio.run(skills["find_restaurant"].handle({"kind": "restaurant"}, ctx))
    assert "near home" in reply.text, reply.text


def test_the_cheapest_of_a_list_and_a_place_of_it_with_a_question(skills, db):
    """"which one is the cheapest" right after a list, and "ok the first one, what's the phone number",
    had been `other`; the distance of a place of a list searched near a town is said from that town."""
    config = Config.model_validate({"restaurants": {"db": str(db), "home": "Testburg"}})
    sched, state = Scheduler(), {}
    conv = Conversation(
        skills, Router(skills, None, "en", config),
        lambda n: SkillContext(config, lambda: 0.0, sched, n, state.setdefault(n, {}), None, lambda: NOON),
    )
    conv.respond("find thai food near testburg nord")
    turn = conv.respond("which one is the cheapest")
    assert turn.intent.args.get("price") == "cheap" and names(turn) == ["Bangkok Garden"], turn.reply.text
    conv.respond("find thai food near testburg nord")
    turn = conv.respond("ok the first one, what's the phone number")
    assert turn.intent.args == {"name": "the first one", "about": "phone"}, turn.intent
    assert turn.reply.text.startswith("Bangkok Garden is ") and " from Testburg Nord" in turn.reply.text, turn.reply.text
    assert "+41 1 234" in turn.reply.text
    # "anything closer" right after a list (it had been `other`): the list's first place, the closest
    conv.respond("find thai food near testburg nord")
    turn = conv.respond("is there anything a bit closer")
    assert turn.intent.args == {"name": "the first one"}, turn.intent
    assert turn.reply.text.startswith("That list started with the closest: Bangkok Garden is "), turn.reply.text


def test_a_count_before_the_food_is_no_food():
    """"find me eight pizza place" (Whisper's hearing of "find me a pizza place") had looked for a food
    called "eight pizza"; a count asked for is no food either."""
    assert asked.query({"cuisine": "eight pizza"}).cuisine == "pizza"
    assert asked.query({"cuisine": "3 thai"}).cuisine == "thai"


def test_a_feel_the_map_does_not_hold_a_place_food_and_short_follow_ups(skills, router, db):
    """"somewhere with a view" and "any place for kids" had looked for a food called "a view" or "kids";
    "thai in obernau" for a food "thai in obernau"; "which is closest" and "is it open tomorrow" right
    after a list had been `other` and the date tomorrow."""
    config = Config.model_validate({"restaurants": {"db": str(db), "home": "Testburg"}})
    sched, states = Scheduler(), {}
    conv = Conversation(skills, router, lambda n: SkillContext(config, lambda: 0.0, sched, n, states.setdefault(n, {}), None, lambda: NOON))
    import asyncio

    for said, food, feel in (("somewhere with a view", "a view", "have a view"), ("any place for kids", "kids", "are for kids")):
        ctx = SkillContext(config, lambda: 0.0, sched, "find_restaurant", {}, None, lambda: NOON, utterance=said)
        reply = asyncio.run(skills["find_restaurant"].handle({"cuisine": food}, ctx))  # as the router gave them
        assert reply.text.startswith(f"The map doesn't say which places {feel}. I found "), reply.text
    assert asked.query({"cuisine": "regional in obernau"}) == asked.query({"cuisine": "regional", "near": "obernau"})
    conv.respond("find a thai restaurant")
    turn = conv.respond("which is closest")
    assert turn.intent.name == "find_restaurant" and turn.reply.text.startswith("Thai Orchid is 350 meters away"), turn.reply.text
    turn = conv.respond("is it open tomorrow")
    assert (turn.intent.name, turn.intent.args.get("about")) == ("find_restaurant", "hours"), turn.intent


def test_a_food_wanted_is_a_search_and_a_dish_is_its_kitchens(skills, router, db):
    """"i fancy some curry" had been `other`, and curry no food the map knows: a food of the templates'
    list, wanted, is a search; curry is an indian or thai kitchen. "i want a new phone" stays no search."""
    turn = ask(skills, router, db, "i fancy some curry")
    assert (turn.intent.name, turn.intent.args) == ("find_restaurant", {"cuisine": "curry"})
    assert names(turn) == ["Thai Orchid", "Bangkok Garden", "Siam Palace"], turn.reply.text  # thai by name or cuisine
    assert ask(skills, router, db, "i want a new phone").intent.name != "find_restaurant"


def test_what_a_place_has_asked_right_after_it(skills, router, db):
    """"is it wheelchair accessible", "do they have wifi", "are dogs allowed" right after a place had been the
    time (the model's get_time), `other` and chit-chat; what the map says of that place now (Café Central
    is tagged wheelchair=yes and internet_access=wlan)."""
    config = Config.model_validate({"restaurants": {"db": str(db), "home": "Testburg"}})
    sched, states = Scheduler(), {}
    conv = Conversation(skills, router, lambda n: SkillContext(config, lambda: 0.0, sched, n, states.setdefault(n, {}), None, lambda: NOON))
    assert conv.respond("find a cafe").reply.text.startswith("The only cafe I found near home is Café Central")
    assert conv.respond("is it wheelchair accessible").reply.text.startswith("Yes, the map says Café Central has wheelchair access")
    assert conv.respond("do they have wifi").reply.text.startswith("Yes, the map says Café Central has wifi")
    assert conv.respond("are dogs allowed").reply.text.startswith("The map doesn't say if Café Central has room for dogs")


def test_a_known_place_s_website_distance_and_a_food_to_find(skills, db):
    """"does cesare have a website", "how far is ratskeller from here" (names of the user's map) and "find
    me a kebab" had been `other`. The router knows the map's names from the config."""
    config = Config.model_validate({"restaurants": {"db": str(db), "home": "Testburg"}})
    router = Router(skills, config=config)
    for said, args in (("does pizzeria roma have a website", {"name": "pizzeria roma", "about": "website"}),
                       ("does the linde have a phone number", {"name": "linde", "about": "phone"}),
                       ("how far is pizzeria roma from here", {"name": "pizzeria roma"}),
                       ("find me a pizza", {"cuisine": "pizza"})):
        turn = ask(skills, router, db, said)
        assert (turn.intent.name, turn.intent.source, turn.intent.args) == ("find_restaurant", "template", args), said
    assert ask(skills, router, db, "find me a pizza").reply.text.startswith("The only pizza place I found near home is Pizzeria Roma")


def test_a_place_named_before_keeps_its_name_when_it_is_a_food_word_too():
    """"how far is it" right after a list led by Düner (a kebab shop; "düner" is a word for kebab) had
    searched for düner food ("The only Düner place I found ..."): a place said before is a name."""
    from assistant.places import asked

    assert asked.query({"name": "Düner"}, named=True).name == "Düner"
    q = asked.query({"name": "thai"})  # "book a table at a thai place": a food
    assert (q.name, q.cuisine) == (None, "thai")


def test_what_kinds_of_food_there_are_is_said_from_the_map(skills, db):
    """"what kind of food do you have" right after a search had looked for a place called "you" (the model's
    name); "what kinds of food are there" was `other`. The foods of the places found, the most common
    first; one place's food is still that place's."""
    reply = _handled(skills, db, {"name": "you", "about": "food"}, "what kind of food do you have")
    assert reply.text == "Near home there's thai, italian, pizza and regional food. Say one, like find thai food.", reply.text
    config = Config.model_validate({"restaurants": {"db": str(db), "home": "Testburg"}})
    turn = Router(skills, None, "en", config).route("what kinds of food are there near obernau")
    assert (turn.name, turn.args) == ("find_restaurant", {"near": "obernau"})
    assert _handled(skills, db, {"near": "obernau"}, "what kinds of food are there near obernau").text.startswith(
        "Near Obernau there's ")
    reply = _handled(skills, db, {"name": "linde", "about": "food"}, "what kind of food does linde serve")
    assert reply.text.startswith("Linde is an italian restaurant"), reply.text


def test_is_it_far_or_a_walk_right_after_a_place(skills, db):
    """"is it far", "is it within walking distance", "can i walk there" right after a list had been the
    weather ("is it ...") or `other`: the first place's distance, and the least time on foot (the map's
    distance is a straight line)."""
    from assistant.places.search import walk_words

    config = Config.model_validate({"restaurants": {"db": str(db), "home": "Testburg"}})
    sched, state = Scheduler(), {}
    conv = Conversation(skills, Router(skills, None, "en", config),
                        lambda n: SkillContext(config, lambda: 0.0, sched, n, state.setdefault(n, {}), None, lambda: NOON))
    for said in ("is it far", "is it within walking distance", "can i walk there", "how long does it take to walk there",
                 "and is it close to here"):
        conv.respond("find thai food near testburg")
        turn = conv.respond(said)
        assert (turn.intent.name, turn.intent.args) == ("find_restaurant", {"name": "that place", "about": "walk"}), said
        assert turn.reply.text.startswith("Thai Orchid is 350 meters from Testburg") and "minute walk" in turn.reply.text, turn.reply.text
    assert [walk_words(m) for m in (150, 350, 2700, 5000, 12000)] == [
        "a 2 minute walk", "a 4 minute walk", "a 35 minute walk", "an hour on foot", "2.5 hours on foot"]


def test_what_should_i_eat_is_offered_the_places_open_now(skills, db):
    """"what should i eat tonight", "what should i make for dinner" had been "Sorry, I can't help with that":
    no recipes, but the places to eat open now, on a yes."""
    config = Config.model_validate({"restaurants": {"db": str(db), "home": "Testburg"}})
    sched, state = Scheduler(), {}
    conv = Conversation(skills, Router(skills, None, "en", config),
                        lambda n: SkillContext(config, lambda: 0.0, sched, n, state.setdefault(n, {}), None, lambda: NOON))
    for said in ("what should i eat tonight", "what should i make for dinner", "i don't know what to eat",
                 "give me some dinner ideas"):
        turn = conv.respond(said)
        assert turn.reply.text.startswith("I have no recipes, but I can find places to eat near you") and turn.reply.expects_reply, said
    turn = conv.respond("yes")
    assert (turn.intent.name, turn.intent.args) == ("find_restaurant", {"open_now": True})
    assert turn.reply.text.startswith("I found ") and "open now" in turn.reply.text, turn.reply.text


def test_what_are_they_again_and_that_one_emailed(skills, db, tmp_path):
    """"what are they again" right after a list had been `other`; "email that one to bob" after one place was
    asked what the email should say."""
    home = tmp_path
    (home / "contacts.vcf").write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Bob Jones\nEMAIL:bjones@example.com\nEND:VCARD\n")
    config = Config.model_validate({"restaurants": {"db": str(db), "home": "Testburg"},
                                    "email": {"maildir": str(home / "Mail"), "contacts": str(home / "contacts.vcf"),
                                              "address": "Sam Doe <sam@example.net>"}, "llm": {"enabled": False}})
    sched, state = Scheduler(), {}
    conv = Conversation(skills, Router(skills, None, "en", config),
                        lambda n: SkillContext(config, lambda: 0.0, sched, n, state.setdefault(n, {}), None, lambda: NOON))
    first = conv.respond("find thai food near testburg")
    again = conv.respond("what are they again")
    assert (again.intent.source, again.reply.text) == ("follow_up", first.reply.text)
    conv.respond("tell me about the second one")
    turn = conv.respond("email that one to bob")
    assert turn.reply.text.startswith("Here's the email to Bob Jones. Bangkok Garden"), turn.reply.text


def test_a_word_of_the_food_given_again_as_a_name_or_a_place_is_dropped():
    """The model's arguments for "is there anywhere nearby that does fish and chips": cuisine "fish and chips",
    name and near "chips" ("Sorry, I don't know a place called chips on the map")."""
    from assistant.places import asked

    q = asked.query({"cuisine": "fish and chips", "name": "chips", "near": "chips"})
    assert (q.cuisine, q.name, q.near) == ("fish and chips", None, None)
    q = asked.query({"cuisine": "thai", "near": "schaan", "name": "thai orchid"})  # words of their own stay
    assert (q.cuisine, q.name, q.near) == ("thai", "thai orchid", "schaan")


def test_a_place_that_is_no_place_to_eat_is_said_to_be_out_of_reach(skills):
    """"i'd like to know if there's a pharmacy nearby", routed nowhere, had been "Sorry, I can't help with that"."""
    from assistant.dialogue.near_miss import near_miss

    for words in ("i'd like to know if there's a pharmacy nearby", "where is the nearest atm", "find a gas station"):
        miss = near_miss(words, skills)
        assert miss is not None and miss.say == "I only find places to eat and drink; I can't look for that.", words
    assert near_miss("what's the name of the bank manager", skills) is None
