"""Text helpers shared by the recognizers, the wake word, routing and the Wyoming server: one spelling of
a transcript, so words compare equal whichever engine wrote them."""

from __future__ import annotations

import re
from collections.abc import Sequence

# English number words, for counts said in words (routing's grounding, get_time's "in three days").
# hassil's RBNF speller (asr/command_grammar.number_words) spells any number but takes ~1 s to build
ONES = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
# their values, 1 to 99, as said: "seven", "twelve", "forty", "twenty five"
CARDINALS = {w: n for n, w in enumerate((*ONES, *TEENS), 1)}
# sounds of hesitation as a recognizer writes them ("um", "uhh", "erm", "hmm"): no word of a command
HESITATIONS = r"um+|uh+|erm?|ah+|hmm+"
for _n, _tens in enumerate(TENS, 2):
    CARDINALS[_tens] = 10 * _n
    CARDINALS |= {f"{_tens} {w}": 10 * _n + n for n, w in enumerate(ONES, 1)}


def normalize(text: str) -> str:
    """Lower case, keep letters, digits, apostrophes and colons (times like 7:30) and single spaces."""
    out = []
    for ch in text.lower():
        if ch.isalnum() or ch in "':":
            out.append(ch)
        elif ch in "-.," and out and out[-1].isdigit():
            out.append(ch)  # keep 2.5, 10,000 and 5-minute until the next step decides
        else:
            out.append(" ")
    words = "".join(out).split()
    return " ".join(w.strip("-.,") for w in words if w.strip("-.,"))


# auxiliaries that open a question about what is or was; "can", "could", "will", "would" also open
# polite requests ("can you email bob", "could i send a note to alice"), so they are not here
_STATE_AUX = frozenset(("do", "does", "did", "have", "has", "had", "is", "are", "was", "were", "am"))


_WH = frozenset(("what", "who", "whom", "whose", "when", "where", "which", "why", "how"))
_WH_IS = {"what's": "what is", "who's": "who is", "where's": "where is", "when's": "when is", "how's": "how is"}


def asks_about_state(text: str) -> bool:
    """Whether the words are a question about what is or was, not a request to the assistant: an
    auxiliary and then a subject other than "you", at the start ("did bob email me", "is there any mail
    from alice", "have i got new messages"; not "do you mind emailing bob") or after a question word and
    at most two more ("what was the subject of that email", "how many emails did i get"; not "who should
    i email": a modal asks what to do), or "any ..." with "is there" left out ("any new mail from bob";
    not "any chance you could ...")."""
    words = normalize(text).split()
    if words[:1] == ["any"] and words[1:2] != ["chance"]:  # "any new mail from bob": "is there" left out
        return True
    if words and words[0] in _WH_IS:
        words = _WH_IS[words[0]].split() + words[1:]
    start = 1 if words and words[0] in _WH else 0
    for i in range(start, min(start + 3, len(words) - 1) if start else min(1, len(words) - 1)):
        if words[i] in _STATE_AUX:
            return words[i + 1] not in ("you", "ya", "u")
    return False


# verbs that ask to be shown what exists ("read me the email from carol", "check my inbox"); "open" alone is
# not one: an email program's "open a new email" starts writing one, "open my email" shows what is there
_READ_VERBS = frozenset(("read", "check", "show", "display", "recite", "review"))
_POLITE = frozenset(("please", "can", "could", "would", "will", "you", "u", "ya", "kindly", "just"))
# a request to write after all: "check my email and reply to bob saying yes"
_WRITE_VERBS = frozenset(("write", "reply", "answer", "respond", "send", "forward", "compose", "draft"))


def asks_to_read(text: str) -> bool:
    """Whether the words ask to be read or shown something that exists: the first word after politeness
    ("please", "can you") is a reading verb ("read me the email from carol", "could you check my mail",
    "show me new email"), or "look at" / "go through" / "open my" / "open the" ("look at my email"), and
    no verb of writing follows ("check my email and reply to bob" is a request to write)."""
    words = normalize(text).split()
    while words and words[0] in _POLITE:
        words = words[1:]
    if not words:
        return False
    if _WRITE_VERBS.intersection(words[1:]):
        return False
    return words[0] in _READ_VERBS or tuple(words[:2]) in (("look", "at"), ("go", "through"), ("open", "my"), ("open", "the"))


def listed(words: Sequence[str], last: str = "and") -> str:
    """Words as a spoken list: "a", "a and b", "a, b and c" (or "a, b or c")."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + f" {last} " + words[-1]


def edit_distance(a: Sequence[str], b: Sequence[str]) -> int:
    """Levenshtein distance between two sequences (of words, of phones)."""
    prev = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, y in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x != y))
        prev = cur
    return prev[-1]


# "there" for a place named before, at the end of the words ("what time is it there now"), not "is there"
THERE = re.compile(r"\b(?:over |out )?there(?= (?:now|right now|today|tonight|tomorrow|later)$|$)")


# how a recognizer writes a weakly spoken "hey" before the rest of the phrase ("a computer, what's ...")
_WEAK_HEY = frozenset(("a", "hi", "hay", "eh", "ah"))


def without_wake(wake_phrases: list[str], text: str) -> str:
    """Drop the wake phrase (or its tail) if the recognizer heard it at the start of the command."""
    words = text.split()
    wake_words = {w for p in wake_phrases for w in p.split()}
    while words and (words[0] in wake_words or (words[0] in _WEAK_HEY and len(words) > 1 and words[1] in wake_words)):
        words.pop(0)
    return " ".join(words)



# what people type in chat that a recognizer never writes, and the spoken contractions it may ("gonna"):
# the words said ("tmrw weather", "im hungry", "thx"). Only spellings that are no other word: "its",
# "ill", "id", "were", "well", "lets" stay
_SHORTHAND = {
    "tmrw": "tomorrow", "tmr": "tomorrow", "tmrow": "tomorrow", "2moro": "tomorrow", "2morrow": "tomorrow",
    "tonite": "tonight", "2nite": "tonight", "2day": "today", "wats": "what's", "thx": "thanks", "thnx": "thanks", "thanx": "thanks", "ty": "thank you",
    "pls": "please", "plz": "please", "u": "you", "ur": "your", "msg": "message",
    "wknd": "weekend", "rn": "right now", "b4": "before", "idk": "i don't know", "nvm": "never mind",
    "im": "i'm", "ive": "i've", "youre": "you're", "theyre": "they're", "dont": "don't", "doesnt": "doesn't",
    "didnt": "didn't", "isnt": "isn't", "arent": "aren't", "wasnt": "wasn't", "cant": "can't",
    "couldnt": "couldn't", "wouldnt": "wouldn't", "shouldnt": "shouldn't", "havent": "haven't",
    "whats": "what's", "wheres": "where's", "whos": "who's", "hows": "how's", "thats": "that's",
    "theres": "there's", "gimme": "give me", "lemme": "let me", "wanna": "want to", "gonna": "going to",
    "gotta": "have to", "dunno": "don't know",
}
# and the commonest misspellings of the words that choose a skill, none of them another word ("wether",
# "minuets" and "massage" are, and stay)
_SHORTHAND |= {
    "wheather": "weather", "weahter": "weather", "waether": "weather", "wather": "weather", "weater": "weather",
    "forcast": "forecast", "forcasts": "forecasts", "tempature": "temperature", "temprature": "temperature",
    "temperture": "temperature", "tempreture": "temperature", "tommorow": "tomorrow", "tomorow": "tomorrow",
    "tommorrow": "tomorrow", "tommrow": "tomorrow", "resturant": "restaurant", "restaraunt": "restaurant",
    "restuarant": "restaurant", "restarant": "restaurant", "resteraunt": "restaurant", "restraunt": "restaurant",
    "resturants": "restaurants", "restaraunts": "restaurants", "restuarants": "restaurants", "emial": "email",
    "emali": "email", "summerize": "summarize", "sumarize": "summarize", "sumerize": "summarize",
    "mintues": "minutes", "minuts": "minutes", "secounds": "seconds", "reminer": "reminder",
    "wensday": "wednesday", "wendesday": "wednesday", "febuary": "february", "plese": "please",
}
_SHORT = re.compile(rf"(?<![\w.'&-])({'|'.join(_SHORTHAND)})(?![\w.'&-])", re.I)
_ARE_YOU = re.compile(r"(?<![\w.'&-])r (?=(?:u|you)(?![\w.'&-]))", re.I)
# "gm" / "gn" opening a message typed in lower case; "GM" is a company
_GREETING = re.compile(r"^(gm|gn)(?![\w.'&-])")


# a speaker's stumbles as a recognizer writes them: hesitations ("um", "uh") and a short word said again
# after one ("what's the weather in, uh, in london"); words people mean twice ("bye bye", "no no") are
# not in the list
# ("ah" is left: it starts names, "Ah Fong")
_HESITATION = re.compile(r"(?<![\w'-])(?:um+|uh+|uhm+|erm?|hmm+)(?![\w'-])[,.]?\s*", re.I)
_SAID_AGAIN = re.compile(r"(?<![\w'-])(in|on|at|to|for|of|from|with|the|a|an|my|i|and)[,.]?\s+\1(?![\w'-])", re.I)


def fluent(text: str) -> str:
    """The words without hesitations and stutters; words that are only hesitation ("uh") stay, since
    they answer a question with "not yet"."""
    cleaned = _HESITATION.sub("", text).strip()
    if not re.search(r"\w", cleaned):
        return text
    return _SAID_AGAIN.sub(r"\1", cleaned)


def spelled_out(text: str) -> str:
    """Typed chat shorthand as the words it stands for; a recognizer's words come back unchanged."""
    text = _GREETING.sub(lambda m: "good morning" if m[1] == "gm" else "good night", text)
    text = _ARE_YOU.sub("are ", text)  # "r u there"; "r" alone may be the letter or the language
    return _SHORT.sub(lambda m: _SHORTHAND[m[1].lower()], text)
