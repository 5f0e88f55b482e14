"""Models that load in a thread while the assistant already listens: `Loading[T]`.

Listening needs only the wake-word spotter and the voice activity detector. The recognizer, the voice
and the language model take seconds to load (file reading and native code, which release the GIL),
and nobody needs them before a wake word and a command have been spoken. So they load in threads, and
whoever holds one holds a `Loading[T]`: `get()` waits for the value (and raises the load's error there),
`ready()` asks without waiting. A value that is already there is `loaded(value)`, so users never ask
which of the two they have. This is the one way the assistant loads in the background.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Generic, TypeVar

from .errors import UserError

log = logging.getLogger(__name__)

T = TypeVar("T")
U = TypeVar("U")


class Loading(Generic[T]):
    """A value being built in a thread, or already built."""

    def __init__(self, future: Future[T]):
        self._future = future

    def get(self) -> T:
        """The value, once loaded (waits while it loads; raises the load's error)."""
        return self._future.result()

    def ready(self) -> bool:
        """Loaded (or failed): `get()` returns at once."""
        return self._future.done()

    def when_loaded(self, then: Callable[[T], None]) -> None:
        """Run `then(value)` once the value is there: in the loading thread, or now if it is loaded.
        A failed load runs nothing (its error is raised where the value is used)."""

        def call(done: Future[T]) -> None:
            if done.exception() is None:
                then(done.result())

        self._future.add_done_callback(call)

    def map(self, fn: Callable[[T], U]) -> Loading[U]:
        """`fn` of the value, as a Loading of its own (one load handed out as its parts)."""
        out: Future[U] = Future()

        def call(done: Future[T]) -> None:
            exc = done.exception()
            if exc is not None:
                out.set_exception(exc)
                return
            try:
                out.set_result(fn(done.result()))
            except BaseException as err:
                out.set_exception(err)

        self._future.add_done_callback(call)
        return Loading(out)


def loaded(value: T) -> Loading[T]:
    """A value that is already there, held the same way as one still loading."""
    future: Future[T] = Future()
    future.set_result(value)
    return Loading(future)


def load_in_background(
    name: str, build: Callable[[], T], then: Callable[[T], None] | None = None
) -> Loading[T]:
    """Run `build` in a thread named `name`. `then(value)` runs afterwards in the same thread (a
    warm-up), after the value was handed over; its errors are only logged."""
    future: Future[T] = Future()

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
    return Loading(future)
