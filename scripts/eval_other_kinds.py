"""How well `other` names the kind of request it can still answer (assistant/other_kinds.py), and how many
list requests it keeps (assistant/lists.py), on labelled rows.

    python scripts/eval_other_kinds.py ../shared/data/intent-dev/intent_dev.jsonl [--sure 0.3,0.4,0.5]

Takes the rows labelled `other` and reports, per split (calibration: the rows KIND_SURE was chosen on;
held-out: the rest, by the hash `assistant eval intents` uses) and per threshold: of the rows whose
source intent is one of the kinds (CLINC150's spelling, timezone, ...), how many got a kind and how many
the right one; and the rows of every other source intent that got a kind, listed with the answer they
would hear. The baseline beside it: the spelling rule alone (what the router's first step sends to
`other` as a word to spell), on the same rows. Then the list requests: of the rows whose source intent
is a list's (CLINC150's shopping_list, todo_list and their updates; SLURP's lists_*), how many
lists.list_said answers, and every row of another intent it answers (in a temporary data folder).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant import other_kinds  # noqa: E402
from assistant.bench.eval_intents import in_calibration, read_rows  # noqa: E402
from assistant.config import Config  # noqa: E402
from assistant.scheduler import Scheduler  # noqa: E402
from assistant.skill_api import SkillContext  # noqa: E402
from assistant.spelling import letters_counted, word_to_spell  # noqa: E402


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("dev", type=Path)
    p.add_argument("--sure", default=str(other_kinds.KIND_SURE), help="thresholds to compare, comma-separated")
    args = p.parse_args()
    from assistant.brain.embed import default_encoder
    from assistant.routing.head import load_head

    read_rows(args.dev)  # the same checks of the file as `assistant eval intents`
    rows = [json.loads(line) for line in args.dev.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [r for r in rows if r.get("label") == "other"]
    head, encoder = load_head(), default_encoder()
    vectors = encoder.embed([r["text"] for r in rows])
    totals = []
    for r, v in zip(rows, vectors, strict=True):  # each kind's share, once; the thresholds compare them
        shares = head.class_shares(v, r["text"], "other")
        kinds: Counter[str] = Counter()
        for name, share in shares.items():
            if name in other_kinds.KIND_OF:
                kinds[other_kinds.KIND_OF[name]] += share
        totals.append(kinds.most_common(1)[0] if kinds else (None, 0.0))
    ctx = SkillContext(Config(timezone="America/New_York"), lambda: 0.0, Scheduler(), "other",
                       wall_clock=lambda: datetime(2026, 12, 7, 10, 0).astimezone())
    lists_report([json.loads(line) for line in args.dev.read_text(encoding="utf-8").splitlines() if line.strip()])
    for split in ("calibration", "held-out"):
        part = [(r, t) for r, t in zip(rows, totals, strict=True) if in_calibration(r["text"]) == (split == "calibration")]
        truth_rows = [(r, t) for r, t in part if r.get("source_label") in other_kinds.KIND_OF]
        baseline = sum(bool(word_to_spell(r["text"]) or letters_counted(r["text"])) for r, _ in truth_rows)
        print(f"\n## {split}: {len(truth_rows)} rows of the kinds' source intents among {len(part)} `other` rows;"
              f" baseline (the spelling rule alone) answers {baseline}\n")
        print("| KIND_SURE | given a kind | the right kind | rows of other intents given a kind |\n|---|---|---|---|")
        for sure in (float(s) for s in args.sure.split(",")):
            given = [(r, k) for r, (k, s) in truth_rows if k is not None and s >= sure]
            right = [(r, k) for r, k in given if other_kinds.KIND_OF[r["source_label"]] == k]
            wrong = [(r, k) for r, (k, s) in part if r.get("source_label") not in other_kinds.KIND_OF and k is not None and s >= sure]
            print(f"| {sure} | {len(given)} | {len(right)} | {len(wrong)} |")
            per = Counter(other_kinds.KIND_OF[r["source_label"]] for r, _ in right)
            print("|  | per kind (right / rows) | " + ", ".join(
                f"{k} {per[k]}/{sum(other_kinds.KIND_OF[r['source_label']] == k for r, _ in truth_rows)}"
                for k in sorted(set(other_kinds.KIND_OF.values()))) + " | |")
            for r, k in wrong:
                ctx.state.clear()  # each row is a new user: no name kept from another row
                said = other_kinds.kind_said(k, " ".join(r["text"].lower().split()), ctx) or "(no answer of the kind)"
                print(f"|  | | | {r['text']!r} ({r['source_label']}) -> {k}: {said[:90]!r} |")


LIST_INTENTS = {"shopping_list", "shopping_list_update", "todo_list", "todo_list_update",
                "lists_createoradd", "lists_query", "lists_remove"}


def lists_report(rows: list[dict]) -> None:
    import os
    import tempfile

    from assistant.lists import list_said

    os.environ["ASSISTANT_DATA_DIR"] = tempfile.mkdtemp(prefix="eval-lists-")
    answered: Counter[str] = Counter()
    total: Counter[str] = Counter()
    wrong = []
    for r in rows:
        words = " ".join(r["text"].lower().strip(".!?").split())
        said = list_said(words, {})
        source = str(r.get("source_label"))
        if source in LIST_INTENTS:
            total[source] += 1
            answered[source] += said is not None
        elif said is not None:
            wrong.append((r["text"], r["label"], source, said))
    print(f"\n## lists: {sum(answered.values())} of {sum(total.values())} list requests answered; "
          f"{len(wrong)} rows of other intents answered\n")
    print("| source intent | rows | answered |\n|---|---|---|")
    for k in sorted(total):
        print(f"| {k} | {total[k]} | {answered[k]} |")
    for text, label, source, said in wrong:
        print(f"- {text!r} ({label}, {source}) -> {said[:80]!r}")


if __name__ == "__main__":
    main()
