"""The language model runs on the cores other programs leave free: a real busy process, the real /proc
samples, the real model."""

import subprocess
import sys
import time

import pytest

from assistant.brain.free_cores import FreeCores, threads_for

BUSY = [sys.executable, "-c", "while True: pass"]


@pytest.mark.parametrize(
    "allowed, others, threads",
    [(2, 0.0, 2), (2, 0.6, 2), (2, 0.75, 1), (2, 1.0, 1), (2, 2.0, 1), (4, 1.0, 3), (4, 2.8, 1), (1, 0.0, 1)],
)
def test_a_core_counts_as_taken_once_others_use_most_of_it(allowed, others, threads):
    assert threads_for(allowed, others) == threads


@pytest.fixture
def busy_process():
    p = subprocess.Popen(BUSY)
    yield p
    p.kill()
    p.wait()


def wait_for(predicate, seconds: float = 5.0) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def test_another_programs_busy_core_is_seen_but_not_while_the_model_runs(busy_process):
    watch = FreeCores()
    with watch.evaluating():  # the model running: the others get less than they ask for, so no sample
        time.sleep(1.5)
        assert watch.others_busy() == 0.0
    assert wait_for(lambda: watch.others_busy() >= 0.7), watch.others_busy()


def test_our_own_work_is_not_counted_as_another_programs():
    watch = FreeCores()
    time.sleep(2.2)
    before = watch.others_busy()  # whatever else the machine is doing
    end = time.monotonic() + 2.2
    x = 0
    while time.monotonic() < end:  # this process keeps one core busy
        x += 1
    assert watch.others_busy() < before + 0.5


def test_the_model_gives_up_a_thread_to_a_busy_program_and_says_the_same(llm):
    if llm.threads < 2:  # one core allowed: nothing to choose, nothing watched
        assert llm._free_cores is None
        return
    messages = [{"role": "user", "content": "Name a colour."}]
    alone = llm.chat(messages, max_tokens=8)
    p = subprocess.Popen(BUSY)
    try:
        assert wait_for(lambda: llm._free_cores.others_busy() >= 0.7)
        shared = llm.chat(messages, max_tokens=8)
        assert llm._threads_now <= llm.threads - 1
    finally:
        p.kill()
        p.wait()
    assert shared == alone  # fewer threads change the speed, not the words
