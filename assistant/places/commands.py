"""`assistant restaurants import FILE`: build the restaurant database from an OpenStreetMap extract."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub, common) -> dict:
    p = sub.add_parser("restaurants", help="offline restaurant data from OpenStreetMap")
    common(p)
    rsub = p.add_subparsers(dest="restaurants_command", required=True)
    imp = rsub.add_parser("import", help="import restaurants and place names from .osm.pbf/.osm/.osm.bz2")
    common(imp)
    imp.add_argument("file", help="an OpenStreetMap extract")
    imp.add_argument("--db", metavar="FILE", help="SQLite output (default: [restaurants] db)")
    imp.add_argument("--quiet", action="store_true", help="no progress bar")
    return {"restaurants": cmd_restaurants}


def cmd_restaurants(args: argparse.Namespace) -> int:
    from ..config import load_config
    from .osm_import import import_osm
    from .settings import restaurant_settings

    config = load_config(args.config)
    db = Path(args.db) if args.db else restaurant_settings(config.restaurants).db_path
    stats = import_osm(args.file, db, progress=not args.quiet)
    print(f"imported {stats.pois} places to eat or drink and {stats.places} place names into {stats.path}")
    return 0
