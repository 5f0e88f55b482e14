"""llama.cpp's own messages: routed to the `llama.cpp` logger, and held while a model loads so that a
failed load is one UserError rather than a page of native errors."""

from __future__ import annotations

import contextlib
import ctypes
import logging
from collections.abc import Iterator

_native_log = None  # the ctypes callback given to llama_log_set
_held: list[str] | None = None  # llama.cpp's errors while a model loads (a failed load is one UserError)


@contextlib.contextmanager
def errors_while_loading() -> Iterator[list[str]]:
    """The errors llama.cpp reports inside the block, collected instead of logged."""
    global _held
    held: list[str] = []
    _held = held
    try:
        yield held
    finally:
        _held = None


def keep_output_while_loading() -> None:
    """llama-cpp-python silences llama.cpp by pointing file descriptors 1 and 2 (and sys.stdout and
    sys.stderr) at /dev/null for the whole process while a model loads. The model loads while the
    assistant already listens, so that swallowed what the other threads printed meanwhile (events, the
    first replies). Native logs go through llama_log_set's callback anyway, which prints errors only
    when not verbose: the redirection is not needed, so it is switched off. That callback's table of
    levels predates ggml's current one (it prints warnings as errors), so ours replaces it: llama.cpp's
    messages go to the log, errors as warnings."""
    global _native_log
    import llama_cpp
    from llama_cpp import _internals, llama, llama_chat_format

    for module in (llama, _internals, llama_chat_format):
        module.suppress_stdout_stderr = lambda disable=True: contextlib.nullcontext()
    if _native_log is None:
        native = logging.getLogger("llama.cpp")

        def forward(level: int, text: bytes, _user: ctypes.c_void_p) -> None:
            # GGML_LOG_LEVEL_ERROR only: below it is debug output, and CONT (5) continues the message
            # before it (the loading progress dots), which is not an error either
            if level == 4 and text.strip():
                message = text.decode("utf-8", "replace").rstrip()
                if _held is not None:  # a model loading: its errors are the load's, said once
                    _held.append(message)
                else:
                    native.warning("%s", message)

        _native_log = llama_cpp.llama_log_callback(forward)  # kept: ctypes must not free it
        llama_cpp.llama_log_set(_native_log, ctypes.c_void_p(0))
