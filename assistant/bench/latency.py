"""`assistant bench`: spoken commands through the real loop, the fast loop against a naive one.

Each command is synthesized once with Piper (cached on disk) and played as the microphone in real time
(30 ms frames, paced by the wall clock, as a microphone would deliver them), through a fresh Pipeline
per run. The two modes share the loaded models and alternate command by command, so the machine's
load (shared, noisy) hits both alike; speed-ups are ratios of medians from the same run.

Response latency = first reply sample - last voiced frame of the command (webrtcvad on the stimulus).
"After the endpoint" = first reply sample - the endpointer's decision (vad_end).
"""

from __future__ import annotations

import json
import logging
import os
import platform
import resource
import statistics
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import soundfile

from .. import paths
from ..audio import FRAME_SAMPLES, SAMPLE_RATE
from ..audio.sources import frames_from_pcm, to_pcm16
from ..errors import UserError
from ..events import Event

log = logging.getLogger(__name__)

# (kind, text): "fast" ones match a skill's sentence templates; "llm" ones do not, so the example
# classifier and the language model route them (and chitchat's reply is written by the model)
COMMANDS: list[tuple[str, str]] = [
    ("fast", "what time is it"),
    ("fast", "set a timer for ten minutes"),
    ("fast", "what day is it"),
    ("fast", "cancel my timers"),
    ("llm", "tell me something funny"),
    ("llm", "wake me up in twenty minutes"),
    ("llm", "is it late already"),
    ("llm", "what should i call you"),
]
QUICK = [COMMANDS[0], COMMANDS[1], COMMANDS[4], COMMANDS[5]]
LEAD_S, TRAIL_S = 0.3, 1.0


# -- stimuli ---------------------------------------------------------------------------------------
def cache_dir() -> Path:
    return paths.cache_dir() / "bench"


@dataclass(frozen=True)
class Stimulus:
    kind: str
    text: str
    pcm: np.ndarray  # 16 kHz int16, lead silence + speech + trailing silence
    speech_end_s: float  # end of the last voiced frame

    @property
    def duration_s(self) -> float:
        return len(self.pcm) / SAMPLE_RATE


def last_voiced_s(pcm: np.ndarray, aggressiveness: int) -> float:
    import webrtcvad

    vad = webrtcvad.Vad(aggressiveness)
    last = 0.0
    for i in range(0, len(pcm) - FRAME_SAMPLES + 1, FRAME_SAMPLES):
        if vad.is_speech(pcm[i : i + FRAME_SAMPLES].tobytes(), SAMPLE_RATE):
            last = (i + FRAME_SAMPLES) / SAMPLE_RATE
    return last


def stimuli(tts: Any, commands: list[tuple[str, str]], aggressiveness: int) -> list[Stimulus]:
    """Piper speech for each command, synthesized once (deterministic voice) and cached as WAV."""
    from ..tts.piper_tts import PiperTts

    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    voice = None
    out = []
    for kind, text in commands:
        path = folder / f"{getattr(tts, 'name', 'voice')}-{text.replace(' ', '_')}.wav"
        if path.is_file():
            speech, _ = soundfile.read(path, dtype="int16")
        else:
            voice = voice or PiperTts(deterministic=True)
            speech = to_pcm16(voice.synthesize_all(text), voice.sample_rate)
            soundfile.write(path, speech, SAMPLE_RATE, subtype="PCM_16")
        pcm = np.concatenate(
            [
                np.zeros(int(LEAD_S * SAMPLE_RATE), np.int16),
                speech,
                np.zeros(int(TRAIL_S * SAMPLE_RATE), np.int16),
            ]
        )
        out.append(Stimulus(kind, text, pcm, last_voiced_s(pcm, aggressiveness)))
    return out


# -- one run ---------------------------------------------------------------------------------------
class TimedRouter:
    """The router as the conversation sees it, timing each decision (routing apart from the skill)."""

    def __init__(self, router: Any):
        self.inner = router
        self.seconds = 0.0

    def route(self, text: str):
        start = time.perf_counter()
        try:
            return self.inner.route(text)
        finally:
            self.seconds += time.perf_counter() - start

    def __getattr__(self, item):
        return getattr(self.inner, item)


def run_once(rt: Any, stim: Stimulus, naive: bool) -> dict[str, Any]:
    from ..pipeline import Pipeline
    from ..tts.output import NullOutput
    from .naive import NaivePipeline

    events: list[Event] = []
    cls = NaivePipeline if naive else Pipeline
    pipe = cls(rt, events.append, NullOutput(), wake=False)
    timed = TimedRouter(pipe.conversation.router)
    pipe.conversation.router = timed
    start = time.monotonic()
    for frame in frames_from_pcm(stim.pcm, 0.0):
        ahead = frame.t - (time.monotonic() - start)
        if ahead > 0:
            time.sleep(ahead)  # a microphone delivers a frame only when it has been spoken
        pipe.feed(frame)
        if any(e.type == "tts_end" for e in events):
            break
    pipe.flush()
    pipe.conversation.close()
    first = {}
    for e in events:
        first.setdefault(e.type, e)
    need = ("vad_end", "asr_final", "intent", "tts_first_audio")
    if any(k not in first for k in need):
        return {"ok": False, "events": [e.to_dict() for e in events]}
    end = stim.speech_end_s
    t = {k: first[k].t for k in need}
    route_s = timed.seconds
    info = getattr(rt.asr, "last_info", {}) if not naive else {}
    return {
        "ok": True,
        "transcript": first["asr_final"].text,
        "intent": first["intent"].intent,
        "route_source": first["intent"].data.get("source"),
        "reply": next((e.text for e in events if e.type == "reply"), ""),
        "endpoint_reason": first["vad_end"].data.get("reason"),
        "final_source": info.get("final_source", "after_endpoint"),
        "asr_info": info,
        "stages": {
            "endpoint_s": t["vad_end"] - end,
            "asr_final_s": t["asr_final"] - t["vad_end"],
            "route_s": route_s,
            "skill_s": max(0.0, t["intent"] - t["asr_final"] - route_s),
            "first_audio_s": t["tts_first_audio"] - t["intent"],
        },
        "response_latency_s": t["tts_first_audio"] - end,
        # the first sound the user hears: the "one moment" acknowledgement of a slow turn, else the reply
        "first_sound_s": (first["ack"].t if "ack" in first else t["tts_first_audio"]) - end,
        "acknowledged": "ack" in first,
        "ran_ahead": bool(next((e.data for e in events if e.type == "reply"), {}).get("ran_ahead")),
        "synthesized_ahead": bool(first["tts_first_audio"].data.get("synthesized_ahead")),
        "after_endpoint_s": t["tts_first_audio"] - t["vad_end"],
    }


# -- side measurements -----------------------------------------------------------------------------
def asr_rtf(rt: Any, stims: list[Stimulus]) -> dict[str, float]:
    from ..asr.grammar_engine import FastEngine

    out: dict[str, list[float]] = {"whisper": [], "grammar": []}
    engine = rt.asr
    for s in stims:
        speech = s.pcm.tobytes()
        if isinstance(engine, FastEngine) and engine.whisper is not None:
            t0 = time.perf_counter()
            engine.whisper.transcribe(speech)
            out["whisper"].append((time.perf_counter() - t0) / s.duration_s)
        if isinstance(engine, FastEngine) and engine.grammar_decoder is not None:
            d = engine.grammar_decoder
            engine.close_grammar()
            t0 = time.perf_counter()
            d.start_utt()
            for i in range(0, len(speech), FRAME_SAMPLES * 2):
                d.process_raw(speech[i : i + FRAME_SAMPLES * 2], False, False)
            d.end_utt()
            out["grammar"].append((time.perf_counter() - t0) / s.duration_s)
    return {k: round(statistics.median(v), 4) for k, v in out.items() if v}


def tts_rtf(rt: Any, texts: list[str]) -> float:
    rates = []
    for text in texts:
        t0 = time.perf_counter()
        pcm = rt.tts.synthesize_all(text)
        if len(pcm):
            rates.append((time.perf_counter() - t0) / (len(pcm) / rt.tts.sample_rate))
    return round(statistics.median(rates), 4) if rates else float("nan")


def llm_speed(rt: Any) -> dict[str, float]:
    """Prompt and generation tokens/s of the loaded model on a fresh (uncached) prompt."""
    llama = getattr(rt.llm, "llama", None)
    if llama is None:
        return {}
    import llama_cpp

    cache, llama.cache = llama.cache, None
    try:
        llama.reset()
        llama_cpp.llama_perf_context_reset(llama._ctx.ctx)
        messages = [
            {
                "role": "system",
                "content": "You are a friendly voice assistant. Answer in two short sentences.",
            },
            {
                "role": "user",
                "content": "Tell me something interesting about the moon and why it has phases.",
            },
        ]
        rt.llm.chat(messages, max_tokens=48)
        p = llama_cpp.llama_perf_context(llama._ctx.ctx)
    finally:
        llama.cache = cache
    return {
        "llm_prompt_tokens_per_s": round(p.n_p_eval / max(p.t_p_eval_ms / 1000, 1e-9), 1),
        "llm_generation_tokens_per_s": round(p.n_eval / max(p.t_eval_ms / 1000, 1e-9), 1),
        "llm_prompt_tokens": int(p.n_p_eval),
        "llm_generated_tokens": int(p.n_eval),
    }


# -- statistics ------------------------------------------------------------------------------------
def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    return round(float(np.percentile(values, q)), 4)


def summarize(runs: list[dict[str, Any]], kind: str, naive: bool) -> dict[str, Any]:
    sel = [r for r in runs if r["kind"] == kind and r["naive"] == naive and r["ok"]]
    lat = [r["response_latency_s"] for r in sel]
    out: dict[str, Any] = {
        "runs": len(sel),
        "failed": len([r for r in runs if r["kind"] == kind and r["naive"] == naive and not r["ok"]]),
        "response_latency_p50_s": pct(lat, 50),
        "response_latency_p95_s": pct(lat, 95),
        "after_endpoint_p50_s": pct([r["after_endpoint_s"] for r in sel], 50),
        "after_endpoint_p95_s": pct([r["after_endpoint_s"] for r in sel], 95),
        "first_sound_p50_s": pct([r.get("first_sound_s", r["response_latency_s"]) for r in sel], 50),
        "acknowledged_runs": sum(bool(r.get("acknowledged")) for r in sel),
        "stages": {},
    }
    for stage in ("endpoint_s", "asr_final_s", "route_s", "skill_s", "first_audio_s"):
        vals = [r["stages"][stage] for r in sel]
        out["stages"][stage] = {"p50": pct(vals, 50), "p95": pct(vals, 95)}
    return out


def speedup(runs: list[dict[str, Any]]) -> float:
    """Geometric mean over the commands of (naive median / fast median), each command weighing the
    same: the usual summary of speed-ups across a benchmark's items."""
    ratios = []
    for text in dict.fromkeys(r["text"] for r in runs):
        fast = [r["response_latency_s"] for r in runs if r["text"] == text and not r["naive"]]
        naive = [r["response_latency_s"] for r in runs if r["text"] == text and r["naive"]]
        if fast and naive:
            ratios.append(statistics.median(naive) / statistics.median(fast))
    return round(statistics.geometric_mean(ratios), 2) if ratios else float("nan")


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def session_peak_rss_mb(stims: list[Stimulus], config_path: str | None) -> float:
    """Peak RSS of the default stack alone: `assistant listen --no-wake --wav` on the benchmark's
    commands, in a process of its own. This process's own peak is not that: it holds the naive loop too,
    whose whole-reply synthesis of a long chat reply grows ONNX Runtime's arena (kept for the life of the
    process). The child's VmHWM is read while it runs: its rusage would count this process's pages,
    which it holds between fork and exec."""
    import subprocess
    import sys
    import tempfile

    with tempfile.TemporaryDirectory(prefix="bench-session-") as tmp:
        wavs = []
        for i, stim in enumerate(stims):
            wavs.append(str(Path(tmp) / f"{i}.wav"))
            soundfile.write(wavs[-1], stim.pcm, SAMPLE_RATE, subtype="PCM_16")
        cmd = [sys.executable, "-m", "assistant", *(["--config", config_path] if config_path else [])]
        cmd += ["--no-ui", "listen", "--no-wake", "--wav", *wavs, "--events", str(Path(tmp) / "events.jsonl")]
        with open(Path(tmp) / "stderr", "w+b") as err:
            proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err)
            peak_kb = 0
            while proc.poll() is None:
                peak_kb = max(peak_kb, _peak_kb(proc.pid))
                time.sleep(0.05)
            err.seek(0)
            tail = err.read().decode(errors="replace")[-300:]
    if proc.returncode != 0 or peak_kb == 0:
        log.warning("the scripted session failed (exit %s): %s", proc.returncode, tail)
        return float("nan")
    return round(peak_kb / 1024, 1)


def _peak_kb(pid: int) -> int:
    """VmHWM of a running process (0 once it is gone)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def machine() -> dict[str, Any]:
    import psutil

    return {
        "cpus": os.cpu_count(),
        "cpus_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "ram_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "platform": platform.platform(),
        "python": platform.python_version(),
        "cpu": platform.processor() or platform.machine(),
    }


# -- the whole benchmark ---------------------------------------------------------------------------
def run_bench(
    config: Any,
    quick: bool = False,
    repeats: int | None = None,
    plot: Path | None = None,
    progress=print,
    config_path: str | None = None,  # the same config for the scripted session's own process
) -> dict[str, Any]:
    import psutil

    from ..runtime import load_runtime
    from .naive import naive_runtime

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
    naive_rt = naive_runtime(rt)
    commands = QUICK if quick else COMMANDS
    repeats = repeats or (1 if quick else 5)
    stims = stimuli(rt.tts, commands, config.vad.aggressiveness)
    runs: list[dict[str, Any]] = []
    for rep in range(repeats):
        for i, stim in enumerate(stims):
            order = (False, True) if (rep + i) % 2 else (True, False)
            for naive in order:
                r = run_once(naive_rt if naive else rt, stim, naive)
                r |= {"kind": stim.kind, "text": stim.text, "naive": naive, "repeat": rep}
                runs.append(r)
                mode = "naive" if naive else "fast "
                if r["ok"]:
                    progress(
                        f"{mode} {stim.kind:4} {stim.text!r:34} {r['response_latency_s']:6.3f} s "
                        f"-> {r['intent']} ({r['final_source']}, {r['route_source']})"
                    )
                else:
                    progress(f"{mode} {stim.kind:4} {stim.text!r:34} FAILED (no reply audio)")
    result: dict[str, Any] = {
        "machine": machine() | {"load_average_at_start": [round(x, 2) for x in load_at_start]},
        "quick": quick,
        "repeats": repeats,
        "commands": [{"kind": k, "text": t} for k, t in commands],
        "definitions": {
            "response_latency": "first reply audio sample minus the end of the command's last voiced "
            "30 ms frame (webrtcvad on the stimulus)",
            "after_endpoint": "first reply audio sample minus the endpointer's decision (vad_end); "
            f"naive waits end_silence_ms = {config.vad.end_silence_ms} ms, fast ends "
            f"{config.latency.early_end_silence_ms} ms after a complete command",
        },
    }
    for kind in ("fast", "llm"):
        fast, naive = summarize(runs, kind, False), summarize(runs, kind, True)
        fast["naive_response_latency_p50_s"] = naive["response_latency_p50_s"]
        fast["naive_response_latency_p95_s"] = naive["response_latency_p95_s"]
        fast["speedup_vs_naive"] = round(naive["response_latency_p50_s"] / fast["response_latency_p50_s"], 2)
        fast["naive"] = naive
        result[kind] = fast
    ok = [r for r in runs if r["ok"]]
    result["speedup_vs_naive"] = speedup(ok)
    # the earlier definition: median of all naive runs over median of all fast runs. With two groups of
    # commands both medians fall in the gap between them, so it measures the gap more than the loop
    all_fast = [r["response_latency_s"] for r in ok if not r["naive"]]
    all_naive = [r["response_latency_s"] for r in ok if r["naive"]]
    result["speedup_vs_naive_pooled_medians"] = round(statistics.median(all_naive) / statistics.median(all_fast), 2)
    progress("measuring real-time factors and token rates ...")
    rtf = asr_rtf(rt, stims)
    result["asr_rtf"] = rtf.get("whisper", float("nan"))
    result["asr_grammar_rtf"] = rtf.get("grammar", float("nan"))
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

        waterfall(runs, plot)
        result["plot"] = str(plot)
    return result


def table(result: dict[str, Any]) -> str:
    lines = ["| | fast loop p50 / p95 | naive p50 / p95 | speed-up |", "|---|---|---|---|"]
    for kind in ("fast", "llm"):
        r = result[kind]
        lines.append(
            f"| {kind} commands: response latency | {r['response_latency_p50_s']:.2f} / "
            f"{r['response_latency_p95_s']:.2f} s | {r['naive_response_latency_p50_s']:.2f} / "
            f"{r['naive_response_latency_p95_s']:.2f} s | {r['speedup_vs_naive']:.1f}x |"
        )
    lines.append(
        f"| all commands (geometric mean of per-command ratios) | | | {result['speedup_vs_naive']:.1f}x |"
    )
    r = result["llm"]
    lines.append(
        f"| llm commands: first sound (\"one moment\" in {r.get('acknowledged_runs', 0)} of {r['runs']} runs) "
        f"| {r.get('first_sound_p50_s', r['response_latency_p50_s']):.2f} s | | |"
    )
    extras = [
        f"ASR RTF (Whisper tiny.en) {result['asr_rtf']}, command grammar {result['asr_grammar_rtf']}",
        f"TTS RTF {result['tts_rtf']}",
        f"LLM prompt {result.get('llm_prompt_tokens_per_s', 'n/a')} tok/s, "
        f"generation {result.get('llm_generation_tokens_per_s', 'n/a')} tok/s",
        f"peak RSS {result['peak_rss_mb']} MB (a scripted session of the default stack; this process with "
        f"both loops {result.get('peak_rss_bench_process_mb', 'n/a')} MB)",
        f"cold start to listening {result['cold_start_s']} s "
        f"(every model loaded at {result.get('all_models_loaded_s', result['cold_start_s'])} s)",
    ]
    return "\n".join(lines + [""] + extras)


def write_json(result: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(result, indent=2, default=str) + "\n", encoding="utf-8")
    os.replace(tmp, path)
