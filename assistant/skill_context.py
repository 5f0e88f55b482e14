"""What a skill handler may use: the config, the clock, the scheduler and its own state."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from .config import Config
from .loading import Loading
from .plugins import Manifest
from .scheduler import Due, Scheduler


@dataclass
class SkillContext:
    config: Config
    clock: Callable[[], float]  # pipeline clock, seconds
    scheduler: Scheduler
    skill: str = ""
    state: dict[str, Any] = field(default_factory=dict)
    llm_load: Loading[Any] | None = None  # the language model (maybe still loading), if configured
    wall_clock: Callable[[], datetime] | None = None
    utterance: str = ""  # what the user said that started this run (chit-chat answers it)
    manifest: Manifest | None = None  # the skill's own (its system_prompt ...), set by the dialogue

    @property
    def llm(self) -> Any:
        """The language model (chit-chat, drafting, summaries) or None; its first use waits for it
        while it loads in the background."""
        return self.llm_load.get() if self.llm_load is not None else None

    def now(self) -> datetime:
        if self.wall_clock is not None:
            return self.wall_clock()
        tz = ZoneInfo(self.config.timezone) if self.config.timezone else None
        return datetime.now(tz).astimezone(tz) if tz else datetime.now().astimezone()

    def schedule_in(self, seconds: float, text: str, key_prefix: str, data: dict | None = None) -> Due:
        due = Due(
            self.clock() + seconds, self.scheduler.new_key(key_prefix), text, self.skill, True, data or {}
        )
        self.scheduler.add(due)
        return due
