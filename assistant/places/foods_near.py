"""The foods of the places a search found, said when asked what kinds there are ("what kind of food is
there": it had looked for a place called "you" in "... do you have")."""

from __future__ import annotations

import re

from .search import Hit

# "what kind of food is there", "what kinds of restaurants do you have": the foods of the places near
# (not one place's: "what kind of food does cesare serve")
FOODS_ASKED = re.compile(
    r"\bwhat (?:kinds?|sorts?|types?) of (?:food|cuisines?|restaurants?|places?)\b(?!.*\b(?:does|do (?:they|it)|did)\b)"
    r"|\bwhat (?:food|cuisines?) (?:is there|are there|do you have|is around|can i get)\b|\bwhich (?:cuisines|foods)\b"
)
FOODS_SAID = 5


def foods_said(hits: list[Hit], where: str) -> str:
    """ "Near home there's italian, pizza, thai, chinese and regional food." The map's cuisines of the places
    found, the most common first; places the map gives none for are left out."""
    counts: dict[str, int] = {}
    for h in hits:
        for food in {f.strip().replace("_", " ") for f in (h.cuisine or "").split(";") if f.strip()}:
            counts[food] = counts.get(food, 0) + 1
    if not counts:
        return f"The map doesn't say what food the places{where} serve."
    foods = sorted(counts, key=lambda f: (-counts[f], f))[:FOODS_SAID]
    said = ", ".join(foods[:-1]) + " and " + foods[-1] if len(foods) > 1 else foods[0]
    lead = where.strip()
    return f"{lead[:1].upper()}{lead[1:]} there's {said} food. Say one, like find {foods[0]} food."
