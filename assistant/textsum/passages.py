"""The sentences of a text about something: those holding every word of a topic ("what does notes.txt
say about the budget"), and those that answer a question about it ("who will send the figures", asked
right after the notes were summarized): the ones sharing the most of the question's words, a word the
text uses rarely counting more than one it uses everywhere. Words only (stems: "budgets" is "budget"), no
model: a sentence is said as written, so nothing is made up, and a question none of whose words the text
holds gets none."""

from __future__ import annotations

import math
import re
from collections import Counter

from .extractive import _stem, _terms, sentences

# words of asking about a text, not about what it says (compared as stems, as the text's words are)
ASKING = {"tell", "text", "document", "file", "email", "mail", "message", "note", "say", "mention", "write", "wrote",
          "written", "know", "anything", "something", "thing", "exactly"}
ASKING = {_stem(w) for w in ASKING}
# words that ask who has a task, not what it is ("who is responsible for the website", "who's in charge
# of the ads"): the task's own words are the question's, when it names one
ROLE = {_stem(w) for w in ("responsible", "charge", "handling", "handles", "owner", "owns", "assigned", "leading")}
# a question about the whole: its summary answers it ("what are the main points", "what's the gist")
WHOLE = {"main", "point", "key", "summary", "gist", "important", "idea", "takeaway", "overall", "basically", "short",
         "topic", "about", "miss", "missed", "highlight", "recap", "rundown", "give"}
WHOLE = {_stem(w) for w in WHOLE}


# "what time is lunch", "what day is the review": the kind of answer asked for, not a word the text holds
WHEN_ASKED = re.compile(r"^\W*(?:(?:at|on|by|until) )?(?:what|which) (?:time|day|date|hour|year|month)\b", re.I)


def question_terms(question: str) -> list[str]:
    terms = [t for t in dict.fromkeys(_terms(WHEN_ASKED.sub("", question))) if t not in ASKING]
    return [t for t in terms if t not in ROLE] or terms  # "who is in charge of it": no task named


def asks_for_whole(question: str) -> bool:
    """The question's words are only about the text as a whole."""
    return set(question_terms(question)) <= WHOLE


# a question for what the text asks people to do ("what are the action items", "who has to do what")
# ("what does she want", "what is he asking for": what the email asks of the reader)
ACTIONS = {_stem(w) for w in ("action", "item", "task", "todo", "next", "step", "assignment", "follow", "need", "done",
                               "want", "ask", "asking", "request", "supposed", "expect")}
# a sentence that gives someone something to do, or asks it of the reader ("Please send me the figures")
COMMITS = re.compile(r"\b(?:will|shall|must|needs? to|has to|have to|is to|are to|agreed to|going to|should|owes?"
                     r"|please|can you|could you|would you|let me know)\b", re.I)


def asks_for_actions(question: str) -> bool:
    asked = set(question_terms(question))
    return bool(asked & ACTIONS) and asked <= ACTIONS | WHOLE


def actions(text: str) -> list[str]:
    """The sentences that give someone something to do, in the text's order."""
    return [x for x in sentences(text) if COMMITS.search(x)]


def holding(text: str, topic: str) -> list[str]:
    """The sentences that hold every word of the topic; [] for a topic of no words."""
    wanted = set(_terms(topic))
    return [x for x in sentences(text) if wanted and wanted <= set(_terms(x))]


HEADING_WORDS = 3  # a line this short without a full stop is a heading, not a sentence that says something

def answering(text: str, question: str, most: int = 2) -> list[str]:
    """Up to `most` sentences sharing the most of the question's words (each weighted by how rare it is in
    the text), in the text's order; [] when none shares any."""
    asked = question_terms(question)
    sents = sentences(text)
    bags = [set(_terms(s)) for s in sents]
    df = Counter(t for b in bags for t in b)
    n = len(sents)
    scores = [sum(math.log(1 + n / df[t]) for t in asked if t in b) for b in bags]
    # half the question's words at least: one word of "how much will travel costs be cut" is no answer
    scores = [x if 2 * len(b & set(asked)) >= len(asked) else 0.0 for x, b in zip(scores, bags, strict=True)]
    best = max(scores, default=0.0)
    if best <= 0:
        return []
    # the best, and the next only when it is nearly as good (a two-sentence answer, not a summary)
    picked = sorted(sorted(range(n), key=lambda i: -scores[i])[:most], key=lambda i: i)
    said = [i for i in picked if scores[i] >= 0.75 * best]
    # a heading ("Risks" for "what are the risks"): the sentences of its section say it
    return [s for i in said for s in (_section(sents, i) if _heading(sents[i]) else [sents[i]])]


def _heading(sentence: str) -> bool:
    return len(sentence.split()) <= HEADING_WORDS and not re.search(r"[.!?]$", sentence.strip())


def _section(sents: list[str], i: int) -> list[str]:
    """Up to two sentences after a heading, before the next one; the heading itself if there are none."""
    after = []
    for s in sents[i + 1 : i + 3]:
        if _heading(s):
            break
        after.append(s)
    return after or [sents[i]]


def text_terms(text: str) -> list[str]:
    """The words (stems) a text holds, kept to tell later whether a question is about it."""
    return sorted(set(_terms(text)))


def about_text(question: str, terms: list[str] | set[str]) -> bool:
    """Whether a question is about a text holding these terms: it asks for the whole ("what are the main
    points"), or the text holds more than half of its words ("who is writing the job ads"; "will it rain
    on friday" after notes that name friday is not)."""
    asked, held = set(question_terms(question)), set(terms)
    if not asked or not held:
        return False
    return asks_for_whole(question) or 2 * len(asked & held) > len(asked)
