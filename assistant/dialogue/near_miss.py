"""What to say to a request a skill is close to but does not do, instead of "Sorry, I can't help with
that": each manifest's `near_misses`. An entry with `say` answers ("set an alarm" -> "I can't set alarms,
but a timer can ring at a time ..."); one with `offer` asks whether the skill should do what it can
instead, when the skill's own reading of the words (`read_args`) gives it all it needs and agrees with
the entry's `args` ("wake me up at six thirty" -> a timer until 6:30, set on a yes)."""

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
            if not re.search(n["when"], words):
                continue
            if "offer" not in n:
                return NearMiss(n["say"])
            if (args := _offered(skill, text, n.get("args") or {})) is not None:
                return NearMiss(n["offer"], skill, args)
    return None


def _offered(skill: Skill, text: str, agreed: dict[str, Any]) -> dict[str, Any] | None:
    """The arguments the skill reads from the words, when they are complete and agree with `agreed`."""
    if skill.read_args is None:
        return None
    try:
        args = skill.read_args(text)
    except Exception:  # a plugin's reader must not end the turn: no offer
        log.exception("%s.read_args failed on %r", skill.name, text[:200])
        return None
    if not args or any(args.get(k) != v for k, v in agreed.items()) or skill.validate(args) or skill.missing(args):
        return None
    return args
