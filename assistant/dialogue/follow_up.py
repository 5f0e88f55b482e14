"""A follow-up that changes one thing about the last question: "and in london" after "what time is it in
tokyo", "what about tomorrow" after the weather, "how about italian" after a restaurant search. People
say only what changes; the router alone sees a place name or a food and nothing to do with it.

Only for skills that just look things up (`read_only`): "what about bob" after an email is not a
second email. Any skill may list in its manifest's `follow_ups` what may be said right after it ran, and
only then ("add that i'll be there at noon" after a draft: "add that ..." alone may be about a playlist)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ..routing.intent import Intent
from ..skill_api import Skill
from ..text import CARDINALS, normalize

FOLLOW_UP = re.compile(
    r"^(?:and|and what about|what about|how about|and how about|and then|then|no i meant|i meant|no i mean|i mean)\s+"
    r"(?:(?P<prep>in|at|near|around|for|on)\s+)?(?P<rest>.+?)(?:\s+(?:then|instead|please))?$"
)
PLACE_KEYS = ("place", "location", "near")  # the arguments "in" / "near" / "at" fill, in this order
# words that change nothing: "and what's the date there" asks the last question about the same place
FILLER = {"the", "a", "an", "one", "ones", "some", "any", "places", "place", "please", "what's", "what", "is", "it",
          "it's", "there"}


def _words(value: Any) -> list[str]:
    return normalize(str(value).replace("_", " ")).split()


def follow_up(
    text: str, last: Intent | None, skills: dict[str, Skill], state_of: Callable[[str], dict] | None = None
) -> tuple[Intent, bool] | None:
    """The last command again with what the follow-up changes, and whether it is surely about the last
    command, whatever the router made of the words alone (a closed choice: "tomorrow" for the weather; a
    weak follow-up the skill `knows` from its state, `state_of(skill name)`); None when the words are not
    one."""
    if (own := own_follow_up(text, last, skills)) is not None:
        return own, True
    if (again := _one_thing_changed(text, last, skills)) is not None:
        return again
    weak = own_follow_up(text, last, skills, weak=True)  # taken only when the router finds no other skill
    if weak is None:
        return None
    return weak, state_of is not None and skills[weak.name].knows_about(text, state_of(weak.name))


def _one_thing_changed(text: str, last: Intent | None, skills: dict[str, Skill]) -> tuple[Intent, bool] | None:
    skill = skills.get(last.name) if last is not None else None
    m = FOLLOW_UP.match(normalize(text))
    if m is None or last is None or skill is None or not skill.manifest.read_only:
        return None
    props: dict[str, dict[str, Any]] = skill.manifest.arguments.get("properties", {})
    words = m["rest"].split()
    # what only a template says is about that one request ("show me more", "the second one"): not carried
    args = {k: v for k, v in last.args.items() if not props.get(k, {}).get("x-templates-only")}
    read = {k: v for k, v in (skill.read(text) or {}).items() if k in props}
    # "and sunday" after saturday's weather: the same day argument ("weekend"), the handler reads which
    if read and m["prep"] not in ("in", "at", "near", "around"):
        # "and on wednesday", "and the day after tomorrow": what the skill reads from the words (a day),
        # not a place called "wednesday" or "after tomorrow"
        return Intent(last.name, {**args, **read}, "follow_up", 1.0), True
    chosen = False
    # a closed choice said ("tomorrow", "cheap", "cafes"): that argument
    for key, prop in props.items():
        for value in prop.get("enum", []):
            said = _words(value)
            for i in range(len(words) - len(said) + 1):
                if [w.removesuffix("s") for w in words[i : i + len(said)]] == said:
                    args[key], words, chosen = value, words[:i] + words[i + len(said) :], True
                    break
    rest = " ".join(words) if m["prep"] else " ".join(w for w in words if w not in FILLER)
    if rest:
        free = [k for k, p in props.items() if p.get("type") == "string" and "enum" not in p]
        if m["prep"] in ("in", "at", "near", "around"):
            keys = [k for k in PLACE_KEYS if k in free]
        else:  # the free text the last command had ("thai" -> "italian"), else the first there is
            keys = [k for k in free if k in last.args] + [k for k in free if k not in last.args]
        if not keys:
            return None
        args[keys[0]] = rest
    elif not chosen:
        return None
    return Intent(last.name, args, "follow_up", 1.0), chosen


def own_follow_up(text: str, last: Intent | None, skills: dict[str, Skill], weak: bool = False) -> Intent | None:
    """The words as one of the `follow_ups` of the skill that ran last, as a command for it. weak: the
    entries marked `weak` instead (a question about the text just summarized: taken only when the router
    finds no other skill in the words)."""
    skill = skills.get(last.name) if last is not None else None
    words = normalize(text)
    props = skill.manifest.arguments.get("properties", {}) if skill is not None else {}
    for f in skill.manifest.follow_ups if skill is not None else []:
        if bool(f.get("weak")) != weak:
            continue
        if (m := re.match(f["when"], words)) is not None:
            said = {  # digits are a number where the argument is one ("make it 10"), words elsewhere
                k: _value(v.strip()) if props.get(k, {}).get("type") in ("number", "integer", None) else v.strip()
                for k, v in m.groupdict().items() if v and v.strip()
            }
            read = skill.read(text) or {}  # what else the words say ("for 20 minutes")
            kept = {k: v for k, v in last.args.items() if k in f.get("keep", ())} if last is not None else {}
            return Intent(skill.name, {**kept, **read, **f.get("args", {}), **said}, "follow_up", 1.0)
    return None


def _value(said: str) -> str | int | float:
    """A group's words as an argument: digits, or a number in words, are a number ("make it 10", "make it
    fifteen")."""
    if said in CARDINALS:
        return CARDINALS[said]
    if re.fullmatch(r"\d+", said):
        return int(said)
    return float(said) if re.fullmatch(r"\d+\.\d+", said) else said
