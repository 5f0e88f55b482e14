"""Search the imported places to eat: by cuisine (or diet), name, kind, price hint, open now and what the
map says they have (features.py), around home or a named place from the same extract, nearest first."""

from __future__ import annotations

import json
import math
import re
import sqlite3
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from rapidfuzz import fuzz

from ..errors import UserError
from .features import caters_for, has_features
from .foods import CUISINE_ALIASES
from .hours import next_change, open_state

# the OSM amenity values a kind of search looks at (the spoken kinds are find_restaurant's `kind`)
KIND_GROUPS = {
    "restaurant": ("restaurant", "fast_food", "cafe"),
    "cafe": ("cafe",),
    "fast_food": ("fast_food",),
    "bar": ("bar", "pub", "biergarten"),
    "ice_cream": ("ice_cream",),
}

PLURAL = re.compile(r"(?<=[a-z])(s|es)$")
WORD = re.compile(r"[a-zäöüéèàç']+")
NOISE = {
    "food",
    "cuisine",
    "style",
    "restaurant",
    "restaurants",
    "place",
    "places",
    "some",
    "good",
    "a",
    "an",
}
# words that alone name a kind of place or a food, not one place ("thai", "pizzeria", "the restaurant")
GENERIC_NAME_WORDS = {*CUISINE_ALIASES, *(v for vs in CUISINE_ALIASES.values() for v in vs), "restaurant", "cafe",
                      "pizzeria", "bar", "pub", "bistro", "imbiss", "kebab", "the", "and", "grill", "diner"}


def haversine_m(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371000 * math.asin(math.sqrt(h))


def spoken_distance(m: float) -> str:
    if m < 950:
        return f"{max(50, round(m / 50) * 50)} meters"
    km = m / 1000
    return f"{km:.1f} kilometers" if km < 10 else f"{round(km)} kilometers"


def walk_words(m: float) -> str:
    """The least time a walk of m meters (in a straight line) takes at 5 km/h: "a 10 minute walk"."""
    minutes = max(1, round(m / 83)) if m < 830 else round(m / 83 / 5) * 5
    if minutes < 60:
        return f"a {minutes} minute walk"
    hours = round(minutes / 30) / 2
    return f"{hours:g} hours on foot" if hours != 1 else "an hour on foot"


@dataclass(frozen=True)
class Place:
    name: str
    kind: str
    lat: float
    lon: float


@dataclass
class Hit:
    osm_id: str
    name: str | None
    kind: str
    cuisine: str | None
    lat: float
    lon: float
    address: str
    opening_hours: str | None
    phone: str | None
    website: str | None
    price: str | None
    distance_m: float = 0.0
    open_now: bool | None = None  # None: no hours listed, or hours we cannot read
    changes: datetime | None = None  # when it next opens or closes (None: never, or not known)
    has: tuple[str, ...] = ()  # of a named place, the features asked for that the map says it has

    def card(self) -> dict:
        return {
            "name": self.name,
            "kind": self.kind,
            "cuisine": self.cuisine,
            "distance_m": round(self.distance_m),
            "address": self.address or None,
            "opening_hours": self.opening_hours,
            "open_now": self.open_now,
            "phone": self.phone,
            "website": self.website,
            "price": self.price,
            "lat": self.lat,
            "lon": self.lon,
            "osm_id": self.osm_id,
        }


@dataclass
class Query:
    cuisine: str | None = None
    name: str | None = None
    near: str | None = None
    price: str | None = None
    open_now: bool = False
    kind: str | None = None
    features: tuple[str, ...] = ()  # features.FEATURES the place must have on the map


@dataclass
class Result:
    hits: list[Hit]
    origin: Place
    unknown_hours: int = 0  # places left out of an open-now search because their hours are unknown
    notes: list[str] = field(default_factory=list)


def _norm(text: str) -> str:
    return " ".join(WORD.findall(text.lower()))


class NoRestaurantDb(UserError):
    """No restaurants imported yet: the CLI prints the path, a spoken reply leaves it out."""

    def __init__(self, path: Path):
        super().__init__(f"no restaurant database at {path}; run: assistant restaurants import FILE.osm.pbf")
        self.path = path


# places named by their kind: "near the station" means the one of that kind nearest home
GENERIC_PLACES = {
    "station": "station",
    "train station": "station",
    "railway station": "station",
    "bus station": "bus_station",
    "square": "square",
    "town": "town",
    "village": "village",
    "town centre": "town",
    "town center": "town",
    "centre": "town",
    "center": "town",
}


def _place_words(spoken: str) -> str:
    """A spoken place as the map's names and GENERIC_PLACES are compared: "the Station" -> "station"."""
    return re.sub(r"^(the|a|an)\s+", "", _norm(spoken))


# of places with one name, the one meant: "schaan" is the town before "Schaan-Vaduz" station
PLACE_RANK = {"city": 3, "town": 3, "village": 2, "station": 1}


class RestaurantDb:
    def __init__(self, path: str | Path, sounds_like: Callable[[str, list[str]], str | None] | None = None):
        """sounds_like(heard, names): the name that sounds like words the recognizer spelled otherwise
        ("sean" for Schaan; asr.pronounce.sounds_like), tried when a place's letters match none."""
        self.path = Path(path)
        self.sounds_like = sounds_like
        if not self.path.is_file():
            raise NoRestaurantDb(self.path)
        self.con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
        self.con.row_factory = sqlite3.Row

    def close(self) -> None:
        self.con.close()

    # -- places ------------------------------------------------------------------------------------
    def places(self) -> list[Place]:
        return [
            Place(r["name"], r["kind"], r["lat"], r["lon"]) for r in self.con.execute("SELECT * FROM places")
        ]

    def find_place(self, spoken: str, around: tuple[float, float] | None = None) -> Place | None:
        """A named place ("vaduz", "schaan station"), or the nearest of a kind ("the station")."""
        q = _place_words(spoken)
        if not q:
            return None
        places = self.places()
        if q in GENERIC_PLACES:
            pool = [p for p in places if p.kind == GENERIC_PLACES[q]] or [p for p in places if p.kind == "town"]
            if not pool:
                return None
            if around is None:
                return pool[0]
            return min(pool, key=lambda p: haversine_m(around, (p.lat, p.lon)))
        q = (
            re.sub(r"\s+(station|train station|railway station)$", "", q)
            if not any(_norm(p.name) == q for p in places)
            else q
        )
        scored = []
        for p in places:
            name = _norm(p.name)
            score = 100.0 if name == q else max(fuzz.ratio(q, name), fuzz.partial_ratio(q, name) - 5)
            rank = PLACE_RANK.get(p.kind, 0)
            scored.append((score, rank, p))
        scored.sort(key=lambda s: (-s[0], -s[1]))
        if scored and scored[0][0] >= 82:
            return scored[0][2]
        # spelled as another word by the recognizer ("near sean" for Schaan): a name that sounds alike
        alike = self.sounds_like(q, [p.name for p in places]) if self.sounds_like else None
        return max((p for p in places if " ".join(p.name.lower().split()) == alike),
                   key=lambda p: PLACE_RANK.get(p.kind, 0), default=None)

    def home(self, spec: str | None) -> Place | None:
        if not spec:
            return None
        m = re.fullmatch(r"\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*", spec)
        if m:
            lat, lon = float(m.group(1)), float(m.group(2))
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                raise UserError(f"[restaurants] home {spec!r} is not a valid 'lat,lon'")
            return Place("home", "home", lat, lon)
        place = self.find_place(spec)
        if place is None:
            raise UserError(
                f"[restaurants] home {spec!r} is not a place in the imported map; use a town name or 'lat,lon'"
            )
        return Place("home", "home", place.lat, place.lon)

    # -- search ------------------------------------------------------------------------------------
    def _rows(self, kinds: tuple[str, ...] | None) -> list[sqlite3.Row]:
        if kinds:
            marks = ",".join("?" * len(kinds))
            return list(self.con.execute(f"SELECT * FROM pois WHERE kind IN ({marks})", kinds))
        return list(self.con.execute("SELECT * FROM pois"))

    def search(self, q: Query, home: Place | None, now: datetime, max_km: float = 30.0) -> Result:
        origin = home
        notes: list[str] = []
        if q.near:
            if home is None and _place_words(q.near) in GENERIC_PLACES:
                # "near the station" is the one nearest home: without a home, any station is a guess
                raise UserError(
                    f"I don't know where home is, so not which {q.near} you mean: set [restaurants] home "
                    "to a town name or 'lat,lon'"
                )
            origin = self.find_place(q.near, (home.lat, home.lon) if home else None)
            if origin is None:
                raise UserError(f"I don't know a place called {q.near} on the map")
        if origin is None:
            raise UserError("I don't know where home is: set [restaurants] home to a town name or 'lat,lon'")
        # a cafe search is about the kind; a restaurant search keeps fast food and cafes that match, not
        # bars; a name is looked for among every kind
        kinds = None if q.name and not q.kind else KIND_GROUPS.get(q.kind or "restaurant", KIND_GROUPS["restaurant"])
        rows = self._rows(kinds)
        hits = []
        for r in rows:
            hit = Hit(
                r["osm_id"],
                r["name"],
                r["kind"],
                r["cuisine"],
                r["lat"],
                r["lon"],
                _address(r),
                r["opening_hours"],
                r["phone"],
                r["website"],
                r["price"],
            )
            hit.distance_m = haversine_m((origin.lat, origin.lon), (hit.lat, hit.lon))
            if hit.distance_m > max_km * 1000:
                continue
            tags = json.loads(r["tags"] or "{}") if q.cuisine or q.features else {}
            if q.cuisine and not _cuisine_matches(q.cuisine, hit, tags):
                continue
            if q.features and not q.name and not has_features(tags, q.features):  # "does X deliver": about X
                continue
            hit.has = tuple(f for f in q.features if has_features(tags, (f,))) if q.name else ()
            if q.name and not _name_matches(q.name, hit):
                continue
            if q.price and hit.price != q.price:
                continue
            hit.open_now = open_state(hit.opening_hours, now)
            if hit.open_now is not None:
                hit.changes = next_change(hit.opening_hours, now)
            hits.append(hit)
        unknown = 0
        if q.open_now and not q.name:  # "is the linde open" answers about the one place instead
            unknown = sum(1 for h in hits if h.open_now is None)
            hits = [h for h in hits if h.open_now]
        if q.name:
            hits.sort(key=lambda h: (-fuzz.partial_ratio(spoken_name(q.name or ""), _norm(h.name or "")), h.distance_m))
        else:
            # unnamed places are hard to find: they go after named ones at the same distance band
            hits.sort(key=lambda h: h.distance_m + (500 if not h.name else 0))
        return Result(hits, origin, unknown, notes)


def _address(r: sqlite3.Row) -> str:
    street = " ".join(x for x in (r["street"], r["housenumber"]) if x)
    town = " ".join(x for x in (r["postcode"], r["city"]) if x)
    return ", ".join(x for x in (street, town) if x)


def _cuisine_words(spoken: str) -> list[str]:
    words = [w for w in _norm(spoken).split() if w not in NOISE]
    return words


def _cuisine_matches(spoken: str, hit: Hit, tags: dict[str, str]) -> bool:
    words = _cuisine_words(spoken)
    if not words:
        return True
    if caters_for(" ".join(words), tags):  # "vegetarian", "gluten free": the map's diet:* tags say so
        return True
    have = set((hit.cuisine or "").split(";"))
    name = _norm(hit.name or "")
    for w in words:
        singular = PLURAL.sub("", w) if w not in CUISINE_ALIASES else w
        wanted = CUISINE_ALIASES.get(w) or CUISINE_ALIASES.get(singular) or {singular, w}
        if have & wanted:
            continue
        # the name often says it: "Pizzeria Toscana", "Thai Orchid"
        stems = {x[:5] for x in wanted | {w}}
        if any(s in name for s in stems):
            continue
        return False
    return True


NAME_NOISE = re.compile(r"^((the|restaurant|cafe|café)\s+)+|(\s+(restaurant|cafe|café|place|s))+$")


def place_names(path: Path, limit: int = 3000) -> list[str]:
    """The imported places to eat or drink by name, as a user would say them ("café central" -> "cafe
    central"), for the templates that name one ("is cesare open now"). A name that is only a kind or a
    food ("Thai", "Pizzeria") is left out: "the nearest thai" is no name."""
    if not path.is_file():
        return []
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = [r[0] for r in con.execute("SELECT DISTINCT name FROM pois WHERE name IS NOT NULL LIMIT ?", (limit,))]
    finally:
        con.close()
    out = set()
    for name in rows:
        plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
        said = " ".join(re.findall(r"[a-z0-9']+", plain.lower().replace("&", " and ")))
        if len(said) > 2 and not set(said.split()) <= GENERIC_NAME_WORDS:
            out |= {said, said.replace("'", "")}  # "mcdonald's" is also written "mcdonalds"
    return sorted(out)


def spoken_name(spoken: str) -> str:
    """The name as said, without "the", "restaurant" and "'s" around it ("luigi's" -> luigi)."""
    return NAME_NOISE.sub("", _norm(spoken.replace("'s", " s")))


def _name_matches(spoken: str, hit: Hit) -> bool:
    if not hit.name:
        return False
    q, name = spoken_name(spoken), _norm(hit.name)
    if not q:
        return False
    # a part of a longer name ("adler" for Gasthof Adler) is that place; a short name inside a longer
    # phrase is not ("cheap thai restaurant" is not the restaurant called Thai)
    if len(q) <= len(name) and fuzz.partial_ratio(q, name) >= 85:
        return True
    return fuzz.ratio(q, name) >= 80 or fuzz.ratio(q, NAME_NOISE.sub("", name)) >= 80
