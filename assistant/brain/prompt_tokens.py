"""A prompt's tokens, its fixed part tokenized once.

The tool-call decoder (tool_decode.py) asks for the tokens of its whole prompt, system prompt included
(~500 tokens, ~3.5 ms), once per option at every choice: 52 times, 0.18 s of a 22-step find_restaurant
call. llama.cpp cuts text at special tokens (`<|im_start|>`) before it tokenizes the pieces apart, so the
text up to the last one is tokenized once and kept; that the split gives the whole text's tokens is
checked once per kept head, and a model where it does not is tokenized whole.
"""

from __future__ import annotations

from collections.abc import Callable

HEADS_KEPT = 8  # prompt heads whose tokens are kept: the router's, and a few skills' system prompts


class PromptTokens:
    def __init__(self, tokenize: Callable[[str, bool], list[int]]):
        """tokenize(text, bos) -> token ids (special tokens parsed)."""
        self._tokenize = tokenize
        self._heads: dict[str, list[int]] = {}  # prompt text up to its last special token -> tokens
        self.split = True  # False once a model tokenized a split differently from the whole

    def __call__(self, text: str) -> list[int]:
        cut = after_last_special(text)
        if cut is None or not self.split:
            return self._tokenize(text, True)
        head, tail = text[:cut], text[cut:]
        ids = self._heads.get(head)
        if ids is not None:
            return ids + self._tokenize(tail, False)
        ids, whole = self._tokenize(head, True), self._tokenize(text, True)
        if whole != ids + self._tokenize(tail, False):
            self.split = False
            return whole
        if len(self._heads) >= HEADS_KEPT:
            del self._heads[next(iter(self._heads))]
        self._heads[head] = ids
        return whole

    def kept(self, text: str) -> bool:
        """Whether some kept head contains `text` (tests)."""
        return any(text in head for head in self._heads)


def after_last_special(text: str) -> int | None:
    """Where the text after its last `<|...|>` special-token marker starts (ChatML, Llama 3), or None."""
    end = text.rfind("|>")
    start = text.rfind("<|", 0, end) if end > 0 else -1
    if start < 0 or any(c.isspace() for c in text[start:end]):
        return None
    return end + 2
