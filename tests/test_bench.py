"""The latency benchmark (assistant/bench/) with the real models: a user's spoken and recorded commands
through the real loop and the naive one, each run's records, the figures made of them (all, fast/llm by
whether the turn asked the model, per label), the table and the plot, the peak RSS measured in its own
process, and bad command files. No timings are asserted: numbers live in `assistant bench`."""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pytest
import soundfile

from tests.conftest import cli, one_error_line


@pytest.fixture(scope="module")
def rt_with_model(runtime, llm):
    """The test runtime with the language model: chit-chat replies are written by it."""
    from assistant.loading import loaded
    from assistant.routing.llm_router import LlmRouter
    from assistant.routing.router import Router

    router = Router(runtime.skills, loaded(LlmRouter(runtime.skills, llm)), runtime.config.asr.language)
    return dataclasses.replace(runtime, llm_load=loaded(llm), router=router)


def test_spoken_and_recorded_commands_run_through_both_loops_into_every_figure(
    rt_with_model, runtime, tmp_path
):
    from assistant.bench.naive import naive_runtime
    from assistant.bench.plot import waterfall
    from assistant.bench.runner import run_once
    from assistant.bench.stats import summaries, table
    from assistant.bench.stimuli import load_commands, stimuli

    # a recording at the voice's own rate (22,050 Hz), in stereo: the bench makes it 16 kHz mono
    voice = runtime.tts.synthesize_all("set a timer for ten minutes")
    (tmp_path / "rec").mkdir()
    soundfile.write(tmp_path / "rec" / "timer.wav", np.stack([voice, voice], axis=1), runtime.tts.sample_rate)
    rows = [
        {"text": "what day is it", "intent": "get_time"},
        {"text": "tell me a joke about the moon", "intent": "chitchat"},  # no listed joke: the model writes one
        {"wav": "rec/timer.wav", "intent": "set_timer"},  # relative to the JSONL's folder
    ]
    file = tmp_path / "mine.jsonl"
    file.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    commands = load_commands(str(file), skills=runtime.skills)
    assert commands[2].wav == tmp_path / "rec" / "timer.wav"
    stims = stimuli(runtime.tts, commands, runtime.config.vad.aggressiveness)
    seconds = len(voice) / runtime.tts.sample_rate + 1.3  # the speech, 0.3 s before it and 1 s after
    assert abs(stims[2].duration_s - seconds) < 0.05 and stims[2].pcm.ndim == 1

    runs = []
    for stim in stims:
        r = run_once(rt_with_model, stim, False)
        runs.append(r | {"text": stim.text, "naive": False, "repeat": 0})
    naive = run_once(naive_runtime(rt_with_model), stims[1], True)
    runs.append(naive | {"text": stims[1].text, "naive": True, "repeat": 0})
    assert all(r["ok"] for r in runs), [r.get("events") for r in runs if not r["ok"]]
    day, joke, timer, naive_joke = runs
    assert (day["intent"], day["intent_right"], day["model_asked"]) == ("get_time", True, False)
    assert (
        joke["intent"] == "chitchat" and joke["model_asked"] and joke["model_calls"] >= 1
    )  # it wrote the joke
    assert naive_joke["model_asked"]  # counted through the naive loop's cold model too
    assert timer["transcript"] == "set a timer for 10 minutes" and timer["intent_right"]

    result = summaries(runs)
    assert result["all"]["runs"] == 3 and result["all"]["model_asked_share"] == round(1 / 3, 4)
    assert result["all"]["intent_right"] == 3 and result["all"]["acknowledged_runs"] >= 0
    assert result["all"]["response_latency_p50_s"] <= result["all"]["response_latency_p90_s"]
    assert result["llm"]["runs"] == 1 and result["fast"]["runs"] == 2  # decided per turn, not by hand
    assert result["llm"]["naive"]["runs"] == 1 and result["fast"].get("naive") is None
    assert set(result["labels"]) == {"get_time", "chitchat", "set_timer"}
    assert {
        "response_latency_p50_s",
        "response_latency_p90_s",
        "model_asked_share",
        "acknowledged_runs",
    } <= set(result["labels"]["chitchat"])
    text = table(result)
    assert "**all**" in text and "chitchat" in text
    json.dumps(result)
    png = waterfall(result | {"runs": runs}, tmp_path / "bench.png")
    assert png.stat().st_size > 1000


@pytest.mark.parametrize(
    "content, says",
    [
        ("not json\n", "is not a JSON object"),
        (
            '{"text": "what time is it", "wav": "a.wav", "intent": "get_time"}\n',
            'exactly one of "text" and "wav"',
        ),
        ('{"wav": "missing.wav", "intent": "get_time"}\n', "does not exist"),
        ('{"text": "what time is it", "intent": "clock"}\n', "intent 'clock' is no skill"),
    ],
)
def test_bench_reports_a_bad_command_file_in_one_line(tmp_path, content, says):
    file = tmp_path / "bad.jsonl"
    file.write_text(content, encoding="utf-8")
    line = one_error_line(cli("bench", "--commands", file, "--no-plot", timeout=120))
    assert says in line and "line 1" in line


def test_quick_needs_rows_marked_quick(tmp_path):
    file = tmp_path / "mine.jsonl"
    file.write_text('{"text": "what time is it", "intent": "get_time"}\n', encoding="utf-8")
    line = one_error_line(cli("bench", "--commands", file, "--quick", "--no-plot", timeout=120))
    assert '"quick": true' in line and "drop --quick" in line


def test_bench_names_its_sets_when_neither_file_nor_set(tmp_path):
    line = one_error_line(cli("bench", "--commands", tmp_path / "nowhere.jsonl", "--no-plot", timeout=120))
    assert "default" in line and "classic" in line


def test_naive_tts_speaks_the_whole_reply_as_one_chunk(runtime):
    from assistant.bench.naive import WholeReplyTts

    chunks = list(WholeReplyTts(runtime.tts).synthesize("It is late. Go to bed."))
    assert len(chunks) == 1 and len(chunks[0].pcm) > runtime.tts.sample_rate


@pytest.mark.parametrize("naive", [False, True])
def test_bench_run_records_every_stage(runtime, naive):
    from assistant.bench.naive import naive_runtime
    from assistant.bench.runner import run_once
    from assistant.bench.stimuli import Command, Stimulus, last_voiced_s, padded

    pcm = padded(_speech(runtime, "what day is it"))
    stim = Stimulus(Command("what day is it", intent="get_time"), pcm, last_voiced_s(pcm, 2))
    rt = naive_runtime(runtime) if naive else runtime
    run = run_once(rt, stim, naive)
    assert run["ok"] and run["intent"] == "get_time" and run["intent_right"]
    assert set(run["stages"]) == {"endpoint_s", "asr_final_s", "route_s", "skill_s", "first_audio_s"}
    assert run["endpoint_reason"] == ("end" if naive else "complete_command")
    assert run["model_calls"] == 0  # no model in this runtime
    json.dumps(run)


def test_the_default_stacks_peak_rss_is_measured_in_a_process_of_its_own(runtime):
    from assistant.bench.runner import session_peak_rss_mb
    from assistant.bench.stimuli import Command, Stimulus, last_voiced_s, padded

    pcm = padded(_speech(runtime, "what time is it"))
    peak = session_peak_rss_mb([Stimulus(Command("what time is it"), pcm, last_voiced_s(pcm, 2))], None)
    assert 200 < peak < 4000  # MB: every model of the default stack is loaded, and nothing else


def _speech(runtime, text: str) -> np.ndarray:
    from assistant.audio.sources import to_pcm16

    return to_pcm16(runtime.tts.synthesize_all(text), runtime.tts.sample_rate)


def test_bench_rejects_bad_arguments(tmp_path):
    from assistant.cli import main

    assert main(["bench", "--repeats", "0"]) == 2
    assert main(["bench", "--json", str(tmp_path)]) == 2


def test_speedup_weighs_each_command_the_same():
    from assistant.bench.stats import speedup

    def runs(text, fast, naive):
        return [{"text": text, "naive": False, "ok": True, "response_latency_s": s} for s in fast] + [
            {"text": text, "naive": True, "ok": True, "response_latency_s": s} for s in naive
        ]

    # 2x on one command and 8x on the other: 4x, however far apart the two commands' latencies are
    data = runs("what time is it", [0.5, 0.4, 0.6], [1.0, 1.1, 0.9]) + runs("wake me up", [1.0], [8.0])
    assert speedup(data) == 4.0


def test_the_packaged_sets_load_and_quick_keeps_the_marked_rows(runtime):
    from assistant.bench.stimuli import load_commands, named_sets

    assert {"default", "classic"} <= set(named_sets())
    default = load_commands(None, skills=runtime.skills)
    quick = load_commands("default", quick=True, skills=runtime.skills)
    assert len(default) >= 40 and len(quick) == 12 and set(quick) <= set(default)
    assert len(load_commands("classic", skills=runtime.skills)) == 8
