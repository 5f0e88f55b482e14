"""The benchmark's packaged command sets: their shape, and that the router never saw them written."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
import yaml

from assistant.text import normalize

ROOT = Path(__file__).resolve().parent.parent
SETS = ROOT / "assistant" / "bench" / "sets"
# the labels of intent-dev, where the default set is drawn from (data/README.md)
LABELS = {"chitchat", "draft_email", "find_restaurant", "get_time", "other", "set_timer", "weather"}


def rows(name: str) -> list[dict]:
    lines = (SETS / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def test_default_set_is_drawn_across_every_label_with_its_source():
    default = rows("default")
    per = Counter(r["intent"] for r in default)
    assert len(default) >= 40
    assert set(per) == LABELS
    assert all(per[lab] >= 5 for lab in LABELS - {"other"})
    assert len({normalize(r["text"]) for r in default}) == len(default)  # no command twice
    for r in default:
        src = r["source"]
        assert src["file"] == "intent-dev/intent_dev.jsonl" and src["row"] >= 1
        assert src["label"] == r["intent"] and src["source_label"]


def test_quick_is_a_fixed_twelve_of_the_default_covering_every_label():
    quick = [r for r in rows("default") if r.get("quick")]
    assert len(quick) == 12
    assert {r["intent"] for r in quick} == LABELS


def test_the_hand_picked_commands_stay_a_named_set():
    classic = rows("classic")
    assert len(classic) == 8
    assert {"what time is it", "tell me something funny"} <= {r["text"] for r in classic}


def _written(node, key: str | None = None):
    """Every example text and template sentence in a manifest (any language section)."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _written(v, k)
    elif isinstance(node, list):
        for v in node:
            yield from _written(v, key)
    elif isinstance(node, str) and key in ("text", "sentences"):
        yield node


def _strings(node):
    if isinstance(node, dict):
        for v in node.values():
            yield from _strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from _strings(v)
    elif isinstance(node, str):
        yield node


@pytest.mark.parametrize("name", ["default", "classic"])
def test_no_benchmarked_command_is_written_into_a_manifest_or_routing_example(name):
    """A template that happens to match a command is a general pattern; a command written literally as
    an example, a template sentence or a routing example would be memorized by the router."""
    written: dict[str, str] = {}
    manifests = sorted((ROOT / "assistant" / "skills").glob("*/manifest*.yaml"))
    assert len(manifests) >= 6
    for path in manifests:
        for text in _written(yaml.safe_load(path.read_text(encoding="utf-8"))):
            written.setdefault(normalize(text), str(path.relative_to(ROOT)))
    examples = ROOT / "assistant" / "routing" / "routing_examples.yaml"
    for text in _strings(yaml.safe_load(examples.read_text(encoding="utf-8"))):
        written.setdefault(normalize(text), "assistant/routing/routing_examples.yaml")
    assert "tell me a joke" in written and "set an alarm for 7 am" in written  # the walk reaches both
    hits = {r["text"]: written[normalize(r["text"])] for r in rows(name) if normalize(r["text"]) in written}
    assert hits == {}


def test_the_router_training_leaves_out_every_benchmarked_command():
    import importlib.util

    spec = importlib.util.spec_from_file_location("train_router", ROOT / "scripts" / "train_router.py")
    train_router = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(train_router)
    left_out = train_router.benchmarked()
    assert {normalize(r["text"]) for name in ("default", "classic") for r in rows(name)} <= left_out
