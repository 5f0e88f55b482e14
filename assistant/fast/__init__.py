"""Latency: what makes the reply start soon after the user stops speaking.

- engine.py: the final transcript at the endpoint (command grammar, speculative Whisper at a pause)
  and an early endpoint for complete commands;
- speculate.py: routing ahead of time, and a RAM cache of the LLM's prompt prefixes;
- setup.py: `make_fast(runtime)` wires them into a loaded runtime and warms every model;
- bench.py: `assistant bench`, the measurements against a naive loop.
"""
