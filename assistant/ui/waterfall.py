"""The latency waterfall panel: one bar per stage of the last turn, each starting where the previous
stage ended, so the longest bar is where the time went."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from .timings import TurnTimings

LABEL_W = 10
VALUE_W = 7


def render_waterfall(turn: TurnTimings | None, width: int) -> Text:
    out = Text()
    if turn is None:
        out.append("no turn yet\n", style="dim")
        out.append("type a command or talk; each\nturn's stage timings show here", style="dim")
        return out
    bar_w = max(4, width - LABEL_W - VALUE_W - 1)
    total = max(turn.total, 1e-6)
    state = "" if turn.done else " …"
    out.append(f"{turn.source} turn, {turn.total:.2f} s{state}\n", style="bold")
    for row in turn.rows():
        out.append(f"{row.label:<{LABEL_W}}", style="dim" if row.offset is None else "")
        if row.offset is None or row.start is None:
            out.append(" " * bar_w + f"{'·':>{VALUE_W}}\n", style="dim")
            continue
        a = min(round(row.start / total * bar_w), bar_w - 1)
        b = min(round(row.offset / total * bar_w), bar_w)
        out.append(" " * a)
        if b > a:
            out.append("█" * (b - a), style="cyan")
            out.append(" " * (bar_w - b))
        else:  # too short to see at this scale: a hairline where it happened
            out.append("▏", style="cyan")
            out.append(" " * (bar_w - a - 1))
        out.append(f"{row.offset * 1000:>{VALUE_W - 2}.0f}ms\n")
    return out


class Waterfall(Static):
    """Shows the current (or last) turn's stage offsets in milliseconds from its start."""

    DEFAULT_CSS = """
    Waterfall { height: auto; padding: 0 1; border: round $panel-lighten-2; }
    """

    def __init__(self, **kw):
        super().__init__(**kw)
        self.turn: TurnTimings | None = None

    def on_mount(self) -> None:
        self.border_title = "latency"
        self.show(None)

    def show(self, turn: TurnTimings | None) -> None:
        self.turn = turn
        width = (self.content_region.width or 30) if self.is_mounted else 30
        self.update(render_waterfall(turn, width))

    def on_resize(self) -> None:
        self.show(self.turn)
