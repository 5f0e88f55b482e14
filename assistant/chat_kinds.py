"""Which kind of small talk a sentence is, and the assistant's own answer to that kind. The kinds are the
router head's classes under chit-chat: the public intents it was trained on (CLINC150's are_you_a_bot,
how_old_are_you, ...; OVOS skills' WhoMadeYou, ...), each a hundred or so wordings. chat_stock.py's
regexes take the wordings written there; this takes the ones nobody here wrote. The 0.5B model had
answered "are you a live human being" with "Yes, I am a live human being", "what is your age, ai" with
"I am 24 years old, an AI model created by OpenAI", "what location were you born in" with "I was born in
New York City", "do you have any hobbies to speak of" with "reading, watching TV shows, and playing sports".

KIND_SURE, the share of the chit-chat classes' probability the best kind needs, was chosen on
intent-dev's calibration split (`scripts/eval_chat_kinds.py` reports both splits): at 0.8, 84 of its 103
CLINC chit-chat rows got a kind's answer, 83 the right kind (the other: "what are your interests" taken as
what it can be asked), and 6 of its 41 SLURP chit-chat rows got one ("trivia" a fun fact).
"""

from __future__ import annotations

import re

from .chat_stock import AGE, GOODBYE, HELLO, HOME, LIFE, MAKER, WELCOME, WELL, WHO_I_AM

KIND_SURE = 0.8
# the trained classes' own names, as one kind each (the OVOS skills name some of CLINC's kinds again)
SAME_KIND = {"WhoMadeYou": "who_made_you", "WhatAreYou": "are_you_a_bot", "WhoAreYou": "what_is_your_name",
             "WhenWereYouBorn": "how_old_are_you", "WhereWereYouBorn": "where_are_you_from", "HowAreYou": "how_are_you",
             "Greetings": "greeting", "joke": "tell_joke"}
# what the assistant says to each kind; jokes, facts and what it can do are the chit-chat skill's own
SAID = {
    # neither yes nor no: the kind is asked as "are you a bot" and as "are you a real person"
    "are_you_a_bot": "I'm a computer program: a voice assistant that runs here on your own computer.",
    "what_is_your_name": WHO_I_AM,
    "how_old_are_you": AGE,
    "where_are_you_from": HOME,
    "who_made_you": MAKER,
    "who_do_you_work_for": "I work for you: I run on your own computer, and what you say stays here.",
    "what_are_your_hobbies": "I don't have hobbies: I'm a program, and helping you is what I do. What do you like to do?",
    "do_you_have_pets": "No pets for me: I'm a computer program. Do you have one?",
    "meaning_of_life": LIFE,
    "how_are_you": WELL,
    "greeting": HELLO,
    "goodbye": GOODBYE,
    "thank_you": WELCOME,
}
OWN = {"tell_joke", "fun_fact", "what_can_i_ask_you"}  # answered by the skill: a joke, a fact, its abilities
# kinds about the assistant itself: asked of "you" ("what is my location" is no "where are you from")
ABOUT_YOU = {"are_you_a_bot", "what_is_your_name", "how_old_are_you", "where_are_you_from", "who_made_you",
             "who_do_you_work_for", "what_are_your_hobbies", "do_you_have_pets"}
_HOW = re.compile(r"\bhow(?:'s| is| are| have| has)?\b|\bare you (?:ok|okay|well|good|alright|doing)\b")
# a remark on what was just said ("that's a fact", "that was a good one"), not a request for a fact or a joke
_REMARK = re.compile(r"^\W*(?:that|it|this)(?:'s| is| was)\b")
_YOU = re.compile(r"\b(?:you|your|yours|yourself|u|ya|ai|bot|robot|computer|assistant|juniper)\b")


def chat_kind(text: str, encoder=None, head=None) -> tuple[str | None, float]:
    """(the kind of small talk, if the head is sure of one, else None; the best kind's share)."""
    from .brain.embed import default_encoder
    from .routing.head import load_head

    if not text.strip():
        return None, 0.0
    kind, share = (head or load_head()).best_class((encoder or default_encoder()).embed([text])[0], text, "chitchat")
    kind = SAME_KIND.get(kind, kind)
    if kind == "greeting" and _HOW.search(text.lower()):
        kind = "how_are_you"  # CLINC's greetings hold "how are things going": said how it is, not hello
    if (kind in ABOUT_YOU and not _YOU.search(text.lower())) or (kind in OWN and _REMARK.match(text.lower())):
        return None, share
    return (kind if share >= KIND_SURE and (kind in SAID or kind in OWN) else None), share
