"""Typed pipeline events. Every stage emits these with a timestamp on the pipeline clock.

In `listen --wav` the clock is the audio clock: seconds of audio consumed, advanced by the wall time
the assistant spends thinking and speaking, so a turn's per-stage latency can be read off directly.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

EventType = Literal[
    "wake",
    "vad_start",
    "vad_end",
    "asr_partial",
    "asr_final",
    "intent",
    "skill_result",
    "reply",
    "tts_first_audio",
    "tts_end",
    "ack",
    "barge_in",
    "timer_ring",
    "listen_timeout",
    "not_speech",  # an utterance the speech check rejected (noise, a tone): no asr_final, no reply
    "error",
]


@dataclass(frozen=True)
class Event:
    type: EventType
    t: float
    text: str | None = None
    intent: str | None = None
    args: dict[str, Any] | None = None
    skill: str | None = None
    data: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out = {k: v for k, v in asdict(self).items() if v is not None and v != {}}
        out["t"] = round(self.t, 4)
        return out

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, default=str)

    @staticmethod
    def from_dict(d: dict[str, Any]) -> Event:
        return Event(
            type=d["type"],
            t=float(d["t"]),
            text=d.get("text"),
            intent=d.get("intent"),
            args=d.get("args"),
            skill=d.get("skill"),
            data=d.get("data", {}),
        )
