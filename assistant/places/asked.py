"""A restaurant request's words read as a map query: the repairs to what a template or the model gave
(a booking's tail on a name, "the nearest cafe" where a name goes, a drink as a food, "near me" as a
place, "good thai" as a food), shared by the find_restaurant skill's answers."""

from __future__ import annotations

import re
from datetime import date

from assistant.dates import parse_date
from assistant.places.features import spoken_features
from assistant.places.foods import CUISINE_ALIASES
from assistant.places.search import Query
from assistant.text import normalize

# "luigi's for four tonight at eight": what follows the name is the booking, not the name
BOOKING_TAIL = re.compile(r"\s+(for|at|on|under|tonight|tomorrow|today|this|next)\b.*$", re.I)

CUISINE_WORDS = set(CUISINE_ALIASES) | {v for vs in CUISINE_ALIASES.values() for v in vs}
FOOD_PLACE_WORDS = {"pizzeria", "pizzerias", "restaurant", "restaurants", "cafe", "cafes", "diner", "bistro", "steakhouse", "bakery"}

# "the nearest restaurant", "phone number of the closest": a description that a template or the model
# put where a name or a food goes; what comes before it may say what is asked about the place
NEAREST = re.compile(r"^(?:(?P<before>.*?)\s*\b)?(?:the\s+)?(?:nearest|closest)\b\s*(?P<after>.*)$")
ABOUT_WORDS = [
    ("phone", re.compile(r"\b(phone|number|call)\b")),
    ("website", re.compile(r"\b(website|web site|url)\b")),
    ("hours", re.compile(r"\b(hours|opening|open|close|closing)\b")),
    ("reviews", re.compile(r"\b(reviews?|ratings?|rated)\b")),
    ("book", re.compile(r"\b(book|reserve|reservation|table)\b")),
    ("address", re.compile(r"\baddress\b")),
]
KINDS = [
    ("cafe", re.compile(r"\b(cafes?|coffee|breakfast|brunch)\b")),
    ("fast_food", re.compile(r"\b(fast food|takeaway|takeout|quick (?:bite|meal|lunch|food)|quick to eat|quick)\b")),
    ("bar", re.compile(r"\b(bars?|pubs?|beer gardens?|biergartens?|taverns?|beers?|cocktails?|drinks?|pints?)\b")),
    ("ice_cream", re.compile(r"\b(ice cream|gelato|gelateria)\b")),
]


def kind_said(words: str) -> str | None:
    """The kind of place the words name ("where can i get a drink": a bar; "breakfast": a cafe), or None."""
    return next((k for k, pattern in KINDS if pattern.search(words)), None)

# "close to me", "around here": home, not a place on the map called "me"
HOME_WORDS = {"me", "us", "here", "home", "my home", "my house", "my place", "my location", "where i am", "this area",
              "the area", "nearby", "around here", "my area", "town", "the town", "this town", "my town", "the city", "this city",
              "walking distance"}
NEAR_WORD = re.compile(r"^(?:near|nearby|close to|close by|around|next to|by|within)\s+(?=\S)")
AT_AN_HOUR = re.compile(r"(?:after|before|at|around|by|until|till) (?:\d{1,2}(?::\d{2})?(?: ?[ap] ?m)?|midnight|noon)")
WHEN_WORDS = {"tonight", "now", "right now", "later", "lunchtime", "this morning", "this afternoon", "this evening"}
# (a count is no food either: "find me eight pizza place" is how Whisper wrote a spoken "find me a pizza place")
QUALITY = re.compile(r"^(?:(?:some|any|something|somewhere|someplace|anything|anywhere|a|an|good|nice|great|decent|tasty|delicious|the best|best|really"
                     r"|\d+|one|two|three|four|five|six|seven|eight|nine|ten|a few|a couple of|couple of)\s+)+", re.I)
ASKING = re.compile(r"^(?:(?:list|show|find|give|get|recommend|suggest|tell)\s+(?:me\s+|us\s+)?|(?:somewhere|someplace|anywhere|a place|something) (?:to|for|i can|where i can) (?:get|eat|have|grab|buy)\b\s*)", re.I)

# "a romantic restaurant", "somewhere kid friendly": how a place feels, which the map does not record
AMBIENCE = re.compile(
    r"(?:(?:a|an|some|somewhere|something|very|really|quite|nice and|nice|good)\s+)*"
    r"(?P<feel>romantic|cozy|cosy|quiet|lively|trendy|hip|authentic|intimate|casual|relaxed|big|large|spacious|"
    r"(?:family|kid|kids|child|children)[ -]friendly|(?:good |great )?for (?:kids|children|families|groups|a group|big groups)"
    r"|with (?:a |nice |a nice |a good )?view)\b"
    r"(?:\s+(?:restaurant|restaurants|place|places|spot|spots|cafe|bar|dinner|food|meal))?",
    re.I,
)

# "the best rated restaurant": a wish the map cannot weigh (it has no ratings), not a food
RATED = re.compile(r"^(?:(?:the\s+)?(?:best|top|highest|highly|well|most)[\s-]+)?(?:rated|reviewed|popular|recommended)$", re.I)

# "the closest restaurants", "the nearest ones to the station": a list or a place, not one nearest place
MANY_OR_PLACE = re.compile(r"^(?:to\b|\w*(?:places|restaurants|cafes|bars|pubs|ones|spots|options)\b)")


def described(args: dict, utterance: str = "") -> dict | None:
    """The arguments with "the nearest ..." read as what it says (the closest place of a kind or food,
    and what is asked about it) instead of a name or a food; None when neither the arguments nor the
    words say it. What the argument leaves out after "nearest" is read from the user's words ("how far
    is the nearest cafe": a template took "cafe" as its own word); the model may have left "the
    nearest" out altogether ("the opening hours of the closest cafe" as {kind: cafe})."""
    said = NEAREST.match(normalize(utterance))
    for key in ("name", "cuisine"):
        m = NEAREST.match(str(args.get(key) or "").lower().strip())
        if m is not None:
            out = {k: v for k, v in args.items() if k != key}
            after = m["after"] or (said["after"] if said else "")
            if MANY_OR_PLACE.match(after) and not m["before"]:  # "the closest restaurants": the list
                return None  # query() drops the word
            return _nearest_of(out, m["before"] or "", after)
    if said is None or args.get("name") or MANY_OR_PLACE.match(said["after"]):
        return None
    return _nearest_of(dict(args), said["before"] or "", said["after"])


def _nearest_of(out: dict, before: str, after: str) -> dict:
    """What is asked about the nearest place (the words before "nearest") and which kind or food it is
    (the words after)."""
    about = next((a for a, pattern in ABOUT_WORDS if pattern.search(before)), None)
    if about and not out.get("about"):
        out["about"] = about
    kind = next((k for k, pattern in KINDS if pattern.search(after)), None)
    if kind and out.get("kind") in (None, "restaurant"):  # "place" said after "fast food" is no kind
        out["kind"] = kind
    food = [w for w in after.split() if w in CUISINE_WORDS]
    if food and not out.get("cuisine"):
        out["cuisine"] = food[0]
    return out


def said_when(value) -> bool:  # a day or time said where a place, name or food goes ("brunch on sunday")
    said = " ".join(str(value).lower().split())
    return said in WHEN_WORDS or parse_date(said, date.today()) is not None


def _after_nearest(value):
    """The words after "the closest" when a value starts with it ("the closest restaurants": the list of
    restaurants, nearest first, as every list is), else the value."""
    m = NEAREST.match(str(value or "").lower().strip())
    return (m["after"] or None) if m is not None and not m["before"] else value


# a price said where a food goes ("what about somewhere cheaper": food "somewhere cheaper")
PRICE_WISH = re.compile(r"\b(?:(?P<cheap>cheap|cheaper|cheapest|inexpensive|affordable|budget)|expensive|fancy|fancier|upscale|posh)\b")
# how much of the price ("the most expensive", "really cheap"): no food once the price word is read
PRICE_DEGREE = re.compile(r"\b(?:the )?(?:most|least|very|really|super|more|less|bit|a bit)\b")
# a price not wanted ("not too expensive", "nothing fancy"): cheap, whatever price word the model kept
NOT_EXPENSIVE = re.compile(r"\b(?:not|nothing) (?:too |very |that |so |overly |super )?(?:expensive|pricey|fancy|posh|upscale|costly)\b")
# ... said where a food goes, and what follows it: "italian but not too expensive"
NOT_PRICEY = re.compile(rf"(?:,?\s*(?:but|and|that's|that is|which is|which are))?,?\s*{NOT_EXPENSIVE.pattern}.*$")
# "where can i eat near schaan": a template's food wildcard that took the place
PLACE_AS_FOOD = re.compile(r"^(?:near|around|close to|next to|in|at)\s+(?:the\s+)?(?P<place>\S.*)$")
# a food is a word or three ("korean bbq"); more is a template's wildcard that took part of the sentence
# ("do you happen to know a good pizza place": food "do you happen to know a good pizza")
LONG_FOOD = 4


def _food_at_end(words: str) -> str | None:
    """The foods the map knows at the end of a run of words ("... a good pizza": pizza), or None."""
    tail: list[str] = []
    for w in reversed(normalize(words).split()):
        if w not in CUISINE_WORDS and not (w == "food" and not tail):
            break
        tail.insert(0, w)
    return " ".join(w for w in tail if w != "food") or None


FOOD_IN_PLACE = re.compile(r"^(?P<food>[a-z][a-z' -]*?) (?:in|near|around) (?P<place>(?!(?:a|an|the|my|your)\b)[a-z][a-z' -]*)$")


def query(args, named: bool = False) -> Query:
    args = {k: v for k, v in args.items() if k not in ("near", "name", "cuisine") or not said_when(v)}
    food = f" {normalize(str(args.get('cuisine') or ''))} "
    # a word of the food given again as a name or a place ("fish and chips": the model's name "chips", near "chips")
    args = {k: v for k, v in args.items() if k not in ("near", "name") or f" {normalize(str(v))} " not in food or food.strip() == normalize(str(v))}
    name, cuisine = _after_nearest(args.get("name")), _after_nearest(args.get("cuisine"))
    if name:
        name = BOOKING_TAIL.sub("", name).strip() or None
    if cuisine:  # "good vegan", "some nice thai", "list some": the food, not how good it should be
        cuisine = QUALITY.sub("", ASKING.sub("", str(cuisine)) + " ").strip() or None
    price = args.get("price")
    near = args.get("near")
    if near and spoken_features(normalize(str(near))):
        near = None  # "a place with a terrace": what it has (read from the words), not a place called terrace
    if cuisine and AT_AN_HOUR.fullmatch(normalize(cuisine)):
        cuisine = None  # "where can i eat after 10 pm": when (the handler reads "open late"), not a food
    if cuisine and not near and (at := FOOD_IN_PLACE.match(normalize(cuisine))) is not None:
        cuisine, near = at["food"], at["place"]  # "anything vegetarian in schaan": a food, and where
    if cuisine and (at := PLACE_AS_FOOD.match(normalize(cuisine))) is not None:
        near, cuisine = near or at["place"], None
    if cuisine and spoken_features(normalize(cuisine)):
        # "somewhere with a terrace", "pizza with outdoor seating": what the place has (the handler reads
        # it from the words), not a food
        cuisine = re.split(r"\b(?:with|that has|that have|which has|which have)\b", normalize(cuisine))[0].strip()
        cuisine = None if not cuisine or spoken_features(cuisine) else cuisine
    if cuisine and (no := NOT_PRICEY.search(normalize(cuisine))) is not None:  # "italian but not too expensive"
        price = price or "cheap"
        cuisine = normalize(cuisine)[: no.start()].strip() or None
    if cuisine and (wish := PRICE_WISH.search(normalize(cuisine))) is not None:  # "somewhere cheaper"
        price = price or ("cheap" if wish["cheap"] else "expensive")
        cuisine = PRICE_DEGREE.sub("", PRICE_WISH.sub("", normalize(cuisine)))
        cuisine = cuisine.replace("somewhere", "").replace("something", "").strip() or None
    if cuisine and len(cuisine.split()) >= LONG_FOOD:
        cuisine = _food_at_end(cuisine)  # "do you happen to know a good pizza": a template's wildcard
    if cuisine and (RATED.match(cuisine) or set(normalize(cuisine).split()) <= FOOD_PLACE_WORDS - {"bakery"}):
        cuisine = None  # "the best rated", "restaurants": no food
    kind = args.get("kind")
    if cuisine and kind in (None, "restaurant") and normalize(cuisine) not in CUISINE_WORDS:
        # "where can i get a beer": a drink names a kind of place, not a food
        drink = next((k for k, pattern in KINDS if pattern.fullmatch(normalize(cuisine))), None)
        kind, cuisine = (drink, None) if drink else (kind, cuisine)
    if name and not named and (wish := PRICE_WISH.search(normalize(name))) is not None:
        # "cheapest pizza nearby" given as a name: a price and a food, not a place called that
        food = QUALITY.sub("", PRICE_DEGREE.sub("", PRICE_WISH.sub("", normalize(name))) + " ").strip()
        if not food or set(food.split()) <= CUISINE_WORDS | FOOD_PLACE_WORDS:
            price = price or ("cheap" if wish["cheap"] else "expensive")
            name, cuisine = None, cuisine or (food if food and food not in FOOD_PLACE_WORDS else None)
    if name and not cuisine and not named and name.lower().strip() in CUISINE_WORDS:
        name, cuisine = None, name  # "book a table at a thai place": a food, not a name (unless `named`: a place said before)
    if near and name and normalize(str(near)) == normalize(str(name)):
        name = None  # "kebab shops in balzers" given as a name and a place: the place
    if near and NEAR_WORD.sub("", " ".join(str(near).lower().split())) in HOME_WORDS:
        near = None  # "near me" (the model kept the preposition), "around here"
    near_words = set(normalize(str(near or "")).split()) - {"the", "a", "an"}
    if near and near_words and near_words <= CUISINE_WORDS | FOOD_PLACE_WORDS:
        # "the closest pizzeria" as the model's place: a food to look for, not a place to look around
        cuisine, near = cuisine or str(near), None
    if kind == "bar" and cuisine:
        # "a sushi bar" is a place to eat; "an irish pub", "a cocktail bar" are bars, which the map
        # rarely tags with a cuisine
        kind, cuisine = (None, cuisine) if normalize(cuisine) in CUISINE_WORDS else (kind, None)
    return Query(
        cuisine=cuisine,
        name=name,
        near=near,
        price=price,
        open_now=bool(args.get("open_now")),
        kind=kind,
    )
