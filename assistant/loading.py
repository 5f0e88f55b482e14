"""Models that load in a thread while the assistant already listens.

Listening needs only the wake-word spotter and the voice activity detector. The recognizer, the voice
and the language model take seconds to load (file reading and native code, which release the GIL),
and nobody needs them before a wake word and a command have been spoken. So they load in threads; the
first use of one that is not there yet waits for it, and a load that failed raises its error there.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from .errors import UserError

log = logging.getLogger(__name__)


def load_in_background(
    name: str, build: Callable[[], Any], then: Callable[[Any], None] | None = None
) -> Future:
    """Run `build` in a thread named `name`; its result (or error) lands in the returned future.
    `then(result)` runs afterwards in the same thread (a warm-up), its errors only logged."""
    future: Future = Future()

    def run() -> None:
        try:
            value = build()
        except BaseException as exc:  # handed to whoever uses the model first
            # a UserError (a bad model file) is reported once, where it is used: one line, not two
            log.log(logging.DEBUG if isinstance(exc, UserError) else logging.ERROR, "%s failed: %s", name, exc)
            future.set_exception(exc)
            return
        future.set_result(value)
        if then is not None:
            try:
                then(value)
            except Exception:
                log.exception("%s: warming up failed", name)

    # not a daemon: an exit during a load waits for it rather than tearing native code down mid-call
    threading.Thread(target=run, name=name).start()
    return future


class MaybeLoading:
    """A dataclass field whose value may be a Future still loading: reading the attribute waits for
    the value (and raises the load's error). `loading(obj, name)` tells without waiting."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.slot = f"_{name}"

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            raise AttributeError(self.slot)  # so that dataclasses sees a required field, not a default
        value = obj.__dict__[self.slot]
        return value.result() if isinstance(value, Future) else value

    def __set__(self, obj: Any, value: Any) -> None:
        obj.__dict__[self.slot] = value


def raw(obj: Any, name: str) -> Any:
    """The stored value of a MaybeLoading field: the model, a Future, or None, without waiting."""
    return obj.__dict__[f"_{name}"]
