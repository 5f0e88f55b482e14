"""Audio sinks: speakers through sounddevice, or WAV files (one per reply)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import numpy as np
import soundfile

from ..errors import UserError


def write_wav_atomic(path: str | Path, pcm: np.ndarray, rate: int) -> Path:
    """Write int16 mono PCM as a WAV without ever leaving a half-written file behind."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".wav", dir=p.parent)
    os.close(fd)
    try:
        soundfile.write(tmp, pcm, rate, subtype="PCM_16")
        os.replace(tmp, p)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return p


class SpeakerSink:
    """Plays audio on the default (or configured) output device; blocks until played."""

    def __init__(self, device: str | int | None = None):
        from .sources import _import_sounddevice

        self.sd = _import_sounddevice()
        self.device = device
        try:
            self.sd.check_output_settings(device=device, channels=1, dtype="int16")
        except Exception as exc:
            raise UserError(
                f"cannot open speakers {device!r} ({exc}); list devices with `python -m sounddevice` "
                "or set [audio] output_device"
            ) from None
        self._stream = None
        self._rate = 0

    def play(self, pcm: np.ndarray, rate: int) -> None:
        if self._stream is None or self._rate != rate:
            self.close()
            self._stream = self.sd.RawOutputStream(
                samplerate=rate, channels=1, dtype="int16", device=self.device
            )
            self._stream.start()
            self._rate = rate
        self._stream.write(np.ascontiguousarray(pcm, dtype=np.int16).tobytes())

    def close(self) -> None:
        if self._stream is not None:
            self._stream.stop()
            self._stream.close()
            self._stream = None
