"""Who a draft goes to besides the person it is written to: "email alice and cc bob", "alice, copy carol",
"also bcc carol" after the read-back put them on the Cc (Bcc) line, not beside the addressee (who alone is
greeted); "take bob off" takes someone off any line."""

from __future__ import annotations

import re
from email.message import EmailMessage
from email.utils import getaddresses

from ..errors import UserError
from ..text import listed
from .contacts import Contact, find_contact, split_recipient

# what puts the people after it on the Cc line ("and cc bob", ", copy carol", "copying bob", "with a copy
# to"), or on the Bcc line ("bcc carol", "blind copy carol")
_COPY = re.compile(
    r"\s*,?\s*\b(?:and\s+)?(?:(?P<blind>bcc|b\s?c\s?c|blind(?:\s+copy|\s+cc)(?:ing)?(?:\s+in)?)|cc(?:'?d)?|c\s?c"
    r"|(?<!\ba )(?<!\bthe )copy(?:ing)?(?:\s+in)?|with\s+(?:a\s+)?(?:copy|cc)\s+to)\s+",  # not "a copy of the report"
    re.I,
)
# "bob in", "bob on it", "bob too": the words after a copied name that are not part of it
_AFTER = re.compile(r"(?:\s+(?:in|on it|on that|on the e-?mail|too|as well|please))+$", re.I)
_AND = re.compile(r"\s*(?:,\s*(?:and\s+)?|\band\s+)")


def ask_which(found, n: str, doing: str) -> None:
    """A name two contacts share asked about, in a UserError ("which bob should I copy in, ...?")."""
    if found.candidates:
        options = listed([c.name or c.email for c in found.candidates[:3]], "or")
        raise UserError(f"which {n} should I {doing}, {options}? Say the full name")


def split_copied(
    spoken: str, contacts: list[Contact], asked: bool = True
) -> tuple[str, list[Contact], str, str] | None:
    """ "alice and cc bob" -> ("alice", [bob], "", "Cc"); "alice bcc bob and carol about lunch" -> ("alice",
    [bob, carol], "about lunch", "Bcc"): the words the email is written to, the contacts copied, the words
    after them (the message run into the names) and the line they go on. None without copy words; when a
    copied name is no one's, UserError (what to say) if the recipient's words were `asked` that way, else
    None (they may be the message)."""
    found = _COPY.search(spoken.strip())
    to, after = (spoken.strip()[: found.start()], spoken.strip()[found.end() :]) if found else ("", "")
    if found is None or not to.strip():
        return None
    names = [p for p in _AND.split(_AFTER.sub("", after.strip())) if p]
    if not names:
        return None
    last, rest = split_recipient(names[-1], contacts)
    said = [*names[:-1], last or names[-1]]
    matches = [find_contact(n, contacts) for n in said]
    copied = [m.contact for m in matches if m.contact is not None and m.contact.email]
    if len(copied) < len(said) and not asked:  # "email alice copy of the minutes": the words were the message
        return None
    for n, m in zip(said, matches, strict=True):
        ask_which(m, n, "copy in")
    if unknown := [n for n, m in zip(said, matches, strict=True) if m.contact is None or not m.contact.email]:
        raise UserError(f"{listed(unknown)} isn't in your contacts, so I can't copy them in: say the email again "
                        "with a contact's name or an address")
    line = "Bcc" if found["blind"] else "Cc"
    return to.strip(), list({c.email.lower(): c for c in copied}.values()), rest, line


def copied_at_end(message: str, contacts: list[Contact]) -> tuple[str, list[Contact], str] | None:
    """ "i'll send the figures tomorrow and cc bob jones": the message, who it copies in and on which line,
    when the note ends on copy words joined to it ("and cc bob", ", copy carol in") that name contacts and
    nothing more; else None ("tell him to cc alice" is a message)."""
    if not re.search(r"(?:,|\band)\s+(?:cc|bcc|b c c|c c|blind (?:copy|cc)|copy)\b", message, re.I):
        return None
    found = split_copied(message, contacts, asked=False)
    if found is None or found[2]:
        return None
    return found[0], found[1], found[3]


def starts_copy(words: str) -> bool:
    """ "cc bob about lunch": words after a name that copy someone in."""
    return bool(_COPY.match(words))


def copy_line(words: str) -> str | None:
    """ "cc bob", "copy carol in": "Cc"; "bcc carol", "blind copy carol": "Bcc"; else None (an addressee)."""
    said = words.lower()
    if re.search(r"\b(?:bcc|b c c|blind (?:copy|cc)|blind copying|in bcc|on bcc)\b", said):
        return "Bcc"
    return "Cc" if re.search(r"\b(?:cc|c c|copy|copying|in cc|on cc)\b", said) else None


def copied_on(msg: EmailMessage, line: str = "Cc") -> list[Contact]:
    return [Contact(name, addr) for name, addr in getaddresses(msg.get_all(line, []))]


def with_copied(msg: EmailMessage, people: list[Contact], line: str = "Cc") -> None:
    """The Cc (or Bcc) line names `people` (and no one when it is empty)."""
    del msg[line]
    if people:
        msg[line] = ", ".join(c.formatted for c in people)


def copied_anywhere(msg: EmailMessage) -> list[Contact]:
    """Everyone on the draft's Cc and Bcc lines."""
    return [*copied_on(msg), *copied_on(msg, "Bcc")]


def uncopied(msg: EmailMessage, person: Contact) -> None:
    """`person` off the Cc and Bcc lines (where they are, if anywhere)."""
    for line in ("Cc", "Bcc"):
        with_copied(msg, [c for c in copied_on(msg, line) if c.email.lower() != person.email.lower()], line)


def copying(msg: EmailMessage) -> str:
    """ ", copying Bob Jones, blind copying Carol King" for the read-back; empty when no one is copied."""
    said = [f", {how} {listed([c.name or c.email for c in people])}"
            for how, people in (("copying", copied_on(msg)), ("blind copying", copied_on(msg, "Bcc"))) if people]
    return "".join(said)


def without(msg: EmailMessage, words: str, people: list[Contact]) -> list[Contact]:
    """ "take bob off": the person of that name (among those on the draft) taken off its To, Cc and Bcc
    lines; the people it is written to afterwards. UserError when no one on it has that name, or they are
    the only one it goes to."""
    on = [*people, *copied_anywhere(msg)]
    found = find_contact(words, on)
    ask_which(found, words, "take off")
    person = found.contact
    if person is None:  # who is on it, said: a name the recognizer mangled ("take bye bye") is caught
        raise UserError(f"{words} isn't on this email; it goes to {listed([c.name or c.email for c in on])}")
    left = [c for c in people if c.email.lower() != person.email.lower()]
    if not left:
        raise UserError(f"{person.name or person.email} is the only one it goes to: say send it to someone else "
                        "instead, or cancel it")
    if len(left) < len(people):
        msg.replace_header("To", ", ".join(c.formatted for c in left))
    uncopied(msg, person)
    return left
