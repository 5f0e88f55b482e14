"""One benchmark turn through a loop, and the side measurements (real-time factors, token rates, the
default stack's peak RSS in a process of its own, the machine).

A turn plays a stimulus as the microphone in real time (30 ms frames, paced by the wall clock) through a
fresh Pipeline and reads its events: response latency = first reply sample - last voiced frame of the
command; "after the endpoint" = first reply sample - the endpointer's decision (vad_end). Whether the turn
asked the language model is counted at the model itself (every chat, stream and tool call, whoever made
it: the router, a skill writing its reply, a speculation at a partial), not read from a hand label.
"""

from __future__ import annotations

import contextlib
import logging
import os
import platform
import resource
import statistics
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import soundfile

from ..audio import FRAME_SAMPLES, SAMPLE_RATE
from ..audio.sources import frames_from_pcm
from ..events import Event
from .stimuli import Stimulus

log = logging.getLogger(__name__)
MODEL_CALLS = ("chat", "stream", "tool_call")


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


def innermost_model(model: Any) -> Any:
    """The loaded model under the naive loop's cold wrapper: counting there sees every caller's calls."""
    from .naive import ColdModel

    while isinstance(model, ColdModel):
        model = model.model
    return model


@contextlib.contextmanager
def counting_model_calls(model: Any) -> Iterator[list[int]]:
    """[calls] made to the model within the block, from any thread."""
    count, lock = [0], threading.Lock()
    target = innermost_model(model)
    patched = []
    for name in MODEL_CALLS if target is not None else ():
        method = getattr(target, name, None)
        if method is None or name in vars(target):
            continue

        def counted(*args, _method=method, **kwargs):
            result = _method(*args, **kwargs)
            if result is not None:  # None: a tool_call the model has no way to make (it asks chat())
                with lock:
                    count[0] += 1
            return result

        setattr(target, name, counted)  # on the instance: the class and other instances are untouched
        patched.append(name)
    try:
        yield count
    finally:
        for name in patched:
            delattr(target, name)


def run_once(rt: Any, stim: Stimulus, naive: bool) -> dict[str, Any]:
    from ..pipeline import Pipeline
    from ..tts.output import NullOutput
    from .naive import NaivePipeline

    events: list[Event] = []
    cls = NaivePipeline if naive else Pipeline
    pipe = cls(rt, events.append, NullOutput(), wake=False)
    timed = TimedRouter(pipe.conversation.router)
    pipe.conversation.router = timed
    with counting_model_calls(rt.llm) as calls:  # rt.llm: the loaded model (waits for it)
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
    first: dict[str, Event] = {}
    for e in events:
        first.setdefault(e.type, e)
    expected = stim.command.intent
    scored = {
        "expected": expected,
        "model_calls": calls[0],
        "model_asked": calls[0] > 0,
        "acknowledged": "ack" in first,
        "intent": first["intent"].intent if "intent" in first else None,
    }
    scored["intent_right"] = None if expected is None else scored["intent"] == expected
    need = ("vad_end", "asr_final", "intent", "tts_first_audio")
    if any(k not in first for k in need):
        return {"ok": False, **scored, "events": [e.to_dict() for e in events]}
    end = stim.speech_end_s
    t = {k: first[k].t for k in need}
    route_s = timed.seconds
    info = rt.asr.last_info if not naive and rt.asr is not None else {}
    return {
        "ok": True,
        **scored,
        "transcript": first["asr_final"].text,
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
        # the first sound the user hears: the "One moment." of a slow turn, else the reply
        "first_sound_s": (first["ack"].t if "ack" in first else t["tts_first_audio"]) - end,
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
