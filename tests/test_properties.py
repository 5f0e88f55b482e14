"""Property-based tests (hypothesis) for the audio reader, the config loader and event serialization:
whatever arrives, the result is either correct or one clear UserError, never a crash."""

import json
import math
import tomllib

import numpy as np
import soundfile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.audio.sources import read_wav
from assistant.config import Config, load_config
from assistant.errors import UserError
from assistant.events import Event

fast = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@fast
@given(
    rate=st.sampled_from([8000, 11025, 16000, 22050, 44100, 48000]),
    channels=st.integers(1, 3),
    subtype=st.sampled_from(["PCM_16", "PCM_24", "PCM_32", "FLOAT", "DOUBLE", "PCM_U8"]),
    frames=st.integers(1, 4000),
    seed=st.integers(0, 2**16),
)
def test_any_valid_wav_reads_as_16k_mono(tmp_path, rate, channels, subtype, frames, seed):
    data = np.random.default_rng(seed).uniform(-1, 1, (frames, channels)).astype(np.float32)
    path = tmp_path / "x.wav"
    soundfile.write(path, data, rate, subtype=subtype)
    pcm = read_wav(path)
    assert pcm.dtype == np.int16 and pcm.ndim == 1
    assert abs(len(pcm) - frames * 16000 / rate) <= 2 + 16000 / rate


@fast
@given(blob=st.binary(max_size=2000))
def test_arbitrary_bytes_are_audio_or_one_clear_error(tmp_path, blob):
    path = tmp_path / "blob.wav"
    path.write_bytes(blob)
    try:
        pcm = read_wav(path)
    except UserError as exc:
        assert "\n" not in str(exc)
    else:
        assert pcm.dtype == np.int16


@fast
@given(cut=st.integers(0, 4000))
def test_truncated_wav(tmp_path, cut):
    path = tmp_path / "t.wav"
    soundfile.write(path, np.zeros(2000, dtype=np.int16), 16000, subtype="PCM_16")
    path.write_bytes(path.read_bytes()[: max(0, 4044 - cut)])
    try:
        pcm = read_wav(path)
    except UserError as exc:
        assert str(exc).count("\n") == 0
    else:
        assert len(pcm) <= 2000


scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**6), 10**6), st.floats(allow_nan=False), st.text(max_size=20)
)
toml_values = st.recursive(
    st.one_of(
        st.booleans(),
        st.integers(-(10**6), 10**6),
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(max_size=20),
    ),
    lambda inner: st.lists(inner, max_size=3),
    max_leaves=5,
)
sections = st.sampled_from(["wake", "vad", "asr", "tts", "audio", "skills", "llm", "bogus"])
keys = st.sampled_from(
    [
        "phrases",
        "threshold",
        "aggressiveness",
        "end_silence_ms",
        "engine",
        "voice",
        "deterministic",
        "dirs",
        "enabled",
        "preset",
        "nonsense",
        "max_utterance_s",
    ]
)


def to_toml(doc: dict) -> str:
    lines = []
    for section, body in doc.items():
        lines.append(f"[{section}]")
        for k, v in body.items():
            lines.append(f"{k} = {json.dumps(v)}")
    return "\n".join(lines) + "\n"


@fast
@given(doc=st.dictionaries(sections, st.dictionaries(keys, toml_values, max_size=3), max_size=3))
def test_config_loads_or_says_exactly_what_is_wrong(tmp_path, doc):
    path = tmp_path / "c.toml"
    text = to_toml(doc)
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return  # json.dumps is not always TOML (e.g. huge floats); the loader has its own test for that
    path.write_text(text)
    try:
        cfg = load_config(path)
    except UserError as exc:
        msg = str(exc)
        assert "\n" not in msg and str(path) in msg
        assert "setting '" in msg or "unknown setting" in msg
    else:
        assert isinstance(cfg, Config)


@fast
@given(blob=st.binary(max_size=300))
def test_config_bytes_never_crash(tmp_path, blob):
    path = tmp_path / "c.toml"
    path.write_bytes(blob)
    try:
        load_config(path)
    except UserError as exc:
        assert "\n" not in str(exc)


json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**9), 10**9),
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


@fast
@given(
    type_=st.sampled_from(["wake", "asr_final", "intent", "reply", "error", "tts_end"]),
    t=st.floats(0, 1e7, allow_nan=False),
    text=st.one_of(st.none(), st.text()),
    args=st.one_of(st.none(), st.dictionaries(st.text(max_size=10), json_values, min_size=1, max_size=4)),
    data=st.dictionaries(st.text(max_size=10), json_values, max_size=3),
)
def test_events_round_trip_through_json_lines(type_, t, text, args, data):
    e = Event(type_, t, text=text, intent="x" if type_ == "intent" else None, args=args, data=data)
    line = e.to_json()
    assert "\n" not in line  # one event per line, whatever the text holds
    back = Event.from_dict(json.loads(line))
    assert back.type == e.type and back.text == e.text and back.args == e.args and back.data == e.data
    assert math.isclose(back.t, t, abs_tol=5e-5)
