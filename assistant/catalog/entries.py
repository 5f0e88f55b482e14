"""The model catalogue as frozen dataclasses, loaded from catalog.yaml (and any extra catalogue files
a user passes with --catalog, same schema)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml

from ..errors import UserError
from ..yamlfile import parse_yaml

BUILTIN_CATALOG = Path(__file__).with_name("catalog.yaml")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_HEX32 = re.compile(r"^[0-9a-f]{32}$")

Kind = Literal["asr", "voice", "llm"]


@dataclass(frozen=True)
class CatalogFile:
    """One file of a model: downloaded from `url`, or (registry entries) found at `path`."""

    size: int | None
    sha256: str | None = None
    md5: str | None = None
    url: str | None = None
    path: str | None = None

    @property
    def filename(self) -> str:
        return Path(self.path or (self.url or "").split("?")[0]).name

    @property
    def check(self) -> str:
        """How this file is verified: the strongest published hash, else its size alone."""
        return "sha256" if self.sha256 else "md5" if self.md5 else "size-only"


@dataclass(frozen=True)
class Registry:
    pip: str  # what to pip install
    locate: str | None = None  # "module/sub/path" or "module:function" returning the folder
    preset: str | None = None  # an LLM preset of assistant.models_default


@dataclass(frozen=True)
class CatalogEntry:
    name: str
    title: str
    kind: Kind
    engine: str
    languages: tuple[str, ...]
    license: str
    files: tuple[CatalogFile, ...]
    use: dict[str, Any]
    hash_source: str = ""
    unpack: Literal["zip", "tar", "none"] = "none"
    install_dir: Literal["models", "voices"] = "models"
    install_name: str = ""
    registry: Registry | None = None
    tree_sha256: str | None = None
    source: str = ""  # the catalogue file it came from

    @property
    def downloadable(self) -> bool:
        return self.registry is None

    @property
    def check(self) -> str:
        if self.registry is not None:
            if self.tree_sha256 or any(f.sha256 for f in self.files) or self.registry.preset:
                return "sha256"
            return "presence"
        checks = {f.check for f in self.files}
        return "size-only" if "size-only" in checks else "md5" if "md5" in checks else "sha256"

    @property
    def size(self) -> int | None:
        sizes = [f.size for f in self.files]
        return None if not sizes or None in sizes else sum(s for s in sizes if s)


def _file(d: dict[str, Any], where: str) -> CatalogFile:
    f = CatalogFile(
        size=d.get("size"),
        sha256=(d.get("sha256") or None),
        md5=(d.get("md5") or None),
        url=d.get("url"),
        path=d.get("path"),
    )
    if f.sha256 and not _HEX64.match(f.sha256):
        raise UserError(f"{where}: sha256 {f.sha256!r} is not 64 lower-case hex digits")
    if f.md5 and not _HEX32.match(f.md5):
        raise UserError(f"{where}: md5 {f.md5!r} is not 32 lower-case hex digits")
    if f.size is not None and (not isinstance(f.size, int) or f.size <= 0):
        raise UserError(f"{where}: size must be a positive number of bytes")
    if not f.url and not f.path:
        raise UserError(f"{where}: a file needs a url (or a path, for registry entries)")
    return f


def _entry(d: dict[str, Any], source: str) -> CatalogEntry:
    name = str(d.get("name") or "")
    where = f"{source}: model {name or '(unnamed)'}"
    try:
        registry = Registry(**d["registry"]) if d.get("registry") else None
        install = d.get("install") or {}
        entry = CatalogEntry(
            name=name,
            title=str(d.get("title") or name),
            kind=d["kind"],
            engine=str(d["engine"]),
            languages=tuple(d.get("languages") or ()),
            license=str(d.get("license") or "unknown"),
            files=tuple(_file(f, where) for f in d.get("files") or ()),
            use=dict(d.get("use") or {}),
            hash_source=str(d.get("hash_source") or ""),
            unpack=d.get("unpack", "none"),
            install_dir=install.get("dir", "models"),
            install_name=str(install.get("name") or name),
            registry=registry,
            tree_sha256=d.get("tree_sha256"),
            source=source,
        )
    except (KeyError, TypeError) as exc:
        raise UserError(f"{where} is incomplete or malformed ({exc})") from None
    if not name or not re.match(r"^[A-Za-z0-9._-]+$", name):
        raise UserError(f"{where}: name must be letters, digits, '.', '_' or '-'")
    if entry.kind not in ("asr", "voice", "llm"):
        raise UserError(f"{where}: kind must be asr, voice or llm")
    if entry.unpack not in ("zip", "tar", "none") or entry.install_dir not in ("models", "voices"):
        raise UserError(f"{where}: unpack must be zip|tar|none and install dir models|voices")
    if entry.downloadable and not entry.files:
        raise UserError(f"{where}: a downloadable model needs at least one file with a url")
    if entry.unpack != "none" and len(entry.files) != 1:
        raise UserError(f"{where}: an archive model is exactly one file")
    if "/" in entry.install_name or entry.install_name.startswith("."):
        raise UserError(f"{where}: install name must be a plain file or folder name")
    return entry


def load_catalog(extra: list[str | Path] | None = None) -> dict[str, CatalogEntry]:
    """The built-in catalogue plus extra catalogue files; a later file may not reuse a name."""
    entries: dict[str, CatalogEntry] = {}
    for path in [BUILTIN_CATALOG, *(Path(p) for p in extra or [])]:
        if not path.is_file():
            raise UserError(f"catalogue file {path} does not exist")
        try:
            data = parse_yaml(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise UserError(f"catalogue file {path} is not valid YAML ({exc})") from None
        if not isinstance(data, dict) or not isinstance(data.get("models"), list):
            raise UserError(f"catalogue file {path} needs a top-level `models:` list")
        for raw in data["models"]:
            if not isinstance(raw, dict):
                raise UserError(f"catalogue file {path}: every model is a mapping")
            entry = _entry(raw, str(path))
            if entry.name in entries:
                raise UserError(f"{path}: model {entry.name} is already in {entries[entry.name].source}")
            entries[entry.name] = entry
    return entries


def find(catalog: dict[str, CatalogEntry], name: str) -> CatalogEntry:
    entry = catalog.get(name)
    if entry is None:
        close = [n for n in catalog if name.lower() in n.lower()] or sorted(catalog)
        raise UserError(f"no model named {name!r} in the catalogue; try one of: {', '.join(close[:8])}")
    return entry
