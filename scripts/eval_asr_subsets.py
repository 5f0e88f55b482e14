#!/usr/bin/env python
"""The default recognizer next to faster-whisper's standard decode of the same model, per subset.

    .venv/bin/python scripts/eval_asr_subsets.py ../shared/data/asr-dev

Every clip of transcripts.tsv (librivox, cards, misc, fsdd-train: spoken digits at 8 kHz) plus the four
micro_speech clips (yes, no, and noise and silence, which must give no words). "standard" is
`WhisperModel(path, compute_type="int8").transcribe(audio, language="en")` with faster-whisper's defaults
(beam 5, temperature fallback, its thresholds); "default" is the engine `assistant transcribe` uses with
the default config (or --config's, with its [audio] noise_suppression applied first, as the loop does). Per subset: clips transcribed exactly, words wrong (numerals read as words on both
sides), clips with a repetition loop (a word said 3 times in a row that the reference does not repeat)
and the median seconds per clip. --show lists the clips where the two differ.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_asr import word_errors  # noqa: E402

from assistant.audio.sources import read_wav  # noqa: E402
from assistant.text import normalize  # noqa: E402

NUMBERS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty"
).split()
MICRO_SPEECH = {"yes_1000ms.wav": "yes", "no_1000ms.wav": "no", "noise_1000ms.wav": "", "silence_1000ms.wav": ""}


def words(text: str) -> list[str]:
    """Normalized words, numerals up to 20 read as words (Whisper writes "0" for "zero")."""
    out = []
    for w in normalize(text).split():
        out.append(NUMBERS[int(w)] if w.isdigit() and int(w) < len(NUMBERS) else w)
    return out


def loops(ref: list[str], hyp: list[str]) -> bool:
    def longest_run(ws: list[str]) -> int:
        best = run = 0
        for i, w in enumerate(ws):
            run = run + 1 if i and ws[i - 1] == w else 1
            best = max(best, run)
        return best

    return longest_run(hyp) >= 3 and longest_run(hyp) > longest_run(ref)


def clips(data: Path) -> list[tuple[str, str, bytes, str]]:
    """(subset, path, 16 kHz PCM, reference) for every clip."""
    out = []
    for line in (data / "transcripts.tsv").read_text().splitlines()[1:]:
        path, text, *_ = line.split("\t")
        f = data / path
        pcm = f.read_bytes() if f.suffix == ".raw" else read_wav(f).tobytes()
        out.append((path.split("/")[0], path, pcm, text))
    micro = data / "kws_tflite_micro_speech"
    for name, text in MICRO_SPEECH.items():
        if (micro / name).is_file():
            out.append(("micro_speech", f"{micro.name}/{name}", read_wav(micro / name).tobytes(), text))
    return out


def main() -> None:
    import numpy as np
    from faster_whisper import WhisperModel

    from assistant.asr import create_engine
    from assistant.asr.whisper_engine import default_whisper_path
    from assistant.config import load_config

    ap = argparse.ArgumentParser()
    ap.add_argument("data", type=Path)
    ap.add_argument("--show", action="store_true", help="list the clips where the two decodes differ")
    ap.add_argument("--config", help="a config file for the default engine (its [asr], [vad], names)")
    ap.add_argument("--hotwords", help="override the names prompt ('' for none)")
    ap.add_argument("--settled", action="store_true", help="noise suppression: play each clip once first")
    args = ap.parse_args()
    config = load_config(args.config)
    engine = create_engine(config)
    whisper = getattr(engine, "final_engine", engine)
    if args.hotwords is not None:
        whisper.set_hotwords(args.hotwords)
    print(f"default engine: {engine.name}, hotwords {whisper.hotwords!r}\n")
    model = WhisperModel(config.asr.whisper_model or default_whisper_path(), compute_type="int8", cpu_threads=2)

    def standard(pcm: bytes) -> str:
        audio = np.frombuffer(pcm, dtype=np.int16).astype(np.float32) / 32768.0
        segments, _ = model.transcribe(audio, language="en")
        return " ".join(s.text for s in segments)

    def default(pcm: bytes) -> str:
        level = config.audio.noise_suppression
        if level is None:
            return engine.transcribe(pcm)
        # the loop's path: each clip through a fresh suppressor (no noise estimate yet: the hard case),
        # or --settled
        from assistant.audio.denoise import NoiseSuppression
        from assistant.audio.sources import frames_from_pcm

        ns = NoiseSuppression(level)
        frames = list(frames_from_pcm(np.frombuffer(pcm, dtype=np.int16), 0.0))
        if args.settled:  # the clip heard once first: the noise estimate of a microphone left open
            for f in frames:
                ns.clean(f)
        return engine.transcribe(b"".join(ns.clean(f).pcm for f in frames)[: len(pcm)])

    decoders = {"standard": standard, "default": default}
    engine.transcribe(b"\0" * 32000)  # the first pass pages the model in
    standard(b"\0" * 32000)
    # subset -> decoder -> [exact, words wrong, ref words, loops, times]
    stats: dict[str, dict[str, list]] = defaultdict(lambda: {d: [0, 0, 0, 0, []] for d in decoders})
    diffs = []
    for subset, path, pcm, text in clips(args.data):
        ref = words(text)
        hyps = {}
        for name, decode in decoders.items():
            t = time.perf_counter()
            hyp = words(decode(pcm))
            took = time.perf_counter() - t
            s = stats[subset][name]
            s[0] += hyp == ref
            s[1] += word_errors(ref, hyp)
            s[2] += len(ref)
            s[3] += loops(ref, hyp)
            s[4].append(took)
            hyps[name] = hyp
        if hyps["standard"] != hyps["default"]:
            diffs.append((path, text, *(" ".join(h) for h in hyps.values())))
    print("| subset | clips | exact: standard / default | words wrong: standard / default | loops | "
          "median s per clip: standard / default |")
    print("|---|---|---|---|---|---|")
    total: dict[str, list] = {d: [0, 0, 0, 0, []] for d in decoders}
    for subset, per in [*stats.items(), ("all", total)]:
        if subset != "all":
            for name, s in per.items():
                for i in range(4):
                    total[name][i] += s[i]
                total[name][4] += s[4]
        st, de = per["standard"], per["default"]
        print(
            f"| {subset} | {len(st[4])} | {st[0]} / {de[0]} | {st[1]}/{st[2]} / {de[1]}/{de[2]} | "
            f"{st[3]} / {de[3]} | {statistics.median(st[4]):.2f} / {statistics.median(de[4]):.2f} |"
        )
    if args.show:
        print("\n| clip | reference | standard | default |\n|---|---|---|---|")
        for row in diffs:
            print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
