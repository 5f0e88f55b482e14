"""What the inbox holds from someone ("do i have any emails from bob"): how many, and about what. The
inbox is what the user's mail program delivered to the Maildir; nothing is fetched here."""

from __future__ import annotations

import re
from typing import Any

from ..errors import UserError
from ..text import listed
from ..text_guard import printable
from .contacts import find_contact, load_contacts
from .settings import EmailSettings
from .store import inbox_list, last_message_from, subjects_from

# asked whether there is mail from someone, not for their newest email read out
ANY_FROM = re.compile(
    r"\b(?:do i have|have i got|did i get|are there|is there|have i had|any)\b.*\b(?:e-?mails?|mails?|messages?) from\b"
    r"|^(?:(?:and|so|ok|okay|what about),? )*any (?:from|by)\b"  # "any from alice" right after the inbox was listed
)
# what a template leaves of the sender: "bob", "from bob", "emails from bob"
FROM_WHOM = re.compile(r"^(?:(?:e-?mails?|mails?|messages?) )?(?:from )?(?P<who>[a-z][a-z' .-]*)$")


def emails_from(settings: EmailSettings, who: str) -> tuple[str, dict[str, Any]]:
    """The reply's words and card: how many emails the inbox holds from a contact (or a sender whose name
    is like the one said), and the newest three's subjects (outside text: said, never obeyed)."""
    people = find_contact(who, load_contacts(settings.contacts, settings.address_book)).people
    subjects = subjects_from(settings.maildir_path, {c.email for c in people}, who)
    named = people[0].name if len(people) == 1 and people[0].name else who
    card = {"type": "inbox", "count": len(subjects), "from": named}
    if not subjects:
        return f"No, there's no email from {named} in your inbox.", card
    abouts = listed([f"about {printable(x)}" if x else "with no subject" for x in subjects[:3]])
    lead = "one email" if len(subjects) == 1 else f"{len(subjects)} emails"
    return f"Yes, {lead} from {named}: {abouts}. Say read {who}'s email to hear the newest.", card


def inbox_said(settings: EmailSettings, n: int) -> tuple[str, dict[str, Any]]:
    """The reply's words and card for "what's in my inbox": how many emails, and who sent the newest `n`
    and about what (outside text: said, never obeyed)."""
    count, newest = inbox_list(settings.maildir_path, n)
    if not count:
        return "Your inbox is empty.", {"type": "inbox", "count": 0}
    heads = [printable(who) + (f" about {printable(subject)}" if subject else "") for who, subject in newest]
    lead = "one email" if count == 1 else f"{count} emails"
    said = f"Your inbox has {lead}. " + ("It's from " if count == 1 else "The newest are from ") + listed(heads)
    return said + ". Say read my last email to hear the newest.", {"type": "inbox", "count": count, "newest": heads}


def topic_words(topic: str) -> list[str]:
    """A subject's words to look for ("the budget report" -> budget, report)."""
    return [w for w in topic.split() if w not in ("the", "a", "an", "my", "this", "that", "last", "latest")]


def newest_from(settings: EmailSettings, who: str, topic: str = "") -> Any:
    """The newest inbox message from a contact, or from a sender whose name is like the one said (and
    with the topic's words in its subject, when one is said); UserError when there is none."""
    people = find_contact(who, load_contacts(settings.contacts, settings.address_book)).people
    about = topic_words(topic)
    msg = last_message_from(settings.maildir_path, {c.email for c in people}, who, about)
    if msg is None:
        raise UserError(f"I found no email from {who}{' about ' + topic if about else ''} in your inbox")
    return msg


# the source a near miss offers to read ("did alice email me": "email from alice")
OFFERED_FROM = re.compile(r"^email from (?P<who>.+?)(?: about (?P<topic>.+))?$")


def offer_unavailable(args: dict[str, Any], settings: EmailSettings) -> str | None:
    """Before "Shall I?" is asked about someone's newest email: that there is none, said at once."""
    m = OFFERED_FROM.match(str(args.get("source") or ""))
    if m is None:
        return None
    try:
        newest_from(settings, m["who"], m["topic"] or "")
    except UserError as exc:
        return f"Sorry, {exc}."
    return None
