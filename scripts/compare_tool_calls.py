"""Same rows, both ways of writing a tool call: tool_decode (asks the model only at the call's choices)
against greedy generation under the JSON-schema grammar. Prints agreement, accuracy and time per call.

    .venv/bin/python scripts/compare_tool_calls.py out/eval-heldout.jsonl

The input is `assistant eval intents --out` output; the rows the language model decided are replayed.
"""

from __future__ import annotations

import json
import statistics
import sys
import time

from assistant.config import load_config
from assistant.runtime import load_runtime


def main(path: str) -> None:
    rows = [json.loads(line) for line in open(path, encoding="utf-8")]
    rows = [r for r in rows if r["llm"]]
    rt = load_runtime(load_config(None), audio=False, speech=False)
    rt.wait_ready()
    router = rt.router.fallback.get()  # the LlmRouter
    result = {}
    for direct in (True, False):
        router.direct_tool_call = direct
        out = []
        for r in rows:
            start = time.perf_counter()
            intent = router.route(r["text"])
            out.append((intent.name, intent.args, time.perf_counter() - start, intent.name == r["label"]))
        result[direct] = out
        secs = [o[2] for o in out]
        print(
            f"{'tool_decode' if direct else 'grammar    '}: {sum(o[3] for o in out)}/{len(out)} correct, "
            f"median {statistics.median(secs):.3f} s, p95 {sorted(secs)[int(0.95 * len(secs))]:.3f} s"
        )
    same = sum(a[:2] == b[:2] for a, b in zip(result[True], result[False], strict=True))
    print(f"same tool and arguments: {same}/{len(rows)}")
    for r, a, b in zip(rows, result[True], result[False], strict=True):
        if a[:2] != b[:2]:
            print(f"  {r['text']!r} ({r['label']}): tool_decode {a[0]} {a[1]} | grammar {b[0]} {b[1]}")


if __name__ == "__main__":
    main(sys.argv[1])
