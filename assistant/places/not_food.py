"""Places that are not for eating or drinking, which the classifier sends to find_restaurant ("is there a
pharmacy nearby", "find me a hotel"): an honest answer instead of the nearest restaurants."""

from __future__ import annotations

import re

from ..skill_api import Reply
from .asked import CUISINE_WORDS

LODGING = re.compile(r"\b(hotels?|motels?|hostels?|b ?& ?b|bed and breakfast|lodging|room to stay|guest ?house)\b")
# places that are not for eating or drinking, which the classifier sends here ("is there a pharmacy nearby")
NOT_FOOD = re.compile(
    r"\b(pharmacy|chemist|drug ?store|bank|atm|cash machine|hospital|doctor|dentist|clinic|(?:gas|petrol|fuel) station"
    r"|supermarket|grocery store|post office|car park|parking|museum|library|gym|hairdresser|barber|police station"
    r"|shopping mall|mall|cinema|movie theater|train station|bus stop)s?\b"
)
EATING = re.compile(r"\b(eat|eating|food|restaurants?|cafes?|coffee|dinner|lunch|breakfast|brunch|bars?|pubs?|drinks?|snacks?|meals?)\b")


# a recommendation of something that is no place ("recommend a book" had been "I can't book tables; ...")
NOT_A_PLACE = re.compile(
    r"\b(?:recommend|suggest)\w* (?:me |us )?(?:a |an |some |any |good |nice |great )*(?P<what>books?|novels?|movies?|films?"
    r"|songs?|music|albums?|podcasts?|(?:tv )?shows?|series|games?|apps?|recipes?)\b"
)


def _many(thing: str) -> str:
    return thing if thing.endswith("s") or thing in ("music", "series") else f"{thing}s"


def not_food(words: str, q) -> Reply | None:
    """The honest answer when the words ask for a kind of place that is not for eating (and name no food,
    place to eat or name of one), or for something that is no place at all, else None."""
    if (thing := NOT_A_PLACE.search(words)) is not None:
        return Reply(
            f"I can't recommend {_many(thing['what'])}: I only find places to eat and drink.",
            {"type": "error", "skill": "find_restaurant", "error": "not a place"},
        )
    m = NOT_FOOD.search(words)
    if m is None or q.cuisine or q.name or EATING.search(words) or set(words.split()) & CUISINE_WORDS:
        return None
    return Reply(
        f"I can only find places to eat and drink; I don't know where the nearest {m[1]} is.",
        {"type": "error", "skill": "find_restaurant", "error": "not a place to eat"},
    )


def not_lodging() -> Reply:
    return Reply(
        "I can only find places to eat; hotels and other places to stay aren't in my map.",
        {"type": "error", "skill": "find_restaurant", "error": "not a place to eat"},
    )
