"""find_restaurant: places to eat from the imported OpenStreetMap extract, nearest first. The spoken
answer names the closest three with their distance; the card holds the full list."""

from __future__ import annotations

import dataclasses
import re
from datetime import datetime

from assistant.asr.pronounce import sounds_like
from assistant.durations import spoken_time
from assistant.errors import UserError
from assistant.places import asked
from assistant.places.asked import AMBIENCE, CUISINE_WORDS, QUALITY, RATED, kind_said
from assistant.places.features import spoken_features
from assistant.places.foods import spelled_like
from assistant.places.foods_near import FOODS_ASKED, foods_said
from assistant.places.hours import open_periods
from assistant.places.not_food import LODGING, not_food, not_lodging
from assistant.places.search import (
    Hit,
    NoRestaurantDb,
    Query,
    RestaurantDb,
    place_names,
    spoken_distance,
    walk_words,
)
from assistant.places.settings import restaurant_settings
from assistant.places.spoken import KIND_NAME, day_asked, hours_on, how_far, label, open_words, spoken_day
from assistant.skill_api import Reply
from assistant.spoken_args import table_args
from assistant.text import THERE, normalize

read_args = table_args  # the router reads a booking's place from the words (skill_api.ArgReader)

KIND_WORD = {"cafe": "cafes", "fast_food": "fast food places", "restaurant": "places", "bar": "bars and pubs", "ice_cream": "ice cream shops"}
CARD_LIMIT = 50
FOR_A_MEAL = re.compile(r"^(?:for|to have|to eat)\s+(?:a |an |some )?(?:dinner|lunch|breakfast|brunch|date|date night|meal|drink|coffee)\b")
AT_A_TIME = re.compile(r"\d{1,2}(?::\d{2})?(?: ?[ap] ?m)?(?: o'clock)?(?: (?:tonight|today|tomorrow))?")
# "call them": no phone here; the number, to call it yourself
CALLS = re.compile(r"^(?:(?:can|could|would) you |please )*(?:call|ring|phone|dial)\b")
DIRECTIONS = re.compile(r"\b(how (do|can|should|would) i (get|go) (to|there)|directions|the way (to|there)|(take|navigate|guide) me there)\b")
# "open late": open at this hour tonight (or now, when it is later)
LATE = re.compile(r"\b(open (late|until late|late tonight)|after (?:10|ten|eleven|11|midnight)\b|late night"
                  r"|late (?:bite|snack|dinner|meal|supper))\b")  # "anywhere open for a late bite"
LATE_HOUR = 22
# "an italian place open tonight": open at dinner time (or now, when it is later)
OPEN_TONIGHT = re.compile(r"\bopen (?:tonight|this evening|for dinner)\b")
DINNER_HOUR = 19
# "how far is it", "the phone number of that place": the place the last answer named first
THAT_PLACE = re.compile(r"^(it|that|this|there|they|them|those|that one|(that|this|the) (place|restaurant|cafe|one|spot))$")
# a meal said where the model took a word for a place's name ("where can i take my family for dinner")
A_MEAL = re.compile(r"\b(?:for (?:dinner|lunch|breakfast|brunch|a meal|a bite|supper)|to eat)\b")
# a ranking the map cannot give (it has no ratings): said so before the nearest places
BEST = re.compile(r"\b(?:the best|best rated|top rated|highest rated|highly rated|most popular)\b")
FAR_M = 5000  # the closest place farther than this is not "near" where it was looked for
# "anything closer" right after a list: its first place, which is the closest
CLOSER = re.compile(r"\b(?:closer|nearer)\b")
PICKED = {"the first one": 0, "the second one": 1, "the third one": 2, "the last one": -1}  # of the last list


def _what(q: Query, late: datetime | None = None) -> str:
    words = []
    if q.price:
        words.append(q.price)
    food = (q.cuisine or "").strip()
    if food in ("pizzeria", "pizzerias"):  # a food that names its place: "pizzerias", not "pizzeria places"
        words.append("pizzerias")
    else:
        words += [food] if food else []
        words.append(KIND_WORD.get(q.kind or "restaurant", "places"))
    text = " ".join(words) + (f" with {' and '.join(q.features)}" if q.features else "")
    if late is not None and q.open_now:
        return f"{text} open at {spoken_time(late.hour, late.minute)}"
    return text + (" open now" if q.open_now else "")


def _where(origin_name: str) -> str:
    return " near home" if origin_name == "home" else f" near {origin_name}"


def _singular(what: str) -> str:
    for many, one in (("bars and pubs", "bar or pub"), ("places", "place"), ("cafes", "cafe"), ("pizzerias", "pizzeria"),
                      ("shops", "shop")):
        what = what.replace(many, one)
    return what


PRICE_SAID = {"cheap": "cheap", "moderate": "moderately priced", "expensive": "expensive"}


REVIEWS = re.compile(r"\b(?:reviews?|reviewed|ratings?|rated|stars)\b")


def _details(h: Hit, about: str, now: datetime | None = None) -> str:
    """What the map holds about one place, for a question it cannot fully answer (reviews, a booking)."""
    food = (h.cuisine or "").split(";")[0].replace("_", " ")
    kind = KIND_NAME.get(h.kind, "restaurant")
    text = f"{label(h)} is {spoken_distance(h.distance_m)} away"
    if food and about in ("reviews", "food", "info"):
        text = f"{label(h)} is {'an' if food[0] in 'aeiou' else 'a'} {food} {kind}, {spoken_distance(h.distance_m)} away"
    elif about == "food":  # "what kind of food does the linde serve": what the map says, or that it does not
        text = f"The map doesn't say what food {label(h)} serves; it's a {kind}, {spoken_distance(h.distance_m)} away"
    elif about == "info":
        text = f"{label(h)} is a {kind}, {spoken_distance(h.distance_m)} away"
    if h.address:
        text += f", at {h.address}"
    elif about == "address":
        text += "; the map lists no address for it"
    if about in ("book", "phone", "info"):
        text += f"; its phone is {h.phone}" if h.phone else "; the map lists no phone number for it"
    if about in ("book", "reviews", "website", "info"):
        if h.website:
            text += f"; its website is {h.website}"
        elif about == "website":
            text += "; the map lists no website for it"
    if about in ("book", "reviews", "hours", "info"):
        text += f"; {open_words(h, now if about == 'hours' else None)}"
    if about == "walk":  # the map's distance is a straight line: a walk takes at least this long (5 km/h)
        text += f"; on foot that's at least {walk_words(h.distance_m)}"
    if about == "price":  # the import's hint: a price tag on the map, else a guess from its kind
        text += f"; going by the map, it's {PRICE_SAID.get(h.price, h.price)}" if h.price else "; the map doesn't say what it costs"
    return text + "."


def _has_said(h: Hit, features: tuple[str, ...]) -> str:
    """Whether the map says a place has what was asked ("does it have outdoor seating"); the map's
    silence is no "no": a place's tags are often missing."""
    has = [f for f in features if f in h.has]
    unknown = [f for f in features if f not in h.has]
    text = f"Yes, the map says {label(h)} has {' and '.join(has)}" if has else ""
    if unknown:
        text += ("; it doesn't say if it has " if has else f"The map doesn't say if {label(h)} has ") + " or ".join(unknown)
        text += f"; its phone is {h.phone}" if h.phone else ""
    return text + "."


def _from(text: str, origin: str) -> str:
    """A distance said from the place searched near, not home: "550 meters from Schaan" for "... away"."""
    return text.replace(" away", f" from {origin}", 1) if origin else text


def _answer_about(about: str, hits: list[Hit], card: dict, now: datetime | None = None, origin: str = "") -> Reply:
    card["about"] = about
    lead = {"book": "I can't book tables; ", "reviews": "I have no reviews offline, only the map: "}.get(about, "")
    return Reply(lead + _from(_details(hits[0], about, now), origin), card)


ANY_PLACE = {"anything", "anywhere", "something", "any place", "anyplace", "any restaurant", "any restaurants"}


def slot_lists(config) -> dict[str, list[str]]:
    """The imported map's places by name, for the templates that name one ("is cesare open now")."""
    return {"restaurant_known": place_names(restaurant_settings(config.restaurants).db_path)}


def _more(state: dict) -> Reply:
    """ "show me more": the next three places of the last list, each said once."""
    rest = state.get("more")
    if not rest:
        text = "That's all I found." if rest is not None else "There's no list to go on with: ask me for places to eat."
        return Reply(text, {"type": "restaurants", "results": []})
    shown, state["more"] = rest[:3], rest[3:]
    state["said"] = state.get("said", 0) + len(shown)
    text = "; ".join(shown[:-1]) + f"; and {shown[-1]}" if len(shown) > 1 else shown[0]
    return Reply(f"Next: {text}." + ("" if state["more"] else " That's all I found."), {"type": "restaurants"})


async def handle(args, ctx) -> Reply:
    if args.get("more"):
        return _more(ctx.state)
    if str(args.get("name") or "").lower().strip() in ANY_PLACE:  # "is anything open on monday": a list
        args = {k: v for k, v in args.items() if k not in ("name", "about")}
    named, picked = False, PICKED.get(str(args.get("name")))
    if args.get("name") not in PICKED:  # a new question: its own list, if it makes one
        ctx.state.pop("more", None)
    else:  # "how far is the second one": of the places the last list named
        listed = (ctx.state.get("listed") or [])[: ctx.state.get("said", 0)]  # the ones said, not the card's
        i = PICKED[args["name"]] + (len(listed) if PICKED[args["name"]] < 0 else 0)  # "the last one": -1
        if not 0 <= i < len(listed) or listed[i] is None:
            return Reply(
                f"I named {len(listed)} places: say one of their names." if len(listed) > 1
                else f"I named only {listed[0] or 'one place'}." if listed
                else "Which place do you mean? Ask me for places to eat first, or say its name.",
                {"type": "error", "skill": "find_restaurant", "error": "no such place in the last list"},
            )
        args = {**args, "name": listed[i]} | _list_origin(args, ctx.state)
        named = True
    if args.get("about") == "book" and AT_A_TIME.fullmatch(normalize(str(args.get("name") or ""))):
        args = {**args, "name": "that place"}  # "book a table for two at 8": a time, not a place called 8
    for key in ("name", "cuisine"):
        if THAT_PLACE.match(" ".join(str(args.get(key) or "").lower().split())):
            last = ctx.state.get("last_place")
            if last is None:
                return Reply(
                    ("I can't book tables, but I can find a place and its phone number. " if args.get("about") == "book" else "")
                    + "Which place do you mean? Ask me for places to eat first, or say its name.",
                    {"type": "error", "skill": "find_restaurant", "error": "no place named before"},
                )
            args = {**{k: v for k, v in args.items() if k != key}, "name": last} | _list_origin(args, ctx.state, "place_near")
            named = True  # a place said before, by its name ("Düner" is a food word too)
    felt = None
    for key in ("cuisine", "name"):  # "a romantic italian restaurant": italian, and that the map can't tell
        if (m := AMBIENCE.match(str(args.get(key) or "").strip())) is not None:
            felt, rest = m, FOR_A_MEAL.sub("", str(args[key]).strip()[m.end():].strip()).strip()
            args = {k: v for k, v in args.items() if k != key} | ({key: rest} if rest else {})
    said = normalize(ctx.utterance or "")
    felt = felt or AMBIENCE.search(said)  # the words, where no argument held it ("somewhere with a view": no food "a view")
    # "restaurants with a view": the model's food or name "view" is the feel, not a place called so
    args = {k: v for k, v in args.items() if not (felt and k in ("cuisine", "name") and normalize(str(v)) in felt.group(0))}
    reply = await _answer(args, ctx, named)
    if felt is not None and reply.card.get("results") and not args.get("name"):
        feel = "have a view" if "view" in felt["feel"] else f"are {felt['feel'].lower()}"  # "with a view"
        reply = dataclasses.replace(reply, text=f"The map doesn't say which places {feel}. {reply.text}")
    best = BEST.search(said) and not args.get("name")  # "the best pizza in town"
    if (best or RATED.match(QUALITY.sub("", str(args.get("cuisine") or "")).strip())) and reply.card.get("results"):
        reply = dataclasses.replace(reply, text="I have no ratings offline. " + reply.text)
    if CALLS.search(said) and reply.card.get("about") == "phone":
        reply = dataclasses.replace(reply, text="I can't make calls; " + reply.text)
    if picked == 0 and CLOSER.search(said) and reply.card.get("results"):  # lists go nearest first
        reply = dataclasses.replace(reply, text="That list started with the closest: " + reply.text)
    if DIRECTIONS.search(said) and reply.card.get("results"):  # where it is, not the way
        reply = dataclasses.replace(reply, text="I can't give directions, only where it is: " + reply.text)
    results = reply.card.get("results") or []
    origin = (reply.card.get("origin") or {}).get("name")  # where it searched from ("near schaan" read as a name too)
    near = args.get("near") or (origin if origin not in (None, "home") else None)
    if results and results[0].get("name"):  # the place a follow-up ("how far is it") means
        ctx.state["last_place"], ctx.state["place_near"] = results[0]["name"], near
    if len(results) > 1 or (results and args.get("name") is None):  # a list ("the only thai place" too)
        ctx.state["listed"], ctx.state["said"] = [r.get("name") for r in results], min(3, len(results))
        ctx.state["near"] = near
    return reply


def _list_origin(args: dict, state: dict, key: str = "near") -> dict:
    """Where the last list (or, key "place_near", the last place named) was searched from ("in schaan"),
    for a place of it asked about again ("the second one", "how far is it"): its distance as it was
    said, not from home."""
    return {"near": state[key]} if state.get(key) and not args.get("near") else {}


async def _answer(args, ctx, named: bool = False) -> Reply:
    if args.get("name") and normalize(str(args["name"])) == normalize(str(args.get("cuisine") or "")):
        # the food given as the name too ("where's the nearest pizza place"): a place called "pizza" is
        # not meant; "the nearest" said is
        nearest = re.search(r"\b(nearest|closest)\b", normalize(ctx.utterance or ""))
        args = {**args, "name": "nearest"} if nearest else {k: v for k, v in args.items() if k != "name"}
    listing = bool(FOODS_ASKED.search(normalize(ctx.utterance or "")))  # "what kind of food is there": no place "you"
    args = {k: v for k, v in args.items() if k not in ("name", "about", "cuisine")} if listing else args
    described = asked.described(args, ctx.utterance or "")
    args = described if described is not None else args
    q = asked.query(args, named)
    words = normalize(ctx.utterance or "")
    # "any good reviews for ratskeller": the reviews asked about, where the arguments missed it
    about = args.get("about") or ("reviews" if q.name and REVIEWS.search(words) else None)
    about = None if about == "food" and not q.name else about  # "what about chinese" after "what food is X"
    now = ctx.now()
    late = None
    # "with outdoor seating": the map's tags; of one place, its diets too ("do they have vegan options")
    q = dataclasses.replace(q, features=spoken_features(words, diets=bool(q.name)))
    if q.name and len(q.name.split()) <= 2 and spoken_features(normalize(q.name)):  # "one that does takeaway"
        q = dataclasses.replace(q, name=None)
    if not (q.cuisine or q.name) and q.kind in (None, "restaurant"):
        # "i want a burger", "where can i get a drink": what the words name, when no argument says it
        food = next((w for w in words.split() if w in CUISINE_WORDS), None)
        # "where can i get breakfast": a cafe, unless a restaurant is named; "a bar with outdoor seating": a
        # bar ("takeaway" is a feature, not fast food)
        said = None if re.search(r"\brestaurants?\b", words) else kind_said(words)
        kind = (None if q.features and said == "fast_food" else said) or q.kind
        q = dataclasses.replace(q, cuisine=food) if food else dataclasses.replace(q, kind=kind)
    if q.price == "expensive" and asked.NOT_EXPENSIVE.search(words):
        q = dataclasses.replace(q, price="cheap")  # "not too expensive": the model kept the word it heard
    # "what restaurants are open on sunday": open at some hour that day (the model may have said open now)
    on_day = day_asked(words, now.date()) if not q.name and re.search(r"\bopen\b", words) else None
    if on_day is not None:
        q = dataclasses.replace(q, open_now=False)
    if LATE.search(words) or OPEN_TONIGHT.search(words):  # "open late": open at 10 PM, not at this minute
        hour = LATE_HOUR if LATE.search(words) else DINNER_HOUR
        late = max(now, now.replace(hour=hour, minute=0, second=0, microsecond=0))
        q = dataclasses.replace(q, open_now=True)
    shown = ctx.shown or {}
    if not (q.near or q.name) and THERE.search(words) and shown.get("type") == "weather" and shown.get("place"):
        q = dataclasses.replace(q, near=str(shown["place"]))  # "find a restaurant there" after the weather in schaan
    if q.cuisine and LODGING.search(q.cuisine.lower()):  # a hotel search routed here
        return not_lodging()
    if (elsewhere := not_food(words, q)) is not None:
        return elsewhere
    try:
        settings = restaurant_settings(ctx.config.restaurants)
        db = RestaurantDb(settings.db_path, sounds_like)
        try:
            home = db.home(settings.home)
            around = (home.lat, home.lon) if home else None
            result = None
            if q.near and not q.name and db.find_place(q.near, around) is None:
                # "is there a mcdonald's near me": no place on the map, but a place to eat of that name
                named = dataclasses.replace(q, name=q.near, near=None)
                found = db.search(named, home, late or now, settings.max_km)
                if found.hits:
                    q, result = named, found
            if result is None:
                result = db.search(q, home, late or now, settings.max_km)
            if q.name and not result.hits and not q.near and db.find_place(q.name, around):
                # "what's good to eat in schaan" given as a name: no place to eat has it, a town does
                q = dataclasses.replace(q, name=None, near=q.name)
                result = db.search(q, home, late or now, settings.max_km)
            if q.name and not result.hits and (q.cuisine or q.price or A_MEAL.search(words)):
                # no place of that name, and a food, a price or a meal was said too ("take my family for
                # dinner"): answer about those, not about a name that only looked like one
                q = dataclasses.replace(q, name=None)
                result = db.search(q, home, late or now, settings.max_km)
            if not result.hits and q.cuisine and normalize(q.cuisine) not in CUISINE_WORDS and (
                alike := spelled_like(q.cuisine, CUISINE_WORDS) or sounds_like(q.cuisine, CUISINE_WORDS)
            ):  # "a pizaa place" typed; "a cheap beat so place": a food the recognizer spelled as other words
                q = dataclasses.replace(q, cuisine=alike)
                result = db.search(q, home, late or now, settings.max_km)
            relaxed = None
            if not result.hits and not q.name and (q.price or q.open_now or q.features):
                # nothing fits every wish: say so, then offer the closest that fit the food and place
                relaxed = db.search(
                    dataclasses.replace(q, price=None, open_now=False, features=()), home, now, settings.max_km
                )
        finally:
            db.close()
    except NoRestaurantDb as exc:
        # a path read aloud helps nobody and keeps the first sound waiting: it goes to the card
        return Reply(
            "Sorry, I have no restaurant map yet. To add one, run: assistant restaurants import, "
            "with an OpenStreetMap file.",
            {"type": "error", "skill": "find_restaurant", "error": str(exc)},
        )
    except UserError as exc:
        return Reply(f"Sorry, {exc}.", {"type": "error", "skill": "find_restaurant", "error": str(exc)})
    hits, unknown_hours = result.hits, result.unknown_hours
    if on_day is not None:
        periods = [(h, open_periods(h.opening_hours, on_day)) for h in hits]
        hits, unknown_hours = [h for h, p in periods if p], sum(p is None for _, p in periods)
    where = _where(result.origin.name)
    card = {
        "type": "restaurants",
        "query": {k: v for k, v in args.items() if v not in (None, "")},
        "origin": {"name": result.origin.name, "lat": result.origin.lat, "lon": result.origin.lon},
        "results": [h.card() for h in hits[:CARD_LIMIT]],
        "total": len(hits),
    }
    if listing:
        return Reply(foods_said(hits, where), card)
    if q.name:
        if not hits:
            if LODGING.search(q.name.lower()):  # no restaurant called "hotel ...": a hotel was asked for
                return not_lodging()
            sorry = "I can't book tables, and " if about == "book" else ""
            return Reply(f"{sorry}I couldn't find a place called {q.name}{where}.", card)
        day = day_asked(ctx.utterance or "", now.date()) if about == "hours" or q.open_now else None
        if day is not None:  # "is the linde open on sunday"
            return Reply(hours_on(hits[0], day, now.date()), {**card, "about": "hours", "day": day.isoformat()})
        if q.features and not about:  # "do they do takeaway": what the map says the place has
            return Reply(_has_said(hits[0], q.features), {**card, "about": "features"})
        origin = result.origin.name if q.near and result.origin else ""  # "how far is it from schaan"
        if about:
            return _answer_about(about, hits, card, late or now, origin)
        return Reply(f"{label(hits[0])} is {_from(how_far(hits[0]), origin)}.", card)
    what = _what(q, late)
    if on_day is not None:
        what += " open " + spoken_day(on_day, now.date())
    if about and hits:  # "book a table at a thai place nearby": about the closest that fits
        return _answer_about(about, hits, card, late or now)
    if described is not None and hits:  # "how far is the nearest cafe": that one
        nearest = _singular(what).replace(" open now", "")
        return Reply(f"The nearest {nearest} is {label(hits[0])}, {how_far(hits[0])}.", card)
    if not hits:
        text = f"I found no {what}{where}." + (f" {unknown_hours} don't list opening hours." if on_day and unknown_hours else "")
        if relaxed is not None and relaxed.hits:
            h = relaxed.hits[0]
            plain = _what(dataclasses.replace(q, price=None, open_now=False, features=()))
            card["results"] = [x.card() for x in relaxed.hits[:CARD_LIMIT]]
            card["relaxed"] = True
            price = "; its prices aren't known" if q.price and h.price is None else ""
            hours = f"; {open_words(h)}" if q.open_now else ""
            hours += f"; the map doesn't say if it has {' or '.join(q.features)}" if q.features else ""
            intro = "The closest place" if plain == "places" else f"Of the {plain}, the closest"
            text += f" {intro} is {label(h)}, {spoken_distance(h.distance_m)} away{price}{hours}."
        return Reply(text, card)
    top = [f"{label(h)}, {spoken_distance(h.distance_m)}" for h in hits[:3]]
    ctx.state["more"] = [f"{label(h)}, {spoken_distance(h.distance_m)}" for h in hits[3:CARD_LIMIT]]
    if len(top) == 1:
        text = f"The only {_singular(what)} I found{where} is {top[0]} away."
    else:
        listed = "; ".join(top[:-1]) + f"; and {top[-1]}"
        text = f"I found {len(hits)} {what}{where}. The closest: {listed}."
        if hits[0].distance_m > FAR_M:  # "any pizza in balzers": none there, and those 11 km away are not near it
            text = f"I found no {what}{where}; the closest are farther away: {listed}."
    if (q.open_now or on_day is not None) and unknown_hours:
        text += f" {unknown_hours} more don't list opening hours."
    return Reply(text, card)
