"""What one turn of a conversation produced, and the question a conversation waits on."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..routing.intent import Intent
from ..skill_api import Reply, Skill


@dataclass
class Turn:
    text: str
    intent: Intent
    reply: Reply
    skill: str | None = None
    error: str | None = None
    events: list[dict[str, Any]] = field(default_factory=list)
    ignored: bool = False  # speech not meant for us (follow-up window, no command): nothing was said
    ran_ahead: bool = False  # the reply was prepared before the endpoint (Conversation.prepare)

    @property
    def expects_reply(self) -> bool:
        return self.reply.expects_reply


@dataclass
class Pending:
    skill: Skill
    args: dict[str, Any]
    asking: str | None = None  # the argument we asked for; None = waiting for yes/no
    declined: str = "Okay, cancelled."
    offered: str | None = None  # a near miss's offer: the words a yes runs the skill on
    first: str = ""  # the command's words, read with the answers ("set a timer for the laundry", "45 minutes")


def given(args: dict[str, Any]) -> dict[str, Any]:
    """The arguments that have a value (a model may write null or "" for one it has not got)."""
    return {k: v for k, v in args.items() if v not in (None, "")}


def other_value(routed: Intent, p: Pending) -> bool:
    """Whether a command for the asking skill changes what was already given ("reply to carol ..." while
    an email to bob waits for its text): a new command, not the answer."""
    return any(k != p.asking and k in p.args and v != p.args[k] for k, v in routed.args.items())


def capabilities(skills: dict[str, Skill]) -> str:
    names = [
        s.manifest.capability or s.name.replace("_", " ") for s in skills.values() if s.name != "chitchat"
    ]
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " or " + names[-1]


# words of a skill's name and capability that say what it does, not what it is about
NOT_A_TOPIC = {"tell", "find", "set", "write", "draft", "get", "the", "and", "or", "here", "anywhere", "in", "of",
               "world", "a", "an", "chat"}


def helps(skills: dict[str, Skill]) -> tuple[tuple[frozenset[str], str], ...]:
    """Each skill's topic words (its name's and capability's, singular: "timer", "email") with its help."""
    out = []
    for s in skills.values():
        if s.manifest.help:
            words = set(s.name.split("_")) | set(s.manifest.capability.lower().replace(",", " ").split())
            out.append((frozenset(w.removesuffix("s") for w in words - NOT_A_TOPIC), s.manifest.help))
    return tuple(out)


def language_hint(code: str, configured: str) -> str:
    """What to say to words in another language than the configured one: which it understands, and
    where the config can change that when the assistant runs in the language heard."""
    from ..language_id import NAMES
    from ..languages import LANGUAGES

    heard, here = NAMES.get(code, "another language"), NAMES.get(configured, configured)
    if code in LANGUAGES:
        return f'Sorry, I only understand {here} here. I can run in {heard}: set language = "{code}" in the config.'
    return f"Sorry, I only understand {here}; I don't speak {heard}."
