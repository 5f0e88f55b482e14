"""Keep only the model pages a process reads resident.

llama.cpp maps the GGUF file with MAP_POPULATE, so every page of it counts towards the process's
resident memory from the start. Parts of it are never read again after loading: the original layout
of the weights llama.cpp repacked into its own buffers at load and, in a model with a separate output
layer, the token-embedding table (each step reads one row of it, ~90 MB for Qwen's 152k-token
vocabulary; the default model's output layer is that table, models_default.derive_run_model). Dropping the mapping's pages
and running one step brings back exactly what a step reads; the rest stays in the page cache, shared
and reclaimable, and is mapped again (a minor fault) if it is ever read."""

from __future__ import annotations

import ctypes
import logging
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

MADV_DONTNEED = 4  # <sys/mman.h>; on a file mapping: unmap the pages, keep the file's cache


def mapped_ranges(path: Path) -> list[tuple[int, int]]:
    """(start, end) of this process's mappings of `path`."""
    target = str(path.resolve())
    out = []
    with open("/proc/self/maps") as maps:
        for line in maps:
            fields = line.split(maxsplit=5)
            if len(fields) == 6 and fields[5].rstrip("\n") == target:
                start, end = (int(x, 16) for x in fields[0].split("-"))
                out.append((start, end))
    return out


def resident_bytes(path: Path) -> int:
    """How much of `path`'s mappings is resident in this process (0 where /proc is not there)."""
    target, total, inside = str(path.resolve()), 0, False
    try:
        with open("/proc/self/smaps") as smaps:
            for line in smaps:
                fields = line.split()
                if fields and not fields[0].endswith(":"):  # a mapping's header line
                    inside = len(fields) == 6 and fields[5] == target
                elif inside and fields[0] == "Rss:":
                    total += int(fields[1]) * 1024
    except OSError:
        return 0
    return total


def drop_mapped_pages(path: Path) -> int:
    """Unmap the resident pages of every mapping of `path` from this process; returns the bytes of
    mapping advised. Safe for any read-only file mapping: a page read later is mapped again."""
    try:
        ranges = mapped_ranges(path)
    except OSError:  # no /proc (not Linux): nothing to do
        return 0
    libc = ctypes.CDLL(None, use_errno=True)
    libc.madvise.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]
    dropped = 0
    for start, end in ranges:
        if libc.madvise(start, end - start, MADV_DONTNEED) == 0:
            dropped += end - start
        else:
            log.debug("madvise on %s failed (errno %d)", path, ctypes.get_errno())
    return dropped


def save_state_once(llama: Any) -> Any:
    """`Llama.save_state` with the context's state copied once. llama-cpp-python's own fills a zeroed
    buffer of the size llama.cpp reports, copies it into a compact one, then into bytes (three copies
    at once: ~12 KiB per cached token, ~36 MB for a 1,000-token prompt) and copies its logits array.
    It runs after every completion the prompt-prefix cache keeps (a chat reply, an email draft), while
    the voice may be synthesizing: a transient the session's peak RSS is made of (measured on a
    396-token state: 14.7 MB with llama-cpp-python's, 5.0 MB here). The logits row is a zero row,
    as llm.py keeps it (nothing here reads logits back from a state)."""
    import llama_cpp
    import numpy as np
    from llama_cpp.llama import LlamaState

    ctx = llama._ctx.ctx
    size = int(llama_cpp.llama_state_get_size(ctx))
    buf = bytearray(size)
    written = int(llama_cpp.llama_state_get_data(ctx, (ctypes.c_uint8 * size).from_buffer(buf), size))
    if written > size:
        raise RuntimeError("Failed to copy llama state data")
    del buf[written:]
    scores = np.zeros((1, llama.n_vocab()), dtype=np.single)
    return LlamaState(
        input_ids=llama.input_ids.copy(),
        scores=scores,
        n_tokens=llama.n_tokens,
        llama_state=buf,
        llama_state_size=written,
        seed=llama._seed,
    )
