"""`assistant bench`: a set of spoken commands through the real loop, beside a naive one.

The commands (stimuli.py) are the default set (40 drawn from public datasets), `--quick` (12 of them),
a named set or the user's own JSONL file. Each plays as the microphone in real time through a fresh
Pipeline per run (runner.py). The two loops share the loaded models and alternate command by command,
so the machine's load (shared, noisy) hits both alike. The figures (stats.py): overall under `all`, by
whether the turn asked the language model (`fast`, `llm`) and per label; the speed-up is the geometric
mean of per-command ratios of medians from the same run.
"""

from __future__ import annotations

import json
import os
import statistics
import time
from pathlib import Path
from typing import Any

from ..errors import UserError
from .runner import asr_rtf, llm_speed, machine, peak_rss_mb, run_once, session_peak_rss_mb, tts_rtf
from .stats import summaries, table
from .stimuli import load_commands, stimuli

__all__ = ["run_bench", "table", "write_json"]


def _progress_line(r: dict[str, Any], text: str) -> str:
    mode = "naive" if r["naive"] else "fast "
    label = f"{mode} {text[:44]!r:46}"
    if not r["ok"]:
        return f"{label} FAILED (no reply audio)"
    right = {True: "right", False: f"expected {r['expected']}", None: "unscored"}[r["intent_right"]]
    asked = "model asked" if r["model_asked"] else "no model"
    return (
        f"{label} {r['response_latency_s']:6.3f} s -> {r['intent']} ({right}; {asked}, {r['final_source']})"
    )


def run_bench(
    config: Any,
    quick: bool = False,
    repeats: int | None = None,
    plot: Path | None = None,
    progress=print,
    config_path: str | None = None,  # the same config for the scripted session's own process
    commands: str | None = None,  # a named set or a JSONL file (None: the default set)
    naive: bool = True,  # also run the naive loop
) -> dict[str, Any]:
    import psutil

    from ..plugins import discover_skills
    from ..runtime import load_runtime
    from .naive import naive_runtime

    chosen = load_commands(commands, quick, discover_skills(config))  # bad rows fail before any model loads
    load_at_start = os.getloadavg()
    rt = load_runtime(config)
    if not (rt.hears and rt.speaks):
        raise UserError("the benchmark needs speech in and out: enable ASR and TTS in the config")
    rt.wake_gate()  # listening: the wake-word spotter and the VAD are ready
    cold_start_s = time.time() - psutil.Process().create_time()
    rt.wait_ready()  # the recognizer, the voice and the language model load in the background
    ready_s = time.time() - psutil.Process().create_time()
    rss_loaded = round(psutil.Process().memory_info().rss / 2**20, 1)
    progress(
        f"listening {cold_start_s:.2f} s after process start, every model loaded at {ready_s:.2f} s; "
        f"RSS {rss_loaded} MB"
    )
    naive_rt = naive_runtime(rt) if naive else None
    repeats = repeats or 1
    stims = stimuli(rt.tts, chosen, config.vad.aggressiveness)
    runs: list[dict[str, Any]] = []
    for rep in range(repeats):
        for i, stim in enumerate(stims):
            order = ((False, True) if (rep + i) % 2 else (True, False)) if naive else (False,)
            for is_naive in order:
                r = run_once(naive_rt if is_naive else rt, stim, is_naive)
                r |= {"text": stim.text, "naive": is_naive, "repeat": rep}
                runs.append(r)
                progress(_progress_line(r, stim.text))
    result: dict[str, Any] = {
        "machine": machine() | {"load_average_at_start": [round(x, 2) for x in load_at_start]},
        "commands_set": commands or "default",
        "quick": quick,
        "repeats": repeats,
        "naive_loop": naive,
        "commands": [
            {
                "text": s.command.text,
                "wav": str(s.command.wav) if s.command.wav else None,
                "intent": s.command.intent,
            }
            for s in stims
        ],
        "definitions": {
            "response_latency": "first reply audio sample minus the end of the command's last voiced "
            "30 ms frame (webrtcvad on the stimulus)",
            "after_endpoint": "first reply audio sample minus the endpointer's decision (vad_end); "
            f"naive waits end_silence_ms = {config.vad.end_silence_ms} ms; fast ends "
            f"{config.latency.early_end_silence_ms} ms after a template command, "
            f"{config.latency.confident_end_silence_ms} ms after words routed for sure or a whole "
            f"command by the end-of-command model, {config.latency.likely_end_silence_ms} ms after a "
            "likely whole one (the turn's endpoint_reason)",
            "model_asked": "the turn called the language model (router, skill or speculation), counted "
            "at the model; `fast` turns did not, `llm` turns did (a naive turn goes with the real "
            "loop's turn of the same command and repeat)",
            "acknowledged": f'"{config.latency.ack_phrase}" was said before the reply (the ack event)',
            "intent_right": "the first intent of the turn is the row's intent",
        },
    }
    result |= summaries(runs)
    ok = [r for r in runs if r["ok"]]
    result["speedup_vs_naive"] = result["all"].get("speedup_vs_naive", float("nan"))
    fast_lat = [r["response_latency_s"] for r in ok if not r["naive"]]
    naive_lat = [r["response_latency_s"] for r in ok if r["naive"]]
    if fast_lat and naive_lat:
        # the earlier definition: median of all naive runs over median of all fast runs. With two groups
        # of commands both medians fall in the gap between them, so it measures the gap more than the loop
        result["speedup_vs_naive_pooled_medians"] = round(
            statistics.median(naive_lat) / statistics.median(fast_lat), 2
        )
    progress("measuring real-time factors and token rates ...")
    rtf = asr_rtf(rt, stims)
    result["asr_rtf"] = rtf.get("whisper", float("nan"))
    result["asr_grammar_rtf"] = rtf.get("grammar")  # None: [latency] grammar is off (the default)
    replies = list(dict.fromkeys(r["reply"] for r in ok if r["reply"]))[:4] or ["It's ten past four."]
    result["tts_rtf"] = tts_rtf(rt, replies)
    result |= llm_speed(rt)
    result["cold_start_s"] = round(cold_start_s, 3)
    result["all_models_loaded_s"] = round(ready_s, 3)
    result["rss_after_load_mb"] = rss_loaded
    result["peak_rss_bench_process_mb"] = peak_rss_mb()
    progress("measuring the default stack's peak RSS in a scripted session of its own ...")
    result["peak_rss_mb"] = session_peak_rss_mb(stims, config_path)
    result["latency_setup"] = rt.latency
    result["runs"] = runs
    if plot is not None:
        from .plot import waterfall

        waterfall(result, plot)
        result["plot"] = str(plot)
    return result


def write_json(result: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(result, indent=2, default=str) + "\n", encoding="utf-8")
    os.replace(tmp, path)
