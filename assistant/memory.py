"""glibc's allocator, told to give memory back (Linux; elsewhere these do nothing)."""

from __future__ import annotations

import ctypes
import functools


@functools.cache
def _libc() -> ctypes.CDLL | None:
    try:
        return ctypes.CDLL("libc.so.6")
    except OSError:  # not glibc
        return None


def tune_malloc(arenas: int = 2, mmap_threshold: int = 16 << 20) -> None:
    """Two glibc settings that keep freed memory from staying resident:
    - arenas: threads that allocate get their own heap arenas (up to 8 per core), each keeping the
      memory freed in it; the loader threads, Whisper's speculative runs and ONNX Runtime's workers would
      each leave such slack behind.
    - mmap_threshold: blocks this large get their own mapping, returned to the system when freed. By
      default glibc raises the threshold as large blocks are freed (up to 32 MB), after which the models'
      load-time copies and large buffers stay in the heap. Not lower than 16 MB: Whisper's 9 MB
      feed-forward buffers would then get a fresh mapping, and page faults, in every layer.
    The measurements behind both: docs/latency.md ("Memory")."""
    libc = _libc()
    if libc is None:
        return
    libc.mallopt(-8, arenas)  # M_ARENA_MAX
    libc.mallopt(-3, mmap_threshold)  # M_MMAP_THRESHOLD (setting it also stops the dynamic raising)


def give_back_freed_memory() -> None:
    """Return the free pages inside the heap arenas to the system (malloc_trim). Called when a burst
    of work has ended (a Whisper pass, a turn): what it freed stays resident otherwise, and the next
    burst, often in another thread's arena, allocates on top of it. A call takes a few milliseconds."""
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)
