"""The Textual app: status line, conversation with cards, live partial transcript, latency waterfall,
and a command line for typing. The voice loop runs on a worker thread (session.py) and reports here
through call_from_thread, in order."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Input, Static

from ..config import Config
from ..errors import UserError
from ..events import Event
from ..text_guard import printable
from .cards import Card, CardAction, DraftCard, TimerCard, make_card
from .screens import EditDraftScreen, HelpScreen, OpenFileScreen
from .session import Devices, SessionItem, VoiceSession
from .status import StatusLine
from .timings import TurnTimings
from .waterfall import Waterfall

KEYS = [
    ("F2 / ctrl+t", "push-to-talk: listen for a command now, no wake word"),
    ("Enter", "send the command typed in the box at the bottom"),
    ("Esc", "stop speaking"),
    ("F3 / ctrl+n", "mute or unmute the microphone"),
    ("F4 / ctrl+o", "open a file to summarize"),
    ("F1", "this help"),
    ("ctrl+q", "quit"),
]


def _first_clause(problem: str | None) -> str:
    """'cannot open X (why); list devices with ...' -> 'cannot open X (why)': the fix is in F1 help."""
    return (problem or "no device").split(";")[0]


class AssistantApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "assistant"
    BINDINGS = [
        Binding("f1", "help", "help", priority=True),
        Binding("f2,ctrl+t", "talk", "talk", priority=True),
        Binding("escape", "stop_speech", "hush"),
        Binding("f3,ctrl+n", "mute", "mute", priority=True),
        Binding("f4,ctrl+o", "open_file", "summarize", priority=True),
        Binding("ctrl+q", "quit", "quit", priority=True),
    ]

    def __init__(
        self,
        config: Config,
        *,
        runtime: Any = None,
        devices: Devices | None = None,
        wake: bool = True,
        wall_clock: Callable[[], datetime] | None = None,
        ui_clock: Callable[[], float] = time.monotonic,
        pipeline_clock: Any = None,
        file_root: str = ".",
    ):
        """runtime/devices: preloaded models and chosen audio ends (tests); otherwise they are loaded and
        probed on the worker thread. The clocks are injectable so screenshots are reproducible."""
        super().__init__()
        self.config = config
        self.ui_clock = ui_clock
        self.file_root = file_root
        self.session = VoiceSession(
            config,
            self._deliver,
            devices=devices,
            runtime=runtime,
            wake=wake,
            wall_clock=wall_clock,
            pipeline_clock=pipeline_clock,
        )
        self.turn: TurnTimings | None = None
        self.can_speak = False
        self.wake_phrases: list[str] = []
        self.listens_over_speech: list[str] = []  # barge-in: what said over a reply cuts it
        self._pending_card: tuple[dict, str | None, float] | None = None
        self._ringing = False
        self._seen: dict[str, float] = {}  # first time of each event type in the current turn
        # what the user saw, for tests and for anyone scripting the app
        self.transcripts: list[str] = []
        self.replies: list[str] = []
        self.turns_done = 0
        self.ready = False

    # -- layout ---------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield StatusLine(id="status")
        with Horizontal(id="main"):
            yield VerticalScroll(id="history")
            with Vertical(id="side"):
                yield Waterfall(id="waterfall")
        yield Static(id="partial")
        yield Input(placeholder="type a command and press Enter (F1: help)", id="command")
        yield Footer()

    def on_mount(self) -> None:
        if self.is_headless:
            self.query_one("#command", Input).cursor_blink = False  # steady screenshots
        self.query_one("#command", Input).focus()
        self._hint()
        self.set_interval(1.0, self._tick)
        self.session.start()

    def on_unmount(self) -> None:
        self.session.close(timeout=0.5)

    @property
    def status(self) -> StatusLine:
        return self.query_one(StatusLine)

    # -- from the worker thread -----------------------------------------------------------------
    def _deliver(self, item: SessionItem) -> None:
        self.call_from_thread(self.apply_session_item, item)

    def apply_session_item(self, item: SessionItem) -> None:
        if item.kind == "event" and item.event is not None:
            self._show_event(item.event)
        elif item.kind == "phase":
            self._show_phase(item)
        elif item.kind == "turn_start":
            self._begin(TurnTimings.typed(item.t))
            self._say("you", item.text, "user")
        elif item.kind == "ready":
            self._show_ready(item.data)
        elif item.kind == "note":
            self._say("", item.text, "note")
        elif item.kind == "error":
            self._say("error", item.text, "error")
            if item.data.get("fatal"):
                self.status.phase = "stopped"

    def _show_ready(self, d: dict[str, Any]) -> None:
        self.ready = True
        self.can_speak = bool(d.get("can_speak"))
        self.wake_phrases = list(d.get("wake_phrases") or [])
        self.listens_over_speech = list(d.get("listens_over_speech") or [])
        st = self.status
        st.over_speech = bool(self.listens_over_speech)
        if d.get("recording"):
            st.recording = True
            self._say("", f"Recording: your voice and the events go to {d['recording']} (--record / [debug] "
                      "record_dir); replay with `assistant listen --replay`.", "note")
        if d.get("can_hear"):
            st.mic = f'mic on: say "{self.wake_phrases[0]}"' if self.wake_phrases else "mic on: just talk"
        else:
            st.mic = "no microphone: type below"
            self._say("", f"Typing only: {_first_clause(d.get('mic_problem'))}.", "note")
        if self.can_speak:
            st.speaker = "speaker on"
        else:
            st.speaker = "no sound card: text only"
            self._say("", f"Replies shown, not spoken: {_first_clause(d.get('speaker_problem'))}.", "note")
        self._hint()

    def _show_phase(self, item: SessionItem) -> None:
        phase = item.text
        if phase in ("idle", "listening") and self.turn is not None and not self.turn.done:
            if "reply" in self._seen:
                self.turn.finish_without_speech(self._seen["reply"])
                self._show_turn()
        if item.data.get("turn_over"):
            self.turns_done += 1
        if self.status.phase == "speaking" and phase == "thinking":
            return
        self.status.phase = phase
        self._hint()

    def _show_event(self, e: Event) -> None:
        history_turn = self.turn is not None and not self._ringing
        if e.type == "wake" or (e.type == "vad_start" and (self.turn is None or self.turn.done)):
            began = TurnTimings.begin(e)
            if began is not None:
                self._begin(began)
            self.status.phase = "listening"
            self._partial("listening…")
        elif e.type == "asr_partial":
            self._partial(f"hearing: {e.text or ''}")
        elif e.type == "vad_end":
            self.status.phase = "thinking"
        elif e.type == "asr_final":
            self.transcripts.append(e.text or "")
            self._say("you", e.text or "(nothing heard)", "user", voice=True)
            self._partial("")
        elif e.type == "skill_result" and e.data.get("card"):
            self._pending_card = (e.data["card"], e.skill, e.t)
        elif e.type == "timer_ring":
            self._ringing = True
            for card in self.query(TimerCard):
                if card.key == e.data.get("key"):
                    card.ring()
        elif e.type == "reply":
            self._show_reply(e)
        elif e.type == "tts_first_audio":
            self.status.phase = "speaking"
            if self.listens_over_speech:
                said = " or ".join(f'"{p}"' for p in self.listens_over_speech)
                self.query_one("#partial", Static).update(
                    Text(f"listening over the reply: say {said} to cut in · Esc hushes", style="dim")
                )
        elif e.type == "barge_in":
            self._say("", f'heard "{e.text}" over the reply: stopped', "note")
        elif e.type == "tts_end":
            self._ringing = False
            if e.data.get("stopped") and self.status.phase == "speaking":
                self._hint()
        elif e.type == "listen_timeout":
            self._partial("")
            self._say("", "heard nothing; going back to waiting", "note")
        elif e.type == "error":
            self._say("error", f"{e.skill or 'assistant'}: {e.text}", "error")
        if history_turn and self.turn is not None and self.turn.add(e):
            self._seen.setdefault(e.type, e.t)
            self._show_turn()

    def _show_reply(self, e: Event) -> None:
        if e.text:
            self.replies.append(e.text)
            self._say("assistant", e.text, "assistant")
        if self._pending_card is not None:
            card, skill, t = self._pending_card
            self._pending_card = None
            if len(card) > 1:  # a card with only its type has nothing to show
                widget = make_card(card, skill, t, self.ui_clock())
                if isinstance(widget, DraftCard):
                    # the worker is blocked delivering this event, so reading its state is safe here
                    pipe = self.session.pipe
                    widget.awaiting_yes = pipe is not None and pipe.conversation.pending is not None
                self._mount(widget)
        if self._ringing and not self.can_speak:
            self._ringing = False
        elif self.turn is not None and not self.turn.done:
            self._seen["reply"] = e.t

    # -- helpers --------------------------------------------------------------------------------
    def _begin(self, turn: TurnTimings) -> None:
        self.turn = turn
        self._seen: dict[str, float] = {}
        self._show_turn()

    def _show_turn(self) -> None:
        self.query_one(Waterfall).show(self.turn)

    def _say(self, who: str, text: str, kind: str, voice: bool = False) -> None:
        line = Text()
        if kind == "user":
            line.append("🎤 " if voice else "⌨ ", style="dim")
        if who and kind != "user":
            line.append(f"{who}: ", style="bold")
        line.append(printable(text))
        self._mount(Static(line, classes=f"msg {kind}"))

    def _mount(self, widget) -> None:
        history = self.query_one("#history", VerticalScroll)
        history.mount(widget)
        self.call_after_refresh(history.scroll_end, animate=False)

    def _partial(self, text: str) -> None:
        if text:
            self.query_one("#partial", Static).update(Text(printable(text)))  # a transcript is not markup
        else:
            self._hint()

    def _hint(self) -> None:
        st = self.status
        if st.phase == "listening":
            return
        if not self.ready:
            hint = "loading models… you can type already"
        elif st.mic.startswith("mic on"):
            hint = "F2 push-to-talk · Enter sends typed text · Esc stops speech · F1 help"
        else:
            hint = "type a command below and press Enter · F1 help"
        self.query_one("#partial", Static).update(Text(hint, style="dim"))

    def _tick(self) -> None:
        now = self.ui_clock()
        for card in self.query(Card):
            # a card added just now may be composed but not mounted yet: its on_mount ticks it first
            if card.is_mounted:
                card.tick(now)

    # -- user input -----------------------------------------------------------------------------
    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "command":
            return
        text = event.value.strip()
        event.input.clear()
        if text:
            self.session.submit_text(text)

    def action_help(self) -> None:
        self.push_screen(HelpScreen(KEYS, self.wake_phrases))

    def action_talk(self) -> None:
        self.session.push_to_talk()

    def action_stop_speech(self) -> None:
        self.session.stop_speaking()

    def action_mute(self) -> None:
        muted = not self.status.muted
        self.session.set_muted(muted)
        self.status.muted = muted
        self.notify("microphone muted" if muted else "microphone on", timeout=2)

    def action_open_file(self) -> None:
        def chosen(path: str | None) -> None:
            if path:
                self.session.summarize_file(path)

        self.push_screen(OpenFileScreen(self.file_root), chosen)

    def on_card_action(self, message: CardAction) -> None:
        card = message.card
        if message.action == "answer":
            self.session.submit_text(message.data["text"])
        elif isinstance(card, DraftCard):
            self._draft_action(card, message.action)

    def _draft_action(self, card: DraftCard, action: str) -> None:
        from .drafts import discard_draft, update_draft

        key = str(card.card.get("draft", ""))
        if action == "send":
            if not card.awaiting_yes:
                self._say("", "this draft is not waiting to be sent (is [email.smtp] set up?)", "note")
                return
            card.mark("sending…")
            self.session.submit_text("yes")  # the same confirmation a spoken yes gives
        elif action == "discard":
            try:
                if key:
                    discard_draft(self.config, key)
            except UserError as exc:
                self._say("error", str(exc), "error")
            card.mark("discarded")
            if card.awaiting_yes:
                self.session.submit_text("no")

        elif action == "edit":

            def saved(result: tuple[str, str] | None) -> None:
                if result is None:
                    return
                subject, body = result
                try:
                    update_draft(self.config, key, subject, body)
                except UserError as exc:
                    self._say("error", str(exc), "error")
                    return
                card.replace_draft(subject, body)

            self.push_screen(
                EditDraftScreen(str(card.card.get("subject", "")), str(card.card.get("body", ""))), saved
            )
