"""Per-phrase wake-word calibration: the spotter's score cut-off chosen from measurements, not a constant.

Positives: the phrase synthesized by the Piper voice at several speaking rates, alone and leading a
command, each also speed-perturbed (resampled +-10%, which moves pitch and tempo like another speaker).
Negatives: the sentences the package ships (routing/routing_examples.yaml, what people say to an
assistant) that do not contain a word of the phrase, spoken by Piper and by several espeak-ng voices at
several speeds. Every clip is scored once (the best keyphrase score in it, every candidate counted), so
the cut-off can be chosen afterwards without decoding again.

The result is a small JSON per phrase in the data folder's wake/ (doctor shows it; the spotter reads it).
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import re
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import yaml

from ..audio.sources import to_pcm16
from ..text import normalize


def calibration_dir() -> Path:
    """The user's data folder (not the cache: a calibration takes minutes to redo)."""
    from ..paths import data_dir

    return data_dir() / "wake"


VERSION = 2  # bump when the clips or the rule change: older files are then recalibrated
SR = 16000
# above the best-scoring negative by this much (score units: log10 of the detection probability; 0.01
# is ~10 decades of kws_threshold): the negatives are a few minutes, the loop hears hours
MARGIN = 0.01
# when no negative comes near, every candidate the search reports counts (it reports none below ~-0.125)
FLOOR_SCORE = -0.2
LENGTH_SCALES = (0.8, 1.0, 1.25)
PERTURB = (0.9, 1.0, 1.1)
CARRIERS = ("{p}.", "{p}, what time is it?", "{p}, set a timer for five minutes.")
# espeak-ng voices and speeds (words per minute) for the negatives: other timbres than Piper's one voice
ESPEAK_VOICES = (("en-us", 150), ("en-gb-x-rp+m3", 180), ("en-us+f3", 130), ("en-029+m2", 165))
NEGATIVE_SENTENCES = 100  # per voice; ~2 s each


@dataclass
class Calibration:
    phrase: str
    min_score: float
    positives: int
    hits: int
    negative_s: float
    false_accepts: int
    voices: list[str] = field(default_factory=list)
    seconds: float = 0.0  # how long calibrating took
    version: int = VERSION
    # the lowest score among the synthesized positives (None: calibrated before it was kept)
    weakest_positive: float | None = None

    def sure_score(self, checked: bool) -> float:
        """The score at which a detection wakes at once. Alone, min_score: real voices score below the
        synthesized one, so the positives must not move it up. With the recognizer checking what scores
        below (listen/verify.py), also the weakest synthesized positive's score: when no negative of the
        calibration came near (min_score is the floor), that is the one score known to hold the phrase,
        and candidates below it are where other speech and the phrase mix."""
        if not checked or self.weakest_positive is None:
            return self.min_score
        return max(self.min_score, self.weakest_positive)

    @property
    def fa_per_hour(self) -> float:
        return self.false_accepts * 3600 / self.negative_s if self.negative_s else math.inf

    @property
    def fa_per_hour_bound(self) -> float:
        """95% upper bound on false accepts per hour (Poisson; 3/T when none were seen)."""
        hours = self.negative_s / 3600
        return (self.false_accepts + 3) / hours if hours else math.inf  # rough: k + 3 covers k <= 5 well

    def summary(self) -> str:
        weakest = f" (weakest {self.weakest_positive:.3f})" if self.weakest_positive is not None else ""
        return (
            f"min score {self.min_score:.3f}: {self.hits}/{self.positives} synthesized positives{weakest}, "
            f"{self.false_accepts} false accepts in {self.negative_s / 60:.1f} min of other speech "
            f"(expected < {self.fa_per_hour_bound:.0f}/hour at 95% from this sample)"
        )


def calibration_path(phrase: str, folder: Path | None = None) -> Path:
    slug = re.sub(r"[^a-z0-9]+", "-", normalize(phrase)).strip("-") or "phrase"
    digest = hashlib.sha1(normalize(phrase).encode()).hexdigest()[:8]  # any script: slug may be empty
    return (folder or calibration_dir()) / f"{slug}-{digest}.json"


def load_calibration(phrase: str, folder: Path | None = None) -> Calibration | None:
    path = calibration_path(phrase, folder)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        cal = Calibration(**data)
    except (OSError, ValueError, TypeError):
        return None
    return cal if cal.version == VERSION and cal.phrase == normalize(phrase) else None


def save_calibration(cal: Calibration, folder: Path | None = None) -> Path:
    path = calibration_path(cal.phrase, folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(asdict(cal), indent=1) + "\n", encoding="utf-8")
    tmp.replace(path)
    return path


def shipped_sentences() -> list[str]:
    """Everything people say to the assistant that the package ships as text (the router's examples)."""
    data = yaml.safe_load((Path(__file__).parent.parent / "routing" / "routing_examples.yaml").read_text())
    out: list[str] = []
    for rows in data.values():
        out += [str(r) for r in rows] if isinstance(rows, list) else [str(r) for v in rows.values() for r in v]
    return out


def negative_sentences(phrase: str, n: int = NEGATIVE_SENTENCES) -> list[str]:
    """Shipped sentences without any word of the phrase, spread over the whole list."""
    words = set(normalize(phrase).split())
    rows = [s for s in shipped_sentences() if not words & set(normalize(s).split())]
    step = max(1, len(rows) // n)
    return rows[::step][:n]


def espeak_pcm(text: str, voice: str, speed: int) -> np.ndarray:
    import soundfile

    out = subprocess.run(
        ["espeak-ng", "-v", voice, "-s", str(speed), "--stdout", text], capture_output=True, check=True
    ).stdout
    pcm, rate = soundfile.read(io.BytesIO(out), dtype="int16")
    return to_pcm16(pcm, rate)


def perturb(pcm: np.ndarray, factor: float) -> np.ndarray:
    """Speed perturbation: played `factor` times faster (pitch moves with it), as in ASR augmentation."""
    if factor == 1.0:
        return pcm
    import soxr

    return soxr.resample(pcm.astype(np.float32), SR * factor, SR).clip(-32768, 32767).astype(np.int16)


def positive_clips(phrase: str, piper_voice: str | None = None) -> Iterator[np.ndarray]:
    from ..tts.piper_tts import PiperTts

    text = normalize(phrase).capitalize()
    for scale in LENGTH_SCALES:
        tts = PiperTts(piper_voice, length_scale=scale)
        for carrier in CARRIERS:
            pcm = to_pcm16(tts.synthesize_all(carrier.format(p=text)), tts.sample_rate)
            for f in PERTURB:
                yield perturb(pcm, f)


def negative_clips(
    phrase: str,
    piper_voice: str | None = None,
    n: int = NEGATIVE_SENTENCES,
    espeak_voices: tuple[tuple[str, int], ...] = ESPEAK_VOICES,
) -> Iterator[tuple[str, np.ndarray]]:
    from ..tts.piper_tts import PiperTts

    sentences = negative_sentences(phrase, n)
    tts = PiperTts(piper_voice)
    for s in sentences:
        yield "piper", to_pcm16(tts.synthesize_all(s), tts.sample_rate)
    if shutil.which("espeak-ng"):
        for voice, speed in espeak_voices:
            for s in sentences:
                yield f"espeak-ng:{voice}@{speed}", espeak_pcm(s, voice, speed)


def choose_min_score(positive: list[float], negative: list[float]) -> float:
    """Just above the best-scoring negative (plus MARGIN). Synthesized positives score higher than real
    voices do, so they are reported, not used to move the cut-off up."""
    top = max(negative, default=-math.inf)
    return round(max(top + MARGIN, FLOOR_SCORE), 4)


def best_score(gate, pcm: np.ndarray) -> float:
    """The best detection score in a clip (padded with 0.5 s of silence), heard through the same VAD
    gate and streaming search as in the loop (whole-clip decoding normalizes differently and scores
    real recordings lower). The spotter counts every candidate: each one is a "hit" that resets it."""
    from ..audio.sources import frames_from_pcm

    z = np.zeros(SR // 2, dtype=np.int16)
    best = -math.inf
    t0 = gate.clip_end + 10.0  # past the refractory period
    for f in frames_from_pcm(np.concatenate([z, pcm, z]), t0):
        if gate.accept(f.pcm, f.t):
            best = max(best, gate.spotter.last[1])
    gate.reset()
    gate.clip_end = t0 + len(pcm) / SR + 1.0
    return best


def calibrate(
    phrase: str,
    piper_voice: str | None = None,
    progress: Callable[[str], None] | None = None,
    n_sentences: int = NEGATIVE_SENTENCES,
    espeak_voices: tuple[tuple[str, int], ...] = ESPEAK_VOICES,
) -> Calibration:
    from .vad import Endpointer
    from .wake import PocketsphinxWake, WakeGate

    started = time.monotonic()
    phrase = normalize(phrase)
    say = progress or (lambda _m: None)
    spotter = PocketsphinxWake([phrase], 1e-30, min_scores={phrase: -math.inf})
    gate = WakeGate(spotter, Endpointer(), refractory_s=0.0)
    say(f"positives: {phrase!r} synthesized with Piper")
    pos = [best_score(gate, pcm) for pcm in positive_clips(phrase, piper_voice)]
    say("negatives: shipped sentences spoken by Piper and espeak-ng voices")
    neg: list[float] = []
    voices: set[str] = set()
    seconds = 0.0
    for voice, pcm in negative_clips(phrase, piper_voice, n_sentences, espeak_voices):
        voices.add(voice)
        seconds += len(pcm) / SR
        neg.append(best_score(gate, pcm))
    cut = choose_min_score(pos, neg)
    return Calibration(
        phrase=phrase,
        min_score=cut,
        positives=len(pos),
        hits=sum(s >= cut for s in pos),
        negative_s=round(seconds, 1),
        false_accepts=sum(s >= cut for s in neg),
        voices=sorted(voices),
        seconds=round(time.monotonic() - started, 1),
        weakest_positive=round(min(pos), 4) if pos else None,
    )
