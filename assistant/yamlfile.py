"""YAML reading for manifests and example lists."""

from __future__ import annotations

from typing import Any

import yaml

# libyaml's C parser when PyYAML was built with it: the seven skill manifests took 0.42 s to parse in
# pure Python at every start (cProfile, 2 slow cores), ~0.05 s in C. Same safe subset, same YAMLError.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str) -> Any:
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader, C or Python
