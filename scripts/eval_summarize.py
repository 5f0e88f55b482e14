"""ROUGE of the summarize skill's extractive summarizer (and optionally the LLM path) against lead-N
baselines in the same run.

Data: a JSONL file of {"article": ..., "summary": ...} (--data), or by default a set built offline from
the package registry: the installed PyPI distributions' metadata, where each package's long description
(its README, written by its authors) is the article and its one-line `Summary` field (written by the same
authors) is the reference summary. Licences differ per package and are printed with --list; the texts stay
on this machine. References are single sentences, so ROUGE is reported for 1-sentence and 3-sentence
outputs.

    python scripts/eval_summarize.py [--data FILE.jsonl] [--limit N] [--llm N] [--list]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rouge_score import rouge_scorer  # noqa: E402

from assistant.textsum.extractive import lead, sentences, summarize_extractive  # noqa: E402
from assistant.textsum.sources import markdown_text  # noqa: E402


def pypi_metadata_set(min_words: int = 150) -> list[dict]:
    rows, seen = [], set()
    for dist in metadata.distributions():
        meta = dist.metadata
        name = meta.get("Name") or ""
        if not name or name.lower() in seen:
            continue
        seen.add(name.lower())
        summary = (meta.get("Summary") or "").strip()
        body = dist.metadata.get_payload() or meta.get("Description") or ""  # type: ignore[attr-defined]
        text = markdown_text(str(body))
        if len(summary.split()) < 5 or len(text.split()) < min_words or len(sentences(text)) < 5:
            continue
        licence = meta.get("License-Expression") or meta.get("License") or ""
        if not licence or len(licence) > 60:
            licence = next(
                (c.split("::")[-1].strip() for c in meta.get_all("Classifier") or [] if "License" in c), "?"
            )
        rows.append({"id": name, "article": text, "summary": summary, "license": licence})
    return sorted(rows, key=lambda r: r["id"].lower())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", help='JSONL with "article" and "summary" per line')
    ap.add_argument("--limit", type=int, default=0, help="use the first N documents")
    ap.add_argument("--llm", type=int, default=0, metavar="N", help="also run the LLM path on the first N")
    ap.add_argument("--list", action="store_true", help="print the documents used, with licences")
    args = ap.parse_args()
    if args.data:
        p = Path(args.data)
        if not p.is_file():
            print(f"error: {p} does not exist", file=sys.stderr)
            return 2
        rows = [json.loads(line) for line in p.read_text().splitlines() if line.strip()]
        source = str(p)
    else:
        rows = pypi_metadata_set()
        source = f"installed PyPI distributions' metadata ({sys.prefix})"
    if args.limit:
        rows = rows[: args.limit]
    if not rows:
        print("error: no documents to evaluate", file=sys.stderr)
        return 2
    if args.list:
        for r in rows:
            print(f"{r.get('id', '?')}\t{r.get('license', '?')}\t{len(r['article'].split())} words")
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    systems = {
        "lead-1": lambda t: " ".join(lead(t, 1)),
        "extractive-1 (ours)": lambda t: " ".join(summarize_extractive(t, 1)),
        "lead-3": lambda t: " ".join(lead(t, 3)),
        "extractive-3 (ours)": lambda t: " ".join(summarize_extractive(t, 3)),
    }
    scores: dict[str, dict[str, list[float]]] = {
        s: {"rouge1": [], "rouge2": [], "rougeL": []} for s in systems
    }
    timing: dict[str, float] = {s: 0.0 for s in systems}
    for r in rows:
        for name, fn in systems.items():
            t = time.perf_counter()
            out = fn(r["article"])
            timing[name] += time.perf_counter() - t
            for k, v in scorer.score(r["summary"], out).items():
                scores[name][k].append(v.fmeasure)
    llm_rows = []
    if args.llm:
        from assistant.brain.llm import load_language_model
        from assistant.config import load_config
        from assistant.textsum.abstractive import summarize_llm

        model = load_language_model(load_config())
        used = {"rouge1": [], "rouge2": [], "rougeL": []}
        base = {"rouge1": [], "rouge2": [], "rougeL": []}
        kept = 0
        for r in rows[: args.llm]:
            out = summarize_llm(model, r["article"])
            kept += out is not None
            final = out or " ".join(summarize_extractive(r["article"], 3))
            for k, v in scorer.score(r["summary"], final).items():
                used[k].append(v.fmeasure)
            for k, v in scorer.score(r["summary"], " ".join(lead(r["article"], 3))).items():
                base[k].append(v.fmeasure)
        llm_rows = [("LLM path (fallback to extractive-3)", used), ("lead-3 on the same docs", base)]
        print(f"LLM summaries kept (not copies, grounded): {kept}/{min(args.llm, len(rows))}")
    print(f"data: {source}; {len(rows)} documents")
    print("| system | ROUGE-1 F | ROUGE-2 F | ROUGE-L F | ms/doc |")
    print("|---|---|---|---|---|")
    for name in systems:
        m = {k: statistics.mean(v) for k, v in scores[name].items()}
        print(
            f"| {name} | {m['rouge1']:.3f} | {m['rouge2']:.3f} | {m['rougeL']:.3f} | {1000 * timing[name] / len(rows):.1f} |"
        )
    for name, sc in llm_rows:
        m = {k: statistics.mean(v) for k, v in sc.items()}
        print(
            f"| {name} ({len(sc['rouge1'])} docs) | {m['rouge1']:.3f} | {m['rouge2']:.3f} | {m['rougeL']:.3f} | |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
