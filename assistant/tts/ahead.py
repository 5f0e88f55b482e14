"""A reply's audio synthesized while the endpoint is still awaited.

At a pause the turn may already be prepared (brain/ahead.py): a read-only skill's reply text is known
before the user has finished pausing. Its speech is synthesized then, in the recognizer's helper thread,
and the turn plays those chunks instead of synthesizing the same text again after the endpoint. The
chunks are read as they are appended, so a turn that comes before synthesis has finished plays the first
sentence as soon as it is ready.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any


class SpokenAhead:
    def __init__(self, text: str):
        self.text = text
        self._chunks: list[Any] = []
        self._done = False
        self._changed = threading.Condition()

    def synthesize(self, tts: Any) -> None:
        """Run in a helper thread: every chunk of the text, appended as it is ready."""
        try:
            for chunk in tts.synthesize(self.text):
                with self._changed:
                    self._chunks.append(chunk)
                    self._changed.notify_all()
        finally:  # a failed synthesis ends the chunks; the turn's speech stops there, the loop goes on
            with self._changed:
                self._done = True
                self._changed.notify_all()

    def __iter__(self) -> Iterator[Any]:
        i = 0
        while True:
            with self._changed:
                while i >= len(self._chunks) and not self._done:
                    self._changed.wait()
                if i >= len(self._chunks):
                    return
                chunk = self._chunks[i]
            i += 1
            yield chunk
