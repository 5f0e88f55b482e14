"""The router's steps after the templates: the trained classifier, then the language model.

1. The classifier (classify.py) gives each label a probability. When the best one reaches the `sure`
   probability (chosen on the calibration part of the dev set by scripts/train_router.py and stored
   with the weights) it decides: `other` at once, a skill without arguments at once.
2. A sure skill whose handler can read its arguments from the words (`read_args`: dates, lengths, zone
   names) takes them from there, unless the words end unfinished ("what's the time in").
3. Otherwise, and to fill a skill's arguments, the language model writes one tool call. Only the
   classifier's likeliest tools (and close plugin skills it was not trained on) plus `other` are
   allowed, so a near miss can always fall to `other`; a skill with side effects is never chosen on
   the classifier's word alone.
4. The call is parsed and validated against the skill's schema; anything invalid becomes `other`.
"""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass, replace

from ..brain.language_model import LanguageModel
from ..brain.waiting import slow_step
from ..skill_api import Skill
from .classify import Classifier, Ranking
from .intent import OTHER, Intent
from .tools import (
    BadToolCall,
    Grounds,
    argument_schemas,
    could_ground,
    list_keywords,
    parse_tool_call,
    tool_lines,
    tool_schema,
)

log = logging.getLogger(__name__)

SYSTEM = """You route one spoken command of an offline voice assistant to exactly one tool.
Tools:
{tools}
- other: everything else. Use other for requests no tool does exactly, including near misses:
  alarms or reminders at a clock time, reading or searching email, texts, calls, social media,
  ordering or delivering food, recipes and cooking, calendar and meetings, news, music, smart home,
  shopping, banking, travel, facts, maths, translation and definitions.
Reply with JSON: {{"tool": "<name>", "args": {{...}}}}. Put in args only what the user actually said.
Examples:
what's the weather in rome tomorrow -> {{"tool": "weather", "args": {{"location": "rome", "day": "tomorrow"}}}}
set an alarm for seven am -> {{"tool": "other", "args": {{}}}}
how many unread emails do i have -> {{"tool": "other", "args": {{}}}}
order chinese food -> {{"tool": "other", "args": {{}}}}
hi how are you -> {{"tool": "chitchat", "args": {{}}}}"""


@dataclass(frozen=True)
class Thresholds:
    """`sure` comes with the classifier's weights (calibrated with them); the rest are fixed choices."""

    sure: float | None = None  # the best label's probability at which the classifier decides
    # skills at least this probable are offered to the language model (at least the best one) ...
    offer_above: float = 0.1
    max_candidates: int = 2  # ... at most this many: the 0.5B model leans to any chat-like tool it is shown
    # below `sure`, the classifier's best label stands (the model then only fills arguments): on 500
    # calibration rows the 0.5B model chose right on 22 of the 48 unsure rows, the classifier on 28
    model_decides_unsure: bool = False


MAX_COMMAND_CHARS = 600
# words a command does not end on when it is finished: "what's the time in", "set a timer for"; at a pause
# (speculation) the user is most likely still speaking, so no reading of them is taken as settled
# ("what day does it fall on" is finished: only words no question ends on are here)
UNFINISHED = re.compile(r"\b(in|at|for|to|of|the|a|an|and|my|near)\W*$", re.I)


class LlmRouter:
    def __init__(
        self,
        skills: dict[str, Skill],
        llm: LanguageModel | None,
        classifier: Classifier | None = None,
        thresholds: Thresholds = Thresholds(),
        language: str = "en",
        read_words: bool = True,
    ):
        """read_words: let skills read their arguments from the words (English only; False: the model
        fills every argument, as the naive bench loop and `eval intents --no-read` do)."""
        self.skills = skills
        self.read_words = read_words and language == "en"
        self.llm = llm
        self.classifier = classifier or Classifier(skills)
        self.t = thresholds
        self.sure = (
            thresholds.sure if thresholds.sure is not None else self.classifier.head.meta.get("sure", 0.5)
        )
        self.system = SYSTEM.format(tools=tool_lines(skills))
        self.last: dict = {}  # how the last decision was made (for eval and logs)
        self.need_args = True  # False: a sure classifier label is returned without arguments (eval)
        # the model's tool_call (same greedy choice as grammar generation, fewer steps) when it has one;
        # False: the whole call generated under the JSON-schema grammar (eval compares the two)
        self.direct_tool_call = True
        if llm is not None:
            llm.prime(self.system)

    # -- decisions --------------------------------------------------------------------------------
    def decide(self, r: Ranking) -> tuple[str | None, list[str]]:
        """(label decided by the classifier or None, tools to offer the LLM)."""
        t = self.t
        skills = [
            lab for lab, p in zip(r.labels, r.scores, strict=True) if lab != OTHER and p >= t.offer_above
        ]
        offer = skills[: t.max_candidates] or [lab for lab in r.labels if lab != OTHER][:1]
        offer += [lab for lab, _ in r.plugins[:2] if lab not in offer] + [OTHER]
        if r.plugins:  # a plugin's examples are close: the head cannot weigh it, the model decides
            return None, offer
        sure = r.scores[0] >= self.sure or not t.model_decides_unsure
        if sure and (r.best == OTHER or not self.skills[r.best].manifest.side_effects):
            return r.best, offer
        return None, offer

    def route(self, text: str) -> Intent:
        need_args = self.need_args
        start = time.perf_counter()
        ranking = self.classifier.rank(text)
        label, offer = self.decide(ranking)
        self.last = {"ranking": ranking, "offer": offer, "llm": False}
        if label == OTHER:
            return Intent(OTHER, {}, "classifier", ranking.scores[0])
        has_args = label is not None and bool(self.skills[label].manifest.arguments.get("properties"))
        if has_args and need_args and (read := self._read_args(label, text)) is not None:
            self.last["read"] = True
            return Intent(label, read, "classifier", ranking.scores[0])
        if has_args and not could_ground(text, self.skills[label].manifest.arguments):
            has_args = False  # whatever the model wrote, grounding would drop it: no call
        if label is not None and (not has_args or not need_args or self.llm is None):
            return Intent(label, {}, "classifier", ranking.scores[0])
        if self.llm is None:  # unsure and no model: the honest answer is that we can't help
            return Intent(OTHER, {}, "classifier", ranking.scores[0])
        allowed = [label] if label is not None else offer
        slow_step()  # the turn waiting for this may say "One moment." (brain/waiting.py)
        intent = self._ask_llm(text, allowed)
        self.last |= {"llm": True, "seconds": time.perf_counter() - start}
        log.debug("the model routed %r in %.2f s: %s %s", text[:80], self.last["seconds"], intent.name, intent.args)
        if label is not None and intent.name != label:  # the tool was fixed; only arguments failed
            return Intent(label, {}, "classifier", ranking.scores[0])
        return replace(intent, classifier_best=ranking.best)

    def _read_args(self, label: str, text: str) -> dict | None:
        """The skill's own reading of its arguments (skill_api.ArgReader), when it has one and it is sure."""
        if not self.read_words or UNFINISHED.search(text):
            return None
        args = self.skills[label].read(text)  # a reader that raises: the model reads the words instead
        if args is None or self.skills[label].validate(args) is not None:
            return None
        return args

    def _ask_llm(self, text: str, allowed: list[str]) -> Intent:
        assert self.llm is not None
        # a spoken command is at most ~40 words (12 s); typed text can be anything, and more than the
        # context window holds makes llama.cpp raise: the model reads the start, as a person would
        messages = [
            {"role": "system", "content": self.system},
            {"role": "user", "content": text[:MAX_COMMAND_CHARS]},
        ]
        # a local model decodes the call directly (fewer steps); others generate it under the schema
        # written grounded: a value the user did not say is given up as soon as that shows (tools.Grounds)
        grounds = {
            n: Grounds.of(text, self.skills[n].manifest.arguments, list_keywords(self.skills[n].manifest.lists))
            for n in allowed
            if n != OTHER
        }
        raw = self.llm.tool_call(messages, argument_schemas(self.skills, allowed), grounds) if self.direct_tool_call else None
        if raw is None:
            raw = self.llm.chat(messages, schema=tool_schema(self.skills, allowed), max_tokens=96)
        try:
            name, args = parse_tool_call(raw, self.skills, allowed)
        except BadToolCall as exc:
            log.info("language model output rejected (%s): %r", exc, raw)
            self.last["rejected"] = str(exc)
            return Intent(OTHER, {}, "llm", 0.0)
        if name != OTHER:
            args = grounds[name].kept(args)  # also a remote model's call, written without them
        return Intent(name, args, "llm", 1.0)
