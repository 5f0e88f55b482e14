"""Audio at the protocol edge: Wyoming peers send any rate, width and channel count; the engines want
16 kHz mono int16, and VAD/wake want exact 30 ms frames."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import soxr
from wyoming.audio import AudioChunk, AudioStart, AudioStop

from ..audio import FRAME_SAMPLES, SAMPLE_RATE
from ..audio.sources import to_pcm16
from ..errors import UserError

_DTYPES = {1: np.uint8, 2: np.int16, 4: np.int32}
MIN_RATE, MAX_RATE, MAX_CHANNELS = 8000, 192000, 8
SAMPLES_PER_CHUNK = 1024  # audio-chunk size we send, the size wyoming-piper and satellites use


class PcmConverter:
    """Streams AudioChunks of one format into 16 kHz mono int16 bytes (soxr keeps state between
    chunks, so chunk edges leave no clicks)."""

    def __init__(self, rate: int, width: int, channels: int):
        if width not in _DTYPES:
            raise UserError(f"unsupported sample width {width} bytes; send 1, 2 or 4-byte PCM")
        # a rate far below speech rates is resampled up by 16000/rate: 16 Hz made one 32 KB chunk
        # take 250 MB. Real devices send 8-192 kHz, 1-8 channels
        if not MIN_RATE <= rate <= MAX_RATE or not 1 <= channels <= MAX_CHANNELS:
            raise UserError(
                f"bad audio format: rate {rate} Hz, {channels} channels; send {MIN_RATE}-{MAX_RATE} Hz "
                f"with 1-{MAX_CHANNELS} channels"
            )
        self.rate, self.width, self.channels = rate, width, channels
        self.passthrough = (rate, width, channels) == (SAMPLE_RATE, 2, 1)
        self._stream = None if rate == SAMPLE_RATE else soxr.ResampleStream(rate, SAMPLE_RATE, 1, "float32")

    @staticmethod
    def from_start(start: AudioStart) -> PcmConverter:
        return PcmConverter(start.rate, start.width, start.channels)

    def _to_float_mono(self, data: bytes) -> np.ndarray:
        frame = self.width * self.channels
        data = data[: len(data) - len(data) % frame]
        x = np.frombuffer(data, dtype=_DTYPES[self.width])
        if self.width == 1:  # 8-bit WAV-style PCM is unsigned
            x = x.astype(np.int16) - 128
            x = (x * 256).astype(np.int16)
        x = to_pcm16(x.reshape(-1, self.channels) if self.channels > 1 else x, SAMPLE_RATE, SAMPLE_RATE)
        return x.astype(np.float32) / 32768.0

    def convert(self, data: bytes, last: bool = False) -> bytes:
        if self.passthrough:
            return data[: len(data) - len(data) % 2]
        x = self._to_float_mono(data)
        if self._stream is not None:
            x = self._stream.resample_chunk(x, last=last)
        return to_pcm16(x, SAMPLE_RATE, SAMPLE_RATE).tobytes()

    def flush(self) -> bytes:
        """The resampler's tail at the end of the stream."""
        if self._stream is None:
            return b""
        return self.convert(b"", last=True)


class Reframer:
    """Cuts a byte stream into exact 30 ms frames (webrtcvad accepts nothing else)."""

    def __init__(self, frame_bytes: int = FRAME_SAMPLES * 2):
        self.frame_bytes = frame_bytes
        self._buf = bytearray()

    def push(self, pcm: bytes) -> Iterator[bytes]:
        self._buf.extend(pcm)
        while len(self._buf) >= self.frame_bytes:
            yield bytes(self._buf[: self.frame_bytes])
            del self._buf[: self.frame_bytes]


def audio_events(pcm: np.ndarray, rate: int, start: bool = True, stop: bool = True):
    """int16 mono PCM as audio-start, audio-chunk*, audio-stop events."""
    if start:
        yield AudioStart(rate=rate, width=2, channels=1).event()
    data = np.ascontiguousarray(pcm, dtype=np.int16).tobytes()
    step = SAMPLES_PER_CHUNK * 2
    for i in range(0, len(data), step):
        yield AudioChunk(rate=rate, width=2, channels=1, audio=data[i : i + step]).event()
    if stop:
        yield AudioStop().event()


def chunk_to_int16(chunk: AudioChunk) -> np.ndarray:
    """A received audio-chunk as int16 mono at its own rate (for playback)."""
    if (chunk.width, chunk.channels) == (2, 1):
        return np.frombuffer(chunk.audio[: len(chunk.audio) - len(chunk.audio) % 2], dtype=np.int16)
    conv = PcmConverter(chunk.rate, chunk.width, chunk.channels)
    x = conv._to_float_mono(chunk.audio)
    return (np.clip(x, -1.0, 1.0 - 1.0 / 32768) * 32768.0).astype(np.int16)
