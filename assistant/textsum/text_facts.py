"""What is asked of a text as a whole rather than of its sentences: who wrote it, when, how long it is
("who wrote it" right after notes.txt was summarized had been its summary again). Said from the text's
own first lines and its length; nothing guessed."""

from __future__ import annotations

import re

WHO_WROTE = re.compile(
    r"^(?:(?:and|so|ok|okay|but),? )*(?:who (?:wrote|authored|made|created|is the author of|is the writer of)"
    r" (?:it|this|that|the (?:text|file|document|notes?))|who (?:is|'s) (?:it|this|that) (?:from|by)"
    r"|who (?:is|'s) the (?:author|writer))$"
)
WHEN_WRITTEN = re.compile(
    r"^(?:(?:and|so|ok|okay|but),? )*(?:when|what day) (?:was|were) (?:it|this|that|they|the (?:text|file|document|notes?))"
    r" (?:written|made|created|taken|from)$"
)
HOW_LONG = re.compile(
    r"^(?:(?:and|so|ok|okay|but),? )*(?:how long is (?:it|this|that|the (?:text|file|document))"
    r"|how many (?:words|pages|lines) (?:is|are|does) (?:it|this|that)(?: have)?)$"
)
# a byline in the first lines: "By Carol King", "Author: Bob", "Written by Alice"
_BYLINE = re.compile(r"^\s*(?:by|author:|authors:|written by|from:)\s+(?P<who>[^\n]{2,60}?)\s*$", re.I | re.M)
# a date in the first line: "3 December", "December 3, 2026", "2026-12-03", "03.12.2026"
_DATED = re.compile(
    r"\b(?:\d{1,2}(?:st|nd|rd|th)? (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*(?: \d{4})?"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{1,2}(?:st|nd|rd|th)?(?:,? \d{4})?"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4})\b",
    re.I,
)
WORDS_A_MINUTE = 150  # read aloud


def asks_of_whole(question: str) -> bool:
    """Whether the words ask who wrote the text, when, or how long it is."""
    return any(r.match(question) for r in (WHO_WROTE, WHEN_WRITTEN, HOW_LONG))


def text_fact(question: str, title: str, text: str) -> str | None:
    """The answer to a question about the text as a whole, or None when it asks something else."""
    head = "\n".join(text.strip().splitlines()[:3])
    name = title[0].upper() + title[1:] if title.startswith("the ") else title or "It"  # a file's name as it is
    if WHO_WROTE.match(question):
        m = _BYLINE.search(head)
        return f"{name} says it's by {m['who']}." if m else f"{name} doesn't say who wrote it."
    if WHEN_WRITTEN.match(question):
        first = text.strip().splitlines()[0] if text.strip() else ""
        m = _DATED.search(first)
        return f"{name} is dated {m[0]}." if m else f"{name} doesn't say when it was written."
    if HOW_LONG.match(question):
        n = len(text.split())
        minutes = n / WORDS_A_MINUTE
        read = "under a minute" if minutes < 1 else f"about {round(minutes)} minute{'s' if round(minutes) != 1 else ''}"
        return f"{name} has {n} words: {read} to read aloud."
    return None
