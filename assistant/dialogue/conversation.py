"""Dialogue: one conversation's state across turns.

Routes each utterance, asks for missing required arguments, asks for a spoken yes before any skill
with side effects, runs the handler with a timeout, and honours "cancel" / "stop" at any point.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import threading
from collections.abc import Callable, Sequence

from ..brain.waiting import slow_step
from ..errors import UserError
from ..language_id import warm
from ..other_kinds import user_name
from ..routing.intent import OTHER, Intent
from ..routing.router import Router
from ..skill_api import Reply, Skill, SkillContext
from ..text import fluent, spelled_out
from ..text_guard import printable
from .ahead import Prepared, RunAhead
from .answers import HESITATION
from .compound import joined, split_commands
from .follow_up import follow_up, own_follow_up
from .near_miss import declined, near_miss
from .open_question import SAY_YES, OpenQuestion
from .other_said import changes_something, other_said
from .phrases import (
    ASKED_BACK,
    CANCEL,
    POINTING,
    REPEAT,
    bare_words,
    gives_up,
    said_words,
    unasked_answer,
)
from .reply_stream import ReplyStream
from .turn import Pending, Turn, capabilities, given, helps

log = logging.getLogger(__name__)


CHAT = "chitchat"  # small talk: a near miss's words are another skill's, whatever the classifier heard
ASKED_AT_MOST = 3  # a question the answers do not settle is dropped when it would be asked the third time


class Conversation(OpenQuestion):
    def __init__(
        self,
        skills: dict[str, Skill],
        router: Router,
        make_context: Callable[[str], SkillContext],
        timeout_s: float = 20.0,
        refuse_side_effects: str | None = None,
    ):
        """refuse_side_effects: when set, a yes never runs a skill's action (sending an email, a skill
        with side effects); this sentence is the reply instead (Wyoming clients, unless allowed)."""
        self.refuse_side_effects = refuse_side_effects
        self.skills = skills
        self.router = router
        self.make_context = make_context
        self._states = lambda name: make_context(name).state  # what a skill kept, for a follow-up it `knows`
        self.timeout_s = timeout_s
        self.pending: Pending | None = None
        self._told_capabilities = False  # the "I can ..." list is said once per conversation
        self._helps = helps(skills)  # each skill's topic words and help, for "what can you do with email"
        self._last: Reply | None = None  # the last reply with words in it, for "repeat that"
        # the last reply's card, kept over replies with none ("reply to it" is about the email still shown)
        self._shown: dict | None = None
        self._ran: Intent | None = None  # the last command a skill ran, for "and in london" (follow_up.py)
        self._ran_now = False  # whether the last turn was that command, done without a question
        self._said = ""  # the user's words of the last turn that was not a repeat ("what did i just say")
        self._written = ""  # this turn's words as the recognizer wrote them (respond's `written`)
        self._asking: tuple[str, str, str, int] | None = None  # the skill, what it asked, its arguments; how many times
        self._loop = asyncio.new_event_loop()
        # called with the routed intent just before a skill handler runs, so the pipeline can stamp
        # (and show) the routing decision apart from the skill's own time
        self.before_skill: Callable[[str, Intent], None] | None = None
        self._prepared: Prepared | None = None
        self.responded = 0  # turns answered so far (prepare's `turn`)
        self._prepare_lock = threading.Lock()  # prepare() (the recognizer's thread) vs respond()
        warm()  # the language identifier, for a command said in another language (loads in the background)

    # -- public -------------------------------------------------------------------------------
    def prepare(self, text: str, turn: int | None = None, alternatives: Sequence[str] = ()) -> bool:
        """Route `text` ahead of its turn and, when the skill only reads (manifest `read_only`) and has
        all it needs, run its handler now: a streamed reply starts being written at once (ahead.py).
        Called from the recognizer's thread at a pause; `respond` with the same text takes it. `turn`:
        the value of `responded` when the utterance began; if a turn has been answered since, the
        words it was meant for are already handled and nothing is prepared. Returns whether the routing
        is settled (Router.settled): the recognizer may then end the utterance after a shorter pause.
        alternatives: as for `respond`, so that they are routed at the pause too."""
        text = fluent(text)  # as respond() will have it, so that the two compare equal
        with self._prepare_lock:
            self.drop_prepared()
            self._prepared = None
            late = turn is not None and turn != self.responded
            if late or self.pending is not None or CANCEL.match(bare_words(said_words(text))):
                return False
            said, intent = self._reading(text, alternatives)
            prepared = Prepared(text, intent, said)
            self._prepared = prepared
            self._run_ahead(prepared)
            return self.router.settled(intent)

    def _run_ahead(self, prepared: Prepared) -> None:
        """A read-only skill with all it needs runs now (prepare holds the lock)."""
        text, intent = prepared.said, prepared.intent
        if intent.name == OTHER or intent.name not in self.skills:
            # the honest answer is known now (a third of real commands): its speech can be synthesized
            # while the endpoint is awaited. Its text only; the turn itself says it (and notes the list)
            prepared.reply = None if changes_something(text, self.router.language) else self._other_reply(text, True)
            return
        skill = self.skills[intent.name]
        if not skill.manifest.read_only or skill.manifest.side_effects:
            return
        args = given(intent.args)
        if skill.validate(args) or skill.missing(args):
            return
        ctx = self._context_for(skill, text)
        try:
            reply = asyncio.run(asyncio.wait_for(skill.handle(dict(args), ctx), self.timeout_s))
        except Exception:  # the turn runs the handler again and reports what goes wrong
            log.debug("running %s ahead failed", skill.name, exc_info=True)
            return
        if isinstance(reply, Reply) and isinstance(reply.text, str):
            if reply.stream is not None:
                reply = dataclasses.replace(reply, stream=RunAhead(reply.stream))
            prepared.skill, prepared.args, prepared.reply = skill.name, args, reply

    def prepared_reply_text(self) -> str | None:
        """The text of a reply prepared ahead and complete (not still being written), if there is one."""
        prepared = self._prepared
        if prepared is None or prepared.dropped or prepared.reply is None or prepared.reply.stream is not None:
            return None
        return prepared.reply.text or None

    def drop_prepared(self) -> None:
        """The words go on after the pause: stop a reply being written ahead (safe from any thread)."""
        prepared = self._prepared
        if prepared is not None:
            prepared.drop()

    def respond(self, text: str, alternatives: Sequence[str] = (), written: str = "") -> Turn:
        """alternatives: the recognizer's other readings of the words (AsrEngine.alternatives): `_reading`;
        written: the words as the recognizer wrote them (AsrEngine.written), for the skills (ctx.written)."""
        self._written = written
        # lone surrogates would make tokenizers raise, colour codes are no words, "tmrw" is "tomorrow", no "uh"
        text = fluent(spelled_out(printable(text)))
        if self._prepare_lock.locked():  # prepare() is still routing: the turn waits for that decision
            slow_step()
        with self._prepare_lock:
            prepared, self._prepared = self._prepared, None
            self.responded += 1
        if prepared is not None and (prepared.text != text or prepared.dropped):
            prepared.drop()
            prepared = None
        try:
            turn = self._respond(text, prepared, alternatives)
            turn.ran_ahead = prepared is not None and prepared.used
            if turn.intent.name != "repeat":
                self._given_up(turn)
            if turn.intent.name != "repeat" and (turn.reply.text or turn.reply.stream is not None):
                self._last = turn.reply
                self._shown = turn.reply.card if turn.reply.card is not None else self._shown
            ran = turn.intent.name in self.skills and turn.error is None
            if ran:
                resolved = turn.reply.resolved_args  # "read the next one": what follow-ups keep is the email read
                self._ran = turn.intent if resolved is None else dataclasses.replace(turn.intent, args=dict(resolved))
            if turn.intent.name != "repeat":  # "read it back", then "send it": still right after the draft
                self._ran_now = ran and not turn.reply.expects_reply
                self._said = text
            return turn
        finally:
            if prepared is not None:
                prepared.drop()  # unless the turn used its reply

    def _respond(self, text: str, prepared: Prepared | None, alternatives: Sequence[str] = ()) -> Turn:
        said = said_words(text)
        bare = bare_words(said)
        if self._last is not None and REPEAT.match(bare):  # a question asked again stays open
            last = self._last
            words = "".join(last.stream.said) if isinstance(last.stream, ReplyStream) else last.text
            skill = self.pending.skill.name if self.pending is not None else None
            return Turn(text, Intent("repeat", {}, "template"), Reply(words.strip(), expects_reply=last.expects_reply), skill)
        if self._said and ASKED_BACK.match(bare):  # "what did i just say": their words, as heard
            asking = self.pending is not None  # a question open stays open, as with "repeat that"
            self._last = Reply(f'You said: "{self._said}".', expects_reply=asking)  # what "repeat that" says next
            return Turn(text, Intent("repeat", {}, "template"), self._last, None)
        if self.pending is not None:
            if gives_up(said, bare, self.pending.asking):  # "no" to a question is not its answer either
                skill, declined = self.pending.skill.name, self.pending.declined
                self.pending = None
                return Turn(text, Intent("cancel", {}, "template"), Reply(declined), skill)
            return self._continue(text, said)
        if (cancel := CANCEL.match(bare)) or (nothing := unasked_answer(said)) is not None:
            # "cancel it" right after a timer was set, "send it" right after a draft: the skill's own follow-up
            if self._ran_now and (own := own_follow_up(text, self._ran, self.skills)) is not None:
                return self._start(text, own, None)
            if not cancel:  # "okay", "yes send it" when nothing was asked
                return Turn(text, Intent("ack", {}, "template"), Reply(nothing), None)
            # nothing to cancel: "stop" just silences the assistant
            return Turn(text, Intent("stop", {}, "template"), Reply(""), None)
        # the first part may be what the last skill takes right after it ran: "cancel that and set one for 20
        # minutes" (not the second: "... and cc bob" is the first part's own)
        parts = split_commands(text, self.router.whole_command,
                               lambda t: self.router.whole_command(t) or own_follow_up(t, self._ran, self.skills))
        if parts is not None and not any(self.skills[i.name].manifest.side_effects for _, i in parts):
            return self._both(text, parts)  # "set a timer for 5 minutes and tell me a joke"
        text, intent = (prepared.said, prepared.intent) if prepared is not None else self._reading(text, alternatives)
        if intent.source == "template" and self._ran is not None and intent.name == self._ran.name:
            # the skill's own follow-up over its own template ("read it to me" after a summary: that text)
            if (own := own_follow_up(text, self._ran, self.skills)) is not None:
                intent, prepared = own, None
        elif intent.source == "template" and self._ran_now and POINTING & {str(v) for v in intent.args.values()} and (
                again := follow_up(text, self._ran, self.skills, self._states, False, True)) and again[1]:
            intent, prepared = again[0], None  # "where is it" right after an email: in it, not a place called "it"
        elif intent.source != "template" and (again := follow_up(text, self._ran, self.skills, self._states,
                                                                 not self.router.sure_of_skill(intent), self._ran_now)):
            # "and in london": the last question with one thing changed, unless the router found some other
            # skill in the words; a closed choice ("what about tomorrow") is the last question's, and so is a
            # weak one the skill knows (not over a near miss: "did bob email me" after a summary)
            if again[1] or intent.name == again[0].name or (intent.name == OTHER and near_miss(text, self.skills) is None):
                intent, prepared = again[0], None
        return self._start(text, intent, prepared)

    def _both(self, text: str, parts: list[tuple[str, Intent]]) -> Turn:
        """Two commands said as one, run in order and answered in one reply; a question the first asks is
        said last (a skill with side effects is never run this way)."""
        (said, intent), (then, then_intent) = parts
        first = self._start(said, intent)
        if first.error is not None:
            return first
        if first.reply.expects_reply:
            # "email alice i'm on my way and set a timer for 20 minutes": the second command is done too (it had
            # been dropped), and the first one's question ends the reply; a second question is not asked
            asked = self.pending
            second = self._start(then, then_intent)
            self.pending = asked
            if second.reply.expects_reply or second.error is not None:
                return first
            return dataclasses.replace(first, reply=joined(second.reply, first.reply))
        # "find me a pizza place and email it to alice": "it" is what the first part showed (it had been the
        # inbox's newest email)
        self._shown = first.reply.card if first.reply.card is not None else self._shown
        second = self._start(then, then_intent)
        return Turn(text, second.intent, joined(first.reply, second.reply), second.skill, second.error)

    def _reading(self, text: str, alternatives: Sequence[str]) -> tuple[str, Intent]:
        """The words of a new command and their routing: `text`, unless the router is not sure of a skill
        for it and is for another of the recognizer's readings (Router.heard)."""
        intent = self.router.route(text)
        if alternatives and not self.router.sure_of_skill(intent) and (heard := self.router.heard(alternatives)):
            return heard
        return text, intent

    def close(self) -> None:
        self.drop_prepared()
        self._loop.close()

    # -- steps --------------------------------------------------------------------------------
    def _start(self, text: str, intent: Intent, prepared: Prepared | None = None) -> Turn:
        if intent.name == CHAT and intent.source not in ("template", "follow_up") and near_miss(text, self.skills):
            # "how long until my birthday", "time me" heard as small talk: what a skill says of it, not the model's chat
            intent = Intent(OTHER, {}, intent.source, intent.confidence)
        if intent.name == OTHER or intent.name not in self.skills:
            miss = near_miss(text, self.skills)  # "set an alarm for 7": what the timer skill can do instead
            if miss is not None and miss.skill is not None and miss.args is not None:  # "... Shall I?"
                if (no := miss.skill.cannot(miss.args, self._context_for(miss.skill, text))) is not None:
                    return Turn(text, Intent(OTHER, {}, intent.source, intent.confidence), Reply(no), miss.skill.name)
                self.pending = Pending(miss.skill, miss.args, None, "Okay.", text)
            reply = Reply(miss.say, expects_reply=miss.skill is not None) if miss else self._other_reply(text)
            return Turn(text, Intent(OTHER, {}, intent.source, intent.confidence), reply)
        skill = self.skills[intent.name]
        # "delete that email": not what the skill does, unless it is the skill's own follow-up ("delete
        # that email" just after a draft throws the draft away)
        if intent.source != "follow_up" and (no := declined(text, skill)) is not None:
            return Turn(text, Intent(OTHER, {}, intent.source, intent.confidence), Reply(no), skill.name)
        args = skill.without_bad_options(given(intent.args))  # a name too long: no name, not no timer
        problem = skill.validate(args)
        if problem:
            log.info("rejected arguments for %s: %s", skill.name, problem)
            return Turn(
                text, intent, Reply(f"Sorry, I didn't get that right ({problem})."), skill.name, problem
            )
        return self._advance(text, intent, Pending(skill, args, first=text), prepared)

    def _advance(self, text: str, intent: Intent, p: Pending, prepared: Prepared | None = None) -> Turn:
        missing = p.skill.missing(p.args)
        if missing:
            p.asking = missing[0]
            self.pending = p
            question = p.skill.manifest.questions.get(p.asking) or f"What {p.asking.replace('_', ' ')}?"
            return Turn(text, Intent(p.skill.name, dict(p.args), intent.source, intent.confidence),
                        Reply(question, expects_reply=True), p.skill.name)
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
        intent = Intent(p.skill.name, dict(p.args), intent.source, intent.confidence)
        return self._run(text, intent, p.skill, prepared, first=p.first if p.first != text else "")

    def _run(self, text: str, intent: Intent, skill: Skill, prepared: Prepared | None = None,
             said: str | None = None, first: str = "") -> Turn:
        """said: the words the skill reads, when they are not this turn's (an offer's yes); first: the
        command's, when this turn answers a question about it."""
        if self.before_skill is not None:
            self.before_skill(text, intent)
        ahead = prepared.reply_for(skill.name, intent.args) if prepared is not None else None
        try:
            reply = ahead if ahead is not None else self._handle(said or text, intent, skill, first)
        except TimeoutError:
            return Turn(
                text,
                intent,
                Reply(f"Sorry, {skill.name.replace('_', ' ')} took too long and was stopped."),
                skill.name,
                "timeout",
            )
        except UserError as exc:  # a model that cannot load, a setting to fix: one line, no traceback
            log.error("skill %s failed: %s", skill.name, exc)
            return Turn(text, intent, Reply(f"Sorry, {skill.name.replace('_', ' ')} cannot work: {exc}"),
                        skill.name, f"UserError: {exc}")
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
            self.pending = Pending(skill, dict(reply.confirm_args), None, "Okay, I won't.")
            reply = Reply(reply.text, reply.card, True, reply.confirm_args)
        elif reply.ask_for is not None:
            args = reply.ask_args if reply.ask_args is not None else intent.args
            kept = {k: v for k, v in args.items() if k != reply.ask_for}
            self.pending = Pending(skill, kept, reply.ask_for, first=first or said or text)
            reply = Reply(reply.text, reply.card, True)
        elif reply.stream is not None and not isinstance(reply.stream, ReplyStream):
            reply = dataclasses.replace(reply, stream=ReplyStream(reply.stream))  # the pipeline may cancel it
        return Turn(text, intent, reply, skill.name)

    def _given_up(self, turn: Turn) -> None:
        """The same question asked a third time in a row ("Who should it go to?" after "read the last one"
        and "go back" were taken as names; "Please say yes to go ahead" again): it is dropped and the turn
        says so, so that the words that follow are commands again (nothing is sent)."""
        p = self.pending
        # a yes awaited counts when it is asked for again ("Please say yes ..."); the skill's own question
        # again (a draft changed, or a change it could not make) is no failed answer
        counted = p is not None and (p.asking is not None or turn.reply.text == SAY_YES)
        asking = (p.skill.name, p.asking or "yes", repr(sorted(p.args.items()))) if counted and p is not None else None
        again = asking is not None and self._asking is not None and self._asking[:3] == asking
        # "uh", "hmm let me think": the user is thinking, which is no failed answer
        times = self._asking[3] + (0 if HESITATION.fullmatch(said_words(turn.text)) else 1) if again else 1
        self._asking = (*asking, times) if asking else None
        if asking and times >= ASKED_AT_MOST:
            self.pending, self._asking = None, None
            turn.reply = Reply("Sorry, I still didn't get a yes or a no, so I've done nothing. Say it again when you're ready."
                               if asking[1] == "yes" else
                               "Sorry, I still didn't get that, so I've left it. Say the whole request again when you're ready.")

    def _context_for(self, skill: Skill, text: str, first: str = "") -> SkillContext:
        """A skill's context for one run: what the user said, its manifest, what the assistant can do."""
        ctx = self.make_context(skill.name)
        ctx.utterance, ctx.command, ctx.manifest, ctx.written = text, first, skill.manifest, self._written
        ctx.capabilities, ctx.shown, ctx.helps = capabilities(self.skills), self._shown, self._helps
        ctx.user_name = user_name(self.make_context(OTHER).state, ctx.config)
        return ctx

    def _handle(self, text: str, intent: Intent, skill: Skill, first: str = "") -> Reply:
        ctx = self._context_for(skill, text, first)
        return self._loop.run_until_complete(asyncio.wait_for(skill.handle(dict(intent.args), ctx), self.timeout_s))

    def _other_reply(self, text: str, ahead: bool = False) -> Reply:
        """What `other` says (ahead: at a pause, before the turn, which notes whether the list was said)."""
        reply = other_said(text, self.router.language, self.skills, self._told_capabilities, self._written, self.make_context(OTHER))
        self._told_capabilities = self._told_capabilities or (not ahead and f"I can {capabilities(self.skills)}." in reply.text)
        return reply
