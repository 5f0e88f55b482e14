"""Audio sources yield 30 ms frames of 16 kHz mono int16 PCM.

Only these sources touch hardware or files; everything downstream is the same for a microphone and a
recording, which is what lets tests drive the real pipeline with a WAV file.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import soundfile
import soxr

from ..errors import DeviceError, UserError
from . import FRAME_MS, FRAME_SAMPLES, SAMPLE_RATE

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AudioFrame:
    pcm: bytes  # 16 kHz mono int16 little-endian
    t: float  # audio-clock time of the frame's end, seconds

    @property
    def samples(self) -> np.ndarray:
        return np.frombuffer(self.pcm, dtype=np.int16)


def to_pcm16(audio: np.ndarray, rate: int, target_rate: int = SAMPLE_RATE) -> np.ndarray:
    """Any float/int array (frames x channels or mono) at any rate -> mono int16 at target_rate."""
    x = np.asarray(audio)
    if x.dtype.kind in "iu":
        scale = float(np.iinfo(x.dtype).max) + 1.0
        x = x.astype(np.float32) / scale
    x = x.astype(np.float32, copy=False)
    if x.ndim == 2:
        x = x.mean(axis=1)
    if rate != target_rate and x.size:
        x = soxr.resample(x, rate, target_rate, quality="HQ")
    # resampling full-scale speech can overshoot slightly: clip instead of wrapping around
    return (np.clip(x, -1.0, 1.0 - 1.0 / 32768) * 32768.0).astype(np.int16)


def read_wav(path: str | Path) -> np.ndarray:
    """Read an audio file of any rate, width and channel count as 16 kHz mono int16."""
    p = Path(path)
    if p.is_dir():
        raise UserError(f"{p} is a folder, not an audio file; give its WAV files (e.g. {p}/*.wav)")
    if not p.is_file():
        raise UserError(f"audio file {p} does not exist")
    try:
        data, rate = soundfile.read(str(p), dtype="float32", always_2d=True)
    except TypeError:  # soundfile wants a rate for files it takes for headerless raw PCM
        raise UserError(
            f"{p} has no audio header (raw PCM?); convert it first, e.g. "
            f"sox -t raw -r 16000 -e signed -b 16 -c 1 {p.name} out.wav"
        ) from None
    except (soundfile.LibsndfileError, RuntimeError, ValueError) as exc:
        detail = str(exc).split(":")[-1].strip() or "unreadable"
        raise UserError(
            f"{p} is not a readable audio file ({detail}); give a WAV, FLAC or OGG file"
        ) from None
    if data.size == 0:
        raise UserError(f"{p} holds no audio samples; record or choose a non-empty file")
    if not np.all(np.isfinite(data)):
        data = np.nan_to_num(data, nan=0.0, posinf=1.0, neginf=-1.0)
    return to_pcm16(data, rate)


def frames_from_pcm(pcm: np.ndarray, start_t: float = 0.0) -> Iterator[AudioFrame]:
    n = len(pcm) // FRAME_SAMPLES
    for i in range(n):
        chunk = pcm[i * FRAME_SAMPLES : (i + 1) * FRAME_SAMPLES]
        yield AudioFrame(chunk.tobytes(), start_t + (i + 1) * FRAME_MS / 1000)
    rest = len(pcm) - n * FRAME_SAMPLES
    if rest:
        last = np.zeros(FRAME_SAMPLES, dtype=np.int16)
        last[:rest] = pcm[n * FRAME_SAMPLES :]
        yield AudioFrame(last.tobytes(), start_t + (n + 1) * FRAME_MS / 1000)


class WavSource:
    """Plays one or more files as the microphone, as fast as the consumer takes frames."""

    def __init__(self, path: str | Path, trailing_silence_s: float = 1.0):
        self.path = Path(path)
        pcm = read_wav(self.path)
        # a little silence after the file lets the endpointer close an utterance spoken to the very end
        pad = np.zeros(int(trailing_silence_s * SAMPLE_RATE), dtype=np.int16)
        self.pcm = np.concatenate([pcm, pad])

    @property
    def duration_s(self) -> float:
        return len(self.pcm) / SAMPLE_RATE

    def frames(self, start_t: float = 0.0) -> Iterator[AudioFrame]:
        return frames_from_pcm(self.pcm, start_t)


def _import_sounddevice():
    try:
        import sounddevice
    except OSError as exc:  # PortAudio library missing
        raise DeviceError(
            f"audio devices unavailable ({exc}); install PortAudio: sudo apt install libportaudio2"
        ) from None
    return sounddevice


def check_input_device(device: str | int | None) -> None:
    sd = _import_sounddevice()
    try:
        sd.check_input_settings(device=device, channels=1, samplerate=SAMPLE_RATE, dtype="int16")
    except Exception as exc:  # PortAudioError or ValueError from an unknown device name
        what = f"microphone {device!r}" if device is not None else "a default microphone"
        raise DeviceError(
            f"cannot open {what} ({exc}); list devices with `python -m sounddevice`, set [audio] input_device, "
            "or use `assistant listen --wav FILE` / `assistant ask TEXT`"
        ) from None


class MicrophoneSource:
    """The default (or configured) microphone through sounddevice, 16 kHz mono int16, 30 ms blocks.

    A microphone that stops delivering audio (a USB mic pulled out, a Bluetooth headset gone) is closed
    and reopened every second for up to reconnect_s; if it does not come back, one clear error.
    open_stream is sounddevice.RawInputStream; tests replace only that hardware edge."""

    def __init__(
        self,
        device: str | int | None = None,
        stall_s: float = 2.0,
        reconnect_s: float = 300.0,
        open_stream: Callable[..., Any] | None = None,
        retry_every_s: float = 1.0,
    ):
        self.device = device
        self.stall_s = stall_s
        self.reconnect_s = reconnect_s
        self.retry_every_s = retry_every_s
        if open_stream is None:
            check_input_device(device)
            open_stream = _import_sounddevice().RawInputStream
        self._open_stream = open_stream
        self._queue: queue.Queue[bytes] = queue.Queue(maxsize=1000)
        self.dropped = 0
        self.reconnects = 0

    @classmethod
    def from_config(cls, audio: Any) -> MicrophoneSource:
        return cls(audio.input_device, audio.stall_s, audio.reconnect_s)

    def _callback(self, indata, frames, time_info, status) -> None:  # called on PortAudio's thread
        try:
            self._queue.put_nowait(bytes(indata))
        except queue.Full:
            self.dropped += 1

    def _open(self):
        stream = self._open_stream(
            samplerate=SAMPLE_RATE,
            blocksize=FRAME_SAMPLES,
            device=self.device,
            channels=1,
            dtype="int16",
            callback=self._callback,
        )
        stream.start()
        return stream

    def _reopen(self):
        """Retry until the device is back or reconnect_s has passed."""
        deadline = time.monotonic() + self.reconnect_s
        while True:
            try:
                return self._open()
            except Exception as exc:  # PortAudioError, or ValueError for a device name that is gone
                if time.monotonic() + self.retry_every_s > deadline:
                    raise DeviceError(
                        f"the microphone stopped delivering audio and did not come back within "
                        f"{self.reconnect_s:g} s ({exc}); check that it is plugged in, or set [audio] "
                        "input_device (list devices with `python -m sounddevice`)"
                    ) from None
                time.sleep(self.retry_every_s)

    def frames(self, start_t: float = 0.0) -> Iterator[AudioFrame]:
        n = 0
        stream = self._open()
        try:
            while True:
                try:
                    pcm = self._queue.get(timeout=self.stall_s)
                except queue.Empty:
                    log.warning("the microphone stopped delivering audio: reconnecting")
                    _close_quietly(stream)
                    stream = None
                    stream = self._reopen()
                    self.reconnects += 1
                    log.warning("the microphone is back (reconnect %d)", self.reconnects)
                    continue
                n += 1
                yield AudioFrame(pcm, start_t + n * FRAME_MS / 1000)
        finally:
            if stream is not None:
                _close_quietly(stream)


def _close_quietly(stream, wait_s: float = 2.0) -> None:
    """Close a stream that may be stuck on a dead device: in a helper thread, waiting at most wait_s."""

    def close() -> None:
        try:
            stream.abort()
            stream.close()
        except Exception:  # the device is gone: nothing left to release but the handle
            log.debug("closing the lost input stream failed", exc_info=True)

    t = threading.Thread(target=close, name="close-lost-mic", daemon=True)
    t.start()
    t.join(wait_s)
