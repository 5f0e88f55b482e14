"""A reply still being written: what the dialogue hands the pipeline for a streamed reply (an LLM's)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator


class ReplyStream:
    """The pieces of a reply's text, in order, as they are written. `cancel()` says no one will read the
    rest (a reply cut short): the writing stops at the next piece. A skill returns any iterator in
    `Reply.stream`; the dialogue wraps it in one of these."""

    def __init__(self, pieces: Iterable[str]):
        self._source = iter(pieces)
        self.cancelled = False
        self.said: list[str] = []  # the pieces written so far ("repeat that" says them again)

    def __iter__(self) -> Iterator[str]:
        while not self.cancelled:  # checked before each piece is asked for: a cancelled one is not written
            try:
                piece = next(self._source)
            except StopIteration:
                return
            self.said.append(piece)
            yield piece

    def cancel(self) -> None:
        self.cancelled = True
