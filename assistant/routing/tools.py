"""Tool calls for the language model, generated from the skill manifests.

Each skill becomes one alternative of a JSON schema {"tool": "<name>", "args": {...}}; `other` is one
more with empty args. llama.cpp turns the schema into a grammar, so the model can only write a call
that names one of the allowed tools with arguments of the right shape. The output is still parsed and
validated here before any handler sees it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..skill_api import Skill
from ..text import ONES, TEENS, TENS
from .intent import OTHER

# schema keywords llama.cpp's JSON-schema grammar understands and that matter for generation
_KEEP = {"type", "properties", "enum", "const", "items", "minLength", "maxLength", "minimum", "maximum"}


# a property only the skill's templates fill ("forward_from", "change"): the model is not shown it, since
# a small model fills every field it is offered ("email alice" got forward_from "alice")
TEMPLATES_ONLY = "x-templates-only"


def _offered(props: dict[str, Any]) -> dict[str, Any]:
    return {k: p for k, p in props.items() if not (isinstance(p, dict) and p.get(TEMPLATES_ONLY))}


def _grammar_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """The argument schema as a generation constraint: free values optional (a missing one is asked for
    by the dialogue, never invented), no conditionals, no free extra keys. A required closed choice
    (set_timer's action: set, list or cancel) stays required: the model picks which, never whether; left
    optional, a small model skipped it for "set a timer to go off in 45 minutes"."""
    out: dict[str, Any] = {k: v for k, v in schema.items() if k in _KEEP and k != "properties"}
    if "properties" in schema:
        props = _offered(schema["properties"])
        out["properties"] = {name: _grammar_schema(p) for name, p in props.items()}
        out["additionalProperties"] = False
        closed = [k for k in schema.get("required", []) if k in props and _closed(props[k])]
        if closed:
            out["required"] = closed
    if out.get("type") == "number":
        out.pop("minimum", None)
    return out


def _closed(prop: dict[str, Any]) -> bool:
    return "enum" in prop or "const" in prop or prop.get("type") == "boolean"


def argument_schemas(skills: dict[str, Skill], allowed: list[str]) -> dict[str, dict[str, Any]]:
    """Each allowed tool's arguments as a generation constraint (`other` takes none)."""
    out: dict[str, dict[str, Any]] = {}
    for name in allowed:
        if name == OTHER:
            out[name] = {"type": "object", "properties": {}, "additionalProperties": False}
        else:
            out[name] = _grammar_schema(skills[name].manifest.arguments)
            out[name].setdefault("type", "object")
    return out


def tool_schema(skills: dict[str, Skill], allowed: list[str]) -> dict[str, Any]:
    """JSON schema whose instances are exactly the calls to the allowed tools (skill names or other)."""
    alternatives = []
    for name, args in argument_schemas(skills, allowed).items():
        alternatives.append(
            {
                "type": "object",
                "properties": {"tool": {"const": name}, "args": args},
                "required": ["tool", "args"],
                "additionalProperties": False,
            }
        )
    return alternatives[0] if len(alternatives) == 1 else {"anyOf": alternatives}


class BadToolCall(ValueError):
    pass


def parse_tool_call(raw: str, skills: dict[str, Skill], allowed: list[str]) -> tuple[str, dict[str, Any]]:
    """(tool, args) from the model's output, or BadToolCall when it is not a valid call."""
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise BadToolCall(f"not JSON: {exc.msg}") from None
    if not isinstance(data, dict) or not isinstance(data.get("tool"), str):
        raise BadToolCall('no "tool" name')
    tool, args = data["tool"], data.get("args", {})
    if tool not in allowed:
        raise BadToolCall(f"tool {tool!r} is not one of {allowed}")
    if not isinstance(args, dict):
        raise BadToolCall("args is not an object")
    if tool == OTHER:
        return OTHER, {}
    args = {k: v for k, v in args.items() if v not in (None, "", [])}
    problem = skills[tool].validate(args)
    if problem:
        raise BadToolCall(f"arguments for {tool}: {problem}")
    return tool, args


def tool_lines(skills: dict[str, Skill]) -> str:
    """One line per tool for the system prompt: name, description, argument names."""
    lines = []
    for s in skills.values():
        props = _offered(s.manifest.arguments.get("properties", {}))
        arg_text = ", ".join(
            f"{k} ({'|'.join(map(str, p['enum']))})" if "enum" in p else k for k, p in props.items()
        )
        desc = " ".join(s.manifest.description.split())
        lines.append(f"- {s.name}: {desc}" + (f" Args: {arg_text}." if arg_text else ""))
    return "\n".join(lines)


_WORD = re.compile(r"[a-z0-9]+")
_FILLER = {"a", "an", "the", "of", "in", "at", "to", "for", "and", "my", "me", "some", "any"}


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("_", " "))


# a number was said: digits, a number word, or "a"/"an" before a unit of time ("in an hour")
_NUMBER_WORDS = ("zero", *ONES, *TEENS, *TENS, "hundred", "half", "quarter", "dozen", "couple")
_NUMBER_SAID = re.compile(
    rf"\d|\b({'|'.join(_NUMBER_WORDS)})\b|\ban? (second|minute|hour|day|week|month|year)s?\b"
)


def _said(word: str, heard: set[str]) -> bool:
    # "restaurants" for "restaurant", "sushi's" for "sushi": a shared stem of 4+ letters counts
    return word in heard or (len(word) >= 4 and any(len(w) >= 4 and w[:4] == word[:4] for w in heard))


def _kept(name: str, value: Any, prop: dict[str, Any], heard: frozenset[str], numbers: bool) -> bool:
    """Whether grounding keeps this optional argument value for a text whose words are `heard`
    (`numbers`: the text says a number)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return numbers
    if isinstance(value, bool):  # e.g. open_now: only when the user said "open"
        evidence = [w for w in _words(name) if len(w) > 2]
    else:
        evidence = [w for w in _words(str(value)) if w not in _FILLER]
    return bool(evidence and all(_said(w, heard) for w in evidence) or (not evidence and "enum" not in prop))


@dataclass(frozen=True)
class Grounds:
    """What of a tool's arguments survives for one command: only what the user said. A small model
    fills every optional field it is offered ("near": "city center", "price": "cheap" for "hungry for
    pizza, what's around"); a skill acting on invented details is worse than one acting on fewer.
    A required free text is held to the same rule unless it is a keyword of the skill's lists ("last
    email"): "do i have any new email" got the recipient "alice", "did bob email me" the source "bob's
    last email saying yes", both from the prompt's examples; without them the skill asks for it. A number stays when the text says one
    (it comes in too many forms to match the value: "half an hour" is 30 minutes); "start a timer" got
    a 30 the user never said. A free text that is another argument's closed choice was put in the wrong
    field (weather's "location": "today" for "what's the humidity today", whose day is "today").
    The tool-call decoder asks it while writing the call (brain/tool_decode.py `Grounding`)."""

    heard: frozenset[str]
    numbers: bool  # the text says a number
    props: dict[str, dict[str, Any]]
    required: frozenset[str]
    choices: frozenset[str]  # every closed choice's values, lower case
    keywords: frozenset[str] = frozenset()  # values the skill's slot lists give ("last email" for "my newest mail")

    @classmethod
    def of(cls, text: str, schema: dict[str, Any], keywords: Iterable[str] = ()) -> Grounds:
        props = schema.get("properties", {})
        return cls(
            frozenset(_words(text)),
            bool(_NUMBER_SAID.search(text.lower())),
            props,
            frozenset(schema.get("required", [])),
            frozenset(str(v).lower() for p in props.values() for v in p.get("enum", [])),
            frozenset(k.lower() for k in keywords),
        )

    def keeps(self, key: str, value: Any) -> bool:
        prop = self.props.get(key, {})
        if key in self.required and (not isinstance(value, str) or "enum" in prop or value.lower() in self.keywords):
            return True
        if "enum" not in prop and str(value).lower() in self.choices:
            return False
        return _kept(key, value, prop, self.heard, self.numbers)

    def kept(self, args: dict[str, Any]) -> dict[str, Any]:
        """The arguments grounding keeps."""
        return {key: value for key, value in args.items() if self.keeps(key, value)}

    def offers(self, key: str) -> bool:
        """Whether any value a model might write for this key could be kept: free text always; a
        number only when the text says one; a closed choice only by a value the user said."""
        prop = self.props.get(key, {})
        if key in self.required:
            return True
        if "enum" in prop:
            candidates = list(prop["enum"])
        elif prop.get("type") == "boolean":
            candidates = [True]
        elif prop.get("type") in ("number", "integer"):
            candidates = [1]
        else:
            return True
        return any(self.keeps(key, v) for v in candidates)

    def may_keep(self, key: str, partial: str) -> bool:
        """Whether a free text written this far could still be kept: every finished word was said (or
        is a filler), and the word being written may still become one that was."""
        if key in self.required:
            return True
        words = _words(partial)
        open_word = words.pop() if words and _WORD.fullmatch(partial[-1:].lower()) else None
        if any(w not in _FILLER and not _said(w, self.heard) for w in words):
            return False
        if open_word is None:
            return True
        return any(
            h.startswith(open_word) or (len(open_word) >= 4 and h[:4] == open_word[:4])
            for h in (*self.heard, *_FILLER)
        )


def ground_args(
    text: str, args: dict[str, Any], schema: dict[str, Any], keywords: Iterable[str] = ()
) -> dict[str, Any]:
    """Drop the arguments the user did not say (`Grounds`)."""
    return Grounds.of(text, schema, keywords).kept(args)


def list_keywords(lists: dict[str, Any]) -> set[str]:
    """The values a manifest's slot lists give for other words ({in: "my newest mail", out: "last email"})."""
    return {
        str(v["out"]) for spec in lists.values() if isinstance(spec, dict)
        for v in spec.get("values") or [] if isinstance(v, dict) and "out" in v
    }


def could_ground(text: str, schema: dict[str, Any]) -> bool:
    """Whether any argument a model might write for `text` would survive ground_args. When none could
    (get_time's `what` is time, date or day, and "is it late already" says none of them), asking the
    model for arguments costs a call (~0.3 s) whose answer is thrown away."""
    grounds = Grounds.of(text, schema)
    # a property only templates fill is never asked of the model (chit-chat's "topic", "more")
    return any(grounds.offers(key) for key in _offered(grounds.props))
