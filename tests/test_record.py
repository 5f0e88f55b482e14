"""Recording a live session and replaying it: a WAV file stands in for the microphone of the live loop
(VoiceSession, the loop the terminal UI runs), [debug] record_dir records it, and the real CLI's
`assistant listen --replay DIR` gives the same events, intents and replies."""

from __future__ import annotations

import json
import queue
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.audio.sources import WavSource
from assistant.record import Recording
from assistant.tts.output import NullOutput
from assistant.ui.session import Devices, SessionItem, VoiceSession

ROOT = Path(__file__).resolve().parent.parent
SAME = ("type", "intent", "args", "skill")
TEXT_SAME = {"wake", "skill_result", "reply", "barge_in", "timer_ring"}


def comparable(events: list[dict]) -> list[tuple]:
    """Everything but the times, the partial transcripts and the final's exact wording: the recognizer's
    helper threads race the audio (an early endpoint, Whisper or the grammar writing the final), and a
    replay feeds it faster than the microphone did; the command understood must be the same."""
    return [
        (*(json.dumps(e.get(k), sort_keys=True) for k in SAME), e.get("text") if e["type"] in TEXT_SAME else None)
        for e in events
        if e["type"] != "asr_partial"
    ]


def run_live(runtime, config, source, typed: list[str]) -> list[SessionItem]:
    items: queue.Queue[SessionItem] = queue.Queue()
    devices = Devices(source, NullOutput(), source_name="test file")
    session = VoiceSession(config, items.put, devices=devices, runtime=runtime)
    for text in typed:  # handled before the first frame, as if typed as the session started
        session.submit_text(text)
    session.start()
    seen = []
    while True:
        item = items.get(timeout=300)
        seen.append(item)
        if item.kind == "error" and item.data.get("fatal"):
            pytest.fail(item.text)
        if item.kind == "note" and "ended" in item.text:
            break
    session.close()
    return seen


def test_a_recorded_live_session_replays_to_the_same_events(runtime, piper, make_wav, tmp_path):
    rec = tmp_path / "rec"
    config = runtime.config.model_copy(deep=True)
    config.debug.record_dir = str(rec)
    # seconds between a reply and the next words: a replay on a busier machine replies later (its clock
    # counts the compute time), and words said while it would still speak are not heard
    wav = make_wav(6.0, piper("Hey computer."), 0.3, piper("Set a timer for ten minutes."), 6.0,
                   piper("Hey computer."), 0.3, piper("Set a timer for one hour."), 1.0)
    items = run_live(runtime, config, WavSource(wav), typed=["set a timer for three minutes"])
    ready = next(i for i in items if i.kind == "ready")
    assert ready.data["recording"] == str(rec)  # what the UI shows while recording

    recording = Recording.open(rec)
    assert [f["file"] for f in recording.manifest["files"]] == ["mic-0001.wav"]
    assert recording.inputs == [{"before_t": 0.03, "kind": "text", "text": "set a timer for three minutes"}]
    live = [json.loads(line) for line in (rec / "events.jsonl").read_text().splitlines()]
    assert [e["intent"] for e in live if e["type"] == "intent"] == ["set_timer"] * 3, live

    cfg = tmp_path / "config.toml"
    cfg.write_text('[tts]\ndeterministic = true\n[llm]\nenabled = false\n[vad]\nfollow_up_s = 0.0\n')
    out = tmp_path / "replay.jsonl"
    done = subprocess.run(
        [sys.executable, "-m", "assistant.cli", "listen", "--config", str(cfg), "--replay", str(rec), "--events", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stderr
    replayed = [json.loads(line) for line in out.read_text().splitlines()]
    assert comparable(replayed) == comparable(live)


def test_recording_splits_files_where_the_audio_clock_jumps(tmp_path):
    """A microphone that reconnected: the next file starts where its frames say, and replay keeps the times."""
    import numpy as np

    from assistant.audio.sources import frames_from_pcm
    from assistant.record import SessionRecorder

    rec = SessionRecorder(tmp_path / "r")
    pcm = (np.arange(4800) % 200).astype(np.int16)
    frames = [*frames_from_pcm(pcm, 0.0), *frames_from_pcm(pcm, 5.0)]
    assert [f.t for f in rec.frames(frames)] == [f.t for f in frames]
    rec.close()
    recording = Recording.open(tmp_path / "r")
    assert [(f["file"], f["start_t"]) for f in recording.manifest["files"]] == [("mic-0001.wav", 0.0), ("mic-0002.wav", 5.0)]
    replayed = list(recording.frames())
    assert [f.t for f in replayed] == pytest.approx([f.t for f in frames])
    assert b"".join(f.pcm for f in replayed) == b"".join(f.pcm for f in frames)


def test_replay_of_a_folder_without_a_recording_is_one_clear_line(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "assistant.cli", "listen", "--replay", str(tmp_path), "--events", str(tmp_path / "e.jsonl")],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"error: {tmp_path} holds no recording (session.json is missing); record one with `assistant --record DIR`"
    ]
