"""setup.py: `make_fast(runtime)` wires the command-grammar recognizer (asr/grammar_engine.py) and
speculative routing (routing/speculate.py) into a loaded runtime and warms every model. The benchmark
that measures them is assistant/bench/.
"""
