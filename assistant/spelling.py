"""How a word is spelled: "how do you spell necessary" -> "Necessary: N, E, C, E, S, S, A, R, Y." The
recognizer has already written the word the way the dictionary spells it, so the letters are its own;
commas between them make the voice say each letter on its own instead of reading them as a word."""

from __future__ import annotations

import re

_WORD = r"[a-z]+(?:['-][a-z]+)*"
# the word follows "spell" ("how do you spell necessary", "the spelling of seance", "spell: dessert") ...
_AFTER = re.compile(rf"\bspell(?:ing|s)?\b(?:\s+out)?(?:\s+(?:of|for))?(?:\s+(?:the|this|a))?(?:\s+word)?\W*(?P<word>{_WORD}(?:\s+{_WORD})*)$")
# ... or comes before "spelled" ("how is the word umbrella spelled", "malignant is spelled how exactly"),
# after the last of these
_BEFORE_STOPS = frozenset({"how", "word", "the", "know", "is", "are", "me", "to"})
# what may follow the word without being part of it
_TAIL = re.compile(r"(?:\s+(?:for me|to me|please|correctly|properly|exactly|out|again|out loud|in english|letter by letter|ok|okay|thanks))+$")
_MAX_WORDS = 3  # "ice cream", "merry go round": more is a sentence, not a word to spell


def word_to_spell(words: str) -> str | None:
    """The word(s) a spelling request asks about ("tell me how to spell the word umbrella" -> umbrella);
    None when there is none (nothing after "spell", or more than a few words)."""
    text = " ".join(re.sub(r"[^a-z' -]", " ", words.lower()).split())
    text = _TAIL.sub("", text)
    if (m := _AFTER.search(text)) is not None:
        word = _TAIL.sub("", m["word"])
    elif (before := text.partition(" spelled")[0]) != text:
        kept = []
        for w in reversed(before.split()):
            if w in _BEFORE_STOPS:
                if kept:
                    break
                continue
            kept.insert(0, w)
        word = " ".join(kept)
    else:
        return None
    return word if 0 < len(word.split()) <= _MAX_WORDS and word not in ("it", "that", "this", "my name") else None


def _letters(word: str) -> str:
    """Its letters one by one ("N, E, ..."); a space between words is said as one."""
    return "; space; ".join(", ".join(ch.upper() if ch.isalpha() else "apostrophe" if ch == "'" else "hyphen" for ch in w)
                            for w in word.split())


def spelled(word: str) -> str:
    """The word, then its letters one by one."""
    return f"{word[0].upper()}{word[1:]}: {_letters(word)}."


# "how many a's are in happiness", "how many es are in receiving"
_COUNT = re.compile(rf"\bhow many (?:of the letter )?(?P<letter>[a-z])(?:'s|s)? (?:are |can you find |does it take )?(?:there )?in (?:the word )?(?P<word>{_WORD})\b")


def letters_counted(words: str) -> str | None:
    """ "how many r's are in restaurant": the count, None when the sentence does not ask one."""
    m = _COUNT.search(" ".join(words.lower().replace('"', " ").split()))
    if m is None or m["word"] in ("that", "it", "this"):
        return None
    n = m["word"].count(m["letter"])
    times = {0: "no", 1: "one"}.get(n, str(n))
    plural = "" if n == 1 else "'s"
    return f"{m['word'].capitalize()} has {times} {m['letter'].upper()}{plural}: {_letters(m['word'])}."


def spelling_said(words: str) -> str | None:
    """The answer to a spelling request: the letters, or how many of one; None when the words ask
    neither (no word after "spell")."""
    if (counted := letters_counted(words)) is not None:
        return counted
    word = word_to_spell(words)
    return spelled(word) if word else None
