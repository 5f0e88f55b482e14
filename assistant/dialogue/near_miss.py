"""What to say to a request a skill is close to but does not do, instead of "Sorry, I can't help with
that": each manifest's `near_misses`. An entry with `say` answers ("set an alarm" -> "I can't set alarms,
but a timer can ring at a time ..."); one with `offer` asks whether the skill should do what it can
instead, when the entry's `args` and the skill's own reading of the words (`read_args`) agree and give it
all it needs ("wake me up at six thirty" -> a timer until 6:30, set on a yes; "do i have new email" ->
the latest email summed up). The regex's named groups may be used in `say`, `offer` and the strings of
`args` ("did carol email me" -> "... the latest email from {who}", source "email from {who}")."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

from ..skill_api import Skill
from ..text import normalize

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class NearMiss:
    say: str
    skill: Skill | None = None  # an offer: a yes runs this skill with args
    args: dict[str, Any] | None = None


def near_miss(text: str, skills: dict[str, Skill]) -> NearMiss | None:
    words = normalize(text)
    for skill in skills.values():
        for n in skill.manifest.near_misses:
            if (m := re.search(n["when"], words)) is None:
                continue
            said = {k: v or "" for k, v in m.groupdict().items()}
            if "offer" not in n:
                return NearMiss(_filled(n["say"], said))
            agreed = {k: _filled(v, said) for k, v in (n.get("args") or {}).items()}
            if (args := _offered(skill, text, agreed)) is not None:
                return NearMiss(_filled(n["offer"], said), skill, args)
    return None


def _filled(value: Any, said: dict[str, str]) -> Any:
    """A string with the words the regex's named groups caught put in; anything else as it is. Only
    where the regex has groups, so an entry without them may use braces."""
    return value.format(**said) if said and isinstance(value, str) else value


def _offered(skill: Skill, text: str, agreed: dict[str, Any]) -> dict[str, Any] | None:
    """The entry's arguments and those the skill reads from the words, when the two agree and together
    are all the skill needs."""
    try:
        read = (skill.read_args(text) if skill.read_args is not None else None) or {}
    except Exception:  # a plugin's reader must not end the turn: no offer
        log.exception("%s.read_args failed on %r", skill.name, text[:200])
        return None
    if any(k in read and read[k] != v for k, v in agreed.items()):
        return None
    args = {**read, **agreed}
    return args if args and not skill.validate(args) and not skill.missing(args) else None


def declined(text: str, skill: Skill) -> str | None:
    """What the skill says to a request routed to it that it does not do (its manifest's `declines`:
    "delete that email" reaches the email skill for the word "email"), before any question is asked.
    The regex's named groups may be used in `say` ("I can't {verb} email")."""
    words = normalize(text)
    for d in skill.manifest.declines:
        if (m := re.search(d["when"], words)) is not None:
            return str(d["say"]).format(**{k: v or "" for k, v in m.groupdict().items()})
    return None
