"""Router: the template fast path first, then the fallback (the classifier and the language model,
llm_router.py, when configured), then `other` with an honest answer. The fallback plugs in as any object
with `route(text) -> Intent | None`, held as a `Loading` (it may still be loading in the background:
a command that needs it meanwhile waits for it)."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from ..loading import Loading
from ..skill_api import Skill
from .intent import OTHER, Intent
from .speculate import Speculation
from .templates import TemplateMatcher

if TYPE_CHECKING:
    from ..config import Config

log = logging.getLogger(__name__)
# a command said as the next one in a row: its words after the joining word are the command
CONTINUED = re.compile(r"^\s*(?:and then|and also|and|then|also|oh and)[\s,]+(?P<rest>.+)$", re.I)
# other readings of longer speech are not weighed (Router.heard): 99% of intent-train's skill commands
# have at most 20 words, and a long reading costs its classifier pass most (on a busy machine ~1 s)
LONGEST_COMMAND_WORDS = 20
# a wish said before the command: "i want to send an email to alice ..." is that command
WISH = re.compile(r"^\s*(?:i want to|i wanna|i'd like to|i would like to|i need to)\s+(?P<rest>.+)$", re.I)
# where a clause ends in typed or transcribed words: a command may follow what was said before it
CLAUSE_BREAK = re.compile(r"[,.;:!?]\s+")
# a clause before the command that is part of it ("in tokyo, what's the time", "if i'm in japan, what ...")
FRONTED = frozenset(("in", "at", "on", "for", "near", "around", "from", "by", "with", "to", "after", "before", "during",
                     "if", "when", "whenever", "once", "since", "because", "assuming", "unless", "while"))
# courtesy before the command: "if it's not too much trouble, could you write to bob ..." is that command
# ("would you mind" takes a gerund, which no template has; "is it possible to" asks whether a thing can be
# done, "is it possible to make a reservation at X" whether X takes them: both left to the classifier)
POLITE = re.compile(
    r"^\s*(?:(?:i was|i'm|i am)? ?wondering (?:if|whether) you (?:could|can|would|might)|i wonder if you (?:could|can)"
    r"|if (?:it's|it is) not too much (?:trouble|bother)|if you (?:don't|do not) mind|if you (?:could|can|would)"
    r"|(?:would|could) you be so kind as to|(?:i'd|i would) like you to|i (?:want|need) you to"
    r"|do you think you (?:could|can)"
    r"|when you (?:get|have) a (?:chance|minute|moment|second))[\s,]+(?P<rest>.+)$",
    re.I,
)


class FallbackRouter(Protocol):
    def route(self, text: str) -> Intent | None: ...


def answered_by_other(text: str) -> bool:
    """A sum or a measure said as the whole sentence, or a word to spell, which `other` answers
    (dialogue/other_said.py): "how do you spell restaurant" is no restaurant search."""
    from ..arithmetic import worked_out
    from ..conversion import converted
    from ..spelling import spelling_said

    return worked_out(text) is not None or converted(text) is not None or spelling_said(text) is not None


class Router:
    def __init__(
        self,
        skills: dict[str, Skill],
        fallback: Loading[FallbackRouter | None] | None = None,
        language: str = "en",
        config: Config | None = None,
    ):
        """config: where skills find the slot values of the user's own (TemplateMatcher)."""
        self.skills = skills
        self.language = language
        self.templates = TemplateMatcher(skills, language, config)
        self.fallback = fallback
        # set when speculation is on (config [latency] speculate): the fallback's decision for a
        # pause's words, computed before the endpoint
        self.speculation: Speculation | None = None

    def _template(self, text: str, clauses: bool = True) -> Intent | None:
        hit = self.templates.match(text)
        for lead in (CONTINUED, WISH, POLITE):  # "and set a timer for 5 minutes", "i want to send an email ..."
            if hit is None and (m := lead.match(text)):
                hit = self.templates.match(m["rest"])
        if hit is None and clauses:  # "my grandson says you can send emails. can you send one to alice ..."
            for m in CLAUSE_BREAK.finditer(text):  # the command after what was said before it
                before = text[: m.start()].split()
                if len(before) < 3 or before[0].lower() in FRONTED:  # "hey,", "in tokyo, what's the time"
                    continue
                after = self._template(text[m.end() :], clauses=False)
                if after is not None and after.name != "chitchat":  # "..., thank you" is no command
                    return after
        return hit

    def whole_command(self, text: str) -> Intent | None:
        """The template routing of `text` when it is a complete command for a skill on its own (a
        template matches and no required argument is missing), else None: a part of two commands said
        as one (dialogue/compound.py)."""
        hit = self._template(text)
        return hit if hit is not None and hit.name in self.skills and self.settled(hit) else None

    def prefetch(self, text: str) -> bool:
        """Decide `text` now, at a pause in speech, so that `route` with the same words is immediate.
        Only what the templates do not match needs it; does nothing without speculation. Returns
        whether the decision is `settled` (the recognizer may then end the utterance sooner)."""
        hit = self._template(text)
        if hit is not None:
            return self.settled(hit)
        if self.speculation is None or self.fallback is None:
            return False
        fallback = self.fallback.get()
        if fallback is None:
            return False
        return self.settled(self.speculation.prefetch(text, fallback.route))

    def settled(self, intent: Intent | None) -> bool:
        """The decision stands without the language model and has all it needs: a template match, or
        the classifier at or above its `sure` probability, with no required argument missing. A user
        who paused after such words has most likely finished the command; anything the router is unsure
        of, or that needed the model, is not (the words may go on: "set a timer for ... ten minutes")."""
        if intent is None or intent.source not in ("template", "classifier"):
            return False
        if intent.source == "classifier" and intent.confidence < self._sure():
            return False
        if intent.name == OTHER:
            return True
        skill = self.skills.get(intent.name)
        return skill is not None and not skill.missing({k: v for k, v in intent.args.items() if v not in (None, "")})

    @staticmethod
    def agreed(intent: Intent | None) -> bool:
        """The language model chose a skill, and the classifier's best guess for the same words was that
        skill too: two readings agree where the classifier alone was not sure enough."""
        return intent is not None and intent.source == "llm" and intent.name != OTHER and intent.classifier_best == intent.name

    def sure_of_skill(self, intent: Intent) -> bool:
        """A skill, from a template or from the classifier at or above its `sure` probability."""
        if intent.name == OTHER or intent.source not in ("template", "classifier"):
            return False
        return intent.source == "template" or intent.confidence >= self._sure()

    def _sure(self) -> float:
        """The classifier's calibrated `sure` probability (llm_router.py); above any with no classifier."""
        fallback = self.fallback.get() if self.fallback is not None else None
        return getattr(fallback, "sure", None) or 2.0

    def heard(self, readings: Sequence[str]) -> tuple[str, Intent] | None:
        """The first of the recognizer's other readings of an utterance (AsrEngine.alternatives) that a
        template matches or the classifier is sure is for a skill, with its routing; None if none is.
        For words the router is unsure of: in a room, Whisper tiny.en's best reading is often a word off
        a command ("look up next week whether for me", "he mailed george brown") where its next is not."""
        readings = [r for r in readings if len(r.split()) <= LONGEST_COMMAND_WORDS]
        fallback = self.fallback.get() if self.fallback is not None and readings else None
        classifier = getattr(fallback, "classifier", None)
        rankings = classifier.rank_many(list(readings)) if classifier is not None and readings else []
        for i, text in enumerate(readings):
            hit = self._template(text)
            r = rankings[i] if rankings else None
            sure = r is not None and r.best != OTHER and not r.plugins and r.scores[0] >= self._sure()
            if (hit is not None and hit.name != OTHER) or (hit is None and sure):
                return text, hit or self.route(text)
        return None

    def route(self, text: str) -> Intent:
        if self.language == "en" and answered_by_other(text):  # "what's 212 fahrenheit in celsius": not the weather
            return Intent(OTHER, {}, "template", 1.0)
        hit = self._template(text)
        if hit is not None:
            return hit
        if self.fallback is not None and text.strip():
            try:
                guess = self._ask_fallback(text)
            except Exception:  # a failing (or failed to load) model must not end the conversation
                log.exception("the fallback router failed on %r", text[:200])
                return Intent(OTHER, {}, "error", 0.0)
            if guess is not None and (guess.name == OTHER or guess.name in self.skills):
                return guess
        return Intent(OTHER, {}, "none", 0.0)

    def _ask_fallback(self, text: str) -> Intent | None:
        assert self.fallback is not None
        fallback = self.fallback.get()  # waits while it loads in the background
        if fallback is None:
            return None
        if self.speculation is not None:
            return self.speculation.route(text, fallback.route)
        return fallback.route(text)
