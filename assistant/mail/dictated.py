"""The message in a command's words: what comes after the recipient's name ("email carol the figures are
late"), without the command a model copied into it or the words that introduce dictation ("it should
say ...")."""

from __future__ import annotations

import re

from ..text import normalize

AFTER_NAME = re.compile(  # an article only with the word for mail after it ("email carol the figures are late")
    r"^(?:(?:(?:an?|the) )?(?:(?:last|latest|most recent|newest|recent) )?(?:(?:e-?)?mail|message|note|line)\b\s*)?"
    r"(?:saying|that says|to say|that|and say|telling (?:him|her|them))?\s*"
)


# what may follow a name said on its own ("alice then", "carol instead please", "bob too"): no words of the email
NAME_TAIL = re.compile(r"(?:,?\s+(?:then|instead|please|rather|i guess|i mean|too|as well|also))+$")


def after_name(utterance: str, spoken: str) -> str:
    """The user's words after the recipient's name, when the name is in them: the message a model left
    out of its arguments."""
    words, name = normalize(utterance).split(), normalize(spoken).split()
    if not name:
        return ""
    ends = [i + len(name) for i in range(len(words) - len(name) + 1) if words[i : i + len(name)] == name]
    if not ends:
        return ""
    rest = AFTER_NAME.sub("", " ".join(words[ends[-1] :]), count=1)
    rest = re.sub(r"\s*\b(please|thanks|thank you)$", "", rest).strip()
    return "" if NAME_TAIL.fullmatch(f" {rest}") else rest


COMMAND_IN_MESSAGE = re.compile(
    r"^.*?\b(?:e-?mail|mail|message|note|line)\b.*?\b(?:saying|that says|to say|and say|telling (?:him|her|them)|"
    r"and tell (?:him|her|them)|that)\s+(?P<rest>.+)$"
)


# how people introduce the text they dictate: "it should say the meeting moved", "just say that i'm late"
SAYS = re.compile(r"^(?:(?:it|the (?:e-?mail|message|note|reply)) (?:should|must|can|could|will|needs to) (?:say|read)(?: that)?"
                  r"|(?:just|please) (?:say|write)(?: that)?|say that"
                  r"|(?:via|by|through|over|in an?) (?:e-?mail|mail)(?: that)?|(?:the )?body(?: is| says| should say)?:?)"
                  r" (?=\S)")  # not "say hi to the team"


def said_part(message: str, recipient: str) -> str:
    """The message without the command a model copied into it ("shoot bob a quick email saying the
    meeting is at 3" -> "the meeting is at 3"): only when the recipient's name is in the copied part; and
    without the words that introduce it ("it should say ...")."""
    message = SAYS.sub("", message.strip(), count=1) or message
    m = COMMAND_IN_MESSAGE.match(message.lower())
    if m is None or not recipient or normalize(recipient) not in normalize(message[: m.start("rest")]):
        return message
    return message[m.start("rest") :]


def as_typed(message: str, utterance: str) -> str:
    """The message with the punctuation it was said or typed with ("Bob's flight lands at 5:30. Can you
    pick him up?"): the routing reads words without it, and the email had said "... at 5:30 Can you pick
    him up." The same words, in order, from the user's text; the message as it is when they are not there."""
    words = message.split()
    if not words or not utterance:
        return message
    gap = r"[^\w\s]*\s+[^\w\s]*"  # spaces, and the commas, dashes and stops between two words
    found = re.search(r"(?<![\w'])" + gap.join(re.escape(w.strip(".,!?;:")) for w in words) + r"[.!?]*", utterance, re.I)
    # a sentence typed in lower case starts with a capital all the same ("at 3. bring the slides")
    return re.sub(r"([.!?]\s+)([a-z])", lambda m: m[1] + m[2].upper(), found.group(0)) if found else message



# punctuation said aloud while dictating ("hi comma see you at 5 period"), as dictation software takes it;
# "period" only where it ends the text ("the trial period ends" keeps its word)
_SAID_MARKS = re.compile(
    r"[ ,]*\b(?P<mark>comma|full stop|question mark|exclamation (?:mark|point)|period(?=[.!?]*$))\b[.,!?]*",
    re.I,
)
_MARKS = {"comma": ",", "full stop": ".", "period": ".", "question mark": "?"}


def punctuated(message: str) -> str:
    """The message with its spoken punctuation written as marks, a capital after a stop."""
    if not _SAID_MARKS.search(message):
        return message
    marked = _SAID_MARKS.sub(lambda m: _MARKS.get(m["mark"].lower(), "!"), message)
    return re.sub(r"([.!?]\s+)([a-z])", lambda m: m[1] + m[2].upper(), marked).strip()


# a correction said while dictating: "i'll be late, no wait, just say i'm on my way" is "i'm on my way"
_RESTATED = re.compile(
    r"(?:^|[\s,.?!;:-])(?:no,? wait|wait,? no|no,? sorry|actually|scratch that|i mean),?\s+(?:just |instead |rather )?"
    r"(?:say|write|put)(?: that)?,?\s+(?P<new>\S.*)$",
    re.I,
)


def restated(message: str) -> str:
    """The message as last restated while it was said, or the message."""
    m = _RESTATED.search(message)
    return m["new"].strip() if m and m.start() > 0 else message
