"""Requests no skill takes (`other`) that the assistant can still answer itself, by their kind: how a word
is spelled, a place's time zone, the public holidays, the user's name, a new name for the assistant, a
word's meaning. The kinds are the router head's classes under `other` (CLINC150's spelling, timezone,
next_holiday, user_name, change_user_name, change_ai_name, definition; OpenVoiceOS's holiday intents),
each a hundred or so wordings nobody here wrote, the way chat_kinds.py names kinds of small talk. Each
answer then reads its own argument from the words (the word to spell, the place, the name) and says how
to ask when there is none.

KIND_SURE, the share of `other`'s probability the kind's classes need together, was chosen on
intent-dev's calibration split (`scripts/eval_other_kinds.py` reports both splits).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from .chat_stock import WHO_I_AM
from .public_holidays import country_of, holiday_said
from .spelling import spelling_said
from .worldtime import place_zone_said

if TYPE_CHECKING:
    from .config import Config
    from .skill_api import SkillContext

KIND_SURE = 0.4
# the head's classes, by the kind of answer each gets
KIND_OF = {
    "spelling": "spelling",
    "timezone": "time_zone",
    "next_holiday": "holiday",
    "days_until_holiday": "holiday",
    "is_today_holiday": "holiday",
    "when_is_holiday": "holiday",
    "user_name": "user_name",
    "change_user_name": "user_name",
    "change_ai_name": "assistant_name",
    "definition": "definition",
}
_NAME = r"(?P<name>[a-z][a-z'-]*)"  # a first name: one word ("adam instead of the current name": Adam)
# the user giving a name, at the start of the sentence or of its last part ("call me chip", "from now on
# my name is tom", "stop calling me charlie and from now on always call me chip"; not "play call me maybe")
_NAME_GIVEN = re.compile(
    r"^(?:(?:please|from now on|from here on out|you can|you could|you should|you shall|you may|you will|i want you to|i'd like you to|will you|"
    r"can you|could you|just|always|ok|okay|hey|so|start|i want to|i'd like to|i would like to|i prefer to)\s+)*"
    r"(?:call me|calling me|refer to me as|address me as|be called|change my name to|my name is|the name is|"
    r"name me|know me as|say my name is|i am|i'm)\s+" + _NAME + r"\b"
)
_NAME_FIRST = re.compile(r"^" + _NAME + r" is my name$")
_NOT_NAMES = frozenset({"a", "the", "not", "your", "my", "tired", "bored", "back", "here", "home", "done", "busy", "fine", "good", "ok",
                        "okay", "sorry", "ready", "sure", "what", "who", "it", "that", "this", "maybe", "later", "when",
                        "if", "tomorrow", "sometime"})
# a new name for the assistant ("i want to call you maggie", "change your name to fred")
_NEW_NAME = re.compile(r"\b(?:call(?:ing)? you|your name (?:to be|to|be|changed to)|change you(?:r)? name to|respond to|name you|make your name)\s+" + _NAME)
# the word asked about ("define serendipity", "the meaning of hegemony", "what does ubiquitous mean")
_DEFINED = (
    re.compile(r"\b(?:define|definition (?:of|for)|meaning of)\s+(?:the word\s+|word\s+)?(?P<word>[a-z][a-z' -]*?)(?:\s+(?:for me|please))*$"),
    re.compile(r"\bwhat does (?:the word\s+)?(?P<word>[a-z][a-z' -]*?) mean$"),
    re.compile(r"\b(?:know|tell me(?: please)?) what (?:an? )?(?P<word>[a-z][a-z' -]*?) (?:means|is)$"),
)


@lru_cache(maxsize=64)  # asked at a pause (changes_something, the answer run ahead), then by the turn: once
def other_kind(text: str, encoder=None, head=None) -> str | None:
    """The kind of `other` request (KIND_OF's values) the head is sure of, else None."""
    from .brain.embed import default_encoder
    from .routing.head import load_head

    if not text.strip():
        return None
    shares = (head or load_head()).class_shares((encoder or default_encoder()).embed([text])[0], text, "other")
    totals: dict[str, float] = {}
    for name, share in shares.items():
        if name in KIND_OF:
            totals[KIND_OF[name]] = totals.get(KIND_OF[name], 0.0) + share
    best = max(totals.items(), key=lambda kv: kv[1], default=(None, 0.0))
    return best[0] if best[1] >= KIND_SURE else None


def _user_name(words: str, ctx: SkillContext) -> str:
    """A name given is kept for this run ("Okay, I'll call you Chip."); asked, the one kept, else the
    email section's name."""
    last = re.split(r"\s+(?:and|so)\s+|,\s*", words)[-1]
    m = _NAME_GIVEN.match(last) or _NAME_FIRST.match(last)
    if m is not None and m["name"] not in _NOT_NAMES:
        name = m["name"].title()
        ctx.state["user_name"] = name
        return f"Okay, I'll call you {name}."
    known = user_name(ctx.state, ctx.config)
    if known:
        return f"You're {known}."
    return "I don't know your name yet. Say call me, then your name."


def user_name(state: dict, config: Config) -> str:
    """What to call the user: the name they gave (kept in `other`'s state), else [email] name."""
    return str(state.get("user_name") or config.email.get("name") or "")


def _assistant_name(words: str) -> str:
    m = _NEW_NAME.search(words)
    if m is None:
        return WHO_I_AM
    return (f"I'll stay Juniper, but you can wake me with {m['name'].title()}: set phrases under [wake] in the "
            f'config, like phrases = ["hey {m["name"]}"], and run assistant wake calibrate.')


def _definition(words: str) -> str:
    m = next(filter(None, (form.search(words) for form in _DEFINED)), None)
    word = m["word"].strip() if m is not None else ""
    about = f"what {word} means" if word and len(word.split()) <= 3 else "what words mean"
    return f"I have no dictionary here, so I can't tell {about}."


def kind_said(kind: str, words: str, ctx: SkillContext) -> str | None:
    """The answer to a request of `kind`, from its words (said_words) and the assistant's context; None
    for a spelling kind with no word to spell ("google the word")."""
    if kind == "spelling":
        return spelling_said(words)
    if kind == "time_zone":
        return place_zone_said(words, ctx.now())
    if kind == "holiday":
        return holiday_said(words, ctx.now().date(), country_of(ctx.config.country, ctx.config.timezone))
    if kind == "user_name":
        return _user_name(words, ctx)
    if kind == "assistant_name":
        return _assistant_name(words)
    return _definition(words)
