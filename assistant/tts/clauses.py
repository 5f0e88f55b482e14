"""Split streamed text into speakable clauses, so speech starts before an LLM finishes writing.

A clause ends at . ! ? (sentence) or at , ; : once it is long enough to sound natural on its own
(a clause of two words sounds choppy). Decimal points ("3.5") and common abbreviations are not ends.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

_SENTENCE_END = re.compile(r"[.!?]+[\"')\]]*(?=\s)")
_CLAUSE_END = re.compile(r"[,;:](?=\s)")
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "st", "vs", "etc", "e.g", "i.e", "approx", "no"}


def _is_abbreviation(text: str, end: int) -> bool:
    word = text[:end].rstrip(".!?\"')]").split()[-1:] or [""]
    return word[0].lower().strip("(\"'") in _ABBREVIATIONS


def _next_break(buf: str, min_clause_words: int) -> int | None:
    """Index just past the earliest usable break in buf, or None."""
    cuts = []
    for m in _SENTENCE_END.finditer(buf):
        if not (buf[m.start()] == "." and _is_abbreviation(buf, m.start())):
            cuts.append(m.end())
            break
    for m in _CLAUSE_END.finditer(buf):
        if len(buf[: m.start()].split()) >= min_clause_words:
            cuts.append(m.end())
            break
    return min(cuts) if cuts else None


def clauses(pieces: Iterable[str], min_clause_words: int = 4, min_first_words: int = 2) -> Iterator[str]:
    """Yield clauses as soon as each is complete; the rest when the stream ends. The first may be
    shorter ("I'm sorry,", "I am Juniper,"): it is what the listener waits for, and the model writes the
    next clause several times faster than the voice speaks this one, so no gap follows it."""
    buf = ""
    first = True
    for piece in pieces:
        buf += piece
        while (cut := _next_break(buf, min_first_words if first else min_clause_words)) is not None:
            clause, buf = buf[:cut].strip(), buf[cut:]
            if clause:
                first = False
                yield clause
    if buf.strip():
        yield buf.strip()
