"""Recording a live session (`assistant --record DIR`, [debug] record_dir) and replaying it
(`assistant listen --replay DIR`).

A recording folder holds:
  mic-0001.wav, mic-0002.wav ...  the microphone audio the loop received, 16 kHz mono int16, in order; a
                                  new file starts every SPLIT_S seconds and wherever the audio clock jumps
                                  (the microphone reconnected)
  session.json                    the files with the audio-clock time each starts at, what the loop
                                  listened for (wake phrases, barge-in) and the typed commands, each with
                                  the time of the frame before which it was handled
  events.jsonl                    the events the live loop emitted

Replaying feeds the same frames, with the same times, through the same pipeline, so it produces the same
events, intents and replies; only event times differ, by the compute time of each run.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import soundfile

from .audio import FRAME_MS, SAMPLE_RATE
from .audio.sources import AudioFrame, frames_from_pcm, read_wav
from .errors import UserError
from .events import Event

SPLIT_S = 300.0  # five minutes a file: a crash loses at most the unflushed second of the last one
FLUSH_EVERY = 33  # frames (~1 s): the WAV header is brought up to date this often
MANIFEST = "session.json"
FRAME_S = FRAME_MS / 1000


class SessionRecorder:
    """Wraps the live loop's frame source and event sink; writes both into `folder`."""

    def __init__(self, folder: str | Path, meta: dict[str, Any] | None = None, split_s: float = SPLIT_S):
        self.folder = Path(folder).expanduser()
        if (self.folder / MANIFEST).exists():
            raise UserError(f"{self.folder} already holds a recording; choose an empty or new folder to record to")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._events = (self.folder / "events.jsonl").open("w", encoding="utf-8")
        except OSError as exc:
            raise UserError(f"cannot record to {self.folder} ({exc.strerror}); choose a writable folder") from None
        self.split_frames = max(1, int(split_s / FRAME_S))
        self.manifest: dict[str, Any] = {
            "version": 1,
            "started": datetime.now(UTC).isoformat(timespec="seconds"),
            "sample_rate": SAMPLE_RATE,
            "files": [],
            "inputs": [],
            **(meta or {}),
        }
        self._wav: soundfile.SoundFile | None = None
        self._in_file = 0
        self._next_t: float | None = None  # where the next frame starts if the audio is continuous
        self.last_t = 0.0  # end of the last frame written
        self._write_manifest()

    def describe(self, pipe: Any) -> None:
        """What the loop listened for: a replay listens for the same."""
        self.manifest.update(
            wake=bool(pipe.wake_enabled), wake_phrases=list(pipe.wake_phrases), barge_in=pipe.barge is not None
        )
        self._write_manifest()

    def frames(self, frames: Iterable[AudioFrame]) -> Iterator[AudioFrame]:
        """The source's frames, each written before the loop sees it."""
        for frame in frames:
            self.write(frame)
            yield frame

    def write(self, frame: AudioFrame) -> None:
        start = frame.t - FRAME_S
        if self._wav is None or self._in_file >= self.split_frames or abs(start - (self._next_t or 0.0)) > 1e-6:
            self._new_file(start)
        assert self._wav is not None
        self._wav.write(frame.samples)
        self._in_file += 1
        self._next_t = frame.t
        self.last_t = frame.t
        if self._in_file % FLUSH_EVERY == 0:
            self._wav.flush()

    def emit(self, event: Event) -> None:
        self._events.write(event.to_json() + "\n")
        self._events.flush()

    def note_input(self, kind: str, before_t: float, text: str = "") -> None:
        """A typed command or push-to-talk, handled before the frame ending at before_t was fed
        (infinity: after the microphone ended)."""
        at = round(before_t, 4) if before_t != float("inf") else None
        self.manifest["inputs"].append({"before_t": at, "kind": kind, "text": text})
        self._write_manifest()

    def close(self) -> None:
        if self._wav is not None:
            self._wav.close()
            self._wav = None
        self._events.close()
        self._write_manifest()

    def _new_file(self, start: float) -> None:
        if self._wav is not None:
            self._wav.close()
        name = f"mic-{len(self.manifest['files']) + 1:04d}.wav"
        self._wav = soundfile.SoundFile(
            self.folder / name, "w", samplerate=SAMPLE_RATE, channels=1, subtype="PCM_16"
        )
        self._in_file = 0
        self.manifest["files"].append({"file": name, "start_t": round(start, 4)})
        self._write_manifest()

    def _write_manifest(self) -> None:
        tmp = self.folder / f".{MANIFEST}.tmp"
        tmp.write_text(json.dumps(self.manifest, indent=1, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, self.folder / MANIFEST)


def start_recording(config: Any) -> SessionRecorder | None:
    """The recorder [debug] record_dir (or --record) asks for; None when recording is off (the default)."""
    folder = config.debug.record_dir
    return SessionRecorder(folder) if folder else None


@dataclass
class Recording:
    folder: Path
    manifest: dict[str, Any]
    inputs: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def open(cls, folder: str | Path) -> Recording:
        f = Path(folder).expanduser()
        path = f / MANIFEST
        if not path.is_file():
            raise UserError(f"{f} holds no recording ({MANIFEST} is missing); record one with `assistant --record DIR`")
        try:
            manifest = json.loads(path.read_text(encoding="utf-8"))
            files = [(str(x["file"]), float(x["start_t"])) for x in manifest["files"]]
        except (json.JSONDecodeError, KeyError, TypeError, ValueError):
            raise UserError(f"{path} is damaged (not the JSON a recording writes); record the session again") from None
        for name, _ in files:
            if not (f / name).is_file():
                raise UserError(f"{f / name} is missing from the recording; replay needs every mic-*.wav file")
        return cls(f, manifest, list(manifest.get("inputs", [])))

    def frames(self) -> Iterator[AudioFrame]:
        for x in self.manifest["files"]:
            path = self.folder / x["file"]
            try:
                pcm = read_wav(path)
            except UserError:  # a file cut off before its first flush holds no samples: nothing was said
                pcm = np.zeros(0, dtype=np.int16)
            yield from frames_from_pcm(pcm, float(x["start_t"]))


def replay(recording: Recording, pipe: Any) -> None:
    """Feed a recording through a pipeline, typed commands at the point where they arrived live."""
    pending = list(recording.inputs)

    def apply_due(t: float) -> None:
        while pending and (pending[0]["before_t"] if pending[0]["before_t"] is not None else float("inf")) <= t + 1e-6:
            item = pending.pop(0)
            if item["kind"] == "text":
                pipe.handle_text(item["text"])
            elif item["kind"] == "push_to_talk":
                pipe.start_listening_now()

    for frame in pipe.attach(recording.frames()):
        apply_due(frame.t)
        pipe.feed(frame)
    pipe.flush()
    apply_due(float("inf"))
