"""Modal screens: help, open a file to summarize, edit an email draft."""

from __future__ import annotations

from pathlib import Path

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DirectoryTree, Input, Static, TextArea

MODAL_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical {{ width: 76; max-height: 22; height: auto; border: thick $accent; background: $surface;
                     padding: 0 1; }}
{name} Horizontal {{ height: auto; align-horizontal: right; }}
{name} Button {{ margin: 0 0 0 1; }}
"""


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = MODAL_CSS.format(name="HelpScreen")
    BINDINGS = [Binding("escape,q,f1,question_mark", "dismiss", "close")]

    def __init__(self, keys: list[tuple[str, str]], wake_phrases: list[str]):
        super().__init__()
        self.keys = keys
        self.wake_phrases = wake_phrases

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold cyan", no_wrap=True)
        table.add_column()
        for key, what in self.keys:
            table.add_row(key, what)
        wake = " / ".join(f'"{p}"' for p in self.wake_phrases) or "push-to-talk (no wake word)"
        with Vertical() as v:
            v.border_title = "help"
            yield Static(table)
            yield Static(
                Text(
                    f"\nSay {wake}, then the command, or type it and press Enter.\n"
                    'Try "what time is it", "set a timer for 5 minutes".\n'
                    "The latency panel shows where each turn's time went, from the\n"
                    "wake word (or Enter) to the end of the spoken reply.\n"
                    "No microphone or speakers? Set [audio] input_device and\n"
                    "output_device in the config (`python -m sounddevice` lists them);\n"
                    "typing works without either."
                )
            )
            yield Static("Esc or F1 closes this screen.", classes="muted")


class OpenFileScreen(ModalScreen[str | None]):
    """Pick a file to summarize: type a path or choose it in the tree."""

    DEFAULT_CSS = (
        MODAL_CSS.format(name="OpenFileScreen")
        + """
    OpenFileScreen DirectoryTree { height: 9; }
    OpenFileScreen #problem { color: $error; height: auto; }
    """
    )
    BINDINGS = [Binding("escape", "cancel", "cancel")]

    def __init__(self, start: str | Path = "."):
        super().__init__()
        self.start = Path(start)

    def compose(self) -> ComposeResult:
        with Vertical() as v:
            v.border_title = "summarize a file"
            yield Input(placeholder="path to a text, markdown, html, pdf or eml file", id="path")
            yield DirectoryTree(str(self.start), id="tree")
            yield Static(id="problem")
            with Horizontal():
                yield Button("Cancel", id="cancel")
                yield Button("Summarize", id="ok", variant="primary")

    def on_directory_tree_file_selected(self, event: DirectoryTree.FileSelected) -> None:
        self.query_one("#path", Input).value = str(event.path)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._choose()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "ok":
            self._choose()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _choose(self) -> None:
        raw = self.query_one("#path", Input).value.strip()
        path = Path(raw).expanduser()
        if not raw or not path.is_file():
            what = f"{raw} is not a file" if raw else "no file chosen"
            self.query_one("#problem", Static).update(Text(f"{what}: type a path or pick one in the tree"))
            return
        self.dismiss(str(path))


class EditDraftScreen(ModalScreen[tuple[str, str] | None]):
    DEFAULT_CSS = (
        MODAL_CSS.format(name="EditDraftScreen")
        + """
    EditDraftScreen TextArea { height: 12; }
    """
    )
    BINDINGS = [Binding("escape", "cancel", "cancel"), Binding("ctrl+s", "save", "save")]

    def __init__(self, subject: str, body: str):
        super().__init__()
        self.subject = subject
        self.body = body

    def compose(self) -> ComposeResult:
        with Vertical() as v:
            v.border_title = "edit draft (ctrl+s saves)"
            yield Input(self.subject, placeholder="subject", id="subject")
            yield TextArea(self.body, id="body", soft_wrap=True)
            with Horizontal():
                yield Button("Cancel", id="cancel")
                yield Button("Save", id="save", variant="primary")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        else:
            self.dismiss(None)

    def action_save(self) -> None:
        self.dismiss((self.query_one("#subject", Input).value, self.query_one("#body", TextArea).text))

    def action_cancel(self) -> None:
        self.dismiss(None)
