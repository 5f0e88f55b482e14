"""A pocketsphinx JSGF grammar built from the skills' hassil templates.

Decoding against the command sentences is fast (tens of ms per utterance) and exact when the user says
a command the templates know, so the final transcript is ready at the endpoint without Whisper. The
grammar is written from hassil's expression tree (not from sampled sentences: the restaurant templates
alone expand to millions), keeping only branches whose every word has a pronunciation; wildcards
({message}, {location}) cannot be listed and are left out: those commands go through Whisper.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from hassil.expression import Alternative, Expression, ListReference, RuleReference, Sequence, TextChunk
from hassil.intents import Intents, RangeSlotList, TextSlotList

log = logging.getLogger(__name__)

_WORD = re.compile(r"[a-z0-9']+")
MAX_RANGE_WORDS = 400  # a range list longer than this is not worth spelling out as words


def number_words(n: int, language: str = "en") -> list[str]:
    """Spoken forms of n (twenty five; for years also twenty twenty five)."""
    from hassil.numbers import get_rbnf_engine

    engine = get_rbnf_engine(language)
    forms = []
    for text in engine.format_number(n).text_by_ruleset.values():
        words = " ".join(text.replace("-", " ").replace(",", " ").split())
        if words and words not in forms:
            forms.append(words)
    return forms[:2]


@dataclass
class _Writer:
    intents: Intents
    known: Callable[[str], bool]
    rules: dict[str, str] = field(default_factory=dict)  # JSGF rule name -> body
    dropped_words: set[str] = field(default_factory=set)
    _stack: set[str] = field(default_factory=set)

    def words(self, text: str) -> str | None:
        words = _WORD.findall(text.lower())
        missing = [w for w in words if not self.known(w)]
        if missing:
            self.dropped_words.update(missing)
            return None
        return " ".join(words)

    def expr(self, e: Expression) -> str | None:
        """JSGF for one hassil expression; None if it cannot be spoken (wildcard, unknown word)."""
        if isinstance(e, TextChunk):
            return self.words(e.text)
        if isinstance(e, Alternative):
            parts = [self.expr(item) for item in e.items]
            spoken = [p for p in parts if p]
            optional = e.is_optional or any(p == "" for p in parts)
            if not spoken:
                return "" if optional else None
            body = "( " + " | ".join(dict.fromkeys(spoken)) + " )"
            return f"[ {body} ]" if optional else body
        if isinstance(e, Sequence):  # also Permutation, which hassil expands into alternatives itself
            parts = [self.expr(item) for item in e.items]
            if any(p is None for p in parts):
                return None
            return " ".join(p for p in parts if p)
        if isinstance(e, ListReference):
            return self.slot_list(e.list_name)
        if isinstance(e, RuleReference):
            return self.rule(e.rule_name)
        return None

    def rule(self, name: str) -> str | None:
        key = "rule_" + re.sub(r"\W", "_", name)
        if key in self.rules:
            return f"<{key}>"
        sentence = self.intents.expansion_rules.get(name)
        if sentence is None or name in self._stack:
            return None
        self._stack.add(name)
        body = self.expr(sentence.expression)
        self._stack.discard(name)
        if not body:
            return None
        self.rules[key] = body
        return f"<{key}>"

    def slot_list(self, name: str) -> str | None:
        key = "list_" + re.sub(r"\W", "_", name)
        if key in self.rules:
            return f"<{key}>"
        slots = self.intents.slot_lists.get(name)
        options: list[str] = []
        if isinstance(slots, TextSlotList):
            options = [p for v in slots.values if (p := self.expr(v.text_in))]
        elif isinstance(slots, RangeSlotList):
            count = (slots.stop - slots.start) // slots.step + 1
            if count <= MAX_RANGE_WORDS:
                for n in range(slots.start, slots.stop + 1, slots.step):
                    options += [
                        w for form in number_words(n, self.intents.language) if (w := self.words(form))
                    ]
        if not options:
            return None  # wildcards and empty lists
        self.rules[key] = "( " + " | ".join(dict.fromkeys(options)) + " )"
        return f"<{key}>"


@dataclass(frozen=True)
class CommandGrammar:
    jsgf: str
    sentences: int  # template sentences kept
    skipped: int  # template sentences left out (wildcards, words without a pronunciation)
    dropped_words: frozenset[str]


def build_jsgf(
    intents: Intents, known: Callable[[str], bool], prefixes: list[str] | None = None
) -> CommandGrammar:
    """One public rule: [prefix] (any template sentence) [please]. `known(word)` says whether the
    recognizer can pronounce a word."""
    w = _Writer(intents, known)
    alternatives: list[str] = []
    skipped = 0
    for intent in intents.intents.values():
        for data in intent.data:
            for sentence in data.sentences:
                body = w.expr(sentence.expression)
                if body:
                    alternatives.append(body)
                else:
                    skipped += 1
    if not alternatives:
        raise ValueError("no template sentence can be written as a grammar")
    lead = [p for p in (w.words(x) for x in (prefixes or [])) if p]
    lines = ["#JSGF V1.0;", "grammar commands;"]
    lines += [f"<{name}> = {body};" for name, body in w.rules.items()]
    lines.append("<sentence> = " + " | ".join(f"( {a} )" for a in dict.fromkeys(alternatives)) + ";")
    head = f"[ ( {' | '.join(lead)} ) ] " if lead else ""
    tail = " [ please ]" if known("please") else ""
    lines.append(f"public <command> = {head}<sentence>{tail};")
    return CommandGrammar("\n".join(lines) + "\n", len(alternatives), skipped, frozenset(w.dropped_words))
