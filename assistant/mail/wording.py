"""A note said as what the email does ("asking for friday off", "thanking her for the flowers") in the
words of the email itself ("I'd like to ask for friday off.", "Thank you for the flowers."): people
describe an email's purpose as often as they dictate it, and the template draft writes the note as said.

The recipient is spoken of in the third person and written to in the second: "congratulating her on her
new job" -> "Congratulations on your new job!". A third person in a purpose ("asking if she is free")
is nearly always the person asked; a dictated message ("tell bob she said yes") is not reworded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_OBJ = r"(?:(?:him|her|them)\s+)"
_SUBJECT = {"he", "she", "they"}
_OTHER = {"him": "you", "them": "you", "his": "your", "their": "your", "hers": "yours", "theirs": "yours",
          "himself": "yourself", "herself": "yourself", "themselves": "yourself"}
# "her" before one of these is the object ("thank her for"); before anything else, a possessive
_AFTER_OBJECT = {"to", "for", "at", "in", "on", "and", "with", "about", "that", "the", "a", "an", "if", "know"}
_BE = {"is": "are", "was": "were", "has": "have", "does": "do", "doesn't": "don't", "isn't": "aren't",
       "wasn't": "weren't", "hasn't": "haven't"}


@dataclass(frozen=True)
class Wording:
    sentence: str  # the email's words for the note
    topic: str | None  # what it is about, for the subject line; None: the sentence's first words serve


def _verb_for_you(word: str) -> str:
    """The verb after a third-person subject, for "you": "needs" -> "need", "goes" -> "go"."""
    if word in _BE:
        return _BE[word]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if re.search(r"(ss|sh|ch|x|o)es$", word):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 2:
        return word[:-1]
    return word


def to_recipient(text: str) -> str:
    """Third-person pronouns for the recipient in the second person."""
    words = text.split()
    out: list[str] = []
    i = 0
    while i < len(words):
        w = words[i]
        low = w.lower()
        nxt = words[i + 1].lower() if i + 1 < len(words) else ""
        if low in _SUBJECT:
            out.append("you")
            if nxt and nxt not in _SUBJECT and nxt not in _OTHER and nxt != "her":
                out.append(_verb_for_you(nxt))
                i += 1
        elif low in ("he's", "she's", "they're"):
            out.append("you're")
        elif low == "her":
            out.append("you" if not nxt or nxt in _AFTER_OBJECT else "your")
        else:
            out.append(_OTHER.get(low, w))
        i += 1
    return " ".join(out)


# (pattern, the email's words, whether x is the topic)
_ACTS: tuple[tuple[re.Pattern, str, bool], ...] = tuple(
    (re.compile(p), out, topic)
    for p, out, topic in (
        (rf"^ask(?:ing)? {_OBJ}?for (?P<x>.+)$", "I'd like to ask for {x}.", True),
        (rf"^ask(?:ing)? {_OBJ}?about (?P<x>.+)$", "I wanted to ask about {x}.", True),
        (rf"^ask(?:ing)? {_OBJ}?(?P<w>if|whether) (?P<x>.+)$", "I wanted to ask {w} {x}.", False),
        (rf"^ask(?:ing)? {_OBJ}?to (?P<x>.+)$", "Could you {x}?", True),
        # "ask him what time the meeting is": the question as asked, which needs no reordering
        (rf"^ask(?:ing)? {_OBJ}?(?P<w>what|when|where|who|whom|which|why|how) (?P<x>.+)$", "I wanted to ask {w} {x}.", False),
        (rf"^thank(?:ing|s)? {_OBJ}?for (?P<x>.+)$", "Thank you for {x}.", False),
        # "send alice a thank you note": the note itself ("Thank you note." had been its words)
        (r"^(?:an? )?(?:thank[- ]you|thanks)(?P<x>) (?:note|e-?mail|message|card|letter|line)$", "Thank you!", False),
        (rf"^remind(?:ing)? {_OBJ}(?P<w>to|that|about|of) (?P<x>.+)$", "Just a reminder {w} {x}.", True),
        (rf"^invit(?:e|ing) {_OBJ}(?:to|for) (?P<x>.+)$", "Would you like to come to {x}?", True),
        (r"^(?:apologi[sz](?:e|ing)|saying sorry) for (?P<x>.+)$", "I'm sorry for {x}.", False),
        (rf"^congratulat(?:e|ing) {_OBJ}on (?P<x>.+)$", "Congratulations on {x}!", False),
        (rf"^wish(?:ing)? {_OBJ}(?P<x>.+)$", "Wishing you {x}!", False),
        (rf"^tell(?:ing)? {_OBJ}to (?P<x>.+)$", "Could you {x}?", True),
        (rf"^tell(?:ing)? {_OBJ}(?:that )?(?P<x>.+)$", "{x}", False),
        (rf"^let(?:ting)? {_OBJ}know about (?P<x>.+)$", "I wanted to let you know about {x}.", True),
        (rf"^let(?:ting)? {_OBJ}know (?:that )?(?P<x>.+)$", "{x}", False),
        (r"^(?:about|regarding) (?P<x>.+)$", "I'm writing about {x}.", True),
        # what is left of "tell bob to call me"
        (r"^to (?P<x>(?!be honest)\w+.*)$", "Could you {x}?", True),
    )
)


_ACT_VERB = r"(?:ask|tell|let|remind|invite|thank|wish|congratulate|apologi[sz]e)"
# "the meeting moved and ask her to confirm": the note, then a request to the recipient in the same breath
# ("them" may be others: "bring the kids and tell them to wear boots")
_THEN_ACT = re.compile(rf"^(?P<said>.+?),? and (?:then |also )?(?P<act>{_ACT_VERB}\w* (?:him|her)\b.+|ask(?:ing)? (?:if|whether)\b.+)$", re.I)


def worded(note: str) -> Wording | None:
    """The email's words for a note that says what the email does; None for a note that is the email's
    words already ("i'll be late tomorrow")."""
    text = " ".join(note.strip().rstrip(".!?").split())
    # "message alice and ask her ...", "email bob to ask if he's free"
    text = re.sub(rf"^(?:and|to) (?={_ACT_VERB}\w*\b)", "", text, flags=re.I)
    if (two := _THEN_ACT.match(text)) is not None and (then := _worded(two["act"])) is not None:
        first = _worded(two["said"])
        said = _sentence(first.sentence if first else re.sub(r"^that ", "", two["said"]))
        return Wording(f"{said} {_sentence(then.sentence)}", first.topic if first else None)
    return _worded(text)


def _sentence(text: str) -> str:
    """Words as a sentence: a capital first letter, and a full stop unless it has its own."""
    return f"{text[:1].upper()}{text[1:]}" + ("" if text[-1:] in ".!?" else ".")


def _worded(text: str) -> Wording | None:
    low = text.lower()
    for pattern, out, topic in _ACTS:
        m = pattern.match(low)
        if m is None:
            continue
        # the user's own spelling of x (names, times) from the same span of the original text
        x = text[m.start("x") : m.end("x")]
        said = to_recipient(x)
        words = {k: v for k, v in m.groupdict().items() if k != "x"}
        return Wording(out.format(x=said, **words), said if topic else None)
    return None
