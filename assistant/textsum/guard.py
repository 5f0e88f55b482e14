"""Documents are data. Text in them written to an assistant (a chat turn "Assistant: ...", "ignore your
previous instructions", "note to the AI ...") is set apart: it is neither summarized nor shown to the
language model, and the reply says it was there and was not followed. A model's summary must carry the
document's main content words, as a draft must carry the note's (mail/compose.keeps_content): a summary
that talks about something else is dropped for the extractive one."""

from __future__ import annotations

import re
from collections import Counter

from .extractive import _terms, sentences

DIRECTED = re.compile(
    r"^\W*(assistant|system|user|ai|bot|model|human)\s*:"  # a chat turn written into the document
    r"|\b(ignore|disregard|forget|override)\b.{0,40}\b(instructions?|prompts?|rules|guidelines)\b"
    r"|\b(note|message|instructions?|attention)\s+(to|for)\s+(the\s+|any\s+)?(ai|assistant|model|bot|llm)s?\b"
    r"|\byou are (now )?(an? |the )?(ai|assistant|language model|chatbot)\b",
    re.IGNORECASE,
)
NOTICE = "It also has text written to an assistant, which I did not follow."


def split_directed(text: str) -> tuple[str, list[str]]:
    """(the document without sentences addressed to an assistant, those sentences)."""
    kept: list[str] = []
    directed: list[str] = []
    for para in re.split(r"\n\s*\n", text):
        sents = sentences(para)
        if any(DIRECTED.search(s) for s in sents):
            directed.extend(s for s in sents if DIRECTED.search(s))
            sents = [s for s in sents if not DIRECTED.search(s)]
        if sents:
            kept.append(" ".join(sents))
    return "\n\n".join(kept), directed


def main_terms(text: str, k: int = 9) -> set[str]:
    """The document's k most frequent content words (stemmed)."""
    return {t for t, _ in Counter(_terms(text)).most_common(k)}


def covers(summary: str, text: str, share: float = 1 / 3) -> bool:
    """The summary carries at least `share` of the document's main content words, and every number it
    gives is in the document (a summary is checked against its source as a draft is against its note)."""
    main = main_terms(text)
    have = set(_terms(summary))
    numbers = {t for t in have if any(ch.isdigit() for ch in t)}
    if not numbers <= set(_terms(text)):
        return False
    return not main or len(main & have) / len(main) >= share
