"""chitchat: small talk and opinions, answered by the language model in a short persona (the manifest's
system_prompt), streamed to the voice sentence by sentence. What a small model gets wrong is cleaned on
the way: a joke's lead-in ("Here's one:") where no joke was asked, a sentence said twice, and letters of
another script than the configured language's (forbidden while sampling where the model allows it,
dropped here otherwise)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from assistant.brain.script import foreign_letters
from assistant.plugins import Reply

JOKE = re.compile(r"\b(joke|jokes|funny|make me laugh|pun|puns)\b", re.I)
# "Here's one:", "Sure, here's one.", "Here is a joke:" at the start of a sentence
LEAD_IN = re.compile(
    r"^((sure|okay|ok|of course|alright)[,!.]?\s+)?here('s| is) (one|a joke|a funny one|something funny)( for you)?\b[\s:.!,-]*",
    re.I,
)
# a sentence ends at . ! ? (and any closing quote or bracket) followed by a space, or at a full-width 。！？
SENTENCE_END = re.compile(r"[.!?]+[\"')\]”’]*\s+|[。！？]+\s*")
QUOTES = re.compile(r"[\"“”]")
FALLBACK = "I'm not sure what to say to that."


def sentences(pieces: Iterable[str]) -> Iterator[str]:
    """Whole sentences out of streamed pieces, each as soon as its end has arrived."""
    buf = ""
    for piece in pieces:
        buf += piece
        while m := SENTENCE_END.search(buf):
            yield buf[: m.end()].strip()
            buf = buf[m.end() :]
    if buf.strip():
        yield buf.strip()


def clean(pieces: Iterable[str], language: str) -> Iterator[str]:
    """The model's sentences without lead-ins, repeats and foreign letters, each followed by a space."""
    seen: set[str] = set()
    said = False
    for s in sentences(pieces):
        s = QUOTES.sub("", LEAD_IN.sub("", s)).strip()
        s = s[:1].upper() + s[1:]  # what followed a removed lead-in starts the sentence now
        key = " ".join(re.findall(r"\w+", s.lower()))
        if not key or key in seen or foreign_letters(s, language):
            continue
        seen.add(key)
        said = True
        yield s + " "
    if not said:
        yield FALLBACK


def joke_first(pieces: Iterable[str]) -> Iterator[str]:
    """A joke starts with "Here's one." said at once, while the joke itself is still being written."""
    yield "Here's one. "
    yield from pieces


async def handle(args, ctx) -> Reply:
    text = ctx.utterance.strip()[:600]  # small talk is short; a typed 100 kB would overflow the context
    if ctx.llm is None:
        return Reply("I can only chat when the language model is turned on ([llm] enabled = true).")
    language = getattr(ctx.config, "language", "en")
    joke = bool(JOKE.search(text))
    user = text or "hello"
    if joke:
        user += "\n(Tell one short, clean joke.)"
    messages = [
        {"role": "system", "content": ctx.manifest.system_prompt},
        {"role": "user", "content": user},
    ]
    stream = clean(ctx.llm.stream(messages, max_tokens=60, temperature=0.7, only_script=language), language)
    return Reply("", {"type": "chitchat"}, stream=joke_first(stream) if joke else stream)
