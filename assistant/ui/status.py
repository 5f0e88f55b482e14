"""The status line: what the assistant is doing, and what it can hear and speak with."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

PHASES = {
    "loading": ("◌", "loading models", "magenta"),
    "idle": ("●", "idle", "green"),
    "listening": ("◉", "listening", "bold green"),
    "thinking": ("◍", "thinking", "bold yellow"),
    "speaking": ("◈", "speaking", "bold cyan"),
    "muted": ("○", "muted", "bold red"),
    "stopped": ("✕", "stopped", "bold red"),
}


class StatusLine(Static):
    DEFAULT_CSS = """
    StatusLine { dock: top; height: 1; background: $panel; padding: 0 1; }
    """

    phase: reactive[str] = reactive("loading")
    muted: reactive[bool] = reactive(False)
    mic: reactive[str] = reactive("")
    speaker: reactive[str] = reactive("")
    # barge-in: the microphone stays open while the assistant speaks (listen/bargein.py)
    over_speech: reactive[bool] = reactive(False)
    recording: reactive[bool] = reactive(False)  # --record / [debug] record_dir: the user's voice is kept

    def render(self) -> Text:
        phase = "muted" if self.muted and self.phase in ("idle", "listening") else self.phase
        icon, label, style = PHASES.get(phase, ("?", phase, ""))
        out = Text(no_wrap=True, overflow="ellipsis")
        if phase == "speaking" and self.over_speech:
            label = "speaking · hearing you"  # say the wake word or "stop" to cut in
        out.append(f"{icon} {label:<14}", style=style)
        if self.mic:
            out.append(" │ ", style="dim")
            out.append(self.mic, style="red" if self.mic.startswith("no ") else "")
        if self.speaker:
            out.append(" │ ", style="dim")
            out.append(self.speaker, style="red" if self.speaker.startswith("no ") else "")
        if self.recording:
            out.append(" │ ", style="dim")
            out.append("● REC", style="bold red")
        return out
