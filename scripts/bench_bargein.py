"""Barge-in on synthesized rooms: Piper replies echoed back with sox (delay, attenuation, reverberation),
alone and with a stop phrase (Piper: the same voice as the reply, the hardest case for a canceller that
must keep the user) or a real recording of the wake word (data/wakeword-dev) said over them.

Reports: how often a phrase over a reply is caught and how long after the phrase ends, how often the echo
alone triggers anything, and the echo canceller's CPU time per second of audio on this machine.

    .venv/bin/python scripts/bench_bargein.py [--replies 20] [--json OUT.json]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.audio import SAMPLE_RATE  # noqa: E402
from assistant.audio.room import REPLIES, echo_room, mix  # noqa: E402
from assistant.audio.sources import frames_from_pcm, read_wav, to_pcm16  # noqa: E402
from assistant.config import load_config  # noqa: E402
from assistant.events import Event  # noqa: E402
from assistant.listen.bargein import EchoCanceller  # noqa: E402
from assistant.pipeline import Pipeline  # noqa: E402
from assistant.runtime import load_runtime  # noqa: E402
from assistant.tts.output import WavOutput  # noqa: E402
from assistant.wyoming.satellite import FileClock  # noqa: E402


def play_over(runtime, text: str, mic: np.ndarray) -> list[Event]:
    """Speak `text` from audio-clock 0 while `mic` is the microphone; the events of the whole run."""
    events: list[Event] = []
    with tempfile.TemporaryDirectory() as tmp:
        pipe = Pipeline(runtime, events.append, WavOutput(tmp), barge_in=True)
        pipe.clock = FileClock()  # the reply starts at 0, as the mixed microphone audio has it
        frames = pipe.attach(frames_from_pcm(mic))
        pipe.speak(text)
        for frame in frames:
            pipe.feed(frame)
        pipe.flush()
    return events


def recorded(folder: str) -> list[np.ndarray]:
    wavs = sorted(Path(folder).glob("*.wav"))
    if not wavs:  # the wake phrase would silently drop out of the measurement
        sys.exit(f"no WAV recordings in {folder}: pass --wake-dir DIR (or --synth-wake)")
    return [read_wav(wav) for wav in wavs]


def synthesized(rt, phrase: str) -> list[np.ndarray]:
    """The phrase as four espeak-ng voices and Piper say it, each at 1.0, 0.9 and 1.1 times its speed."""
    from assistant.listen.calibrate import ESPEAK_VOICES, espeak_pcm, perturb

    voices = [espeak_pcm(phrase, v, speed) for v, speed in ESPEAK_VOICES]
    voices.append(to_pcm16(rt.tts.synthesize_all(phrase.capitalize() + "."), rt.tts.sample_rate))
    return [perturb(pcm, f) for pcm in voices for f in (1.0, 0.9, 1.1)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--replies", type=int, default=20)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--json", metavar="OUT.json")
    ap.add_argument("--min-near-end-db", type=float, help="override [barge_in] min_near_end_db")
    ap.add_argument("--wake-threshold", type=float, help="override [barge_in] wake_threshold")
    ap.add_argument("--engine", choices=["kws", "micro", "openwakeword"], help="override [wake] engine")
    ap.add_argument(
        "--echo-down-db", type=float, default=0.0,
        help="every room's echo this many dB quieter (a user nearer the microphone than the speaker)",
    )
    ap.add_argument(
        "--end-lead-s", type=float,
        help="say the phrase so that its voice starts this long before the reply ends (default: a second in)",
    )
    ap.add_argument("--phrase", help="override [wake] phrases with this one (match --wake-dir's recordings)")
    ap.add_argument(
        "--wake-dir", default=str(Path(__file__).resolve().parents[2] / "shared/data/wakeword-dev/heycomputer/en"),
        help="real recordings of the wake phrase (default: ../shared/data/wakeword-dev/heycomputer/en)",
    )
    ap.add_argument(
        "--synth-wake",
        action="store_true",
        help="the wake phrase spoken by Piper and four espeak-ng voices at 0.9/1.0/1.1 speed, not --wake-dir",
    )
    args = ap.parse_args()
    overrides = {"tts.deterministic": True, "llm.enabled": False, "vad.follow_up_s": 0.0}
    if args.wake_threshold is not None:
        overrides["barge_in.wake_threshold"] = args.wake_threshold
    if args.engine:
        overrides["wake.engine"] = args.engine
    if args.phrase:
        overrides["wake.phrases"] = [args.phrase]
    if args.min_near_end_db is not None:
        overrides["barge_in.min_near_end_db"] = args.min_near_end_db
    config = load_config(None, overrides)
    rt = load_runtime(config, speech=True)
    rt.wait_ready()
    rng = random.Random(args.seed)
    tmp = Path(tempfile.mkdtemp(prefix="bargein-"))
    said = {p: to_pcm16(rt.tts.synthesize_all(p.capitalize() + "."), rt.tts.sample_rate) for p in config.barge_in.stop_phrases}
    for n, pcm in enumerate(synthesized(rt, config.wake.phrases[0]) if args.synth_wake else recorded(args.wake_dir)):
        said[f"{config.wake.phrases[0]} #{n}"] = pcm
    phrases = list(said)
    false_triggers, caught, late = 0, 0, []
    cpu_s, audio_s = 0.0, 0.0
    rows = []
    for i in range(args.replies):
        text = REPLIES[i % len(REPLIES)]
        reply = to_pcm16(rt.tts.synthesize_all(text), rt.tts.sample_rate)
        delay, gain, rev = rng.uniform(20, 200), rng.uniform(-12, -3) - args.echo_down_db, rng.randint(10, 50)
        echo = echo_room(reply, tmp, delay, gain, rev)
        length = len(echo) + SAMPLE_RATE
        alone = play_over(rt, text, mix(length, (echo, 0)))
        bad = [f"{e.type} {e.text or ''}" for e in alone if e.type in ("barge_in", "wake", "vad_start", "asr_final")]
        false_triggers += bool(bad)
        # a phrase from a second into the reply (or its middle, for short ones)
        phrase = rng.choice(phrases)
        voice = said[phrase]
        voiced = np.flatnonzero(np.abs(voice.astype(np.int32)) > 0.05 * np.abs(voice).max())
        if args.end_lead_s is None:
            at = min(SAMPLE_RATE, max(0, len(reply) // 2 - len(voice) // 2))
        else:  # the voice starts end_lead_s before the reply ends
            at = max(0, len(reply) - int(voiced[0] if len(voiced) else 0) - int(args.end_lead_s * SAMPLE_RATE))
        phrase_end = (at + (voiced[-1] if len(voiced) else len(voice))) / SAMPLE_RATE
        over = play_over(rt, text, mix(max(length, at + len(voice) + SAMPLE_RATE), (echo, 0), (voice, at)))
        hit = next((e for e in over if e.type == "barge_in"), None)
        if hit is not None:
            caught += 1
            late.append(hit.t - phrase_end)
        rows.append(
            {"reply": text, "delay_ms": round(delay), "gain_db": round(gain, 1), "reverberance": rev,
             "echo_alone": bad, "phrase": phrase, "caught": hit is not None,
             "after_phrase_end_s": round(hit.t - phrase_end, 3) if hit else None}
        )
        # the canceller alone, for its cost
        aec = EchoCanceller()
        far = np.zeros(length, dtype=np.int16)
        far[: len(reply)] = reply
        near = mix(length, (echo, 0))
        t0 = time.thread_time()
        for j in range(0, length - 479, 480):
            aec.process(near[j : j + 480], far[j : j + 480])
        cpu_s += time.thread_time() - t0
        audio_s += length / SAMPLE_RATE
        print(json.dumps(rows[-1]), flush=True)
    summary = {
        "replies": args.replies,
        "echo_down_db": args.echo_down_db,
        "end_lead_s": args.end_lead_s,
        "echo_alone_triggered": false_triggers,
        "phrase_caught": caught,
        "after_phrase_end_s_max": round(max(late), 3) if late else None,
        "after_phrase_end_s_mean": round(float(np.mean(late)), 3) if late else None,
        "after_phrase_end_s_p50": round(float(np.percentile(late, 50)), 3) if late else None,
        "after_phrase_end_s_p90": round(float(np.percentile(late, 90)), 3) if late else None,
        "aec_cpu_ms_per_audio_s": round(1000 * cpu_s / audio_s, 2),
    }
    print(json.dumps(summary))
    if args.json:
        Path(args.json).write_text(json.dumps({"summary": summary, "rows": rows}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
