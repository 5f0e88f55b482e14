"""Chit-chat replies as a person would read them: every chitchat row of an intent file through the real
chitchat skill and the real language model, counting the replies that

- open with a joke lead-in ("Here's one") where no joke was asked, or a second one where a joke was,
- repeat a sentence verbatim,
- contain letters of a script other than the configured language's (e.g. Chinese in an English reply),
- speak as a program ("as an AI language model", "as a virtual assistant") anywhere in the reply,
- recite the persona's instructions: four words in a row of its sentences from "Reply like a person"
  on ("a kind, simple opinion", "one or two short spoken sentences"), which are rules, not things to say.

A joke counts as asked when the row's source label is a joke intent (tell_joke, general_joke) or the text
asks for one (joke, funny). Sampling is seeded per row, so two runs of the same code see the same draws.

    python scripts/eval_chitchat.py ../shared/data/intent-dev/intent_dev.jsonl [--limit N] [--out FILE]
    python scripts/eval_chitchat.py --rescore FILE [--limit N]   # counts of a saved --out file, no model
    python scripts/eval_chitchat.py --rescore FILE --clean       # the saved replies through today's
                                                                 # cleaning, one character at a time
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.brain.llm import load_language_model  # noqa: E402
from assistant.brain.script import foreign_letters  # noqa: E402
from assistant.config import load_config  # noqa: E402
from assistant.loading import loaded  # noqa: E402
from assistant.plugins import discover_skills  # noqa: E402
from assistant.scheduler import Scheduler  # noqa: E402
from assistant.skill_context import SkillContext  # noqa: E402

JOKE_LABELS = {"tell_joke", "general_joke"}
JOKE_WORDS = re.compile(r"\b(joke|jokes|funny)\b", re.I)
# a joke's lead-in anywhere: the model also wrote "Sure, here's one:", "Here's one" mid-reply and "Sure,
# here's a fun one:" (broader than the handler's own pattern, so that the two are not the same test)
LEAD_IN = re.compile(
    r"\bhere('s|’s| is) ((one|an?|another|something)\b[^.!?:]{0,30}?)?\b(jokes?|one|puns?|riddle|fun|funny)\b", re.I
)
SENTENCE = re.compile(r"[^.!?]+[.!?]*")
# anywhere, and wider than the handler's own pattern (which takes such a phrase off a sentence's start)
AS_A_PROGRAM = re.compile(
    r"\bas an? (ai|artificial intelligence|(ai |large )?language model|(virtual|digital|ai|voice) assistant)\b", re.I
)


def repeated_sentence(text: str) -> str | None:
    seen = set()
    for s in SENTENCE.findall(text):
        key = " ".join(s.lower().split())
        if len(key) < 2:
            continue
        if key in seen:
            return s.strip()
        seen.add(key)
    return None


def _runs(text: str, n: int = 4) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z']+", text.lower())
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def persona_rules() -> set[tuple[str, ...]]:
    prompt = discover_skills(load_config(None, {}))["chitchat"].manifest.system_prompt
    return _runs(prompt[prompt.index("Reply like a person") :])


RULES: set[tuple[str, ...]] = set()


def findings(row: dict, text: str, language: str) -> dict:
    if not RULES:
        RULES.update(persona_rules())
    joke = row.get("source_label") in JOKE_LABELS or bool(JOKE_WORDS.search(row["text"]))
    joke = bool(row.get("joke_asked", joke))  # a saved row keeps what was decided when it was written
    return {
        "joke_asked": joke,
        "lead_in": bool(LEAD_IN.search(text)) and not joke,
        "second_lead_in": joke and len(LEAD_IN.findall(text)) > 1,  # the handler says the first one
        "repeated": repeated_sentence(text),
        "script": foreign_letters(text, language),
        "empty": not text.strip(),
        "as_a_program": bool(AS_A_PROGRAM.search(text)),
        "recites_persona": bool(_runs(text) & RULES),
    }


def report(found: list[dict], language: str, model: str) -> None:
    n = len(found)
    print(f"chitchat rows: {n}  language: {language}  model: {model}")
    for k in ("lead_in", "second_lead_in", "repeated", "script", "empty", "as_a_program", "recites_persona"):
        v = sum(bool(f[k]) for f in found)
        print(f"  {k:12s} {v:4d}  ({100 * v / max(n, 1):.1f}%)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", nargs="?", help="intent JSONL (text, label, source_label)")
    ap.add_argument("--rescore", metavar="FILE", help="count the findings of a saved --out file again")
    ap.add_argument("--language", default="en", help="with --rescore: the configured language")
    ap.add_argument(
        "--clean", action="store_true", help="with --rescore: pass the replies through the skill's cleaning"
    )
    ap.add_argument("--config", help="assistant config TOML (language, [llm])")
    ap.add_argument("--limit", type=int, default=0, help="only the first N chitchat rows")
    ap.add_argument("--out", help="write every reply with its findings to this JSONL file")
    ap.add_argument("--threads", type=int, default=0, help="language model threads (default: all cores)")
    a = ap.parse_args()
    if a.rescore:
        saved = [json.loads(line) for line in Path(a.rescore).open(encoding="utf-8") if line.strip()]
        saved = saved[: a.limit] if a.limit else saved
        if a.clean:
            skill = discover_skills(load_config(None, {}))["chitchat"]
            clean = sys.modules[skill.handle.__module__].clean  # type: ignore[attr-defined]
            for r in saved:  # streamed as the smallest pieces, the hardest case for the cleaning
                r["reply"] = "".join(clean(list(r["reply"]), a.language))
        report([findings(r, r["reply"], a.language) for r in saved], a.language, a.rescore)
        return 0
    if not a.data:
        print("give an intent JSONL file (or --rescore FILE)", file=sys.stderr)
        return 2
    path = Path(a.data)
    if not path.is_file():
        print(f"{path} does not exist; give an intent JSONL file such as intent_dev.jsonl", file=sys.stderr)
        return 2
    rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    rows = [r for r in rows if r.get("label") == "chitchat"]
    if a.limit:
        rows = rows[: a.limit]
    overrides: dict = {"llm.enabled": True}
    if a.threads:
        overrides["llm.threads"] = a.threads
    config = load_config(a.config, overrides)
    skill = discover_skills(config)["chitchat"]
    llm = load_language_model(config)
    llm.remember_prefix(skill.manifest.system_prompt) if hasattr(llm, "remember_prefix") else None
    results: list[dict] = []
    seconds = []
    out = Path(a.out).open("w", encoding="utf-8") if a.out else None
    for i, row in enumerate(rows):
        raw = getattr(llm, "llama", None)
        if raw is not None:
            raw.set_seed(1000 + i)
        ctx = SkillContext(
            config,
            time.monotonic,
            Scheduler(),
            "chitchat",
            {},
            loaded(llm),
            utterance=row["text"],
            manifest=skill.manifest,
        )
        t0 = time.perf_counter()
        reply = asyncio.run(skill.handle({}, ctx))
        text = reply.text + "".join(reply.stream or [])
        seconds.append(time.perf_counter() - t0)
        found = findings(row, text, config.language)
        results.append(found)
        if out:
            out.write(
                json.dumps(
                    {"text": row["text"], "source_label": row.get("source_label"), "reply": text, **found},
                    ensure_ascii=False,
                )
                + "\n"
            )
            out.flush()
    n = len(rows)
    report(results, config.language, getattr(llm, "name", "?"))
    if seconds:
        ranked = sorted(seconds)
        p50, p90, p95 = (ranked[int(q * (n - 1))] for q in (0.5, 0.9, 0.95))
        print(
            f"  seconds per reply: mean {statistics.mean(seconds):.2f}, p50 {p50:.2f}, p90 {p90:.2f}, p95 {p95:.2f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
