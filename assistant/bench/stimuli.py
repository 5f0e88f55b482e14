"""What `assistant bench` plays: a command set (a packaged one or a user's JSONL file) and its sound.

A set is JSONL, one command per line: `{"text": ..., "intent": ...}` is spoken by the Piper voice
(synthesized once, cached as WAV), `{"wav": ..., "intent": ...}` is a recording (any rate and channel
count, resampled to 16 kHz mono; a relative path is read from the JSONL file's folder). `intent` is the
skill (or `other`) the command is for; it may be left out, and the turn is then not scored. Packaged
sets (assistant/bench/sets/, see SOURCE.md there): `default` (40 commands drawn from public datasets),
`classic` (the eight hand-picked ones); `"quick": true` marks the rows of `--quick`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import soundfile

from .. import paths
from ..audio import FRAME_SAMPLES, SAMPLE_RATE
from ..audio.sources import read_wav, to_pcm16
from ..errors import UserError
from ..text import normalize
from .jsonl import json_lines

SETS = Path(__file__).with_name("sets")
DEFAULT_SET = "default"
LEAD_S, TRAIL_S = 0.3, 1.0  # silence before and after each command, as a microphone hears it
SHAPE = 'JSON object with "text" (words to speak) or "wav" (a recording), and "intent"'


@dataclass(frozen=True)
class Command:
    text: str | None = None  # spoken by the voice
    wav: Path | None = None  # or a recording
    intent: str | None = None  # the skill it is for (None: not scored)
    quick: bool = False

    @property
    def name(self) -> str:
        """How reports name it: its words, or the recording's path (two folders may hold a.wav)."""
        return self.text if self.text is not None else str(self.wav or "")


@dataclass(frozen=True)
class Stimulus:
    command: Command
    pcm: np.ndarray  # 16 kHz int16, lead silence + speech + trailing silence
    speech_end_s: float  # end of the last voiced frame

    @property
    def text(self) -> str:
        return self.command.name

    @property
    def duration_s(self) -> float:
        return len(self.pcm) / SAMPLE_RATE


def named_sets() -> list[str]:
    return sorted(p.stem for p in SETS.glob("*.jsonl"))


def packaged_texts() -> set[str]:
    """The normalized text of every spoken command of the packaged sets: the training scripts leave
    them out, so no model has memorized what `assistant bench` asks."""
    out = set()
    for path in sorted(SETS.glob("*.jsonl")):
        out |= {normalize(str(row["text"])) for _, row in json_lines(path, '"text"') if "text" in row}
    return out


def set_path(spec: str | None) -> Path:
    """A named set's packaged file, or the user's own JSONL file."""
    spec = spec or DEFAULT_SET
    if spec in named_sets():
        return SETS / f"{spec}.jsonl"
    path = Path(spec).expanduser()
    if path.is_dir():
        raise UserError(
            f"--commands {spec} is a folder; give a JSONL file or a named set ({', '.join(named_sets())})"
        )
    if not path.is_file():
        raise UserError(
            f"--commands {spec}: no such file and no named set of that name (named sets: {', '.join(named_sets())})"
        )
    return path


def read_commands(path: Path, skills: Iterable[str] | None = None) -> list[Command]:
    """The commands of a JSONL file, each line checked: one bad line is one clear error."""
    known = set(skills) | {"other"} if skills is not None else None
    out = []
    for n, row in json_lines(path, SHAPE):
        where = f"{path} line {n}"
        if not isinstance(row, dict):
            raise UserError(f"{where} is not a {SHAPE}")
        text, wav, intent = row.get("text"), row.get("wav"), row.get("intent")
        if (text is None) == (wav is None):
            raise UserError(f'{where} needs exactly one of "text" and "wav"')
        for key, value in (("text", text), ("wav", wav), ("intent", intent)):
            if value is not None and (not isinstance(value, str) or not value.strip()):
                raise UserError(f'{where}: "{key}" must be a non-empty string')
        if known is not None and intent is not None and intent not in known:
            raise UserError(
                f"{where}: intent {intent!r} is no skill here; use one of {', '.join(sorted(known))}"
            )
        recording = None
        if wav is not None:
            recording = Path(wav).expanduser()
            recording = recording if recording.is_absolute() else path.parent / recording
            if not recording.is_file():
                raise UserError(f"{where}: recording {recording} does not exist")
        out.append(Command(text.strip() if text else None, recording, intent, bool(row.get("quick"))))
    return out


def load_commands(
    spec: str | None, quick: bool = False, skills: Iterable[str] | None = None
) -> list[Command]:
    """The commands `--commands SPEC` (a named set or a file; the default set if None) and `--quick` ask
    for: with --quick, the rows marked `"quick": true`."""
    path = set_path(spec)
    commands = read_commands(path, skills)
    if quick:
        commands = [c for c in commands if c.quick]
        if not commands:
            raise UserError(
                f'--quick plays the rows marked "quick": true, and {path} marks none; drop --quick'
            )
    return commands


# -- sound -----------------------------------------------------------------------------------------
def cache_dir() -> Path:
    return paths.cache_dir() / "bench"


def last_voiced_s(pcm: np.ndarray, aggressiveness: int) -> float:
    import webrtcvad

    vad = webrtcvad.Vad(aggressiveness)
    last = 0.0
    for i in range(0, len(pcm) - FRAME_SAMPLES + 1, FRAME_SAMPLES):
        if vad.is_speech(pcm[i : i + FRAME_SAMPLES].tobytes(), SAMPLE_RATE):
            last = (i + FRAME_SAMPLES) / SAMPLE_RATE
    return last


def padded(speech: np.ndarray) -> np.ndarray:
    lead, trail = (
        np.zeros(int(LEAD_S * SAMPLE_RATE), np.int16),
        np.zeros(int(TRAIL_S * SAMPLE_RATE), np.int16),
    )
    return np.concatenate([lead, speech, trail])


def spoken(text: str, voice_name: str, voice_factory) -> np.ndarray:
    """The voice's speech of `text` at 16 kHz, synthesized once (a deterministic voice) and cached."""
    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    # a readable name for the usual short command, a digest for what a file system could not hold
    stem = text.replace(" ", "_")
    if len(stem) > 80 or not all(c.isalnum() or c in "_'-" for c in stem):
        stem = stem[:40].replace("/", "_") + "-" + hashlib.sha1(text.encode()).hexdigest()[:12]
    path = folder / f"{voice_name}-{stem}.wav"
    if path.is_file():
        speech, _ = soundfile.read(path, dtype="int16")
        return speech
    voice = voice_factory()
    speech = to_pcm16(voice.synthesize_all(text), voice.sample_rate)
    soundfile.write(path, speech, SAMPLE_RATE, subtype="PCM_16")
    return speech


def stimuli(tts, commands: list[Command], aggressiveness: int) -> list[Stimulus]:
    """The sound of each command: the voice's (deterministic Piper, cached) or the recording's."""
    from ..tts.piper_tts import PiperTts

    voice = []

    def deterministic_voice():
        if not voice:
            voice.append(PiperTts(deterministic=True))
        return voice[0]

    out = []
    for c in commands:
        if c.wav is not None:
            speech = read_wav(c.wav)
        else:
            assert c.text is not None
            speech = spoken(c.text, getattr(tts, "name", "voice"), deterministic_voice)
        pcm = padded(speech)
        out.append(Stimulus(c, pcm, last_voiced_s(pcm, aggressiveness)))
    return out
