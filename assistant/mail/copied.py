"""People copied in on a draft: "email alice and cc bob", "alice, copy carol", and "also cc bob" after the
read-back put them on the Cc line, not beside the person the email is written to (who alone is greeted)."""

from __future__ import annotations

import re
from email.message import EmailMessage
from email.utils import getaddresses

from ..errors import UserError
from ..text import listed
from .contacts import Contact, find_contact, split_recipient

# what puts the people after it on the Cc line: "and cc bob", ", copy carol", "copying bob", "with a copy to"
_COPY = re.compile(
    r"\s*,?\s*\b(?:and\s+)?(?:cc(?:'?d)?|c\s?c|copy(?:ing)?(?:\s+in)?|with\s+(?:a\s+)?(?:copy|cc)\s+to)\s+", re.I
)
# "bob in", "bob on it", "bob too": the words after a copied name that are not part of it
_AFTER = re.compile(r"(?:\s+(?:in|on it|on that|on the e-?mail|too|as well|please))+$", re.I)
_AND = re.compile(r"\s*(?:,\s*(?:and\s+)?|\band\s+)")


def split_copied(spoken: str, contacts: list[Contact], asked: bool = True) -> tuple[str, list[Contact], str] | None:
    """ "alice and cc bob" -> ("alice", [bob], ""); "alice cc bob and carol about lunch" -> ("alice", [bob,
    carol], "about lunch"): the words the email is written to, the contacts copied and the words after them
    (the message run into the names). None without copy words; when a copied name is no one's, UserError
    (what to say) if the recipient's words were `asked` that way, else None (they may be the message)."""
    parts = _COPY.split(spoken.strip(), maxsplit=1)
    if len(parts) != 2 or not parts[0].strip():
        return None
    names = [p for p in _AND.split(_AFTER.sub("", parts[1].strip())) if p]
    if not names:
        return None
    last, rest = split_recipient(names[-1], contacts)
    said = [*names[:-1], last or names[-1]]
    matches = [find_contact(n, contacts) for n in said]
    copied = [m.contact for m in matches if m.contact is not None and m.contact.email]
    if len(copied) < len(said) and not asked:  # "email alice copy of the minutes": the words were the message
        return None
    for n, m in zip(said, matches, strict=True):
        if m.candidates:
            options = listed([c.name or c.email for c in m.candidates[:3]], "or")
            raise UserError(f"which {n} should I copy in, {options}? Say the email again with the full name")
    if unknown := [n for n, m in zip(said, matches, strict=True) if m.contact is None or not m.contact.email]:
        raise UserError(f"{listed(unknown)} isn't in your contacts, so I can't copy them in: say the email again "
                        "with a contact's name or an address")
    return parts[0].strip(), list({c.email.lower(): c for c in copied}.values()), rest


def starts_copy(words: str) -> bool:
    """ "cc bob about lunch": words after a name that copy someone in."""
    return bool(_COPY.match(words))


def says_copy(words: str) -> bool:
    """ "cc bob", "copy carol in", "bob in cc": the person is copied in, not a second addressee."""
    return bool(re.search(r"\b(?:cc|c c|copy|copying|in cc|on cc)\b", words.lower()))


def copied_on(msg: EmailMessage) -> list[Contact]:
    return [Contact(name, addr) for name, addr in getaddresses(msg.get_all("Cc", []))]


def with_copied(msg: EmailMessage, people: list[Contact]) -> None:
    """The Cc line names `people` (and no one when it is empty)."""
    del msg["Cc"]
    if people:
        msg["Cc"] = ", ".join(c.formatted for c in people)


def copying(people: list[Contact]) -> str:
    """ ", copying Bob Jones" for the read-back; empty when no one is copied."""
    return f", copying {listed([c.name or c.email for c in people])}" if people else ""
