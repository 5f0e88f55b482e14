"""An answer to a question the dialogue asked ("For how long?", "Who should it go to?") as argument
values: a whole command for the same skill, a fragment the skill's answer templates match, a number, a
closed choice, or the words themselves."""

from __future__ import annotations

import re
from typing import Any

from ..routing.intent import Intent
from ..skill_api import Skill
from ..text import HESITATIONS

_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
# a template's wildcard that took this many words took part of a sentence ("the weather in {location}"
# over "the weather in london was awful"): names of places, cuisines and contacts are shorter
_LOOSE_WORDS = 3


def dictated(skill: Skill, asking: str, routed: Intent) -> bool:
    """Whether another skill's template match of an answer to a free-text question ("What should the
    email say?") is the dictated text rather than a new command: one of its values is a run of words."""
    prop = skill.manifest.arguments.get("properties", {}).get(asking, {})
    if prop.get("type") != "string" or "enum" in prop:
        return False
    return any(isinstance(v, str) and len(v.split()) >= _LOOSE_WORDS for v in routed.args.values())


def answer_value(
    templates: Any, skill: Skill, asking: str, given: dict[str, Any], text: str, routed: Intent | None
) -> dict[str, Any] | None:
    """The values the answer gives (routed: the templates' match of the text, if any), or None."""
    if HESITATION.fullmatch(text.strip().lower()):
        return None
    # the answer may be a whole command for the same skill ("set it for five minutes")
    if routed is not None and routed.name == skill.name and asking in routed.args:
        return {k: v for k, v in routed.args.items() if k not in given or k == asking}
    # or a fragment matching the skill's own answer templates
    frag = templates.match_answer(skill.name, asking, text)
    if frag:
        return frag
    # "uh like ten minutes" for how long: the hedge is no part of the answer (a dictated text keeps it)
    if (plain := HEDGE.sub("", text.strip().lower())) != text.strip().lower() and plain:
        if frag := templates.match_answer(skill.name, asking, plain):
            return frag
    prop = skill.manifest.arguments.get("properties", {}).get(asking, {})
    kind = prop.get("type")
    # what the skill reads from its own words ("half an hour" for how long), where that gives the answer
    if kind in ("number", "integer") and asking in (read := skill.read(plain or text) or {}):
        return {k: v for k, v in read.items() if k not in given or k == asking}
    if kind in ("number", "integer"):
        m = _NUMBER.search(text)
        if not m:
            return None
        num = float(m.group())
        return {asking: int(num) if kind == "integer" or num.is_integer() else num}
    if "enum" in prop:
        low = text.lower()
        hits = [v for v in prop["enum"] if str(v).lower() in low]
        return {asking: hits[0]} if hits else None
    cleaned = text.strip().strip(".!?")
    return {asking: cleaned} if cleaned else None


# "uh", "hmm, let me think" said while a text is asked for: no text yet (it had been a draft saying "Uh.")
# words before an answer that only hedge it: "uh, like ten minutes", "maybe about half an hour"
HEDGE = re.compile(rf"^(?:(?:{HESITATIONS}|oh|well|so|like|maybe|about|around|roughly|approximately|just|say|let's say)[,.]?\s+)+")
HESITATION = re.compile(
    rf"(?:(?:{HESITATIONS}|mm+|well|so|okay|ok|let me think|let me see|hold on|wait|one (?:sec|second|moment))"
    r"[,.!?]?\s*)+"
)
