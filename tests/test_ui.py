"""The Textual app through its pilot, on the real runtime (models loaded once per session).

Only the audio hardware is replaced: a WAV made with Piper plays as the microphone, and replies go to
WAV files or nowhere. Screenshots freeze what depends on the clock (the time of day the get_time skill
reads, the pipeline clock behind the latency waterfall, the UI clock behind countdowns) by injection.
"""

from __future__ import annotations

import dataclasses
import email
import email.policy
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from textual.widgets import Button, Input, TextArea

from assistant.audio.sources import WavSource
from assistant.config import Config
from assistant.tts.output import NullOutput, WavOutput
from assistant.ui.app import AssistantApp
from assistant.ui.cards import DraftCard, TimeCard, TimerCard, TimersCard
from assistant.ui.session import Devices
from assistant.ui.waterfall import Waterfall

HERE = Path(__file__).parent
FROZEN_NOW = datetime(2026, 3, 14, 15, 9, tzinfo=timezone(timedelta(hours=1)))


class StepClock:
    """A pipeline clock that moves 50 ms per reading: the waterfall's numbers repeat run after run."""

    def __init__(self) -> None:
        self.t = 0.0

    def on_frame(self, t: float) -> None:
        self.t = max(self.t, t)

    def now(self) -> float:
        self.t += 0.05
        return self.t


def frozen_app(runtime, **kw) -> AssistantApp:
    """No microphone, no speakers, text only (as on this machine), with every clock frozen."""
    devices = Devices(None, NullOutput(), "no microphone (test)", "no speakers (test)")
    text_only = dataclasses.replace(runtime, tts_load=None)
    return AssistantApp(
        runtime.config,
        runtime=text_only,
        devices=devices,
        wall_clock=lambda: FROZEN_NOW,
        ui_clock=lambda: 1000.0,
        pipeline_clock=StepClock(),
        **kw,
    )


async def until(pilot, condition, what: str, limit_s: float = 120.0) -> None:
    """Let the worker thread run until the app shows what we wait for (a bound, not a timing check)."""
    steps = int(limit_s / 0.05)
    for _ in range(steps):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"the app never showed {what}")


async def type_command(pilot, text: str) -> None:
    app = pilot.app
    await until(pilot, lambda: app.ready, "the ready state")
    done = app.turns_done
    await pilot.click("#command")
    app.query_one("#command", Input).value = text
    await pilot.press("enter")
    await until(pilot, lambda: app.turns_done > done and app.status.phase == "idle", f"the reply to {text!r}")
    await pilot.pause()


# -- pilot: real turns -------------------------------------------------------------------------------
async def test_typed_turn_without_audio_devices(runtime, config):
    """The real device probe fails on devices that do not exist; the app says so and works by typing."""
    cfg = config.model_copy(deep=True)
    cfg.audio.input_device = "no-such-microphone"
    cfg.audio.output_device = "no-such-speaker"
    app = AssistantApp(cfg, runtime=dataclasses.replace(runtime, tts_load=None))
    async with app.run_test(size=(80, 24)) as pilot:
        await type_command(pilot, "what time is it")
        status = app.status
        assert status.mic == "no microphone: type below"
        assert status.speaker == "no sound card: text only"
        assert app.replies and app.replies[-1].startswith("It's ")
        [card] = app.query(TimeCard)
        assert card.card["type"] == "time" and ":" in card.card["time"]
        turn = app.query_one(Waterfall).turn
        assert turn is not None and turn.source == "typed" and turn.done
        offsets = {r.label: r.offset for r in turn.rows()}
        assert offsets["routing"] is not None and offsets["skill"] is not None
        assert offsets["wake"] is None and offsets["1st audio"] is None  # typed, nothing spoken


async def test_scripted_audio_turn_shows_transcript_card_and_speaks(runtime, piper, make_wav, tmp_path):
    wav = make_wav(1.0, piper("Hey computer."), 0.5, piper("What time is it?"), 2.0)
    replies = WavOutput(tmp_path / "replies")
    devices = Devices(WavSource(wav), replies, source_name="scripted audio")
    app = AssistantApp(runtime.config, runtime=runtime, devices=devices)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: bool(app.query(TimeCard)), "a time card")
        await until(pilot, lambda: app.query_one(Waterfall).turn.done, "the end of the spoken reply")
        assert app.transcripts == ["what time is it"]
        assert app.replies[0].startswith("It's ")
        assert app.status.mic == 'mic on: say "hey computer"' and app.status.speaker == "speaker on"
        turn = app.query_one(Waterfall).turn
        assert turn.source == "voice"
        offsets = [r.offset for r in turn.rows()]
        assert None not in offsets  # wake, end of speech, ASR final, routing, skill, first audio, end
        assert offsets == sorted(offsets)
    assert len(replies.written) == 1  # the reply was spoken (into a WAV file, the speaker here)


def clocked_app(runtime, ui_now: list[float]) -> AssistantApp:
    """Text only, with the screen's clock at ui_now[0] (cards that count down read it)."""
    return AssistantApp(
        runtime.config,
        runtime=dataclasses.replace(runtime, tts_load=None),
        devices=Devices(None, NullOutput(), "none", "none"),
        ui_clock=lambda: ui_now[0],
    )


async def test_timer_card_counts_down_and_rings(runtime):
    ui_now = [0.0]
    app = clocked_app(runtime, ui_now)
    async with app.run_test(size=(80, 24)) as pilot:
        await type_command(pilot, "set a timer for 2 seconds")
        [card] = app.query(TimerCard)
        assert "0:02 left" in str(card.remaining.render())
        ui_now[0] = 1.5
        app._tick()
        assert "0:01 left" in str(card.remaining.render())
        # the card turns to "rang" a moment before the reply lands in the history: wait for both
        await until(pilot, lambda: card.rang and len(app.replies) > 1, "the timer ringing")
        assert app.replies[-1] == "Your 2 second timer is done."


async def test_a_paused_timer_stands_still_on_the_timers_card(runtime):
    ui_now = [0.0]
    app = clocked_app(runtime, ui_now)
    async with app.run_test(size=(80, 24)) as pilot:
        await type_command(pilot, "set a timer for 5 minutes for the tea")
        await type_command(pilot, "pause the tea timer")
        await until(pilot, lambda: len(app.query(TimersCard)) == 1, "the timers card")
        [card] = app.query(TimersCard)
        assert "tea: paused, 5:00 left" in str(card.lines.render())
        ui_now[0] = 30.0
        app._tick()
        assert "tea: paused, 5:00 left" in str(card.lines.render())  # it does not count down


async def test_push_to_talk_without_microphone_says_to_type(runtime):
    app = frozen_app(runtime)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.ready, "the ready state")
        await pilot.press("f2")
        await until(pilot, lambda: "no microphone" in _history(app), "the push-to-talk note")
        await pilot.press("f3")
        assert app.status.muted and app.session.muted


async def test_draft_card_edit_and_discard(runtime, tmp_path):
    """A real draft_email turn: the card shows the draft; Edit rewrites it in the Maildir; Discard
    removes it and declines the pending send."""
    section = {
        "maildir": str(tmp_path / "Mail"),
        "address": "Sam Doe <sam@example.net>",
        "name": "Sam",
        "address_book": {"alice": "Alice Smith <alice@example.org>"},
        "smtp": {"host": "127.0.0.1", "port": 1, "security": "none"},  # never reached: we discard
    }
    cfg = Config.model_validate({**runtime.config.model_dump(), "email": section})
    rt = dataclasses.replace(runtime, config=cfg, tts_load=None)
    app = AssistantApp(cfg, runtime=rt, devices=Devices(None, NullOutput(), "none", "none"))
    drafts = tmp_path / "Mail" / ".Drafts" / "cur"
    async with app.run_test(size=(80, 40)) as pilot:
        await type_command(pilot, "write an email to alice saying i'll be late tomorrow")
        [card] = app.query(DraftCard)
        assert card.awaiting_yes and "alice@example.org" in card.card["to"]
        await pilot.click("#edit")
        await pilot.pause()
        app.screen.query_one("#subject", Input).value = "Running late"
        app.screen.query_one("#body", TextArea).text = "Hi Alice,\n\nI'll be an hour late tomorrow.\n\nSam"
        await pilot.click("#save")
        await pilot.pause()
        [path] = drafts.glob("*")
        saved = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        assert saved["Subject"] == "Running late" and "an hour late" in saved.get_content()
        done = app.turns_done
        await pilot.click("#discard")
        await until(pilot, lambda: app.turns_done > done, "the declined send")
        assert list(drafts.glob("*")) == []
        assert app.replies[-1] == "Okay, I won't."
        assert all(b.disabled for b in card.query(Button))


def _history(app) -> str:
    return "\n".join(str(w.render()) for w in app.query(".msg"))


# -- snapshots (80x24) -------------------------------------------------------------------------------
def test_snapshot_typed_turn(runtime, snap_compare):
    assert snap_compare(frozen_app(runtime), run_before=lambda pilot: type_command(pilot, "what time is it"))


def test_snapshot_timer_card(runtime, snap_compare):
    async def run(pilot):
        await type_command(pilot, "set a timer for 5 minutes")

    assert snap_compare(frozen_app(runtime), run_before=run)


def test_snapshot_help_screen(runtime, snap_compare):
    async def run(pilot):
        await until(pilot, lambda: pilot.app.ready, "the ready state")
        await pilot.press("f1")

    assert snap_compare(frozen_app(runtime), run_before=run)


def test_snapshot_open_file_screen(runtime, snap_compare, monkeypatch):
    monkeypatch.chdir(HERE)

    async def run(pilot):
        await until(pilot, lambda: pilot.app.ready, "the ready state")
        await pilot.press("f4")
        await pilot.pause()

    assert snap_compare(frozen_app(runtime, file_root="ui_files"), run_before=run)


@pytest.mark.parametrize("size", [(80, 24)])
async def test_layout_fits_80x24(runtime, size):
    app = frozen_app(runtime)
    async with app.run_test(size=size) as pilot:
        await type_command(pilot, "what time is it")
        for widget in ("#status", "#waterfall", "#partial", "#command"):
            region = app.query_one(widget).region
            assert region.right <= size[0] and region.bottom <= size[1], widget


async def test_open_file_hands_the_file_to_summarize(runtime, monkeypatch):
    monkeypatch.delenv("ASSISTANT_TEXT_FILE", raising=False)  # restored after the test
    app = frozen_app(runtime, file_root=str(HERE / "ui_files"))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.ready, "the ready state")
        done = app.turns_done
        await pilot.press("f4")
        await pilot.pause()
        app.screen.query_one("#path", Input).value = "no/such/file.txt"
        await pilot.click("#ok")
        await pilot.pause()
        assert "is not a file" in str(app.screen.query_one("#problem").render())
        path_box = app.screen.query_one("#path", Input)
        path_box.value = str(HERE / "ui_files" / "notes.txt")
        path_box.focus()
        await pilot.press("enter")  # Enter in the path box works like the button
        await until(pilot, lambda: app.turns_done > done, "the summarize turn")
        assert f"summarize {HERE / 'ui_files' / 'notes.txt'}" in _history(app)
        assert app.replies  # the summarize skill answered (its card, when it gives one, follows)
        import os

        assert os.environ["ASSISTANT_TEXT_FILE"] == str(HERE / "ui_files" / "notes.txt")


# -- the waterfall's data ----------------------------------------------------------------------------
VOICE_TURN = [
    ("wake", 1.0, {}),
    ("vad_start", 1.3, {}),
    ("vad_end", 2.5, {}),
    ("asr_final", 2.9, {}),
    ("intent", 3.0, {}),
    ("skill_result", 3.0, {}),
    ("reply", 3.0, {}),
    ("tts_first_audio", 3.2, {}),
    ("tts_end", 4.5, {}),
    ("tts_end", 9.0, {}),  # a later reply (a timer ringing) is not part of this turn
]


def test_turn_timings_from_events():
    from assistant.events import Event
    from assistant.ui.timings import TurnTimings
    from assistant.ui.waterfall import render_waterfall

    events = [Event(kind, t, data=data) for kind, t, data in VOICE_TURN]
    turn = TurnTimings.begin(events[0])
    for e in events[1:]:
        turn.add(e)
    assert turn.done and turn.source == "voice" and turn.total == pytest.approx(3.5)
    assert [round(r.offset, 2) for r in turn.rows()] == [0.0, 1.5, 1.9, 2.0, 2.0, 2.2, 3.5]
    assert turn.summary().startswith("voice turn 3.50s: wake +0.00s, end speech +1.50s")
    ptt = TurnTimings.begin(Event("wake", 0.0, text="", data={"via": "push_to_talk"}))
    assert ptt.source == "push-to-talk"
    lines = render_waterfall(turn, 30).plain.splitlines()
    assert len(lines) == 8 and all(len(line) <= 30 for line in lines)
    assert lines[-1].endswith("3500ms") and "█" in lines[2]


def test_snapshot_email_draft_card(runtime, snap_compare, tmp_path):
    section = {
        "maildir": str(tmp_path / "Mail"),
        "address": "Sam Doe <sam@example.net>",
        "name": "Sam",
        "address_book": {"alice": "Alice Smith <alice@example.org>"},
        "smtp": {"host": "127.0.0.1", "port": 1, "security": "none"},
    }
    cfg = Config.model_validate({**runtime.config.model_dump(), "email": section})
    app = frozen_app(dataclasses.replace(runtime, config=cfg))
    app.config = cfg

    async def run(pilot):
        await type_command(pilot, "write an email to alice saying i'll be late tomorrow")

    assert snap_compare(app, run_before=run)
