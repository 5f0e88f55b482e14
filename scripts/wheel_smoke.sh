#!/usr/bin/env bash
# The package as users get it: build the wheel, install it (runtime dependencies only, from pip's cache
# when they are there) into a new virtualenv outside the checkout, and ask the installed `assistant` the
# time. Proves the wheel carries its skills and data files and reads nothing from the checkout.
set -euo pipefail
cd "$(dirname "$0")/.."
py="${PYTHON:-.venv/bin/python}"
PYTHON="$(cd "$(dirname "$py")" && pwd)/$(basename "$py")"   # absolute, not resolved: the venv's own
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r assistant pyproject.toml README.md LICENSE "$work/"   # a clean source tree: no stale build/ files
(cd "$work" && find assistant -name __pycache__ -prune -exec rm -rf {} + && \
  "$PYTHON" -m pip wheel -q --no-deps -w dist .)
"$PYTHON" -m venv "$work/venv"
# pip's "Location ... is ignored" lines are this machine's index configuration, not news
"$work/venv/bin/python" -m pip install -q "$work"/dist/assistant_offline-*.whl \
  2> >(grep -v "^WARNING: Location" >&2)
cd "$work/venv"   # not the checkout, so nothing can be imported from it
export XDG_CONFIG_HOME="$work/home/config" XDG_DATA_HOME="$work/home/data" XDG_CACHE_HOME="$work/home/cache"
export ASSISTANT_DOWNLOAD_DIR="$work/home/downloads"
unset PYTHONPATH
"$work/venv/bin/assistant" --version
reply=$("$work/venv/bin/assistant" ask "what time is it")
echo "wheel smoke test: assistant ask \"what time is it\" -> $reply"
case "$reply" in
  "It's "*) ;;
  *) echo "the wheel's assistant did not tell the time" >&2; exit 1 ;;
esac
