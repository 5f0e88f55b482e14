#!/usr/bin/env python
"""Word error rate and time per utterance of each English engine on real recordings.

    .venv/bin/python scripts/eval_asr.py ../shared/data/asr-dev

Reads transcripts.tsv (path, transcript); medians of the per-utterance times, measured in the same run.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from assistant.asr.pocketsphinx_engine import PocketsphinxEngine
from assistant.asr.whisper_engine import WhisperEngine
from assistant.audio.sources import read_wav
from assistant.text import edit_distance


def word_errors(ref: list[str], hyp: list[str]) -> int:
    """Levenshtein distance over words."""
    return edit_distance(ref, hyp)


COMMANDS = [
    "what time is it",
    "set a timer for ten minutes",
    "cancel my timer",
    "what is the weather like tomorrow",
    "write an email to alice saying i will be late",
    "find a cheap thai restaurant near the station",
    "summarize my last email",
    "how much time is left on my timer",
    "what day is it today",
    "tell me a joke",
    "is it going to rain this afternoon",
    "remind me in twenty minutes",
]


def synthesized_commands() -> list[tuple[str, bytes, list[str]]]:
    """The same spoken commands in two synthetic voices: Piper (neural) and espeak-ng (formant)."""
    import subprocess
    import tempfile

    from assistant.audio.sources import to_pcm16
    from assistant.tts.piper_tts import PiperTts

    tts = PiperTts(deterministic=True)
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for text in COMMANDS:
            out.append(("piper", to_pcm16(tts.synthesize_all(text), tts.sample_rate).tobytes(), text.split()))
            wav = Path(tmp) / "e.wav"
            subprocess.run(["espeak-ng", "-v", "en-us", "-w", str(wav), text], check=True)
            out.append(("espeak-ng", read_wav(wav).tobytes(), text.split()))
    return out


def normalize_numbers(words: list[str]) -> list[str]:
    digits = {"10": "ten", "20": "twenty"}
    return [digits.get(w, w) for w in words]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("data", type=Path)
    args = ap.parse_args()
    rows = [line.split("\t") for line in (args.data / "transcripts.tsv").read_text().splitlines()[1:]]
    clips = []
    for path, text, *_ in rows:
        f = args.data / path
        # the one headerless clip is 16 kHz mono int16, as its source documents
        pcm = f.read_bytes() if f.suffix == ".raw" else read_wav(f).tobytes()
        clips.append((pcm, text.split()))
    engines = {
        "pocketsphinx": PocketsphinxEngine(),
        "whisper tiny.en": WhisperEngine(threads=2),
        "whisper tiny.en, 15 s window": WhisperEngine(threads=2, window_s=15),
        "whisper tiny.en, 10 s window (default; 15 s for speech of 9-14 s)": WhisperEngine(threads=2, window_s=10),
    }
    audio_s = sum(len(pcm) / 32000 for pcm, _ in clips)
    print(f"{len(clips)} clips, {audio_s:.1f} s of audio\n")
    print("| engine | words wrong | WER | median s per clip | real-time factor |")
    print("|---|---|---|---|---|")
    for name, engine in engines.items():
        errors = words = 0
        times = []
        for pcm, ref in clips:
            t = time.perf_counter()
            hyp = engine.transcribe(pcm).split()
            times.append(time.perf_counter() - t)
            errors += word_errors(ref, hyp)
            words += len(ref)
        print(
            f"| {name} | {errors}/{words} | {errors / words:.1%} | {statistics.median(times):.2f} | "
            f"{sum(times) / audio_s:.2f} |"
        )
    print("\nSpoken commands (12 each, synthesized):\n")
    print("| engine | Piper voice words wrong | espeak-ng voice words wrong | median s per command |")
    print("|---|---|---|---|")
    spoken = synthesized_commands()
    for name, engine in engines.items():
        wrong = {"piper": [0, 0], "espeak-ng": [0, 0]}
        times = []
        for voice, pcm, ref in spoken:
            t = time.perf_counter()
            hyp = normalize_numbers(engine.transcribe(pcm).split())
            times.append(time.perf_counter() - t)
            wrong[voice][0] += word_errors(ref, hyp)
            wrong[voice][1] += len(ref)
        p, e = wrong["piper"], wrong["espeak-ng"]
        print(f"| {name} | {p[0]}/{p[1]} | {e[0]}/{e[1]} | {statistics.median(times):.2f} |")


if __name__ == "__main__":
    main()
