"""Two commands said as one ("set a timer for 5 minutes and tell me a joke"): where to split them.

Only where each part alone is a whole command a template matches, with all its skill needs, so a list
("pizza and pasta", "alice and bob") stays one command for the router. A second part that says "there"
is about the first part's place ("what's the weather in paris and what time is it there")."""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Callable

from ..routing.intent import OTHER, Intent
from ..routing.router import LONGEST_COMMAND_WORDS
from ..skill_api import Reply
from ..text import THERE
from .reply_stream import ReplyStream

PLACE_KEYS = ("place", "location", "near")
# "and", "and then", "then", "also", at a word boundary; the first part must be a command on its own
_JOINS = re.compile(r"(?:,\s*|\s+)(?:and then|and also|and|then|also)\s+")


def split_commands(
    text: str, whole: Callable[[str], Intent | None], first_whole: Callable[[str], Intent | None] | None = None
) -> list[tuple[str, Intent]] | None:
    """The two commands `text` holds, each with its routing, or None. `whole(words)`: the template
    routing of words that are a complete command for a skill, else None (Router.whole_command);
    `first_whole`, when given, for the first part ("cancel that", a follow-up, before "and set one ...")."""
    if len(text.split()) > 2 * LONGEST_COMMAND_WORDS:  # a pasted page: every "and" would cost a match
        return None
    for join in _JOINS.finditer(text):
        first, second = text[: join.start()].strip(), text[join.end() :].strip()
        if not first or not second:
            continue
        a = (first_whole or whole)(first)
        if a is None or a.name == OTHER:
            continue
        b = None
        if (place := next((a.args[k] for k in PLACE_KEYS if a.args.get(k)), None)) and THERE.search(second):
            # "... in paris and what time is it there": the first part's place
            there = THERE.sub(f"in {place}", second)
            if (b := whole(there)) is not None:
                second = there
        b = b or whole(second)
        if b is None and (elided := _elided(first, second, a, whole)) is not None:
            second, b = elided
        if b is not None and b.name != OTHER:
            return [(first, a), (second, b)]
    return None


# a second part that is the first's command with its head left out: "remind me in 5 minutes to check the
# oven and in 10 minutes to take it out", "the weather tomorrow and on saturday"; not free text ("email bob
# saying i'm at home and in the office by 6" is one email), and not a second length ("5 minutes and 10 seconds")
_ELIDED = re.compile(r"^(?:in|on|at|for|after|near|around)\s")
_FREE_TEXT = ("message", "subject", "question")


def _elided(first: str, second: str, a: Intent, whole: Callable[[str], Intent | None]) -> tuple[str, Intent] | None:
    """The second part with the first's head, and its routing; None when no head makes it whole."""
    if not _ELIDED.match(second) or any(k in a.args for k in _FREE_TEXT):
        return None
    words = first.split()
    for n in range(1, len(words)):  # the shortest head of the first part that makes the second whole
        said = f"{' '.join(words[:n])} {second}"
        if (b := whole(said)) is not None and b.name == a.name:
            return said, b
    return None


def joined(a: Reply, b: Reply) -> Reply:
    """One reply saying `a`, then `b` (either may still be being written); the rest is `b`'s: its card,
    and whether it asks something."""
    if a.stream is None:
        text = f"{a.text} {b.text}".strip() + (" " if b.stream is not None else "")
        return dataclasses.replace(b, text=text, stream=ReplyStream(b.stream) if b.stream is not None else None)
    rest = itertools.chain(a.stream, [f" {b.text}"] if b.text else [], b.stream if b.stream is not None else [])
    return dataclasses.replace(b, text=a.text, stream=ReplyStream(rest))
