"""A follow-up that changes one thing about the last question: "and in london" after "what time is it in
tokyo", "what about tomorrow" after the weather, "how about italian" after a restaurant search. People
say only what changes; the router alone sees a place name or a food and nothing to do with it.

Only for skills that just look things up (`read_only`): "what about bob" after an email is not a
second email. Any skill may list in its manifest's `follow_ups` what may be said right after it ran, and
only then ("add that i'll be there at noon" after a draft: "add that ..." alone may be about a playlist)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from ..dates import MONTHS, parse_date
from ..routing.intent import Intent
from ..skill_api import Skill
from ..text import CARDINALS, normalize

FOLLOW_UP = re.compile(  # (after a word or two of reaction: "ok what about chinese", "none? what about japanese")
    r"^(?:(?:ok|okay|so|hmm|well|oh|right|alright|none|nothing|no|hm|thanks|thank you|great|cool|perfect)\s+)*"
    r"(?:and|and what about|what about|how about|and how about|and then|then|no i meant|i meant|no i mean|i mean"
    r"|(?:no )?i said|(?:no |actually )?make (?:that|it))\s+"
    # "no i meant zurich not zug": what it is, not what it is not
    r"(?:(?P<prep>in|at|near|around|for|on)\s+)?(?P<rest>.+?)(?:\s+not\s+[a-z' ]+)?(?:\s+(?:then|instead|please))?$"
)
PLACE_KEYS = ("place", "location", "near")  # the arguments "in" / "near" / "at" fill, in this order
# words that change nothing: "and what's the date there" asks the last question about the same place
FILLER = {"the", "a", "an", "one", "ones", "some", "any", "places", "place", "please", "what's", "what", "is", "it",
          "it's", "there"}
BARE_WORDS = 4  # "tomorrow?", "the day after tomorrow", "london?": only what changes, said right after
# a part of a day said alone ("tonight?", "tomorrow morning"), which parse_date does not take
DAY_PART = re.compile(r"(?:(?:this|tomorrow|in the|later|later this) )?(?:tonight|morning|afternoon|evening|night)")


def _words(value: Any) -> list[str]:
    return normalize(str(value).replace("_", " ")).split()


def follow_up(
    text: str, last: Intent | None, skills: dict[str, Skill], state_of: Callable[[str], dict] | None = None,
    unsure: bool = False, just_ran: bool = False,
) -> tuple[Intent, bool] | None:
    """The last command again with what the follow-up changes, and whether it is surely about the last
    command, whatever the router made of the words alone (a closed choice: "tomorrow" for the weather; a
    weak follow-up the skill `knows` from its state, `state_of(skill name)`); None when the words are not
    one. unsure: the router is not sure of any skill for the words alone (then "and in zurich" is the
    last question's place, whatever the language model guessed); just_ran: the last command was answered
    in the turn just before, so a few words with no "and" or "what about" before them may be a
    follow-up too ("tomorrow?" after the weather)."""
    if (own := own_follow_up(text, last, skills)) is not None:
        return own, True
    if (next_day := _day_next_to(text, last, skills)) is not None:
        return next_day, True
    if (again := _one_thing_changed(text, last, skills, unsure)) is not None:
        return again
    if just_ran and (bare := _bare(text, last, skills, unsure)) is not None:
        return bare
    weak = own_follow_up(text, last, skills, weak=True)  # taken only when the router finds no other skill
    if weak is None:
        return None
    known = state_of is not None and skills[weak.name].knows_about(text, state_of(weak.name))
    if not known and _entry(text, skills[weak.name], True)[0].get("known"):
        return None  # chit-chat's knock-knock (any words) only while the joke goes on: "turn on the lights" had been one
    return weak, known


# "the day after" right after a question about a day: the day after that one
NEXT_DAY = re.compile(
    r"^(?:(?:and|and what about|what about|how about|and how about|and then|then)\s+)?(?:the\s+)?day\s+"
    r"(?P<way>after|before)(?:\s+that(?:\s+one)?)?$"
)
SAID_OFFSET = {-2: "the day before yesterday", -1: "yesterday", 0: "today", 1: "tomorrow", 2: "the day after tomorrow"}


def _day_next_to(text: str, last: Intent | None, skills: dict[str, Skill]) -> Intent | None:
    """"and the day after" after "what day is it tomorrow": the last question about the next (or the day
    before), the date said as the skill reads one (a date argument in free words, not a closed choice:
    the weather reads its own "the day after"). It had been a date called "after"."""
    m = NEXT_DAY.match(normalize(text))
    skill = skills.get(last.name) if last is not None and m is not None else None
    if skill is None or not skill.manifest.read_only:
        return None
    props = skill.manifest.arguments.get("properties", {})
    today = date.today()
    for key, value in last.args.items():
        if props.get(key, {}).get("type") != "string" or "enum" in props[key] or not isinstance(value, str):
            continue
        if (day := parse_date(value, today)) is None:
            continue
        day += timedelta(days=1 if m["way"] == "after" else -1)
        if set(normalize(value).split()) & set(MONTHS) or re.search(r"\d", value):  # "march third": a date
            said = f"{day:%B} {day.day} {day.year}".lower()
        else:  # "tomorrow", "friday": as far from today (the skill's clock may be another's)
            n = (day - today).days
            said = SAID_OFFSET.get(n) or (f"in {n} days" if n > 0 else f"{-n} days ago")
        return Intent(last.name, {**last.args, key: said}, "follow_up", 1.0)
    return None


def _bare(text: str, last: Intent | None, skills: dict[str, Skill], unsure: bool) -> tuple[Intent, bool] | None:
    """A few words with nothing before them, right after the last answer, as that question's follow-up. A
    lone date is the last question's even where the classifier is sure it is the calendar's ("saturday");
    other words only where no skill is sure of them, and then a free word only for what the last question
    had ("london?" after the time in tokyo; "anything cheaper" after the time here is no place) or, a name
    none of the skill's lists holds, for its place ("schaan?" after pizza places), and not a choice the
    skill reads from a longer request ("remind me tomorrow" after the time in tokyo)."""
    words = " ".join(normalize(text).split())
    if last is None or not 0 < len(words.split()) <= BARE_WORDS or NEXT_DAY.match(words):
        return None  # ("the day after" with no day asked about before is no place called "after")
    when = DAY_PART.fullmatch(words) is not None or parse_date(words, date.today()) is not None
    bare = _one_thing_changed("and " + words, last, skills, unsure) if when or unsure else None
    if (unsure and not when and (bare is None or not bare[1]) and _name_like(words)
            and not _listed(words, skills.get(last.name)) and (there := _one_thing_changed("and in " + words, last, skills))):
        bare = there[0], False  # a name none of the skill's lists holds is a place ("schaan?" after pizza places)
    new_keys = set(bare[0].args) - set(last.args) if bare is not None else set()
    if bare is None or not (when or bare[1] or (new_keys <= set(PLACE_KEYS) and _name_like(words))):
        return None
    if when or not bare[1] or not skills[bare[0].name].read(words):
        return bare  # (a closed choice said alone is the last search's: "cheap ones?")
    return None


# words that make a few words a request, not a name ("send that to alice" is no place called that)
NOT_IN_A_NAME = {"it", "them", "me", "you", "him", "her", "us", "to", "for", "with", "that", "this", "those", "these",
                 "my", "your", "please", "can", "could", "will", "would", "do", "does", "did", "is", "are",
                 "anything", "something", "anywhere", "somewhere", "nothing", "everything", "more", "else", "other"}


def _listed(words: str, skill: Skill | None) -> bool:
    """Whether a word said is a value of one of the skill's closed slot lists ("thai": a food)."""
    values = {str(v).lower() for lst in (skill.manifest.lists.values() if skill else ()) if isinstance(lst, dict)
              for v in lst.get("values") or () if isinstance(v, str)}
    return bool(set(words.split()) & values)


def _name_like(words: str) -> bool:
    """One or two words that may name a place or a thing ("london", "new york", "thai")."""
    said = words.split()
    return len(said) <= 2 and not set(said) & NOT_IN_A_NAME and not any(w[0].isdigit() for w in said)


def _one_thing_changed(
    text: str, last: Intent | None, skills: dict[str, Skill], unsure: bool = False
) -> tuple[Intent, bool] | None:
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
    if rest and not m["prep"] and set(rest.split()) & NOT_IN_A_NAME:
        return None  # "and the list to alice" (a spoken "send ..." heard as "and"): a request, not a food or place
    if rest:
        free = [k for k, p in props.items() if p.get("type") == "string" and "enum" not in p]
        if m["prep"] in ("in", "at", "near", "around"):
            keys = [k for k in PLACE_KEYS if k in free]
        else:  # the free text the last command had ("thai" -> "italian"), else the first there is
            keys = [k for k in free if k in last.args] + [k for k in free if k not in last.args]
        if not keys:
            return None
        args[keys[0]] = rest
        # "and in zurich": a place, and nothing else, is the last question's where no skill is sure of it
        chosen = chosen or (unsure and bool(m["prep"]) and keys[0] in PLACE_KEYS and len(rest.split()) <= BARE_WORDS)
    elif not chosen:
        return None
    return Intent(last.name, args, "follow_up", 1.0), chosen


def own_follow_up(text: str, last: Intent | None, skills: dict[str, Skill], weak: bool = False) -> Intent | None:
    """The words as one of the `follow_ups` of the skill that ran last, as a command for it. weak: the
    entries marked `weak` instead (a question about the text just summarized: taken only when the router
    finds no other skill in the words)."""
    skill = skills.get(last.name) if last is not None else None
    f, m = _entry(text, skill, weak) if skill is not None and last is not None else ({}, None)
    if skill is None or last is None or m is None:
        return None
    props = skill.manifest.arguments.get("properties", {})
    said = {  # digits are a number where the argument is one ("make it 10"), words elsewhere
        k: _value(v.strip()) if props.get(k, {}).get("type") in ("number", "integer", None) else v.strip()
        for k, v in m.groupdict().items() if v and v.strip()
    }
    read = skill.read(text) or {}  # what else the words say ("for 20 minutes")
    kept = {k: v for k, v in last.args.items() if k in f.get("keep", ())}
    return Intent(skill.name, {**kept, **read, **f.get("args", {}), **said}, "follow_up", 1.0)


def _entry(text: str, skill: Skill, weak: bool) -> tuple[dict, re.Match | None]:
    """The skill's first follow-up entry (weak ones or the others) the words match, and the match; ({}, None)."""
    words = normalize(text)
    for f in skill.manifest.follow_ups:
        if bool(f.get("weak")) == weak and (m := re.match(f["when"], words)) is not None:
            return f, m
    return {}, None


def _value(said: str) -> str | int | float:
    """A group's words as an argument: digits, or a number in words, are a number ("make it 10", "make it
    fifteen")."""
    if said in CARDINALS:
        return CARDINALS[said]
    if re.fullmatch(r"\d+", said):
        return int(said)
    return float(said) if re.fullmatch(r"\d+\.\d+", said) else said
