"""How many of this process's cores other programs leave free, so llama.cpp runs no more threads than that.

llama.cpp's threads meet at a barrier after every operation of every layer: a thread that shares its core
with another program's work holds all the others up, and they spin while they wait. On this project's
2-core machine, one 12-token reply (scripts/llm_threads.py) took, 1 thread / 2 threads:

    nothing else running                 1.28 / 0.67 s
    another program using 0.6 of a core  1.32 / 1.02 s
    ... 0.8 of a core                    1.33 / 1.44 s
    ... a whole core                     1.30 / 3.15 s
    ... both cores                       2.02 / 5.20 s

So a core counts as taken once other programs use 0.7 of it (`threads_for`). What they use is sampled
from /proc/stat twice a second on the cores this process may run on, minus this process's own time;
a sample during which the model itself was evaluating is not used, because then the others get less than
they ask for. Without /proc (not Linux) every allowed core counts as free.
"""

from __future__ import annotations

import os
import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager

TAKEN_AT = 0.7  # of one core used by other programs: from then on a thread of ours on it costs more than it gives
PERIOD_S = 0.5
KEEP = 4  # samples averaged: the last ~2 s in which the model was not running


def threads_for(allowed: int, others_busy: float) -> int:
    """Threads for the next evaluation: the allowed cores minus those other programs keep busy, at least 1."""
    return max(1, min(allowed, allowed - int(others_busy + 1.0 - TAKEN_AT)))


def allowed_cpus() -> set[int]:
    try:
        return set(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return set(range(os.cpu_count() or 2))


def _busy_seconds(cpus: set[int], tick: float) -> float | None:
    """CPU seconds spent busy so far on `cpus` by everything on the machine, from /proc/stat."""
    try:
        with open("/proc/stat", encoding="ascii") as f:
            lines = f.read().splitlines()
    except OSError:
        return None
    busy = 0
    for line in lines:
        name, _, rest = line.partition(" ")
        if not name.startswith("cpu") or name == "cpu" or int(name[3:]) not in cpus:
            continue
        # user nice system idle iowait irq softirq steal (guest time is already inside user)
        v = [int(x) for x in rest.split()[:8]]
        busy += v[0] + v[1] + v[2] + v[5] + v[6] + v[7]
    return busy * tick


def _own_seconds() -> float:
    t = os.times()  # every thread of this process
    return t.user + t.system


class FreeCores:
    """Samples in a daemon thread what other programs use of `cpus`."""

    def __init__(self, cpus: set[int] | None = None, period_s: float = PERIOD_S):
        self.cpus = cpus or allowed_cpus()
        self.period_s = period_s
        self._tick = 1.0 / os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 0.01
        self._samples: deque[float] = deque(maxlen=KEEP)
        self._lock = threading.Lock()
        self._evaluating = 0
        self._dirty = True  # the current sampling window overlapped an evaluation
        self._thread = threading.Thread(target=self._run, name="free-cores", daemon=True)
        self._thread.start()

    def others_busy(self) -> float:
        """Cores' worth of CPU other programs used lately (0.0 until two samples were taken)."""
        with self._lock:
            return sum(self._samples) / len(self._samples) if self._samples else 0.0

    @contextmanager
    def evaluating(self) -> Iterator[None]:
        """Mark the model's own evaluation: samples overlapping it are left out."""
        with self._lock:
            self._evaluating += 1
            self._dirty = True
        try:
            yield
        finally:
            with self._lock:
                self._evaluating -= 1
                self._dirty = True

    def _run(self) -> None:
        last = None
        while True:
            busy = _busy_seconds(self.cpus, self._tick)
            if busy is None:
                return
            now = (time.monotonic(), busy, _own_seconds())
            with self._lock:
                if last is not None and not self._dirty and now[0] > last[0]:
                    others = (now[1] - last[1]) - (now[2] - last[2])
                    self._samples.append(max(0.0, others / (now[0] - last[0])))
                self._dirty = self._evaluating > 0  # the next window starts now
            last = now
            time.sleep(self.period_s)
