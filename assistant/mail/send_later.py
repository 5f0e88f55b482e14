"""Sending later, asked for: an email goes only when the user says yes, so "schedule an email to bob for
monday", "... and send it on friday", and "send it tomorrow morning" to a draft waiting for its yes are
told so, and the words that asked are no part of the email (they had been written into it: "Happy
birthday and send it on Friday.")."""

from __future__ import annotations

import re

from ..dates import WEEKDAYS

CANT = "I can't send emails later: one goes when you say yes, and waits in your drafts until then."
_WHEN = r"(?:later\b|tomorrow\b|tonight\b|(?:on|next|this)\s+\w+|at\s+\d|in\s+(?:an?|\d+|one|two|three)\b|first thing\b)"
# "... and send it on friday", ", then send it tomorrow morning": the end of a dictated note, joined to it
# ("can you send it tomorrow" is the note: a request to the recipient)
_IN_NOTE = re.compile(
    rf"[\s,]*\b(?:and|then)\s+(?:please\s+)?(?:send|schedule|deliver|email)\s+(?:it|this|that|the e-?mail)\s+{_WHEN}.*$", re.I
)
_SCHEDULE = re.compile(r"^(?:please\s+)?(?:(?:can|could|would) you\s+)?schedule\s+(?:an?\s+|the\s+)?(?:e-?mail|mail|message)\b")


def later_asked(note: str, utterance: str) -> tuple[str, bool]:
    """The note without the words asking to send it later, and whether they (or "schedule an email ...")
    asked for that."""
    cut = _IN_NOTE.sub("", note).strip()
    if not cut:  # the whole note: words to the recipient
        return note, bool(_SCHEDULE.match(utterance))
    return cut, cut != note.strip() or bool(_SCHEDULE.match(utterance))


# "schedule an email to alice for monday": a time after the name is when to send it, not part of the name
_AFTER_NAME = re.compile(rf"\s+(?:(?:for|on|at|by)\s+)?(?:{'|'.join(WEEKDAYS)}|tomorrow(?: morning| afternoon| evening)?|tonight|later)$")


def unscheduled(recipient: str) -> tuple[str, bool]:
    """The recipient's words without a time to send at ("alice for monday" -> "alice"; a name is at most
    three words), and whether they had one."""
    cut = _AFTER_NAME.sub("", recipient.strip(), count=1)
    if len(cut.split()) > 3:  # "bob about the party on saturday": the message ran into the name
        return recipient.strip(), False
    return cut, cut != recipient.strip()
