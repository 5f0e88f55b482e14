"""The router's output: which skill, with which arguments, found how."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

OTHER = "other"


@dataclass(frozen=True)
class Intent:
    name: str  # a skill name, or "other"
    args: dict[str, Any] = field(default_factory=dict)
    source: Literal["template", "llm", "classifier", "none", "error"] = "none"  # error: the model failed
    confidence: float = 1.0
    # the trained classifier's likeliest label for the same words, where the language model chose
    # (Router.agreed: two readings agree where the classifier alone was not sure enough)
    classifier_best: str | None = None
