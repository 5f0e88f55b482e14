"""Fast path: hassil matches the sentence templates from skill manifests in about a millisecond."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from hassil import Intents, recognize_all, recognize_best
from hassil.errors import HassilError
from hassil.intents import SlotList, TextSlotList

from ..errors import UserError
from ..skill_api import Skill
from .intent import Intent

if TYPE_CHECKING:
    from ..config import Config

log = logging.getLogger(__name__)

# words people put around commands that carry no meaning for matching
SKIP_WORDS = [
    "please",
    "hey",
    "okay",
    "ok",
    "um",
    "uh",
    "so",
    "could you",
    "can you",
    "would you",
    "tell me",
    "computer",
    # Korean request endings and softeners ("give me", "a bit"): Vosk also hears a stray 줘 before words
    "줘",
    "좀",
]


def build_intents(skills: dict[str, Skill], language: str = "en", answers: bool = False) -> Intents:
    """All skills' command templates as one hassil Intents; with answers=True, the per-argument answer
    templates instead, as intents named "skill:argument"."""
    intents: dict[str, Any] = {}
    lists: dict[str, Any] = {}
    rules: dict[str, str] = {}
    for skill in skills.values():
        m = skill.manifest.for_language(language)
        if m is None:
            continue  # no sentences in this language
        if answers:
            for arg, sentences in m.answers.items():
                intents[f"{m.name}:{arg}"] = {"data": [{"sentences": list(sentences)}]}
        elif m.templates:
            intents[m.name] = {"data": m.templates}
        else:
            continue
        for name, value in m.lists.items():
            if name in lists and lists[name] != value:
                raise UserError(
                    f"skill {m.name}: slot list {name!r} clashes with another skill's list of that name"
                )
            lists[name] = value
        rules.update(m.expansion_rules)
    try:
        return Intents.from_dict(
            {
                "language": language,
                "intents": intents,
                "lists": lists,
                "expansion_rules": rules,
                "skip_words": SKIP_WORDS,
            }
        )
    except (HassilError, KeyError, ValueError) as exc:
        raise UserError(f"a skill's sentence templates do not parse: {exc}") from None


def _specificity(result) -> tuple:
    """Rank parses: most literal text matched first, then fewest wildcards. hassil's recognize_best puts
    fewest wildcards first, so "email {recipient}" would swallow "alice saying hi" whole instead of
    "email {recipient} saying {message}" splitting it."""
    wildcards = [e for e in result.entities_list if e.is_wildcard]
    return (
        -result.text_chunks_matched,
        len(wildcards),
        sum(len(e.text or "") for e in wildcards),
        result.intent.name,
    )


def _plain(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def configured_lists(skills: dict[str, Skill], config: Config | None) -> dict[str, SlotList]:
    """The slot values skills take from the configuration (draft_email: the address book's names),
    read once when the router is built. A skill whose configuration cannot be read keeps its manifest's
    lists (its own handler says what is wrong when it runs)."""
    out: dict[str, SlotList] = {}
    if config is None:
        return out
    for skill in skills.values():
        if skill.slot_lists is None:
            continue
        try:
            values = skill.slot_lists(config)
        except UserError as exc:
            log.warning("skill %s: no configured slot values (%s)", skill.name, exc)
            continue
        for name, words in values.items():
            out[name] = TextSlotList.from_strings(sorted({w.strip().lower() for w in words if w.strip()}))
    return out


class TemplateMatcher:
    def __init__(self, skills: dict[str, Skill], language: str = "en", config: Config | None = None):
        self.intents = build_intents(skills, language)
        self.answers = build_intents(skills, language, answers=True)
        self.slot_lists = configured_lists(skills, config)

    def match(self, text: str) -> Intent | None:
        if not text.strip():
            return None
        results = list(recognize_all(text, self.intents, slot_lists=self.slot_lists))
        if not results:
            return None
        result = min(results, key=_specificity)
        args = {name: _plain(e.value) for name, e in result.entities.items()}
        return Intent(result.intent.name, args, "template", 1.0)

    def match_answer(self, skill: str, arg: str, text: str) -> dict[str, Any] | None:
        """Match an answer fragment ("five minutes") against the skill's answer templates for arg."""
        if not text.strip() or not self.answers.intents:
            return None
        result = recognize_best(text, self.answers, slot_lists=self.slot_lists)
        if result is None or result.intent.name != f"{skill}:{arg}":
            return None
        return {name: _plain(e.value) for name, e in result.entities.items()}
