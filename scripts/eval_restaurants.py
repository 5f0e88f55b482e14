"""Evaluate restaurant lookup on a real OpenStreetMap extract (default: ../shared/data/osm-dev, Liechtenstein
2013, ODbL): import it, then run a dozen spoken-style queries through the template router and the skill,
and print what each finds. Each query lists the places a person checking the map would expect among the
spoken top three (checked by hand against the extract); the script reports how many it got.

    python scripts/eval_restaurants.py [--osm FILE] [--home PLACE] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.config import Config  # noqa: E402
from assistant.dialogue.conversation import Conversation  # noqa: E402
from assistant.places.osm_import import import_osm  # noqa: E402
from assistant.plugins import discover_skills  # noqa: E402
from assistant.routing.router import Router  # noqa: E402
from assistant.scheduler import Scheduler  # noqa: E402
from assistant.skill_context import SkillContext  # noqa: E402

DEFAULT_OSM = ROOT.parent / "shared" / "data" / "osm-dev" / "liechtenstein-2013-08-03.osm.pbf"
# (query, names expected among the spoken top three, or "@place" for the place the search centres on;
# empty = expect an honest "none found" or no particular place)
QUERIES = [
    ("find a pizza place near schaan", ["Pizzeria Amici", "UNIKUM"]),
    ("any thai food nearby", ["Thai"]),
    ("find an italian restaurant nearby", ["Restaurant Da Dona"]),
    ("cafes in schaan", ["La Golosa", "Demmel Kaffee AG"]),
    ("fast food near vaduz", ["McDonald's"]),
    ("find me a cheap kebab place", ["Düner", "Troya"]),
    ("where is the restaurant called adler", ["Gasthof Adler"]),
    ("is the restaurant called torkel open", ["Torkel"]),
    ("burger places near triesen", ["McDonald's"]),
    ("restaurants near the station", ["@Schaan-Vaduz"]),  # "@": the search must centre on this place
    ("find a greek restaurant near vaduz", ["Olympia", "Zeus"]),
    ("any cheap thai places near the station open now", []),  # no hours in this 2013 extract
    ("regional restaurants near schaan", ["Pur", "Restaurant Rössle"]),
    ("is there a sushi place nearby", []),
]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--osm", default=str(DEFAULT_OSM))
    ap.add_argument("--home", default="Vaduz")
    ap.add_argument("--json", metavar="OUT", help="write per-query results as JSON")
    args = ap.parse_args()
    if not Path(args.osm).is_file():
        print(f"error: {args.osm} does not exist; pass --osm FILE", file=sys.stderr)
        return 2
    db = Path(tempfile.mkdtemp()) / "eval.sqlite"
    t0 = time.perf_counter()
    stats = import_osm(args.osm, db, progress=False)
    import_s = time.perf_counter() - t0
    print(
        f"import: {stats.pois} places to eat, {stats.places} place names, {import_s:.2f} s ({Path(args.osm).name})"
    )
    config = Config.model_validate(
        {"restaurants": {"db": str(db), "home": args.home}, "llm": {"enabled": False}}
    )
    skills = discover_skills(config)
    router = Router(skills)
    sched = Scheduler()
    when = datetime(2024, 5, 15, 12, 30)
    conv = Conversation(
        skills, router, lambda n: SkillContext(config, lambda: 0.0, sched, n, {}, None, lambda: when)
    )
    rows, hits, expected_total, routed = [], 0, 0, 0
    for text, expect in QUERIES:
        t = time.perf_counter()
        turn = conv.respond(text)
        ms = (time.perf_counter() - t) * 1000
        card = turn.reply.card or {}
        found = [r["name"] for r in card.get("results", [])][:3]
        ok_route = turn.intent.name == "find_restaurant"
        routed += ok_route
        origin = "@" + card.get("origin", {}).get("name", "")
        got = [e for e in expect if e in found or e == origin]
        hits += len(got)
        expected_total += len(expect)
        rows.append(
            {
                "query": text,
                "args": turn.intent.args,
                "top3": found,
                "total": card.get("total"),
                "expected": expect,
                "found_expected": got,
                "reply": turn.reply.text,
                "ms": round(ms, 1),
            }
        )
        mark = "ok " if len(got) == len(expect) and ok_route else "MISS"
        print(f"[{mark}] {text!r} -> {turn.intent.args}\n       {turn.reply.text}  ({ms:.0f} ms)")
    print(
        f"\nrouted to find_restaurant: {routed}/{len(QUERIES)}; expected places in the spoken top three: "
        f"{hits}/{expected_total}"
    )
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
