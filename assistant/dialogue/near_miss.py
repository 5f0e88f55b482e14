"""What to say to a request a skill is close to but does not do, instead of "Sorry, I can't help with
that": each manifest's `near_misses` ("set an alarm for 7" -> "I can't set alarms, but I can set a timer
that rings at a time ...")."""

from __future__ import annotations

import re

from ..skill_api import Skill
from ..text import normalize


def near_miss(text: str, skills: dict[str, Skill]) -> str | None:
    words = normalize(text)
    for skill in skills.values():
        for n in skill.manifest.near_misses:
            if re.search(n["when"], words):
                return n["say"]
    return None
