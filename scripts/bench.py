#!/usr/bin/env python3
"""Latency benchmark: the same as `assistant bench` (see assistant/bench/latency.py).

.venv/bin/python scripts/bench.py --quick --json /tmp/bench.json
"""

import sys

from assistant.cli import main

if __name__ == "__main__":
    sys.exit(main(["bench", *sys.argv[1:]]))
