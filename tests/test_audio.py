"""Audio in: WAV files of any rate, channel count and sample width become 16 kHz mono int16 frames."""

import numpy as np
import pytest
import soundfile

from assistant.audio import FRAME_SAMPLES
from assistant.audio.sinks import write_wav_atomic
from assistant.audio.sources import WavSource, frames_from_pcm, read_wav
from assistant.errors import UserError


def tone(rate: int, seconds: float = 1.0, channels: int = 1) -> np.ndarray:
    t = np.arange(int(rate * seconds)) / rate
    x = 0.5 * np.sin(2 * np.pi * 440 * t)
    return np.stack([x] * channels, axis=1) if channels > 1 else x


@pytest.mark.parametrize(
    "rate,channels,subtype",
    [
        (8000, 1, "PCM_16"),
        (44100, 2, "PCM_16"),
        (48000, 1, "PCM_24"),
        (22050, 1, "FLOAT"),
        (16000, 1, "PCM_U8"),
    ],
)
def test_any_wav_becomes_16k_mono_int16(tmp_path, rate, channels, subtype):
    path = tmp_path / "in.wav"
    soundfile.write(path, tone(rate, 1.0, channels), rate, subtype=subtype)
    pcm = read_wav(path)
    assert pcm.dtype == np.int16
    assert abs(len(pcm) - 16000) <= 2
    # the 440 Hz tone survives resampling at about half scale
    assert 0.4 < np.abs(pcm).max() / 32768 < 0.6
    spectrum = np.abs(np.fft.rfft(pcm.astype(np.float32)))
    assert abs(np.argmax(spectrum) * 16000 / len(pcm) - 440) < 3


def test_full_scale_resampling_clips_instead_of_wrapping(tmp_path):
    path = tmp_path / "loud.wav"
    square = np.sign(np.sin(2 * np.pi * 100 * np.arange(22050) / 22050)).astype(np.float32)
    soundfile.write(path, square, 22050, subtype="FLOAT")
    pcm = read_wav(path)
    # without clipping, overshoot wraps around to the opposite sign: check the polarity holds
    positive = np.sin(2 * np.pi * 100 * np.arange(len(pcm)) / 16000) > 0.5
    assert (pcm[positive] > 0).mean() > 0.95


@pytest.mark.parametrize("content", [b"this is not audio at all", b"RIFF\x24\x00\x00\x00WAVEfmt "])
def test_not_audio_gets_one_clear_error(tmp_path, content):
    path = tmp_path / "bad.wav"
    path.write_bytes(content)
    with pytest.raises(UserError) as err:
        read_wav(path)
    assert "not a readable audio file" in str(err.value)
    assert "\n" not in str(err.value)


def test_missing_file(tmp_path):
    with pytest.raises(UserError, match="does not exist"):
        read_wav(tmp_path / "nope.wav")


def test_frames_are_30ms_with_audio_clock_times():
    pcm = np.arange(16000, dtype=np.int16)
    frames = list(frames_from_pcm(pcm, start_t=2.0))
    assert all(len(f.pcm) == FRAME_SAMPLES * 2 for f in frames)
    assert frames[0].t == pytest.approx(2.03)
    assert frames[-1].t == pytest.approx(2.0 + len(frames) * 0.03)
    # the last partial frame is zero padded, never dropped
    assert len(frames) == -(-16000 // FRAME_SAMPLES)


def test_wav_source_adds_trailing_silence(tmp_path):
    path = tmp_path / "a.wav"
    soundfile.write(path, tone(16000, 0.5), 16000, subtype="PCM_16")
    src = WavSource(path, trailing_silence_s=1.0)
    assert src.duration_s == pytest.approx(1.5)


def test_atomic_wav_write_leaves_no_temp_files(tmp_path):
    out = write_wav_atomic(tmp_path / "sub" / "x.wav", np.zeros(100, dtype=np.int16), 22050)
    assert out.is_file() and [p.name for p in out.parent.iterdir()] == ["x.wav"]


def test_headerless_raw_pcm_says_how_to_convert(tmp_path):
    path = tmp_path / "clip.raw"
    path.write_bytes(np.zeros(1600, dtype=np.int16).tobytes())
    with pytest.raises(UserError, match="no audio header"):
        read_wav(path)
