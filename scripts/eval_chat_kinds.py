"""How well the chit-chat skill names the kind of small talk (assistant/chat_kinds.py) on labelled rows.

    python scripts/eval_chat_kinds.py ../shared/data/intent-dev/intent_dev.jsonl

Takes the rows labelled chitchat whose source intent is one of the head's kinds (CLINC150's
are_you_a_bot, how_old_are_you, ...) and reports, per split (calibration: the rows KIND_SURE was chosen
on; held-out: the rest, by the hash `assistant eval intents` uses), how many got a kind's answer and how
many of those were the right kind, per kind; and how many of the other chit-chat rows (SLURP's
general_quirky: odd questions of every sort) got a kind's answer, with each one, to read. The baseline
beside it: the regexes of chat_stock.py alone, on the same rows.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.bench.eval_intents import in_calibration, read_rows  # noqa: E402
from assistant.chat_kinds import KIND_SURE, SAME_KIND, chat_kind  # noqa: E402


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("dev", type=Path)
    args = p.parse_args()
    from assistant.skills.chitchat import handler  # the regex baseline: chat_stock's table

    rows = [json.loads(line) for line in args.dev.read_text(encoding="utf-8").splitlines() if line.strip()]
    read_rows(args.dev)  # the same checks of the file as `assistant eval intents`
    rows = [r for r in rows if r.get("label") == "chitchat"]
    for split in ("calibration", "held-out"):
        part = [r for r in rows if in_calibration(r["text"]) == (split == "calibration")]
        kinds, others = Counter(), []
        per: dict[str, list[int]] = {}
        stock = 0
        for r in part:
            kind, share = chat_kind(r["text"])
            truth = SAME_KIND.get(str(r.get("source_label")), str(r.get("source_label")))
            if str(r.get("source", "")).startswith("clinc150"):
                seen = per.setdefault(truth, [0, 0, 0])
                seen[0] += 1
                seen[1] += kind is not None
                seen[2] += kind == truth or (truth, kind) == ("greeting", "how_are_you")  # "how's it going": a greeting
                stock += handler.stock_answer(r["text"], "en", "x") is not None
            elif kind is not None:
                others.append((r["text"], kind, share))
            kinds[kind] += 1
        n, fired, right = (sum(v[i] for v in per.values()) for i in range(3))
        print(f"\n## {split} (KIND_SURE {KIND_SURE})\n")
        print(f"CLINC chit-chat rows: {n}; a kind's answer {fired} ({fired / max(n, 1):.1%}), the right kind {right} of them"
              f" ({right / max(fired, 1):.1%}); baseline, chat_stock's regexes alone: {stock} answered ({stock / max(n, 1):.1%})\n")
        print("| kind | rows | answered | right |\n|---|---|---|---|")
        for k, (a, b, c) in sorted(per.items()):
            print(f"| {k} | {a} | {b} | {c} |")
        rest = len([r for r in part if not str(r.get("source", "")).startswith("clinc150")])
        print(f"\nother chit-chat rows (SLURP): {rest}; a kind's answer {len(others)}:")
        for text, kind, share in others:
            print(f"- {text!r} -> {kind} ({share:.2f})")


if __name__ == "__main__":
    main()
