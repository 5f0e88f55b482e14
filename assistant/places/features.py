"""What a place has, as people ask for it and as OpenStreetMap tags it: outdoor seating, wheelchair
access, takeaway, delivery, wifi; and the diets a place caters for (`diet:vegetarian=yes`, ...), which
the map tags beside a cuisine, or instead of one, far more often than as the cuisine itself."""

from __future__ import annotations

import re

# what it is called when said back -> (how people ask for it, the tag, the values that mean it has it)
FEATURES: dict[str, tuple[re.Pattern, str, frozenset[str]]] = {
    name: (re.compile(pattern), tag, frozenset(values))
    for name, pattern, tag, values in (
        ("outdoor seating", r"\b(?:outdoor|outside) (?:seating|seats|tables)|\bsit (?:outside|outdoors)\b|"
         r"\b(?:terrace|patio|beer garden)\b", "outdoor_seating", ("yes",)),
        ("wheelchair access", r"\bwheelchair\b|\b(?:step|barrier)[ -]free\b", "wheelchair", ("yes",)),
        ("takeaway", r"\b(?:take[ -]?away|take[ -]?out|carry[ -]?out)\b", "takeaway", ("yes", "only")),
        ("delivery", r"\bdeliver(?:s|y|ies)?\b", "delivery", ("yes", "only")),
        ("wifi", r"\bwi[ -]?fi\b", "internet_access", ("wlan", "yes", "wifi", "terminal;wlan")),
        ("room for dogs", r"\bdogs?\b", "dog", ("yes", "leashed", "outside")),
        ("card payment", r"\b(?:credit|debit|bank) cards?\b|\bpay (?:by|with) card\b|\btake cards\b",
         "payment:credit_cards", ("yes",)),
    )
}
DIETS = {
    "vegetarian": "diet:vegetarian",
    "vegan": "diet:vegan",
    "gluten free": "diet:gluten_free",
    "halal": "diet:halal",
    "kosher": "diet:kosher",
}
CATERS = ("yes", "only")
# the diets as features of one place ("do they have vegan options"): not a search's filter, where a cuisine
# "vegan" without the diet tag must still count (search._cuisine_matches)
DIET_FEATURES: dict[str, tuple[re.Pattern, str, frozenset[str]]] = {
    f"{diet} food": (re.compile(rf"\b{diet.replace(' ', '[ -]')}\b"), tag, frozenset(CATERS)) for diet, tag in DIETS.items()
}


def spoken_features(words: str, diets: bool = False) -> tuple[str, ...]:
    """The features a request asks for, in FEATURES' order ("a pizza place with outdoor seating"); with
    `diets`, of one place, the diets too ("does it have vegan food")."""
    kinds = {**FEATURES, **DIET_FEATURES} if diets else FEATURES
    return tuple(name for name, (pattern, _, _) in kinds.items() if pattern.search(words))


def has_features(tags: dict[str, str], features: tuple[str, ...]) -> bool:
    kinds = {**FEATURES, **DIET_FEATURES}
    return all(tags.get(kinds[f][1], "").lower() in kinds[f][2] for f in features)


def caters_for(diet: str, tags: dict[str, str]) -> bool:
    """Whether the map says the place caters for a diet ("vegetarian", "gluten free")."""
    tag = DIETS.get(diet)
    return tag is not None and tags.get(tag, "").lower() in CATERS
