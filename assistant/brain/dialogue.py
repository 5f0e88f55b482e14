"""Dialogue: one conversation's state across turns.

Routes each utterance, asks for missing required arguments, asks for a spoken yes before any skill
with side effects, runs the handler with a timeout, and honours "cancel" / "stop" at any point.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..plugins import Reply, Skill
from ..skill_context import SkillContext
from .intent import OTHER, Intent
from .router import Router

log = logging.getLogger(__name__)

CANCEL = re.compile(r"^(cancel( that| it)?|stop( it)?|never ?mind|forget (it|that)|abort|quit|no stop)$")
YES = re.compile(
    r"^(yes|yeah|yep|yup|sure|ok|okay|do it|send( it)?|go ahead|confirm(ed)?|correct|please do|yes please)( please)?$"
)
NO = re.compile(r"^(no|nope|nah|don't|do not|no thanks|no thank you|not now)$")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


@dataclass
class Turn:
    text: str
    intent: Intent
    reply: Reply
    skill: str | None = None
    error: str | None = None
    events: list[dict[str, Any]] = field(default_factory=list)
    ignored: bool = False  # speech not meant for us (follow-up window, no command): nothing was said

    @property
    def expects_reply(self) -> bool:
        return self.reply.expects_reply


@dataclass
class _Pending:
    skill: Skill
    args: dict[str, Any]
    asking: str | None = None  # the argument we asked for; None = waiting for yes/no
    declined: str = "Okay, cancelled."


def capabilities(skills: dict[str, Skill]) -> str:
    names = [
        s.manifest.capability or s.name.replace("_", " ") for s in skills.values() if s.name != "chitchat"
    ]
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " or " + names[-1]


class Conversation:
    def __init__(
        self,
        skills: dict[str, Skill],
        router: Router,
        make_context: Callable[[str], SkillContext],
        timeout_s: float = 20.0,
    ):
        self.skills = skills
        self.router = router
        self.make_context = make_context
        self.timeout_s = timeout_s
        self.pending: _Pending | None = None
        self._told_capabilities = False  # the "I can ..." list is said once per conversation
        self._loop = asyncio.new_event_loop()
        # called with the routed intent just before a skill handler runs, so the pipeline can stamp
        # (and show) the routing decision apart from the skill's own time
        self.before_skill: Callable[[str, Intent], None] | None = None

    # -- public -------------------------------------------------------------------------------
    def respond(self, text: str) -> Turn:
        said = " ".join(text.lower().strip().strip(".!?").split())
        if self.pending is not None:
            if CANCEL.match(said) or (self.pending.asking is None and NO.match(said)):
                skill, declined = self.pending.skill.name, self.pending.declined
                self.pending = None
                return Turn(text, Intent("cancel", {}, "template"), Reply(declined), skill)
            return self._continue(text, said)
        if CANCEL.match(said):
            # nothing to cancel: "stop" just silences the assistant
            return Turn(text, Intent("stop", {}, "template"), Reply(""), None)
        intent = self.router.route(text)
        return self._start(text, intent)

    def close(self) -> None:
        self._loop.close()

    # -- steps --------------------------------------------------------------------------------
    def _start(self, text: str, intent: Intent) -> Turn:
        if intent.name == OTHER or intent.name not in self.skills:
            return Turn(text, Intent(OTHER, {}, intent.source, intent.confidence), self._other_reply())
        skill = self.skills[intent.name]
        args = {k: v for k, v in intent.args.items() if v not in (None, "")}
        problem = skill.validate(args)
        if problem:
            log.info("rejected arguments for %s: %s", skill.name, problem)
            return Turn(
                text, intent, Reply(f"Sorry, I didn't get that right ({problem})."), skill.name, problem
            )
        return self._advance(text, intent, _Pending(skill, args))

    def _advance(self, text: str, intent: Intent, p: _Pending) -> Turn:
        missing = p.skill.missing(p.args)
        if missing:
            p.asking = missing[0]
            self.pending = p
            question = p.skill.manifest.questions.get(p.asking) or f"What {p.asking.replace('_', ' ')}?"
            return Turn(
                text,
                Intent(p.skill.name, dict(p.args), intent.source, intent.confidence),
                Reply(question, expects_reply=True),
                p.skill.name,
            )
        if p.skill.manifest.side_effects and p.asking != "__confirmed__":
            p.asking = None
            self.pending = p
            return Turn(
                text,
                Intent(p.skill.name, dict(p.args), intent.source, intent.confidence),
                Reply(self._confirm_question(p), expects_reply=True),
                p.skill.name,
            )
        self.pending = None
        return self._run(text, Intent(p.skill.name, dict(p.args), intent.source, intent.confidence), p.skill)

    def _continue(self, text: str, said: str) -> Turn:
        p = self.pending
        assert p is not None
        intent = Intent(p.skill.name, dict(p.args), "template")
        if p.asking is None:  # waiting for a yes
            if YES.match(said):
                p.asking = "__confirmed__"
                self.pending = None
                return self._run(text, Intent(p.skill.name, dict(p.args), "template"), p.skill)
            return Turn(
                text,
                intent,
                Reply("Please say yes to go ahead, or no to cancel.", expects_reply=True),
                p.skill.name,
            )
        value = self._answer(p, text)
        if value is None:
            question = p.skill.manifest.questions.get(p.asking) or f"What {p.asking}?"
            return Turn(
                text, intent, Reply(f"Sorry, I didn't get that. {question}", expects_reply=True), p.skill.name
            )
        p.args.update(value)
        return self._advance(text, Intent(p.skill.name, dict(p.args), "template"), p)

    def _answer(self, p: _Pending, text: str) -> dict[str, Any] | None:
        """Turn an answer to "For how long?" / "Who should it go to?" into argument values."""
        # the answer may be a whole command for the same skill ("set it for five minutes")
        routed = self.router.templates.match(text)
        if routed is not None and routed.name == p.skill.name and p.asking in routed.args:
            return {k: v for k, v in routed.args.items() if k not in p.args or k == p.asking}
        # or a fragment matching the skill's own answer templates
        frag = self.router.templates.match_answer(p.skill.name, p.asking, text)
        if frag:
            return frag
        prop = p.skill.manifest.arguments.get("properties", {}).get(p.asking, {})
        kind = prop.get("type")
        if kind in ("number", "integer"):
            m = _NUMBER.search(text)
            if not m:
                return None
            num = float(m.group())
            return {p.asking: int(num) if kind == "integer" or num.is_integer() else num}
        if "enum" in prop:
            low = text.lower()
            hits = [v for v in prop["enum"] if str(v).lower() in low]
            return {p.asking: hits[0]} if hits else None
        cleaned = text.strip().strip(".!?")
        return {p.asking: cleaned} if cleaned else None

    def _confirm_question(self, p: _Pending) -> str:
        summary = p.args.get("summary") or ", ".join(f"{k} {v}" for k, v in p.args.items())
        return f"Should I {p.skill.manifest.description.split('.')[0].lower()}: {summary}? Say yes or no."

    def _run(self, text: str, intent: Intent, skill: Skill) -> Turn:
        ctx = self.make_context(skill.name)
        ctx.utterance = text
        if self.before_skill is not None:
            self.before_skill(text, intent)
        try:
            reply = self._loop.run_until_complete(
                asyncio.wait_for(skill.handle(dict(intent.args), ctx), self.timeout_s)
            )
        except TimeoutError:
            return Turn(
                text,
                intent,
                Reply(f"Sorry, {skill.name.replace('_', ' ')} took too long and was stopped."),
                skill.name,
                "timeout",
            )
        except Exception as exc:  # a plugin's bug must not end the loop
            log.exception("skill %s failed", skill.name)
            return Turn(
                text,
                intent,
                Reply(f"Sorry, something went wrong in {skill.name.replace('_', ' ')}."),
                skill.name,
                f"{type(exc).__name__}: {exc}",
            )
        if not isinstance(reply, Reply) or not isinstance(reply.text, str):
            return Turn(
                text,
                intent,
                Reply(f"Sorry, {skill.name.replace('_', ' ')} gave an answer I can't read."),
                skill.name,
                f"handler returned {type(reply).__name__}, not Reply",
            )
        if reply.confirm_args is not None:
            # the skill asked a yes/no question: a yes runs it again with confirm_args, already confirmed
            self.pending = _Pending(skill, dict(reply.confirm_args), None, "Okay, I won't.")
            reply = Reply(reply.text, reply.card, True, reply.confirm_args)
        elif reply.ask_for is not None:
            args = reply.ask_args if reply.ask_args is not None else intent.args
            kept = {k: v for k, v in args.items() if k != reply.ask_for}
            self.pending = _Pending(skill, kept, reply.ask_for)
            reply = Reply(reply.text, reply.card, True)
        return Turn(text, intent, reply, skill.name)

    def _other_reply(self) -> Reply:
        # the list of skills takes ~9 s to say: once per session is help, every time is a lecture
        can = "" if self._told_capabilities else capabilities(self.skills)
        self._told_capabilities = True
        return Reply(
            f"Sorry, I can't help with that. I can {can}." if can else "Sorry, I can't help with that."
        )
