"""`assistant eval wake DIR`: hits, false accepts and false accepts per hour of other speech, per engine
and phrase, through the same WakeGate the loop uses.

DIR holds manifest.jsonl (the format of wakeword-dev: {"path", "kind": "wake_word" | other,
"wake_word"}) and the clips. Each wake clip is played alone with 1 s of silence either side; the
latency is the wake decision's time after the end of the speech in the clip (the last 10 ms frame
within 30 dB of the clip's loudest). The negatives (DIR's other clips, every WAV under --negatives
folders, and --synth sentences spoken by Piper and espeak-ng voices) are played end to end as one
stream with 0.5 s gaps, as a microphone would hear them, with the configured refractory period.
Phrases with no recordings in DIR get synthesized positives (Piper, as in calibration) and say so;
their latency is measured on the clips of the phrase alone.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..audio.sources import frames_from_pcm, read_wav
from ..errors import UserError
from ..text import normalize
from .calibrate import CARRIERS, ESPEAK_VOICES, PERTURB, espeak_pcm, positive_clips

SR = 16000
PAD_S = 1.0


@dataclass
class Row:
    engine: str
    phrase: str
    positives: str  # "recordings" or "synthesized"
    n_pos: int = 0
    hits: int = 0
    latencies: list[float] = field(default_factory=list)
    negative_s: float = 0.0
    false_accepts: int = 0
    confirm_s: list[float] = field(default_factory=list)

    def as_dict(self) -> dict:
        lat = sorted(self.latencies)
        return {
            "engine": self.engine,
            "phrase": self.phrase,
            "positives": self.positives,
            "hits": self.hits,
            "n": self.n_pos,
            "false_rejects": round(1 - self.hits / self.n_pos, 3) if self.n_pos else None,
            "latency_p50_s": round(lat[len(lat) // 2], 3) if lat else None,
            "latency_max_s": round(lat[-1], 3) if lat else None,
            "negative_h": round(self.negative_s / 3600, 3),
            "false_accepts": self.false_accepts,
            "fa_per_hour": round(self.false_accepts * 3600 / self.negative_s, 2) if self.negative_s else None,
            # the second check's runs (listen/confirm.py or verify.py) over positives and negatives
            "checks": len(self.confirm_s),
            "check_p50_s": round(float(np.percentile(self.confirm_s, 50)), 3) if self.confirm_s else None,
            "check_p90_s": round(float(np.percentile(self.confirm_s, 90)), 3) if self.confirm_s else None,
        }


def read_manifest(folder: Path) -> list[dict]:
    path = folder / "manifest.jsonl"
    if not path.is_file():
        raise UserError(f"{folder} has no manifest.jsonl; give a folder laid out like wakeword-dev")
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            row["path"], row["kind"]  # noqa: B018 (both are required)
        except (json.JSONDecodeError, KeyError, TypeError):
            raise UserError(f'{path} line {n} is not a JSON object with "path" and "kind"') from None
        rows.append(row)
    return rows


def clip_phrase(row: dict, phrases: list[str]) -> str:
    """The manifest's wake_word, matched to a phrase ignoring spaces ("heycomputer" is "hey computer")."""
    said = normalize(str(row.get("phrase") or row.get("wake_word") or "")).replace(" ", "")
    for p in phrases:
        if p.replace(" ", "") == said:
            return p
    return normalize(str(row.get("phrase") or row.get("wake_word") or ""))


def speech_end_s(pcm: np.ndarray) -> float:
    frames = pcm[: len(pcm) // 160 * 160].astype(np.float32).reshape(-1, 160)
    rms = np.sqrt((frames**2).mean(axis=1) + 1e-9)
    loud = np.flatnonzero(rms > rms.max() / 31.6)  # within 30 dB of the loudest 10 ms
    return (int(loud[-1]) + 1) * 0.01 if loud.size else len(pcm) / SR


def play(gate, pcm: np.ndarray, denoise: int | None = None) -> list[float]:
    """Times (s, from the start of pcm) at which the gate woke. The gate's clock runs on across calls
    (its refractory period compares times), so each clip starts where the last one ended. `denoise`:
    the loop's [audio] noise_suppression level, applied to the frames first as the loop does."""
    from ..audio.denoise import noise_suppression

    ns = noise_suppression(denoise)
    t0 = gate.clip_end + 10.0  # past any refractory period
    hits = []
    for f in frames_from_pcm(pcm, t0):
        if gate.accept((ns.clean(f) if ns else f).pcm, f.t):
            hits.append(f.t - t0 + len(f.pcm) / 2 / SR)  # decided once this frame was heard
    gate.reset()
    gate.clip_end = t0 + len(pcm) / SR
    return hits


def wav_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise UserError(f"--negatives {folder} is not a folder")
    return sorted(folder.rglob("*.wav"))


def synth_negatives(sentences: list[str], phrases: list[str], voice: str | None) -> list[np.ndarray]:
    from ..audio.sources import to_pcm16
    from ..tts.piper_tts import PiperTts

    words = {w for p in phrases for w in p.split()}
    keep = [s for s in sentences if not words & set(normalize(s).split())]
    tts = PiperTts(voice)
    out = [to_pcm16(tts.synthesize_all(s), tts.sample_rate) for s in keep]
    for v, speed in ESPEAK_VOICES:
        out += [espeak_pcm(s, v, speed) for s in keep]
    return out


def evaluate(
    folder: Path,
    engines: list[tuple[str, list[str]]],
    make_gate,
    negatives: list[Path],
    synth: list[str],
    voice: str | None = None,
    progress=None,
    denoise: int | None = None,
) -> list[Row]:
    """engines: [(engine, phrases)]; make_gate(engine, phrase) -> WakeGate."""
    say = progress or (lambda _m: None)
    rows = read_manifest(folder)
    all_phrases = sorted({p for _, ps in engines for p in ps})
    wake_rows = [r for r in rows if r["kind"] == "wake_word"]
    other = [read_wav(folder / r["path"]) for r in rows if r["kind"] != "wake_word"]
    for d in negatives:
        other += [read_wav(p) for p in wav_files(d)]
    if synth:
        say(f"synthesizing {len(synth)} sentences x {1 + len(ESPEAK_VOICES)} voices")
        other += synth_negatives(synth, all_phrases, voice)
    gap = np.zeros(SR // 2, dtype=np.int16)
    stream = np.concatenate([x for clip in other for x in (clip, gap)]) if other else np.zeros(0, np.int16)
    pad = np.zeros(int(PAD_S * SR), dtype=np.int16)
    results = []
    for engine, phrases in engines:
        for phrase in phrases:
            recorded = [read_wav(folder / r["path"]) for r in wake_rows if clip_phrase(r, phrases) == phrase]
            kind = "recordings" if recorded else "synthesized"
            positives = recorded or list(positive_clips(phrase, voice))
            # latency needs the phrase's end: a synthesized phrase leading a command has none to measure
            alone = [True] * len(recorded) or [
                (i // len(PERTURB)) % len(CARRIERS) == 0 for i in range(len(positives))
            ]
            row = Row(engine, phrase, kind, n_pos=len(positives))
            gate = make_gate(engine, phrase)
            say(f"{engine} {phrase!r}: {len(positives)} {kind} positives, {len(stream) / SR / 60:.1f} min negatives")
            for pcm, only_phrase in zip(positives, alone, strict=True):
                hits = play(gate, np.concatenate([pad, pcm, pad]), denoise)
                if hits:
                    row.hits += 1
                    if only_phrase:
                        row.latencies.append(hits[0] - PAD_S - speech_end_s(pcm))
            t = time.perf_counter()
            gate.refractory_s = max(gate.refractory_s, 2.0)
            row.false_accepts = len(play(gate, stream, denoise))
            row.negative_s = len(stream) / SR
            row.confirm_s = list(getattr(gate.spotter, "check_s", []))
            say(f"  negatives took {time.perf_counter() - t:.0f} s")
            results.append(row)
    return results


def markdown(rows: list[Row]) -> str:
    lines = [
        "| engine | phrase | positives | hits | false rejects | wake after phrase end p50 / max (s) "
        "| hours of other speech | false accepts | per hour | checks (p50 / p90 s) |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        d = r.as_dict()
        lat = f"{d['latency_p50_s']} / {d['latency_max_s']}" if d["latency_p50_s"] is not None else "-"
        fr = f"{d['false_rejects']:.1%}" if d["false_rejects"] is not None else "-"
        lines.append(
            f"| {r.engine} | {r.phrase} | {d['positives']} | {r.hits}/{r.n_pos} | {fr} | {lat} "
            f"| {d['negative_h']} | {r.false_accepts} | {d['fa_per_hour']} "
            f"| {d['checks']} ({d['check_p50_s']} / {d['check_p90_s']}) |"
        )
    return "\n".join(lines)
