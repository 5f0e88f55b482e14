"""Running a turn ahead: while the endpoint is still being waited for, the recognizer's pause transcript
is routed and, for a skill that only reads (manifest `read_only`), its handler runs and a language
model's streamed reply starts being written. The turn takes what was prepared when the user's final
words are the same; otherwise it is dropped (its generation stopped) and the turn runs as usual."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..routing.intent import Intent
from ..skill_api import Reply
from .reply_stream import ReplyStream


class RunAhead(ReplyStream):
    """A reply stream read in a thread of its own from the moment it is made; iterating gives what was
    written so far, then the rest as it comes. `cancel()` stops the writing at the next piece. The
    pieces are a reply's text, or the speech chunks of a reply synthesized ahead (the pipeline)."""

    def __init__(self, stream: Iterator[Any]):
        super().__init__(())
        self._pieces: list[Any] = []
        self._done = False
        self._error: BaseException | None = None
        self._changed = threading.Condition()
        self._thread = threading.Thread(target=self._pump, args=(stream,), daemon=True, name="run-ahead")
        self._thread.start()

    def _pump(self, stream: Iterator[Any]) -> None:
        try:
            for piece in stream:
                if self.cancelled:
                    break
                with self._changed:
                    self._pieces.append(piece)
                    self._changed.notify_all()
        except Exception as exc:  # raised again to the reader, as the stream itself would have
            self._error = exc
        finally:
            close = getattr(stream, "close", None)
            if close is not None:
                close()  # a generator holding the model's lock lets it go
            with self._changed:
                self._done = True
                self._changed.notify_all()

    def __iter__(self) -> Iterator[Any]:
        i = 0
        while True:
            with self._changed:
                self._changed.wait_for(lambda n=i: len(self._pieces) > n or self._done)
                new, done = self._pieces[i:], self._done
            i += len(new)
            yield from new
            if done and i == len(self._pieces):
                if self._error is not None:
                    raise self._error
                return

    def wait(self) -> None:
        self._thread.join()


@dataclass
class Prepared:
    """A turn's routing decision made ahead, and the skill's reply when it could run ahead."""

    text: str
    intent: Intent
    said: str = ""  # the words routed: `text`, or another reading of the recognizer's (Conversation._reading)
    skill: str | None = None
    args: dict[str, Any] = field(default_factory=dict)
    reply: Reply | None = None
    used: bool = False
    dropped: bool = False

    def reply_for(self, skill: str, args: dict[str, Any]) -> Reply | None:
        """The prepared reply, if it is the one this skill gives for these arguments (marks it used)."""
        if self.reply is None or self.dropped or skill != self.skill or args != self.args:
            return None
        self.used = True
        return self.reply

    def drop(self) -> None:
        """Stop a reply still being written (safe from any thread; a used reply is the turn's)."""
        if self.used:
            return
        self.dropped = True
        if self.reply is not None and isinstance(self.reply.stream, RunAhead):
            self.reply.stream.cancel()
