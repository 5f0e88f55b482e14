"""What an email's own headers answer, said in a sentence: who sent it, when, its subject ("who sent it",
"when did bob send it", "what's the subject"), asked right after it was read out. Header text is outside
text: made printable."""

from __future__ import annotations

import re
from datetime import tzinfo
from email.message import EmailMessage
from email.utils import parseaddr, parsedate_to_datetime

from ..durations import spoken_time
from ..text import normalize
from ..text_guard import printable

# what an email's headers answer: "when did bob send it", "who sent it", "what's it about"
ASKS_WHEN = re.compile(
    r"^(?:when|what time|what day|how long ago) (?:did|was|was it|has|have)\b.*"
    r"\b(?:send|sent|arrive|arrived|come|came|write|wrote|get|got|receive|received)\b"
)
ASKS_WHO = re.compile(r"^who(?:'s| is| was)? (?:sent|wrote|e-?mailed|mailed|messaged|(?:it|that|this|the (?:e-?mail|mail|message)"
                      r"|(?:my|the) (?:last|latest|newest|most recent) (?:e-?mail|mail|message)) from)\b")
ASKS_SUBJECT = re.compile(r"^what(?:'s| is| was) (?:the|its) subject\b")


def asks_about_headers(question: str) -> bool:
    q = normalize(question)
    return bool(ASKS_WHEN.match(q) or ASKS_WHO.match(q) or ASKS_SUBJECT.match(q))


def email_facts(question: str, msg: EmailMessage, tz: tzinfo | None) -> str | None:
    """When it came, who sent it or its subject, from the email's own headers; None for other questions."""
    q = normalize(question)
    if not asks_about_headers(q):
        return None
    name, addr = parseaddr(str(msg.get("From", "") or ""))
    who = printable(name or addr or "someone")
    if ASKS_SUBJECT.match(q):
        return f"Its subject is {printable(str(msg.get('Subject', '') or '').strip()) or 'empty'}."
    if ASKS_WHO.match(q):
        return f"It's from {who}" + (f" ({printable(addr)})." if name and addr else ".")
    try:
        sent = parsedate_to_datetime(str(msg["Date"])).astimezone(tz)
    except (TypeError, ValueError, IndexError):
        return f"The email from {who} doesn't say when it was sent."
    return f"{who} sent it on {sent:%A}, {sent:%B} {sent.day}, at {spoken_time(sent.hour, sent.minute)}."
