"""The benchmark's figures from its runs: overall (`all`), by whether the turn asked the language model
(`fast`: it did not, `llm`: it did, decided per turn), and per label (the intent the command is for).

A run is one command through one loop (`naive` False: the real loop). Each group holds the real loop's
figures, with the naive loop's on the same turns beside them under `naive`: a naive turn belongs to the
group of the real loop's turn of the same command and repeat, so both sides cover the same commands.
"""

from __future__ import annotations

import statistics
from typing import Any

import numpy as np

STAGES = ("endpoint_s", "asr_final_s", "route_s", "skill_s", "first_audio_s")


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    return round(float(np.percentile(values, q)), 4)


def share(flags: list[bool]) -> float:
    return round(sum(flags) / len(flags), 4) if flags else float("nan")


def speedup(runs: list[dict[str, Any]]) -> float:
    """Geometric mean over the commands of (naive median / fast median), each command weighing the
    same: the usual summary of speed-ups across a benchmark's items."""
    ratios = []
    for text in dict.fromkeys(r["text"] for r in runs):
        fast = [r["response_latency_s"] for r in runs if r["text"] == text and not r["naive"] and r["ok"]]
        naive = [r["response_latency_s"] for r in runs if r["text"] == text and r["naive"] and r["ok"]]
        if fast and naive:
            ratios.append(statistics.median(naive) / statistics.median(fast))
    return round(statistics.geometric_mean(ratios), 2) if ratios else float("nan")


def figures(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """One loop's figures over some runs."""
    sel = [r for r in runs if r["ok"]]
    lat = [r["response_latency_s"] for r in sel]
    scored = [r["intent_right"] for r in sel if r.get("intent_right") is not None]
    out: dict[str, Any] = {
        "runs": len(sel),
        "failed": len(runs) - len(sel),
        "response_latency_p50_s": pct(lat, 50),
        "response_latency_p90_s": pct(lat, 90),
        "response_latency_p95_s": pct(lat, 95),
        "after_endpoint_p50_s": pct([r["after_endpoint_s"] for r in sel], 50),
        "after_endpoint_p95_s": pct([r["after_endpoint_s"] for r in sel], 95),
        "first_sound_p50_s": pct([r.get("first_sound_s", r["response_latency_s"]) for r in sel], 50),
        "model_asked_share": share([bool(r.get("model_asked")) for r in runs]),
        "acknowledged_runs": sum(bool(r.get("acknowledged")) for r in sel),
        "acknowledged_share": share([bool(r.get("acknowledged")) for r in sel]),
        "intent_right": sum(scored),
        "intent_scored": len(scored),
        "intent_right_share": share(scored),
        "stages": {},
    }
    for stage in STAGES:
        vals = [r["stages"][stage] for r in sel]
        out["stages"][stage] = {"p50": pct(vals, 50), "p95": pct(vals, 95)}
    return out


def group_of_turns(runs: list[dict[str, Any]]) -> None:
    """Set each run's `group`: "llm" if the real loop's turn of that command and repeat asked the model."""
    asked = {(r["text"], r["repeat"]): bool(r.get("model_asked")) for r in runs if not r["naive"]}
    for r in runs:
        r["group"] = "llm" if asked.get((r["text"], r["repeat"]), bool(r.get("model_asked"))) else "fast"


def compare(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The real loop's figures over these runs, the naive loop's beside them and the speed-up."""
    fast = figures([r for r in runs if not r["naive"]])
    naive_runs = [r for r in runs if r["naive"]]
    if naive_runs:
        naive = figures(naive_runs)
        fast["naive_response_latency_p50_s"] = naive["response_latency_p50_s"]
        fast["naive_response_latency_p90_s"] = naive["response_latency_p90_s"]
        fast["naive_response_latency_p95_s"] = naive["response_latency_p95_s"]
        fast["speedup_vs_naive"] = speedup(runs)
        fast["naive"] = naive
    return fast


def summaries(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """`all`, `fast`, `llm` and `labels` (per intent of the command; "(unscored)" for rows without one)."""
    group_of_turns(runs)
    out: dict[str, Any] = {"all": compare(runs)}
    for group in ("fast", "llm"):
        out[group] = compare([r for r in runs if r["group"] == group])
    labels = sorted({r.get("expected") or "(unscored)" for r in runs})
    out["labels"] = {
        lab: compare([r for r in runs if (r.get("expected") or "(unscored)") == lab]) for lab in labels
    }
    return out


def _s(value: Any) -> str:
    return "-" if not isinstance(value, (int, float)) or value != value else f"{value:.2f}"


def _percent(value: float) -> str:
    return "-" if value != value else f"{100 * value:.0f}%"


def table(result: dict[str, Any]) -> str:
    naive = any("naive" in result[g] for g in ("all", "fast", "llm"))
    head = '| turns | runs | p50 / p90 | naive p50 / p90 | speed-up | model asked | "One moment." | intent right |'
    lines = [head, "|---|---|---|---|---|---|---|---|"]

    def row(name: str, r: dict[str, Any]) -> str:
        nv = f"{_s(r.get('naive_response_latency_p50_s'))} / {_s(r.get('naive_response_latency_p90_s'))} s"
        right = f"{r['intent_right']} of {r['intent_scored']}" if r["intent_scored"] else "-"
        return (
            f"| {name} | {r['runs']}"
            + (f" ({r['failed']} failed)" if r["failed"] else "")
            + f" | {_s(r['response_latency_p50_s'])} / {_s(r['response_latency_p90_s'])} s"
            + f" | {nv if naive else '-'} | {_s(r.get('speedup_vs_naive'))}x"
            + f" | {_percent(r['model_asked_share'])} | {r['acknowledged_runs']} | {right} |"
        )

    lines.append(row("**all**", result["all"]))
    lines.append(row("no model call (fast)", result["fast"]))
    lines.append(row("model asked (llm)", result["llm"]))
    for lab, r in result.get("labels", {}).items():
        lines.append(row(lab, r))
    extras = [
        f"speed-up over the naive loop: {_s(result.get('speedup_vs_naive'))}x (geometric mean of per-command ratios)",
        f"ASR RTF (Whisper tiny.en) {result.get('asr_rtf')}, "
        f"command grammar {'off' if result.get('asr_grammar_rtf') is None else result['asr_grammar_rtf']}",
        f"TTS RTF {result.get('tts_rtf')}",
        f"LLM prompt {result.get('llm_prompt_tokens_per_s', 'n/a')} tok/s, "
        f"generation {result.get('llm_generation_tokens_per_s', 'n/a')} tok/s",
        f"peak RSS {result.get('peak_rss_mb')} MB (a scripted session of the default stack; this process "
        f"with both loops {result.get('peak_rss_bench_process_mb', 'n/a')} MB)",
        f"cold start to listening {result.get('cold_start_s')} s "
        f"(every model loaded at {result.get('all_models_loaded_s', result.get('cold_start_s'))} s)",
    ]
    return "\n".join(lines + [""] + extras)
