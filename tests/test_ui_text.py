"""Outside text in the Textual UI (issue 21 item 10): replies, cards and transcripts are shown as they
are, never parsed as markup. Through the pilot, on the real runtime."""

from __future__ import annotations

import dataclasses

from test_ui import frozen_app, type_command
from textual.widgets import Static

from assistant.ui.cards import ErrorCard, SummaryCard


def shown(widget: Static) -> str:
    return str(widget.render())


async def test_an_error_card_shows_its_square_brackets(runtime, tmp_path):
    cfg = runtime.config.model_copy(deep=True)
    cfg.email = {"maildir": str(tmp_path / "Mail"), "smtp": {"hots": "mail.example"}}  # a typo
    app = frozen_app(dataclasses.replace(runtime, config=cfg))
    async with app.run_test(size=(100, 40)) as pilot:
        await type_command(pilot, "email alice saying hi")
        [card] = app.query(ErrorCard)
        assert "[email] needs the setting 'smtp.host'" in shown(card.query_one(Static))


async def test_a_summary_card_with_markup_in_the_document_renders_literally(runtime, tmp_path, monkeypatch):
    doc = tmp_path / "notes.txt"
    doc.write_text(
        "The budget for [bold red]the garden[/] is 300 euros and the work starts in May. "
        "The shed needs a new roof [/email] before the winter. [link=http://x.example]Click[/link] here.\n"
    )
    monkeypatch.setenv("ASSISTANT_TEXT_FILE", str(doc))
    app = frozen_app(runtime)
    async with app.run_test(size=(100, 40)) as pilot:
        await type_command(pilot, "summarize this file")
        [card] = app.query(SummaryCard)
        texts = [shown(s) for s in card.query(Static)]
        assert any("[bold red]the garden[/]" in t for t in texts), texts
        assert any("[/email]" in t for t in texts), texts
