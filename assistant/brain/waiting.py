"""Telling the user to wait: just before a slow step (the language model deciding), the turn being
handled in this thread gets to say so ("One moment.").

The hook is thread-local rather than set on the router: one router serves every pipeline and Wyoming
connection of a process, and speculative routing runs it in helper threads before the user has
finished. Only the thread handling a turn has a hook, so only that turn hears the acknowledgement.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator

_turn = threading.local()


@contextlib.contextmanager
def before_slow_step(hook: Callable[[], None]) -> Iterator[None]:
    """Within this block, in this thread, `slow_step()` calls `hook`."""
    previous = getattr(_turn, "hook", None)  # a thread-local: unset in a thread that never set it
    _turn.hook = hook
    try:
        yield
    finally:
        _turn.hook = previous


def slow_step() -> None:
    """Called by the router just before it waits for the language model."""
    hook = getattr(_turn, "hook", None)
    if hook is not None:
        hook()
