"""Which inbox message a reply or a forward is about: the one just read out ("reply to it"), the newest
("reply to the last email", "reply" with no name), or the newest from someone named ("answer bob")."""

from __future__ import annotations

import re
from email.message import EmailMessage
from email.utils import getaddresses
from pathlib import Path
from typing import Any

from ..dates import NTH
from ..text import normalize
from .contacts import Contact, Match
from .store import last_message, last_message_from, message_by_ref, nth_newest

# "reply to that email", "reply" with no name: the newest email in the inbox is meant
NEWEST = {"", "my", "the", "my last", "the last", "my latest", "the latest", "last", "latest", "newest", "inbox",
          "that", "this", "it", "that one", "this one"}
# the email just read out, if one was; "reply to him": its sender
THAT = {"it", "that", "this", "that one", "this one", "him", "her", "them", "the sender"}
# whose email about what: "bob's hike" (of "reply to bob's hike email")
OWNED_TOPIC = re.compile(r"^(?P<who>[a-z]+(?: [a-z]+)?)(?:'s|s'|’s) (?P<topic>(?!(?:last|latest|newest|recent|most recent)\b)[a-z0-9' ]+)$")
# "the second one" of the inbox as it is listed, newest first ("reply to the second one")
NTH_ONE = {f"the {word} one": n for word, n in NTH.items() if n > 0}
_MAIL_WORD = re.compile(r"\s*\b(e-?mail|message|mail)s?$")


def _named(spoken: str) -> str:
    """Who or what was named, without a last word for mail ("that email" -> "that")."""
    return _MAIL_WORD.sub("", normalize(spoken))


def means_newest(spoken: str) -> bool:
    """Whether the name said stands for the newest email ("the last email", "that one", nothing)."""
    return _named(spoken) in NEWEST


def shown_email(root: Path, spoken: str, shown: dict[str, Any] | None) -> EmailMessage | None:
    """ "reply to it", "forward that": the email the last reply read out (its card's email_ref), if any;
    "the second one": the inbox's second newest."""
    if (n := NTH_ONE.get(normalize(spoken))) is not None:
        return nth_newest(root, n)
    if _named(spoken) not in THAT or not (shown or {}).get("email_ref"):
        return None
    return message_by_ref(root, str(shown["email_ref"]))  # type: ignore[index]


def replied_to(
    root: Path, spoken: str, match: Match, shown: dict[str, Any] | None
) -> tuple[EmailMessage | None, Contact | None]:
    """The message a reply answers: the one just read out, the newest, or the newest from the contact (any
    of the candidates when the name was ambiguous: the one who wrote last is meant); and who to answer:
    its Reply-To, else its From."""
    people = match.people
    original = shown_email(root, spoken, shown)
    owned = OWNED_TOPIC.match(_named(spoken))
    if original is None and owned is not None and not people:
        # "bob's hike email": the newest from bob about the hike, else his newest
        about = [w for w in owned["topic"].split() if w not in ("the", "a", "an", "about")]
        original = last_message_from(root, set(), owned["who"], about) or last_message_from(root, set(), owned["who"])
    if original is None:
        newest = means_newest(spoken)
        original = last_message(root) if newest else last_message_from(root, {c.email for c in people}, spoken)
    if original is None:
        return None, None
    pairs = getaddresses(original.get_all("Reply-To", []) or original.get_all("From", []))
    name, addr = pairs[0] if pairs else ("", "")
    known = next((c for c in people if c.email.lower() == addr.lower()), None)
    return original, known or Contact(name, addr)
