"""`assistant bench`: the latency benchmark (assistant/bench/latency.py) from the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub, common) -> dict:
    p = sub.add_parser("bench", help="latency benchmark: spoken commands through the fast and the naive loop")
    common(p)
    p.add_argument(
        "--commands",
        metavar="FILE|NAME",
        help='the commands: a JSONL file of {"text"|"wav", "intent"} rows, or a named set '
        "(default: 40 drawn from public datasets; classic: the first eight hand-picked ones)",
    )
    p.add_argument(
        "--quick", action="store_true", help='only the rows marked "quick" (12 of the default set)'
    )
    p.add_argument("--repeats", type=int, default=None, help="runs per command and loop (default 1)")
    p.add_argument(
        "--soak", type=int, metavar="N", help="instead: N turns cycling the commands in one session; its peak RSS"
    )
    p.add_argument("--no-naive", action="store_true", help="only the real loop (no naive loop beside it)")
    p.add_argument("--json", metavar="OUT", help="write all measurements as JSON")
    p.add_argument("--plot", metavar="PNG", help="write the latency waterfall (default: next to --json)")
    p.add_argument("--no-plot", action="store_true", help="skip the PNG")
    return {"bench": cmd_bench}


def cmd_bench(args: argparse.Namespace) -> int:
    from ..config import load_config
    from ..errors import UserError
    from .latency import run_bench, table, write_json

    if args.soak is not None:
        return cmd_soak(args)
    if args.repeats is not None and args.repeats < 1:
        raise UserError("--repeats must be at least 1")
    out = Path(args.json) if args.json else None
    if out is not None and out.is_dir():
        raise UserError(f"--json {out} is a folder; give a file name such as bench.json")
    plot = None
    if not args.no_plot:
        plot = Path(args.plot) if args.plot else (out.with_suffix(".png") if out else Path("bench.png"))
    config = load_config(args.config)
    result = run_bench(
        config,
        quick=args.quick,
        repeats=args.repeats,
        plot=plot,
        progress=lambda line: print(line, file=sys.stderr, flush=True),
        config_path=args.config,
        commands=args.commands,
        naive=not args.no_naive,
    )
    print(table(result))
    if out is not None:
        write_json(result, out)
        print(f"wrote {out}" + (f" and {plot}" if plot else ""))
    elif plot is not None:
        print(f"wrote {plot}")
    return 0


def cmd_soak(args: argparse.Namespace) -> int:
    import json

    from ..config import load_config
    from .latency import write_json
    from .soak import run_soak

    result = run_soak(
        load_config(args.config),
        args.soak,
        commands=args.commands,
        quick=args.quick,
        config_path=args.config,
        progress=lambda line: print(line, file=sys.stderr, flush=True),
    )
    print(json.dumps(result, indent=2))
    if args.json:
        write_json(result, Path(args.json))
    return 0
