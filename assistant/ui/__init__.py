"""The terminal UI (Textual) and what it shares with the headless console.

Kept import-light: `timings` has no Textual dependency, so the headless daemon can use it; the app
itself is imported only by `run_ui`.
"""

from __future__ import annotations

from ..config import Config


def run_ui(config: Config) -> int:
    from .app import AssistantApp

    app = AssistantApp(config)
    app.run()
    return app.return_code or 0
