"""Which timers a command means: the one it picks by order ("the second one"), those it names ("the eggs
timer", or a name that sounds like one), those of the length it says; and how a timer is named and
listed back. Shared by the set_timer skill's actions."""

from __future__ import annotations

import re

from .asr.pronounce import sounds_like
from .dates import NTH
from .durations import UNITS, spoken_seconds
from .text import normalize
from .timer_purpose import KINDS, Purpose

COUNT_FROM = re.compile(r"\bcount ?down from \d+$")


def seconds(args: dict, ctx) -> float | None:
    """The length the user said, read from their words where they name one (a compound length, "an hour
    and a half", does not fit one number and one unit), else from the arguments."""
    said = spoken_seconds(ctx.utterance) if ctx.utterance else None
    if said:
        return said
    if not args.get("duration"):
        return None
    if "unit" not in args and COUNT_FROM.search(normalize(ctx.utterance or "")):
        return float(args["duration"])  # "countdown from 60": seconds, as a countdown is counted
    return float(args["duration"]) * UNITS.get(args.get("unit", "minutes"), 60)


def named(d) -> str:
    return d.data.get("said") or f"the {d.data.get('label', '')} timer"


def left(d, now: float) -> float:
    """Seconds left: a paused timer keeps what it had when paused (its due time is put off forever)."""
    return d.data["paused_left"] if "paused_left" in d.data else d.t - now


def items(pending: list, now: float) -> list[dict]:
    """The timers card's rows."""
    return [
        {"key": d.key, "label": d.data.get("label"), "remaining_s": round(left(d, now), 1),
         "paused": "paused_left" in d.data}
        for d in pending
    ]


def spaced_words(ctx) -> str:
    """The user's words with a space at each end, to find " eggs " or " 20 minute timer " in them."""
    return f" {normalize(ctx.utterance)} " if ctx.utterance else ""


GENERIC = {"timer", "timers", "the", "my", "all", "a", "of", "countdown", "one", "ones", "them", "both", "everything",
           "every", "each", "any", "it", "that", "this", "me", "us", "please"}  # "add 5 minutes to it", "... for me please"
# "cancel the timer" said with several running means one of them; these words mean all
ALL_OF_THEM = re.compile(r"\b(timers|all|every|each|everything|them|both|ones)\b")


def asked_name(args: dict) -> str:
    """The name the command gives a timer, without the words every timer has ("the timer", "all")."""
    return " ".join(w for w in normalize(str(args.get("name") or "")).split() if w not in GENERIC)


def given_name(args: dict) -> Purpose | None:
    """The name a template gave ("a countdown of 15 minutes for the laundry") where the words' own reading
    found none; a model's "name" that holds a length ("10 minutes timer") is none."""
    name = asked_name(args)
    plain = re.fullmatch(r"[a-z']+(?: [a-z']+){0,2}", name) is not None
    return Purpose(name) if plain and not set(name.split()) & (KINDS | set(UNITS)) else None


def singular(name: str) -> str:
    return re.sub(r"(e?s)\b", "", name)  # "eggs" and "egg", "potatoes" and "potato": one timer


def unknown_name(args: dict, found: list) -> str:
    """The name the command asked for when no timer has it ("the pasta timer" with none for pasta), else
    "": a long "name" is the rest of a sentence misread, not a timer's name."""
    asked = asked_name(args)
    return asked if asked and not found and len(asked.split()) <= 3 else ""


def named_in(pending: list, args: dict, ctx) -> list:
    """The timers the command names ("the eggs timer", "the egg timer"), by the name argument or in the
    words."""
    words = singular(spaced_words(ctx))
    said = singular(asked_name(args))
    named = [
        d for d in pending
        if d.data.get("name") and (singular(d.data["name"]) == said or f" {singular(d.data['name'])} " in words)
    ]
    if named or not said or len(said.split()) > 3:
        return named
    # "the bread reminder" for the reminder to take the bread out: one timer whose name holds the words said
    core = set(said.split()) - {"reminder", "timer", "alarm", "the", "my", "a", "one"}
    inside = [d for d in pending if core and d.data.get("name") and core <= set(singular(d.data["name"]).split())]
    if len(inside) == 1:
        return inside
    # the name as the recognizer spelled it once ("a timer for past 10 minutes", then "the pasta"): one
    # timer whose name sounds like it
    alike = sounds_like(said, [d.data["name"] for d in pending if d.data.get("name")])
    return [d for d in pending if alike and normalize(d.data.get("name") or "") == alike]


def set_order(d) -> int:
    """Timers in the order they were set: the scheduler numbers its keys as it makes them."""
    return int(d.key.rsplit("-", 1)[1])


# a timer by the order it was set in ("cancel the first one", or "the second" as the answer to "which one?")
ORDINAL = {word: n - 1 if n > 0 else n for word, n in NTH.items()}  # list indices: "first" 0, "last" -1


def picked(pending: list, args: dict) -> list:
    said = asked_name(args).removesuffix(" one").removesuffix(" timer")
    if said not in ORDINAL:
        return []
    by_age = sorted(pending, key=set_order)
    i = ORDINAL[said]
    return [by_age[i]] if -len(by_age) <= i < len(by_age) else []


def targets(pending: list, args: dict, ctx) -> list:
    """The timers a command means: the one it picks by order ("the second one"), those it names ("the
    eggs timer"), else those of the length it says, else all of them."""
    named = picked(pending, args) or named_in(pending, args, ctx)
    if named:
        return named
    want = seconds(args, ctx)
    return [d for d in pending if d.data.get("seconds") == want] if want else []
