"""The terminal UI while the assistant listens over its own voice (barge-in), and "hush" on Esc, driven by
the Textual pilot. Only the hardware edges are stand-ins: a microphone that delivers silence in real time
and speakers that take as long as the audio lasts to play it; the loop, the canceller and the models are
the real ones."""

from __future__ import annotations

import time
from collections.abc import Iterator

import numpy as np
from textual.widgets import Input, Static

from assistant.audio import FRAME_MS, FRAME_SAMPLES
from assistant.audio.sources import AudioFrame
from assistant.tts.output import SpeakerOutput
from assistant.ui.app import AssistantApp
from assistant.ui.session import Devices
from tests.test_ui import until


class SilentMic:
    """A quiet room, delivered at the microphone's pace."""

    def frames(self, start_t: float = 0.0) -> Iterator[AudioFrame]:
        n = 0
        while True:
            time.sleep(FRAME_MS / 1000)
            n += 1
            yield AudioFrame(bytes(2 * FRAME_SAMPLES), start_t + n * FRAME_MS / 1000)


class PacedSink:
    """Speakers without a sound card: playing takes as long as the audio lasts."""

    def __init__(self) -> None:
        self.played_s = 0.0

    def play(self, pcm: np.ndarray, rate: int) -> None:
        time.sleep(len(pcm) / rate)
        self.played_s += len(pcm) / rate

    def close(self) -> None:
        pass


async def test_the_ui_shows_it_hears_over_its_voice_and_esc_hushes(runtime):
    sink = PacedSink()
    devices = Devices(SilentMic(), SpeakerOutput(sink=sink), source_name="test microphone")
    app = AssistantApp(runtime.config, runtime=runtime, devices=devices)
    async with app.run_test(size=(110, 30)) as pilot:
        await until(pilot, lambda: app.ready, "the ready state")
        assert app.status.over_speech and "stop" in app.listens_over_speech
        done = app.turns_done
        await pilot.click("#command")
        app.query_one("#command", Input).value = "tell me a joke"
        await pilot.press("enter")
        await until(pilot, lambda: app.status.phase == "speaking", "the reply being spoken")
        assert "speaking · hearing you" in str(app.status.render())
        assert "say" in str(app.query_one("#partial", Static).render()) and '"stop"' in str(
            app.query_one("#partial", Static).render()
        )
        await pilot.press("escape")
        await until(pilot, lambda: app.turns_done > done, "the turn's end")
        pipe = app.session.pipe
        assert pipe.turns[-1].reply.text  # the joke was told
        total = sum(len(c.pcm) / c.rate for c in runtime.speech(pipe.turns[-1].reply.text))
        assert sink.played_s < total  # Esc cut it short


async def test_the_ui_says_while_it_records(runtime, tmp_path):
    """[debug] record_dir on: the status line shows REC and a note says what is kept and where."""
    config = runtime.config.model_copy(deep=True)
    config.debug.record_dir = str(tmp_path / "rec")
    devices = Devices(SilentMic(), SpeakerOutput(sink=PacedSink()), source_name="test microphone")
    app = AssistantApp(config, runtime=runtime, devices=devices)
    async with app.run_test(size=(110, 30)) as pilot:
        await until(pilot, lambda: app.ready, "the ready state")
        await pilot.pause()
        assert "● REC" in str(app.status.render())
        shown = [str(w.render()) for w in app.query(".note").results(Static)]
        assert any("Recording: your voice" in line and str(tmp_path / "rec") in line for line in shown), shown
    assert (tmp_path / "rec" / "session.json").is_file() and (tmp_path / "rec" / "mic-0001.wav").is_file()
