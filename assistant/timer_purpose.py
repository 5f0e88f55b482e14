"""What a timer is for, as said: "a timer for the eggs", "a 10 minute timer called pasta", "remind me in
ten minutes to check the oven". The timer's arguments hold only its length and action, so the purpose is
read from the user's words; a timer with one is named by it when it rings ("Your eggs timer is done.",
"Time to check the oven.") and when timers are listed or cancelled."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .durations import CLOCK, UNITS, without_spoken_clock
from .text import CARDINALS, HESITATIONS, normalize

_UNIT = "(?:" + "|".join(sorted(UNITS, key=len, reverse=True)) + ")"  # the words durations.py reads as units
_COUNT = "|".join(
    sorted((re.escape(w) for w in {*CARDINALS, "a", "an", "and", "half", "quarter", "couple", "of", "hundred"}), key=len, reverse=True)
)
# a length and the word before it ("for", "in"): taken out before the purpose is looked for
_PART = rf"(?:\b(?:\d+(?:\.\d+)?|{_COUNT})\s+)+{_UNIT}\b(?:\s+and\s+a\s+(?:half|quarter)\b)?"
LENGTH = re.compile(rf"(?:\b(?:for|in|after)\s+)?{_PART}(?:\s+(?:and\s+)?{_PART})*")
_NAMED = re.compile(r"\btimer\s+(?:called|named|labell?ed|titled)\s+(?P<name>.+)$")
# "a timer on for the eggs", "put a timer going for the rice": "on" and "going" say it runs
# "a timer for pasta, 10 minutes": the article may be left out, when the word is no pronoun or time
# ("and one for the sauce", "one for the bread": a second timer said right after the first)
_FOR_THE = re.compile(
    r"\b(?:timer|another(?: one)?|one more|a second one|set one|and one|^one)\s+(?:on\s+|going\s+)?for\s+(?:(?:the|my|our)\s+"
    r"|(?!(?:me|us|you|him|her|them|it|this|that|now|later|tonight|morning|afternoon|evening|night|a|an|some|if|when|while|because|so|how|what|half|quarter)\b))"
    r"(?P<name>.+)$"
)  # "and another one for the bread", said right after a timer was set
# "set a pizza timer": a word or three before "timer" (once the length is out), unless it only says what
# kind of timer it is; the article may have gone with the length ("set a 3 minute egg timer")
_ARTICLE = r"(?:a|an|the|my|one)"
_BEFORE = re.compile(
    rf"\b(?:set|start|make|create|put on)\s+(?:(?:me|us)\s+)?(?:{_ARTICLE}\s+)?(?!(?:{_ARTICLE}|me|us)\s)(?P<name>[a-z']+(?:\s+[a-z']+){{0,2}})\s+timer\b"
)
KINDS = {"countdown", "kitchen", "quick", "new", "another", "second", "simple", "short", "long"}
_REMIND = re.compile(r"\bremind\s+me\s+(?P<how>to|about|that)\s+(?P<task>.+)$")
_TAIL = re.compile(r"\s+(?:please|now|thanks|thank you|ok|okay)$")
MAX_WORDS = 6  # a longer "name" is most likely the rest of a sentence misread
MAX_TASK_WORDS = 10  # what to be reminded of is a clause ("take the cake out of the oven")
# the user's words said back to them: "remind me to call my mother" -> "call your mother"
_BACK = {"my": "your", "me": "you", "i": "you", "i'm": "you're", "myself": "yourself", "mine": "yours",
         "our": "your", "we": "you", "us": "you", "ours": "yours", "am": "are"}


@dataclass(frozen=True)
class Purpose:
    name: str  # "eggs", or the reminder's words said back: "check the oven", "the meeting"
    how: str = ""  # a reminder: "to", "about" or "that", as said after "remind me"

    def set_text(self, length: str) -> str:
        if self.how:
            return f"I'll remind you {self.how} {self.name} in {length}."
        return f"{self.name[0].upper()}{self.name[1:]} timer set for {length}."

    def done_text(self) -> str:
        if self.how == "to":
            return f"Time to {self.name}."
        if self.how:
            return f"Reminder: {self.name}."
        return f"Your {self.name} timer is done."

    def label(self) -> str:
        """How a list names it: "the eggs timer", "the reminder to check the oven"."""
        return f"the reminder {self.how} {self.name}" if self.how else f"the {self.name} timer"


# "for like ten minutes", "uh", "for about an hour": hesitations and hedges, no timer's name
_HEDGE = re.compile(rf"\b(?:{HESITATIONS})\b|\b(?:like|about|around|roughly|approximately|maybe|just)\s+(?=(?:\d|{_COUNT})\b)")


def timer_purpose(text: str) -> Purpose | None:
    """The purpose a timer command names, or None."""
    said = CLOCK.sub(" ", LENGTH.sub(" ", _HEDGE.sub(" ", normalize(text))))  # "at 5 pm" is when, not what for
    said = re.sub(r"\b(?:tomorrow|today)\b", " ", without_spoken_clock(" ".join(said.split())))
    said = " ".join(said.split())
    for pattern in (_REMIND, _NAMED, _FOR_THE, _BEFORE):
        m = pattern.search(said)
        if m is None or (pattern is _BEFORE and m["name"] in KINDS):
            continue
        words = _TAIL.sub("", m["task"] if pattern is _REMIND else m["name"]).split()
        if pattern is _FOR_THE and words and (words[0] in CARDINALS or words[0].isdigit()):
            continue  # "a rice timer for 15": a length without its unit; the name may be before "timer"
        # a number is no name ("5min", typed without a space, is the length)
        if not words or len(words) > (MAX_TASK_WORDS if pattern is _REMIND else MAX_WORDS) or any(w[0].isdigit() for w in words):
            return None
        if pattern is _REMIND:
            return Purpose(" ".join(_BACK.get(w, w) for w in words), m["how"])
        return Purpose(" ".join(words))
    return None
