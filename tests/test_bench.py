"""The latency benchmark's pieces (assistant/bench/) with the real models: the naive loop, one run's
records of every stage, the summary, the table and the plot, the peak RSS measured in its own process.
No timings are asserted: numbers live in `assistant bench`."""

from __future__ import annotations

import json

import numpy as np
import pytest


def test_naive_tts_speaks_the_whole_reply_as_one_chunk(runtime):
    from assistant.bench.naive import WholeReplyTts

    chunks = list(WholeReplyTts(runtime.tts).synthesize("It is late. Go to bed."))
    assert len(chunks) == 1 and len(chunks[0].pcm) > runtime.tts.sample_rate


@pytest.mark.parametrize("naive", [False, True])
def test_bench_run_records_every_stage(runtime, naive, tmp_path):
    from assistant.bench.latency import Stimulus, last_voiced_s, run_once, summarize, table
    from assistant.bench.naive import naive_runtime
    from assistant.bench.plot import waterfall

    speech = _speech(runtime, "what day is it")
    pcm = np.concatenate([np.zeros(4800, np.int16), speech, np.zeros(16000, np.int16)])
    stim = Stimulus("fast", "what day is it", pcm, last_voiced_s(pcm, 2))
    rt = naive_runtime(runtime) if naive else runtime
    run = run_once(rt, stim, naive) | {"kind": "fast", "text": stim.text, "naive": naive}
    assert run["ok"] and run["intent"] == "get_time"
    assert set(run["stages"]) == {"endpoint_s", "asr_final_s", "route_s", "skill_s", "first_audio_s"}
    assert run["endpoint_reason"] == ("end" if naive else "complete_command")
    summary = summarize([run], "fast", naive)
    assert {"response_latency_p50_s", "response_latency_p95_s"} <= set(summary)
    result = {
        k: summary
        | {"naive_response_latency_p50_s": 1.0, "naive_response_latency_p95_s": 1.0, "speedup_vs_naive": 1.0}
        for k in ("fast", "llm")
    }
    result |= {
        "speedup_vs_naive": 1.0,
        "asr_rtf": 0.1,
        "asr_grammar_rtf": 0.1,
        "tts_rtf": 0.1,
        "peak_rss_mb": 1.0,
        "cold_start_s": 1.0,
    }
    assert "fast commands" in table(result)
    json.dumps(run)
    assert waterfall([run], tmp_path / "w.png").stat().st_size > 1000


def test_the_default_stacks_peak_rss_is_measured_in_a_process_of_its_own(runtime):
    from assistant.bench.latency import Stimulus, last_voiced_s, session_peak_rss_mb

    pcm = np.concatenate(
        [np.zeros(4800, np.int16), _speech(runtime, "what time is it"), np.zeros(16000, np.int16)]
    )
    peak = session_peak_rss_mb([Stimulus("fast", "what time is it", pcm, last_voiced_s(pcm, 2))], None)
    assert 200 < peak < 4000  # MB: every model of the default stack is loaded, and nothing else


def _speech(runtime, text: str) -> np.ndarray:
    from assistant.audio.sources import to_pcm16

    return to_pcm16(runtime.tts.synthesize_all(text), runtime.tts.sample_rate)


def test_bench_rejects_bad_arguments(tmp_path):
    from assistant.cli import main

    assert main(["bench", "--repeats", "0"]) == 2
    assert main(["bench", "--json", str(tmp_path)]) == 2


def test_speedup_weighs_each_command_the_same():
    from assistant.bench.latency import speedup

    def runs(text, fast, naive):
        return [{"text": text, "naive": False, "response_latency_s": s} for s in fast] + [
            {"text": text, "naive": True, "response_latency_s": s} for s in naive
        ]

    # 2x on one command and 8x on the other: 4x, however far apart the two commands' latencies are
    data = runs("what time is it", [0.5, 0.4, 0.6], [1.0, 1.1, 0.9]) + runs("wake me up", [1.0], [8.0])
    assert speedup(data) == 4.0
