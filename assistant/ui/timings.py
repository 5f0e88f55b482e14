"""One turn's latency waterfall, built from pipeline events: where the time between the wake word (or
the typed command) and the end of the spoken reply went. Pure data, shared by the UI and the console."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..events import Event

# (event type, label) in pipeline order
STAGES: tuple[tuple[str, str], ...] = (
    ("wake", "wake"),
    ("vad_end", "end speech"),
    ("asr_final", "ASR final"),
    ("intent", "routing"),
    ("skill_result", "skill"),
    ("tts_first_audio", "1st audio"),
    ("tts_end", "end"),
)
STAGE_TYPES = {s for s, _ in STAGES}


@dataclass(frozen=True)
class StageRow:
    label: str
    offset: float | None  # seconds since the turn started; None = the turn had no such stage
    start: float | None  # where this stage's bar begins (the previous stage's offset)


@dataclass
class TurnTimings:
    start: float  # pipeline clock
    source: str  # "voice", "push-to-talk" or "typed"
    marks: dict[str, float] = field(default_factory=dict)

    @staticmethod
    def begin(event: Event) -> TurnTimings | None:
        """A new turn starts at a wake word (or push-to-talk), or at speech when no wake word is used."""
        if event.type == "wake":
            via = "push-to-talk" if event.data.get("via") == "push_to_talk" else "voice"
            return TurnTimings(event.t, via, {"wake": event.t})
        if event.type == "vad_start":
            return TurnTimings(event.t, "voice")
        return None

    @staticmethod
    def typed(t: float) -> TurnTimings:
        return TurnTimings(t, "typed")

    def add(self, event: Event) -> bool:
        """Record a stage's time; the first one of each stage counts. True when it was new."""
        if event.type not in STAGE_TYPES or event.type in self.marks or self.done:
            return False
        self.marks[event.type] = event.t
        return True

    @property
    def done(self) -> bool:
        return "tts_end" in self.marks

    def finish_without_speech(self, t: float) -> None:
        """No speaker (or nothing to say): the reply on screen is the end of the turn."""
        if not self.done:
            self.marks.setdefault("tts_end", t)

    @property
    def total(self) -> float:
        return max(self.marks.values(), default=self.start) - self.start

    def rows(self) -> list[StageRow]:
        out: list[StageRow] = []
        prev = 0.0
        for kind, label in STAGES:
            t = self.marks.get(kind)
            if t is None:
                out.append(StageRow(label, None, None))
                continue
            offset = max(0.0, t - self.start)
            out.append(StageRow(label, offset, prev))
            prev = offset
        return out

    def summary(self) -> str:
        """One plain line for logs: each stage's offset from the start of the turn."""
        parts = [f"{r.label} +{r.offset:.2f}s" for r in self.rows() if r.offset is not None]
        return f"{self.source} turn {self.total:.2f}s: " + ", ".join(parts)
