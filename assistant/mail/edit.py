"""Changes to a draft the user asked for after hearing it read back: a new subject, or a sentence added
before the sign-off. The draft is an EmailMessage; a forward's attachment is left as it is."""

from __future__ import annotations

import re
from email.message import EmailMessage, MIMEPart

from ..dates import WEEKDAYS
from ..text import CARDINALS, listed
from .compose import as_sentence
from .contacts import Contact, find_contact
from .copied import ask_which, copied_anywhere, copied_on, with_copied, without

# how a sign-off block starts: a sentence added goes before it
SIGN_OFFS = ("best", "thanks", "thank you", "cheers", "regards", "kind regards", "best regards", "sincerely", "all the best")


def body_text(msg: EmailMessage) -> str:
    part = msg.get_body(preferencelist=("plain",))
    return part.get_content() if part is not None else ""


def with_subject(msg: EmailMessage, subject: str) -> None:
    subject = subject.strip().rstrip(".")
    msg.replace_header("Subject", subject[:1].upper() + subject[1:])


def _content(msg: EmailMessage) -> tuple[MIMEPart, list[str], int, int] | None:
    """The plain body, its paragraphs, and the range of those that are the message (not the greeting
    line nor the sign-off)."""
    part = msg.get_body(preferencelist=("plain",))
    if part is None:
        return None
    blocks = part.get_content().rstrip("\n").split("\n\n")
    last = len(blocks) - 1 if len(blocks) > 1 and blocks[-1].lower().startswith(SIGN_OFFS) else len(blocks)
    return part, blocks, (1 if last > 1 else 0), last


def with_sentence_added(msg: EmailMessage, words: str) -> None:
    """ "add that i'll bring the slides": the sentence as a paragraph of its own before the sign-off."""
    got = _content(msg)
    if got is None:
        return
    part, blocks, _first, last = got
    blocks.insert(last, as_sentence(words))
    part.set_content("\n\n".join(blocks) + "\n")


# what "change it to 5" / "make it friday" changes: the last time or number, or the last weekday
_NUMBER_WORDS = "|".join(sorted(CARDINALS, key=len, reverse=True))
_SUFFIX = r"\s?(?:am|pm|a\.m\.|p\.m\.|o'clock)"
# digits, or a number word said as a time ("four pm", "at three": the recognizer's words): "one" alone is
# too often no number to change
_TIME = rf"\d{{1,2}}(?::\d{{2}})?(?:{_SUFFIX})?|(?:{_NUMBER_WORDS}){_SUFFIX}|\d+(?:[.,]\d+)?|(?<=\b(?:at|by) )(?:{_NUMBER_WORDS})"
_DAY = rf"(?:{'|'.join(WEEKDAYS)})"
_PART = r"(?: (?:morning|afternoon|evening|night|lunchtime|noon))"
_KINDS = (
    re.compile(rf"\b(?:{_TIME})(?![\w:])", re.I),
    re.compile(rf"\b{_DAY}\b", re.I),
    # "make it sunday morning" after "move the hike to sunday": the day and its part of the day
    re.compile(rf"\b{_DAY}{_PART}?\b", re.I),
)
# where a weekday said goes in the message: a weekday, or a day said from today ("i'll send them tomorrow",
# then "make it thursday": "on Thursday")
_RELATIVE = ("today", "tomorrow", "tonight")
_FROM_TODAY = "|".join(_RELATIVE)
_IN_TEXT = {
    _KINDS[1]: re.compile(rf"\b(?:{_DAY}|{_FROM_TODAY})\b", re.I),
    _KINDS[2]: re.compile(rf"\b(?:{_DAY}{_PART}?|{_FROM_TODAY})\b", re.I),
}


def with_value_changed(msg: EmailMessage, value: str) -> bool:
    """ "change it to 5" after "the meeting moved to 4": the last time or number of the message (or its
    last weekday, for "make it friday"; with its part of the day, "make it sunday morning") becomes the
    new one; the greeting and sign-off are left alone. False when the new value is neither, or the message
    has none of its kind."""
    got = _content(msg)
    said = " ".join(value.split()).rstrip(".!?,;:")  # the recognizer's "make it 9."
    said = str(CARDINALS[said.lower()]) if said.lower() in CARDINALS else said  # "no, nine": the number
    kind = next((k for k in _KINDS if k.fullmatch(said)), None)
    if got is None or kind is None:
        return False
    part, blocks, first, last = got
    finder = _IN_TEXT.get(kind, kind)
    for i in range(last - 1, first - 1, -1):
        found = list(finder.finditer(blocks[i]))
        if found:
            m = found[-1]
            new = re.sub(r"\b([ap])\.?m\.?$", lambda a: a[1].upper() + "M", said, flags=re.I)
            if (suffix := re.search(rf"{_SUFFIX}$", m[0], re.I)) and not re.search(rf"{_SUFFIX}$", new, re.I):
                new += suffix[0]  # "4 PM" changed to 5 is 5 PM
            new = new.capitalize() if kind is not _KINDS[0] else new
            if m[0].lower() in _RELATIVE:  # "tomorrow" -> "on Thursday", "tonight" -> "on Thursday night"
                new = f"on {new}" + (" night" if m[0].lower() == "tonight" and " " not in said else "")
            blocks[i] = blocks[i][: m.start()] + new + blocks[i][m.end() :]
            part.set_content("\n\n".join(blocks) + "\n")
            subject = str(msg["Subject"] or "")  # a subject made of the message's words says it too (not a reply's)
            if not msg["In-Reply-To"] and (said_there := list(re.finditer(rf"\b{re.escape(m[0])}(?![\w:])", subject))):
                at = said_there[-1]
                msg.replace_header("Subject", subject[: at.start()] + new + subject[at.end() :])
            return True
    return False


# how an email should sound ("make it more formal", "make it shorter"): a rewrite the assistant does not make
TONE = re.compile(r"^(?:sound )?(?:a (?:bit|little) |much |way |even )?(?:more |less )?(?:formal|informal|polite|friendly|casual"
                  r"|professional|nicer|shorter|longer|warmer|kinder|politer|friendlier|polished|serious|funnier|funny|nice|short)\b")
# "change 3 to 4", "replace friday with saturday": words of the draft and their new ones
REPLACED = re.compile(r"\b(?:change|replace|swap|switch) (?!(?:it|that|this|the subject)\b)(?P<old>.+?) (?:to|with|for|into) (?P<new>.+?)(?: instead)?(?: please)?$")
LAST_SENTENCE = re.compile(r"(?:the )?last (?:sentence|line|bit|part)")
_SENTENCE_GAP = re.compile(r"(?<=[.!?])\s+")


def with_words_replaced(msg: EmailMessage, old: str, new: str) -> bool:
    """ "change 3 to 4", "replace friday with saturday": those words of the message (and of a subject made
    of them) become the new ones; False when the message does not say them."""
    got = _content(msg)
    if got is None or not old.strip():
        return False
    part, blocks, first, last = got
    old = " ".join(old.split())
    # a number as digits or as a word ("change 3 to 4" when the recognizer wrote the message's "three")
    forms = {old, *(w for w, n in CARDINALS.items() if str(n) == old), *([str(CARDINALS[old])] if old in CARDINALS else [])}
    said = re.compile(rf"(?<![\w'])(?:{'|'.join(re.escape(f) for f in sorted(forms, key=len, reverse=True))})(?![\w'])", re.I)
    if not any(said.search(b) for b in blocks[first:last]):
        return False
    blocks[first:last] = [said.sub(new, b) for b in blocks[first:last]]
    part.set_content("\n\n".join(blocks) + "\n")
    if not msg["In-Reply-To"] and said.search(str(msg["Subject"] or "")):
        with_subject(msg, said.sub(new, str(msg["Subject"])))
    return True


def without_last_sentence(msg: EmailMessage) -> bool:
    """ "remove the last sentence": the message's last sentence goes; False when it has only one."""
    got = _content(msg)
    if got is None:
        return False
    part, blocks, first, last = got
    sentences = [s for b in blocks[first:last] for s in _SENTENCE_GAP.split(b.strip()) if s]
    if len(sentences) < 2:
        return False
    kept = _SENTENCE_GAP.split(blocks[last - 1].strip())[:-1]
    blocks[last - 1 : last] = [" ".join(kept)] if kept else []
    part.set_content("\n\n".join(blocks) + "\n")
    return True


# "make that alice instead", "change it to bob then": the words around the name
_INSTEAD = re.compile(r"\b(?:instead|then|please|to|send it to|write to)\b")


def recipient_named(words: str, contacts: list[Contact]) -> Contact | None:
    """The one contact "make that alice" names, or None."""
    return find_contact(_INSTEAD.sub("", words), contacts).contact


def with_recipient(msg: EmailMessage, before: list[Contact], person: Contact) -> None:
    """ "make that alice" after a draft to bob: the draft goes to the new person, and the greeting that
    named the old one names the new one."""
    msg.replace_header("To", person.formatted)
    old = [c.first_name for c in before if c.name]
    if old and person.name:
        _greeted(msg, old[0], person.first_name)


def _greeted(msg: EmailMessage, name: str, instead: str) -> None:
    """The greeting's first mention of `name` (its first paragraph: "Hi Alice,") said as `instead`."""
    part = msg.get_body(preferencelist=("plain",))
    if part is None:
        return
    blocks = part.get_content().split("\n\n")
    blocks[0] = re.sub(rf"\b{re.escape(name)}\b", instead, blocks[0], count=1)
    part.set_content("\n\n".join(blocks))


# "also add bob", "add carol too": a person added, not a sentence
_ADDED = re.compile(r"^(?:(?:also|and|please|cc|bcc|blind copy|copy|copy in|include|add)\s+)*(?P<who>.+?)(?:\s+(?:too|as well|in cc|on cc|in bcc|on bcc|on it|please))*$")


def with_added(
    msg: EmailMessage, words: str, people: list[Contact], contacts: list[Contact], line: str = "To"
) -> list[Contact]:
    """ "add that i'll bring the slides": the sentence added before the sign-off; "also add bob" (a contact's
    name and nothing more, up to three words): bob added to the recipients and the greeting ("also cc bob":
    to the `line` Cc, "also bcc bob" to Bcc). The people the draft is written to afterwards."""
    m = _ADDED.match(" ".join(words.lower().split()))
    found = find_contact(m["who"], contacts) if m and len(m["who"].split()) <= 3 else None
    if found is not None:  # "also cc bob" with two Bobs: which one (not a sentence "Bob.")
        ask_which(found, m["who"], "add")
    person = found.contact if found is not None else None
    copied = copied_on(msg, line) if line != "To" else []
    if person is not None and person.email in {c.email for c in [*people, *copied_anywhere(msg)]}:
        return people  # already on it: no sentence "Alice." added
    if person is None:
        with_sentence_added(msg, words)
        return people
    if line != "To":  # "also cc bob": on the Cc line, not greeted
        with_copied(msg, [*copied, person], line)
        return people
    msg.replace_header("To", ", ".join(c.formatted for c in [*people, person]))
    named = [c.first_name for c in people if c.name]
    if len(named) == 1 and person.name:  # "Hi Alice," -> "Hi Alice and Bob,"
        _greeted(msg, named[0], f"{named[0]} and {person.first_name}")
    return [*people, person]


def with_removed(msg: EmailMessage, words: str, people: list[Contact]) -> list[Contact]:
    """ "take bob off": that person off the draft (copied.without), and off its greeting ("Hi Alice and
    Bob," -> "Hi Alice,"). The people it is written to afterwards."""
    left = without(msg, words, people)
    before, after = [c.first_name for c in people if c.name], [c.first_name for c in left if c.name]
    if len(left) < len(people) and before and after:
        _greeted(msg, listed(before), listed(after))
    return left
