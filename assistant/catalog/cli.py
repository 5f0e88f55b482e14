"""`assistant models list|pull|verify|use` (`assistant doctor` is assistant/doctor.py)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..errors import UserError
from .entries import CatalogEntry, find, load_catalog
from .store import Store


def store_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--catalog", action="append", metavar="FILE", help="an extra catalogue file (YAML)")
    p.add_argument("--models-dir", metavar="DIR", help="where models go (default: models/ in the download folder)")
    p.add_argument("--voices-dir", metavar="DIR", help="where Piper voices go (default: voices/ in the download folder)")


def register(sub, common) -> dict:
    models = sub.add_parser("models", help="list, download, verify and choose models")
    common(models)
    msub = models.add_subparsers(dest="models_command", required=True)

    p = msub.add_parser("list", help="the catalogue and what is installed")
    common(p)
    store_args(p)
    p.add_argument("--json", action="store_true")
    p.add_argument("--kind", choices=["asr", "voice", "llm"])

    p = msub.add_parser("pull", help="download, check and install a model")
    common(p)
    store_args(p)
    p.add_argument("name")
    p.add_argument("--force", action="store_true", help="download and replace even if installed")
    p.add_argument("--retries", type=int, default=3, help="resume a dropped transfer this many times")
    p.add_argument("--no-progress", action="store_true")

    p = msub.add_parser("verify", help="check installed models against their pinned sizes and hashes")
    common(p)
    store_args(p)
    p.add_argument("names", nargs="*", help="default: every installed model and the registry defaults")
    p.add_argument("--json", action="store_true")

    p = msub.add_parser("use", help="write a model choice into the config file")
    common(p)
    store_args(p)
    p.add_argument("name")

    return {"models": cmd_models}


def store_from_args(args: argparse.Namespace, progress: bool = True) -> Store:
    return Store(
        Path(args.models_dir) if args.models_dir else None,
        Path(args.voices_dir) if args.voices_dir else None,
        progress=progress and sys.stderr.isatty(),
    )


def _size(n: int | None) -> str:
    if n is None:
        return "?"
    return f"{n / 1e9:.2f} GB" if n >= 1e9 else f"{n / 1e6:.0f} MB"


def cmd_models(args: argparse.Namespace) -> int:
    catalog = load_catalog(args.catalog)
    return {"list": _list, "pull": _pull, "verify": _verify, "use": _use}[args.models_command](args, catalog)


def _list(args: argparse.Namespace, catalog: dict[str, CatalogEntry]) -> int:
    store = store_from_args(args)
    rows = []
    for e in catalog.values():
        if args.kind and e.kind != args.kind:
            continue
        installed = store.path(e)
        rows.append(
            {
                "name": e.name,
                "kind": e.kind,
                "engine": e.engine,
                "languages": list(e.languages),
                "size": e.size,
                "check": e.check,
                "source": f"pip install {e.registry.pip}" if e.registry else "download",
                "installed": str(installed) if installed else None,
                "title": e.title,
            }
        )
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return 0
    print(f"{'name':30} {'kind':5} {'lang':11} {'size':>8}  {'check':9}  {'installed':9}  title")
    for r in rows:
        mark = "yes" if r["installed"] else "-"
        lang = ",".join(r["languages"])
        print(
            f"{r['name']:30} {r['kind']:5} {lang:11} {_size(r['size']):>8}  {r['check']:9}  {mark:9}  {r['title']}"
        )
    return 0


def _pull(args: argparse.Namespace, catalog: dict[str, CatalogEntry]) -> int:
    entry = find(catalog, args.name)
    store = store_from_args(args, progress=not args.no_progress)
    if entry.downloadable:
        print(f"pulling {entry.name} ({_size(entry.size)}, checked by {entry.check})", file=sys.stderr)
    check = store.pull(entry, force=args.force, retries=max(0, args.retries))
    print(f"{entry.name}: {check.detail} -> {check.path}")
    if entry.check == "size-only":
        print(
            f"note: no published hash for {entry.name}; the sha256 seen now is recorded and held to from now on"
        )
    return 0 if check.ok else 1


def _verify(args: argparse.Namespace, catalog: dict[str, CatalogEntry]) -> int:
    store = store_from_args(args)
    if args.names:
        entries = [find(catalog, n) for n in args.names]
    else:  # what is on this machine, plus the registry defaults (missing ones are reported)
        entries = [e for e in catalog.values() if e.registry is not None or store.path(e) is not None]
    checks = [store.verify(e) for e in entries]
    if args.json:
        print(json.dumps([{**c.__dict__, "path": str(c.path) if c.path else None} for c in checks], indent=1))
    else:
        for c in checks:
            line = f"{'OK ' if c.ok else 'BAD'} {c.name:30} {c.detail}"
            print(line + (f"  -> fix: {c.fix}" if c.fix else ""))
    bad = [c for c in checks if not c.ok and (args.names or c.status != "missing")]
    return 1 if bad else 0


def _use(args: argparse.Namespace, catalog: dict[str, CatalogEntry]) -> int:
    from .choose import settings_for, write_settings

    if not args.config:
        raise UserError(
            f"say which config file to write: assistant models use {args.name} --config ~/.config/assistant/config.toml"
        )
    entry = find(catalog, args.name)
    store = store_from_args(args)
    check = store.verify(entry)
    if not check.ok:
        raise UserError(f"{entry.name} is {check.status} ({check.detail}); fix it first: {check.fix}")
    settings = settings_for(entry, store)
    write_settings(Path(args.config), settings)
    shown = ", ".join(f"{k} = {v!r}" if v is not None else f"{k} removed" for k, v in settings.items())
    print(f"{args.config}: {shown}")
    return 0
