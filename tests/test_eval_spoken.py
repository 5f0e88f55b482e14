"""`assistant eval spoken`: rows spoken by the real voice, perturbed with sox and noise, played through
the real loop (VAD, recognizer, router), scored beside the text router on the same rows."""

import json
from pathlib import Path

import numpy as np
import soundfile

from assistant.bench.eval_spoken import in_a_room
from tests.conftest import cli

ROOT = Path(__file__).resolve().parent.parent


def test_spoken_rows_are_routed_end_to_end_under_each_condition(tmp_path, piper):
    cfg = tmp_path / "config.toml"
    cfg.write_text("[llm]\nenabled = false\n[tts]\ndeterministic = true\n")
    recording = tmp_path / "timer.wav"  # a row given as a recording rather than text
    soundfile.write(recording, piper("set a timer for five minutes"), 16000, subtype="PCM_16")
    rows = tmp_path / "rows.jsonl"
    rows.write_text(
        json.dumps({"text": "what time is it", "label": "get_time"})
        + "\n"
        + json.dumps({"wav": "timer.wav", "text": "set a timer for five minutes", "label": "set_timer"})
        + "\n"
    )
    out = tmp_path / "results.jsonl"
    done = cli("eval", "spoken", rows, "--conditions", "clean,phone,noise,room", "--out", out, "--config", cfg)
    assert done.returncode == 0, done.stderr[-2000:]
    results = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["label"] for r in results] == ["get_time", "set_timer"]
    for r in results:
        assert r["text_predicted"] == r["label"]
        # clear speech through the whole loop reaches the same skill as the written words
        assert r["clean"] == r["label"], r
        assert {"phone", "noise", "room"} <= set(r)
    assert "| **all** | 2 |" in done.stdout and "macro recall" in done.stdout


def test_a_room_adds_reverberation_after_the_voice_at_the_same_loudness(piper):
    pcm = piper("what time is it")
    pcm = np.concatenate([pcm, np.zeros(8000, np.int16)])  # half a second of silence after the words
    roomy = in_a_room(pcm, seed=5)
    assert roomy.shape == pcm.shape and roomy.dtype == np.int16
    rms = lambda x: float(np.sqrt(np.mean(x.astype(np.float64) ** 2)))  # noqa: E731
    assert abs(rms(roomy) - rms(pcm)) < 0.05 * rms(pcm)
    # the room rings on after the voice stops: the first 0.1 s of the silence is no longer silent,
    # and it dies away (the last 0.1 s is much quieter than that)
    tail = roomy[len(pcm) - 8000 :]
    assert rms(tail[:1600]) > 0.01 * rms(pcm)
    assert rms(tail[-1600:]) < 0.3 * rms(tail[:1600])
    assert np.array_equal(in_a_room(pcm, seed=5), roomy)  # seeded: the same room each run
    assert not np.array_equal(in_a_room(pcm, seed=6), roomy)


def test_a_bad_rows_file_is_one_clear_line(tmp_path):
    rows = tmp_path / "rows.jsonl"
    rows.write_text('{"label": "weather"}\n')
    done = cli("eval", "spoken", rows)
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert 'line 1 is not a JSON object with "label" and "text" or "wav"' in done.stderr
