"""espeak-ng as a voice for languages no Piper voice covers (Korean: none exists on the registries or
in piper-voices). Formant synthesis: robotic but intelligible, tiny and fast. Same interface as
PiperTts: one chunk per sentence. `tts.voice = "espeak-ng:ko"` selects it."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections.abc import Iterator

import numpy as np
import soundfile

from ..config import Config
from ..errors import UserError
from .piper_tts import PiperTts, SpeechChunk

PREFIX = "espeak-ng:"
# sentence ends for scripts without spaces after the stop, too (。！？)
_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s*")


class EspeakTts:
    def __init__(self, voice: str, speed: int = 160):
        self.binary = shutil.which("espeak-ng")
        if self.binary is None:
            raise UserError("espeak-ng is not installed; run scripts/install.sh (apt install espeak-ng)")
        self.voice = voice
        self.speed = speed
        listed = subprocess.run([self.binary, f"--voices={voice}"], capture_output=True, text=True).stdout
        # --voices=X lists voices whose language *starts with* X ("no" finds Norwegian): match exactly
        names = set()
        for line in listed.splitlines()[1:]:
            cols = line.split()
            if len(cols) >= 5:
                names |= {cols[1], cols[3], cols[4], cols[4].rsplit("/", 1)[-1]}
        if voice not in names:
            raise UserError(f"espeak-ng has no voice {voice!r}; `espeak-ng --voices` lists them")
        self.name = f"{PREFIX}{voice}"
        self.sample_rate = 22050  # espeak-ng's output rate

    def _speak(self, text: str) -> np.ndarray:
        out = subprocess.run(
            [self.binary, "-v", self.voice, "-s", str(self.speed), "--stdout", text],
            capture_output=True,
            check=False,
        )
        if out.returncode != 0 or not out.stdout:
            raise UserError(f"espeak-ng failed: {out.stderr.decode(errors='replace').strip()[:200]}")
        pcm, rate = soundfile.read(io.BytesIO(out.stdout), dtype="int16")
        self.sample_rate = rate
        return pcm

    def synthesize(self, text: str) -> Iterator[SpeechChunk]:
        for sentence in (s.strip() for s in _SENTENCE_END.split(text)):
            if sentence:
                yield SpeechChunk(self._speak(sentence), self.sample_rate, sentence)

    def synthesize_all(self, text: str) -> np.ndarray:
        parts = [c.pcm for c in self.synthesize(text)]
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int16)


def create_local_tts(config: Config):
    """Piper for a Piper voice, espeak-ng for "espeak-ng:VOICE"."""
    voice = config.tts.voice or ""
    if voice.startswith(PREFIX):
        return EspeakTts(voice[len(PREFIX) :])
    return PiperTts(config.tts.voice, config.tts.deterministic, config.tts.length_scale)
