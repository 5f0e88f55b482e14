"""A fun fact when one is asked for, from randfacts' list (MIT; ~7,000 facts people collected, its
"safe" list): asked for one, the 0.5B model said "What's the capital of Spain? It's Madrid." and "What's
a secret we use to keep you safe? It's a code that helps us remember who sent you a message."."""

from __future__ import annotations

import random
import re
from functools import cache

from assistant.text import normalize
from assistant.text_guard import printable

# "tell me a fun fact", "give me some random facts", "tell me something interesting", "teach me something",
# "a fact about octopuses"; not "in fact", "that's a fact"
ASKED = re.compile(
    r"\b(?:fun|random|interesting|cool|amazing|weird|strange|crazy|surprising) facts?\b"
    r"|\b(?:tell|give|share with) me (?:a |some |one |another )?facts?\b|\bfacts? about\b"
    r"|\b(?:something|anything) (?:interesting|i don't know|new|cool)\b|\bteach me something\b"
)
ABOUT = re.compile(r"\b(?:about|on) (?:the |a |an |some )?(?P<topic>[a-z][a-z' ]*?)(?: please)?$")
MAX_WORDS = 30  # said aloud: a fact of a breath or two, not a paragraph
# a household's (and a child's) fun fact: not sex, suicide, killing or dying (the package's "safe" list has
# "... in hopes that it would reduce masturbation" and "... killed herself at age thirty-one"); ~6% go
NOT_FUN = re.compile(
    r"\b(?:masturbat\w*|sex\w*|porn\w*|naked|nude\w*|penis\w*|vagina\w*|genital\w*|orgasm\w*|condom\w*"
    r"|prostitut\w*|rap(?:e|es|ed|ist\w*)|suicid\w*|erotic\w*|breasts?|testicle\w*|sperm|semen|viagra|brothel\w*"
    r"|stripper\w*|nazi\w*|hitler|murder\w*|kill(?:s|ed|ing|er|ers)?|dead|death\w*|di(?:e|es|ed|ing)|corpses?)\b",
    re.I,
)
STOP = frozenset("the a an of and in on to is are was".split())


@cache
def _facts() -> tuple[str, ...]:
    from randfacts import safe_facts  # the list without its NSFW part

    said = (" ".join(printable(f).split()) for f in safe_facts)  # package text: no terminal control
    # a sentence ends in its stop, or in a quotation's ('meaning "flowery land."'): no second stop then
    fun = (f for f in said if f and len(f.split()) <= MAX_WORDS and not NOT_FUN.search(f))
    return tuple(f if f.rstrip("\"')”’")[-1:] in (".", "!", "?") else f + "." for f in fun)


def fun_fact(asked: str, told: list[str]) -> str | None:
    """A fact not told yet this conversation (`told`, appended to), about the topic named ("a fact about
    cats": one that mentions cats, else that none is known); None when the words ask for no fact."""
    said = normalize(asked)
    if not ASKED.search(said):
        return None
    facts = _facts()
    if (m := ABOUT.search(said)) is not None:
        words = [w for w in m["topic"].split() if w not in STOP]
        facts = tuple(f for f in facts if words and all(re.search(rf"\b{re.escape(w)}(?:e?s)?\b", f.lower()) for w in words))
        if not facts:  # the model, asked, made one up ("Zorblax is a character from Dungeons and Dragons")
            return f"I don't know a fact about {m['topic']}."
    fresh = [f for f in facts if f not in told] or list(facts)
    fact = random.choice(fresh)
    told.append(fact)
    return fact
