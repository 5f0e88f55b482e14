"""What the user says while the assistant waits for an answer: a yes before a skill with side effects runs,
or a missing argument ("What should the email say?"). The answer, a correction ("no, to carol"), a
whole new command, or the question asked again. Part of Conversation (conversation.py), kept apart so
that each stays readable."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..routing.intent import OTHER, Intent
from ..skill_api import Reply
from ..text import normalize
from .answers import HESITATION, answer_value, dictated
from .follow_up import own_follow_up
from .near_miss import near_miss
from .phrases import OFFER_TAKEN, YES, corrected
from .turn import Pending, Turn, other_value

if TYPE_CHECKING:
    from .conversation import Conversation


SAY_YES = "Please say yes to go ahead, or no to cancel."  # a yes awaited, asked for again


class OpenQuestion:
    """Conversation's steps for a turn that answers (or does not answer) the question it asked."""

    def _continue(self: Conversation, text: str, said: str) -> Turn:
        p = self.pending
        assert p is not None
        intent = Intent(p.skill.name, dict(p.args), "template")
        if p.asking is None:  # waiting for a yes
            # an offer ("I can tell you what's in your inbox. Shall I?") is also taken by "read it", "go on";
            # never a question before a side effect ("read it" is no yes to sending an email)
            agreed = YES.match(said) or (p.offered and not p.skill.manifest.side_effects and OFFER_TAKEN.match(said))
            if agreed and self.refuse_side_effects is not None:
                self.pending = None
                return Turn(text, intent, Reply(self.refuse_side_effects), p.skill.name)
            if agreed:
                p.asking = "__confirmed__"
                self.pending = None
                return self._run(text, Intent(p.skill.name, dict(p.args), "template"), p.skill, said=p.offered)
            # while a skill's own yes is awaited, words are likely a correction of what it wrote ("say the
            # numbers look good" to a draft); not while an offer waits (the last skill is another's)
            mine = not p.offered and self._ran is not None and self._ran.name == p.skill.name
            # after an offer, what would follow it is taken as its yes too ("read the first one" offered the inbox)
            routed = (self.router.templates.match(text) or own_follow_up(text, self._ran, self.skills)
                      or (own_follow_up(f"actually {text}", self._ran, self.skills) if mine else None)
                      or (own_follow_up(text, intent, self.skills) if p.offered else None))
            if routed is None:  # another skill's command the router is sure of ("set a timer for the meeting in
                guess = self.router.route(text)  # 25 minutes"); after an offer, any routing
                sure = self.router.sure_of_skill(guess) and guess.name not in (p.skill.name, "chitchat")
                routed = guess if p.offered or sure else None
            if routed is not None:  # a command instead ("change the subject to lunch"): nothing is sent
                self.pending = None
                return self._start(text, routed)
            again = Reply(SAY_YES, expects_reply=True)
            return Turn(text, intent, again, p.skill.name)
        routed, command = self.router.templates.match(text), text
        if routed is None and (fixed := corrected(text)) != said:  # "actually email carol instead"
            routed, command = self.router.templates.match(fixed), fixed
            if routed is None and (again := self.router.route(fixed)).name == p.skill.name and other_value(again, p):
                routed = again  # the same command, with another value: a new one
        if routed is not None and routed.name != p.skill.name and dictated(p.skill, p.asking, routed):
            routed = None  # "the weather in london was awful" as an email's text is the text
        if routed is not None and (routed.name != p.skill.name or p.asking not in routed.args or other_value(routed, p)):
            self.pending = None  # a whole new command ("cancel the tea timer"), not the answer
            return self._start(command, routed)
        if routed is None and (miss := near_miss(text, self.skills)) is not None and miss.skill not in (None, p.skill):
            self.pending = None  # "did carol email me" asked what the email should say: summarize's offer
            return self._start(text, Intent(OTHER, {}, "template"))
        asked, value = p.asking, answer_value(self.router.templates, p.skill, p.asking, p.args, text, routed)
        if value is not None and p.skill.validate({**p.args, **value}) is not None:
            value = None  # "0 minutes" asked how long: not an answer the skill can take (it had crashed the timer)
        if value is not None:
            p.args.update(value)
            turn = self._advance(text, Intent(p.skill.name, dict(p.args), "template"), p)
            if self.pending is None or self.pending.asking != asked:
                return turn
        # no answer, or one the skill could not use ("what's the news" as whom to email): words the router
        # is sure are a command for something else are that command, not a question asked again and again
        # (sure: settled, or the model and the classifier agree: "find me a place for breakfast" asked
        # which timer to cancel)
        other = self.router.route(text)
        # an answer said as one ("his name is peter", "to zoe": more words than the value) that the skill asked
        # about again ("I don't have peter ...") is no other command when the router finds none; any words
        # can be a bare name, so those are ("turn up the volume" asked whom to email)
        framed = value is not None and normalize(str(value.get(asked, ""))) != normalize(text)
        taken = framed and other.name == OTHER
        if other.name != p.skill.name and not taken and (self.router.settled(other) or self.router.agreed(other)) and not HESITATION.fullmatch(said):
            self.pending = None
            return self._start(text, other)
        if value is not None:
            return turn
        question = p.skill.manifest.questions.get(p.asking) or f"What {p.asking}?"
        return Turn(text, intent, Reply(f"Sorry, I didn't get that. {question}", expects_reply=True), p.skill.name)

    def _confirm_question(self: Conversation, p: Pending) -> str:
        summary = p.args.get("summary") or ", ".join(f"{k} {v}" for k, v in p.args.items())
        return f"Should I {p.skill.manifest.description.split('.')[0].lower()}: {summary}? Say yes or no."
