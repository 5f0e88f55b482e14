"""Writing a tool call with as few model steps as the call's free choices.

Grammar-constrained generation (llama.cpp's JSON-schema grammar) pays one model step for every token
of `{"tool": "set_timer", "args": {"action": "set", "duration": 20, "unit": "minutes"}}`, even for
the ~two thirds the grammar leaves no choice about (braces, quotes, key names, the rest of a word once
its first token is chosen). A step costs ~40 ms for the 0.5B model on 2 cores. Here the call is built
in text, left to right, and the model is asked only at the real choices:

- among fixed alternatives (which tool, which key comes next or `}`, an enum value, true/false): the
  alternatives are tokenized after the text so far and compared greedily at the tokens where they
  differ, as greedy constrained sampling would;
- free values (a number's digits, a string up to its closing quote): greedy tokens, one step each.

Text the choices force is evaluated in one batch with the next question (a batch of a few tokens costs
about one step).

With a `Grounding` (what the router keeps of a call: only values the user said), the call is grounded
while it is written, not after: a key none of whose values could be kept is not offered, a string is
given up at its first word the user did not say, and a finished value that would be dropped is taken
back out (the call goes on as if it had not been written). A small model fills every optional field it
is shown ("rome" and "tomorrow" from the prompt's example, "cheap", "open_now": true); each such value
cost a key choice and its tokens (~0.1 s) only to be thrown away.

The argument schemas are the flat objects skill manifests declare: string, enum, number, integer and
boolean properties, written in the declared order, each optional unless the schema's `required` lists it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

MAX_STRING_TOKENS = 48
MAX_DIGITS = 8
# what may follow a value, a name or an object in a call: JSON writers merge it into the same token
FOLLOWERS = frozenset(',} \n')


@dataclass
class ModelAccess:
    """What the decoder needs from a language model: the prompt's tokens for a text, next-token logits
    after a token list, a token's text, and whether a token ends generation."""

    tokens: Callable[[str], list[int]]
    logits_after: Callable[[list[int]], np.ndarray]
    piece: Callable[[int], str]
    is_end: Callable[[int], bool]
    single_token: Callable[[str], int | None]  # the token spelling exactly this text, if there is one


def common_length(seqs: list[list[int]]) -> int:
    """How many leading tokens all the sequences share."""
    n = min(len(s) for s in seqs)
    first = np.asarray(seqs[0][:n])
    for s in seqs[1:]:  # prompts of ~500 tokens: compared in numpy, not token by token in Python
        differ = np.flatnonzero(np.asarray(s[:n]) != first[:n])
        if differ.size:
            n = int(differ[0])
    return n


class Grounding(Protocol):
    """Which argument values of one tool survive grounding (routing/tools.py `Grounds`)."""

    def offers(self, key: str) -> bool:
        """Whether any value of this key could be kept."""
        ...

    def keeps(self, key: str, value: Any) -> bool:
        """Whether this finished value is kept."""
        ...

    def may_keep(self, key: str, partial: str) -> bool:
        """Whether a string written this far could still be kept."""
        ...


class ToolCallDecoder:
    def __init__(self, model: ModelAccess):
        self.m = model
        self._digits: set[int] | None = None
        self._merged: dict[str, list[int]] = {}
        self._last: tuple[list[int], np.ndarray] | None = None

    def logits_after(self, tokens: list[int]) -> np.ndarray:
        """The model's next-token logits, kept for the last token list: a number's last look ("20" then
        not a digit) is where the choice of what follows it forks again, and a step costs ~40 ms."""
        if self._last is None or self._last[0] != tokens:
            self._last = (list(tokens), self.m.logits_after(tokens))
        return self._last[1]

    # -- the call ---------------------------------------------------------------------------------
    def call(
        self,
        prompt: str,
        tools: dict[str, dict[str, Any] | None],
        grounds: dict[str, Grounding] | None = None,
    ) -> str:
        """JSON text of one call: {"tool": <a key of tools>, "args": {...}}; `grounds`: per tool, which
        values may be written (none given: any value of the schema's shape)."""
        text = prompt + '{"tool": "'
        name = self.choose(text, [f'{n}"' for n in tools])[:-1]
        schema = tools[name] or {}
        if not schema.get("properties"):
            return json.dumps({"tool": name, "args": {}})
        text += f'{name}", "args": '
        args = self.arguments(text, schema, (grounds or {}).get(name))
        return text[len(prompt) :] + args + "}"

    def arguments(self, text: str, schema: dict[str, Any], grounds: Grounding | None = None) -> str:
        props = list(schema.get("properties", {}).items())
        required = set(schema.get("required", []))
        if grounds is not None:
            props = [(key, p) for key, p in props if key in required or grounds.offers(key)]
        out = "{"
        while True:
            sep = "" if out == "{" else ", "
            # keys come in declared order; a required one is not skipped (nor is the object closed before
            # it), so it is offered last, and alone when it comes first: no step decides it
            must = next((i for i, (key, _) in enumerate(props) if key in required), None)
            offered = props if must is None else props[: must + 1]
            options = {
                sep + f'"{key}": ' + ('"' if _is_string(p) else ""): i for i, (key, p) in enumerate(offered)
            }
            pick = self.choose(text + out, [*options, *(["}"] if must is None else [])])
            if pick == "}":
                return out + pick
            i = options[pick]
            key, prop = props[i]
            may_keep = (lambda partial, k=key: grounds.may_keep(k, partial)) if grounds is not None else None
            value = self.value(text + out + pick, prop, may_keep)
            props = props[i + 1 :]
            if value is None or (grounds is not None and not grounds.keeps(key, _parsed(pick, value))):
                continue  # given up: the call goes on without this key
            out += pick + value

    def value(self, text: str, prop: dict[str, Any], may_keep: Callable[[str], bool] | None = None) -> str | None:
        kind = prop.get("type")
        if "enum" in prop:
            # a string's opening quote is already written: its options are the value and closing quote
            cut = 1 if kind == "string" else 0
            return self.choose(text, [json.dumps(v)[cut:] for v in prop["enum"]])
        if kind == "boolean":
            return self.choose(text, ["true", "false"])
        if kind in ("number", "integer"):
            return self.number(text)
        return self.string(text, may_keep)

    # -- the model's choices ----------------------------------------------------------------------
    def choose(self, text: str, options: list[str]) -> str:
        """The option greedy decoding would write after `text`: at each token where the live options
        differ, keep those whose token the model finds likeliest."""
        live = {o: self.m.tokens(text + o) for o in options}
        while len(live) > 1:
            seqs = list(live.values())
            fork = common_length(seqs)
            if all(len(s) == fork for s in seqs):
                break
            logits = self.logits_after(seqs[0][:fork])
            score: dict[int, float] = {}
            for s in seqs:
                if len(s) > fork:
                    # an option ending here is rarely written as its own last token: `"` of `week"` comes
                    # as `",` or `"}`; it counts as the likeliest token that is its end plus followers
                    ids = self.ending(s[fork]) if len(s) == fork + 1 else [s[fork]]
                    score[s[fork]] = max(score.get(s[fork], -np.inf), max(float(logits[t]) for t in ids))
            best = max(score, key=lambda t: score[t])
            live = {o: s for o, s in live.items() if len(s) > fork and s[fork] == best}
        return next(iter(live))

    def ending(self, token: int) -> list[int]:
        """The token and every token spelling it followed by up to 3 FOLLOWERS (`"`: `",`, `"}` ...)."""
        piece = self.m.piece(token)
        if piece not in self._merged:
            found = [token]
            suffixes = [""]
            for _ in range(3):
                suffixes = [s + f for s in suffixes for f in sorted(FOLLOWERS)]
                for s in suffixes:
                    t = self.m.single_token(piece + s)
                    if t is not None and t not in found:
                        found.append(t)
            self._merged[piece] = found
        return self._merged[piece]

    def number(self, text: str) -> str:
        """Digits (and one point) while the model's likeliest next token is one; at least one digit."""
        digits = self._digit_tokens()
        tokens = self.m.tokens(text)
        out = ""
        for _ in range(MAX_DIGITS):
            logits = self.logits_after(tokens)
            best = int(np.argmax(logits))
            if best not in digits:
                if out:
                    break
                best = max(digits, key=lambda t: logits[t])
            piece = self.m.piece(best)
            if piece == "." and "." in out:
                break
            out += piece
            tokens = [*tokens, best]
        return out.rstrip(".") or "0"

    def string(self, text: str, may_keep: Callable[[str], bool] | None = None) -> str | None:
        """Greedy tokens up to the closing quote, JSON-escaped; None as soon as `may_keep` says the text
        so far could not be kept (the rest would be written only to be dropped)."""
        tokens = self.m.tokens(text)
        out = ""
        for _ in range(MAX_STRING_TOKENS):
            best = int(np.argmax(self.logits_after(tokens)))
            if self.m.is_end(best):
                break
            piece = self.m.piece(best)
            if '"' in piece or "\n" in piece:
                out += piece.split('"', 1)[0].split("\n", 1)[0]
                break
            out += piece
            if may_keep is not None and not may_keep(out):
                return None
            tokens = [*tokens, best]
        return json.dumps(out.replace("\\", ""))[1:]  # the opening quote is already written

    def _digit_tokens(self) -> set[int]:
        if self._digits is None:
            self._digits = set()
            for ch in "0123456789.":
                ids = self.m.tokens(ch)
                ids_bare = [t for t in ids if self.m.piece(t) == ch]
                self._digits.update(ids_bare)
        return self._digits


def _parsed(key_text: str, value_text: str) -> Any:
    """The value written after `key_text` (which ends with a string's opening quote when it is one)."""
    try:
        return json.loads(('"' if key_text.endswith('"') else "") + value_text)
    except json.JSONDecodeError:  # cannot happen for what value() writes; kept as text
        return value_text


def _is_string(prop: dict[str, Any]) -> bool:
    return prop.get("type") == "string"
