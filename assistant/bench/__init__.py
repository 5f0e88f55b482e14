"""Measurement, not product: the product never imports this package.

Only the command registrations (`assistant bench`, `assistant eval`, listed by name in
assistant/commands.py and importing their work lazily), scripts/ and tests/ use it.

- latency.py: `assistant bench`, spoken commands through the real loop against a naive one (naive.py),
  drawn as a waterfall (plot.py); commands.py registers the command;
- eval_intents.py, eval_spoken.py: `assistant eval intents|spoken`, routing accuracy from text or sound;
- wyoming_peers.py: the reference Wyoming servers started as peers, and `free_port` for tests.
"""
