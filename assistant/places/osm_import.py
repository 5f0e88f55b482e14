"""`assistant restaurants import FILE`: places to eat and drink and named places from an OpenStreetMap extract
(.osm.pbf, .osm, .osm.bz2) into SQLite, with osmium. The database is built beside the target and
renamed over it at the end, so an interrupted import leaves the old one intact."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import osmium
from tqdm import tqdm

from ..errors import UserError

# places to eat and drink (amenity=*): what find_restaurant searches; the kinds a search names are
# places.search.KIND_GROUPS
FOOD = ("restaurant", "fast_food", "cafe", "bar", "pub", "biergarten", "ice_cream")
PLACE_KINDS = {
    "city",
    "town",
    "village",
    "hamlet",
    "suburb",
    "neighbourhood",
    "quarter",
    "square",
    "locality",
}
STATION_TAGS = {
    ("railway", "station"),
    ("railway", "halt"),
    ("public_transport", "station"),
    ("amenity", "bus_station"),
}
SUFFIXES = (".osm.pbf", ".pbf", ".osm", ".osm.bz2", ".osm.gz", ".osm.xml")

SCHEMA = """
CREATE TABLE pois (
    osm_id TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT, cuisine TEXT, lat REAL NOT NULL, lon REAL NOT NULL,
    street TEXT, housenumber TEXT, postcode TEXT, city TEXT, opening_hours TEXT, phone TEXT, website TEXT,
    price TEXT, tags TEXT
);
CREATE TABLE places (osm_id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, lat REAL, lon REAL);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE INDEX pois_kind ON pois(kind);
CREATE INDEX places_name ON places(name COLLATE NOCASE);
"""


@dataclass(frozen=True)
class ImportStats:
    pois: int
    places: int
    objects: int
    path: Path


def price_hint(tags: dict[str, str], kind: str, cuisine: str) -> str | None:
    """OSM has no one price tag: read the common ones, else guess cheap for fast food and snack cuisines."""
    for key in ("price_range", "price:range", "price"):
        value = tags.get(key, "")
        if value.count("$") or value.count("€"):
            n = max(value.count("$"), value.count("€"))
            return "cheap" if n <= 1 else "expensive" if n >= 3 else "moderate"
        if value.lower() in ("cheap", "low", "budget", "inexpensive"):
            return "cheap"
        if value.lower() in ("expensive", "high", "upscale"):
            return "expensive"
    cuisines = set(cuisine.split(";")) if cuisine else set()
    if cuisines & {"fine_dining", "gourmet"} or tags.get("michelin") or tags.get("stars"):
        return "expensive"
    if kind in ("fast_food", "cafe") or cuisines & {
        "kebab",
        "pizza",
        "burger",
        "sandwich",
        "noodle",
        "snack",
    }:
        return "cheap"
    return None


def _centre(obj) -> tuple[float, float] | None:
    if isinstance(obj, osmium.osm.Node):
        loc = obj.location
        return (loc.lat, loc.lon) if loc.valid() else None
    if isinstance(obj, osmium.osm.Way):
        pts = [(n.location.lat, n.location.lon) for n in obj.nodes if n.location.valid()]
        if not pts:
            return None
        return (sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts))
    return None


def _poi_row(oid: str, tags: dict[str, str], at: tuple[float, float]) -> tuple:
    kind = tags["amenity"]
    cuisine = tags.get("cuisine", "").lower().replace(" ", "_")
    return (
        oid,
        kind,
        tags.get("name"),
        cuisine or None,
        at[0],
        at[1],
        tags.get("addr:street"),
        tags.get("addr:housenumber"),
        tags.get("addr:postcode"),
        tags.get("addr:city"),
        tags.get("opening_hours"),
        tags.get("phone") or tags.get("contact:phone"),
        tags.get("website") or tags.get("contact:website"),
        price_hint(tags, kind, cuisine),
        json.dumps(tags, ensure_ascii=False),
    )


def _place_kind(tags: dict[str, str]) -> str | None:
    if tags.get("place") in PLACE_KINDS:
        return tags["place"]
    if tags.get("amenity") == "bus_station":
        return "bus_station"  # "the station" means the railway one
    if tags.get("railway") in ("station", "halt") or tags.get("train") == "yes":
        return "station"
    if any(tags.get(k) == v for k, v in STATION_TAGS):
        # a public_transport=station without rails (bus, tram, ferry) is not "the station"
        return "bus_station" if tags.get("bus") == "yes" else "transit_station"
    return None


def _objects(path: Path) -> Iterable:
    fp = (
        osmium.FileProcessor(str(path))
        .with_locations()
        .with_filter(osmium.filter.KeyFilter("amenity", "place", "railway", "public_transport"))
    )
    return fp


def import_osm(src: str | Path, db: str | Path, progress: bool = True) -> ImportStats:
    src, db = Path(src), Path(db)
    if not src.is_file():
        raise UserError(f"{src} does not exist; give an OpenStreetMap extract (.osm.pbf, .osm or .osm.bz2)")
    if not src.name.lower().endswith(SUFFIXES):
        raise UserError(f"{src.name} is not an OpenStreetMap file; use .osm.pbf, .osm or .osm.bz2")
    db.parent.mkdir(parents=True, exist_ok=True)
    tmp = db.with_name(db.name + ".importing")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    pois = places = count = 0
    try:
        con.executescript(SCHEMA)
        bar = tqdm(desc=f"reading {src.name}", unit=" objects", disable=not progress, unit_scale=True)
        for obj in _objects(src):
            count += 1
            if count % 1000 == 0:
                bar.update(1000)
            if isinstance(obj, osmium.osm.Relation):
                continue
            tags = {t.k: t.v for t in obj.tags}
            kind = tags.get("amenity")
            at = None
            if kind in FOOD or _place_kind(tags):
                at = _centre(obj)
            if at is None:
                continue
            oid = f"{obj.type_str()}{obj.id}"
            if kind in FOOD:
                con.execute(
                    "INSERT OR REPLACE INTO pois VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    _poi_row(oid, tags, at),
                )
                pois += 1
            place = _place_kind(tags)
            if place and tags.get("name"):
                con.execute(
                    "INSERT OR REPLACE INTO places VALUES (?,?,?,?,?)", (oid, tags["name"], place, *at)
                )
                places += 1
        bar.update(count % 1000)
        bar.close()
        con.executemany(
            "INSERT INTO meta VALUES (?,?)", [("source", str(src.resolve())), ("objects", str(count))]
        )
        con.commit()
    except RuntimeError as exc:  # osmium's parse errors
        con.close()
        tmp.unlink(missing_ok=True)
        raise UserError(f"cannot read {src}: {exc}") from None
    except BaseException:
        con.close()
        tmp.unlink(missing_ok=True)
        raise
    con.close()
    os.replace(tmp, db)
    return ImportStats(pois, places, count, db)
