"""The chat model's text made fit to be spoken, as it streams: a joke's lead-in ("Here's one:") or a
disclaimer ("As an AI language model, ...") at a sentence's start left out, a sentence said twice or a
phrase looping said once, letters of another script than the language's dropped, at most so many
sentences. Used by the chitchat skill."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from .script import foreign_letters

# "Here's one:", "Sure, here's a fun one.", "Here is a joke for you:" at the start of a sentence, however
# many in a row: a determiner, any of a joke's usual adjectives, and a noun for a joke. Also any short
# "here's ...:" announcing what follows ("Sure, here's a simple opinion:", the persona's own words): a
# habit of written text that a voice leaves out
ADJECTIVES = "good|fun|funny|quick|short|silly|little|classic|clean|light|lighthearted|cheesy|corny|random|dad"
LEAD_IN = re.compile(
    r"^(?:[\s\"“”'*]*((sure|okay|ok|of course|alright)[,!.]?\s+)?here('s|’s| is) (?:"
    rf"(?:(?:one|a|an|another|my)\s+)?(?:(?:{ADJECTIVES})\s+)*(?:jokes?|one|pun|riddle|something (?:funny|fun))"
    r"(?:\s+for you)?\b[\s:.!,\"“”-]*"
    r"|(?:[\w'’-]+\s+){0,7}[\w'’-]+\s*:[\s\"“”-]*)"
    r"|[\s\"“”'*]*how about this\s*[?!.:]\s*)+",  # "How about this? Why did ..."
    re.I,
)
# a greeting before the answer ("Oh, hello there! Why did ..."), left out where the user did not greet
GREETING_LEAD = re.compile(r"^[\s\"“”'*]*(?:oh,?\s+)?(?:hello|hi|hey)(?:\s+there)?\s*[!.,]\s*", re.I)
HOLD_WORDS = 10  # a reply that starts "here's ..." is held this many words for its lead-in to show
# "I'm sorry, but as an AI language model, ..." at the start of a sentence: a chat model's habit that a
# voice assistant with a persona leaves out (the rest of the sentence stays: "I don't have feelings.")
_SORRY_HOW = ("really", "so", "very")  # "I'm really sorry, but as ...": one list for the pattern and the hold
SORRY_AS = (
    r"^\s*(?:(?:i'?m|i am|i’m)\s+(?:(?:" + "|".join(_SORRY_HOW) + r")\s+)?sorry,?\s*(?:but\s+)?"
    r"|sorry,?\s*(?:but\s+)?)?as\s+"
)
DISCLAIMER = re.compile(
    SORRY_AS + r"(?:an?\s+)?(?:ai|artificial intelligence|virtual|digital|large|voice)?\s*"
    r"(?:language model|assistant|model|ai)?(?<=[a-z])\s*,\s*",
    re.I,
)
# the same openings as _words writes them, held while they may still become one
DISCLAIMER_STARTS = (
    "as an",
    "as a",
    "sorry but as",
    *(f"{i} {how}sorry but as" for i in ("im", "i am") for how in ("", *(f"{w} " for w in _SORRY_HOW))),
)
# held text that may still become one: "as a", "i'm sorry, but as an ai" before its comma
MAY_BE_DISCLAIMER = re.compile(SORRY_AS + r"[^,.!?]*$", re.I)
# "I'm a language model created by OpenAI, and ..." at a sentence's start: the model's own identity
# showing through the persona (the rest stays: "I don't have personal opinions"); such a sentence alone
# goes, as does any whole sentence naming a chat model's maker ("I was created by Alibaba Cloud.")
_MADE = r"(?:created|developed|made|trained|built|designed|programmed)"  # "... created by OpenAI"
IDENTITY = re.compile(
    r"^\s*(?:i'?m|i am|i’m)\s+(?:just\s+|only\s+)?(?:an?\s+)?(?:[a-z]+\s+){0,2}?(?:ai\s+|artificial intelligence\s+|large\s+)?"
    r"(?:language model|ai model|ai assistant|ai program|computer program|chatbot|ai)\b"
    rf"(?:,?\s+{_MADE}\s+by\s+[\w .-]{{1,30}}?)?"
    r"\s*(?:,\s*(?:(?:and|but|so)\s+|(?=i\b))|[.!]\s*$)",  # what follows must be a clause of its own
    re.I,
)
# held text that may still become one: "I'm a", "I'm an AI language", "I am a language model made by"
_SELF = r"(?:just|only|an?|ai|artificial|intelligence|large|language|chat|model|assistant|chatbot|program|computer)"
MAY_BE_IDENTITY = re.compile(
    rf"^\s*(?:i'?m|i am|i’m)\b(?:\s+{_SELF}\b)*(?:\s+[^\s,.!?]*(?:\s+{_SELF}\b)*){{0,2}}"
    rf"(?:,?\s+{_MADE}\b(?:\s+by\b)?(?:\s+[^\s,.!?]*)?)?"
    r"(?:,\s*[^\s,.!?]*)?$",
    re.I,
)
MAKER = re.compile(r"\b(?:openai|chatgpt|gpt-?[345]|alibaba|qwen|tongyi|anthropic)\b", re.I)
# a template's blank left in ("My name is [Your Name]."): never said; a sentence about "my name" waits for its
# end to show one (the persona's name is not the model's to give)
PLACEHOLDER = re.compile(r"\[[^\]]*\]?")
MY_NAME = re.compile(r"^\s*my name is\b", re.I)


def _strip(text: str, greeted: bool = False) -> str:
    """A sentence's start without lead-ins and disclaimers (and a greeting, unless the user greeted),
    however many in a row."""
    while True:
        out = IDENTITY.sub("", DISCLAIMER.sub("", LEAD_IN.sub("", BULLET.sub("", text))))
        out = out if greeted else GREETING_LEAD.sub("", out)
        if out == text:
            return out
        text = out
# a sentence ends at . ! ? (and any closing quote or bracket) followed by a space, at a full-width 。！？
# or at a line break
SENTENCE_END = re.compile(r"[.!?]+[\"')\]”’]*\s+|[。！？]+\s*|\n+")
QUOTES = re.compile(r"[\"“”*`]")  # quotes and markdown's emphasis marks are not spoken
# a list the model wrote although asked not to: "1." and "-" at an item's start are not said
LIST_NUMBER = re.compile(r"^\s*\d{1,2}[.)]?\s*$")
BULLET = re.compile(r"^\s*(?:[-•]|\d{1,2}[.)])\s+")
FALLBACK = "I'm not sure what to say to that."
# a phrase of two to seven words said again right after itself ("a lost book, a lost book, ..."): a small
# model's loop; the reply ends after its first time
WORD = re.compile(r"\w[\w'’]*")
REPEATED = re.compile(r"(\b\w[\w'’]*(?:[\s,;-]+\w[\w'’]*){1,6}?)[\s,;-]+\1\b", re.I)


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower().replace("'", "")))


GREETING_STARTS = ("oh hello there", "oh hi there", "oh hey there", "hello there", "hi there", "hey there")


def _may_become_lead(key: str, greeted: bool = False) -> bool:
    """Whether text starting with these words (as _words writes them; the last may be cut short) may
    still turn out to be a lead-in: "s", "sure", "of cour", "here", "heres a simple", "oh hello" ... up
    to HOLD_WORDS words after "here"."""
    starts = ("of course", "sure", "okay", "alright", "how about this", *DISCLAIMER_STARTS)
    if any(pre.startswith(key) for pre in starts + (() if greeted else GREETING_STARTS)):
        return True
    for pre in ("of course ", "sure ", "okay ", "ok ", "alright ", ""):
        words = key[len(pre) :].split() if key.startswith(pre) else []
        if len(words) == 1 and "heres".startswith(words[0]):
            return True
        if words and words[0] in ("here", "heres") and len(words) <= HOLD_WORDS:
            return True
    return False


class Cleaner:
    """Streams the model's text on as it comes, holding back only what may still turn out to be a
    lead-in or a sentence said before (a sentence that starts like an earlier one waits until it
    differs or ends); sentences with foreign letters are dropped, and such letters in a sentence already
    being spoken are left out. After max_sentences sentences it is full: the rest is not said."""

    def __init__(self, language: str, max_sentences: int | None = None, greeted: bool = False):
        self.language = language
        self.greeted = greeted  # the user greeted: a greeting back stays
        self.max_sentences = max_sentences
        self.count = 0  # sentences passed on whole
        self.asked = False  # the last of them was a question
        self.seen: set[str] = set()
        self.buf = ""  # the current sentence's text not yet passed on
        self.sentence = ""  # the current sentence as passed on so far (streaming)
        self.streaming = False
        self.said = False
        self.looped = False  # a phrase came again right after itself: nothing more is said
        self.held = ""  # the streamed sentence's end, held while it may be a phrase coming again

    def _loop_cut(self, before: str, part: str) -> str:
        """The part to say of text that follows `before` in a sentence: up to the end of a phrase's
        first time when it comes again right after itself (and then nothing more)."""
        m = REPEATED.search(before + part)
        if m is None:
            return part
        self.looped = True
        return part[: max(m.end(1) - len(before), 0)]

    @staticmethod
    def _may_repeat(text: str) -> int:
        """Where the end of `text` may be a phrase coming again, begun but not yet whole ("a lost book,
        a lost"): the index from which to hold it back, or len(text) when nothing need wait."""
        spans = [m.span() for m in WORD.finditer(text)]
        words = [text[a:b].lower() for a, b in spans]
        n, hold = len(words), len(text)
        for size in range(2, 8):  # the phrase's words
            for tail in range(1, size + 1):  # how many of them have come again
                if n < size + tail:
                    break
                phrase, again = words[n - tail - size : n - tail], words[n - tail :]
                if phrase[: tail - 1] == again[:-1] and phrase[tail - 1].startswith(again[-1]):
                    hold = min(hold, spans[n - tail - 1][1])  # from the end of its first time
        return hold

    def _chars(self, text: str) -> str:
        text = QUOTES.sub("", text)
        return "".join(c for c in text if not foreign_letters(c, self.language))

    def _done(self, text: str) -> None:
        self.seen.add(_words(text))
        self.said = True
        # "Here are three things you could do:" announces what follows: it does not fill the reply
        self.count += not text.rstrip().endswith(":")
        self.asked = text.rstrip(" \"'”’)").endswith("?")

    @property
    def full(self) -> bool:
        """max_sentences said, or one more where the last was a question (a joke's setup wants its
        punchline)."""
        if self.looped:
            return True
        if self.max_sentences is None or self.count < self.max_sentences:
            return False
        return not self.asked or self.count > self.max_sentences

    def _complete(self, s: str) -> Iterator[str]:
        """A whole sentence that nothing of has been passed on yet."""
        if LIST_NUMBER.match(s):  # "1." before a list item
            return
        s = QUOTES.sub("", _strip(s.strip(), self.greeted)).strip()
        s = s[:1].upper() + s[1:]  # what followed a removed lead-in starts the sentence now
        s = self._loop_cut("", s)
        key = _words(s)
        if key and key not in self.seen and not foreign_letters(s, self.language) and not MAKER.search(s) and not PLACEHOLDER.search(s):
            self._done(s)
            # a line (a list item) ends as a sentence; a loop's cut is the reply's end as it was written
            yield s + ("." if s[-1:].isalnum() and not self.looped else "") + " "

    def _may_start(self) -> str | None:
        """The held text to start speaking now, or None to keep holding it."""
        text = _strip(self.buf.lstrip(), self.greeted)
        key = _words(text)
        if not key or LIST_NUMBER.match(text) or _may_become_lead(key, self.greeted):
            return None
        if (MAY_BE_DISCLAIMER.match(text) or MAY_BE_IDENTITY.match(text)) and len(key.split()) <= HOLD_WORDS:
            return None
        if MAKER.search(text) or PLACEHOLDER.search(text) or MY_NAME.match(text) or "my name is".startswith(key):
            return None  # held to its end, where it may go
        if foreign_letters(text, self.language) or any(k.startswith(key) for k in self.seen):
            return None
        return text

    def feed(self, piece: str) -> Iterator[str]:
        self.buf += piece
        while self.buf:
            if self.full:
                self.buf = ""
                return
            m = SENTENCE_END.search(self.buf)
            if self.streaming:
                # without an end yet, a trailing "." waits: the space that makes it a sentence end may
                # come in the next piece
                part = self.buf[: m.end()] if m else self.buf.rstrip(".!?\"')]”’")
                if not part:
                    return
                self.buf = self.buf[len(part) :]
                said = self._loop_cut(self.sentence, self.held + part)
                self.held = ""
                if not self.looped and not m:  # a phrase that may be coming again waits
                    keep = self._may_repeat(self.sentence + said) - len(self.sentence)
                    said, self.held = said[: max(keep, 0)], said[max(keep, 0) :]
                self.sentence += said
                if said:
                    yield self._chars(said)
                if self.looped:
                    self._done(self.sentence)
                    return
                if not m:
                    return
                self._done(self.sentence)
                self.streaming, self.sentence = False, ""
            elif m:
                whole, self.buf = self.buf[: m.end()], self.buf[m.end() :]
                yield from self._complete(whole)
            elif self.count:
                # a sentence after the first waits for its end (speech says one sentence at a time, so
                # this costs nothing): cut off by the model's token cap, it is left out (Cleaner.end)
                return
            else:
                text = self._may_start()
                if text is None:
                    return
                text = self._loop_cut("", text)
                # a final "." waits, as below: the space that makes it the sentence's end may come next
                start = text if self.looped else text.rstrip(".!?\"')]”’")
                if not start:
                    return
                self.buf, self.sentence, self.streaming = text[len(start) :], start, True
                yield self._chars(start[:1].upper() + start[1:])
                if self.looped:
                    self._done(text)
                    return

    def end(self, cut: bool = False) -> Iterator[str]:
        """The rest. `cut`: the model was stopped by its token cap, so an unfinished sentence after a
        whole one is left out; otherwise a last line without a period is the model's own end, and said."""
        if self.streaming:
            rest = self.held + self.buf  # what was held as a possible repeat, and a held final "."
            if rest:
                yield self._chars(rest)
            self._done(self.sentence + rest)
        elif self.buf.strip() and (not (self.said and cut) or self.buf.rstrip(" \"')”’").endswith((".", "!", "?"))):
            yield from self._complete(self.buf)  # after a whole sentence, an unfinished one is not said
        if not self.said:
            yield FALLBACK


def clean(
    pieces: Iterable[str],
    language: str,
    max_sentences: int | None = None,
    greeted: bool = False,
    cap: int | None = None,
) -> Iterator[str]:
    """The model's text without lead-ins, repeated sentences and foreign letters, as it streams; at most
    max_sentences sentences, after which the model is stopped (closing its stream). `cap`: the model's
    max_tokens; as many pieces (one per token) means the cap, not the model, ended the text."""
    cleaner = Cleaner(language, max_sentences, greeted)
    n = 0  # pieces read
    for piece in pieces:
        n += 1
        yield from cleaner.feed(piece)
        if cleaner.full:
            close = getattr(pieces, "close", None)
            if close is not None:
                close()
            return
    yield from cleaner.end(cut=cap is not None and n >= cap)
