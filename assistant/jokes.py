"""A joke when one is asked for, from the list in jokes.txt: asked for a joke, the 0.5B model told "What's the
difference between a cat and a dog? A cat is a small furry animal, while a dog is a large, furry animal."
A joke about a topic no listed joke mentions is left to the model (None)."""

from __future__ import annotations

import random
import re
from functools import cache
from pathlib import Path

from assistant.text import normalize

# "a joke about cats", "tell me a dog joke"
ABOUT = re.compile(r"\b(?:jokes?|puns?) (?:about|on) (?:the |a |an |some )?(?P<topic>[a-z][a-z' ]*?)(?: please)?$")
KIND = re.compile(r"\b(?P<topic>[a-z]+) (?:jokes?|puns?)\b")
NOT_A_TOPIC = frozenset("a an the good funny another one more short clean new bad dad your any some me".split())


@cache
def _jokes() -> tuple[str, ...]:
    text = (Path(__file__).parent / "jokes.txt").read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def joke(asked: str, told: list[str]) -> str | None:
    """A joke not told yet this conversation (`told`, appended to); one that mentions the topic asked
    about ("a joke about cats"), or None when none does (the model then tells one)."""
    jokes = _jokes()
    said = normalize(asked)
    m = ABOUT.search(said) or KIND.search(said)
    topic = m["topic"] if m else None
    if topic and topic not in NOT_A_TOPIC:
        words = [w.rstrip("s") for w in topic.split() if w not in NOT_A_TOPIC]
        jokes = tuple(j for j in jokes if words and all(re.search(rf"\b{re.escape(w)}", j.lower()) for w in words))
        if not jokes:
            return None
    # every joke on the topic told: another untold one ("another one" had repeated the only cat joke)
    fresh = [j for j in jokes if j not in told] or [j for j in _jokes() if j not in told] or list(jokes)
    chosen = random.choice(fresh)
    told.append(chosen)
    return chosen
