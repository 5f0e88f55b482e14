"""The words of a letter without its greeting and sign-off: what an email says, for a summary of
incoming mail and for the spoken read-back of a draft. "Hi Sam," left in had the small model write
"Sam moved to ..." for "Hi Sam, the offsite moved to ..."."""

from __future__ import annotations

import re

# a first line that only greets: "Hi Sam,", "Dear Ms. King,", "Hello!" (not "Hi, the meeting moved.")
# or the name alone: "Sam,"
GREETING = re.compile(
    r"^(hi|hello|hey|dear|good (morning|afternoon|evening)|greetings)\b.{0,40}(?<![.?])$|^[a-z][\w'-]*( [a-z][\w'-]*)?,$", re.I
)
SIGN_OFF_WORDS = 3  # "Best,", "Thanks a lot,", "Bob Jones": short lines at the end that end no sentence


def letter_body(text: str) -> str:
    """The lines between a greeting line and the short sign-off lines at the end, joined by spaces (the
    text as it is when it has neither)."""
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
    if len(lines) > 1 and GREETING.match(lines[0]):
        lines = lines[1:]
    cut = 0
    while cut < 3 and len(lines) - cut > 1:
        line = lines[-1 - cut]
        if len(line.split()) > SIGN_OFF_WORDS or line.endswith((".", "?")):
            break
        cut += 1
    return " ".join(lines[: len(lines) - cut] if cut else lines)
