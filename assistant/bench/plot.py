"""The benchmark's picture: for all commands and each label, the real loop beside the naive one, the
median time of each stage stacked from the end of speech to the first reply sample, with the p50 / p90
response latency, the share of turns that asked the language model, how often "One moment." was said
and how many intents were right."""

from __future__ import annotations

import statistics
from pathlib import Path
from typing import Any

from ..errors import UserError

STAGES = [
    ("endpoint_s", "endpoint", "#9e9e9e"),
    ("asr_final_s", "ASR final", "#42a5f5"),
    ("route_s", "routing", "#ab47bc"),
    ("skill_s", "skill", "#66bb6a"),
    ("first_audio_s", "first TTS audio", "#ffa726"),
]
LONGEST_S = 6.0  # seconds shown on the axis


def _note(r: dict[str, Any]) -> str:
    p50, p90 = r["response_latency_p50_s"], r["response_latency_p90_s"]
    if p50 != p50:  # no run of this loop here
        return ""
    note = f"p50 {p50:.2f} / p90 {p90:.2f} s"
    if r.get("model_asked_share") == r.get("model_asked_share"):
        note += f" · model {100 * r['model_asked_share']:.0f}%"
    note += f" · one moment {r['acknowledged_runs']}"
    if r.get("intent_scored"):
        note += f" · right {r['intent_right']}/{r['intent_scored']}"
    return note


def waterfall(result: dict[str, Any], path: Path) -> Path:
    try:
        import matplotlib
    except ImportError:
        raise UserError(
            "the latency plot needs matplotlib: pip install 'assistant[bench]' (or pass --no-plot)"
        ) from None

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    runs = result["runs"]
    groups = [("all", "all commands", lambda r: True)]
    groups += [
        (lab, lab, lambda r, lab=lab: (r.get("expected") or "(unscored)") == lab) for lab in result["labels"]
    ]
    rows: list[tuple[str, dict[str, float], str]] = []
    for key, name, member in groups:
        summary = result[key] if key == "all" else result["labels"][key]
        for naive in (False, True):
            sel = [r for r in runs if member(r) and r["naive"] == naive and r["ok"]]
            if not sel:
                continue
            med = {k: statistics.median(r["stages"][k] for r in sel) for k, _, _ in STAGES}
            note = _note(summary.get("naive", {}) if naive else summary)
            rows.append((f"{'naive' if naive else 'fast'} · {name} ({len(sel)})", med, note))
    # a naive turn that waited a minute for the model would squeeze every other bar to a sliver: the axis
    # ends at LONGEST_S and the note says the whole figure
    totals = [sum(max(0.0, v) for v in med.values()) for _, med, _ in rows]
    end = min(max(totals + [1.0]), LONGEST_S)
    fig, ax = plt.subplots(figsize=(11, 0.42 * len(rows) + 1.6), dpi=80)
    for y, (_label, med, note) in enumerate(rows):
        left = 0.0
        for key, name, color in STAGES:
            width = max(0.0, med[key])
            shown = max(0.0, min(width, end - left))  # cut at the axis' end: the note has the figure
            ax.barh(y, shown, left=min(left, end), color=color, label=name if y == 0 else None, height=0.7)
            left += width
        ax.text(min(left, end) + 0.03 * end, y, note, va="center", fontsize=7)
    ax.set_xlim(0, end * 2.1)
    ax.set_yticks(range(len(rows)), [r[0] for r in rows], fontsize=8)
    ax.invert_yaxis()
    ax.axvline(0.6, color="#c62828", lw=0.8, ls="--")
    ax.axvline(1.2, color="#6a1b9a", lw=0.8, ls=":")
    ax.set_xlabel(
        "seconds after the last voiced frame (stage medians; targets: dashed p50 0.6 s, dotted p90 1.2 s)"
    )
    ax.legend(loc="lower right", fontsize=7, ncol=5)
    title = f"Response latency by stage: real loop vs naive loop, {result.get('commands_set', 'default')} set"
    ax.set_title(title + (" (quick)" if result.get("quick") else ""), fontsize=10)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path)
    plt.close(fig)
    return path
