"""The language model on a busy machine: every core's thread (the old default) against the cores other
programs leave free (`[llm] threads = 0`, assistant/brain/free_cores.py), in the same run.

Other programs are stood in for by busy-looping processes, each using a share of one core (`--duty`).
For each load, the same commands alternate between the two ways; each is a short chat reply (greedy, a
fixed number of tokens, so both do the same work) after a pause like the one while a user speaks.

    PYTHONPATH=. .venv/bin/python scripts/llm_threads.py --loads 0,1,2 --commands 10
    PYTHONPATH=. .venv/bin/python scripts/llm_threads.py --loads 1 --duty 0.5
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import time

COMMANDS = [
    "tell me something about the moon",
    "what do you think about cats",
    "how are you today",
    "give me a tip for sleeping better",
    "what is a good name for a goldfish",
    "say something nice",
    "what should i cook tonight",
    "tell me about the ocean",
    "why is the sky blue",
    "what's your favourite season",
    "how do bees make honey",
    "tell me a fun fact",
]


def burn(duty: float, stop) -> None:
    period = 0.05
    while not stop.is_set():
        t = time.perf_counter()
        while time.perf_counter() - t < duty * period:
            pass
        if duty < 1:
            time.sleep((1 - duty) * period)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--loads", default="0,1,2", help="numbers of busy processes, comma-separated")
    ap.add_argument("--duty", type=float, default=1.0, help="share of a core each busy process uses")
    ap.add_argument("--commands", type=int, default=10)
    ap.add_argument("--tokens", type=int, default=12)
    ap.add_argument("--pause", type=float, default=2.0, help="seconds between commands (the user speaking)")
    a = ap.parse_args()

    from llama_cpp import llama_set_n_threads

    from assistant.brain.free_cores import threads_for
    from assistant.brain.llm import LlamaModel, model_path_for
    from assistant.config import load_config

    model = LlamaModel(model_path_for(load_config(None, {})), 0, 1024)
    watch = model._free_cores
    if watch is None:
        raise SystemExit("this process may run on one core only: nothing to choose")

    def reply(text: str, adaptive: bool) -> tuple[float, int]:
        if adaptive:
            model._free_cores = watch
        else:  # the old default: a thread on every allowed core, whatever else runs
            model._free_cores = None
            llama_set_n_threads(model.llama._ctx.ctx, model.threads, model.threads)
            model._threads_now = model.threads
        messages = [{"role": "user", "content": text}]
        t = time.perf_counter()
        with watch.evaluating():  # the fixed run's windows are left out of the samples too
            model.chat(messages, max_tokens=a.tokens, temperature=0.0)
        return time.perf_counter() - t, model._threads_now

    reply("hello", False)  # warm: pages mapped back, first evaluation done
    print(f"cores allowed: {model.threads}; busy processes use {a.duty:.0%} of a core each\n")
    print("| busy processes | others' use (sampled) | every core p50 / p90 s | free cores p50 / p90 s | threads chosen | ratio of p50 |")
    print("|---|---|---|---|---|---|")
    for load in [int(x) for x in a.loads.split(",")]:
        stop = multiprocessing.Event()
        procs = [multiprocessing.Process(target=burn, args=(a.duty, stop), daemon=True) for _ in range(load)]
        for p in procs:
            p.start()
        fixed, free, chosen, seen = [], [], [], []
        for i in range(a.commands):
            text = COMMANDS[i % len(COMMANDS)]
            for adaptive in (i % 2 == 0, i % 2 == 1):  # alternate which goes first
                time.sleep(a.pause)
                seen.append(watch.others_busy())
                took, n = reply(text, adaptive)
                (free if adaptive else fixed).append(took)
                if adaptive:
                    chosen.append(n)
        stop.set()
        for p in procs:
            p.join()

        def p50_p90(xs: list[float]) -> str:
            xs = sorted(xs)
            return f"{statistics.median(xs):.2f} / {xs[min(len(xs) - 1, round(0.9 * (len(xs) - 1)))]:.2f}"

        print(
            f"| {load} | {statistics.median(seen):.2f} cores | {p50_p90(fixed)} | {p50_p90(free)} | "
            f"{sorted(set(chosen))} (rule: {threads_for(model.threads, statistics.median(seen))}) | "
            f"{statistics.median(fixed) / statistics.median(free):.2f}x |",
            flush=True,
        )


if __name__ == "__main__":
    main()
