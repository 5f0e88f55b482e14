"""What an email's own headers answer, said in a sentence: who sent it, when, its subject ("who sent it",
"when did bob send it", "what's the subject"), asked right after it was read out. Header text is outside
text: made printable."""

from __future__ import annotations

import re
from datetime import tzinfo
from email.message import EmailMessage
from email.utils import getaddresses, parseaddr, parsedate_to_datetime

from ..durations import spoken_time
from ..text import listed, normalize
from ..text_guard import printable

# what an email's headers answer: "when did bob send it", "who sent it", "what's it about"
ASKS_WHEN = re.compile(
    r"^(?:when|what time|what day|how long ago) (?:did|was|was it|has|have)\b.*"
    r"\b(?:send|sent|arrive|arrived|come|came|write|wrote|get|got|receive|received)\b"
)
ASKS_WHO = re.compile(r"^who(?:'s| is| was)? (?:sent|wrote|e-?mailed|mailed|messaged|(?:it|that|this|the (?:e-?mail|mail|message)"
                      r"|(?:my|the) (?:last|latest|newest|most recent) (?:e-?mail|mail|message)) from)\b")
ASKS_SUBJECT = re.compile(r"^what(?:'s| is| was) (?:the|its) subject\b")
# "who else got that email", "who was it sent to", "who's on it", "was anyone copied"
ASKS_TO = re.compile(r"^(?:who (?:else )?(?:got|received|gets|was|is|were) (?:it|that|this|the (?:e-?mail|mail|message)|that e-?mail|on it|copied|cc'?d)"
                     r"|who (?:was|is) (?:it|that|this) (?:sent|addressed|going) to|(?:was|is) (?:anyone|anybody|somebody|someone) (?:else )?(?:copied|cc'?d|on it))\b")


def asks_about_headers(question: str) -> bool:
    q = normalize(question)
    return bool(ASKS_WHEN.match(q) or ASKS_WHO.match(q) or ASKS_SUBJECT.match(q) or ASKS_TO.match(q))


def email_facts(question: str, msg: EmailMessage, tz: tzinfo | None, me: str = "") -> str | None:
    """When it came, who sent it, who it went to or its subject, from the email's own headers; None for
    other questions. me: the user's own address, said as "you"."""
    q = normalize(question)
    if not asks_about_headers(q):
        return None
    name, addr = parseaddr(str(msg.get("From", "") or ""))
    who = printable(name or addr or "someone")
    if ASKS_TO.match(q):  # who it went to: the To and Cc lines (the user is "you")
        return _went_to(msg, who, parseaddr(me)[1].lower())
    if ASKS_SUBJECT.match(q):
        return f"Its subject is {printable(str(msg.get('Subject', '') or '').strip()) or 'empty'}."
    if ASKS_WHO.match(q):
        return f"It's from {who}" + (f" ({printable(addr)})." if name and addr else ".")
    try:
        sent = parsedate_to_datetime(str(msg["Date"])).astimezone(tz)
    except (TypeError, ValueError, IndexError):
        return f"The email from {who} doesn't say when it was sent."
    return f"{who} sent it on {sent:%A}, {sent:%B} {sent.day}, at {spoken_time(sent.hour, sent.minute)}."


def _went_to(msg: EmailMessage, sender: str, me: str) -> str:
    """ "Bob's email went to you and Alice Smith; Carol King was copied.", from its own To and Cc."""
    lines = {h: ["you" if me and a.lower() == me else printable(n or a) for n, a in getaddresses([str(v) for v in msg.get_all(h, [])])]
             for h in ("To", "Cc")}
    to = listed(lines["To"]) if lines["To"] else "no one named"
    copied = f"; {listed(lines['Cc'])} {'was' if len(lines['Cc']) == 1 else 'were'} copied" if lines["Cc"] else "; no one was copied"
    return f"{sender}'s email went to {to}{copied}."
