"""The places to eat just shown, as an email's words: "send that to alice" or "email the address to bob"
right after a restaurant answer (the draft had said "That.", or asked what the email should say)."""

from __future__ import annotations

import re
from typing import Any

from ..text import normalize

# the words that point at what was shown: "that", "the address", "their phone number", "the details"
POINTING = re.compile(
    r"^(?:it|that|this|that one|this one|them|these|those|(?:the|its|their|that|this) (?:address|details|place|places|restaurant|list"
    r"|phone number|number|info|information|location)(?: of (?:it|that place|the place))?)$"
)
MENTIONED = re.compile(r"\b(?:the|its|their|that|this) (?:address|details|phone number|location|list|places)\b")
MAX_PLACES = 3


def place_email(shown: dict[str, Any] | None, message: str, utterance: str) -> tuple[str, str] | None:
    """(the email's words, its subject) for the places of the restaurant card shown, when the message
    points at them (or, with none, the words name their address); else None."""
    results = (shown or {}).get("results") if (shown or {}).get("type") == "restaurants" else None
    said = normalize(message)
    if not results or not (POINTING.match(said) or (not said and MENTIONED.search(normalize(utterance)))):
        return None
    one = bool(shown.get("about")) or len(results) == 1 or bool((shown.get("query") or {}).get("name"))
    lines = []
    for place in results[: 1 if one else MAX_PLACES]:
        facts = [str(place.get("name") or "A place to eat"), str(place.get("address") or "")]
        if place.get("phone"):
            facts.append(f"phone {place['phone']}")
        lines.append(", ".join(f for f in facts if f) + ".")
    subject = str(results[0].get("name") or "A place to eat") if one else "Places to eat"
    return " ".join(lines), subject
