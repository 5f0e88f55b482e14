"""Things due later on the pipeline clock (ringing timers). The pipeline polls it every frame, so a
timer rings on time with a microphone and on the audio clock when a file plays as the microphone."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

RANG_KEPT = 5


@dataclass(order=True)
class Due:
    t: float
    key: str = field(compare=False)
    text: str = field(compare=False)
    skill: str = field(compare=False)
    sound: bool = field(default=True, compare=False)
    data: dict = field(default_factory=dict, compare=False)


class Scheduler:
    def __init__(self):
        self._items: dict[str, Due] = {}
        self._ids = itertools.count(1)
        self.rang: list[Due] = []  # the last few that came due, newest last ("snooze" rings one again)

    def new_key(self, prefix: str) -> str:
        return f"{prefix}-{next(self._ids)}"

    def add(self, item: Due) -> None:
        self._items[item.key] = item

    def cancel(self, key: str) -> Due | None:
        return self._items.pop(key, None)

    def pending(self, prefix: str = "") -> list[Due]:
        return sorted(d for d in self._items.values() if d.key.startswith(prefix))

    def pop_due(self, now: float) -> list[Due]:
        due = sorted(d for d in self._items.values() if d.t <= now)
        for d in due:
            del self._items[d.key]
        self.rang = (self.rang + due)[-RANG_KEPT:]
        return due

    def next_due(self) -> float | None:
        return min((d.t for d in self._items.values()), default=None)
