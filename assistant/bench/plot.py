"""The benchmark's latency waterfall: per command and mode, the median time of each stage, stacked
from the end of speech to the first reply sample."""

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


def waterfall(runs: list[dict[str, Any]], path: Path) -> Path:
    try:
        import matplotlib
    except ImportError:
        raise UserError(
            "the latency plot needs matplotlib: pip install 'assistant[bench]' (or pass --no-plot)"
        ) from None

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows: list[tuple[str, dict[str, float], float]] = []
    seen = list(dict.fromkeys((r["kind"], r["text"]) for r in runs))
    for kind, text in seen:
        for naive in (False, True):
            sel = [r for r in runs if r["text"] == text and r["naive"] == naive and r["ok"]]
            if not sel:
                continue
            med = {k: statistics.median(r["stages"][k] for r in sel) for k, _, _ in STAGES}
            total = statistics.median(r["response_latency_s"] for r in sel)
            rows.append((f"{'naive' if naive else 'fast'} · {text} ({kind})", med, total))
    fig, ax = plt.subplots(figsize=(9, 0.42 * len(rows) + 1.4), dpi=80)
    for y, (_label, med, total) in enumerate(rows):
        left = 0.0
        for key, name, color in STAGES:
            width = max(0.0, med[key])
            ax.barh(y, width, left=left, color=color, label=name if y == 0 else None, height=0.7)
            left += width
        ax.text(left + 0.03, y, f"{total:.2f} s", va="center", fontsize=8)
    ax.set_yticks(range(len(rows)), [r[0] for r in rows], fontsize=8)
    ax.invert_yaxis()
    ax.axvline(0.5, color="#c62828", lw=0.8, ls="--")
    ax.axvline(1.0, color="#6a1b9a", lw=0.8, ls=":")
    ax.set_xlabel("seconds after the last voiced frame (medians; dashed 0.5 s, dotted 1.0 s targets)")
    ax.legend(loc="lower right", fontsize=7, ncol=5)
    ax.set_title("Response latency by stage: fast loop vs naive loop", fontsize=10)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path)
    plt.close(fig)
    return path
