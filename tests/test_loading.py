"""Loading[T] (assistant/loading.py), the one way models load in the background: reading waits for the
value, `ready()` asks without waiting, a failed load raises its error where the value is used."""

from __future__ import annotations

import threading

import pytest

from assistant.errors import UserError
from assistant.loading import load_in_background, loaded


def test_a_value_loading_in_a_thread_is_waited_for_and_its_parts_follow_it():
    release = threading.Event()

    def build() -> tuple[str, str]:
        release.wait(30)
        return "router", "model"

    load = load_in_background("test-load", build)
    router, model = load.map(lambda v: v[0]), load.map(lambda v: v[1])
    seen: list[str] = []
    model.when_loaded(seen.append)
    assert not load.ready() and not router.ready() and not model.ready() and seen == []
    release.set()
    assert router.get() == "router" and model.get() == "model"  # waits for the thread
    assert load.ready() and seen == ["model"]


def test_a_failed_load_raises_where_it_is_used_and_runs_nothing_after_it():
    def build() -> str:
        raise UserError("cannot load the model broken.gguf")

    load = load_in_background("test-broken", build)
    part = load.map(str.upper)
    seen: list[str] = []
    load.when_loaded(seen.append)
    with pytest.raises(UserError, match="broken.gguf"):
        part.get()
    with pytest.raises(UserError, match="broken.gguf"):
        load.get()
    assert load.ready() and seen == []


def test_a_value_already_there_is_held_the_same_way():
    value = loaded(42)
    seen: list[int] = []
    value.when_loaded(seen.append)  # at once
    assert value.ready() and value.get() == 42 and seen == [42]
    assert value.map(lambda v: v + 1).get() == 43
