"""One card per skill result, chosen by the card's "type" (Reply.card from the skill); any other type
gets the generic card, so a third-party skill's card still shows up.

Cards never act on their own: buttons post CardAction and the app decides (a spoken-style "yes" to a
pending confirmation, an edit screen, ...), so the dialogue's confirmation rules stay the only path to a
side effect.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Collapsible, DataTable
from textual.widgets import Static as _Static

from ..text_guard import printable


class Static(_Static):
    """Every card shows outside text (a document, an email, a contact, a transcript): shown as it is,
    never parsed as markup ("add an [email] section" lost its "[email]") nor as terminal control."""

    def __init__(self, content: Any = "", **kwargs: Any) -> None:
        super().__init__(printable(content) if isinstance(content, str) else content, markup=False, **kwargs)

    def update(self, content: Any = "", **kwargs: Any) -> None:
        super().update(printable(content) if isinstance(content, str) else content, **kwargs)


def clock_text(seconds: float) -> str:
    seconds = max(0, int(seconds + 0.999))  # 4.2 s left shows as 0:05 until it is really below 5
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


class CardAction(Message):
    def __init__(self, card: Card, action: str, data: dict[str, Any] | None = None):
        super().__init__()
        self.card = card
        self.action = action
        self.data = data or {}


class Card(Vertical):
    """Base card: a bordered box titled by the skill; subclasses fill it from the card dict."""

    DEFAULT_CSS = """
    Card { height: auto; border: round $accent; padding: 0 1; margin: 0 0 1 2; }
    Card .muted { color: $text-muted; }
    Card .big { text-style: bold; }
    Card Horizontal { height: auto; }
    Card Button { margin: 0 1 0 0; width: auto; min-width: 8; }
    Card Button.option { width: 100%; margin: 0; }
    """
    title: ClassVar[str] = ""

    def __init__(self, card: dict[str, Any], skill: str | None, received_t: float, ui_now: float):
        super().__init__()
        self.card = card
        self.skill = skill
        self.received_t = received_t  # pipeline clock when the result arrived
        self.received_ui = ui_now  # UI clock at the same moment (countdowns run on it)

    def on_mount(self) -> None:
        self.border_title = self.title or (self.skill or "result").replace("_", " ")

    def tick(self, ui_now: float) -> None:
        """Called every second; countdowns override it."""


class TimeCard(Card):
    title = "time"

    def compose(self) -> ComposeResult:
        yield Static(str(self.card.get("time", "")), classes="big")
        if self.card.get("date"):
            yield Static(str(self.card["date"]), classes="muted")


class TimerCard(Card):
    """A running countdown; rings (and says so) when the pipeline's timer_ring names its key."""

    title = "timer"

    def compose(self) -> ComposeResult:
        self.remaining = Static(classes="big")
        yield Static(f"{self.card.get('label', '')} timer".strip())
        yield self.remaining

    @property
    def key(self) -> str | None:
        return self.card.get("key")

    def left(self, ui_now: float) -> float:
        return float(self.card.get("due_t", self.received_t)) - self.received_t - (ui_now - self.received_ui)

    def on_mount(self) -> None:
        super().on_mount()
        self.rang = False
        self.tick(self.received_ui)

    def tick(self, ui_now: float) -> None:
        if not self.rang:
            self.remaining.update(f"⏱ {clock_text(self.left(ui_now))} left")

    def ring(self) -> None:
        self.rang = True
        self.remaining.update("⏰ done")
        self.add_class("rang")


class TimersCard(Card):
    title = "timers"

    def compose(self) -> ComposeResult:
        self.lines = Static()
        yield self.lines

    def on_mount(self) -> None:
        super().on_mount()
        self.tick(self.received_ui)

    def tick(self, ui_now: float) -> None:
        timers = self.card.get("timers") or []
        if not timers:
            self.lines.update(Text("no timers running", style="dim"))
            return
        elapsed = ui_now - self.received_ui
        rows = [
            f"{t.get('label') or t.get('key')}: "
            + (f"paused, {clock_text(float(t.get('remaining_s', 0)))} left" if t.get("paused")
               else f"{clock_text(float(t.get('remaining_s', 0)) - elapsed)} left")
            for t in timers
        ]
        self.lines.update("\n".join(rows))


class DraftCard(Card):
    """An email draft: who, subject, body; Edit opens an editor, Send / Discard answer the skill's
    pending question exactly as a spoken "yes" / "no" would."""

    title = "email draft"
    awaiting_yes = False  # set by the app: the dialogue is waiting for a yes to send this draft

    def compose(self) -> ComposeResult:
        c = self.card
        to = c.get("to") or c.get("recipient") or ""
        if isinstance(to, list):
            to = ", ".join(map(str, to))
        self.header = Static(
            Text.assemble(("To: ", "bold"), str(to), "\n", ("Subject: ", "bold"), str(c.get("subject", "")))
        )
        self.body = Static(str(c.get("body", "")))
        self.state = Static(classes="muted")
        self.state.display = False  # until sent or discarded
        yield self.header
        yield self.body
        yield self.state
        with Horizontal():
            yield Button("Edit", id="edit", variant="default", compact=True)
            yield Button("Send", id="send", variant="success", compact=True)
            yield Button("Discard", id="discard", variant="error", compact=True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(CardAction(self, event.button.id or ""))

    def mark(self, state: str) -> None:
        """Sent or discarded: the buttons go, the card stays as a record."""
        self.state.update(state)
        self.state.display = True
        for b in self.query(Button):
            b.disabled = True

    def replace_draft(self, subject: str, body: str) -> None:
        self.card = {**self.card, "subject": subject, "body": body}
        to = self.card.get("to") or ""
        if isinstance(to, list):
            to = ", ".join(map(str, to))
        self.header.update(Text.assemble(("To: ", "bold"), str(to), "\n", ("Subject: ", "bold"), subject))
        self.body.update(body)


class RestaurantsCard(Card):
    title = "restaurants"
    COLUMNS: ClassVar[list[tuple[str, str]]] = [
        ("name", "name"),
        ("cuisine", "cuisine"),
        ("distance", "dist"),
        ("open", "open"),
    ]

    def compose(self) -> ComposeResult:
        rows = self.card.get("restaurants") or self.card.get("results") or self.card.get("items") or []
        if not rows:
            yield Static("nothing found", classes="muted")
            return
        table: DataTable = DataTable(zebra_stripes=True, cursor_type="row")
        table.styles.height = min(len(rows) + 1, 10)
        for _, label in self.COLUMNS:
            table.add_column(label)
        for r in rows:
            table.add_row(*(Text(printable(_cell(key, r))) for key, _ in self.COLUMNS))
        yield table
        origin = self.card.get("origin")
        near = origin.get("name") if isinstance(origin, dict) else self.card.get("near")
        total = self.card.get("total")
        more = f"{len(rows)} of {total}" if isinstance(total, int) and total > len(rows) else f"{len(rows)}"
        yield Static(f"{more} places" + (f" near {near}" if near else ""), classes="muted")


def _cell(key: str, r: dict[str, Any]) -> str:
    if key == "distance":
        m = r.get("distance_m")
        if m is None:
            return str(r.get("distance", ""))
        return f"{m / 1000:.1f} km" if m >= 1000 else f"{round(m)} m"
    if key == "open":
        v = r.get("open_now", r.get("open"))
        return "yes" if v is True else "no" if v is False else "?"
    return str(r.get(key) or "")


class SummaryCard(Card):
    """The short summary, with the full summary (and the source text when given) folded below."""

    title = "summary"

    def compose(self) -> ComposeResult:
        c = self.card
        short = c.get("summary") or c.get("text") or ""
        full = c.get("full_summary") or c.get("full_text") or c.get("full") or ""
        about = [str(c["source"])] if c.get("source") else []
        if c.get("words"):
            about.append(f"{c['words']} words")
        if c.get("method"):
            about.append(str(c["method"]))
        if about:
            yield Static(" · ".join(about), classes="muted")
        yield Static(str(short))
        if full and full != short:
            label = "full summary" if c.get("full_summary") else "full text"
            with Collapsible(title=label, collapsed=False):
                yield Static(str(full))


class ChoiceCard(Card):
    """The skill asked "which one?": each option is a button that answers as if it were said."""

    title = "choose"

    def compose(self) -> ComposeResult:
        for i, option in enumerate(self.card.get("options") or []):
            yield Button(Text(printable(str(option))), id=f"option-{i}", classes="option", compact=True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(CardAction(self, "answer", {"text": str(event.button.label)}))


class ErrorCard(Card):
    title = "problem"

    def compose(self) -> ComposeResult:
        yield Static(str(self.card.get("error", "")))


class GenericCard(Card):
    """Any other card: its fields, one per line."""

    def compose(self) -> ComposeResult:
        lines = []
        for k, v in self.card.items():
            if k == "type":
                continue
            shown = v if isinstance(v, str) else json.dumps(v, ensure_ascii=False, default=str)
            lines.append(Text.assemble((f"{k}: ", "bold"), shown))
        yield Static(Text("\n").join(lines) if lines else Text("(empty)", style="dim"))


CARD_TYPES: dict[str, type[Card]] = {
    "time": TimeCard,
    "timer": TimerCard,
    "timers": TimersCard,
    "email_draft": DraftCard,
    "draft": DraftCard,
    "email": DraftCard,
    "restaurants": RestaurantsCard,
    "summary": SummaryCard,
    "choice": ChoiceCard,
    "error": ErrorCard,
}


def make_card(card: dict[str, Any], skill: str | None, received_t: float, ui_now: float) -> Card:
    kind = str(card.get("type", ""))
    cls = CARD_TYPES.get(kind, GenericCard)
    return cls(card, skill, received_t, ui_now)


CardFactory = Callable[[dict[str, Any], str | None, float, float], Card]
