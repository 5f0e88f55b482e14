"""Our Wyoming TTS and ASR services against the reference servers, measured by a peer tool.

    .venv/bin/python scripts/bench_wyoming.py [--data ../shared/data/asr-dev] [--rounds 5]

Starts three processes on loopback, as a user would: `assistant serve` (the assistant's Piper and
Whisper), wyoming-piper (same joe voice, zero noise like ours) and wyoming-faster-whisper (same Whisper
tiny.en, int8, beam 1, 2 threads). wyoming-bench's measurement functions (the peer tool) time every
request; the servers take turns request by request, in alternating order each round, so a busy moment on
the shared machine hits both. Reported: medians, and ours / reference ratios (below 1 = ours faster).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
from pathlib import Path

from wyoming.asr import Transcribe
from wyoming.tts import SynthesizeVoice
from wyoming_bench.stt.client import measure_stt_once
from wyoming_bench.stt.corpus import load_corpus
from wyoming_bench.tts.client import measure_once

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.bench import wyoming_peers as peers  # noqa: E402

VOICE = "en_US-joe-medium"
# replies the assistant really says: one to three sentences
TEXTS = [
    "Okay.",
    "It's 7:45 PM.",
    "Timer set for 10 minutes.",
    "For how long?",
    "Today is Saturday, November 28, 2026.",
    "Your timer is done. It rang at 3:15 PM. Do you want another one?",
    "I found three Italian restaurants nearby. The closest is Da Enzo, about five minutes away on foot.",
]


def stt_corpus(data: Path | None, folder: Path) -> Path:
    """wyoming-bench's corpus layout (x.wav + x.txt) from the shared asr-dev clips."""
    corpus = folder / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    if data is None or not (data / "transcripts.tsv").is_file():
        raise SystemExit(
            f"error: no transcripts.tsv under {data}; pass --data DIR (the shared asr-dev folder)"
        )
    n = 0
    for line in (data / "transcripts.tsv").read_text().splitlines()[1:]:
        path, text, _ = line.split("\t")
        if not path.endswith(".wav"):
            continue
        n += 1
        name = f"clip_{n:02d}"
        (corpus / f"{name}.wav").symlink_to((data / path).resolve())
        (corpus / f"{name}.txt").write_text(text + "\n")
    return corpus


def med(values: list[float]) -> float | None:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


async def bench(ports: dict[str, dict[str, int]], corpus: Path, rounds: int) -> dict:
    samples = load_corpus(corpus)
    voice = SynthesizeVoice(name=VOICE)
    tts: dict[tuple[str, str], list] = {}
    stt: dict[str, list] = {}
    for p in ports.values():  # warm-up, untimed
        for mode in ("non_streaming", "streaming"):
            await measure_once("127.0.0.1", p["tts"], mode, TEXTS[1], voice, None, 10, 120)
        await measure_stt_once(
            "127.0.0.1", p["asr"], "non_streaming", samples[0], Transcribe(language="en"), 1024, 10, 120
        )
    for r in range(rounds):
        order = list(ports) if r % 2 == 0 else list(reversed(ports))
        for text in TEXTS:
            for mode in ("non_streaming", "streaming"):
                for name in order:
                    m = await measure_once("127.0.0.1", ports[name]["tts"], mode, text, voice, None, 10, 120)
                    if not m.ok:
                        raise SystemExit(f"error: {name} tts failed: {m.error}")
                    tts.setdefault((name, mode), []).append(m)
        for sample in samples:
            for name in order:
                m = await measure_stt_once(
                    "127.0.0.1",
                    ports[name]["asr"],
                    "non_streaming",
                    sample,
                    Transcribe(language="en"),
                    1024,
                    10,
                    120,
                )
                if not m.ok:
                    raise SystemExit(f"error: {name} asr failed: {m.error}")
                stt.setdefault(name, []).append(m)
        print(f"round {r + 1}/{rounds} done", file=sys.stderr, flush=True)

    out: dict = {"rounds": rounds, "texts": len(TEXTS), "clips": len(samples), "tts": {}, "asr": {}}
    for (name, mode), ms in tts.items():
        out["tts"].setdefault(mode, {})[name] = {
            "n": len(ms),
            "first_audio_s": med([m.ttft_s for m in ms]),
            "total_s": med([m.total_s for m in ms]),
            "rtf": med([m.rtf for m in ms]),
            "audio_s": round(sum(m.audio_duration_s for m in ms) / len(ms), 3),
        }
    for name, ms in stt.items():
        errors = sum(m.sub + m.ins + m.del_ for m in ms)
        words = sum(m.n_ref_words for m in ms)
        out["asr"][name] = {
            "n": len(ms),
            "total_s": med([m.total_s for m in ms]),
            "rtf": med([m.rtf for m in ms]),
            "wer": round(errors / words, 4) if words else None,
        }
    for by in out["tts"].values():
        for key in ("first_audio_s", "total_s", "rtf"):
            by[f"ratio_{key}"] = round(by["ours"][key] / by["reference"][key], 3)
    for key in ("total_s", "rtf"):
        out["asr"][f"ratio_{key}"] = round(out["asr"]["ours"][key] / out["asr"]["reference"][key], 3)
    return out


def table(res: dict) -> str:
    lines = [
        "| service | measure (median) | ours | reference | ours / reference |",
        "|---|---|---|---|---|",
    ]
    for mode, by in res["tts"].items():
        for key, label in (
            ("first_audio_s", "first audio, s"),
            ("total_s", "whole reply, s"),
            ("rtf", "RTF"),
        ):
            lines.append(
                f"| TTS {mode.replace('_', '-')} | {label} | {by['ours'][key]:.3f} | "
                f"{by['reference'][key]:.3f} | {by[f'ratio_{key}']:.2f} |"
            )
    a = res["asr"]
    lines.append(
        f"| ASR | transcript, s | {a['ours']['total_s']:.3f} | {a['reference']['total_s']:.3f} | "
        f"{a['ratio_total_s']:.2f} |"
    )
    lines.append(
        f"| ASR | RTF | {a['ours']['rtf']:.3f} | {a['reference']['rtf']:.3f} | {a['ratio_rtf']:.2f} |"
    )
    lines.append(f"| ASR | WER (all clips) | {a['ours']['wer']:.3f} | {a['reference']['wer']:.3f} | |")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--data",
        type=Path,
        default=ROOT.parent / "shared" / "data" / "asr-dev",
        help="folder with transcripts.tsv and WAV clips (default: the shared asr-dev set)",
    )
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--out", type=Path, help="write the results as JSON here")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-wyoming-") as tmp:
        folder = Path(tmp)
        corpus = stt_corpus(args.data, folder)
        config = folder / "assistant.toml"
        config.write_text(
            '[llm]\nenabled = false\n[tts]\ndeterministic = true\n[asr]\nengine = "whisper"\nthreads = 2\n'
        )
        ports = {"ours": {}, "reference": {}}
        ours = peers.free_port()
        ports["ours"] = {"tts": ours, "asr": ours}
        ports["reference"] = {"tts": peers.free_port(), "asr": peers.free_port()}
        procs = [
            peers.start_assistant_server(ours, config, folder / "ours.log"),
            peers.start_wyoming_piper(ports["reference"]["tts"], folder / "piper", folder / "piper.log"),
            peers.start_wyoming_faster_whisper(
                ports["reference"]["asr"], folder / "fw", 2, folder / "fw.log"
            ),
        ]
        try:
            for port, proc in zip(
                (ours, ports["reference"]["tts"], ports["reference"]["asr"]), procs, strict=True
            ):
                peers.wait_until_listening(port, proc)
            res = asyncio.run(bench(ports, corpus, args.rounds))
        finally:
            for proc in procs:
                peers.stop(proc)
    print(table(res))
    if args.out:
        args.out.write_text(json.dumps(res, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
